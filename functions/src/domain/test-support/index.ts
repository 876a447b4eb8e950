export * from './customer-mother';
export * from './order-mother';
export * from './invoice-mother';
export * from './audited-request-mother';
export * from './refusal';
export * from './cylinder-mother';

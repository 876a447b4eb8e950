export * from './customer-mother';
export * from './order-mother';
export * from './invoice-mother';

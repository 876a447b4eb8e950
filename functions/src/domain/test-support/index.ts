export * from './customer-mother';
export * from './order-mother';

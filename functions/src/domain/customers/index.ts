export * from './address';
export * from './customer';
export * from './permissions';
export * from './phone';
export * from './search';
export * from './tax-id';
export * from './complaint';

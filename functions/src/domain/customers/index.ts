export * from './address';
export * from './customer';
export * from './cylinders-on-site';
export * from './permissions';
export * from './phone';
export * from './search';
export * from './tax-id';
export * from './complaint';

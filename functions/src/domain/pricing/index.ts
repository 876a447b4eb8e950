export * from './contract-price';
export * from './price-check';
export * from './price-list';
export * from './price-notice';
export * from './repricing';

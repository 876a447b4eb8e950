export * from './invoice';
export * from './period';
export * from './tax';
export * from './invoice-csv';
export * from './allowance';
export * from './allowance-csv';
export * from './proof';
export * from './love-code';

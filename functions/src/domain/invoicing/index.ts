export * from './invoice';
export * from './period';
export * from './tax';
export * from './invoice-csv';

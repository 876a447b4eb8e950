export * from './books';
export * from './credit';
export * from './deposit';
export * from './payment';
export * from './receivables';
export * from './refund';
export * from './statement';
export * from './statement-csv';

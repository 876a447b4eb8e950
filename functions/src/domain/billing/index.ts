export * from './deposit';
export * from './payment';
export * from './receivables';
export * from './statement';
export * from './statement-csv';

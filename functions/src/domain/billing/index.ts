export * from './payment';
export * from './statement';
export * from './statement-csv';

export * from './checklist';
export * from './due';
export * from './filing-csv';
export * from './inspection';

export * from './checklist';
export * from './confirmation';
export * from './driver';
export * from './due';
export * from './filing-csv';
export * from './inspection';
export * from './register-csv';
export * from './inspection-stop';

export * from './actions';
export * from './entry';
export * from './query';
export * from './subject';

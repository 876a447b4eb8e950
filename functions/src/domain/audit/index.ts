export * from './actions';
export * from './entry';
export * from './query';

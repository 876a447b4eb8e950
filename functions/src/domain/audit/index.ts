export * from './entry';
export * from './query';

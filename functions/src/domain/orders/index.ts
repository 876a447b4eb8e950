export * from './delivery';
export * from './events';
export * from './messages';
export * from './order';
export * from './permissions';
export * from './recurring';
export * from './status';
export * from './transition';

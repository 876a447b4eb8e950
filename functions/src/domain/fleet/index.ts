export * from './fleet';
export * from './manage';

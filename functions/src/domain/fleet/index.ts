export * from './fleet';
export * from './manage';
export * from './overtime';

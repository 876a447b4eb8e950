export * from './cylinder';
export * from './stock';
export * from './storage';

export * from './cylinder';
export * from './stock';

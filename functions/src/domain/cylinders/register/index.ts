export * from './deadline';
export * from './door';
export * from './cylinder';
export * from './operations';
export * from './list';
export * from './messages';
export * from './collect';
export * from './stock-movements';

export * from './cylinder';

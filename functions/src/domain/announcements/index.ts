export * from './announcement';

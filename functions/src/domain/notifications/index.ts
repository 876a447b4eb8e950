export * from './channel';
export * from './port';
export * from './templates';

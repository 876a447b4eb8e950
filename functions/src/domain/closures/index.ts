export * from './closure';
export * from './narrow';

export * from './closure';

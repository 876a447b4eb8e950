export * from './service-call';

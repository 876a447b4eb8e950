export * from './service-call';
export * from './customer-notices';

export * from './service-call';
export * from './customer-notices';
export * from './open-calls';

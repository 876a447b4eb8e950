export * from './channel';
export * from './port';
export * from './templates';
export * from './order-notice';
export * from './closure-reminder';
export * from './payment-reminder';
export * from './delay-notice';
export * from './payment-receipt';

export * from './circuit-breaker';
export * from './timeout';
export * from './predictor-fallback';

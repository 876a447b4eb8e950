export * from './account';
export * from './password';
export * from './user';

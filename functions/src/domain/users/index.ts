export * from './account';
export * from './password';
export * from './password-reset';
export * from './user';

export * from './account';
export * from './password';
export * from './password-reset';
export * from './portal-signup';
export * from './user';

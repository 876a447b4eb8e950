export * from './account';
export * from './code-request';
export * from './password';
export * from './password-reset';
export * from './portal-signup';
export * from './user';
export * from './sign-in-failure';

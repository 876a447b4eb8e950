export * from './analytics';
export * from './assignment';
export * from './edit';
export * from './job';
export * from './messages';
export * from './planning';
export * from './route';
export * from './supersede';

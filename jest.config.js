/**
 * One jest run covers every tier: unit tests beside the code, integration tests against the
 * emulators (*.int.test.ts) and browser tests (web/e2e). The global setup starts Google's
 * emulators once; each suite isolates itself with its own project id.
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  // The root transform is what loads the TypeScript global setup and teardown.
  transform: { '^.+\\.ts$': swc },
  // Integration suites start stacks and browsers on a 2-core machine shared with other suites.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/functions/src/local/test-support/global-setup.ts',
  globalTeardown: '<rootDir>/functions/src/local/test-support/global-teardown.ts',
  projects: [
    {
      displayName: 'functions',
      rootDir: '<rootDir>/functions',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/src/**/*.test.ts'],
    },
    {
      displayName: 'web',
      rootDir: '<rootDir>/web',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/e2e/**/*.test.ts'],
    },
  ],
};

import path from 'node:path';

/** Well-known places in the repository, resolved from this file so any working directory works. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const RULES_FILE = path.join(REPO_ROOT, 'firestore.rules');
export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');
/** Git-ignored; survives between `npm start` runs. */
export const LOCAL_DATA = path.join(REPO_ROOT, '.local-data');
/** Git-ignored; logs of emulators started by tests. */
export const TEST_ARTIFACTS = path.join(REPO_ROOT, '.test-artifacts');

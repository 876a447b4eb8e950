import path from 'node:path';
import { LOCAL_DATA } from './paths';

/** Settings of the local stack itself (not of the functions, which read `loadConfig`). */
export interface LocalOptions {
  readonly port: number;
  readonly host: string;
  readonly firestorePort: number;
  readonly pubsubPort: number;
  readonly dataDir: string;
  readonly firestoreDataDir: string;
  readonly demoPassword: string;
  readonly demoPasswordIsDefault: boolean;
  /** False with LG_SKIP_SEED=1: start with an empty database (the start-up smoke test does). */
  readonly seed: boolean;
}

/** For local use only; documented in the README. */
export const DEFAULT_DEMO_PASSWORD = 'luckygas-demo';

function portFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

export function loadLocalOptions(env: Readonly<Record<string, string | undefined>>): LocalOptions {
  const dataDir = path.resolve(env.LG_DATA_DIR || LOCAL_DATA);
  const demoPassword = env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  return {
    port: portFrom(env.PORT, 5000, 'PORT'),
    host: env.LG_HOST || '127.0.0.1',
    // firebase.json's emulator ports; taken ones fall back to free ports.
    firestorePort: portFrom(env.LG_FIRESTORE_PORT, 8080, 'LG_FIRESTORE_PORT'),
    pubsubPort: portFrom(env.LG_PUBSUB_PORT, 8085, 'LG_PUBSUB_PORT'),
    dataDir,
    firestoreDataDir: path.join(dataDir, 'firestore'),
    demoPassword,
    demoPasswordIsDefault: demoPassword === DEFAULT_DEMO_PASSWORD,
    seed: env.LG_SKIP_SEED !== '1',
  };
}

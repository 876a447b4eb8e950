import { randomBytes } from 'node:crypto';
import { container, type Container } from '../../adapters/container';
import { SUBSCRIPTIONS, type SubscriptionSpec } from '../../adapters/pubsub/subscriptions';
import { gatewaysConfigured, loadConfig, type Config } from '../../config/load-config';
import { taipeiDate, type Clock } from '../../domain/clock';
import { startGateway, type GatewayOptions } from '../gateway';
import { freePort } from '../ports';
import { ensureTopicsAndSubscriptions } from '../pubsub-setup';
import { warmUpFirestore } from '../warm-up';

/**
 * Helpers for integration tests against the emulators the global setup started. Every suite
 * works in its own project id, so suites share the emulators without seeing each other's data.
 */

/**
 * A clock that reads `hhmm` Taipei time on today's Taipei date when made, then runs on in real time: for suites whose
 * answer depends on the hour (a hand-over timed from now must end within the shift), so they pass at any time CI runs.
 */
export function taipeiClockAt(hhmm: string): Clock {
  const real = Date.now();
  const pinned = Date.parse(`${taipeiDate(new Date(real))}T${hhmm}:00+08:00`);
  return { now: () => new Date(pinned + (Date.now() - real)) };
}

/** A project id unique to this run and findable by suite name, e.g. `lg-orders-lx3k2a9f1c`. */
export function uniqueProjectId(suite: string): string {
  const slug = suite.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 14) || 'suite';
  return `lg-${slug}-${Date.now().toString(36).slice(-5)}${randomBytes(3).toString('hex')}`;
}

/** Configuration as the environment of a test worker gives it (emulator hosts included), with a fresh project id. */
function configFromEnv(extra: Readonly<Record<string, string>> = {}): Config {
  return loadConfig({
    FIRESTORE_EMULATOR_HOST: process.env.FIRESTORE_EMULATOR_HOST,
    PUBSUB_EMULATOR_HOST: process.env.PUBSUB_EMULATOR_HOST,
    LG_PROJECT_ID: uniqueProjectId('test'),
    LG_AUTH_MODE: 'local',
    ...extra,
  });
}

/** A complete `Config` for tests: emulator hosts from the global setup, a unique project id, then `overrides`. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return overridden(configFromEnv(), overrides);
}

/** `overrides` over `base`; gateways a test gives are taken as delivering, as a deployment's LG_NOTIFY_CHANNELS says. */
function overridden(base: Config, overrides: Partial<Config> = {}): Config {
  const config = { ...base, ...overrides };
  return overrides.notify && !overrides.channels ? { ...config, channels: gatewaysConfigured(config.notify) } : config;
}

/** The emulator host tests talk to; fails loudly when the global setup did not start emulators. */
export function firestoreEmulatorHost(): string {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  if (!host) throw new Error('FIRESTORE_EMULATOR_HOST is not set: integration tests need the emulators (unset LG_SKIP_EMULATORS)');
  return host;
}

/** Deletes every document of `projectId` in the Firestore emulator. */
export async function clearFirestore(projectId: string, host: string = firestoreEmulatorHost()): Promise<void> {
  const res = await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, {
    method: 'DELETE',
  });
  if (!res.ok) throw new Error(`Clearing Firestore of ${projectId} failed: ${res.status} ${await res.text()}`);
}

export interface TestStack {
  readonly url: string;
  readonly config: Config;
  readonly projectId: string;
  /** The container the functions use, for seeding and assertions straight in Firestore. */
  readonly container: Container;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  readonly suite: string;
  /** Consumers to push to; defaults to the subscriptions table. */
  readonly subscriptions?: readonly SubscriptionSpec[];
  /** Applied on top of the stack's configuration (e.g. emulator hosts of a closed port). */
  readonly overrides?: Partial<Config>;
  readonly webDist?: string;
  /** The SPA signs in to this Firebase Auth stand-in (see `GatewayOptions.firebaseAuth`). */
  readonly firebaseAuth?: GatewayOptions['firebaseAuth'];
  /** The functions' "now" (see `taipeiClockAt`); the system clock by default. */
  readonly clock?: Clock;
}

/**
 * The gateway on a free port with a fresh project id, topics and push subscriptions created.
 * One per test file: the functions' container is process-wide within a file.
 */
export async function startTestStack(opts: TestStackOptions): Promise<TestStack> {
  const port = await freePort();
  const config = overridden(
    configFromEnv({
      LG_PROJECT_ID: uniqueProjectId(opts.suite),
      LG_AUTH_ISSUER: `http://127.0.0.1:${port}/api/auth`,
    }),
    opts.overrides,
  );
  const gateway = await startGateway({
    port,
    config,
    ...(opts.subscriptions ? { subscriptions: opts.subscriptions } : {}),
    ...(opts.webDist ? { webDist: opts.webDist } : {}),
    ...(opts.firebaseAuth ? { firebaseAuth: opts.firebaseAuth } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const c = await container();
  if (!opts.overrides?.emulators) {
    await Promise.all([
      warmUpFirestore(c.db),
      ensureTopicsAndSubscriptions(c.pubsub, { subscriptions: opts.subscriptions ?? SUBSCRIPTIONS, pushBase: gateway.url }),
    ]);
  }
  return {
    url: gateway.url,
    config,
    projectId: config.projectId,
    container: c,
    clear: () => clearFirestore(config.projectId, config.emulators.firestore),
    async close() {
      await gateway.close();
      await Promise.allSettled([c.db.terminate(), c.pubsub.close()]);
    },
  };
}

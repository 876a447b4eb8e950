import { freePort } from '../local/ports';
import { startTestStack, type TestStack } from '../local/test-support';
import './health';

describe('GET /api/health with the emulators up', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ suite: 'health-up' });
  });
  afterAll(() => stack.close());

  it('answers 200 with both checks ok and the app version, without a token', async () => {
    const res = await fetch(`${stack.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      version: stack.config.appVersion,
      checks: { firestore: 'ok', pubsub: 'ok' },
    });
  });
});

describe('GET /api/health with Firestore down', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // The Firestore SDK lets this variable override the configured host; the test must point elsewhere.
    delete process.env.FIRESTORE_EMULATOR_HOST;
    const closed = `127.0.0.1:${await freePort()}`;
    const pubsub = process.env.PUBSUB_EMULATOR_HOST;
    stack = await startTestStack({
      suite: 'health-down',
      overrides: { emulators: { firestore: closed, ...(pubsub ? { pubsub } : {}) } },
    });
  });
  afterAll(() => stack.close());

  it('answers 503 naming Firestore as down and Pub/Sub as ok', async () => {
    const started = Date.now();
    const res = await fetch(`${stack.url}/api/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', checks: { firestore: 'down', pubsub: 'ok' } });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

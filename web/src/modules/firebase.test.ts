import type { SessionUser } from '../lib/types';
import { customToken, loadFirebaseModule, startFirebaseAuthServer, type LocalFirebaseAuth } from './test-support/firebase-auth-server';

/** The production sign-in path of modules/firebase.ts, with the real Firebase JS SDK against a local Firebase Auth. */
const API_KEY = 'test-web-api-key';
const PROJECT = 'lucky-gas-test';
const driver: SessionUser = { uid: 'u-driver3', username: 'driver3', displayName: '司機 三', role: 'driver', driverId: 'drv-3' };

let auth: LocalFirebaseAuth;
beforeAll(async () => {
  auth = await startFirebaseAuthServer(PROJECT);
});
afterAll(() => auth.stop());

const realFetch = globalThis.fetch;

/**
 * Firebase Auth clears its 30 s request timeout only when fetch answers, so a refused connection
 * leaves it running and the jest worker could not exit; the timers started inside `run` are unref'd.
 */
async function withUnrefTimers<T>(run: () => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  const unrefd = (...args: Parameters<typeof setTimeout>) => original(...args).unref();
  globalThis.setTimeout = unrefd as unknown as typeof setTimeout;
  try {
    return await run();
  } finally {
    globalThis.setTimeout = original;
  }
}
afterEach(() => {
  globalThis.fetch = realFetch;
  auth.calls.length = 0;
});

describe('Firestore session without an emulator (production path)', () => {
  it('signs in with the login custom token once, and the ID token carries the role claims the rules read', async () => {
    const m = await loadFirebaseModule({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: auth.host } }, realFetch);
    const token = customToken(driver.uid, { role: 'driver', driverId: 'drv-3' });
    const [db, again] = await Promise.all([m.firestoreFor(driver, token), m.firestoreFor(driver, token)]);
    expect(again).toBe(db);

    const signIns = auth.calls.filter((c) => c.path.endsWith('accounts:signInWithCustomToken'));
    expect(signIns).toEqual([
      { path: '/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken', key: API_KEY, body: expect.objectContaining({ token, returnSecureToken: true }) },
    ]);
    const firebaseAuth = m.getAuth(m.getApp(`lucky-gas-${driver.uid}`));
    const user = firebaseAuth.currentUser;
    expect(user?.uid).toBe('u-driver3');
    const { claims, signInProvider } = (await user?.getIdTokenResult()) ?? {};
    expect(signInProvider).toBe('custom');
    expect(claims).toMatchObject({ sub: 'u-driver3', role: 'driver', driverId: 'drv-3' });

    await m.closeFirestore();
    expect(firebaseAuth.currentUser).toBeNull();
    expect(m.getApps()).toEqual([]);
  });

  it('refuses to hand out Firestore without a custom token and leaves no app behind', async () => {
    const m = await loadFirebaseModule({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: auth.host } }, realFetch);
    await expect(m.firestoreFor(driver)).rejects.toThrow(/no Firebase sign-in token/);
    expect(m.getApps()).toEqual([]);
    expect(auth.calls).toEqual([]);
  });
});

describe('API bearer without a local token (production path)', () => {
  it('sends the ID token Firebase Auth minted for the custom-token session, with one sign-in for Firestore and API', async () => {
    const m = await loadFirebaseModule({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: auth.host } }, realFetch);
    const { createApiClient } = await import('../lib/api-client');
    const token = customToken(driver.uid, { role: 'driver', driverId: 'drv-3' });
    const sent: (string | null)[] = [];
    const api = createApiClient({
      baseUrl: 'http://api.invalid',
      getToken: () => m.idTokenFor(driver, token),
      getLocale: () => 'zh-TW',
      fetch: async (_input, init) => {
        sent.push(new Headers(init?.headers).get('authorization'));
        return Response.json({});
      },
    });
    await m.firestoreFor(driver, token);
    await api.get('/api/routes/mine');
    await api.post('/api/driver/stops/o1/deliver', { actionId: 'a1' });

    const idToken = await m.getAuth(m.getApp(`lucky-gas-${driver.uid}`)).currentUser?.getIdToken();
    expect(sent).toEqual([`Bearer ${idToken}`, `Bearer ${idToken}`]);
    const claims = JSON.parse(Buffer.from(String(idToken).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: `https://securetoken.google.com/${PROJECT}`, aud: PROJECT, sub: driver.uid, role: 'driver', driverId: 'drv-3' });
    expect(auth.calls.filter((c) => c.path.endsWith('accounts:signInWithCustomToken'))).toHaveLength(1);
    await m.closeFirestore();
  });

  it('makes the call fail as unreachable, sending nothing, when Firebase Auth cannot be reached', async () => {
    const m = await loadFirebaseModule({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: '127.0.0.1:9' } }, realFetch);
    const { createApiClient, NETWORK_UNREACHABLE } = await import('../lib/api-client');
    const fetched = jest.fn(async () => Response.json({}));
    const api = createApiClient({
      baseUrl: 'http://api.invalid',
      getToken: () => m.idTokenFor(driver, customToken(driver.uid, { role: 'driver', driverId: 'drv-3' })),
      getLocale: () => 'zh-TW',
      fetch: fetched,
    });
    await withUnrefTimers(() => expect(api.get('/api/routes/mine')).rejects.toMatchObject({ status: 0, code: NETWORK_UNREACHABLE }));
    expect(fetched).not.toHaveBeenCalled();
    expect(m.getApps()).toEqual([]);
  });
});

describe('which sign-in failures end the session (signInRefused)', () => {
  const token = () => customToken(driver.uid, { role: 'driver', driverId: 'drv-3' });
  const failureOf = (attempt: Promise<unknown>) => attempt.then(() => null, (e: unknown) => e);

  it('a custom token Firebase Auth refuses, or none to sign in with, does', async () => {
    const refusing = await startFirebaseAuthServer(PROJECT, {
      signIn: async () => {
        throw new Error('TOKEN_EXPIRED');
      },
    });
    try {
      const m = await loadFirebaseModule({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: refusing.host } }, realFetch);
      const refused = await failureOf(m.idTokenFor(driver, token()));
      expect(refused).toMatchObject({ code: expect.stringMatching(/^auth\//) });
      expect(m.signInRefused(refused)).toBe(true);
      expect(m.signInRefused(await failureOf(m.idTokenFor(driver)))).toBe(true);
      expect(m.getApps()).toEqual([]);
    } finally {
      await refusing.stop();
    }
  });

  it('Firebase Auth out of reach does not, nor /__/firebase/init.json out of reach (a plain TypeError, a reload without signal)', async () => {
    const unreachable = await loadFirebaseModule({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: '127.0.0.1:9' } }, realFetch);
    const offline = await withUnrefTimers(() => failureOf(unreachable.idTokenFor(driver, token())));
    expect(offline).toMatchObject({ code: 'auth/network-request-failed' });
    expect(unreachable.signInRefused(offline)).toBe(false);

    const reloaded = await loadFirebaseModule({ projectId: PROJECT, apiKey: API_KEY }, realFetch);
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const noConfig = await failureOf(reloaded.idTokenFor(driver, token()));
    expect(noConfig).toBeInstanceOf(TypeError);
    expect(reloaded.signInRefused(noConfig)).toBe(false);
  });
});

describe('Firestore session against the emulator', () => {
  it('uses the mock user token and never talks to Firebase Auth', async () => {
    const m = await loadFirebaseModule({ projectId: PROJECT, emulators: { firestore: '127.0.0.1:8080' } }, realFetch);
    await m.firestoreFor(driver, customToken(driver.uid, { role: 'driver', driverId: 'drv-3' }));
    expect(m.getApps().map((a) => a.name)).toEqual([`lucky-gas-${driver.uid}`]);
    expect(auth.calls).toEqual([]);
    await m.closeFirestore();
    expect(m.getApps()).toEqual([]);
  });
});

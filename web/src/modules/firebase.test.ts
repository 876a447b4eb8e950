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

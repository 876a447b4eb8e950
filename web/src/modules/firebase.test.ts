import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionUser } from '../lib/types';

/**
 * Runs the production sign-in path of modules/firebase.ts with the real Firebase JS SDK against a
 * local stand-in for Firebase Auth that speaks the Identity Toolkit REST format the SDK uses
 * (`accounts:signInWithCustomToken`, then `accounts:lookup`) and, like the Auth emulator, turns the
 * custom token's `claims` into top-level claims of an unsigned ID token.
 */
const API_KEY = 'test-web-api-key';
const PROJECT = 'lucky-gas-test';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

interface AuthCall {
  path: string;
  key: string | null;
  body: Record<string, unknown>;
}

let server: Server;
let authHost: string;
const calls: AuthCall[] = [];

function idTokenFor(customToken: string): { uid: string; idToken: string } {
  const { uid, claims } = decode(customToken) as { uid: string; claims: Record<string, unknown> };
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    ...claims,
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    auth_time: now,
    user_id: uid,
    sub: uid,
    iat: now,
    exp: now + 3600,
    firebase: { identities: {}, sign_in_provider: 'custom' },
  };
  return { uid, idToken: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.` };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ path: url.pathname, key: url.searchParams.get('key'), body });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && url.pathname === '/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken') {
        const { idToken } = idTokenFor(String(body['token']));
        res.end(JSON.stringify({ kind: 'identitytoolkit#VerifyCustomTokenResponse', idToken, refreshToken: 'refresh-1', expiresIn: '3600', isNewUser: false }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/identitytoolkit.googleapis.com/v1/accounts:lookup') {
        const claims = decode(String(body['idToken']));
        res.end(JSON.stringify({ kind: 'identitytoolkit#GetAccountInfoResponse', users: [{ localId: claims['sub'], customAuth: true, createdAt: '1764295200000', lastLoginAt: '1764295200000' }] }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 404, message: `unexpected ${url.pathname}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  authHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  calls.length = 0;
});

/** A fresh copy of the module (it caches init.json) with `/__/firebase/init.json` answering `init`. */
async function load(init: Record<string, unknown>) {
  globalThis.fetch = ((input: RequestInfo | URL, options?: RequestInit) =>
    String(input) === '/__/firebase/init.json' ? Promise.resolve(Response.json(init)) : realFetch(input, options)) as typeof fetch;
  jest.resetModules();
  const firebase = await import('./firebase');
  const app = await import('firebase/app');
  const auth = await import('firebase/auth');
  return { ...firebase, ...app, ...auth };
}

function customToken(uid: string, claims: Record<string, string>): string {
  const now = Math.floor(Date.now() / 1000);
  const aud = 'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit';
  const iss = 'firebase-auth-emulator@example.com';
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss, sub: iss, aud, iat: now, exp: now + 3600, uid, claims })}.`;
}

const driver: SessionUser = { uid: 'u-driver3', username: 'driver3', displayName: '司機 三', role: 'driver', driverId: 'drv-3' };

describe('Firestore session without an emulator (production path)', () => {
  it('signs in with the login custom token once, and the ID token carries the role claims the rules read', async () => {
    const m = await load({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: authHost } });
    const token = customToken(driver.uid, { role: 'driver', driverId: 'drv-3' });
    const [db, again] = await Promise.all([m.firestoreFor(driver, token), m.firestoreFor(driver, token)]);
    expect(again).toBe(db);

    const signIns = calls.filter((c) => c.path.endsWith('accounts:signInWithCustomToken'));
    expect(signIns).toEqual([
      { path: '/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken', key: API_KEY, body: expect.objectContaining({ token, returnSecureToken: true }) },
    ]);
    const auth = m.getAuth(m.getApp(`lucky-gas-${driver.uid}`));
    const user = auth.currentUser;
    expect(user?.uid).toBe('u-driver3');
    const { claims, signInProvider } = (await user?.getIdTokenResult()) ?? {};
    expect(signInProvider).toBe('custom');
    expect(claims).toMatchObject({ sub: 'u-driver3', role: 'driver', driverId: 'drv-3' });

    await m.closeFirestore();
    expect(auth.currentUser).toBeNull();
    expect(m.getApps()).toEqual([]);
  });

  it('refuses to hand out Firestore without a custom token and leaves no app behind', async () => {
    const m = await load({ projectId: PROJECT, apiKey: API_KEY, emulators: { auth: authHost } });
    await expect(m.firestoreFor(driver)).rejects.toThrow(/no Firebase sign-in token/);
    expect(m.getApps()).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('Firestore session against the emulator', () => {
  it('uses the mock user token and never talks to Firebase Auth', async () => {
    const m = await load({ projectId: PROJECT, emulators: { firestore: '127.0.0.1:8080' } });
    await m.firestoreFor(driver, customToken(driver.uid, { role: 'driver', driverId: 'drv-3' }));
    expect(m.getApps().map((a) => a.name)).toEqual([`lucky-gas-${driver.uid}`]);
    expect(calls).toEqual([]);
    await m.closeFirestore();
    expect(m.getApps()).toEqual([]);
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Firebase Auth that speaks the Identity Toolkit REST format the JS SDK uses
 * for a custom-token sign-in (`accounts:signInWithCustomToken`, then `accounts:lookup`) and, like
 * the Auth emulator, answers with an unsigned ID token whose top-level claims are the custom
 * token's `claims`. It does not check signatures; the backend tests pin those down. Given `signIn`,
 * it answers with that function's ID token instead (e.g. one the API in firebase mode accepts) and
 * refuses the custom token as Firebase does when the function throws; given `apiKey`, it refuses other keys. It answers browsers' CORS
 * preflights, so the built SPA can sign in to it from another origin.
 */
export interface AuthCall {
  readonly path: string;
  readonly key: string | null;
  readonly body: Record<string, unknown>;
}

export interface LocalFirebaseAuth {
  /** `host:port`, as `init.json`'s `emulators.auth` gives it. */
  readonly host: string;
  readonly calls: AuthCall[];
  stop(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** An unsigned JWT, the form the Auth emulator both mints and accepts. */
export const unsignedJwt = (payload: Record<string, unknown>) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;

export const CUSTOM_TOKEN_AUDIENCE = 'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit';

/** A custom token as POST /api/auth/login returns it against the emulators. */
export function customToken(uid: string, claims: Record<string, string>): string {
  const now = Math.floor(Date.now() / 1000);
  const iss = 'firebase-auth-emulator@example.com';
  return unsignedJwt({ iss, sub: iss, aud: CUSTOM_TOKEN_AUDIENCE, iat: now, exp: now + 3600, uid, claims });
}

function idTokenFor(customToken: string, projectId: string): string {
  const { uid, claims } = decode(customToken) as { uid: string; claims: Record<string, unknown> };
  const now = Math.floor(Date.now() / 1000);
  return unsignedJwt({
    ...claims,
    iss: `https://securetoken.google.com/${projectId}`,
    aud: projectId,
    auth_time: now,
    user_id: uid,
    sub: uid,
    iat: now,
    exp: now + 3600,
    firebase: { identities: {}, sign_in_provider: 'custom' },
  });
}

export interface FirebaseAuthServerOptions {
  /** Mints the ID token for a custom token; rejects what Firebase Auth would refuse. */
  readonly signIn?: (customToken: string) => Promise<string>;
  /** The project's web API key: a call with another `key` is refused as Google refuses it. Any key passes when unset. */
  readonly apiKey?: string;
}

export async function startFirebaseAuthServer(projectId: string, options: FirebaseAuthServerOptions = {}): Promise<LocalFirebaseAuth> {
  const calls: AuthCall[] = [];
  const signIn = options.signIn ?? (async (token: string) => idTokenFor(token, projectId));
  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'POST');
      res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ path: url.pathname, key: url.searchParams.get('key'), body });
      res.setHeader('content-type', 'application/json');
      if (options.apiKey !== undefined && url.searchParams.get('key') !== options.apiKey) {
        res.statusCode = 400;
        const message = 'API key not valid. Please pass a valid API key.';
        res.end(JSON.stringify({ error: { code: 400, message, status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }] } }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken') {
        const idToken = await signIn(String(body['token'])).catch(() => null);
        if (!idToken) {
          res.statusCode = 400;
          res.end(JSON.stringify({ error: { code: 400, message: 'INVALID_CUSTOM_TOKEN' } }));
          return;
        }
        res.end(JSON.stringify({ kind: 'identitytoolkit#VerifyCustomTokenResponse', idToken, refreshToken: 'refresh-1', expiresIn: '3600', isNewUser: false }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/identitytoolkit.googleapis.com/v1/accounts:lookup') {
        const localId = decode(String(body['idToken']))['sub'];
        res.end(JSON.stringify({ kind: 'identitytoolkit#GetAccountInfoResponse', users: [{ localId, customAuth: true, createdAt: '1764295200000', lastLoginAt: '1764295200000' }] }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 404, message: `unexpected ${url.pathname}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A fresh copy of modules/firebase.ts (it caches init.json) and of the Firebase SDK it uses, with
 * `/__/firebase/init.json` answering `init`. Restore `globalThis.fetch` after each test.
 */
export async function loadFirebaseModule(init: Record<string, unknown>, realFetch: typeof fetch) {
  globalThis.fetch = ((input: RequestInfo | URL, options?: RequestInit) =>
    String(input) === '/__/firebase/init.json' ? Promise.resolve(Response.json(init)) : realFetch(input, options)) as typeof fetch;
  jest.resetModules();
  return {
    ...(await import('../firebase')),
    ...(await import('firebase/app')),
    ...(await import('firebase/auth')),
    ...(await import('firebase/firestore')),
  };
}

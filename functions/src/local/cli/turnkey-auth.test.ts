import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHttpServer, type LocalHttpServer, type RecordedRequest } from '../../adapters/notify/test-support/http-server';
import { apiFailure, apiToken, readPasswordFile, signIn } from './turnkey-auth';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'turnkey-auth-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fileWith(name: string, text: string, mode: number): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

describe('the Turnkey machine’s password file', () => {
  it('reads the first line of a private file without a warning', async () => {
    const warnings: string[] = [];
    expect(await readPasswordFile(await fileWith('private', 'correct horse battery\r\nnotes\n', 0o600), (w) => warnings.push(w))).toBe('correct horse battery');
    expect(warnings).toEqual([]);
  });

  it('warns when group or others may read it, and still reads it', async () => {
    const warnings: string[] = [];
    const file = await fileWith('shared', 'correct horse battery\n', 0o640);
    expect(await readPasswordFile(file, (w) => warnings.push(w))).toBe('correct horse battery');
    expect(warnings).toEqual([`${file} can be read by other users (mode 640); make it private: chmod 600 ${file}`]);
  });

  it('refuses an empty file', async () => {
    await expect(readPasswordFile(await fileWith('empty', '\n', 0o600), () => undefined)).rejects.toThrow('holds no password');
  });
});

describe('which credentials a run uses', () => {
  const never = () => {
    throw new Error('no warning expected');
  };

  it('never takes a password on the command line', async () => {
    await expect(apiToken('http://127.0.0.1:1', new Map([['user', 'turnkey'], ['password', 'secret']]), never)).rejects.toThrow('--password is not taken');
  });

  it('needs --user and --password-file together, or a token file', async () => {
    await expect(apiToken('http://127.0.0.1:1', new Map([['user', 'turnkey']]), never)).rejects.toThrow('--user and --password-file go together');
    await expect(apiToken('http://127.0.0.1:1', new Map(), never)).rejects.toThrow('no credentials: sign in with --user');
    const tokenFile = await fileWith('token', 'eyJ.token.sig\n', 0o600);
    expect(await apiToken('http://127.0.0.1:1', new Map([['token-file', tokenFile]]), never)).toBe('eyJ.token.sig');
  });
});

describe('a refused API call', () => {
  it('says to sign in again on 401 and which account to use on 403, with the server’s code', () => {
    const forbidden = JSON.stringify({ error: { code: 'AUTH.FORBIDDEN', message: 'You are not allowed to do this.' } });
    expect(apiFailure('GET /api/invoices/uploads', 403, forbidden).message).toBe(
      'GET /api/invoices/uploads: this account may not call the upload endpoints; use an account with the role 財政部上傳機 / Turnkey machine (turnkey). AUTH.FORBIDDEN: You are not allowed to do this.',
    );
    expect(apiFailure('GET /api/invoices/uploads', 401, '{"error":{"code":"AUTH.UNAUTHENTICATED","message":"Sign in."}}').message).toMatch(/token was refused .*--password-file/);
    expect(apiFailure('POST /api/invoices/uploads/results', 502, '<html>Bad gateway</html>').message).toBe('POST /api/invoices/uploads/results: 502 <html>Bad gateway</html>');
  });
});

describe('signing in to a firebase-mode API', () => {
  /** The API (login answering a custom token, init.json) and Identity Toolkit on one local server; each test sets the answers. */
  let server: LocalHttpServer;
  let init: { status: number; body: unknown };
  let toolkit: { status: number; body: unknown };
  const requests: RecordedRequest[] = [];
  beforeAll(async () => {
    server = await startHttpServer((req, res) => {
      requests.push(req);
      const answer = req.url === '/api/auth/login' ? { status: 200, body: { firebaseToken: 'custom-token', expiresAt: '2026-11-29T11:00:00.000Z' } } : req.url === '/__/firebase/init.json' ? init : toolkit;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    requests.length = 0;
    init = { status: 200, body: { projectId: 'lucky-gas', apiKey: 'web-api-key' } };
    toolkit = { status: 200, body: { kind: 'identitytoolkit#VerifyCustomTokenResponse', idToken: 'id-token', refreshToken: 'r', expiresIn: '3600', isNewUser: false } };
  });

  it('posts the custom token with --firebase-api-key to --identity-toolkit, as the firebase SDK does, and bears the ID token', async () => {
    const options = { apiKey: 'key from option', identityToolkit: `${server.baseUrl}/identitytoolkit.googleapis.com/` };
    expect(await signIn(server.baseUrl, 'turnkey', 'pw', options)).toBe('id-token');
    const exchange = requests.find((r) => r.url.includes('signInWithCustomToken'));
    expect(exchange?.url).toBe('/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=key%20from%20option');
    expect(JSON.parse(exchange?.body.toString('utf8') ?? '')).toEqual({ token: 'custom-token', returnSecureToken: true });
    expect(requests.map((r) => r.url)).not.toContain('/__/firebase/init.json');
  });

  it('asks for --firebase-api-key when init.json names no key or is not served', async () => {
    init = { status: 200, body: { projectId: 'lucky-gas', emulators: { firestore: null } } };
    await expect(signIn(server.baseUrl, 'turnkey', 'pw')).rejects.toThrow(`${server.baseUrl}/__/firebase/init.json names no apiKey: pass the project's web API key with --firebase-api-key`);
    init = { status: 404, body: {} };
    await expect(signIn(server.baseUrl, 'turnkey', 'pw')).rejects.toThrow(`init.json answered 404: pass the project's web API key with --firebase-api-key`);
  });

  it('says so when Firebase Auth refuses the key from init.json, or the custom token', async () => {
    const identityToolkit = server.baseUrl;
    toolkit = { status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } } };
    await expect(signIn(server.baseUrl, 'turnkey', 'pw', { identityToolkit })).rejects.toThrow(
      `Firebase Auth refused the web API key from ${server.baseUrl}/__/firebase/init.json (API key not valid. Please pass a valid API key.): pass the project's web API key`,
    );
    toolkit = { status: 400, body: { error: { code: 400, message: 'INVALID_CUSTOM_TOKEN', errors: [{ message: 'INVALID_CUSTOM_TOKEN', domain: 'global', reason: 'invalid' }] } } };
    await expect(signIn(server.baseUrl, 'turnkey', 'pw', { identityToolkit })).rejects.toThrow(
      "Firebase Auth refused the login's custom token (400 INVALID_CUSTOM_TOKEN): the API's LG_FIREBASE_TOKEN_SIGNER and the web API key must belong to the same project",
    );
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { firestoreUserStore } from '../../functions/src/adapters/firestore/user-store';
import { EINVOICE_UPLOADS } from '../../functions/src/adapters/invoicing/einvoice-upload-store';
import { invoiceSchema, type Invoice } from '../../functions/src/domain/invoicing';
import { issueUpload, type EinvoiceUpload } from '../../functions/src/domain/invoicing/mig-upload';
import { exampleOf } from '../../functions/src/domain/schema';
import { hashPassword, newUser } from '../../functions/src/domain/users';
import { startTestStack, type TestStack } from '../../functions/src/local/test-support';
import { SIGNER_ACCOUNT, startFirebaseAuthStandIns, type FirebaseAuthStandIns } from '../../functions/src/local/test-support/firebase-auth';
import { startFirebaseAuthServer, type LocalFirebaseAuth } from '../src/modules/test-support/firebase-auth-server';

/**
 * `npm run turnkey:sync` against the API in firebase mode, as on the deployed product: login answers a Firebase custom
 * token (signed by the signJwt stand-in), the CLI exchanges it at the Identity Toolkit stand-in with the web API key of
 * the gateway's init.json, and the upload endpoints take the ID token (checked against the securetoken stand-in's keys).
 * It lives beside the browser tests because the Identity Toolkit stand-in is the SPA's (web/src/modules/test-support).
 */

const API_KEY = 'test-web-api-key';
const PASSWORD = 'turnkey-machine-password';
const cli = path.join(__dirname, '..', '..', 'functions', 'src', 'local', 'cli', 'turnkey-sync.ts');
const base = invoiceSchema.parse(exampleOf(invoiceSchema));
const invoice: Invoice = { ...base, id: 'inv-TF00000001', number: 'TF00000001' };
const upload = issueUpload(invoice, new Date());

let google: FirebaseAuthStandIns;
let firebaseAuth: LocalFirebaseAuth;
let stack: TestStack;
let dir: string;
let passwordFile: string;

const run = (...extra: string[]) =>
  promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', cli, '--api', stack.url, '--user', 'turnkey', '--password-file', passwordFile, '--upcast', path.join(dir, 'UpCast'), '--results', path.join(dir, 'Unpack'), ...extra],
    { timeout: 60_000 },
  );
const signIns = () => firebaseAuth.calls.filter((c) => c.path === '/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken');
const status = async () => ((await stack.container.db.collection(EINVOICE_UPLOADS).doc(upload.id).get()).data() as EinvoiceUpload).status;

beforeAll(async () => {
  google = await startFirebaseAuthStandIns('turnkey-firebase');
  firebaseAuth = await startFirebaseAuthServer(google.overrides.projectId, { signIn: google.signInWithCustomToken, apiKey: API_KEY });
  stack = await startTestStack({ suite: 'turnkey-firebase', subscriptions: [], overrides: google.overrides, firebaseAuth: { apiKey: API_KEY, emulator: firebaseAuth.host } });
  const account = { username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey', password: PASSWORD } as const;
  await firestoreUserStore(stack.container.db).create(newUser(account, await hashPassword(PASSWORD), 'u-not-a-portal-account'));
  await stack.container.db.collection(EINVOICE_UPLOADS).doc(upload.id).set(upload);
  dir = await mkdtemp(path.join(tmpdir(), 'turnkey-firebase-'));
  passwordFile = path.join(dir, 'turnkey.password');
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await firebaseAuth?.stop();
  await google?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run turnkey:sync against a firebase-mode API', () => {
  it('exits 1 saying the web API key was refused when --firebase-api-key is wrong, and delivers nothing', async () => {
    await expect(run('--firebase-api-key', 'not-the-key')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('turnkey:sync failed: Firebase Auth refused the web API key from --firebase-api-key (API key not valid. Please pass a valid API key.)'),
    });
    expect(signIns().map((c) => c.key)).toEqual(['not-the-key']);
    expect(await status()).toBe('pending');
  }, 90_000);

  it('exchanges the login’s custom token for an ID token with init.json’s web API key, as the firebase SDK does, and syncs with it', async () => {
    const { stdout, stderr } = await run();
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({ pending: 1, written: 1, delivered: 1 });
    expect(existsSync(path.join(dir, 'UpCast', 'B2SSTORAGE', 'F0401', 'SRC', 'F0401_TF00000001.xml'))).toBe(true);
    expect(await status()).toBe('delivered');
    const exchange = signIns().at(-1);
    expect(exchange).toMatchObject({ key: API_KEY, body: { returnSecureToken: true } });
    // What login handed out: a custom token signed as the signer account for the turnkey account's uid and role.
    expect(decodeJwt(String(exchange?.body['token']))).toMatchObject({ iss: SIGNER_ACCOUNT, uid: 'u-turnkey', claims: { role: 'turnkey' } });
  }, 90_000);
});

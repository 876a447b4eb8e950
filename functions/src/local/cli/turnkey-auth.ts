/**
 * How `npm run turnkey:sync` gets its bearer token: with `--user <name> --password-file <file>` it signs in through
 * `POST /api/auth/login` at the start of every run, so cron never meets an expired token; `--token-file` holds a token
 * got some other way. The password is never taken on the command line (`ps` and shell history would show it).
 * Against a firebase-mode API login answers a Firebase custom token, which the CLI exchanges for an ID token over
 * Identity Toolkit's REST API as the firebase SDK does (`--firebase-api-key`, `--identity-toolkit`).
 */
import { readFile, stat } from 'node:fs/promises';

const SIGN_IN_HELP = 'sign in with --user <turnkey account> --password-file <file> (functions/src/local/README.md)';

/** The server's own (English) message of an error answer, or the raw text when it is not one. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error?.code) return `${body.error.code}: ${body.error.message ?? ''}`.trim();
  } catch {
    // Not JSON (a proxy's page): the text itself says most.
  }
  return text.slice(0, 300);
}

/** Why an API call was refused, in words that say what to change (main prints it, the run exits 1); other failures keep status and text. */
export function apiFailure(call: string, status: number, text: string): Error {
  if (status === 401) return new Error(`${call}: the token was refused (expired, or not this server's): ${SIGN_IN_HELP}. ${serverMessage(text)}`);
  if (status === 403) {
    return new Error(`${call}: this account may not call the upload endpoints; use an account with the role 財政部上傳機 / Turnkey machine (turnkey). ${serverMessage(text)}`);
  }
  return new Error(`${call}: ${status} ${serverMessage(text)}`);
}

/** The password file's first line. A file group or others may read is warned about, not refused (Windows ACLs have no such bits). */
export async function readPasswordFile(file: string, warn: (message: string) => void): Promise<string> {
  const info = await stat(file);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    warn(`${file} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); make it private: chmod 600 ${file}`);
  }
  const password = (await readFile(file, 'utf8')).split(/\r?\n/, 1)[0] ?? '';
  if (!password) throw new Error(`${file} holds no password`);
  return password;
}

/** Google's Identity Toolkit; the Auth emulator serves it as `http://<host>/identitytoolkit.googleapis.com`. */
const IDENTITY_TOOLKIT = 'https://identitytoolkit.googleapis.com';

/** Where a custom token is exchanged; unset fields are read from the API's `/__/firebase/init.json`. */
export interface FirebaseSignInOptions {
  readonly apiKey?: string;
  readonly identityToolkit?: string;
}

/** An API base URL as given, without its trailing slashes, for appending paths. */
export const withoutSlash = (url: string) => url.replace(/\/+$/, '');

/** Google's error answer `{ error: { code, message, status } }`: its message, or the raw text when it is not one. */
function googleMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not JSON: the text itself says most.
  }
  return text.slice(0, 300);
}

/**
 * The web API key (and, on a local stack, the Auth emulator) the SPA signs in with: what Firebase Hosting serves beside
 * the API at `/__/firebase/init.json`, unless the options name them.
 */
async function firebaseTarget(api: string, options: FirebaseSignInOptions): Promise<{ apiKey: string; keySource: string; identityToolkit: string }> {
  let init: { apiKey?: string; emulators?: { auth?: string | null } } = {};
  if (!options.apiKey || !options.identityToolkit) {
    const res = await fetch(`${withoutSlash(api)}/__/firebase/init.json`, { signal: AbortSignal.timeout(30_000) });
    // A host without Firebase Hosting may answer with some page instead: no key there either.
    if (res.ok) init = ((await res.json().catch(() => ({}))) ?? {}) as typeof init;
    else if (!options.apiKey) throw new Error(`the API runs in firebase mode and ${api}/__/firebase/init.json answered ${res.status}: pass the project's web API key with --firebase-api-key`);
  }
  const apiKey = options.apiKey ?? init.apiKey;
  if (!apiKey) throw new Error(`the API runs in firebase mode and ${api}/__/firebase/init.json names no apiKey: pass the project's web API key with --firebase-api-key`);
  const emulator = init.emulators?.auth;
  return {
    apiKey,
    keySource: options.apiKey ? '--firebase-api-key' : `${api}/__/firebase/init.json`,
    identityToolkit: withoutSlash(options.identityToolkit ?? (emulator ? `http://${emulator}/identitytoolkit.googleapis.com` : IDENTITY_TOOLKIT)),
  };
}

/** `accounts:signInWithCustomToken`, as the firebase SDK's `signInWithCustomToken` calls it: the session's ID token, the API's bearer in firebase mode. */
export async function exchangeCustomToken(api: string, customToken: string, options: FirebaseSignInOptions): Promise<string> {
  const { apiKey, keySource, identityToolkit } = await firebaseTarget(api, options);
  const res = await fetch(`${identityToolkit}/v1/accounts:signInWithCustomToken?key=${encodeURIComponent(apiKey)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: customToken, returnSecureToken: true }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) {
    const message = googleMessage(text);
    if (/API key|API_KEY/i.test(message)) throw new Error(`Firebase Auth refused the web API key from ${keySource} (${message}): pass the project's web API key (Firebase console → Project settings) with --firebase-api-key`);
    throw new Error(`Firebase Auth refused the login's custom token (${res.status} ${message}): the API's LG_FIREBASE_TOKEN_SIGNER and the web API key must belong to the same project`);
  }
  const { idToken } = JSON.parse(text) as { idToken?: string };
  if (!idToken) throw new Error(`${identityToolkit} answered signInWithCustomToken without an idToken`);
  return idToken;
}

/** `POST /api/auth/login`: the local issuer's API token for the account, or in firebase mode the ID token its custom token is exchanged for. */
export async function signIn(api: string, username: string, password: string, firebase: FirebaseSignInOptions = {}): Promise<string> {
  const res = await fetch(`${withoutSlash(api)}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status === 401) throw new Error(`login as ${username} refused: wrong username or password, or the account is disabled (${serverMessage(text)})`);
  if (res.status === 429) throw new Error(`login as ${username} refused for now: too many failed logins (${serverMessage(text)})`);
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${serverMessage(text)}`);
  const { token, firebaseToken } = JSON.parse(text) as { token?: string; firebaseToken?: string };
  if (token) return token;
  if (!firebaseToken) throw new Error(`login as ${username} gave neither an API token nor a Firebase custom token`);
  return exchangeCustomToken(api, firebaseToken, firebase);
}

/** The bearer for this run, from `--user` / `--password-file` or `--token-file`. */
export async function apiToken(api: string, options: ReadonlyMap<string, string>, warn: (message: string) => void): Promise<string> {
  if (options.has('password')) throw new Error('--password is not taken (the command line is visible to every user): put it in a file named by --password-file');
  const user = options.get('user');
  const passwordFile = options.get('password-file');
  const firebase = { apiKey: options.get('firebase-api-key'), identityToolkit: options.get('identity-toolkit') };
  if (user && passwordFile) return signIn(api, user, await readPasswordFile(passwordFile, warn), firebase);
  if (user || passwordFile) throw new Error('--user and --password-file go together');
  const tokenFile = options.get('token-file');
  if (tokenFile) return (await readFile(tokenFile, 'utf8')).trim();
  throw new Error(`no credentials: ${SIGN_IN_HELP}, or pass --token-file`);
}

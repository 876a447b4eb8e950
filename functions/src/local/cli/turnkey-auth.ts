/**
 * How `npm run turnkey:sync` gets its bearer token: with `--user <name> --password-file <file>` it signs in through
 * `POST /api/auth/login` at the start of every run, so cron never meets an expired token; `--token-file` holds a token
 * got some other way. The password is never taken on the command line (`ps` and shell history would show it).
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

/** `POST /api/auth/login`: the local issuer's API token for the account. */
export async function signIn(api: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${api.replace(/\/+$/, '')}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status === 401) throw new Error(`login as ${username} refused: wrong username or password, or the account is disabled (${serverMessage(text)})`);
  if (res.status === 429) throw new Error(`login as ${username} refused for now: too many failed logins (${serverMessage(text)})`);
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${serverMessage(text)}`);
  const { token } = JSON.parse(text) as { token?: string };
  // Firebase mode answers with a Firebase custom token only, which this CLI does not exchange for an ID token.
  if (!token) throw new Error(`login as ${username} gave no API token (the server runs in firebase mode): pass a Firebase ID token with --token-file`);
  return token;
}

/** The bearer for this run, from `--user` / `--password-file` or `--token-file`. */
export async function apiToken(api: string, options: ReadonlyMap<string, string>, warn: (message: string) => void): Promise<string> {
  if (options.has('password')) throw new Error('--password is not taken (the command line is visible to every user): put it in a file named by --password-file');
  const user = options.get('user');
  const passwordFile = options.get('password-file');
  if (user && passwordFile) return signIn(api, user, await readPasswordFile(passwordFile, warn));
  if (user || passwordFile) throw new Error('--user and --password-file go together');
  const tokenFile = options.get('token-file');
  if (tokenFile) return (await readFile(tokenFile, 'utf8')).trim();
  throw new Error(`no credentials: ${SIGN_IN_HELP}, or pass --token-file`);
}

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiFailure, apiToken, readPasswordFile } from './turnkey-auth';

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

import type { JWK } from 'jose';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SigningKeyStore } from '../../http/auth/local-issuer';

/** Keeps the local dev issuer's key on disk so tokens survive a restart of the local stack. */
export function fileSigningKeyStore(dir: string): SigningKeyStore {
  const file = join(dir, 'signing-key.jwk.json');
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as JWK;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async save(key) {
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify(key), { mode: 0o600 });
    },
  };
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The server's source root, `functions/src`. */
export const SERVER_SRC = join(__dirname, '../../..');

/** Every source file under `dir` (the server's source by default), tests left out: what is deployed. */
export function serverSources(dir = SERVER_SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serverSources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

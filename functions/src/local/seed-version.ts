/**
 * Which demo seed wrote a data dir. `npm start` keeps the data between runs and seeds only a fresh dir, so a dir seeded
 * before a change to the seed (a customer put on 合約價, say) keeps the older demo without a word (audit 18, F8). The
 * seed's sources are hashed at seeding and kept on the seed marker; a later start whose seed hashes otherwise warns.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The demo seed's sources (every `.ts` under `dir` but the tests) as one short hash: what a seed is told apart by. */
export function seedSourcesVersion(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) hash.update(`${path.relative(dir, file)}\0`).update(readFileSync(file)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 12);
}

/**
 * The warning to print when the data in `dataDir` was seeded by other seed code than this checkout's (`seededWith`
 * absent: seeded before versions were kept), or null when it is this code's. No flag reseeds in place: the seed writes
 * over what it finds, so documents an older seed wrote and the newer does not would stay beside the new ones.
 */
export function staleSeedWarning(seededWith: string | undefined, current: string, dataDir: string): string | null {
  if (seededWith === current) return null;
  const which = seededWith === undefined ? 'by demo-seed code from before seed versions were recorded' : `by other demo-seed code (${seededWith}; this checkout's is ${current})`;
  return [
    `Warning: the data in ${dataDir} was seeded ${which}.`,
    '  What the seed writes now (customers, terms, routes…) may be missing or different there.',
    `  For the current demo data, start on a fresh directory (LG_DATA_DIR=/tmp/lg-demo-new npm start) or delete ${dataDir} to seed it again.`,
  ].join('\n');
}

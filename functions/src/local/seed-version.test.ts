import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedSourcesVersion, staleSeedWarning } from './seed-version';

describe('seedSourcesVersion', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lg-seed-version-'));
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'index.ts'), 'export const customers = 320;\n');
    writeFileSync(path.join(dir, 'nested', 'contracts.ts'), 'export const terms = [];\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stays the same for the same sources, and changes with any seed source, nested ones too, added or changed', () => {
    const before = seedSourcesVersion(dir);
    expect(seedSourcesVersion(dir)).toBe(before);
    writeFileSync(path.join(dir, 'nested', 'contracts.ts'), "export const terms = [{ size: 50, kind: 'discount', amount: 100 }];\n");
    const changed = seedSourcesVersion(dir);
    expect(changed).not.toBe(before);
    writeFileSync(path.join(dir, 'service-calls.ts'), 'export const calls = 3;\n');
    expect(seedSourcesVersion(dir)).not.toBe(changed);
  });

  it('ignores the seed’s tests and other files, which write no data', () => {
    const before = seedSourcesVersion(dir);
    writeFileSync(path.join(dir, 'index.test.ts'), "it('seeds', () => undefined);\n");
    writeFileSync(path.join(dir, 'README.md'), '# seed\n');
    expect(seedSourcesVersion(dir)).toBe(before);
  });
});

describe('staleSeedWarning', () => {
  it('says nothing for data this checkout’s seed wrote', () => {
    expect(staleSeedWarning('0123456789ab', '0123456789ab', '/tmp/lg-demo')).toBeNull();
  });

  it('warns of data other seed code wrote, naming the dir and both versions, and how to get the current demo', () => {
    const warning = staleSeedWarning('0123456789ab', 'ba9876543210', '/tmp/lg-demo');
    expect(warning).toContain('the data in /tmp/lg-demo was seeded by other demo-seed code (0123456789ab; this checkout\'s is ba9876543210)');
    expect(warning).toContain('start on a fresh directory (LG_DATA_DIR=/tmp/lg-demo-new npm start) or delete /tmp/lg-demo to seed it again');
  });

  it('warns of data seeded before versions were recorded', () => {
    expect(staleSeedWarning(undefined, 'ba9876543210', '/tmp/lg-demo')).toContain('seeded by demo-seed code from before seed versions were recorded');
  });
});

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PERSONAL_DATA_SECTIONS } from '../../domain/customers';
import { demoDocuments, generateDemoData } from '../../local/seed';
import { DELETED_ON_ERASURE, ON_ERASURE } from './customer-erasure-store';
import { COPIED, NAMES_NO_CUSTOMER, NOT_COPIED } from './personal-data-store';
import { SERVER_SRC, serverSources } from './test-support/server-sources';

/** How the source names a collection it reads or writes: the argument is a quoted name or a constant. */
const NAMING = [
  /\.collection\(\s*(['`]?)([A-Za-z_]+)\1\s*\)/g,
  /collectionGroup\(\s*(['`]?)([A-Za-z_]+)\1\s*\)/g,
  /(?:customerRecords|firestoreDayRangeStore)<[^>]*>\(\s*db,\s*(['`]?)([A-Za-z_]+)\1/g,
  /uow\.(?:set|put|read|readAll|remove)(?:<[^>]*>)?\(\s*(['`]?)([A-Za-z_]+)\1\s*,/g,
  /collection: (['`])([a-zA-Z]+)\1/g,
  /\.doc\(\s*(['`])([a-zA-Z]+)\//g,
];
const CONSTANT = /(?:export )?const ([A-Z_]+) = '([a-zA-Z]+)';/g;

/** Every collection the server's source names, a constant read in its own file first, else where it is exported. */
function collectionsInSource(): Map<string, string> {
  const files = serverSources().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const exported = new Map(files.flatMap((f) => [...f.text.matchAll(CONSTANT)].map((m) => [m[1], m[2]] as [string, string])));
  const found = new Map<string, string>();
  for (const f of files) {
    const local = new Map([...f.text.matchAll(CONSTANT)].map((m) => [m[1], m[2]] as [string, string]));
    for (const pattern of NAMING) {
      for (const m of f.text.matchAll(pattern)) {
        // An unquoted lower-case argument is a helper's parameter (`collection`), named where the helper is called.
        const name = m[1] ? m[2] : (local.get(m[2] ?? '') ?? exported.get(m[2] ?? ''));
        if (name) found.set(name, relative(SERVER_SRC, f.path));
      }
    }
  }
  return found;
}

const classified = new Set([...Object.keys(COPIED), ...Object.keys(NOT_COPIED), ...NAMES_NO_CUSTOMER]);

describe("the personal-data copy's list of collections (個資法 §3)", () => {
  it('places every collection the source reads or writes: in the copy, left out with a reason, or naming no customer', () => {
    const found = collectionsInSource();
    expect(found.size).toBeGreaterThan(40);
    const unplaced = [...found].filter(([name]) => !classified.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(unplaced).toEqual([]);
  });

  it('places every collection whose demo documents name a customer among those naming customers', async () => {
    const data = await generateDemoData({ today: '2026-11-28', now: '2026-11-28T16:00:00.000Z' });
    const customerIds = new Set(data.customers.map((c) => c.id));
    const namingCustomers = new Set<string>();
    for (const write of demoDocuments(data)) {
      const segments = write.path.split('/');
      const collection = segments[segments.length - 2] ?? '';
      const ids = JSON.stringify(write.data).match(/cust-[\w-]+/g) ?? [];
      if (ids.some((id) => customerIds.has(id))) namingCustomers.add(collection);
    }
    expect(namingCustomers).toContain('orders');
    const wrong = [...namingCustomers].filter((c) => !(c in COPIED) && !(c in NOT_COPIED));
    expect(wrong).toEqual([]);
  });

  it('says what the erasure (刪除個資) does to every collection naming a customer, those it deletes among them', () => {
    expect(Object.keys(ON_ERASURE).sort()).toEqual([...Object.keys(COPIED), ...Object.keys(NOT_COPIED)].sort());
    for (const name of DELETED_ON_ERASURE) expect([name, ON_ERASURE[name]?.does]).toEqual([name, 'deleted']);
  });

  it('copies each section from a collection of the list, and each listed collection into its section', () => {
    expect(new Set(Object.values(COPIED))).toEqual(new Set([...PERSONAL_DATA_SECTIONS, 'customer', 'accounts']));
    for (const name of NAMES_NO_CUSTOMER) expect([name, name in COPIED || name in NOT_COPIED]).toEqual([name, false]);
  });
});

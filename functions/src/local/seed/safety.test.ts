import { addDays } from '../../domain/calendar';
import { driverSchema } from '../../domain/fleet';
import { safetyDueOf, safetyInspectionSchema } from '../../domain/safety';
import { generateDemoWorld, type DemoWorld } from './generate';
import { demoDocuments } from './index';
import { safetySummaries } from './safety';

const TODAY = '2026-11-28';
let world: DemoWorld;

beforeAll(() => {
  world = generateDemoWorld({ today: TODAY });
}, 60_000);

describe('the demo safety inspections', () => {
  it('gives every driver a certificate valid today', () => {
    for (const d of world.drivers) {
      expect(driverSchema.parse(d)).toEqual(d);
      expect(d.safetyCertificate?.validUntil && d.safetyCertificate.validUntil >= TODAY).toBe(true);
    }
  });

  it('are valid records, none after yesterday, by certified drivers', () => {
    const numbers = new Set(world.drivers.map((d) => d.safetyCertificate?.number));
    expect(world.safetyInspections.length).toBeGreaterThan(world.customers.length);
    for (const i of world.safetyInspections) {
      expect(safetyInspectionSchema.parse(i)).toEqual(i);
      expect(i.inspectedOn <= addDays(TODAY, -1)).toBe(true);
      expect(numbers).toContain(i.technician.certificateNo);
    }
    expect(new Set(world.safetyInspections.map((i) => i.id)).size).toBe(world.safetyInspections.length);
  });

  it('leave most customers passed within two years, some overdue or never inspected, a few with items open', () => {
    const summaries = safetySummaries(world.safetyInspections);
    const due = world.customers.map((c) => ({ summary: summaries.get(c.id), status: safetyDueOf(summaries.get(c.id), TODAY, 0) }));
    const share = (p: (x: (typeof due)[number]) => boolean) => due.filter(p).length / due.length;
    expect(share((x) => x.summary?.result === 'pass' && !x.status.due)).toBeGreaterThan(0.6);
    expect(share((x) => x.summary?.result === 'pass' && x.status.overdueDays > 0)).toBeGreaterThan(0.04);
    expect(share((x) => x.summary === undefined)).toBeGreaterThan(0.02);
    const open = due.filter((x) => x.summary?.result === 'needsFix');
    expect(open.length).toBeGreaterThan(5);
    for (const x of open) expect(x.summary?.openItems.length).toBeGreaterThan(0);
  });

  it('are the same for the same seed and day', () => {
    expect(generateDemoWorld({ today: TODAY }).safetyInspections).toEqual(world.safetyInspections);
  }, 60_000);

  it('write each customer with the summary of their latest inspection', () => {
    const docs = demoDocuments({ ...world, users: [] });
    const summaries = safetySummaries(world.safetyInspections);
    const customer = docs.find((d) => d.path === `customers/${[...summaries.keys()][0]}`)?.data as { safety?: unknown };
    expect(customer.safety).toEqual([...summaries.values()][0]);
    expect(docs.filter((d) => d.path.startsWith('safetyInspections/'))).toHaveLength(world.safetyInspections.length);
  });
});

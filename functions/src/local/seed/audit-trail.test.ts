import { addDays, taipeiInstant } from '../../domain/calendar';
import { AUDIT_ACTIONS, auditActionKey, REDACTED, type AuditEntry } from '../../domain/audit';
import { API_FUNCTIONS } from '../../functions/api-functions';
import { AUDIT_TRAIL_DAYS, demoAuditTrail } from './audit-trail';
import { generateDemoWorld, type DemoWorld } from './generate';
import { DEFAULT_DEMO_PASSWORD, demoAccounts } from './users';

const TODAY = '2026-11-28';
/** 10:00 in Taipei: the morning's first deliveries are done, most of the day's are still ahead. */
const NOW = '2026-11-28T02:00:00.000Z';
/** Generation takes a second or two; the 2-core machine may be busy with other suites. */
const SLOW_MS = 60_000;

let world: DemoWorld;
let trail: AuditEntry[];

beforeAll(() => {
  world = generateDemoWorld({ today: TODAY, now: NOW });
  trail = demoAuditTrail(world);
}, SLOW_MS);

/** Every id a seeded document has, by what it is. */
function seededIds(w: DemoWorld): Set<string> {
  return new Set([
    ...[w.customers, w.orders, w.upcomingOrders, w.priceList, w.closures, w.complaints, w.payments, w.invoices, w.safetyInspections, w.routes, w.depots, w.vehicles, w.drivers]
      .flat()
      .map((x) => x.id),
    ...demoAccounts(w.customers).map((a) => a.uid),
  ]);
}

const routeOf = (e: AuditEntry) => API_FUNCTIONS.find((f) => f.name === e.function)?.routes.find((r) => r.method === e.method && r.path === e.route);

describe('the demo’s audit trail', () => {
  it('has entries of every kind the demo holds, each about a seeded record, made by a demo account', () => {
    const ids = seededIds(world);
    const accounts = new Map(demoAccounts(world.customers).map((a) => [a.uid, a]));
    expect(trail.length).toBeGreaterThan(1000);
    expect(trail.filter((e) => e.entityId === null || !ids.has(e.entityId)).map((e) => e.id)).toEqual([]);
    expect(trail.filter((e) => accounts.get(e.actor.uid)?.role !== e.actor.role).map((e) => e.id)).toEqual([]);
    const kinds = new Set(trail.map((e) => auditActionKey(e.function, e.method, e.route)));
    for (const kind of ['customers POST /', 'users POST /', 'fleet POST /drivers', 'prices POST /', 'closures POST /', 'invoices POST /:id/void', 'orders POST /', 'orders POST /:id/confirm', 'driver POST /stops/:orderId/deliver', 'routes POST /:id/publish', 'customers POST /:id/payments', 'safety-inspections POST /']) {
      expect(kinds).toContain(kind);
    }
  });

  it('names only audited routes, as the route table has them, each with a label in zh-TW and English', () => {
    const unlabelled = trail.filter((e) => !AUDIT_ACTIONS[auditActionKey(e.function, e.method, e.route)]);
    expect(unlabelled.map((e) => e.id)).toEqual([]);
    const mismatched = trail.filter((e) => {
      const route = routeOf(e);
      return !route || route.docs.summary !== e.summary || (route.docs.successStatus ?? 200) !== e.status;
    });
    expect(mismatched.map((e) => e.id)).toEqual([]);
  });

  it('keeps no password: the accounts’ bodies hold it redacted', () => {
    expect(JSON.stringify(trail)).not.toContain(DEFAULT_DEMO_PASSWORD);
    const accounts = trail.filter((e) => e.function === 'users');
    expect(accounts.length).toBe(demoAccounts(world.customers).length - 1);
    for (const e of accounts) expect(e.body).toMatchObject({ password: REDACTED });
  });

  it('runs oldest first from setting the system up to the instant seeded at, with ids unique and the same for the same world', () => {
    const times = trail.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(trail.at(-1)?.at.localeCompare(NOW)).toBeLessThanOrEqual(0);
    expect(trail[0]).toMatchObject({ function: 'fleet', route: '/depots', actor: { uid: 'u-admin' } });
    const firstCustomer = trail.find((e) => e.function === 'customers' && e.route === '/');
    expect(trail[0]?.at.localeCompare(firstCustomer?.at ?? '')).toBeLessThan(0);
    expect(new Set(trail.map((e) => e.id)).size).toBe(trail.length);
    expect(JSON.stringify(demoAuditTrail(world))).toBe(JSON.stringify(trail));
  });

  it('creates each portal account after its customer was entered', () => {
    const entered = new Map(trail.filter((e) => e.function === 'customers' && e.route === '/').map((e) => [e.entityId, e.at]));
    const portal = demoAccounts(world.customers).filter((a) => a.customerId);
    expect(portal.length).toBeGreaterThan(0);
    for (const a of portal) {
      const made = trail.find((e) => e.function === 'users' && e.entityId === a.uid);
      expect(made?.at.localeCompare(entered.get(a.customerId ?? '') ?? '')).toBeGreaterThan(0);
    }
  });

  it('has each order taken in the last two weeks, by whoever took it when it was taken, and its delivery under the action id of the route’s stop', () => {
    const since = taipeiInstant(addDays(TODAY, -AUDIT_TRAIL_DAYS), '00:00');
    const recent = [...world.orders, ...world.upcomingOrders].filter((o) => o.createdAt >= since);
    const created = new Map(trail.filter((e) => e.function === 'orders' && e.route === '/').map((e) => [e.entityId, e]));
    expect(recent.length).toBeGreaterThan(100);
    expect(created.size).toBe(recent.length);
    for (const o of recent) expect([o.id, created.get(o.id)?.at, created.get(o.id)?.actor.uid]).toEqual([o.id, o.createdAt, o.createdBy.uid]);
    const deliveries = new Map(trail.filter((e) => e.route === '/stops/:orderId/deliver').map((e) => [e.entityId, e]));
    const doneStops = world.routes.flatMap((r) => r.stops.filter((s) => s.outcome?.status === 'delivered'));
    expect(doneStops.length).toBeGreaterThan(0);
    for (const s of doneStops) expect(deliveries.get(s.orderId)?.body).toMatchObject({ actionId: s.outcome?.actionId });
  });
});

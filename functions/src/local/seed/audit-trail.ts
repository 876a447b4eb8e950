/**
 * The demo's audit log (稽核紀錄): the changes the seeded data says were made through the API, each entry built as the
 * HTTP layer builds it — the domain's `auditEntryOf` over the request the route would have seen, its body parsed by
 * the route's own schema (secrets redacted, defaults filled in), its summary and success status from the route table —
 * so the trail reads as if the demo had been clicked together. Pure: the same world gives the same entries and ids.
 */
import { addDays, taipeiInstant } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { auditEntryOf, type AuditEntry } from '../../domain/audit';
import type { Order, TimelineEntry } from '../../domain/orders';
import type { Principal } from '../../domain/users';
import { API_FUNCTIONS } from '../../functions/api-functions';
import { isAudited, type HttpMethod } from '../../http/endpoint';
import type { DemoWorld } from './generate';
import { demoActionId } from './routes';
import { DEFAULT_DEMO_PASSWORD, demoAccounts } from './users';

/** The days before today whose day-to-day changes (orders, deliveries, payments, inspections) are in the trail. */
export const AUDIT_TRAIL_DAYS = 14;
/** Addresses from the documentation ranges (RFC 5737): the office's fixed line, the drivers' phones, customers at home. */
const OFFICE_IP = '203.0.113.24';
const driverIp = (n: number): string => `198.51.100.${10 + n}`;
const customerIp = (n: number): string => `192.0.2.${10 + n}`;

/** One call the seeded data implies: who made it, when, on which route, with what, answered with what. */
interface Call {
  /** Names the entry: `demo-<what>-<subject>`, so the same world gives the same ids. */
  readonly id: string;
  readonly by: string;
  readonly at: string;
  readonly fn: string;
  readonly method: HttpMethod;
  readonly route: string;
  readonly params?: Readonly<Record<string, string>>;
  /** As the client sent it; the route's schema keeps what it accepts. */
  readonly body?: unknown;
  readonly response: unknown;
}

function auditedRoute(fn: string, method: HttpMethod, route: string) {
  const found = API_FUNCTIONS.find((f) => f.name === fn)?.routes.find((r) => r.method === method && r.path === route);
  if (!found || !isAudited(found)) throw new Error(`No audited route ${method} /api/${fn}${route}`);
  return found;
}

function principals(world: DemoWorld): Map<string, { principal: Principal; ip: string }> {
  return new Map(
    demoAccounts(world.customers).map((a) => {
      const n = Number(/\d+$/.exec(a.uid)?.[0] ?? 0);
      const ip = a.role === 'driver' ? driverIp(n) : a.role === 'customer' ? customerIp(n) : OFFICE_IP;
      const principal: Principal = { uid: a.uid, role: a.role, ...(a.driverId ? { driverId: a.driverId } : {}), ...(a.customerId ? { customerId: a.customerId } : {}) };
      return [a.uid, { principal, ip }];
    }),
  );
}

const minutesAfter = (instant: string, minutes: number): string => new Date(Date.parse(instant) + minutes * 60_000).toISOString();

/**
 * The admin's first morning, the day before the first customer was entered: depots, trucks and drivers, then the staff's
 * accounts (their own came with the system); each customer entered by the office when it was created, and a portal
 * customer's account made by the admin the next morning.
 */
function setupCalls(world: DemoWorld, at: string): Call[] {
  const byAdmin = { by: 'u-admin', fn: 'fleet', method: 'POST' as const };
  const accounts = demoAccounts(world.customers).filter((a) => a.uid !== 'u-admin');
  const firstMorning: Omit<Call, 'at'>[] = [
    ...world.depots.map((d) => ({ ...byAdmin, id: `demo-created-${d.id}`, route: '/depots', body: d, response: d })),
    ...world.vehicles.map((v) => ({ ...byAdmin, id: `demo-created-${v.id}`, route: '/vehicles', body: v, response: v })),
    ...world.drivers.map((d) => ({ ...byAdmin, id: `demo-created-${d.id}`, route: '/drivers', body: d, response: d })),
    ...accounts.filter((a) => !a.customerId).map((a) => ({ ...byAdmin, fn: 'users', id: `demo-created-${a.uid}`, route: '/', body: { ...a, password: DEFAULT_DEMO_PASSWORD }, response: a })),
  ];
  const createdAt = new Map(world.customers.map((c) => [c.id, c.createdAt]));
  const portal: Call[] = accounts.flatMap((a) => {
    const customerCreated = a.customerId ? createdAt.get(a.customerId) : undefined;
    if (!customerCreated) return [];
    const nextMorning = taipeiInstant(addDays(taipeiDate(new Date(customerCreated)), 1), '09:30');
    return [{ ...byAdmin, fn: 'users', id: `demo-created-${a.uid}`, at: nextMorning, route: '/', body: { ...a, password: DEFAULT_DEMO_PASSWORD }, response: a }];
  });
  const customers: Call[] = world.customers.map((c) => {
    // The code comes from the counter and the pin from the geocoder (the demo's are `address` precision): neither is sent.
    const { code: _code, location: _location, ...sent } = c;
    return { id: `demo-created-${c.id}`, by: 'u-office', at: c.createdAt, fn: 'customers', method: 'POST', route: '/', body: sent, response: c };
  });
  return [...firstMorning.map((call, i) => ({ ...call, at: minutesAfter(at, i) })), ...customers, ...portal];
}

/** Prices, 春節 closures, complaints and voided invoices: rare enough to keep since the system began. */
function officeRecordCalls(world: DemoWorld): Call[] {
  return [
    ...world.priceList.map((p) => ({ id: `demo-created-${p.id}`, by: p.createdBy, at: p.createdAt, fn: 'prices', method: 'POST' as const, route: '/', body: p, response: p })),
    ...world.closures.map((c) => ({
      id: `demo-created-${c.id}`,
      by: c.createdBy,
      at: c.createdAt,
      fn: 'closures',
      method: 'POST' as const,
      route: '/',
      body: c,
      response: { closure: c, affectedOrders: [] },
    })),
    ...world.complaints.map((c) => ({
      id: `demo-created-${c.id}`,
      by: c.by.uid,
      at: c.at,
      fn: 'customers',
      method: 'POST' as const,
      route: '/:id/complaints',
      params: { id: c.customerId },
      body: c,
      response: c,
    })),
    ...world.invoices.flatMap((inv) =>
      inv.status === 'void' && inv.voidedAt && inv.voidedBy
        ? [{ id: `demo-voided-${inv.id}`, by: inv.voidedBy.uid, at: inv.voidedAt, fn: 'invoices', method: 'POST' as const, route: '/:id/void', params: { id: inv.id }, body: { reason: inv.voidReason }, response: inv }]
        : [],
    ),
  ];
}

/** The call that made one step of an order's timeline; scheduling and setting out are the routes' (`routeCalls`). */
function orderStepCall(order: Order, step: TimelineEntry): Call | null {
  const params = { id: order.id };
  const base = { by: step.by.uid, at: step.at, response: order };
  const onOrder = { ...base, fn: 'orders', method: 'POST' as const };
  const atStop = { ...base, fn: 'driver', method: 'POST' as const, params: { orderId: order.id } };
  const actionId = demoActionId(order.id);
  switch (step.to) {
    case 'pending':
      if (step.from !== null) return null;
      return {
        ...onOrder,
        id: `demo-created-${order.id}`,
        route: '/',
        body: {
          customerId: order.customerId,
          items: order.items.map(({ size, quantity }) => ({ size, quantity })),
          emptiesToCollect: order.emptiesToCollect,
          requestedDate: order.requestedDate,
          ...(order.timeWindow ? { timeWindow: order.timeWindow } : {}),
          priority: order.priority,
          notes: order.notes,
        },
      };
    case 'confirmed':
      return { ...onOrder, id: `demo-confirmed-${order.id}`, route: '/:id/confirm', params };
    case 'cancelled':
      return { ...onOrder, id: `demo-cancelled-${order.id}`, route: '/:id/cancel', params, body: { reason: step.reason } };
    case 'delivered':
      return order.delivery
        ? {
            ...atStop,
            id: `demo-delivered-${order.id}`,
            route: '/stops/:orderId/deliver',
            body: { actionId, delivered: order.delivery.delivered, emptiesCollected: order.delivery.emptiesCollected, cashCollected: order.delivery.cashCollected },
            response: { actionId, orderId: order.id, status: order.status },
          }
        : null;
    case 'failed':
      return { ...atStop, id: `demo-failed-${order.id}`, route: '/stops/:orderId/fail', body: { actionId, reason: step.reason }, response: { actionId, orderId: order.id, status: order.status } };
    default:
      return null;
  }
}

/** Today's routes published by the office and set out on by their drivers (past days' routes are not kept). */
function routeCalls(world: DemoWorld): Call[] {
  return world.routes.flatMap((r) => {
    const driverUid = `u-driver${Number(r.driverId.slice(4))}`;
    const published: Call = { id: `demo-published-${r.id}`, by: 'u-office', at: r.publishedAt, fn: 'routes', method: 'POST', route: '/:id/publish', params: { id: r.id }, response: r };
    const started: Call[] = r.startedAt
      ? [{ id: `demo-started-${r.id}`, by: driverUid, at: r.startedAt, fn: 'driver', method: 'POST', route: '/routes/:routeId/start', params: { routeId: r.id }, response: { routeId: r.id, status: 'in_progress' } }]
      : [];
    return [published, ...started];
  });
}

/** The last `AUDIT_TRAIL_DAYS` of day-to-day work: orders taken and moved on, payments entered, inspections recorded. */
function recentCalls(world: DemoWorld, since: string): Call[] {
  const orders = [...world.orders, ...world.upcomingOrders].flatMap((o) => o.timeline.filter((step) => step.at >= since).flatMap((step) => orderStepCall(o, step) ?? []));
  const payments = world.payments
    .filter((p) => p.at >= since)
    .map((p) => ({ id: `demo-created-${p.id}`, by: p.by.uid, at: p.at, fn: 'customers', method: 'POST' as const, route: '/:id/payments', params: { id: p.customerId }, body: p, response: p }));
  const inspections = world.safetyInspections
    .filter((s) => s.createdAt >= since)
    .map((s) => ({
      id: `demo-created-${s.id}`,
      by: s.by.uid,
      at: s.createdAt,
      fn: 'safety-inspections',
      method: 'POST' as const,
      route: '/',
      body: { customerId: s.customerId, inspectedOn: s.inspectedOn, items: s.items, confirmation: s.confirmation, ...(s.notes ? { notes: s.notes } : {}), ...(s.orderId ? { orderId: s.orderId } : {}) },
      response: s,
    }));
  return [...orders, ...routeCalls(world), ...payments, ...inspections];
}

/**
 * The audit entries of the demo world, oldest first: the admin setting the system up the day before the first customer
 * was entered, and every customer and portal account since; the price changes, closures, complaints and invoice voids
 * the demo holds; and the last `AUDIT_TRAIL_DAYS` days'
 * orders (taken, confirmed, cancelled, delivered, failed), today's routes, payments and safety inspections. Nothing after
 * the world's `now`. Jobs run by the scheduler are left out: their caller is the scheduler's service account, no demo user.
 */
export function demoAuditTrail(world: DemoWorld): AuditEntry[] {
  const who = principals(world);
  const firstCustomer = world.customers.map((c) => c.createdAt).sort()[0] ?? taipeiInstant(world.historyStart, '00:00');
  const setupAt = taipeiInstant(addDays(taipeiDate(new Date(firstCustomer)), -1), '09:00');
  const since = taipeiInstant(addDays(world.today, -AUDIT_TRAIL_DAYS), '00:00');
  const calls = [...setupCalls(world, setupAt), ...officeRecordCalls(world).filter((c) => c.at >= setupAt), ...recentCalls(world, since)].filter((c) => c.at <= world.now);
  return calls
    .map((call) => {
      const route = auditedRoute(call.fn, call.method, call.route);
      const caller = who.get(call.by);
      if (!caller) throw new Error(`No demo account ${call.by} for ${call.id}`);
      return auditEntryOf(
        {
          requestId: call.id,
          principal: caller.principal,
          function: call.fn,
          method: call.method,
          route: call.route,
          summary: route.docs.summary,
          params: call.params ?? {},
          body: route.body ? route.body.parse(call.body ?? {}) : undefined,
          status: route.docs.successStatus ?? 200,
          response: call.response,
          ip: caller.ip,
        },
        new Date(call.at),
      );
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/**
 * Writes the demo data set to Firestore (the emulator in the local stack; never deployed). Every
 * document has a deterministic id and is written with `set`, so seeding twice leaves the same data.
 */
import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { AUDIT_LOG, firestoreAuditLogStore } from '../../adapters/firestore/audit-log-store';
import { EINVOICE_UPLOADS } from '../../adapters/invoicing/einvoice-upload-store';
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import type { Customer } from '../../domain/customers';
import type { Driver } from '../../domain/fleet';
import { periodDocId } from '../../domain/invoicing';
import { ORDER_TRACKING, orderTrackingOf, type OrderTracking } from '../../domain/notifications';
import type { Order } from '../../domain/orders';
import { alertDocument } from '../../domain/reports/alerts';
import { sumCounterDeltas, timelineCounterDeltas, timelineEvents } from '../../domain/reports/daily-counters';
import { punctualityDelta, stopOfOrder } from '../../domain/reports/punctuality';
import { demoAuditTrail } from './audit-trail';
import type { DemoRoute } from './routes';
import { generateDemoData, type DemoData } from './generate';
import { withSafetyDueKey } from '../../domain/safety';
import { safetySummaries } from './safety';
import { demoCylinders } from './cylinders';
import { createRng } from './prng';
import { demoSettlements } from './settlements';
import { demoStock } from './stock';

export { generateDemoData, generateDemoWorld, generateOrderHistory, DEFAULT_DEMO_SEED, HISTORY_DAYS } from './generate';
export type { DemoData, DemoOptions, DemoWorld, OrderHistory } from './generate';
export type { DemoRoute, DemoRouteStop } from './routes';
export { DEFAULT_DEMO_PASSWORD } from './users';

export interface SeedOptions {
  readonly seed?: string;
  /** The instant the demo is seeded at: nothing written happened after it. Defaults to the clock's now. */
  readonly now?: Date;
  /** Defaults to `now`'s day in Taipei. */
  readonly today?: string;
  /** Defaults to `luckygas-demo`; the local stack passes DEMO_PASSWORD. */
  readonly password?: string;
  /** Batch commits in flight at once. */
  readonly concurrency?: number;
}

export interface SeedResult {
  readonly today: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly generateMs: number;
  readonly writeMs: number;
}

/** Firestore's limit on writes in one batch. */
const BATCH_LIMIT = 500;
/** Who records the demo's past hand-ins (司機日結): the office account. */
const SETTLING_CLERK = { uid: 'u-office', role: 'office' } as const;
/** How far back the demo's alerts reach: the office's list shows the last week. */
const ALERT_DAYS = 7;

export interface DocumentWrite {
  readonly path: string;
  readonly data: object;
}

/** The documents of a data set: `collection/id` → data, plus the counter new customers' codes continue from. */
export function demoDocuments(data: DemoData): DocumentWrite[] {
  const docs = <T extends object>(collection: string, items: readonly T[], id: (x: T) => string): DocumentWrite[] =>
    items.map((item) => ({ path: `${collection}/${id(item)}`, data: item }));
  const byId = (x: { readonly id: string }): string => x.id;
  const orders = [...data.orders, ...data.upcomingOrders];
  // Orders and routes are versioned aggregates (adapters/firestore/aggregate-store.ts): the version orders their events.
  const versioned = <T extends object>(items: readonly T[]) => items.map((item) => ({ ...item, version: 1 }));
  // Each customer carries the summary of their latest inspection and the due list's key, as the API's transaction leaves them.
  const safety = safetySummaries(data.safetyInspections);
  const customers = data.customers.map((c) => {
    const summary = safety.get(c.id);
    return withSafetyDueKey(summary ? { ...c, safety: summary } : c);
  });
  return [
    ...docs('depots', data.depots, byId),
    ...docs('vehicles', data.vehicles, byId),
    ...docs('drivers', data.drivers, byId),
    ...docs('users', data.users, (u: { uid: string }) => u.uid),
    ...docs('priceList', data.priceList, byId),
    ...docs('closures', data.closures, byId),
    ...docs('customers', customers, byId),
    ...docs('safetyInspections', data.safetyInspections, byId),
    ...docs('serviceCalls', data.serviceCalls, byId),
    ...docs('orders', versioned(orders), byId),
    // The history never went through the outbox, so its report counters are replayed from the timelines.
    ...docs('reports', sumCounterDeltas(orders.flatMap(timelineCounterDeltas)), (d) => `daily-${d.day}`),
    ...docs('reports', sumCounterDeltas(orders.flatMap((o) => stopOfOrder(o) ?? []).map(punctualityDelta)), (d) => `punctuality-${d.day}`),
    ...docs('routes', versioned(data.routes), byId),
    // 配送追蹤 of today's orders out for delivery, as the trackOrders consumer leaves it once a route moves on.
    ...docs(ORDER_TRACKING, demoTracking(data.routes, orders, data.drivers, data.now), (t) => t.orderId),
    ...docs('alerts', recentAlerts(orders, data.customers, data.today), (a) => String(a['id'])),
    ...docs('complaints', data.complaints, byId),
    ...docs('payments', data.payments, byId),
    ...docs('settlements', demoSettlements(orders, data.today, SETTLING_CLERK), byId),
    ...stockDocuments(data),
    ...cylinderDocuments(data),
    ...docs('invoices', data.invoices, byId),
    ...docs('invoiceBooks', data.invoiceBooks, (b) => periodDocId(b.period)),
    ...docs(EINVOICE_UPLOADS, data.einvoiceUploads, byId),
    { path: 'counters/customers', data: { next: data.customers.length + 1 } },
  ];
}

/** Each started route's tracking (`orderTrackingOf`), with the demo's clock as its time. */
function demoTracking(routes: readonly DemoRoute[], orders: readonly Order[], drivers: readonly Driver[], now: string): OrderTracking[] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  return routes.flatMap((r) => orderTrackingOf(r, r.stops.map((s) => byId.get(s.orderId) ?? null), drivers.find((d) => d.id === r.driverId) ?? null, new Date(now)));
}

/**
 * The office's alerts of the last week, replayed from the timelines with the consumer's own rule: those
 * of earlier days acknowledged (the office dealt with them), today's still open.
 */
function recentAlerts(orders: readonly Order[], customers: readonly Customer[], today: string): Record<string, unknown>[] {
  const names = new Map(customers.map((c) => [c.id, c.name]));
  const since = addDays(today, -ALERT_DAYS);
  return orders.flatMap((order) =>
    timelineEvents(order).flatMap((event) => {
      const day = taipeiDate(new Date(event.occurredAt));
      const alert = day >= since ? alertDocument(event, names.get(order.customerId)) : null;
      return alert ? [{ ...alert, acknowledged: day < today }] : [];
    }),
  );
}

/** Each depot's opening stock and the stocktake that set it, this morning (`demoStock`). */
function stockDocuments(data: DemoData): DocumentWrite[] {
  const { stocks, movements } = demoStock(data.depots, data.upcomingOrders, data.today, data.now);
  return [
    ...stocks.map((s) => ({ path: `cylinderStock/${s.depotId}`, data: s })),
    ...movements.map((m) => ({ path: `cylinderStock/${m.depotId}/movements/${m.id}`, data: m })),
  ];
}

/**
 * The cylinder register (容器管理): a cylinder for each one the opening stock and the customers' cylinders on site count,
 * with its history (`cylinders.ts`). Its own stream, so the rest of the demo does not move.
 */
function cylinderDocuments(data: DemoData): DocumentWrite[] {
  const { stocks } = demoStock(data.depots, data.upcomingOrders, data.today, data.now);
  return demoCylinders(createRng(`cylinders-${data.today}`), data.customers, stocks, data.today).flatMap(({ cylinder, events }) => [
    { path: `cylinders/${cylinder.serial}`, data: cylinder },
    ...events.map((e) => ({ path: `cylinders/${cylinder.serial}/events/${e.id}`, data: e })),
  ]);
}

/** Writes documents with `set` in batches of ≤500, a few commits in flight: rewriting the same documents changes nothing. */
export async function writeDocuments(db: Firestore, writes: readonly DocumentWrite[], concurrency = 8): Promise<void> {
  const chunks: DocumentWrite[][] = [];
  for (let i = 0; i < writes.length; i += BATCH_LIMIT) chunks.push(writes.slice(i, i + BATCH_LIMIT));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++] ?? [];
      const batch = db.batch();
      // JSON round trip drops `undefined` fields, which Firestore refuses unless the client opted out.
      for (const w of chunk) batch.set(db.doc(w.path), JSON.parse(JSON.stringify(w.data)) as DocumentData);
      await batch.commit();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
}

/** Generates and writes the demo data. Safe to run again: same ids, same content for the same day and `now`. */
export async function seedDemoData(db: Firestore, opts: SeedOptions = {}): Promise<SeedResult> {
  const now = opts.now ?? new Date();
  const today = opts.today ?? taipeiDate(now);
  const t0 = Date.now();
  const data = await generateDemoData({
    today,
    now: now.toISOString(),
    ...(opts.seed ? { seed: opts.seed } : {}),
    ...(opts.password ? { password: opts.password } : {}),
  });
  const writes = demoDocuments(data);
  // The audit log keeps its own stored shape (a Timestamp to expire by), so its store writes the trail.
  const trail = demoAuditTrail(data);
  const t1 = Date.now();
  await writeDocuments(db, writes, opts.concurrency);
  await firestoreAuditLogStore(db).writeAll(trail);
  const counts: Record<string, number> = {};
  for (const w of writes) {
    // The collection's path: `cylinderStock/<depot>/movements` for a movement, so each count is of one collection; the
    // cylinders' histories are counted together (`cylinders/{serial}/events`), not in a line per cylinder.
    const collection = w.path.split('/').slice(0, -1).join('/').replace(/^cylinders\/[^/]+\/events$/, 'cylinders/{serial}/events');
    counts[collection] = (counts[collection] ?? 0) + 1;
  }
  counts[AUDIT_LOG] = trail.length;
  return { today, counts, generateMs: t1 - t0, writeMs: Date.now() - t1 };
}

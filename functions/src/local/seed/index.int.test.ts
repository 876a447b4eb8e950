import { addDays, taipeiInstant } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { loadClosures } from '../../adapters/firestore/closure-store';
import { createFirestore } from '../../adapters/firestore/client';
import { firestoreAuditLogStore } from '../../adapters/firestore/audit-log-store';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { localInvoiceBook } from '../../adapters/invoicing/local-invoice-book';
import type { Invoice } from '../../domain/invoicing';
import { firestoreEmulatorHost, testConfig } from '../test-support';
import { demoAuditTrail } from './audit-trail';
import { demoDocuments, generateDemoData, seedDemoData, writeDocuments } from './index';

const TODAY = '2026-11-28';
/** The end of TODAY, fixed: what the demo holds (invoices, their voids and uploads) depends on when it is seeded. */
const SEEDED_AT = new Date(taipeiInstant('2026-11-29', '00:00'));
const SLOW_MS = 120_000;
// Fails at once, with a clear message, when the emulators were not started.
firestoreEmulatorHost();
const db = createFirestore(testConfig());

afterAll(() => db.terminate());

const adminExists = async (): Promise<boolean> => (await db.doc('users/u-admin').get()).exists;
/** A collection's documents; the cylinders' histories, counted together by the seed, as one collection group. */
const count = async (collection: string): Promise<number> =>
  (await (collection === 'cylinders/{serial}/events' ? db.collectionGroup('events') : db.collection(collection)).count().get()).data().count;

describe('seedDemoData on the Firestore emulator', () => {
  let firstCounts: Readonly<Record<string, number>>;

  beforeAll(async () => {
    expect(await adminExists()).toBe(false);
    firstCounts = (await seedDemoData(db, { today: TODAY, now: SEEDED_AT })).counts;
  }, SLOW_MS);

  it('writes every collection of the demo data', async () => {
    for (const [collection, n] of Object.entries(firstCounts)) expect(await count(collection)).toBe(n);
    expect(firstCounts.customers).toBeGreaterThanOrEqual(300);
    expect(firstCounts.orders).toBeGreaterThan(5000);
    expect(firstCounts.closures).toBe(3);
    expect(firstCounts.invoices).toBeGreaterThan(1000);
    expect(firstCounts.invoiceBooks).toBe(3);
    // An F0401 per invoice and an F0501 per void (einvoice-uploads.ts): the admin's 上傳財政部 counts are not zeros.
    expect(firstCounts.einvoiceUploads).toBeGreaterThan(firstCounts.invoices ?? 0);
    expect(firstCounts['cylinders/{serial}/events']).toBeGreaterThan(firstCounts.cylinders ?? 0);
    expect(firstCounts.auditLog).toBeGreaterThan(1000);
    expect(await adminExists()).toBe(true);
  });

  it('is idempotent: writing the same documents again changes nothing', async () => {
    // Generation is deterministic (generate.test.ts), so a second seed writes these same documents;
    // rewriting a slice of them shows `set` on fixed ids leaves the data as it was.
    const data = await generateDemoData({ today: TODAY, now: SEEDED_AT.toISOString() });
    const writes = demoDocuments(data);
    const orders = writes.filter((w) => w.path.startsWith('orders/'));
    const sample = async () =>
      (await db.collection('orders').orderBy('__name__').limit(50).get()).docs.map((d) => [d.id, d.data()]);
    const before = await sample();
    await writeDocuments(db, [...writes.filter((w) => !w.path.startsWith('orders/')), ...orders.slice(0, 1000)]);
    await firestoreAuditLogStore(db).writeAll(demoAuditTrail(data));
    for (const [collection, n] of Object.entries(firstCounts)) expect(await count(collection)).toBe(n);
    expect(await sample()).toEqual(before);
  }, SLOW_MS);

  it('stores the 春節 closures the API reads, as the demo history assumes them', async () => {
    expect((await loadClosures(db, TODAY)).map((c) => [c.name, c.from, c.to])).toEqual([['春節', '2027-02-05', '2027-02-09']]);
  });

  it('stores report counters for its history that agree with the orders taken each day', async () => {
    // 2026-11-20 in Taipei runs from 16:00 UTC the day before.
    const taken = await db.collection('orders').where('createdAt', '>=', '2026-11-19T16:00:00.000Z').where('createdAt', '<', '2026-11-20T16:00:00.000Z').get();
    expect(taken.size).toBeGreaterThan(0);
    const report = (await db.doc('reports/daily-2026-11-20').get()).data();
    expect(report?.['orders']?.['created']).toBe(taken.size);
    expect(report?.['revenue']?.['booked']).toBe(taken.docs.reduce((sum, d) => sum + (d.data()['total'] as number), 0));
  });

  it('stores each driver’s punctuality for its history, agreeing with the deliveries that day, some late', async () => {
    const delivered = await db.collection('orders').where('delivery.at', '>=', '2026-11-19T16:00:00.000Z').where('delivery.at', '<', '2026-11-20T16:00:00.000Z').get();
    expect(delivered.size).toBeGreaterThan(0);
    const report = (await db.doc('reports/punctuality-2026-11-20').get()).data() as { drivers: Record<string, Record<string, number>> };
    const counted = Object.values(report.drivers);
    expect(counted.reduce((sum, d) => sum + (d['delivered'] ?? 0), 0)).toBe(delivered.size);
    const perDriver = new Map<string, number>();
    for (const d of delivered.docs) perDriver.set(d.get('driverId'), (perDriver.get(d.get('driverId')) ?? 0) + 1);
    for (const [driverId, n] of perDriver) expect(report.drivers[driverId]?.['delivered']).toBe(n);
    // Over the whole history a few stops run past their window, as on real roads.
    const all = await db.collection('reports').where('drivers', '!=', null).get();
    const late = all.docs.reduce((sum, d) => sum + Object.values(d.get('drivers') as Record<string, Record<string, number>>).reduce((s, c) => s + (c['late'] ?? 0), 0), 0);
    expect(late).toBeGreaterThan(0);
  });

  it('stores the last week’s alerts for the office, replayed with the consumer’s rule: earlier days dealt with, today’s open', async () => {
    const alerts = (await db.collection('alerts').get()).docs.map((d) => d.data());
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(['order.urgent', 'order.failed']).toContain(a['kind']);
      expect(typeof a['customerName']).toBe('string');
      const day = taipeiDate(new Date(a['occurredAt'] as string));
      expect(day >= addDays(TODAY, -7) && day <= TODAY).toBe(true);
      expect(a['acknowledged']).toBe(day < TODAY);
    }
  });

  it('stores an audit trail the admin’s 稽核紀錄 reads: newest first, today’s work on top, filtered like any other', async () => {
    const store = firestoreAuditLogStore(db);
    const { items } = await store.list({}, 20);
    expect(items).toHaveLength(20);
    expect(items.map((e) => e.at)).toEqual(items.map((e) => e.at).sort().reverse());
    expect(items.every((e) => taipeiDate(new Date(e.at)) === TODAY)).toBe(true);
    const voids = await store.list({ function: 'invoices' }, 10);
    expect(voids.items.length).toBeGreaterThan(0);
    expect(voids.items.every((e) => e.route === '/:id/void' && e.actor.uid === 'u-office')).toBe(true);
    const aboutCustomer = await store.list({ entityId: 'cust-0001' }, 200);
    expect(aboutCustomer.items.map((e) => e.id)).toContain('demo-created-cust-0001');
  });

  it('stores search tokens that array-contains queries find', async () => {
    const c1 = (await db.doc('customers/cust-0001').get()).data();
    const suffix = String(c1?.['phones']?.[0] ?? '').replace(/\D/g, '').slice(-4);
    const hits = await db.collection('customers').where('searchTokens', 'array-contains', suffix).get();
    expect(hits.docs.map((d) => d.id)).toContain('cust-0001');
  });

  it('stores accounts the login reads by username, with a driver linked', async () => {
    const snap = await db.collection('users').where('username', '==', 'driver1').get();
    expect(snap.docs.map((d) => d.id)).toEqual(['u-driver1']);
    expect(snap.docs[0]?.data()).toEqual(expect.objectContaining({ role: 'driver', driverId: 'drv-01', disabled: false }));
  });

  it('continues customer codes after the seeded ones', async () => {
    expect((await db.doc('counters/customers').get()).data()).toEqual({ next: (firstCounts.customers ?? 0) + 1 });
  });

  it('stores the period’s invoices as the office reads them, and a live delivery continues the book after them', async () => {
    const store = firestoreInvoiceStore(db);
    const seeded = (await db.collection('invoices').where('period', '==', '2026-11/12').get()).docs.map((d) => d.data() as Invoice);
    const issued = seeded.filter((inv) => inv.status === 'issued');
    expect(await store.totals({ period: '2026-11/12' })).toEqual({
      count: issued.length,
      salesAmount: issued.reduce((sum, inv) => sum + inv.amounts.salesAmount, 0),
      taxAmount: issued.reduce((sum, inv) => sum + inv.amounts.taxAmount, 0),
      totalAmount: issued.reduce((sum, inv) => sum + inv.amounts.totalAmount, 0),
      voidCount: seeded.length - issued.length,
    });
    const [newest] = (await store.list({ period: '2026-11/12', limit: 1 })).items;
    const last = [...seeded].sort((a, b) => a.number.localeCompare(b.number)).at(-1);
    expect(newest?.number).toBe(last?.number);
    const [sample] = seeded;
    if (!sample) throw new Error('the period has invoices');
    const draft = { ...sample, id: 'inv-live-delivery', source: { orderId: 'live-delivery' } };
    const live = await localInvoiceBook(db, { now: () => new Date(`${TODAY}T08:00:00.000Z`) }).issue(draft);
    expect(live.number).toBe(`LG${String(seeded.length).padStart(8, '0')}`);
  });
});

import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, limit, orderBy, query, serverTimestamp, setDoc, setLogLevel, updateDoc, where } from 'firebase/firestore';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firestoreEmulatorHost, uniqueProjectId } from '../local/test-support';

/**
 * Every role × collection × operation against firestore.rules on the emulator: what each role
 * may read (own and other's), and that no client may write anything.
 */
type Who = 'anon' | 'admin' | 'office' | 'driverA' | 'driverB' | 'customerA' | 'customerB' | 'turnkey';
const WHO: readonly Who[] = ['anon', 'admin', 'office', 'driverA', 'driverB', 'customerA', 'customerB', 'turnkey'];

const claims: Record<Exclude<Who, 'anon'>, Record<string, string>> = {
  admin: { role: 'admin' },
  office: { role: 'office' },
  driverA: { role: 'driver', driverId: 'drv-a' },
  driverB: { role: 'driver', driverId: 'drv-b' },
  customerA: { role: 'customer', customerId: 'cust-a' },
  customerB: { role: 'customer', customerId: 'cust-b' },
  // The Turnkey machine's account: no document lists it as a reader.
  turnkey: { role: 'turnkey' },
};

const staff: Who[] = ['admin', 'office'];
/** Every person signed in to the SPA (not the Turnkey machine). */
const everyoneSignedIn: Who[] = ['admin', 'office', 'driverA', 'driverB', 'customerA', 'customerB'];

/** Seeded documents and who may `get` each; everyone else must be refused. */
const READS: readonly { path: string; data: Record<string, unknown>; readers: Who[] }[] = [
  // A customer's 合約價 live on their record: staff and that customer read them, no other customer, no driver.
  { path: 'customers/cust-a', data: { name: 'A', autoDelivery: true, contractPrices: [{ size: 20, kind: 'discount', amount: 50, effectiveFrom: '2026-12-01' }] }, readers: [...staff, 'customerA'] },
  { path: 'customers/cust-b', data: { name: 'B', contractPrices: [{ size: 20, kind: 'fixed', amount: 820, effectiveFrom: '2026-12-01' }] }, readers: [...staff, 'customerB'] },
  { path: 'routes/route-pub-a', data: { driverId: 'drv-a', status: 'published', date: '2026-11-28' }, readers: [...staff, 'driverA'] },
  { path: 'routes/route-draft-a', data: { driverId: 'drv-a', status: 'draft', date: '2026-11-28' }, readers: staff },
  { path: 'routes/route-pub-b', data: { driverId: 'drv-b', status: 'in_progress', date: '2026-11-28' }, readers: [...staff, 'driverB'] },
  {
    path: 'orders/order-a-published',
    data: { customerId: 'cust-a', driverId: 'drv-a', routeId: 'route-pub-a', status: 'scheduled', requestedDate: '2026-11-28' },
    readers: [...staff, 'customerA', 'driverA'],
  },
  {
    path: 'orders/order-a-draft',
    data: { customerId: 'cust-a', driverId: 'drv-a', routeId: 'route-draft-a', status: 'confirmed', requestedDate: '2026-11-28' },
    readers: [...staff, 'customerA'],
  },
  {
    path: 'orders/order-b-unrouted',
    data: { customerId: 'cust-b', status: 'pending', requestedDate: '2026-11-28' },
    readers: [...staff, 'customerB'],
  },
  // 配送追蹤: an order out for delivery's share of its route, for its customer; no other customer, nor a driver (the route is theirs).
  { path: 'orderTracking/ord-a-out', data: { orderId: 'ord-a-out', customerId: 'cust-a', routeId: 'route-pub-b', stopsBefore: 2, eta: '2026-11-28T06:00:00.000Z' }, readers: [...staff, 'customerA'] },
  { path: 'orderTracking/ord-b-out', data: { orderId: 'ord-b-out', customerId: 'cust-b', routeId: 'route-pub-b', stopsBefore: 3, eta: '2026-11-28T06:30:00.000Z' }, readers: [...staff, 'customerB'] },
  { path: 'optimizationJobs/job-1', data: { status: 'running' }, readers: staff },
  { path: 'removedStops/depot-1_2026-12-01', data: { depotId: 'depot-1', date: '2026-12-01', orders: [{ orderId: 'ord-1', routeId: 'r-1', at: '2026-11-30T01:00:00.000Z' }] }, readers: staff },
  { path: 'drivers/drv-a', data: { name: 'A' }, readers: [...staff, 'driverA'] },
  { path: 'driverLocations/drv-a', data: { lat: 25, lng: 121.5 }, readers: [...staff, 'driverA'] },
  { path: 'vehicles/veh-1', data: { plate: 'ABC-1234' }, readers: [...staff, 'driverA', 'driverB'] },
  { path: 'depots/depot-1', data: { name: '中和站' }, readers: [...staff, 'driverA', 'driverB'] },
  { path: 'priceList/price-20', data: { size: 20, unitPrice: 820 }, readers: everyoneSignedIn },
  // How many orders a posted price re-priced is read through GET /api/prices (staff), never directly.
  { path: 'priceRepricing/price-20', data: { entryId: 'price-20', eventId: 'e-1', orders: 3 }, readers: [] },
  // Which plan of a depot's day may run: the API decides with it, nobody reads it directly.
  { path: 'planLocks/depot-1_2026-12-01', data: { jobId: 'opt-1', startedBy: { uid: 'u-office', role: 'office' } }, readers: [] },
  { path: 'notifications/n-a', data: { customerId: 'cust-a', text: 'hi' }, readers: [...staff, 'customerA'] },
  { path: 'notifications/n-a-unread', data: { customerId: 'cust-a', text: '繳款提醒', createdAt: new Date('2026-11-28T02:00:00Z'), readAt: null }, readers: [...staff, 'customerA'] },
  { path: 'predictions/cust-a', data: { nextDate: '2026-12-01' }, readers: staff },
  { path: 'reports/daily-2026-11-28', data: { delivered: 3 }, readers: staff },
  { path: 'alerts/evt-9', data: { severity: 'critical' }, readers: staff },
  { path: 'users/u-admin', data: { username: 'admin', passwordHash: 'scrypt$x' }, readers: [] },
  { path: 'outbox/evt-1', data: { topic: 'order-events' }, readers: [] },
  { path: 'processedEvents/c_evt-1', data: { consumer: 'c' }, readers: [] },
  { path: 'idempotency/k-1', data: { state: 'done' }, readers: [] },
  { path: 'loginThrottle/x', data: { failures: 1 }, readers: [] },
  // Refused sign-ins are read through GET /api/users/sign-in-failures (admin), never directly.
  { path: 'signInFailures/f-1', data: { username: 'driver3', reason: 'wrong_password', ip: '203.0.113.9' }, readers: [] },
  // A customer's live reset code, even hashed, is for the auth function alone: the customer it belongs to reads it neither.
  { path: 'passwordResets/u-cust-a', data: { uid: 'u-cust-a', codeHash: 'scrypt$x', expiresAt: '2026-11-28T02:10:00.000Z' }, readers: [] },
  { path: 'portalSignups/cust-a', data: { customerId: 'cust-a', mobile: '0912345678', codeHash: 'scrypt$x' }, readers: [] },
  { path: 'counters/customers', data: { next: 7 }, readers: [] },
  { path: 'forecasts/weekly-demand', data: { asOf: '2026-11-28' }, readers: [] },
  // 需求調整 (a 寒流's factor on the outlook) is read and set through /api/predictions (office, admin), never directly.
  { path: 'demandAdjustments/adj-1', data: { from: '2026-12-02', to: '2026-12-04', factor: 3, reason: '寒流' }, readers: [] },
  // 延長工時 is read through GET /api/fleet/overtimes (office, admin) and set by admins through the API, never directly.
  { path: 'overtimes/ot-1', data: { depotId: 'depot-a', driverIds: [], from: '2026-12-02', to: '2026-12-04', end: '19:00', reason: '寒流' }, readers: [] },
  { path: 'complaints/cmp-1', data: { customerId: 'cust-a', category: 'billing' }, readers: [] },
  // The portal reads its customer's announcements (公告) through GET /api/announcements/current, staff through GET /api/announcements: an audience names customers.
  { path: 'announcements/ann-1', data: { 'zh-TW': { title: '颱風停止配送', body: '明日停止配送。' }, audience: { kind: 'all' }, showFrom: '2026-12-01', showTo: '2026-12-02' }, readers: [] },
  // A banner closed is the API's to remember (GET /api/announcements/current leaves it out): not even the account that closed it reads or writes the record.
  { path: 'announcements/ann-1/dismissals/u-cust-a', data: { uid: 'u-cust-a', at: '2026-12-01T02:00:00.000Z' }, readers: [] },
  // Everyone reads closures through GET /api/closures, never directly.
  { path: 'closures/cl-2027-02-05-lny', data: { name: '春節', from: '2027-02-05', to: '2027-02-09' }, readers: [] },
  // Drivers' hand-ins are read through GET /api/settlements (a driver only their own), never directly.
  { path: 'settlements/2026-11-28_drv-1', data: { driverId: 'drv-1', cashReceived: 4920 }, readers: [] },
  // Account balances are read through GET /api/receivables (office, admin), never directly.
  { path: 'receivables/cust-a', data: { customerId: 'cust-a', balance: 17200 }, readers: [] },
  // Payments (money records) are read through GET /api/customers/:id/payments (a customer only their own), never directly.
  { path: 'payments/pay-1', data: { customerId: 'cust-a', amount: 12800, status: 'received' }, readers: [] },
  // Refunds (money paid back) likewise, through GET /api/customers/:id/refunds.
  { path: 'refunds/ref-1', data: { customerId: 'cust-a', amount: 880, status: 'paid' }, readers: [] },
  // A customer's credit guard is plumbing of the refund and payment-void transactions, read by nobody.
  { path: 'creditGuards/cust-a', data: { version: 3 }, readers: [] },
  // The books-closed date is read and set through /api/books; a client writing it could reopen a closed month.
  { path: 'settings/books', data: { closedThrough: '2026-10-31' }, readers: [] },
  // Cylinder stock and its movements are read through GET /api/cylinder-stock (office, admin), never directly.
  { path: 'cylinderStock/depot-a', data: { depotId: 'depot-a', lines: [{ size: 20, full: 120, empty: 40 }] }, readers: [] },
  { path: 'cylinderStock/depot-a/movements/mov-1', data: { depotId: 'depot-a', kind: 'purchase' }, readers: [] },
  // Deposits (押金) are shown to the customer they are held for; only the API writes them.
  { path: 'customers/cust-a/deposits/dep-1', data: { customerId: 'cust-a', kind: 'collect', size: 20, amount: 1200 }, readers: [...staff, 'customerA'] },
  { path: 'customers/cust-b/deposits/dep-2', data: { customerId: 'cust-b', kind: 'refund', size: 20, amount: 1200 }, readers: [...staff, 'customerB'] },
  // Safety inspections (用戶安全檢查): staff and the inspected customer; drivers read theirs through the API; only the API writes.
  { path: 'safetyInspections/si-a', data: { customerId: 'cust-a', inspectedOn: '2026-11-20', result: 'pass' }, readers: [...staff, 'customerA'] },
  { path: 'safetyInspections/si-b', data: { customerId: 'cust-b', inspectedOn: '2026-11-21', result: 'needsFix' }, readers: [...staff, 'customerB'] },
  // Service calls (報修): staff, the caller, and the driver the call is assigned to; a call not yet assigned no driver.
  { path: 'serviceCalls/svc-a', data: { customerId: 'cust-a', kind: 'gas_smell', status: 'assigned', driverId: 'drv-a' }, readers: [...staff, 'customerA', 'driverA'] },
  { path: 'serviceCalls/svc-b-open', data: { customerId: 'cust-b', kind: 'hose', status: 'open' }, readers: [...staff, 'customerB'] },
  // The cylinder register (容器管理) and each cylinder's history: staff only; drivers name cylinders through the API.
  { path: 'cylinders/TW20-0001', data: { serial: 'TW20-0001', status: 'inService', locationKey: 'customer:cust-a' }, readers: staff },
  { path: 'cylinders/TW20-0001/events/cyl-1', data: { serial: 'TW20-0001', type: 'delivered', customerId: 'cust-a' }, readers: staff },
  // E-invoices (電子發票): staff and the invoiced customer; only the server issues and voids. Number books: server only.
  { path: 'invoices/inv-a', data: { customer: { id: 'cust-a', name: 'A' }, number: 'AB00000001', status: 'issued' }, readers: [...staff, 'customerA'] },
  { path: 'invoices/inv-b', data: { customer: { id: 'cust-b', name: 'B' }, number: 'AB00000002', status: 'void' }, readers: [...staff, 'customerB'] },
  { path: 'invoiceBooks/2026-11-12', data: { period: '2026-11/12', prefix: 'AB', from: 0, to: 499, next: 3 }, readers: [] },
  { path: 'invoiceBooks/2026-11-12/issued/inv-a', data: { number: 'AB00000001' }, readers: [] },
  // The MOF upload's messages (上傳財政部): server only, the Turnkey machine goes through the API.
  { path: 'einvoiceUploads/F0401-AB00000001', data: { messageType: 'F0401', invoiceNumber: 'AB00000001', status: 'pending' }, readers: [] },
  // Allowances (折讓) and their day books: server only, read through the API (a customer their own invoice's).
  { path: 'invoiceAllowances/alw-a', data: { invoiceId: 'inv-a', customer: { id: 'cust-a' }, number: 'AL202611290001', status: 'issued' }, readers: [] },
  { path: 'allowanceBooks/20261129/issued/alw-a', data: { number: 'AL202611290001' }, readers: [] },
  // A closed month's 月報 as first computed: server only, read through the reports API (staff).
  { path: 'monthlyReports/2026-10', data: { month: '2026-10', stale: false }, readers: [] },
  // The audit log (稽核紀錄): server only, admins read it through GET /api/audit-log; nobody may write or erase an entry.
  { path: 'auditLog/req-1', data: { actor: { uid: 'u-office', role: 'office' }, function: 'invoices', route: '/:id/void', at: '2026-11-28T02:00:00.000Z' }, readers: [] },
];

let env: RulesTestEnvironment;

beforeAll(async () => {
  // Hundreds of refusals are the point of this suite; the SDK would log a warning for each.
  setLogLevel('error');
  const [host, port] = firestoreEmulatorHost().split(':') as [string, string];
  env = await initializeTestEnvironment({
    projectId: uniqueProjectId('rules'),
    firestore: { host, port: Number(port), rules: readFileSync(join(__dirname, '../../../firestore.rules'), 'utf8') },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    for (const r of READS) await setDoc(doc(ctx.firestore(), r.path), r.data);
    // Every signed-in person has an account, as every custom token names one.
    for (const who of WHO) if (who !== 'anon') await setDoc(doc(ctx.firestore(), `users/uid-${who}`), { username: who, disabled: false });
  });
});
afterAll(async () => {
  await env.cleanup();
});

function as(who: Who): RulesTestContext {
  return who === 'anon' ? env.unauthenticatedContext() : env.authenticatedContext(`uid-${who}`, claims[who]);
}

describe('firestore.rules: reading single documents', () => {
  const cases = READS.flatMap((r) => WHO.map((who) => ({ ...r, who, allowed: r.readers.includes(who) })));
  it.each(cases)('$who get $path → allowed=$allowed', async ({ path, who, allowed }) => {
    const read = getDoc(doc(as(who).firestore(), path));
    if (allowed) await assertSucceeds(read);
    else await assertFails(read);
  });
});

describe('firestore.rules: no client writes anything', () => {
  const cases = READS.flatMap((r) => WHO.filter((w) => w !== 'anon').map((who) => ({ path: r.path, who })));
  it.each(cases)('$who cannot create, update or delete $path', async ({ path, who }) => {
    const db = as(who).firestore();
    await assertFails(setDoc(doc(db, `${path}-new`), { x: 1 }));
    await assertFails(updateDoc(doc(db, path), { x: 1 }));
    await assertFails(deleteDoc(doc(db, path)));
  });
});

describe('firestore.rules: a customer marks their notice read', () => {
  const PATH = 'notifications/n-a-unread';
  beforeEach(() =>
    env.withSecurityRulesDisabled((ctx) => setDoc(doc(ctx.firestore(), PATH), { customerId: 'cust-a', text: '繳款提醒', createdAt: new Date('2026-11-28T02:00:00Z'), readAt: null })),
  );

  it('once, with the server time, for their own notice only', async () => {
    await assertFails(updateDoc(doc(as('customerB').firestore(), PATH), { readAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(as('office').firestore(), PATH), { readAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(as('driverA').firestore(), PATH), { readAt: serverTimestamp() }));
    await assertFails(updateDoc(doc(as('anon').firestore(), PATH), { readAt: serverTimestamp() }));
    const mine = doc(as('customerA').firestore(), PATH);
    await assertSucceeds(updateDoc(mine, { readAt: serverTimestamp() }));
    await assertFails(updateDoc(mine, { readAt: serverTimestamp() }));
  });

  it('never another field, nor a time of their choosing', async () => {
    const mine = doc(as('customerA').firestore(), PATH);
    await assertFails(updateDoc(mine, { readAt: serverTimestamp(), text: '已付清' }));
    await assertFails(updateDoc(mine, { readAt: new Date('2020-01-01T00:00:00Z') }));
    await assertFails(deleteDoc(mine));
  });
});

describe('firestore.rules: office staff acknowledge an alert', () => {
  const PATH = 'alerts/evt-ack';
  beforeEach(() =>
    env.withSecurityRulesDisabled((ctx) => setDoc(doc(ctx.firestore(), PATH), { kind: 'order.urgent', severity: 'critical', occurredAt: '2026-11-28T02:00:00Z', acknowledged: false })),
  );
  const ack = (who: Who) => ({ acknowledged: true, acknowledgedBy: `uid-${who}`, acknowledgedAt: serverTimestamp() });

  it('once, as themselves, at the server time; drivers, customers and the signed-out cannot', async () => {
    for (const who of ['driverA', 'customerA', 'anon'] as const) await assertFails(updateDoc(doc(as(who).firestore(), PATH), ack(who)));
    const office = doc(as('office').firestore(), PATH);
    await assertFails(updateDoc(office, { ...ack('office'), acknowledgedBy: 'uid-admin' }));
    await assertSucceeds(updateDoc(office, ack('office')));
    await assertFails(updateDoc(doc(as('admin').firestore(), PATH), ack('admin')));
  });

  it('never another field, un-acknowledging, or a time of their choosing', async () => {
    const office = doc(as('office').firestore(), PATH);
    await assertFails(updateDoc(office, { ...ack('office'), severity: 'info' }));
    await assertFails(updateDoc(office, { ...ack('office'), acknowledgedAt: new Date('2020-01-01T00:00:00Z') }));
    await assertFails(updateDoc(office, { acknowledged: false }));
    await assertFails(deleteDoc(office));
  });
});

describe('firestore.rules: listener queries', () => {
  it('lets a customer list only their own orders', async () => {
    const db = as('customerA').firestore();
    const own = await assertSucceeds(getDocs(query(collection(db, 'orders'), where('customerId', '==', 'cust-a'))));
    expect(own.docs.map((d) => d.id).sort()).toEqual(['order-a-draft', 'order-a-published']);
    await assertFails(getDocs(query(collection(db, 'orders'), where('customerId', '==', 'cust-b'))));
    await assertFails(getDocs(collection(db, 'orders')));
  });

  it("lets a driver list their own published routes but not another driver's or drafts", async () => {
    const db = as('driverA').firestore();
    const published = await assertSucceeds(
      getDocs(
        query(
          collection(db, 'routes'),
          where('driverId', '==', 'drv-a'),
          where('status', 'in', ['published', 'in_progress', 'completed']),
        ),
      ),
    );
    expect(published.docs.map((d) => d.id)).toEqual(['route-pub-a']);
    await assertFails(getDocs(query(collection(db, 'routes'), where('driverId', '==', 'drv-b'))));
    await assertFails(getDocs(query(collection(db, 'routes'), where('driverId', '==', 'drv-a'))));
  });

  it('lets office staff list every order of a day', async () => {
    const db = as('office').firestore();
    const all = await assertSucceeds(getDocs(query(collection(db, 'orders'), where('requestedDate', '==', '2026-11-28'))));
    expect(all.size).toBe(3);
  });

  it("lets a customer list their own notices newest first, not another customer's", async () => {
    const db = as('customerA').firestore();
    const own = await assertSucceeds(getDocs(query(collection(db, 'notifications'), where('customerId', '==', 'cust-a'), orderBy('createdAt', 'desc'), limit(30))));
    expect(own.docs.map((d) => d.id)).toEqual(['n-a-unread']);
    await assertFails(getDocs(query(collection(db, 'notifications'), where('customerId', '==', 'cust-b'))));
    await assertFails(getDocs(collection(db, 'notifications')));
  });

  it("lets a customer list their own deposits, not another customer's", async () => {
    const db = as('customerA').firestore();
    const own = await assertSucceeds(getDocs(collection(db, 'customers/cust-a/deposits')));
    expect(own.docs.map((d) => d.id)).toEqual(['dep-1']);
    await assertFails(getDocs(collection(db, 'customers/cust-b/deposits')));
  });

  it("lets a customer list the tracking of their own orders out for delivery, not another customer's; drivers none", async () => {
    const own = await assertSucceeds(getDocs(query(collection(as('customerA').firestore(), 'orderTracking'), where('customerId', '==', 'cust-a'))));
    expect(own.docs.map((d) => d.id)).toEqual(['ord-a-out']);
    await assertFails(getDocs(query(collection(as('customerA').firestore(), 'orderTracking'), where('customerId', '==', 'cust-b'))));
    await assertFails(getDocs(collection(as('customerA').firestore(), 'orderTracking')));
    await assertFails(getDocs(query(collection(as('driverB').firestore(), 'orderTracking'), where('customerId', '==', 'cust-a'))));
    const all = await assertSucceeds(getDocs(collection(as('office').firestore(), 'orderTracking')));
    expect(all.size).toBe(2);
  });

  it("lets a customer list their own safety inspections, not another customer's; drivers none", async () => {
    const own = await assertSucceeds(getDocs(query(collection(as('customerA').firestore(), 'safetyInspections'), where('customerId', '==', 'cust-a'))));
    expect(own.docs.map((d) => d.id)).toEqual(['si-a']);
    await assertFails(getDocs(query(collection(as('customerA').firestore(), 'safetyInspections'), where('customerId', '==', 'cust-b'))));
    await assertFails(getDocs(query(collection(as('driverA').firestore(), 'safetyInspections'), where('customerId', '==', 'cust-a'))));
    const all = await assertSucceeds(getDocs(collection(as('office').firestore(), 'safetyInspections')));
    expect(all.size).toBe(2);
  });

  it("lets a customer list their own invoices, not another customer's; drivers none", async () => {
    const own = await assertSucceeds(getDocs(query(collection(as('customerA').firestore(), 'invoices'), where('customer.id', '==', 'cust-a'))));
    expect(own.docs.map((d) => d.id)).toEqual(['inv-a']);
    await assertFails(getDocs(query(collection(as('customerA').firestore(), 'invoices'), where('customer.id', '==', 'cust-b'))));
    await assertFails(getDocs(query(collection(as('driverA').firestore(), 'invoices'), where('customer.id', '==', 'cust-a'))));
    const all = await assertSucceeds(getDocs(collection(as('office').firestore(), 'invoices')));
    expect(all.size).toBe(2);
  });

  it("lets a driver list the service calls assigned to them, not another driver's; a customer their own; staff the open ones", async () => {
    const mine = await assertSucceeds(getDocs(query(collection(as('driverA').firestore(), 'serviceCalls'), where('driverId', '==', 'drv-a'), where('status', '==', 'assigned'))));
    expect(mine.docs.map((d) => d.id)).toEqual(['svc-a']);
    await assertFails(getDocs(query(collection(as('driverB').firestore(), 'serviceCalls'), where('driverId', '==', 'drv-a'))));
    await assertFails(getDocs(query(collection(as('driverA').firestore(), 'serviceCalls'), where('status', '==', 'open'))));
    const own = await assertSucceeds(getDocs(query(collection(as('customerA').firestore(), 'serviceCalls'), where('customerId', '==', 'cust-a'))));
    expect(own.docs.map((d) => d.id)).toEqual(['svc-a']);
    await assertFails(getDocs(query(collection(as('customerA').firestore(), 'serviceCalls'), where('customerId', '==', 'cust-b'))));
    const open = await assertSucceeds(getDocs(query(collection(as('office').firestore(), 'serviceCalls'), where('status', 'in', ['open', 'assigned']))));
    expect(open.docs.map((d) => d.id).sort()).toEqual(['svc-a', 'svc-b-open']);
  });

  it("lets staff list the cylinder register and a cylinder's history; drivers and customers neither", async () => {
    const all = await assertSucceeds(getDocs(query(collection(as('office').firestore(), 'cylinders'), where('status', '==', 'inService'))));
    expect(all.docs.map((d) => d.id)).toEqual(['TW20-0001']);
    await assertSucceeds(getDocs(collection(as('admin').firestore(), 'cylinders/TW20-0001/events')));
    for (const who of ['driverA', 'customerA', 'anon'] as const) {
      await assertFails(getDocs(collection(as(who).firestore(), 'cylinders')));
      await assertFails(getDocs(collection(as(who).firestore(), 'cylinders/TW20-0001/events')));
    }
  });

  it("lets staff listen to the customers on 自動配送 (the board's filter); drivers, customers, the signed-out and the Turnkey machine not", async () => {
    for (const who of staff) {
      const on = await assertSucceeds(getDocs(query(collection(as(who).firestore(), 'customers'), where('autoDelivery', '==', true))));
      expect(on.docs.map((d) => d.id)).toEqual(['cust-a']);
    }
    for (const who of ['driverA', 'customerA', 'anon', 'turnkey'] as const) {
      await assertFails(getDocs(query(collection(as(who).firestore(), 'customers'), where('autoDelivery', '==', true))));
    }
  });

  it('refuses an unauthenticated listener everywhere', async () => {
    const db = as('anon').firestore();
    for (const c of ['customers', 'orders', 'routes', 'priceList', 'notifications']) {
      await assertFails(getDocs(collection(db, c)));
    }
  });

  it('refuses every role a listener on the audit log, admins included: it is read through the API only', async () => {
    for (const who of WHO) {
      await assertFails(getDocs(query(collection(as(who).firestore(), 'auditLog'), orderBy('at', 'desc'), limit(50))));
    }
  });

  it('refuses the Turnkey machine a listener on any collection, even the price list everyone else reads', async () => {
    const db = as('turnkey').firestore();
    for (const c of ['customers', 'orders', 'routes', 'priceList', 'notifications', 'invoices', 'einvoiceUploads', 'vehicles', 'depots']) {
      await assertFails(getDocs(collection(db, c)));
    }
  });
});

describe('firestore.rules: sessions the API has ended', () => {
  // 2026-11-28T02:03:04Z: the account's password changed then.
  const CHANGED = 1_795_831_384;
  const office = { role: 'office' };
  const customer = { role: 'customer', customerId: 'cust-a' };
  const signedIn = (uid: string, token: Record<string, unknown>) => env.authenticatedContext(uid, token).firestore();

  beforeAll(async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), 'users/uid-left'), { username: 'left', disabled: true });
      await setDoc(doc(ctx.firestore(), 'users/uid-changed'), { username: 'changed', disabled: false, sessionsValidFrom: '2026-11-28T02:03:04.567Z', sessionsValidFromSeconds: CHANGED });
      await setDoc(doc(ctx.firestore(), 'users/uid-cust-changed'), { username: 'cust', disabled: false, sessionsValidFromSeconds: CHANGED });
    });
  });

  it('refuses every read to a disabled account and to a token whose account is gone', async () => {
    await assertFails(getDoc(doc(signedIn('uid-left', office), 'customers/cust-a')));
    await assertFails(getDocs(collection(signedIn('uid-left', office), 'orders')));
    await assertFails(getDoc(doc(signedIn('uid-nobody', office), 'customers/cust-a')));
  });

  it('refuses a sign-in from before the password changed; one in the same second or later reads, as the API allows', async () => {
    await assertFails(getDoc(doc(signedIn('uid-changed', { ...office, auth_time: CHANGED - 1 }), 'customers/cust-a')));
    await assertFails(getDocs(collection(signedIn('uid-changed', { ...office, auth_time: CHANGED - 1 }), 'orders')));
    await assertFails(getDocs(query(collection(signedIn('uid-cust-changed', { ...customer, auth_time: CHANGED - 60 }), 'orders'), where('customerId', '==', 'cust-a'))));
    await assertSucceeds(getDoc(doc(signedIn('uid-changed', { ...office, auth_time: CHANGED }), 'customers/cust-a')));
    await assertSucceeds(getDocs(query(collection(signedIn('uid-cust-changed', { ...customer, auth_time: CHANGED + 5 }), 'orders'), where('customerId', '==', 'cust-a'))));
  });
});

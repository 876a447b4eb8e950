import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json, type Who } from './test-support/api-client';

/** The churn list the owner acts on: what each customer used to buy, who is to call them, what the calls achieved, as a file. */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const model = { name: 'lpg-churn', version: 'churn-list' };
// Fixed past days throughout: nothing here depends on today or the hour.
const CUSTOMERS = [
  { id: 'cust-rest', code: 'C00011', type: 'restaurant', risk: 0.8, last: '2026-08-14' },
  { id: 'cust-home', code: 'C00012', type: 'household', risk: 0.99, last: '2026-07-10' },
  { id: 'cust-new', code: 'C00013', type: 'household', risk: 0.95, last: null },
] as const;

const line = (quantity: number, unitPrice: number) => ({ size: 20, quantity, unitPrice, subtotal: quantity * unitPrice });
const order = (id: string, customerId: string, fields: Json) => ({ id, customerId, source: 'office', status: 'delivered', createdAt: '2026-01-01T00:00:00.000Z', ...fields });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'churn-list', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  const batch = db.batch();
  for (const c of CUSTOMERS) {
    const customer = aCustomer().withId(c.id).withCode(c.code).with({ name: `客戶${c.code}`, type: c.type }).build();
    batch.set(db.collection('customers').doc(c.id), customer);
    batch.set(db.collection('predictions').doc(c.id), {
      customerId: c.id,
      customerName: customer.name,
      customerType: c.type,
      customerDistrict: '板橋區',
      customerPhone: '02-2960-0000',
      lastDeliveryDate: c.last,
      churn: { risk: c.risk, reasons: [{ code: 'OVERDUE', weight: 1 }], model, source: 'local' },
    });
  }
  // The restaurant: five 20 kg a month at NT$1,200, March to August; one more in January, outside its six months.
  for (const month of ['01', '03', '04', '05', '06', '07', '08']) {
    batch.set(db.collection('orders').doc(`o-rest-${month}`), order(`o-rest-${month}`, 'cust-rest', { requestedDate: `2026-${month}-14`, items: [line(5, 1200)], total: 6000 }));
  }
  // The household: one 20 kg at NT$900 in June and July; a failed attempt counts for nothing.
  for (const month of ['06', '07']) batch.set(db.collection('orders').doc(`o-home-${month}`), order(`o-home-${month}`, 'cust-home', { requestedDate: `2026-${month}-10`, items: [line(1, 900)], total: 900 }));
  batch.set(db.collection('orders').doc('o-home-failed'), order('o-home-failed', 'cust-home', { status: 'failed', requestedDate: '2026-07-01', items: [line(4, 900)], total: 3600 }));
  for (const p of [PRINCIPALS.office, PRINCIPALS.admin, PRINCIPALS.driver1]) {
    batch.set(db.collection('users').doc(p.uid), { uid: p.uid, username: p.uid, displayName: { office: '王小姐', admin: '林老闆', driver: '陳司機' }[p.role], role: p.role });
  }
  await batch.commit();
});
afterAll(() => stack.close());

const list = async (query = '', as: Who = 'office') => (await call('GET', `/api/predictions/churn${query}`, { as })).body;
const ids = (body: Json) => body.items.map((i: Json) => i.customerId);

describe('流失風險: what is at stake', () => {
  it('shows each customer with code, type and what they bought a month over their last active months, the expected loss first by default', async () => {
    const body = await list();
    expect(ids(body)).toEqual(['cust-rest', 'cust-home', 'cust-new']);
    expect(body.items[0]).toMatchObject({
      customerCode: 'C00011',
      customerType: 'restaurant',
      valueAtStake: { months: 6, bySize: [{ size: 20, perMonth: 5 }], perMonth: 6000 },
      expectedLoss: 4800,
    });
    expect(body.items[1]).toMatchObject({ customerType: 'household', valueAtStake: { months: 2, bySize: [{ size: 20, perMonth: 1 }], perMonth: 900 }, expectedLoss: 891 });
    expect(body.items[2]).toMatchObject({ valueAtStake: null, expectedLoss: 0 });
    expect(ids(await list('?sort=risk'))).toEqual(['cust-home', 'cust-new', 'cust-rest']);
    // The limit cuts the list as sorted: by the loss, the restaurant below the others' risk stays on it.
    expect(ids(await list('?limit=1'))).toEqual(['cust-rest']);
  });
});

describe('流失風險: who is to call', () => {
  const assign = (id: string, uid: string | null, as: Who = 'admin') => call('PUT', `/api/predictions/customers/${id}/assignee`, { as, body: { uid } });

  it('is assigned to an office or admin account, shown by name, filtered by "mine", taken off again, and audited', async () => {
    const res = await assign('cust-rest', PRINCIPALS.office.uid);
    expect([res.status, res.body]).toEqual([200, { customerId: 'cust-rest', assignee: { uid: 'u-office', name: '王小姐' } }]);
    expect((await list()).items[0].assignee).toEqual({ uid: 'u-office', name: '王小姐' });
    expect(ids(await list('?assignee=mine'))).toEqual(['cust-rest']);
    expect(ids(await list('?assignee=mine', 'admin'))).toEqual([]);
    expect((await assign('cust-rest', null, 'office')).body.assignee).toBeNull();
    expect(ids(await list('?assignee=mine'))).toEqual([]);
    const audit = (await stack.container.db.collection('auditLog').where('route', '==', '/customers/:id/assignee').get()).docs.map((d) => d.data());
    expect(audit.map((e: Json) => e['actor'].uid).sort()).toEqual(['u-admin', 'u-office']);
  });

  it('offers the office and admin accounts to assign, and refuses a driver, an unknown account or customer, and drivers and customers as callers', async () => {
    expect((await call('GET', '/api/predictions/churn/assignees', { as: 'office' })).body.items).toEqual([
      { uid: 'u-office', name: '王小姐' },
      { uid: 'u-admin', name: '林老闆' },
    ]);
    for (const uid of [PRINCIPALS.driver1.uid, 'u-nobody']) {
      const refused = await assign('cust-home', uid, 'office');
      expect({ uid, status: refused.status, code: refused.body.error.code }).toEqual({ uid, status: 400, code: 'CHURN_CALL.ASSIGNEE_NOT_STAFF' });
    }
    expect((await call('PUT', '/api/predictions/customers/cust-home/assignee', { as: 'office', body: { uid: 'u-driver1' }, lang: 'en' })).body.error.message).toBe(
      'Calls can be assigned only to office staff or admins',
    );
    const unknown = await assign('cust-nobody', PRINCIPALS.office.uid);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
    for (const who of ['driver1', 'customerA'] as const) {
      expect({ who, put: (await assign('cust-home', PRINCIPALS.office.uid, who)).status }).toEqual({ who, put: 403 });
      expect({ who, get: (await call('GET', '/api/predictions/churn/assignees', { as: who })).status }).toEqual({ who, get: 403 });
      expect({ who, list: (await call('GET', '/api/predictions/churn', { as: who })).status }).toEqual({ who, list: 403 });
    }
    expect((await stack.container.db.collection('churnAssignments').doc('cust-home').get()).exists).toBe(false);
  });
});

describe("流失風險: a month's calls", () => {
  it('counts customers called, reached and won back (ordered since their first call of the month), by the latest outcome, in Taipei months', async () => {
    const db = stack.container.db;
    const calls = [
      // 23:59 on 30 September in Taipei: September's.
      { id: 'chc-sep', customerId: 'cust-new', outcome: 'reached', at: '2026-09-30T15:59:00.000Z' },
      // 00:00 on 1 October in Taipei: October's.
      { id: 'chc-1', customerId: 'cust-rest', outcome: 'no_answer', at: '2026-09-30T16:00:00.000Z' },
      { id: 'chc-2', customerId: 'cust-rest', outcome: 'price', at: '2026-10-07T02:00:00.000Z' },
      { id: 'chc-3', customerId: 'cust-home', outcome: 'moved', at: '2026-10-08T02:00:00.000Z' },
      { id: 'chc-4', customerId: 'cust-new', outcome: 'no_answer', at: '2026-10-09T02:00:00.000Z' },
    ];
    const batch = db.batch();
    for (const c of calls) batch.set(db.collection('churnCalls').doc(c.id), { ...c, by: PRINCIPALS.office });
    // The restaurant ordered again after the calls; the household got only the night's suggestion.
    batch.set(db.collection('orders').doc('o-rest-back'), order('o-rest-back', 'cust-rest', { status: 'pending', requestedDate: '2026-10-21', createdAt: '2026-10-20T02:00:00.000Z', items: [line(5, 1200)], total: 6000 }));
    batch.set(db.collection('orders').doc('o-home-sugg'), order('o-home-sugg', 'cust-home', { source: 'forecast', status: 'pending', requestedDate: '2026-10-21', createdAt: '2026-10-20T02:00:00.000Z', items: [line(1, 900)], total: 900 }));
    await batch.commit();

    const res = await call('GET', '/api/predictions/churn/summary?month=2026-10', { as: 'admin' });
    expect(res.status).toBe(200);
    expect([res.body.month, res.body.called, res.body.reached, res.body.wonBack]).toEqual(['2026-10', 3, 2, 1]);
    expect(res.body.byOutcome.filter((o: Json) => o.called > 0)).toEqual([
      { outcome: 'no_answer', called: 1, wonBack: 0 },
      { outcome: 'price', called: 1, wonBack: 1 },
      { outcome: 'moved', called: 1, wonBack: 0 },
    ]);
    expect((await call('GET', '/api/predictions/churn/summary?month=2026-09', { as: 'office' })).body).toMatchObject({ called: 1, reached: 1, wonBack: 0 });
    expect((await call('GET', '/api/predictions/churn/summary?month=2026-13', { as: 'office' })).status).toBe(400);
    for (const who of ['driver1', 'customerA'] as const) expect((await call('GET', '/api/predictions/churn/summary', { as: who })).status).toBe(403);
  });

  it('records 搬家 and 價格 as outcomes of their own', async () => {
    for (const outcome of ['moved', 'price']) {
      const res = await call('POST', '/api/predictions/customers/cust-new/calls', { as: 'office', body: { outcome } });
      expect([res.status, res.body.outcome]).toEqual([201, outcome]);
    }
  });
});

describe('流失風險: the file', () => {
  it('exports the list as CSV in its order and the caller’s language, for the office and admins, and records who took it', async () => {
    const res = await call('GET', '/api/predictions/churn/export?hideContactedDays=0', { as: 'office', lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="churn-risk.csv"');
    const rows = (res.body.raw as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe(
      'code,name,type,district,phone,churn risk %,reasons,last delivery,cylinders a month,NT$ a month,expected loss a month,last call,called at,called by,note,assigned to',
    );
    expect(rows[1]).toBe('C00011,客戶C00011,restaurant,板橋區,02-2960-0000,80,Overdue vs usual interval,2026-08-14,20 kg × 5,6000,4800,Price too high,2026-10-07 10:00:00,王小姐,,');
    expect(rows[3]?.startsWith('C00013,客戶C00013,household,板橋區,02-2960-0000,95,Overdue vs usual interval,,,,0,')).toBe(true);
    const chinese = await call('GET', '/api/predictions/churn/export?hideContactedDays=0', { as: 'admin' });
    expect((chinese.body.raw as string).split('\r\n')[2]).toContain('C00012,客戶C00012,家庭,板橋區,02-2960-0000,99,超過平常訂購間隔,2026-07-10,20kg 1 支,900,891,已搬家');
    const audit = (await stack.container.db.collection('auditLog').where('route', '==', '/churn/export').get()).docs.map((d) => d.data());
    expect(audit.map((e: Json) => e['actor'].role).sort()).toEqual(['admin', 'office']);
    for (const who of ['driver1', 'customerA'] as const) expect((await call('GET', '/api/predictions/churn/export', { as: who })).status).toBe(403);
  });
});

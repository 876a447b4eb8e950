import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json } from './test-support/api-client';

/** The churn list's call outcomes: recorded per customer with who and when, shown on the row, the recently called left out. */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const model = { name: 'lpg-churn', version: 'churn-calls' };
const today = taipeiDate(new Date());
const AT_RISK = ['cust-r1', 'cust-r2', 'cust-r3'] as const;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'churn-calls', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  const batch = db.batch();
  AT_RISK.forEach((id, i) => {
    const customer = aCustomer().withId(id).withCode(`C0000${i + 1}`).with({ name: `流失客戶${i + 1}` }).build();
    batch.set(db.collection('customers').doc(id), customer);
    batch.set(db.collection('predictions').doc(id), {
      customerId: id,
      customerName: customer.name,
      customerDistrict: '板橋區',
      customerPhone: '02-2960-0000',
      lastDeliveryDate: today,
      churn: { risk: 0.9 - i * 0.1, reasons: [{ code: 'OVERDUE', weight: 1 }], model, source: 'local' },
    });
  });
  batch.set(db.collection('users').doc(PRINCIPALS.office.uid), { uid: PRINCIPALS.office.uid, username: 'office', displayName: '王小姐', role: 'office' });
  // A call ten days ago: shown on the row, but too old to leave the customer out.
  batch.set(db.collection('churnCalls').doc('chc-old'), {
    id: 'chc-old',
    customerId: 'cust-r3',
    outcome: 'no_answer',
    at: new Date(Date.now() - 10 * 86_400_000).toISOString(),
    by: { uid: 'u-admin', role: 'admin' },
  });
  await batch.commit();
});
afterAll(() => stack.close());

const churnList = async (query = '') => (await call('GET', `/api/predictions/churn${query}`, { as: 'office' })).body;
const record = (id: string, body: unknown, as: 'office' | 'admin' | 'driver1' | 'customerA' = 'office', key?: string) =>
  call('POST', `/api/predictions/customers/${id}/calls`, { as, body, ...(key ? { key } : {}) });

describe('流失風險: what came of a call', () => {
  it('is kept with who called and when, once however often it is retried, and audited', async () => {
    const first = await record('cust-r1', { outcome: 'competitor', note: ' 改用天然氣 ' }, 'office', 'call-r1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: 'cust-r1', outcome: 'competitor', note: '改用天然氣', by: PRINCIPALS.office });
    const again = await record('cust-r1', { outcome: 'competitor', note: ' 改用天然氣 ' }, 'office', 'call-r1');
    expect(again.body.id).toBe(first.body.id);
    const stored = await stack.container.db.collection('churnCalls').where('customerId', '==', 'cust-r1').get();
    expect(stored.docs.map((d) => d.data())).toEqual([first.body]);
    const audit = (await stack.container.db.collection('auditLog').where('route', '==', '/customers/:id/calls').get()).docs.map((d) => d.data());
    expect(audit.map((e: Json) => [e['actor'].uid, e['entityId'], e['status']])).toEqual(expect.arrayContaining([['u-office', first.body.id, 201]]));
  });

  it('leaves the customers called in the last 7 days off the list by default, saying how many; 0 days lists everyone with their last call', async () => {
    const list = await churnList();
    expect(list.items.map((i: Json) => i.customerId)).toEqual(['cust-r2', 'cust-r3']);
    expect(list.hiddenContacted).toBe(1);
    expect(list.items.find((i: Json) => i.customerId === 'cust-r3').lastCall).toMatchObject({ outcome: 'no_answer', by: { uid: 'u-admin' } });
    expect(list.items.find((i: Json) => i.customerId === 'cust-r2').lastCall).toBeNull();

    const all = await churnList('?hideContactedDays=0');
    expect(all.items.map((i: Json) => i.customerId)).toEqual([...AT_RISK]);
    expect(all.hiddenContacted).toBe(0);
    expect(all.items[0].lastCall).toMatchObject({ outcome: 'competitor', note: '改用天然氣', byName: '王小姐' });
    // A window shorter than the old call's age leaves nobody else out.
    expect((await churnList('?hideContactedDays=30')).items.map((i: Json) => i.customerId)).toEqual(['cust-r2']);
  });

  it('fills the list to its limit past the customers left out', async () => {
    const list = await churnList('?limit=1');
    expect(list.items.map((i: Json) => i.customerId)).toEqual(['cust-r2']);
  });

  it('counts the customers left out among all at the risk, though the list fetched stops short of them', async () => {
    // The least at risk, called two days ago: below every row the list fetches for one row and the customers called.
    const db = stack.container.db;
    await db.collection('predictions').doc('cust-r4').set({ customerId: 'cust-r4', customerName: '流失客戶4', lastDeliveryDate: today, churn: { risk: 0.55, reasons: [], model, source: 'local' } });
    await db
      .collection('churnCalls')
      .doc('chc-r4')
      .set({ id: 'chc-r4', customerId: 'cust-r4', outcome: 'reached', at: new Date(Date.now() - 2 * 86_400_000).toISOString(), by: { uid: 'u-admin', role: 'admin' } });
    const list = await churnList('?limit=1');
    expect([list.items.map((i: Json) => i.customerId), list.hiddenContacted]).toEqual([['cust-r2'], 2]);
    // Only the customers at the risk asked for count: cust-r4 is below 0.6.
    expect((await churnList('?minRisk=0.6')).hiddenContacted).toBe(1);
    await Promise.all([db.collection('predictions').doc('cust-r4').delete(), db.collection('churnCalls').doc('chc-r4').delete()]);
  });

  it('is recorded by an admin too, and refused for drivers and customers, an unknown customer, a bad outcome and 其他 without words', async () => {
    expect((await record('cust-r2', { outcome: 'will_order' }, 'admin')).status).toBe(201);
    for (const who of ['driver1', 'customerA'] as const) {
      const refused = await record('cust-r2', { outcome: 'reached' }, who);
      expect({ who, status: refused.status, code: refused.body.error.code }).toEqual({ who, status: 403, code: 'AUTH.FORBIDDEN' });
    }
    const unknown = await record('cust-nobody', { outcome: 'reached' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
    expect((await record('cust-r2', { outcome: 'busy' })).status).toBe(400);
    const other = await record('cust-r2', { outcome: 'other', note: '  ' });
    expect(other.status).toBe(400);
    expect(other.body.error.fields[0]).toMatchObject({ path: 'body.note', message: '選「其他」時請寫下結果' });
    // Nothing of the refused ones was kept: the admin's call is cust-r2's only one.
    const r2 = await stack.container.db.collection('churnCalls').where('customerId', '==', 'cust-r2').get();
    expect(r2.docs.map((d) => d.data()['outcome'])).toEqual(['will_order']);
  });

  it("lists one customer's calls newest first, each with what came of it, the note, who called by name and when; limited; for the office and admins only", async () => {
    await stack.container.db
      .collection('churnCalls')
      .doc('chc-r1-old')
      .set({ id: 'chc-r1-old', customerId: 'cust-r1', outcome: 'no_answer', at: new Date(Date.now() - 5 * 86_400_000).toISOString(), by: { uid: 'u-gone', role: 'office' } });
    const calls = (query = '', as: 'office' | 'admin' | 'driver1' | 'customerA' = 'office', id = 'cust-r1') => call('GET', `/api/predictions/customers/${id}/calls${query}`, { as });
    const res = await calls();
    expect(res.status).toBe(200);
    // The account gone names nobody: its uid is no name to show.
    expect(res.body.items.map((i: Json) => [i.outcome, i.note, i.byName])).toEqual([
      ['competitor', '改用天然氣', '王小姐'],
      ['no_answer', undefined, undefined],
    ]);
    expect(res.body.items[0].at > res.body.items[1].at).toBe(true);
    expect((await calls('?limit=1', 'admin')).body.items.map((i: Json) => i.id)).toEqual([res.body.items[0].id]);
    expect((await calls('?limit=0')).status).toBe(400);
    const unknown = await calls('', 'office', 'cust-nobody');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
    for (const who of ['driver1', 'customerA'] as const) {
      const refused = await calls('', who);
      expect({ who, status: refused.status, code: refused.body.error.code }).toEqual({ who, status: 403, code: 'AUTH.FORBIDDEN' });
    }
  });
});

import { addDays, weekday } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { renderClosureReminder } from '../domain/notifications';
import { DEPOT } from '../domain/routes/test-support/fleet-mother';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const lny = { id: 'cl-lny', name: '春節', from: day(4), to: day(8), createdAt: new Date().toISOString(), createdBy: 'u-admin' };

/** Due on the day before the closure but closed that weekday: told to order a day earlier. */
const due = aCustomer().withId('cust-due').withCode('C00001').with({ closedDays: [weekday(day(3))] }).build();
const later = aCustomer().withId('cust-later').withCode('C00002').with({ closedDays: [] }).build();
const ordered = aCustomer().withId('cust-ordered').withCode('C00003').with({ closedDays: [] }).build();
const unpredicted = aCustomer().withId('cust-none').withCode('C00004').with({ closedDays: [] }).build();
const gone = { ...aCustomer().withId('cust-gone').withCode('C00005').with({ closedDays: [] }).build(), status: 'inactive' as const };

const predict = (customerId: string, safeDeliveryDate: string) =>
  stack.container.db.collection('predictions').doc(customerId).set({ customerId, asOf: today, nextRefill: { safeDeliveryDate } });
const inbox = async (customerId: string): Promise<string[]> =>
  (await stack.container.db.collection('notifications').where('customerId', '==', customerId).get()).docs.map((d) => d.get('text') as string);

beforeAll(async () => {
  stack = await startTestStack({ suite: 'closure-reminders', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [due, later, ordered, unpredicted, gone]) await db.collection('customers').doc(c.id).set(c);
  await seedPortalAccounts(db, [due, later, ordered, unpredicted, gone].map((c) => c.id));
  await db.collection('closures').doc(lny.id).set(lny);
  await Promise.all([predict(due.id, day(3)), predict(later.id, day(12)), predict(ordered.id, day(2)), predict(gone.id, day(3))]);
  const order = anOrder().withId('ord-open').forCustomer(ordered).with({ requestedDate: day(2) }).inStatus('confirmed').build();
  await db.collection('orders').doc(order.id).set({ ...order, version: 1 });
});
afterAll(() => stack.close());

describe('closure reminders job on the emulators', () => {
  it('reminds only the active customer due before the closure without an order, once however often it runs', async () => {
    const first = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      closures: [{ id: lny.id, name: '春節', from: lny.from, to: lny.to }],
      reminded: 1,
      skipped: { NOT_DUE: 1, OPEN_ORDER: 1, NO_PREDICTION: 1 },
      errors: [],
      pending: 0,
    });
    const again = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(again.body).toMatchObject({ reminded: 0, skipped: { ALREADY_REMINDED: 1, NOT_DUE: 1, OPEN_ORDER: 1, NO_PREDICTION: 1 }, errors: [], pending: 0 });

    const text = renderClosureReminder({ closure: lny, orderBy: day(2) });
    expect(text).toContain('春節休息');
    expect(await inbox(due.id)).toEqual([text]);
    for (const c of [later, ordered, unpredicted, gone]) expect(await inbox(c.id)).toEqual([]);
    const dispatch = (await stack.container.db.collection('notificationDispatch').doc(`closure-${lny.id}-${due.id}`).get()).data();
    expect(dispatch).toMatchObject({ kind: 'closure-reminder', closureId: lny.id, customerId: due.id, orderBy: day(2), channel: 'inbox', status: 'sent' });
  });

  it('sends a reminder an earlier run recorded but did not send (crash before the send), and only that', async () => {
    const db = stack.container.db;
    const id = `closure-${lny.id}-${later.id}`;
    await predict(later.id, day(3));
    await db.collection('notificationDispatch').doc(id).set({ kind: 'closure-reminder', closureId: lny.id, orderBy: day(3), customerId: later.id, channel: 'inbox', to: later.id, text: '幸福氣提醒：pending', status: 'pending' });
    const res = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(res.body).toMatchObject({ reminded: 1, skipped: { ALREADY_REMINDED: 1 } });
    expect(await inbox(later.id)).toEqual(['幸福氣提醒：pending']);
    expect((await db.collection('notificationDispatch').doc(id).get()).get('status')).toBe('sent');
  });

  it('lists for the office the customers nobody could tell (no LINE, mobile or portal account), to phone before the break, and who has ordered since', async () => {
    const db = stack.container.db;
    const unreached = aCustomer().withId('cust-unreached').withCode('C00006').with({ name: '老街麵攤', phones: ['(02)2222-3333'], closedDays: [] }).build();
    await db.collection('customers').doc(unreached.id).set(unreached);
    await predict(unreached.id, day(3));
    const run = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(run.body.errors).toEqual([{ closureId: lny.id, customerId: unreached.id, code: 'INBOX.NO_ACCOUNT' }]);
    for (const who of ['admin', 'office'] as const) {
      const res = await call('GET', `/api/closures/${lny.id}/reminders`, { as: who });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sent: 2,
        pending: 0,
        unreached: [{ customerId: unreached.id, customerName: '老街麵攤', phone: '(02)2222-3333', orderBy: day(3), errorCode: 'INBOX.NO_ACCOUNT', ordered: false }],
      });
    }
    // Phoned, they order for the eve: still listed, as done.
    const order = anOrder().withId('ord-phoned').forCustomer(unreached).with({ requestedDate: day(3) }).build();
    await db.collection('orders').doc(order.id).set(order);
    expect((await call('GET', `/api/closures/${lny.id}/reminders`, { as: 'office' })).body.unreached).toEqual([expect.objectContaining({ customerId: unreached.id, ordered: true })]);
    for (const who of ['driver1', 'customerA'] as const) {
      const res = await call('GET', `/api/closures/${lny.id}/reminders`, { as: who });
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
    expect((await call('GET', '/api/closures/cl-none/reminders', { as: 'office' })).body.error.code).toBe('CLOSURE.NOT_FOUND');
  });

  it('names the hour the serving depot stops taking orders for the day to order by', async () => {
    const db = stack.container.db;
    await db.collection('depots').doc(DEPOT.id).set({ ...DEPOT, sameDayCutoff: '15:00' });
    const eve = aCustomer().withId('cust-eve').withCode('C00007').with({ closedDays: [] }).build();
    await db.collection('customers').doc(eve.id).set(eve);
    await seedPortalAccounts(db, [eve.id]);
    await predict(eve.id, day(2));
    const run = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(run.body).toMatchObject({ reminded: 1, errors: [] });
    const text = renderClosureReminder({ closure: lny, orderBy: day(2), cutoff: '15:00' });
    expect(text).toContain('15:00 前訂購');
    expect(await inbox(eve.id)).toEqual([text]);
    await db.collection('depots').doc(DEPOT.id).delete();
  });

  it('still reminds a customer whose only order is a pending nightly suggestion, telling them it is pencilled in', async () => {
    const db = stack.container.db;
    const suggested = aCustomer().withId('cust-suggested').withCode('C00008').with({ closedDays: [] }).build();
    await db.collection('customers').doc(suggested.id).set(suggested);
    await seedPortalAccounts(db, [suggested.id]);
    await predict(suggested.id, day(3));
    const suggestion = anOrder().withId(`sug-${suggested.id}-${today}`).forCustomer(suggested).with({ requestedDate: day(2) }).build();
    await db.collection('orders').doc(suggestion.id).set({ ...suggestion, source: 'forecast', version: 1 });
    const run = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(run.body).toMatchObject({ reminded: 1, errors: [] });
    expect(await inbox(suggested.id)).toEqual([renderClosureReminder({ closure: lny, orderBy: day(3), suggested: day(2) })]);
  });

  it('tells a customer whose supply a service call stopped (停止供氣) nothing, however due: no cylinder may go to them until an inspection passes', async () => {
    const db = stack.container.db;
    const stopped = { ...aCustomer().withId('cust-stopped').withCode('C00009').with({ closedDays: [] }).build(), supplyStop: { serviceCallId: 'svc-hose', since: today, items: ['hose' as const] } };
    await db.collection('customers').doc(stopped.id).set(stopped);
    await seedPortalAccounts(db, [stopped.id]);
    await predict(stopped.id, day(2));
    const run = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(run.body).toMatchObject({ reminded: 0, skipped: expect.objectContaining({ SUPPLY_STOPPED: 1 }), errors: [] });
    expect(await inbox(stopped.id)).toEqual([]);
  });

  it('sends nothing more for a closure once it is deleted', async () => {
    await predict(unpredicted.id, day(3));
    expect((await call('DELETE', `/api/closures/${lny.id}`, { as: 'admin' })).status).toBe(204);
    const res = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(res.body).toEqual({ closures: [], reminded: 0, skipped: {}, errors: [], pending: 0 });
    expect(await inbox(unpredicted.id)).toEqual([]);
  });

  it('refuses the office, drivers and customers', async () => {
    for (const who of ['office', 'driver1', 'customerA'] as const) {
      const res = await call('POST', '/api/jobs/closure-reminders', { as: who, body: {} });
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
  });
});

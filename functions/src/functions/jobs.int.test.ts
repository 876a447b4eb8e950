import { Timestamp } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { addDays, weekday } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { buildEvent } from '../domain/events';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());

beforeAll(async () => {
  stack = await startTestStack({ suite: 'jobs', subscriptions: [{ consumer: 'reportCounters', topic: 'order-events' }] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc('cust-a').set(aCustomer().withId('cust-a').withCode('C00001').with({ closedDays: [] }).build());
  await db.collection('priceList').doc('p20').set({ id: 'p20', size: 20, unitPrice: 820, effectiveFrom: '2020-01-01', createdAt: '2020-01-01T00:00:00Z', createdBy: 'x' });
});
afterAll(() => stack.close());

describe('scheduled jobs', () => {
  it('refuse everyone but admins (and the scheduler account)', async () => {
    for (const who of ['office', 'driver1', 'customerA'] as const) {
      expect((await call('POST', '/api/jobs/sweep-outbox', { as: who, body: {} })).status).toBe(403);
    }
    expect((await call('POST', '/api/jobs/sweep-outbox', { body: {} })).status).toBe(401);
  });

  it('materialise recurring orders ahead of time, creating nothing twice on a rerun', async () => {
    const rule = await call('POST', '/api/orders/recurring', {
      as: 'office',
      body: { customerId: 'cust-a', recurrence: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] }, startDate: today, items: [{ size: 20, quantity: 1 }] },
    });
    expect(rule.status).toBe(201);
    const first = await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 3 } });
    expect(first.body).toMatchObject({ considered: 3, created: 3, skipped: [] });
    const again = await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 3 } });
    expect(again.body).toMatchObject({ considered: 3, created: 0 });
    const orders = await stack.container.db.collection('orders').where('recurringRuleId', '==', rule.body.id).get();
    expect(orders.docs.map((d) => d.data().requestedDate).sort()).toEqual([1, 2, 3].map((n) => addDays(today, n)));
    expect(orders.docs.every((d) => d.data().source === 'recurring' && d.data().total === 820)).toBe(true);
    expect((await call('GET', '/api/orders/recurring', { as: 'office' })).body.items).toHaveLength(1);
  });

  it('materialise a rule written before rules left out unnamed empties (`[]`, no version) taking one back per full; a rule saying `[]` now takes none', async () => {
    const db = stack.container.db;
    const customer = aCustomer().withId('cust-e').withCode('C00005').with({ closedDays: [], cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] }).build();
    await db.collection('customers').doc(customer.id).set(customer);
    const daily = { customerId: customer.id, recurrence: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] }, startDate: today, items: [{ size: 20, quantity: 1 }] };
    // As the store wrote a rule naming no empties before: the old schema's default `[]`, and no schemaVersion.
    await db.collection('recurringRules').doc('rr-old').set({ ...daily, emptiesToCollect: [], priority: 'normal', notes: '', id: 'rr-old', active: true });
    const noneBack = await call('POST', '/api/orders/recurring', { as: 'office', body: { ...daily, emptiesToCollect: [] } });
    const unnamed = await call('POST', '/api/orders/recurring', { as: 'office', body: daily });
    expect([noneBack.status, unnamed.status]).toEqual([201, 201]);
    const listed = (await call('GET', `/api/orders/recurring?customerId=${customer.id}`, { as: 'office' })).body.items as { id: string; emptiesToCollect?: unknown }[];
    expect(Object.fromEntries(listed.map((r) => [r.id, r.emptiesToCollect ?? 'not named']))).toEqual({ 'rr-old': 'not named', [noneBack.body.id]: [], [unnamed.body.id]: 'not named' });

    await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 1 } });
    const tomorrow = addDays(today, 1);
    const emptiesOf = async (ruleId: string) => (await db.collection('orders').doc(`rec-${ruleId}-${tomorrow}`).get()).data()?.['emptiesToCollect'];
    expect({ old: await emptiesOf('rr-old'), noneBack: await emptiesOf(noneBack.body.id), unnamed: await emptiesOf(unnamed.body.id) }).toEqual({
      old: [{ size: 20, quantity: 1 }],
      noneBack: [],
      unnamed: [{ size: 20, quantity: 1 }],
    });
  });

  it('materialise no order for the rules of a deactivated customer, whose orders already made were cancelled with them', async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-closed').set(aCustomer().withId('cust-closed').withCode('C00009').with({ closedDays: [] }).build());
    const rule = await call('POST', '/api/orders/recurring', {
      as: 'office',
      body: { customerId: 'cust-closed', recurrence: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] }, startDate: today, items: [{ size: 20, quantity: 1 }] },
    });
    await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 1 } });
    const ordersOfRule = async () => (await db.collection('orders').where('recurringRuleId', '==', rule.body.id).get()).docs.map((d) => [d.id, d.get('status')]);
    const tomorrow = `rec-${rule.body.id}-${addDays(today, 1)}`;
    expect(await ordersOfRule()).toEqual([[tomorrow, 'pending']]);

    expect((await call('POST', '/api/customers/cust-closed/deactivate', { as: 'office', body: { cancelOpenOrders: true } })).status).toBe(200);
    const run = await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 3 } });
    // The rule is named once for the admin to end it, not each of its occurrences refused every day.
    expect((run.body.skipped as { id: string }[]).filter((s) => s.id.startsWith(`rec-${rule.body.id}-`))).toEqual([]);
    expect(run.body.inactiveCustomerRules).toEqual([{ ruleId: rule.body.id, customerId: 'cust-closed', customerName: expect.any(String) }]);
    expect(await ordersOfRule()).toEqual([[tomorrow, 'cancelled']]);
  });

  it('deliver on a closure’s eve one order with the cylinders of a weekly rule’s occurrences on both sides of its start, however often and at once the job runs', async () => {
    const db = stack.container.db;
    const eve = addDays(today, 19);
    const inside = addDays(today, 22);
    for (const [id, code] of [['cust-before', 'C00011'], ['cust-after', 'C00012']] as const) {
      await db.collection('customers').doc(id).set(aCustomer().withId(id).withCode(code).with({ closedDays: [] }).build());
    }
    const weekly = (customerId: string) => ({ customerId, recurrence: { kind: 'weekly', weekdays: [weekday(eve), weekday(inside)] }, startDate: eve, items: [{ size: 20, quantity: 1 }] });
    const run = async () => (await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 20 } })).body;
    // A rule whose eve order was made, and confirmed, before the closure was declared.
    const before = (await call('POST', '/api/orders/recurring', { as: 'office', body: weekly('cust-before') })).body.id as string;
    await run();
    const beforeEve = `rec-${before}-${eve}`;
    expect((await call('POST', `/api/orders/${beforeEve}/confirm`, { as: 'office' })).status).toBe(200);
    const closure = await call('POST', '/api/closures', { as: 'admin', key: 'jobs-closure', body: { name: '年終休息', from: addDays(today, 20), to: addDays(today, 24) } });
    expect(closure.status).toBe(201);
    const after = (await call('POST', '/api/orders/recurring', { as: 'office', body: weekly('cust-after') })).body.id as string;

    // Two runs at once, then a rerun.
    await Promise.all([run(), run()]);
    await run();
    const ordersOf = async (ruleId: string) =>
      (await db.collection('orders').where('recurringRuleId', '==', ruleId).get()).docs.map((d) => [
        d.id,
        d.get('requestedDate'),
        d.get('status'),
        d.get('items').map((l: { size: number; quantity: number }) => [l.size, l.quantity]),
        d.get('recurringDates'),
        d.get('total'),
        d.get('version'),
      ]);
    expect(await ordersOf(before)).toEqual([[beforeEve, eve, 'confirmed', [[20, 2]], [eve, inside], 1640, 3]]);
    expect(await ordersOf(after)).toEqual([[`rec-${after}-${eve}`, eve, 'pending', [[20, 2]], [eve, inside], 1640, 1]]);
    const events = await db.collection('outbox').where('event.subject', '==', `orders/${beforeEve}`).get();
    expect(events.docs.map((d) => [d.get('event.type'), d.get('event.data.fields'), d.get('event.data.total')]).filter(([type]) => type === 'order.updated')).toEqual([
      ['order.updated', ['items'], 1640],
    ]);
  });

  it('place nothing again for an occurrence the office moved onto the eve of a closure declared since, and name it beside the eve’s own order', async () => {
    const db = stack.container.db;
    const [eve, inside] = [addDays(today, 26), addDays(today, 28)];
    await db.collection('customers').doc('cust-moved').set(aCustomer().withId('cust-moved').withCode('C00013').with({ closedDays: [] }).build());
    const body = { customerId: 'cust-moved', recurrence: { kind: 'weekly', weekdays: [weekday(eve), weekday(inside)] }, startDate: eve, items: [{ size: 20, quantity: 1 }] };
    const rule = (await call('POST', '/api/orders/recurring', { as: 'office', body })).body.id as string;
    const run = () => call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 28 } });
    await run();
    const closure = await call('POST', '/api/closures', { as: 'admin', key: 'jobs-closure-2', body: { name: '盤點', from: addDays(today, 27), to: addDays(today, 29) } });
    const move = await call('POST', `/api/closures/${closure.body.closure.id}/move-orders`, { as: 'office', key: 'jobs-move', body: { direction: 'before' } });
    const ours = (move.body.moved as { id: string; to: string; sameDayOrders: string[] }[]).filter((m) => m.id.startsWith(`rec-${rule}-`));
    expect(ours.map(({ id, to, sameDayOrders }) => ({ id, to, sameDayOrders }))).toEqual([{ id: `rec-${rule}-${inside}`, to: eve, sameDayOrders: [`rec-${rule}-${eve}`] }]);

    await Promise.all([run(), run()]);
    const orders = await db.collection('orders').where('recurringRuleId', '==', rule).get();
    expect(orders.docs.map((d) => [d.id, d.get('requestedDate'), d.get('items')[0].quantity, d.get('recurringDates'), d.get('version')])).toEqual([
      [`rec-${rule}-${eve}`, eve, 1, [eve], 1],
      [`rec-${rule}-${inside}`, eve, 1, [inside], 2],
    ]);
  });

  it('republish an outbox entry a crashed process left behind, so its event is not lost', async () => {
    const db = stack.container.db;
    const event = buildEvent({
      id: randomUUID(),
      type: 'order.created',
      occurredAt: new Date('2026-09-09T02:00:00Z'),
      actor: { uid: 'u', role: 'office' },
      subject: 'orders/crashed',
      sequence: 1,
      data: { orderId: 'crashed', total: 500 },
    });
    await db.collection('outbox').doc(event.id).set({
      topic: 'order-events',
      event,
      createdAt: Timestamp.fromMillis(Date.now() - 10 * 60_000),
      publishedAt: null,
      attempts: 0,
    });
    const res = await call('POST', '/api/jobs/sweep-outbox', { as: 'admin', body: { olderThanSeconds: 60 } });
    expect(res.status).toBe(200);
    expect(res.body.published).toBeGreaterThanOrEqual(1);
    expect((await db.collection('outbox').doc(event.id).get()).data()?.publishedAt).not.toBeNull();
    const deadline = Date.now() + 15_000;
    let created: number | undefined;
    while (Date.now() < deadline && created !== 1) {
      created = (await db.collection('reports').doc('daily-2026-09-09').get()).data()?.orders?.created;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(created).toBe(1);
  });
});

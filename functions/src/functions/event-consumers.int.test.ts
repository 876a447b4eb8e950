import { randomUUID } from 'node:crypto';
import { buildEvent, type EventEnvelope } from '../domain/events';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { startTestStack, type TestStack } from '../local/test-support';
import { aCustomer } from '../domain/test-support/customer-mother';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { pushEvent } from './test-support/push-event';
import { apiClient } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'consumers', subscriptions: SUBSCRIPTIONS });
  // Customers who can read the portal inbox, the channel here (no LINE or SMS configured).
  await seedPortalAccounts(stack.container.db, ['cust-alert', 'cust-a', 'cust-n', 'cust-s', 'cust-en', 'cust-mv']);
});
afterAll(() => stack.close());

const orderEvent = (type: string, data: Record<string, unknown>, sequence: number, at: string): EventEnvelope =>
  buildEvent({ id: randomUUID(), type, occurredAt: new Date(at), actor: { uid: 'u', role: 'office' }, subject: 'orders/o-1', sequence, data });

const push = (consumer: string, event: EventEnvelope, messageId?: string): Promise<number> => pushEvent(stack, consumer, 'order-events', event, messageId);

async function report(day: string) {
  return (await stack.container.db.collection('reports').doc(`daily-${day}`).get()).data();
}

describe('event consumers', () => {
  it('count each event exactly once under duplicated and shuffled delivery', async () => {
    const day = '2026-10-01';
    const events = [
      orderEvent('order.created', { total: 1640, priority: 'urgent' }, 1, `${day}T01:00:00Z`),
      orderEvent('order.status_changed', { to: 'confirmed', total: 1640 }, 2, `${day}T02:00:00Z`),
      orderEvent('order.status_changed', { to: 'delivered', total: 1640 }, 3, `${day}T06:00:00Z`),
    ];
    const deliveries = [events[2], events[0], events[2], events[1], events[0], events[2]] as EventEnvelope[];
    const statuses = await Promise.all(deliveries.map((e) => push('reportCounters', e)));
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);
    expect(await report(day)).toEqual({
      day,
      orders: { created: 1, urgent: 1, confirmed: 1, delivered: 1 },
      revenue: { booked: 1640, delivered: 1640 },
    });
    const markers = await stack.container.db.collection('processedEvents').where('consumer', '==', 'reportCounters').get();
    expect(markers.size).toBe(3);
  }, 60_000);

  it('count each driver stop once in the punctuality report under duplicated delivery, against the window and the hour told', async () => {
    const day = '2026-10-03';
    const stop = (type: string, orderId: string, hhmm: string, promise: Record<string, unknown>) =>
      buildEvent({
        id: randomUUID(), type, occurredAt: new Date(`${day}T${hhmm}:00+08:00`), actor: { uid: 'u-drv', role: 'driver' }, subject: 'routes/r-p', sequence: 1,
        data: { routeId: 'r-p', orderId, driverId: 'drv-p', at: new Date(`${day}T${hhmm}:00+08:00`).toISOString(), promise: { date: day, ...promise } },
      });
    const onTime = stop('driver.stop_delivered', 'o-1', '09:40', { window: { start: '09:00', end: '11:00' } });
    // Told 10:30–11:30 (planned 11:00): 11:50 is 20 minutes past it.
    const late = stop('driver.stop_delivered', 'o-2', '11:50', { eta: `${day}T03:00:00.000Z` });
    const failed = stop('driver.stop_failed', 'o-3', '13:00', {});
    for (const e of [late, onTime, late, failed, onTime]) expect(await push('reportCounters', e)).toBeLessThan(300);
    const counters = (await stack.container.db.collection('reports').doc(`punctuality-${day}`).get()).data();
    expect(counters).toEqual({ day, drivers: { 'drv-p': { delivered: 2, onTime: 1, late: 1, minutesLate: 20, failed: 1 } } });
  });

  it('receive driver events through Pub/Sub and the driver-events push subscription', async () => {
    const day = '2026-10-04';
    const at = new Date(`${day}T10:00:00+08:00`);
    const event = buildEvent({
      id: randomUUID(), type: 'driver.stop_delivered', occurredAt: at, actor: { uid: 'u-drv', role: 'driver' }, subject: 'routes/r-q', sequence: 1,
      data: { routeId: 'r-q', orderId: 'o-q', driverId: 'drv-q', at: at.toISOString(), promise: { date: day, window: { start: '08:00', end: '09:30' } } },
    });
    await stack.container.publisher.publish('driver-events', event);
    const doc = stack.container.db.collection('reports').doc(`punctuality-${day}`);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await doc.get()).exists) await new Promise((r) => setTimeout(r, 250));
    expect((await doc.get()).data()).toEqual({ day, drivers: { 'drv-q': { delivered: 1, late: 1, minutesLate: 30 } } });
  });

  it('raise one alert per urgent order however often the event arrives, naming the customer for the office', async () => {
    await stack.container.db.collection('customers').doc('cust-alert').set(aCustomer().withId('cust-alert').withCode('C00020').with({ name: '急件餐廳' }).build());
    const urgent = orderEvent('order.created', { total: 900, priority: 'urgent', customerId: 'cust-alert' }, 1, '2026-10-02T01:00:00Z');
    for (let i = 0; i < 3; i++) expect(await push('systemAlerts', urgent)).toBe(204);
    const alerts = await stack.container.db.collection('alerts').where('subject', '==', 'orders/o-1').get();
    expect(alerts.docs.map((d) => [d.data().kind, d.data().customerName, d.data().acknowledged])).toEqual([['order.urgent', '急件餐廳', false]]);
  });

  it('acknowledge a malformed message instead of retrying it forever', async () => {
    const res = await fetch(`${stack.url}/_events/reportCounters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: { data: Buffer.from('not json').toString('base64'), messageId: 'm-bad', publishTime: new Date().toISOString() },
        subscription: 's',
      }),
    });
    expect(res.status).toBeLessThan(300);
  });

  it('receive events from a real order through the outbox, Pub/Sub and its push subscription', async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-a').set(aCustomer().withId('cust-a').withCode('C00001').build());
    await db.collection('priceList').doc('p20').set({ id: 'p20', size: 20, unitPrice: 820, effectiveFrom: '2020-01-01', createdAt: '2020-01-01T00:00:00Z', createdBy: 'x' });
    const call = apiClient(stack.url, stack.container);
    const today = taipeiDate(new Date());
    const res = await call('POST', '/api/orders', {
      as: 'office',
      body: { customerId: 'cust-a', items: [{ size: 20, quantity: 1 }], requestedDate: addDays(today, 1), priority: 'urgent' },
    });
    expect(res.status).toBe(201);
    const deadline = Date.now() + 20_000;
    let seen: FirebaseFirestore.DocumentData | undefined;
    while (Date.now() < deadline) {
      seen = await report(today);
      if (seen?.orders?.created >= 1 && (await db.collection('alerts').where('subject', '==', `orders/${res.body.id}`).get()).size === 1) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(seen?.orders).toMatchObject({ created: 1, urgent: 1 });
    expect(seen?.revenue).toMatchObject({ booked: 820 });
  });

  it('notify the customer once per event, and not at all for a stale event delivered late', async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-n').set(aCustomer().withId('cust-n').withCode('C00009').build());
    await db.collection('orders').doc('ord-notify1').set({
      id: 'ord-notify1', customerId: 'cust-n', requestedDate: '2026-11-29', timeWindow: { start: '09:00', end: '12:00' },
      total: 1640, status: 'delivered', version: 4,
    });
    const ev = (to: string, sequence: number) =>
      buildEvent({ id: randomUUID(), type: 'order.status_changed', occurredAt: new Date(), actor: { uid: 'u', role: 'office' }, subject: 'orders/ord-notify1', sequence, data: { orderId: 'ord-notify1', to } });
    const confirmed = ev('confirmed', 2);
    const delivered = ev('delivered', 4);
    const outForDelivery = ev('out_for_delivery', 3);
    for (const e of [confirmed, confirmed, delivered, outForDelivery, delivered]) expect(await push('notifyCustomer', e)).toBe(204);
    const inbox = await db.collection('notifications').where('customerId', '==', 'cust-n').get();
    const texts = inbox.docs.map((d) => d.data().text as string).sort();
    expect(texts).toHaveLength(2);
    expect(texts.some((t) => t.includes('已確認'))).toBe(true);
    expect(texts.some((t) => t.includes('NT$1,640'))).toBe(true);
    expect(texts.some((t) => t.includes('出車'))).toBe(false);
  });

  it('tell the customer the planned hour when a published route schedules the order', async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-s').set(aCustomer().withId('cust-s').withCode('C00010').build());
    await db.collection('orders').doc('ord-sched1').set({
      id: 'ord-sched1', customerId: 'cust-s', requestedDate: '2026-11-30', total: 820, status: 'scheduled', eta: '2026-11-30T02:20:00Z', version: 3,
    });
    const scheduled = buildEvent({
      id: randomUUID(), type: 'order.status_changed', occurredAt: new Date(), actor: { uid: 'u', role: 'office' }, subject: 'orders/ord-sched1', sequence: 3,
      data: { orderId: 'ord-sched1', from: 'confirmed', to: 'scheduled', eta: '2026-11-30T02:20:00Z' },
    });
    expect(await push('notifyCustomer', scheduled)).toBe(204);
    const inbox = await db.collection('notifications').where('customerId', '==', 'cust-s').get();
    expect(inbox.docs.map((d) => d.data().text)).toEqual(['幸福氣通知：您的訂單 #SCHED1 已排入配送，預計 11/30（一）10:00–11:00 之間送達。']);
  });

  it("write to a customer in the language on their record", async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-en').set({ ...aCustomer().withId('cust-en').withCode('C00011').build(), notificationLocale: 'en' });
    await db.collection('orders').doc('ord-en1').set({ id: 'ord-en1', customerId: 'cust-en', requestedDate: '2026-12-01', total: 820, status: 'confirmed', version: 2 });
    const confirmed = buildEvent({
      id: randomUUID(), type: 'order.status_changed', occurredAt: new Date(), actor: { uid: 'u', role: 'office' }, subject: 'orders/ord-en1', sequence: 2,
      data: { orderId: 'ord-en1', from: 'pending', to: 'confirmed' },
    });
    expect(await push('notifyCustomer', confirmed)).toBe(204);
    const inbox = await db.collection('notifications').where('customerId', '==', 'cust-en').get();
    expect(inbox.docs.map((d) => d.data().text)).toEqual(['Lucky Gas: your order #EN1 is confirmed for delivery on Tue 12/1, 08:00–18:00.']);
  });

  it('tell a customer whose personal data was erased nothing, recording no message about them, for events sent after the erasure', async () => {
    const db = stack.container.db;
    // Her last payment and an order's cancellation waited in the outbox (Pub/Sub down) through the erasure (刪除個資).
    const at = new Date().toISOString();
    const erasure = { at, by: { uid: 'u-admin', role: 'admin' }, reason: '客戶來電要求刪除個資', retainUntil: '2037-12-31', completedAt: at };
    await db.collection('customers').doc('cust-er').set({ ...aCustomer().withId('cust-er').withCode('C00012').build(), name: 'C00012', phones: [], status: 'inactive', erasure });
    await seedPortalAccounts(db, ['cust-er']);
    await db.collection('orders').doc('ord-er1').set({ id: 'ord-er1', customerId: 'cust-er', requestedDate: '2026-11-29', total: 820, status: 'cancelled', version: 3 });
    await db.collection('payments').doc('pay-er1').set({ id: 'pay-er1', customerId: 'cust-er', amount: 820, method: 'cash', receivedOn: '2026-11-28', note: '', status: 'received', by: { uid: 'u-office', role: 'office' }, at });
    const cancelled = buildEvent({
      id: randomUUID(), type: 'order.status_changed', occurredAt: new Date(), actor: { uid: 'u', role: 'office' }, subject: 'orders/ord-er1', sequence: 3,
      data: { orderId: 'ord-er1', customerId: 'cust-er', from: 'confirmed', to: 'cancelled' },
    });
    const paid = buildEvent({ id: randomUUID(), type: 'payment.received', occurredAt: new Date(), actor: { uid: 'u-office', role: 'office' }, subject: 'payments/pay-er1', sequence: 1, data: { customerId: 'cust-er', paymentId: 'pay-er1' } });
    expect(await push('notifyCustomer', cancelled)).toBe(204);
    expect(await pushEvent(stack, 'notifyPayments', 'notifications', paid)).toBe(204);
    expect((await db.collection('notificationDispatch').where('customerId', '==', 'cust-er').get()).size).toBe(0);
    expect((await db.collection('notifications').where('customerId', '==', 'cust-er').get()).size).toBe(0);
  });

  it('tell the customer once when the office moves a confirmed order to another day, through the outbox and Pub/Sub', async () => {
    const db = stack.container.db;
    await db.collection('customers').doc('cust-mv').set(aCustomer().withId('cust-mv').withCode('C00012').build());
    await db.collection('priceList').doc('p20').set({ id: 'p20', size: 20, unitPrice: 820, effectiveFrom: '2020-01-01', createdAt: '2020-01-01T00:00:00Z', createdBy: 'x' });
    const call = apiClient(stack.url, stack.container);
    const today = taipeiDate(new Date());
    const created = await call('POST', '/api/orders', { as: 'office', body: { customerId: 'cust-mv', items: [{ size: 20, quantity: 1 }], requestedDate: addDays(today, 3) } });
    expect(created.status).toBe(201);
    expect((await call('POST', `/api/orders/${created.body.id}/confirm`, { as: 'office', body: {} })).status).toBe(200);
    const texts = async () => (await db.collection('notifications').where('customerId', '==', 'cust-mv').get()).docs.map((d) => d.data().text as string);
    const arrived = async (part: string) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !(await texts()).some((t) => t.includes(part))) await new Promise((r) => setTimeout(r, 250));
    };
    // Pub/Sub may deliver out of order, and a notice overtaken by a newer one of the same order is dropped as stale:
    // the move waits for the confirmation to be out, as it would be in the office.
    await arrived('已確認');
    const moved = addDays(today, 5);
    expect((await call('PATCH', `/api/orders/${created.body.id}`, { as: 'office', body: { requestedDate: moved } })).status).toBe(200);
    // A note changes nothing the customer needs to hear.
    expect((await call('PATCH', `/api/orders/${created.body.id}`, { as: 'office', body: { notes: '後門進出' } })).status).toBe(200);
    await arrived('配送時間已改為');
    // Give a second, wrong message for the note time to arrive before counting.
    await new Promise((r) => setTimeout(r, 1_500));
    const inbox = await texts();
    expect(inbox.filter((t) => t.includes('已確認'))).toHaveLength(1);
    const [, month, day] = moved.split('-').map(Number);
    expect(inbox.filter((t) => t.includes('配送時間已改為'))).toEqual([expect.stringContaining(`配送時間已改為 ${month}/${day}（`)]);
    expect(inbox).toHaveLength(2);
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import { NOTIFICATIONS_COLLECTION } from '../adapters/notify/inbox-sender';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { buildEvent } from '../domain/events';
import { aTimedStop } from '../domain/routes/test-support/fleet-mother';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { eventually } from './test-support/planning-day';

/**
 * A driver 60 minutes behind at the first stop: the route-events consumer tells the customers further
 * down who will now wait past the hour they were told, once each, through Pub/Sub and its push
 * subscription, in their own language.
 */
let stack: TestStack;
const day = '2026-12-01';
const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const stop = (orderId: string, eta: string, seq: number) => aTimedStop(orderId, at(eta), seq);
const stops = [stop('ord-d1', '09:00', 1), stop('ord-d2', '09:30', 2), stop('ord-d3', '10:10', 3), stop('ord-d4', '10:40', 4)];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'delays', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyDelays') });
  const db = stack.container.db;
  for (const [i, s] of stops.entries()) {
    await db.collection('customers').doc(s.customerId).set({ ...aCustomer().withId(s.customerId).withCode(`C0070${i}`).build(), ...(i === 2 ? { notificationLocale: 'en' } : {}) });
    // ord-d4 was never told an hour (still confirmed): nothing to break.
    await db.collection('orders').doc(s.orderId).set({ id: s.orderId, customerId: s.customerId, requestedDate: day, status: i === 3 ? 'confirmed' : 'scheduled', ...(i === 3 ? {} : { eta: s.eta }), version: 3 });
  }
  await db.collection('routes').doc('route-late').set({ id: 'route-late', date: day, status: 'in_progress', stops: [{ ...stops[0], outcome: { status: 'delivered', at: at('10:00'), actionId: 'a1' } }, ...stops.slice(1)], version: 2 });
});
afterAll(() => stack.close());

const inbox = async (customerId: string) => (await stack.container.db.collection(NOTIFICATIONS_COLLECTION).where('customerId', '==', customerId).get()).docs.map((d) => d.get('text') as string);

describe('a driver running late', () => {
  it('tells the customers further down once, with the new time, and not those still inside their hour or told none', async () => {
    const event = buildEvent({
      id: randomUUID(),
      type: 'route.stop_delivered',
      occurredAt: new Date(at('10:00')),
      actor: { uid: 'u-drv', role: 'driver' },
      subject: 'routes/route-late',
      sequence: 2,
      data: { routeId: 'route-late', orderId: 'ord-d1', actionId: 'a1', at: at('10:00') },
    });
    await stack.container.publisher.publish('route-events', event);
    await stack.container.publisher.publish('route-events', { ...event, id: randomUUID() });
    // ord-d2: told 09:00–10:00, now 10:30. ord-d3: told 09:30–10:30, now 11:10, in English.
    const d2 = await eventually(async () => ((await inbox('cust-ord-d2')).length > 0 ? inbox('cust-ord-d2') : null));
    expect(d2).toEqual([expect.stringContaining('因前面的配送耽擱，預計延至 12/1（二）10:30 左右抵達')]);
    const d3 = await eventually(async () => ((await inbox('cust-ord-d3')).length > 0 ? inbox('cust-ord-d3') : null));
    expect(d3).toEqual([expect.stringContaining('is running late: we now expect to arrive around 11:10 on Tue 12/1')]);
    // The second delivery of the same news had time to arrive; nobody heard twice, and ord-d4 was told no hour.
    await new Promise((r) => setTimeout(r, 1_500));
    expect([(await inbox('cust-ord-d2')).length, (await inbox('cust-ord-d3')).length, (await inbox('cust-ord-d4')).length, (await inbox('cust-ord-d1')).length]).toEqual([1, 1, 0, 0]);
    const dispatch = await stack.container.db.collection('notificationDispatch').doc('delay-ord-d2').get();
    expect(dispatch.data()).toMatchObject({ kind: 'delay', status: 'sent', eta: at('10:30') });
  });
});

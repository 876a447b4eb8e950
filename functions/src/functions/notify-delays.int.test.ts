import { randomUUID } from 'node:crypto';
import { NOTIFICATIONS_COLLECTION } from '../adapters/notify/inbox-sender';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { buildEvent } from '../domain/events';
import { aTimedStop } from '../domain/routes/test-support/fleet-mother';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { eventually } from './test-support/planning-day';
import { seedPortalAccounts } from './test-support/portal-accounts';

/**
 * A driver 60 minutes behind at the first stop: the route-events consumer tells the customers further
 * down who will now wait past the hour they were told, once each, through Pub/Sub and its push
 * subscription, in their own language. Two hours behind at the next stop, the customer told 11:10
 * hears an update once.
 */
let stack: TestStack;
const day = '2026-12-01';
const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const stop = (orderId: string, eta: string, seq: number) => aTimedStop(orderId, at(eta), seq);
const stops = [stop('ord-d1', '09:00', 1), stop('ord-d2', '09:30', 2), stop('ord-d3', '10:10', 3), stop('ord-d4', '10:40', 4)];
const delivered = (i: number, actionId: string, hhmm: string) => ({ ...stops[i], outcome: { status: 'delivered', at: at(hhmm), actionId } });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'delays', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyDelays') });
  const db = stack.container.db;
  for (const [i, s] of stops.entries()) {
    await db.collection('customers').doc(s.customerId).set({ ...aCustomer().withId(s.customerId).withCode(`C0070${i}`).build(), ...(i === 2 ? { notificationLocale: 'en' } : {}) });
    await seedPortalAccounts(db, [s.customerId]);
    // ord-d4 was never told an hour (still confirmed): nothing to break.
    await db.collection('orders').doc(s.orderId).set({ id: s.orderId, customerId: s.customerId, requestedDate: day, status: i === 3 ? 'confirmed' : 'scheduled', ...(i === 3 ? {} : { eta: s.eta }), version: 3 });
  }
  await db.collection('routes').doc('route-late').set({ id: 'route-late', date: day, status: 'in_progress', stops: [delivered(0, 'a1', '10:00'), ...stops.slice(1)], version: 2 });
});
afterAll(() => stack.close());

const stopDelivered = (orderId: string, actionId: string, doneAt: string, sequence: number) =>
  buildEvent({
    id: randomUUID(),
    type: 'route.stop_delivered',
    occurredAt: new Date(doneAt),
    actor: { uid: 'u-drv', role: 'driver' },
    subject: 'routes/route-late',
    sequence,
    data: { routeId: 'route-late', orderId, actionId, at: doneAt },
  });

const inbox = async (customerId: string) => (await stack.container.db.collection(NOTIFICATIONS_COLLECTION).where('customerId', '==', customerId).get()).docs.map((d) => d.get('text') as string);

describe('a driver running late', () => {
  it('tells the customers further down once, with the new time, and not those still inside their hour or told none', async () => {
    const event = stopDelivered('ord-d1', 'a1', at('10:00'), 2);
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

  it('tells again, once, the customer now expected well past the time last told, however often the news arrives', async () => {
    const db = stack.container.db;
    await db.collection('orders').doc('ord-d2').update({ status: 'delivered' });
    await db.collection('routes').doc('route-late').update({ stops: [delivered(0, 'a1', '10:00'), delivered(1, 'a2', '11:30'), ...stops.slice(2)], version: 3 });
    // Two hours behind at ord-d2 (planned 09:30): ord-d3, told 11:10, is now expected at 12:10.
    const event = stopDelivered('ord-d2', 'a2', at('11:30'), 3);
    await stack.container.publisher.publish('route-events', event);
    await stack.container.publisher.publish('route-events', event);
    await stack.container.publisher.publish('route-events', { ...event, id: randomUUID() });
    const d3 = await eventually(async () => ((await inbox('cust-ord-d3')).length > 1 ? inbox('cust-ord-d3') : null));
    expect(d3).toEqual(
      expect.arrayContaining([expect.stringContaining('update: we are running later than we last told you and now expect to arrive around 12:10 on Tue 12/1')]),
    );
    // The replays had time to arrive and found the update already recorded.
    await new Promise((r) => setTimeout(r, 1_500));
    expect([(await inbox('cust-ord-d3')).length, (await inbox('cust-ord-d4')).length]).toEqual([2, 0]);
    expect((await db.collection('notificationDispatch').doc('delay-ord-d3-2').get()).data()).toMatchObject({ kind: 'delay', status: 'sent', eta: at('12:10') });
    expect((await db.collection('notificationDispatch').doc('delay-ord-d3-3').get()).exists).toBe(false);
  });
});

describe('a route handed over to another driver (改派)', () => {
  it("tells the customers of the stops handed over whose new time is past the hour they heard before, once however often the news arrives", async () => {
    const db = stack.container.db;
    // The truck broke down; handed over at 11:30, the stops were timed again: ord-h1 (told 10:30–11:30) now 12:00, ord-h2
    // (told 12:30–13:30) 14:00, ord-h3 (told 13:30–14:30) 14:20, within the slack. The orders carry the new times.
    const told = [stop('ord-h1', '11:00', 1), stop('ord-h2', '13:00', 2), stop('ord-h3', '14:00', 3)];
    const handed = [stop('ord-h1', '12:00', 1), stop('ord-h2', '14:00', 2), stop('ord-h3', '14:20', 3)];
    for (const [i, s] of handed.entries()) {
      await db.collection('customers').doc(s.customerId).set(aCustomer().withId(s.customerId).withCode(`C0080${i}`).build());
      await seedPortalAccounts(db, [s.customerId]);
      await db.collection('orders').doc(s.orderId).set({ id: s.orderId, customerId: s.customerId, requestedDate: day, status: 'scheduled', eta: s.eta, version: 3 });
    }
    await db.collection('routes').doc('route-broke~drv-2').set({ id: 'route-broke~drv-2', date: day, status: 'published', stops: handed, version: 1 });
    const toldEtas = Object.fromEntries(told.map((s) => [s.orderId, s.eta]));
    const event = buildEvent({
      id: randomUUID(),
      type: 'route.handed_over',
      occurredAt: new Date(at('11:30')),
      actor: { uid: 'u-office', role: 'office' },
      subject: 'routes/route-broke~drv-2',
      sequence: 1,
      data: { routeId: 'route-broke', fromDriverId: 'drv-1', toRouteId: 'route-broke~drv-2', toDriverId: 'drv-2', vehicleId: 'veh-1', stops: 3, loadToMove: null, toldEtas },
    });
    await stack.container.publisher.publish('route-events', event);
    await stack.container.publisher.publish('route-events', { ...event, id: randomUUID() });
    const h2 = await eventually(async () => ((await inbox('cust-ord-h2')).length > 0 ? inbox('cust-ord-h2') : null));
    expect(h2).toEqual([expect.stringContaining('預計延至 12/1（二）14:00 左右抵達')]);
    const h1 = await eventually(async () => ((await inbox('cust-ord-h1')).length > 0 ? inbox('cust-ord-h1') : null));
    expect(h1).toEqual([expect.stringContaining('預計延至 12/1（二）12:00 左右抵達')]);
    // The second delivery of the same news had time to arrive; nobody heard twice.
    await new Promise((r) => setTimeout(r, 1_500));
    expect([(await inbox('cust-ord-h1')).length, (await inbox('cust-ord-h2')).length, (await inbox('cust-ord-h3')).length]).toEqual([1, 1, 0]);
    expect((await db.collection('notificationDispatch').doc('delay-ord-h1').get()).data()).toMatchObject({ kind: 'delay', status: 'sent', eta: at('12:00') });
  });
});

import { randomUUID } from 'node:crypto';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { buildEvent } from '../domain/events';
import { aDriver, aTimedStop } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { eventually } from './test-support/planning-day';

/**
 * 配送追蹤 through Pub/Sub and its push subscription: a route started gives each order out for delivery on it the stops
 * before it, its driver and time; a stop done an hour late moves the others on and their times back, however often the
 * news arrives (a redelivery writes nothing); a hand-over (改派) gives the stops handed over the new driver; a route done
 * leaves no tracking behind.
 */
let stack: TestStack;
const day = '2026-12-01';
const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const stops = [aTimedStop('ord-t1', at('09:00'), 1), aTimedStop('ord-t2', at('09:30'), 2), aTimedStop('ord-t3', at('10:10'), 3)];
const delivered = (i: number, hhmm: string) => ({ ...stops[i]!, outcome: { status: 'delivered' as const, at: at(hhmm), actionId: `a${i}` } });

const tracking = async () =>
  Object.fromEntries(
    (await stack.container.db.collection('orderTracking').get()).docs.map((d) => [d.id, [d.get('routeId'), d.get('stopsBefore'), d.get('eta'), d.get('driverName')?.['zh-TW'], d.get('driverPhone')]]),
  );
const routeEvent = (type: string, data: Record<string, unknown>) =>
  buildEvent({ id: randomUUID(), type, occurredAt: new Date(), actor: { uid: 'u-drv', role: 'driver' }, subject: `routes/${String(data['routeId'])}`, sequence: 1, data });
/** Waits until the tracking says `expected`. */
const settlesOn = (expected: Record<string, unknown>) => eventually(async () => (JSON.stringify(await tracking()) === JSON.stringify(expected) ? true : null));

beforeAll(async () => {
  stack = await startTestStack({ suite: 'tracking', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'trackOrders') });
  const db = stack.container.db;
  await db.collection('drivers').doc('drv-1').set(aDriver('drv-1', 'veh-1', { name: '王大明', phone: '0912-345-678' }));
  await db.collection('drivers').doc('drv-2').set(aDriver('drv-2', 'veh-2', { name: '陳志豪', phone: '0933-222-111' }));
  for (const s of stops) {
    await db.collection('orders').doc(s.orderId).set({ id: s.orderId, customerId: s.customerId, requestedDate: day, status: 'out_for_delivery', routeId: 'route-t', driverId: 'drv-1', eta: s.eta, version: 3 });
  }
  await db.collection('routes').doc('route-t').set({ id: 'route-t', date: day, driverId: 'drv-1', status: 'in_progress', stops, version: 2 });
});
afterAll(() => stack.close());

describe('the tracking of orders out for delivery', () => {
  it('gives each one the stops before it, the driver as customers call them with the phone, and the planned time once the route starts', async () => {
    await stack.container.publisher.publish('route-events', routeEvent('route.started', { routeId: 'route-t', driverId: 'drv-1' }));
    await settlesOn({
      'ord-t1': ['route-t', 0, at('09:00'), '王師傅', '0912-345-678'],
      'ord-t2': ['route-t', 1, at('09:30'), '王師傅', '0912-345-678'],
      'ord-t3': ['route-t', 2, at('10:10'), '王師傅', '0912-345-678'],
    });
  });

  it('moves the others on when a stop is done an hour late, with their times an hour later, writing nothing again on a redelivery', async () => {
    const db = stack.container.db;
    await db.collection('orders').doc('ord-t1').update({ status: 'delivered' });
    await db.collection('routes').doc('route-t').update({ stops: [delivered(0, '10:00'), ...stops.slice(1)], version: 3 });
    const event = routeEvent('route.stop_delivered', { routeId: 'route-t', orderId: 'ord-t1', actionId: 'a0', at: at('10:00') });
    await stack.container.publisher.publish('route-events', event);
    await settlesOn({ 'ord-t2': ['route-t', 0, at('10:30'), '王師傅', '0912-345-678'], 'ord-t3': ['route-t', 1, at('11:10'), '王師傅', '0912-345-678'] });
    const written = (await db.collection('orderTracking').get()).docs.map((d) => d.updateTime.toMillis());
    await stack.container.publisher.publish('route-events', event);
    await stack.container.publisher.publish('route-events', { ...event, id: randomUUID() });
    // The redeliveries had time to arrive and found every tracking saying the same.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await db.collection('orderTracking').get()).docs.map((d) => d.updateTime.toMillis())).toEqual(written);
  });

  it('gives the stop handed over (改派) the new driver and route, and leaves nothing once the routes are done', async () => {
    const db = stack.container.db;
    await db.collection('orders').doc('ord-t3').update({ routeId: 'route-t~drv-2', driverId: 'drv-2', eta: at('11:30') });
    await db.collection('routes').doc('route-t~drv-2').set({ id: 'route-t~drv-2', date: day, driverId: 'drv-2', status: 'in_progress', stops: [{ ...stops[2]!, seq: 1, eta: at('11:30') }], version: 1 });
    await db.collection('routes').doc('route-t').update({ stops: [delivered(0, '10:00'), stops[1]!], version: 4 });
    await stack.container.publisher.publish('route-events', routeEvent('route.handed_over', { routeId: 'route-t', fromDriverId: 'drv-1', toRouteId: 'route-t~drv-2', toDriverId: 'drv-2', stops: 1 }));
    await settlesOn({ 'ord-t2': ['route-t', 0, at('10:30'), '王師傅', '0912-345-678'], 'ord-t3': ['route-t~drv-2', 0, at('11:30'), '陳師傅', '0933-222-111'] });

    await db.collection('orders').doc('ord-t2').update({ status: 'delivered' });
    await db.collection('routes').doc('route-t').update({ stops: [delivered(0, '10:00'), delivered(1, '10:20')], status: 'completed', version: 5 });
    await stack.container.publisher.publish('route-events', routeEvent('route.completed', { routeId: 'route-t', driverId: 'drv-1' }));
    await settlesOn({ 'ord-t3': ['route-t~drv-2', 0, at('11:30'), '陳師傅', '0933-222-111'] });
  });
});

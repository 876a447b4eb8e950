import { Timestamp } from '@google-cloud/firestore';
import { startTestStack, type TestStack } from '../local/test-support';
import { addDays } from '../domain/calendar';
import { newJob } from '../domain/routes';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const [veh1, veh2] = day.vehicles as [typeof day.vehicles[number], typeof day.vehicles[number]];
const [drv1, drv2] = day.drivers as [typeof day.drivers[number], typeof day.drivers[number]];
const far = aNearbyCustomer('cust-far', 12);
const early = aConfirmedOrder('ord-early', day.customers[0]!, day.date, { timeWindow: { start: '08:00', end: '08:20' } });
const farOrder = aConfirmedOrder('ord-far', far, day.date);
const at = (i: number) => ({ order: day.orders[i]!, customer: day.customers[i]! });
/** Route 1 carries the 50 kg order (ord-1), so only drv-1 may drive it. */
const r1 = aDraftRoute({ id: 'job-x-1', jobId: 'job-x', date: day.date, vehicle: veh1, driver: drv1, stops: [at(0), at(1), { order: farOrder, customer: far }] });
/** A customer with a usual window, whose order (without a window of its own) was timed inside it. */
const morning = aNearbyCustomer('cust-morning', 13, { deliveryWindows: [{ start: '09:00', end: '11:00' }] });
const morningOrder = aConfirmedOrder('ord-morning', morning, day.date);
const r3 = aDraftRoute({ id: 'job-y-1', jobId: 'job-y', date: day.date, vehicle: veh1, driver: drv1, stops: [{ order: morningOrder, customer: morning }] });
const r2 = aDraftRoute({ id: 'job-x-2', jobId: 'job-x', date: day.date, vehicle: veh2, driver: drv2, stops: [{ order: early, customer: day.customers[0]! }, at(2), at(3)] });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'routes', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day, { customers: [far, morning], orders: [early, farOrder, morningOrder] });
  for (const r of [r1, r2]) await stack.container.db.collection('routes').doc(r.id).set({ ...r, version: 1 });
});
afterAll(() => stack.close());

const stopIds = (r: Json): string[] => r.stops.map((s: Json) => s.orderId);

describe('routes API', () => {
  it('lists drafts for the office, hides them from drivers and refuses customers', async () => {
    const office = await call('GET', `/api/routes?date=${day.date}`, { as: 'office' });
    expect(office.status).toBe(200);
    expect(office.body.items.map((r: Json) => r.id).sort()).toEqual(['job-x-1', 'job-x-2']);
    expect((await call('GET', `/api/routes?date=${day.date}`, { as: 'driver1' })).body.items).toEqual([]);
    expect((await call('GET', '/api/routes/job-x-1', { as: 'driver1' })).status).toBe(404);
    expect((await call('GET', '/api/routes', { as: 'customerA' })).status).toBe(403);
    expect((await call('GET', '/api/routes/job-x-1')).status).toBe(401);
  });

  it('moves a stop between drafts, re-times both and reports the window it breaks', async () => {
    const res = await call('POST', '/api/routes/job-x-1/move-stop', { as: 'office', body: { orderId: 'ord-far', toRouteId: 'job-x-2', toIndex: 0 } });
    expect(res.status).toBe(200);
    expect(stopIds(res.body.from)).toEqual(['ord-1', 'ord-2']);
    expect(stopIds(res.body.to)).toEqual(['ord-far', 'ord-early', 'ord-3', 'ord-4']);
    expect(res.body.to.stops.map((s: Json) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(res.body.violations).toContainEqual(expect.objectContaining({ code: 'TIME_WINDOW', stopId: 'ord-early' }));
    expect(res.body.from.distanceKm).toBeLessThan(r1.distanceKm);
    const back = await call('POST', '/api/routes/job-x-2/move-stop', { as: 'office', body: { orderId: 'ord-far', toRouteId: 'job-x-1', toIndex: 5 } });
    expect(stopIds(back.body.to)).toEqual(['ord-1', 'ord-2', 'ord-far']);
    expect(back.body.violations).toEqual([]);
    const missing = await call('POST', '/api/routes/job-x-2/move-stop', { as: 'office', body: { orderId: 'ord-1', toIndex: 0 } });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ROUTE.STOP_NOT_FOUND']);
  });

  it('refuses a driver without the skills the route needs, with the reason, and ranks the drivers who can', async () => {
    const res = await call('POST', '/api/routes/job-x-1/assign', { as: 'office', body: { driverId: 'drv-2' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ROUTE.ASSIGNMENT_IMPOSSIBLE');
    expect(res.body.error.details).toMatchObject({ routeId: 'job-x-1', driverId: 'drv-2', vehicleId: 'veh-1' });
    expect(res.body.error.details.problems).toContainEqual(expect.objectContaining({ code: 'SKILL_MISSING', detail: { missing: ['cylinder_50kg'] } }));
    const suggestions = await call('GET', '/api/routes/job-x-1/driver-suggestions', { as: 'office' });
    expect(suggestions.body.items[0]).toMatchObject({ driverId: 'drv-1', feasible: true });
    expect(suggestions.body.items.find((s: Json) => s.driverId === 'drv-2').feasible).toBe(false);
    const ok = await call('POST', '/api/routes/job-x-1/assign', { as: 'admin', body: { driverId: 'drv-1', vehicleId: 'veh-1' } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBeGreaterThan(1);
  });

  it('refuses to publish a draft whose driver was deactivated after the assignment, saying which driver and truck and why', async () => {
    const drivers = stack.container.db.collection('drivers');
    await drivers.doc('drv-2').update({ active: false });
    try {
      const refused = await call('POST', '/api/routes/job-x-2/publish', { as: 'office', lang: 'en' });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'ROUTE.ASSIGNMENT_IMPOSSIBLE']);
      expect(refused.body.error.details).toEqual({ routeId: 'job-x-2', driverId: 'drv-2', vehicleId: 'veh-2', problems: [{ code: 'DRIVER_INACTIVE', detail: { driverId: 'drv-2' } }] });
      expect((await call('GET', '/api/routes/job-x-2', { as: 'office' })).body.status).toBe('draft');
    } finally {
      await drivers.doc('drv-2').update({ active: true });
    }
  });

  it('publishes: orders become scheduled on the route, the driver sees it, others do not, and it cannot be edited any more', async () => {
    const res = await call('POST', '/api/routes/job-x-2/publish', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    const orders = await Promise.all(stopIds(res.body).map(async (id) => (await stack.container.db.collection('orders').doc(id).get()).data() as Json));
    expect(orders.map((o) => [o.status, o.routeId, o.driverId])).toEqual(orders.map(() => ['scheduled', 'job-x-2', 'drv-2']));
    // Customers cannot read routes: each order carries its stop's planned arrival.
    expect(orders.map((o) => o.eta)).toEqual(res.body.stops.map((st: Json) => st.eta));
    expect((await call('GET', '/api/routes/job-x-2', { as: 'driver2' })).status).toBe(200);
    expect((await call('GET', '/api/routes', { as: 'driver2' })).body.items.map((r: Json) => r.id)).toEqual(['job-x-2']);
    expect((await call('GET', '/api/routes?status=draft', { as: 'driver2' })).body.items).toEqual([]);
    expect((await call('GET', '/api/routes/job-x-2', { as: 'driver1' })).status).toBe(404);
    const again = await call('POST', '/api/routes/job-x-2/publish', { as: 'office' });
    expect([again.status, again.body.error.code]).toEqual([409, 'ROUTE.NOT_DRAFT']);
    const move = await call('POST', '/api/routes/job-x-1/move-stop', { as: 'office', body: { orderId: 'ord-1', toRouteId: 'job-x-2', toIndex: 0 } });
    expect(move.status).toBe(409);
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', 'routes/job-x-2').get();
    expect(events.docs.map((d) => d.data().event.type)).toContain('route.published');
  });

  it('refuses to publish a draft whose order changed its cylinders after planning, naming it and why', async () => {
    const draft = (await call('GET', '/api/routes/job-x-1', { as: 'office' })).body as Json;
    const changed = stopIds(draft)[0] as string;
    // This stack seeds no price list for the API to re-price with: the office's edit is written as its PATCH leaves it.
    await stack.container.db.collection('orders').doc(changed).update({ items: [{ size: 20, quantity: 5, unitPrice: 850, subtotal: 4250 }] });
    const refused = await call('POST', '/api/routes/job-x-1/publish', { as: 'office' });
    expect([refused.status, refused.body.error.code, refused.body.error.details?.orders]).toEqual([
      409,
      'ROUTE.ORDERS_NOT_SCHEDULABLE',
      [{ orderId: changed, status: 'confirmed', reason: 'items' }],
    ]);
    expect((await stack.container.db.collection('orders').doc(changed).get()).data()).toMatchObject({ status: 'confirmed' });
    expect((await call('GET', '/api/routes/job-x-1', { as: 'office' })).body.status).toBe('draft');
  });

  it('refuses to publish a draft whose customer changed the delivery window its stop was timed in, naming the order and why', async () => {
    await stack.container.db.collection('routes').doc(r3.id).set({ ...r3, version: 1 });
    await stack.container.db.collection('customers').doc(morning.id).update({ deliveryWindows: [{ start: '14:00', end: '16:00' }] });
    const refused = await call('POST', '/api/routes/job-y-1/publish', { as: 'office' });
    expect([refused.status, refused.body.error.code, refused.body.error.details?.orders]).toEqual([
      409,
      'ROUTE.ORDERS_NOT_SCHEDULABLE',
      [{ orderId: morningOrder.id, status: 'confirmed', reason: 'window' }],
    ]);
    expect((await stack.container.db.collection('orders').doc(morningOrder.id).get()).data()).toMatchObject({ status: 'confirmed' });
    expect((await call('GET', '/api/routes/job-y-1', { as: 'office' })).body.status).toBe('draft');
  });

  it('takes a scheduled order confirmed again off its published route, back to planning; 全部確認 leaves a scheduled one on it', async () => {
    const route = async () => (await call('GET', '/api/routes/job-x-2', { as: 'driver2' })).body as Json;
    const [first, second, ...rest] = stopIds(await route());
    const batch = await call('POST', '/api/orders/confirm', { as: 'office', body: { ids: [second] }, key: 'confirm-scheduled' });
    expect([batch.status, batch.body.results]).toEqual([200, [{ id: second, outcome: 'already_confirmed' }]]);
    expect((await stack.container.db.collection('orders').doc(second as string).get()).data()).toMatchObject({ status: 'scheduled', routeId: 'job-x-2' });

    const back = await call('POST', `/api/orders/${first}/confirm`, { as: 'office' });
    expect([back.status, back.body.status, back.body.routeId]).toEqual([200, 'confirmed', undefined]);
    expect(stopIds(await route())).toEqual([second, ...rest]);
    expect((await route()).stops.map((st: Json) => st.seq)).toEqual([second, ...rest].map((_, i) => i + 1));
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', 'routes/job-x-2').get();
    expect(events.docs.map((d) => d.data().event).filter((e) => e.type === 'route.stop_removed').map((e) => e.data)).toEqual([{ routeId: 'job-x-2', orderId: first }]);
  });

  it('takes a cancelled scheduled order off its published route, and completes the route when none is left', async () => {
    const route = async () => (await call('GET', '/api/routes/job-x-2', { as: 'driver2' })).body as Json;
    const [first, ...rest] = stopIds(await route());
    const cancelled = await call('POST', `/api/orders/${first}/cancel`, { as: 'office', body: { reason: '客戶來電取消' } });
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    expect(stopIds(await route())).toEqual(rest);
    expect((await route()).stops.map((st: Json) => st.seq)).toEqual(rest.map((_, i) => i + 1));
    for (const id of rest) expect((await call('POST', `/api/orders/${id}/cancel`, { as: 'office', body: { reason: '客戶來電取消' } })).status).toBe(200);
    expect(await route()).toMatchObject({ status: 'completed', stops: [] });
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', 'routes/job-x-2').get();
    const types = events.docs.map((d) => d.data().event.type);
    expect(types.filter((t) => t === 'route.stop_cancelled')).toHaveLength(rest.length + 1);
    expect(types.filter((t) => t === 'route.completed')).toHaveLength(1);
  });
});

describe('editing drafts: cheapest place, removing a stop', () => {
  // The next day, on its own: customers on one line out of the depot, the 10th between the 1st and the 20th.
  const date = addDays(day.date, 1);
  const line = [1, 10, 20].map((k) => aNearbyCustomer(`cust-line-${k}`, k));
  const stopAt = (i: number) => ({ order: aConfirmedOrder(`ord-line-${[1, 10, 20][i]}`, line[i]!, date), customer: line[i]! });
  const outer = aDraftRoute({ id: 'job-z-1', jobId: 'job-z', date, vehicle: veh1, driver: drv1, stops: [stopAt(0), stopAt(2)] });
  const middle = aDraftRoute({ id: 'job-z-2', jobId: 'job-z', date, vehicle: veh2, driver: drv2, stops: [stopAt(1)] });
  const job = { ...newJob('job-z', { date, depotId: outer.depotId, orderIds: ['ord-line-1', 'ord-line-10', 'ord-line-20'], timeLimitSeconds: 30 }, { uid: 'u-office', role: 'office' }, new Date()), status: 'succeeded', routeIds: [outer.id, middle.id], unassigned: [] };

  beforeAll(async () => {
    const db = stack.container.db;
    for (const r of [outer, middle]) await db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    await db.collection('optimizationJobs').doc(job.id).set({ ...job, version: 1 });
  });

  it('moves a stop to another draft where it costs least (on the way, not at the end); the emptied draft stays and cannot be published', async () => {
    const res = await call('POST', '/api/routes/job-z-2/move-stop', { as: 'office', body: { orderId: 'ord-line-10', toRouteId: 'job-z-1' } });
    expect(res.status).toBe(200);
    expect(stopIds(res.body.to)).toEqual(['ord-line-1', 'ord-line-10', 'ord-line-20']);
    expect(res.body.from).toMatchObject({ status: 'draft', stops: [], violations: [] });
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', 'routes/job-z-1').get();
    expect(events.docs.map((d) => d.data().event).find((e) => e.type === 'route.stop_moved')?.data).toMatchObject({ orderId: 'ord-line-10', toIndex: 1 });
    const publish = await call('POST', '/api/routes/job-z-2/publish', { as: 'office', lang: 'en' });
    expect([publish.status, publish.body.error.code, publish.body.error.message]).toEqual([409, 'ROUTE.NO_STOPS', 'The route has no stops to publish.']);
  });

  const removedOn = async (day: string) => (await stack.container.db.collection('removedStops').doc(`${outer.depotId}_${day}`).get()).data();

  it("takes a stop off a draft, once per key: the draft re-timed, the order recorded on the depot's day", async () => {
    const before = (await call('GET', '/api/routes/job-z-1', { as: 'office' })).body as Json;
    expect((await call('POST', '/api/routes/job-z-1/remove-stop', { as: 'driver1', body: { orderId: 'ord-line-10' } })).status).toBe(403);
    expect((await call('POST', '/api/routes/job-z-1/remove-stop', { as: 'customerA', body: { orderId: 'ord-line-10' } })).status).toBe(403);
    const res = await call('POST', '/api/routes/job-z-1/remove-stop', { as: 'office', body: { orderId: 'ord-line-10' }, key: 'remove-line-10' });
    expect(res.status).toBe(200);
    expect(stopIds(res.body)).toEqual(['ord-line-1', 'ord-line-20']);
    expect(res.body.stops.map((s: Json) => s.seq)).toEqual([1, 2]);
    // On the way between the other two: the distance hardly changes, the stop's service time goes.
    expect(res.body.distanceKm).toBeLessThanOrEqual(before.distanceKm);
    expect(res.body.durationMin).toBeLessThan(before.durationMin);
    const again = await call('POST', '/api/routes/job-z-1/remove-stop', { as: 'office', body: { orderId: 'ord-line-10' }, key: 'remove-line-10' });
    expect([again.status, again.body.version]).toEqual([200, res.body.version]);
    expect((await removedOn(date))?.orders).toEqual([{ orderId: 'ord-line-10', routeId: 'job-z-1', at: res.body.updatedAt }]);
    // The plan's record says what the plan did, not what the office did since.
    expect((await stack.container.db.collection('optimizationJobs').doc('job-z').get()).data()?.unassigned).toEqual([]);
    const events = await stack.container.db.collection('outbox').where('event.subject', '==', 'routes/job-z-1').get();
    expect(events.docs.filter((d) => d.data().event.type === 'route.stop_removed').map((d) => d.data().event.data)).toEqual([{ routeId: 'job-z-1', orderId: 'ord-line-10' }]);
    const gone = await call('POST', '/api/routes/job-z-1/remove-stop', { as: 'admin', body: { orderId: 'ord-line-10' } });
    expect([gone.status, gone.body.error.code]).toEqual([404, 'ROUTE.STOP_NOT_FOUND']);
  });

  it("keeps the depot's day's removal record until 00:00 Taipei 60 days after the day: a Timestamp in expiresAt, the field the TTL policy reads", async () => {
    const record = await removedOn(date);
    expect(record?.expiresAt).toBeInstanceOf(Timestamp);
    expect(record?.expiresAt.toDate().toISOString()).toBe(new Date(`${addDays(date, 60)}T00:00:00+08:00`).toISOString());
  });

  it('records a stop taken off a draft made by hand, or one whose plan record is gone, on the depot\'s day all the same', async () => {
    const later = addDays(date, 1);
    const order = (k: number) => aConfirmedOrder(`ord-hand-${k}`, line[0]!, later);
    const byHand = aDraftRoute({ id: 'hand-1', date: later, vehicle: veh1, driver: drv1, stops: [{ order: order(1), customer: line[0]! }] });
    const orphan = aDraftRoute({ id: 'job-gone-1', jobId: 'job-gone', date: later, vehicle: veh2, driver: drv2, stops: [{ order: order(2), customer: line[0]! }] });
    const db = stack.container.db;
    for (const o of [order(1), order(2)]) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
    for (const r of [byHand, orphan]) await db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    const [one, two] = await Promise.all([
      call('POST', '/api/routes/hand-1/remove-stop', { as: 'office', body: { orderId: 'ord-hand-1' } }),
      call('POST', '/api/routes/job-gone-1/remove-stop', { as: 'admin', body: { orderId: 'ord-hand-2' } }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const record = await removedOn(later);
    expect(record).toMatchObject({ depotId: outer.depotId, date: later });
    expect([...record?.orders].sort((x: Json, y: Json) => x.orderId.localeCompare(y.orderId))).toEqual([
      { orderId: 'ord-hand-1', routeId: 'hand-1', at: one.body.updatedAt },
      { orderId: 'ord-hand-2', routeId: 'job-gone-1', at: two.body.updatedAt },
    ]);
    expect((await db.collection('optimizationJobs').doc('job-gone').get()).exists).toBe(false);
  });

  it('leaves a published route as it is', async () => {
    await stack.container.db.collection('routes').doc('job-z-1').update({ status: 'published' });
    const res = await call('POST', '/api/routes/job-z-1/remove-stop', { as: 'office', body: { orderId: 'ord-line-1' } });
    expect([res.status, res.body.error.code]).toEqual([409, 'ROUTE.NOT_DRAFT']);
    expect(stopIds((await call('GET', '/api/routes/job-z-1', { as: 'office' })).body)).toEqual(['ord-line-1', 'ord-line-20']);
  });
});

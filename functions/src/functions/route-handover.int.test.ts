import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, onSnapshot, query, setLogLevel, where } from 'firebase/firestore';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firestoreEmulatorHost, startTestStack, taipeiClockAt, type TestStack } from '../local/test-support';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { sumBySize } from '../domain/cylinders';
import { fullCylinderKg } from '../domain/fleet';
import type { Order } from '../domain/orders';
import { publishRoute, recordOutcome, startRoute, type Route } from '../domain/routes';
import { aConfirmedOrder, aDraftRoute } from '../domain/routes/test-support/fleet-mother';
import { apiClient, type Json } from './test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
/** Mid-morning whenever the suite runs: a hand-over is timed from now and must end within the shift. */
const clock = taipeiClockAt('10:00');
let rules: RulesTestEnvironment;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const [veh1, veh2] = day.vehicles as [typeof day.vehicles[number], typeof day.vehicles[number]];
const [drv1, drv2] = day.drivers as [typeof day.drivers[number], typeof day.drivers[number]];
const at = (i: number) => ({ order: day.orders[i]!, customer: day.customers[i]! });
const published = publishRoute(aDraftRoute({ id: 'pub-2', date: day.date, vehicle: veh2, driver: drv2, stops: [at(2), at(3)] }), clock.now());
/** drv-1's route of the next day, its first stop delivered. */
const nextDay = addDays(day.date, 1);
const startedDraft = aDraftRoute({ id: 'run-1', date: nextDay, vehicle: veh1, driver: drv1, stops: [at(1), at(4)] });
const started = recordOutcome(startRoute(publishRoute(startedDraft, clock.now()), clock.now()), 'ord-2', { status: 'delivered', at: clock.now().toISOString(), actionId: 'act-1' });

const scheduledOn = (r: Route, o: Order): Order => ({ ...o, status: 'scheduled', routeId: r.id, driverId: r.driverId as string, requestedDate: r.date });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'route-handover', subscriptions: [], clock });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day);
  const db = stack.container.db;
  // On shift all day: a hand-over is timed from now, so a driver off at 17:00 refuses it late in the afternoon whenever the suite runs then.
  for (const d of day.drivers) await db.collection('drivers').doc(d.id).update({ shift: { start: '00:00', end: '23:59' } });
  for (const r of [published, started]) await db.collection('routes').doc(r.id).set({ ...r, version: 1 });
  for (const [r, i] of [[published, 2], [published, 3], [started, 1], [started, 4]] as const) {
    await db.collection('orders').doc(day.orders[i]!.id).set({ ...scheduledOn(r, day.orders[i]!), version: 2 });
  }
  for (const uid of ['u-driver1', 'u-driver2']) await db.collection('users').doc(uid).set({ username: uid, disabled: false });
  setLogLevel('error');
  const [host, port] = firestoreEmulatorHost().split(':') as [string, string];
  rules = await initializeTestEnvironment({
    projectId: stack.projectId,
    firestore: { host, port: Number(port), rules: readFileSync(join(__dirname, '../../../firestore.rules'), 'utf8') },
  });
});
afterAll(async () => {
  await rules.cleanup();
  await stack.close();
});

const phoneOf = (driverId: string, uid: string) => rules.authenticatedContext(uid, { role: 'driver', driverId }).firestore();

describe('handing a route over to another driver (改派)', () => {
  it('refuses drivers and customers, an unknown driver, a deactivated one and the driver the route has, in the caller’s language', async () => {
    const body = { driverId: 'drv-1' };
    expect((await call('POST', '/api/routes/pub-2/hand-over', { as: 'driver1', body })).status).toBe(403);
    expect((await call('POST', '/api/routes/pub-2/hand-over', { as: 'customerA', body })).status).toBe(403);
    const unknown = await call('POST', '/api/routes/pub-2/hand-over', { as: 'office', body: { driverId: 'drv-9' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'DRIVER.NOT_FOUND']);
    const same = await call('POST', '/api/routes/pub-2/hand-over', { as: 'office', lang: 'en', body: { driverId: 'drv-2' } });
    expect([same.status, same.body.error.code, same.body.error.message]).toEqual([409, 'ROUTE.SAME_DRIVER', 'The route is already this driver’s.']);
    const bad = await call('POST', '/api/routes/pub-2/hand-over', { as: 'office', body: {} });
    expect(bad.status).toBe(400);
    await stack.container.db.collection('drivers').doc('drv-1').update({ active: false });
    try {
      const inactive = await call('POST', '/api/routes/pub-2/hand-over', { as: 'office', body });
      expect([inactive.status, inactive.body.error.code]).toEqual([409, 'ROUTE.ASSIGNMENT_IMPOSSIBLE']);
      expect(inactive.body.error.details.problems).toContainEqual(expect.objectContaining({ code: 'DRIVER_INACTIVE' }));
    } finally {
      await stack.container.db.collection('drivers').doc('drv-1').update({ active: true });
    }
    expect((await stack.container.db.collection('routes').doc('pub-2').get()).get('driverId')).toBe('drv-2');
  });

  it("gives a published route to the new driver and their truck, its stops at the times customers were told; the old driver's phone can no longer read it, the new one's can", async () => {
    const phone = phoneOf('drv-2', 'u-driver2');
    const seen = { routes: ['?'], orders: ['?'], failures: [] as string[] };
    const stops = [
      onSnapshot(query(collection(phone, 'routes'), where('driverId', '==', 'drv-2'), where('date', '==', day.date), where('status', 'in', ['published', 'in_progress', 'completed'])), (s) => {
        seen.routes = s.docs.map((d) => d.id);
      }, (e) => void seen.failures.push(`routes: ${e.code}`)),
      onSnapshot(query(collection(phone, 'orders'), where('routeId', '==', 'pub-2'), where('driverId', '==', 'drv-2')), (s) => {
        seen.orders = s.docs.map((d) => d.id);
      }, (e) => void seen.failures.push(`orders: ${e.code}`)),
    ];
    await eventually(async () => (seen.routes.length === 1 && seen.orders.length === 2 ? true : null));
    const res = await call('POST', '/api/routes/pub-2/hand-over', { as: 'office', body: { driverId: 'drv-1', vehicleId: veh1.id } });
    // The route and its orders change hands in one commit: the first driver's open listeners drop them, neither fails.
    await eventually(async () => (seen.routes.length === 0 && seen.orders.length === 0 ? true : null));
    for (const stop of stops) stop();
    expect(seen.failures).toEqual([]);
    expect(res.status).toBe(200);
    expect(res.body.kept).toBeNull();
    expect(res.body.handed).toMatchObject({ id: 'pub-2', status: 'published', driverId: 'drv-1', vehicleId: veh1.id });
    // Another truck than the route's: the fulls loaded for its stops are to move across.
    expect(res.body.loadToMove).toEqual({ fromVehicleId: veh2.id, toVehicleId: veh1.id, cylinders: sumBySize(published.stops.map((s) => s.demand)) });
    expect(res.body.handed.stops.map((s: Json) => s.eta)).toEqual(published.stops.map((s) => s.eta));
    for (const path of ['routes/pub-2', 'orders/ord-3', 'orders/ord-4']) {
      await assertFails(getDoc(doc(phoneOf('drv-2', 'u-driver2'), path)));
      await assertSucceeds(getDoc(doc(phoneOf('drv-1', 'u-driver1'), path)));
    }
    expect((await call('GET', '/api/routes/pub-2', { as: 'driver2' })).status).toBe(404);
  });

  it("hands a started route's stops without an outcome to a new route of the new driver; the delivered stop stays the first driver's", async () => {
    const res = await call('POST', '/api/routes/run-1/hand-over', { as: 'admin', body: { driverId: 'drv-2' }, key: 'hand-over-run-1' });
    expect(res.status).toBe(200);
    expect(res.body.kept).toMatchObject({ id: 'run-1', driverId: 'drv-1', status: 'completed' });
    expect(res.body.kept.stops.map((s: Json) => s.orderId)).toEqual(['ord-2']);
    // The truck goes with the stops, its load on the road with it: drv-2 takes it over rather than their own.
    expect(res.body.handed).toMatchObject({ id: 'run-1~drv-2', status: 'published', driverId: 'drv-2', vehicleId: veh1.id });
    expect(res.body.loadToMove).toBeNull();
    expect(res.body.handed.stops.map((s: Json) => s.orderId)).toEqual(['ord-5']);
    expect(res.body.handed.distanceKm).toBeLessThan(started.distanceKm);
    expect(res.body.kept.distanceKm + res.body.handed.distanceKm).toBeCloseTo(started.distanceKm, 5);
    const ord5 = (await stack.container.db.collection('orders').doc('ord-5').get()).data();
    expect(ord5).toMatchObject({ routeId: 'run-1~drv-2', driverId: 'drv-2', status: 'scheduled' });
    await assertFails(getDoc(doc(phoneOf('drv-1', 'u-driver1'), 'orders/ord-5')));
    await assertSucceeds(getDoc(doc(phoneOf('drv-2', 'u-driver2'), 'routes/run-1~drv-2')));
    await assertSucceeds(getDoc(doc(phoneOf('drv-1', 'u-driver1'), 'routes/run-1')));
    const again = await call('POST', '/api/routes/run-1/hand-over', { as: 'office', body: { driverId: 'drv-2' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'ROUTE.NOT_HANDABLE']);
  });

  it('answers a retry under the same Idempotency-Key (a lost answer) as the first hand-over, handing nothing over again', async () => {
    const db = stack.container.db;
    const route = publishRoute(aDraftRoute({ id: 'pub-retry', date: addDays(day.date, 2), vehicle: veh2, driver: drv2, stops: [at(0)] }), clock.now());
    await db.collection('routes').doc(route.id).set({ ...route, version: 1 });
    await db.collection('orders').doc(day.orders[0]!.id).set({ ...scheduledOn(route, day.orders[0]!), version: 2 });
    const first = await call('POST', '/api/routes/pub-retry/hand-over', { as: 'office', body: { driverId: 'drv-1' }, key: 'hand-over-pub-retry' });
    expect(first.status).toBe(200);
    const retry = await call('POST', '/api/routes/pub-retry/hand-over', { as: 'office', body: { driverId: 'drv-1' }, key: 'hand-over-pub-retry' });
    expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body]).toEqual([200, 'true', first.body]);
    expect((await db.collection('routes').doc('pub-retry').get()).get('version')).toBe(first.body.handed.version);
    const audited = await db.collection('auditLog').where('route', '==', '/:id/hand-over').where('params.id', '==', 'pub-retry').get();
    expect(audited.size).toBe(1);
  });

  it("hands only the stops chosen of a started route to a driver checked for those stops alone, timed from the hand-over, and keeps the rest on the route", async () => {
    const db = stack.container.db;
    const today = taipeiDate(clock.now());
    // 20 kg, 50 kg (drv-1's skill, not drv-2's), 20 kg; the first delivered, the others planned two hours ago and more.
    const orders = [[0, 20], [1, 50], [2, 20]].map(([k, size]) => aConfirmedOrder(`ord-s${k! + 1}`, day.customers[k!]!, today, { items: [{ size: size!, quantity: 1 }] }));
    const draft = aDraftRoute({ id: 'split-1', date: today, vehicle: veh1, driver: drv1, stops: orders.map((order, k) => ({ order, customer: day.customers[k]! })) });
    const past = (min: number) => new Date(clock.now().getTime() - min * 60_000).toISOString();
    const planned = { ...draft, stops: draft.stops.map((s, i) => ({ ...s, eta: past(180 - 10 * i) })) };
    const route = recordOutcome(startRoute(publishRoute(planned, clock.now()), clock.now()), 'ord-s1', { status: 'delivered', at: past(170), actionId: 'act-s1' });
    await db.collection('routes').doc(route.id).set({ ...route, version: 1 });
    for (const [i, o] of orders.entries()) await db.collection('orders').doc(o.id).set({ ...scheduledOn(route, o), status: 'out_for_delivery', eta: route.stops[i]!.eta, version: 2 });

    const made = await call('POST', '/api/routes/split-1/hand-over', { as: 'office', lang: 'en', body: { driverId: 'drv-2', orderIds: ['ord-s1'] } });
    expect([made.status, made.body.error.code, made.body.error.details.orderIds]).toEqual([409, 'ROUTE.STOPS_NOT_HANDABLE', ['ord-s1']]);
    expect(made.body.error.message).toContain('reload and choose the stops');
    const skill = await call('POST', '/api/routes/split-1/hand-over', { as: 'office', body: { driverId: 'drv-2', orderIds: ['ord-s2', 'ord-s3'] } });
    expect([skill.status, skill.body.error.code]).toEqual([409, 'ROUTE.ASSIGNMENT_IMPOSSIBLE']);
    expect(skill.body.error.details.problems).toContainEqual(expect.objectContaining({ code: 'SKILL_MISSING' }));

    const before = clock.now().getTime();
    const res = await call('POST', '/api/routes/split-1/hand-over', { as: 'office', body: { driverId: 'drv-2', orderIds: ['ord-s3'] }, key: 'hand-over-split-1' });
    expect(res.status).toBe(200);
    expect(res.body.kept).toMatchObject({ id: 'split-1', status: 'in_progress', driverId: 'drv-1', vehicleId: veh1.id, handedOver: { driverId: 'drv-2', routeId: 'split-1~drv-2', stops: 1 } });
    expect(res.body.kept.stops.map((s: Json) => s.orderId)).toEqual(['ord-s1', 'ord-s2']);
    // drv-1 drives on with the route's truck: drv-2 takes their own, the 20 kg carried across.
    expect(res.body.handed).toMatchObject({ id: 'split-1~drv-2', status: 'published', driverId: 'drv-2', vehicleId: veh2.id });
    expect(res.body.loadToMove).toEqual({ fromVehicleId: veh1.id, toVehicleId: veh2.id, cylinders: [{ size: 20, quantity: 1 }] });
    const handedStop = res.body.handed.stops[0] as Json;
    expect(Date.parse(handedStop.eta)).toBeGreaterThanOrEqual(before + 30 * 60_000);
    const s3 = (await db.collection('orders').doc('ord-s3').get()).data();
    expect(s3).toMatchObject({ routeId: 'split-1~drv-2', driverId: 'drv-2', status: 'out_for_delivery', eta: handedStop.eta });
    expect((await db.collection('orders').doc('ord-s2').get()).data()).toMatchObject({ routeId: 'split-1', driverId: 'drv-1', eta: route.stops[1]!.eta });
    // What the customer heard before goes with the event, for the delay notice: the order now holds the new time.
    const events = (await db.collection('outbox').where('event.subject', '==', 'routes/split-1~drv-2').get()).docs.map((d) => d.get('event'));
    expect(events).toContainEqual(expect.objectContaining({ type: 'route.handed_over', data: expect.objectContaining({ toldEtas: { 'ord-s3': route.stops[2]!.eta } }) }));
    await assertSucceeds(getDoc(doc(phoneOf('drv-1', 'u-driver1'), 'orders/ord-s2')));
    await assertFails(getDoc(doc(phoneOf('drv-1', 'u-driver1'), 'orders/ord-s3')));
    await assertSucceeds(getDoc(doc(phoneOf('drv-2', 'u-driver2'), 'orders/ord-s3')));
    // The rest is to hand over too, to anyone but the route's own driver.
    const suggested = await call('GET', '/api/routes/split-1/driver-suggestions', { as: 'office' });
    expect(suggested.body.items.map((s: Json) => s.driverId)).toEqual(['drv-2']);
  });

  it("hands stops to a driver out on their own route that day onto it, after their stops left, refusing with what does not fit; their phone gets the stops, the first driver's loses them", async () => {
    const db = stack.container.db;
    const date = addDays(day.date, 4);
    const orders = [1, 2, 3, 4, 5].map((k) => aConfirmedOrder(`ord-j${k}`, day.customers[k - 1]!, date));
    const begun = (r: Route, first: string) => recordOutcome(startRoute(publishRoute(r, clock.now()), clock.now()), first, { status: 'delivered', at: clock.now().toISOString(), actionId: `act-${first}` });
    const giving = begun(aDraftRoute({ id: 'give-1', date, vehicle: veh1, driver: drv1, stops: orders.slice(0, 3).map((order, k) => ({ order, customer: day.customers[k]! })) }), 'ord-j1');
    const own = begun(aDraftRoute({ id: 'own-1', date, vehicle: veh2, driver: drv2, stops: orders.slice(3).map((order, k) => ({ order, customer: day.customers[k + 3]! })) }), 'ord-j4');
    // ord-j2's customer takes gas until 08:05 only: after drv-2's ord-j5 it is too late.
    const givingDoc = { ...giving, stops: giving.stops.map((s) => (s.orderId === 'ord-j2' ? { ...s, windows: [{ start: '08:00', end: '08:05' }] } : s)) };
    for (const r of [givingDoc, own]) await db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    for (const [r, o] of [...orders.slice(0, 3).map((o) => [giving, o] as const), ...orders.slice(3).map((o) => [own, o] as const)]) {
      await db.collection('orders').doc(o.id).set({ ...scheduledOn(r, o), status: 'out_for_delivery', eta: r.stops.find((s) => s.orderId === o.id)!.eta, version: 2 });
    }
    const phone = phoneOf('drv-2', 'u-driver2');
    const seen = { stops: [] as string[], orders: [] as string[], failures: [] as string[] };
    const listeners = [
      onSnapshot(doc(phone, 'routes/own-1'), (d) => void (seen.stops = ((d.get('stops') ?? []) as Json[]).map((s) => s.orderId)), (e) => void seen.failures.push(`route: ${e.code}`)),
      onSnapshot(query(collection(phone, 'orders'), where('routeId', '==', 'own-1'), where('driverId', '==', 'drv-2')), (s) => void (seen.orders = s.docs.map((d) => d.id).sort()), (e) => void seen.failures.push(`orders: ${e.code}`)),
    ];
    await eventually(async () => (seen.orders.length === 2 && seen.stops.length === 2 ? true : null));

    // Suggested as the hand-over judges them: joining own-1 on its truck, too late for ord-j2's window, not busy with it.
    const suggested = (await call('GET', '/api/routes/give-1/driver-suggestions', { as: 'office' })).body.items.find((s: Json) => s.driverId === 'drv-2');
    expect([suggested.vehicleId, suggested.problems.map((p: Json) => p.code)]).toEqual([veh2.id, ['TIME_WINDOW']]);
    const late = await call('POST', '/api/routes/give-1/hand-over', { as: 'office', lang: 'en', body: { driverId: 'drv-2', orderIds: ['ord-j2', 'ord-j3'] } });
    expect([late.status, late.body.error.code, late.body.error.details.intoRouteId]).toEqual([409, 'ROUTE.ASSIGNMENT_IMPOSSIBLE', 'own-1']);
    expect(late.body.error.details.problems).toEqual([{ code: 'TIME_WINDOW', detail: expect.objectContaining({ orderId: 'ord-j2', windowEnd: '08:05' }) }]);
    // drv-2's truck still carries ord-j5's full: with ord-j3's it is over a limit of one.
    const oneFull = fullCylinderKg(20);
    await db.collection('vehicles').doc(veh2.id).update({ capacityKg: oneFull });
    try {
      const full = await call('POST', '/api/routes/give-1/hand-over', { as: 'office', body: { driverId: 'drv-2', orderIds: ['ord-j3'] } });
      expect([full.status, full.body.error.code]).toEqual([409, 'ROUTE.ASSIGNMENT_IMPOSSIBLE']);
      expect(full.body.error.details.problems).toEqual([{ code: 'CAPACITY_WEIGHT', detail: { needKg: 2 * oneFull, capacityKg: oneFull } }]);
    } finally {
      await db.collection('vehicles').doc(veh2.id).update({ capacityKg: veh2.capacityKg });
    }
    expect((await db.collection('routes').doc('own-1').get()).get('stops')).toHaveLength(2);

    const res = await call('POST', '/api/routes/give-1/hand-over', { as: 'office', body: { driverId: 'drv-2', orderIds: ['ord-j3'] }, key: 'hand-over-give-1' });
    expect(res.status).toBe(200);
    expect(res.body.kept).toMatchObject({ id: 'give-1', status: 'in_progress', driverId: 'drv-1', handedOver: { driverId: 'drv-2', routeId: 'own-1', stops: 1 } });
    expect(res.body.kept.stops.map((s: Json) => s.orderId)).toEqual(['ord-j1', 'ord-j2']);
    expect(res.body.handed).toMatchObject({ id: 'own-1', status: 'in_progress', driverId: 'drv-2', vehicleId: veh2.id });
    expect(res.body.handed.stops.map((s: Json) => [s.orderId, s.seq])).toEqual([['ord-j4', 1], ['ord-j5', 2], ['ord-j3', 3]]);
    expect(res.body.handed.stops.slice(0, 2).map((s: Json) => s.eta)).toEqual(own.stops.map((s) => s.eta));
    expect(res.body.loadToMove).toEqual({ fromVehicleId: veh1.id, toVehicleId: veh2.id, cylinders: [{ size: 20, quantity: 1 }] });
    const j3 = res.body.handed.stops[2] as Json;
    expect((await db.collection('orders').doc('ord-j3').get()).data()).toMatchObject({ routeId: 'own-1', driverId: 'drv-2', status: 'out_for_delivery', eta: j3.eta });
    expect((await db.collection('orders').doc('ord-j5').get()).data()).toMatchObject({ routeId: 'own-1', eta: own.stops[1]!.eta });
    await eventually(async () => (seen.orders.includes('ord-j3') && seen.stops.includes('ord-j3') ? true : null));
    for (const stop of listeners) stop();
    expect(seen.failures).toEqual([]);
    await assertFails(getDoc(doc(phoneOf('drv-1', 'u-driver1'), 'orders/ord-j3')));
    await assertSucceeds(getDoc(doc(phoneOf('drv-2', 'u-driver2'), 'orders/ord-j3')));
    await assertSucceeds(getDoc(doc(phoneOf('drv-1', 'u-driver1'), 'orders/ord-j2')));
    const events = (await db.collection('outbox').where('event.subject', '==', 'routes/own-1').get()).docs.map((d) => d.get('event'));
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'route.handed_over', data: expect.objectContaining({ toRouteId: 'own-1', stops: 1, toldEtas: { 'ord-j3': giving.stops[2]!.eta } }) }),
    );
  });

  it("says on the receiving route which fulls to fetch from the first truck (whose, its plate, where it was) and which from the depot, and tells the first driver who comes for the fulls on their truck; takes either driver's word that they moved, once, on both routes", async () => {
    const db = stack.container.db;
    const date = addDays(day.date, 5);
    const orders = [1, 2, 3, 4, 5].map((k) => aConfirmedOrder(`ord-p${k}`, day.customers[k - 1]!, date, { items: [{ size: k === 3 ? 16 : 20, quantity: k === 3 ? 3 : 1 }] }));
    const begun = (r: Route, first: string) => recordOutcome(startRoute(publishRoute(r, clock.now()), clock.now()), first, { status: 'delivered', at: clock.now().toISOString(), actionId: `act-${first}` });
    const planned = aDraftRoute({ id: 'give-2', date, vehicle: veh1, driver: drv1, stops: orders.slice(0, 3).map((order, k) => ({ order, customer: day.customers[k]! })) });
    // ord-p3 on the second trip: its fulls wait at the depot for the reload.
    const giving = begun({ ...planned, stops: planned.stops.map((s) => (s.orderId === 'ord-p3' ? { ...s, trip: 1 } : s)) }, 'ord-p1');
    const own = begun(aDraftRoute({ id: 'own-2', date, vehicle: veh2, driver: drv2, stops: orders.slice(3).map((order, k) => ({ order, customer: day.customers[k + 3]! })) }), 'ord-p4');
    for (const r of [giving, own]) await db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    for (const [r, o] of [...orders.slice(0, 3).map((o) => [giving, o] as const), ...orders.slice(3).map((o) => [own, o] as const)]) {
      await db.collection('orders').doc(o.id).set({ ...scheduledOn(r, o), status: 'out_for_delivery', eta: r.stops.find((s) => s.orderId === o.id)!.eta, version: 2 });
    }

    const res = await call('POST', '/api/routes/give-2/hand-over', { as: 'office', body: { driverId: 'drv-2', orderIds: ['ord-p2', 'ord-p3'] } });
    expect([res.status, res.body.handed.id]).toEqual([200, 'own-2']);
    expect(res.body.loadToMove).toEqual({ fromVehicleId: veh1.id, toVehicleId: veh2.id, cylinders: [{ size: 20, quantity: 1 }] });
    const pickup = {
      at: expect.any(String),
      fromRouteId: 'give-2',
      fromDriverName: drv1.name,
      fromPlate: veh1.plate,
      where: { lat: giving.stops[0]!.lat, lng: giving.stops[0]!.lng },
      fromTruck: [{ size: 20, quantity: 1 }],
      fromDepot: [{ size: 16, quantity: 3 }],
    };
    // drv-2's phone reads it on the route it already listens to.
    await assertSucceeds(getDoc(doc(phoneOf('drv-2', 'u-driver2'), 'routes/own-2')));
    expect((await db.collection('routes').doc('own-2').get()).get('pickups')).toEqual([pickup]);
    // drv-1's phone reads, on the route they keep, who comes for the fulls on their truck (the depot's are not theirs).
    const given = { at: expect.any(String), toRouteId: 'own-2', n: 0, toDriverName: drv2.name, toDriverPhone: drv2.phone, cylinders: [{ size: 20, quantity: 1 }] };
    expect((await db.collection('routes').doc('give-2').get()).get('handedPickups')).toEqual([given]);

    const path = '/api/driver/routes/own-2/pickups/0/moved';
    expect((await call('POST', path, { as: 'office' })).status).toBe(403);
    expect((await call('POST', path, { as: 'customerA' })).status).toBe(403);
    const stranger = await call('POST', path, { as: { uid: 'u-driver9', role: 'driver', driverId: 'drv-9' } });
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'ROUTE.NOT_FOUND']);
    const none = await call('POST', '/api/driver/routes/own-2/pickups/1/moved', { as: 'driver2', lang: 'en' });
    expect([none.status, none.body.error.code, none.body.error.message]).toEqual([404, 'ROUTE.PICKUP_NOT_FOUND', 'This pickup for stops handed over was not found; reload.']);
    // The first driver, whose truck the fulls leave, may say it too; the new one saying it after writes nothing more.
    const said = await call('POST', path, { as: 'driver1' });
    expect([said.status, said.body]).toEqual([200, { ...pickup, moved: { at: expect.any(String), byDriverId: 'drv-1' } }]);
    const stored = (await db.collection('routes').doc('own-2').get()).data()!;
    const storedGiver = (await db.collection('routes').doc('give-2').get()).data()!;
    expect(storedGiver.handedPickups).toEqual([{ ...given, moved: said.body.moved }]);
    const again = await call('POST', path, { as: 'driver2' });
    expect([again.status, again.body]).toEqual([200, said.body]);
    expect((await db.collection('routes').doc('own-2').get()).data()).toEqual(stored);
    expect((await db.collection('routes').doc('give-2').get()).data()).toEqual(storedGiver);
  });
});

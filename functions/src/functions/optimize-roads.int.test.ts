import { ROUTE_MATRIX_FIELD_MASK } from '../adapters/maps/route-matrix';
import { ROAD_FACTOR, SPEED_KMH, startRoutesServer, type LocalRoutesServer } from '../adapters/maps/test-support/routes-server';
import { taipeiInstant } from '../domain/calendar';
import { aConfirmedOrder, aNearbyCustomer, DEPOT } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { haversineKm, haversineMatrix, type LatLng } from '../optimizer/travel-matrix';
import { apiClient, type Json } from './test-support/api-client';
import { eventually, planAndWait, planningDay, seedPlanningDay } from './test-support/planning-day';

const MAPS_KEY = 'maps-key-for-tests';
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let routes: LocalRoutesServer;
const day = planningDay();

/**
 * Three customers on the corners of a 2 km square, the depot on the fourth. In straight lines the
 * round is the square's edge (A B C, or C B A); on the roads a river with no bridge between A and B
 * makes that a 15 km detour, and A → C is a one-way street the wrong way round (10 km), so only
 * B C A is short.
 */
const at = (north: number, east: number): LatLng => ({ lat: DEPOT.location.lat + north * 0.009, lng: DEPOT.location.lng + east * 0.0099 });
const corner = { A: at(0, 2), B: at(2, 2), C: at(2, 0) };
const customers = (['A', 'B', 'C'] as const).map((k, i) => aNearbyCustomer(`cust-${k}`, i + 1, { location: corner[k], deliveryWindows: [] }));
const orders = customers.map((c) => aConfirmedOrder(`ord-${c.id.slice(-1)}`, c, day.date));
const same = (p: LatLng, q: LatLng) => p.lat === q.lat && p.lng === q.lng;
const riverAndOneWay = (from: LatLng, to: LatLng): number | undefined => {
  const between = (p: LatLng, q: LatLng) => same(from, p) && same(to, q);
  if (between(corner.A, corner.B) || between(corner.B, corner.A)) return 15;
  if (between(corner.A, corner.C)) return 10;
  return undefined;
};

beforeAll(async () => {
  routes = await startRoutesServer(MAPS_KEY);
  routes.roads(riverAndOneWay);
  stack = await startTestStack({
    suite: 'optimize-roads',
    subscriptions: [
      { consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 },
      { consumer: 'systemAlerts', topic: 'system-alerts' },
    ],
    overrides: { maps: { apiKey: MAPS_KEY, apiBase: routes.baseUrl, geocodingApiBase: routes.baseUrl } },
  });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...day, customers, orders });
});
afterAll(async () => {
  await stack.close();
  await routes.stop();
});

async function plan(): Promise<{ job: Json; route: Json }> {
  const body = { date: day.date, depotId: day.depot.id, vehicleIds: ['veh-2'], orderIds: orders.map((o) => o.id), timeLimitSeconds: 5 };
  const { job, routes } = await planAndWait(call, stack.container.db, body);
  expect(routes).toHaveLength(1);
  return { job, route: routes[0]! };
}

const visits = (route: Json): string[] => route.stops.map((s: Json) => s.orderId);
const roadKm = (from: LatLng, to: LatLng) => riverAndOneWay(from, to) ?? haversineKm(from, to) * ROAD_FACTOR;
/** Minutes the local Routes API answers for a leg (it rounds to whole seconds). */
const roadMin = (from: LatLng, to: LatLng) => Math.round((roadKm(from, to) / SPEED_KMH) * 3600) / 60;
const minutesBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;
const moveToFront = (route: Json, orderId: string) => call('POST', `/api/routes/${route.id}/move-stop`, { as: 'office', body: { orderId, toIndex: 0 } });

describe('optimisation on road travel times (Routes API configured)', () => {
  it("plans the order the roads make short, times the stops with the API's durations and says it used roads", async () => {
    const { job, route } = await plan();
    expect(visits(route)).toEqual(['ord-B', 'ord-C', 'ord-A']);
    expect(job.stats).toMatchObject({ travelTimes: 'roads', planned: 3 });
    expect(job.stats.travelTimesFallback).toBeUndefined();
    expect(route.travelTimes).toBe('roads');
    const legs = [DEPOT.location, corner.B, corner.C, corner.A, DEPOT.location];
    const km = legs.slice(1).reduce((sum, to, i) => sum + roadKm(legs[i]!, to), 0);
    expect(route.distanceKm).toBeCloseTo(km, 1);
    const firstLegMin = Math.round((roadKm(DEPOT.location, corner.B) / SPEED_KMH) * 3600) / 60;
    expect((Date.parse(route.stops[0].eta) - Date.parse(route.startsAt)) / 60_000).toBeCloseTo(firstLegMin, 1);
    // One request covers the 4 × 4 matrix, with the key, the field mask and the first shift's start as departure.
    expect(routes.requestSizes).toEqual([16]);
    expect(routes.headers).toEqual([{ apiKey: MAPS_KEY, fieldMask: ROUTE_MATRIX_FIELD_MASK }]);
    expect(routes.routing).toEqual([{ preference: 'TRAFFIC_AWARE', departureTime: taipeiInstant(day.date, '08:00') }]);
  }, 40_000);

  it('still plans when the Routes API fails: on straight lines, saying so, with a system alert for the office', async () => {
    routes.failWith(503);
    try {
      const { job, route } = await plan();
      expect([['ord-A', 'ord-B', 'ord-C'], ['ord-C', 'ord-B', 'ord-A']]).toContainEqual(visits(route));
      expect(job.stats).toMatchObject({ travelTimes: 'straight-line', travelTimesFallback: 'MAPS.UNAVAILABLE', planned: 3 });
      expect(route.travelTimes).toBe('straight-line');
      const alert = await eventually(async () => {
        const snap = await stack.container.db.collection('alerts').where('kind', '==', 'system.travel_times_fallback').get();
        return snap.docs[0]?.data();
      }, 15_000);
      expect(alert).toMatchObject({ severity: 'warning', acknowledged: false, data: { code: 'MAPS.UNAVAILABLE', jobId: job.id } });
    } finally {
      routes.failWith(null);
    }
  }, 40_000);
});

describe('editing a draft planned on road travel times', () => {
  it("re-times a reordered route with the Routes API's times for its new order, and says it used roads", async () => {
    const { route } = await plan();
    const asked = routes.requestSizes.length;
    const moved = await moveToFront(route, 'ord-A');
    expect(moved.status).toBe(200);
    expect(visits(moved.body.from)).toEqual(['ord-A', 'ord-B', 'ord-C']);
    expect(moved.body.from.travelTimes).toBe('roads');
    // A → B now crosses the river: 15 km, and the ETAs follow the API's durations leg by leg.
    const legs = [DEPOT.location, corner.A, corner.B, corner.C, DEPOT.location];
    expect(moved.body.from.distanceKm).toBeCloseTo(legs.slice(1).reduce((sum, to, i) => sum + roadKm(legs[i]!, to), 0), 1);
    const [a, b, c] = moved.body.from.stops as [Json, Json, Json];
    expect(minutesBetween(moved.body.from.startsAt, a.eta)).toBeCloseTo(roadMin(DEPOT.location, corner.A), 1);
    expect(minutesBetween(a.eta, b.eta)).toBeCloseTo(a.serviceMin + roadMin(corner.A, corner.B), 1);
    expect(minutesBetween(b.eta, c.eta)).toBeCloseTo(b.serviceMin + roadMin(corner.B, corner.C), 1);
    // One 4 × 4 request for the depot and the route's stops, leaving when the truck's shift starts.
    expect(routes.requestSizes.slice(asked)).toEqual([16]);
    expect(routes.routing.at(-1)).toEqual({ preference: 'TRAFFIC_AWARE', departureTime: taipeiInstant(day.date, '08:00') });
    const stored = (await stack.container.db.collection('routes').doc(route.id).get()).data() as Json;
    const etas = moved.body.from.stops.map((s: Json) => s.eta);
    expect([stored.travelTimes, stored.stops.map((s: Json) => s.eta)]).toEqual(['roads', etas]);
    // Assigning the driver re-times the route too, on the same road times.
    const assigned = await call('POST', `/api/routes/${route.id}/assign`, { as: 'office', body: { driverId: stored.driverId } });
    expect([assigned.status, assigned.body.travelTimes, assigned.body.stops.map((s: Json) => s.eta)]).toEqual([200, 'roads', etas]);
    expect(routes.requestSizes.slice(asked)).toEqual([16, 16]);
  }, 40_000);

  it('re-times on straight lines when the Routes API fails, and says so on the route', async () => {
    const { route } = await plan();
    routes.failWith(503);
    try {
      const moved = await moveToFront(route, 'ord-A');
      expect(moved.status).toBe(200);
      expect(moved.body.from.travelTimes).toBe('straight-line');
      const places = [DEPOT.location, corner.A, corner.B, corner.C];
      const straight = haversineMatrix(places);
      const km = [0, 1, 2, 3].reduce((sum, i) => sum + straight.distance(i, (i + 1) % 4), 0);
      expect(moved.body.from.distanceKm).toBeCloseTo(km, 1);
      const stored = (await stack.container.db.collection('routes').doc(route.id).get()).data() as Json;
      expect(stored.travelTimes).toBe('straight-line');
    } finally {
      routes.failWith(null);
    }
  }, 40_000);
});

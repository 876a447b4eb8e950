import { DenseTravelMatrix } from '../../optimizer/travel-matrix';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from './test-support/fleet-mother';
import { moveStop, removeStop, withRemovedStop } from './edit';
import { solverVehicle, type RouteTravel } from './planning';

const DATE = '2026-12-02';
const [v1, v2] = FLEET.vehicles as [(typeof FLEET.vehicles)[number], (typeof FLEET.vehicles)[number]];
const [d1, d2] = FLEET.drivers as [(typeof FLEET.drivers)[number], (typeof FLEET.drivers)[number]];
const c = [1, 2, 3, 20, 10].map((k) => aNearbyCustomer(`c${k}`, k));
const stop = (i: number, req: Record<string, unknown> = {}) => ({ order: aConfirmedOrder(`o${i}`, c[i]!, DATE, req), customer: c[i]! });
const a = aDraftRoute({ id: 'a', date: DATE, vehicle: v1, driver: d1, stops: [stop(0), stop(3)] });
const b = aDraftRoute({ id: 'b', date: DATE, vehicle: v2, driver: d2, stops: [stop(1, { timeWindow: { start: '08:00', end: '08:15' } }), stop(2)] });
const timing = { from: { depot: DEPOT, vehicle: solverVehicle(v1, d1, DEPOT) }, to: { depot: DEPOT, vehicle: solverVehicle(v2, d2, DEPOT) } };
const at = new Date('2026-11-30T00:00:00Z');
const ids = (r: { stops: { orderId: string }[] }) => r.stops.map((s) => s.orderId);

describe('moveStop', () => {
  it('moves a stop to another route, re-times both and reports the window it now misses', () => {
    const moved = moveStop(a, b, { orderId: 'o3', toIndex: 0 }, timing, at);
    expect(ids(moved.from)).toEqual(['o0']);
    expect(ids(moved.to)).toEqual(['o3', 'o1', 'o2']);
    expect(moved.to.violations).toContainEqual(expect.objectContaining({ code: 'TIME_WINDOW', stopId: 'o1' }));
    expect(moved.from.distanceKm).toBeLessThan(a.distanceKm);
  });

  it('reorders within one route', () => {
    const moved = moveStop(a, a, { orderId: 'o3', toIndex: 0 }, { from: timing.from, to: timing.from }, at);
    expect(ids(moved.from)).toEqual(['o3', 'o0']);
    expect(moved.from).toBe(moved.to);
  });

  it('puts a stop moved without a position where it costs the target least: on the way, not at the end', () => {
    // Customers lie on one line out of the depot: o4 (10) between o0 (1) and o3 (20).
    const far = aDraftRoute({ id: 'far', date: DATE, vehicle: v1, driver: d1, stops: [stop(0), stop(3)] });
    const near = aDraftRoute({ id: 'near', date: DATE, vehicle: v2, driver: d2, stops: [stop(4)] });
    const moved = moveStop(near, far, { orderId: 'o4' }, { from: timing.to, to: timing.from }, at);
    expect(ids(moved.to)).toEqual(['o0', 'o4', 'o3']);
    expect(moved.to.stops.map((s) => [s.seq, s.trip])).toEqual([[1, 0], [2, 0], [3, 0]]);
    expect(moved.to.violations).toEqual([]);
    expect(moved.from.stops).toEqual([]);
    expect(ids(moveStop(near, far, { orderId: 'o4', toIndex: 9 }, { from: timing.to, to: timing.from }, at).to)).toEqual(['o0', 'o3', 'o4']);
  });

  it('puts a stop at the end when no position keeps the target feasible', () => {
    // o1 must be served 08:00–08:15; after o1's window o3 at the far end can no longer make it either way.
    const late = aDraftRoute({ id: 'late', date: DATE, vehicle: v1, driver: d1, stops: [stop(3, { timeWindow: { start: '08:00', end: '08:05' } })] });
    const moved = moveStop(a, late, { orderId: 'o0' }, timing, at);
    expect(ids(moved.to)).toEqual(['o3', 'o0']);
  });

  it('refuses published routes and unknown stops', () => {
    expect(() => moveStop({ ...a, status: 'published' }, b, { orderId: 'o0', toIndex: 0 }, timing, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_DRAFT' }));
    expect(() => moveStop(a, b, { orderId: 'o9', toIndex: 0 }, timing, at)).toThrow(expect.objectContaining({ code: 'ROUTE.STOP_NOT_FOUND' }));
  });
});

describe('removeStop', () => {
  it('takes the stop off and re-times the rest; the last one leaves an empty draft', () => {
    const one = removeStop(a, 'o3', timing.from, at);
    expect(ids(one)).toEqual(['o0']);
    expect(one.distanceKm).toBeLessThan(a.distanceKm);
    expect(one.endsAt! < a.endsAt!).toBe(true);
    const none = removeStop(one, 'o0', timing.from, at);
    expect(none).toMatchObject({ status: 'draft', stops: [], distanceKm: 0, durationMin: 0, violations: [], updatedAt: at.toISOString() });
    expect(none.startsAt).toBeUndefined();
  });

  it('refuses a published route and a stop not on the route', () => {
    expect(() => removeStop({ ...a, status: 'published' }, 'o0', timing.from, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_DRAFT' }));
    expect(() => removeStop(a, 'o1', timing.from, at)).toThrow(expect.objectContaining({ code: 'ROUTE.STOP_NOT_FOUND' }));
  });

  it("records the order taken off on its depot's day, whatever made the draft: once per order, the latest removal", () => {
    const first = withRemovedStop(null, a, 'o3', at);
    expect(first).toEqual({ id: `${DEPOT.id}_${DATE}`, depotId: DEPOT.id, date: DATE, orders: [{ orderId: 'o3', routeId: 'a', at: at.toISOString() }] });
    const later = new Date('2026-11-30T01:00:00Z');
    const both = withRemovedStop(first, b, 'o1', later);
    expect(both.orders.map((o) => o.orderId)).toEqual(['o3', 'o1']);
    expect(withRemovedStop(both, b, 'o3', later).orders).toEqual([
      { orderId: 'o1', routeId: 'b', at: later.toISOString() },
      { orderId: 'o3', routeId: 'b', at: later.toISOString() },
    ]);
  });
});

describe('moveStop on road travel keyed by order id', () => {
  // Places: 0 the depot, then o0 (1), o3 (2), o1 (3). Every leg is 2 km / 6 min except o3 → o0 (9 km / 30 min)
  // and depot → o3 (4 km / 10 min), so only the road numbers can give the times checked below.
  const n = 4;
  const km = new Float64Array(n * n).fill(2);
  const min = new Float64Array(n * n).fill(6);
  const set = (i: number, j: number, d: number, t: number) => {
    km[i * n + j] = d;
    min[i * n + j] = t;
  };
  set(2, 1, 9, 30);
  set(0, 2, 4, 10);
  for (let i = 0; i < n; i++) set(i, i, 0, 0);
  const roads: RouteTravel = { matrix: new DenseTravelMatrix(n, km, min), indexOf: new Map([['o0', 1], ['o3', 2], ['o1', 3]]), travelTimes: 'roads' };
  const minutesBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;

  it('times a reordered route with the road times of its new visiting order and says so', () => {
    const onRoads = { ...timing.from, travel: roads };
    const moved = moveStop(a, a, { orderId: 'o3', toIndex: 0 }, { from: onRoads, to: onRoads }, at).from;
    expect(ids(moved)).toEqual(['o3', 'o0']);
    const [first, second] = moved.stops as [(typeof moved.stops)[number], (typeof moved.stops)[number]];
    expect(minutesBetween(moved.startsAt!, first.eta)).toBe(10);
    expect(minutesBetween(first.eta, second.eta)).toBe(first.serviceMin + 30);
    expect(moved.distanceKm).toBe(4 + 9 + 2);
    expect(moved.travelTimes).toBe('roads');
  });

  it('falls back to straight lines for the whole route when the travel lacks one of its stops', () => {
    // Route b keeps o2, which the road travel does not know.
    const moved = moveStop(a, b, { orderId: 'o0', toIndex: 0 }, { from: { ...timing.from, travel: roads }, to: { ...timing.to, travel: roads } }, at);
    const straight = moveStop(a, b, { orderId: 'o0', toIndex: 0 }, timing, at);
    expect(ids(moved.to)).toEqual(['o0', 'o1', 'o2']);
    expect(moved.to.travelTimes).toBe('straight-line');
    expect(moved.to.distanceKm).toBe(straight.to.distanceKm);
    expect(moved.to.stops.map((s) => s.eta)).toEqual(straight.to.stops.map((s) => s.eta));
    expect(moved.from.travelTimes).toBe('roads');
  });
});

import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from './test-support/fleet-mother';
import { deadlineOf, drivenKm, driverAnalytics, ETA_GRACE_MIN, routeAnalytics } from './analytics';
import { handOverRoute } from './handover';
import { publishRoute, recordOutcome, startRoute } from './route';

const DATE = '2026-12-02';
const c = [1, 2, 3].map((k) => aNearbyCustomer(`c${k}`, k));
const route = publishRoute(
  aDraftRoute({
    id: 'r',
    date: DATE,
    vehicle: FLEET.vehicles[0]!,
    driver: FLEET.drivers[0]!,
    stops: [
      { order: aConfirmedOrder('o0', c[0]!, DATE, { timeWindow: { start: '08:00', end: '10:00' } }), customer: c[0]! },
      { order: aConfirmedOrder('o1', c[1]!, DATE), customer: c[1]! },
      { order: aConfirmedOrder('o2', c[2]!, DATE), customer: c[2]! },
    ],
  }),
  new Date('2026-12-01T10:00:00Z'),
);
const eta1 = Date.parse(route.stops[1]!.eta);

describe('analytics', () => {
  it('judges a stop by its window end, or by its ETA plus grace', () => {
    expect(new Date(deadlineOf(DATE, route.stops[0]!)).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(deadlineOf(DATE, route.stops[1]!)).toBe(eta1 + ETA_GRACE_MIN * 60_000);
  });

  it('compares the plan with what the driver recorded', () => {
    let r = recordOutcome(route, 'o0', { status: 'delivered', at: '2026-12-02T02:30:00.000Z', actionId: 'a' });
    r = recordOutcome(r, 'o1', { status: 'delivered', at: new Date(eta1 + 10 * 60_000).toISOString(), actionId: 'b' });
    r = recordOutcome(r, 'o2', { status: 'failed', at: new Date(eta1 + 40 * 60_000).toISOString(), actionId: 'c' });
    const a = routeAnalytics(r, DEPOT.location);
    expect(a.planned).toEqual({ distanceKm: route.distanceKm, durationMin: route.durationMin, stops: 3 });
    expect(a.actual).toMatchObject({ stops: 3, delivered: 2, failed: 1, onTimeShare: 0.5, minutesLate: 30 });
    expect(a.actual.distanceKm).toBeGreaterThan(0);
    const [driver] = driverAnalytics([a, { ...a, routeId: 'r2' }]);
    expect(driver).toMatchObject({ driverId: 'drv-1', routes: 2, planned: { stops: 6 }, actual: { delivered: 4, onTimeShare: 0.5, minutesLate: 60 } });
  });

  it('reports no on-time share before anything is delivered', () => {
    expect(routeAnalytics(route).actual).toMatchObject({ stops: 0, onTimeShare: null, distanceKm: 0, durationMin: 0 });
  });

  it('measures a route handed over on the road (改派) as one path: the kept part up to the breakdown, the handed part from there', () => {
    const delivered = (r: typeof route, orderId: string, at: string) => recordOutcome(r, orderId, { status: 'delivered', at, actionId: `a-${orderId}` });
    const broke = delivered(startRoute(route, new Date('2026-12-02T00:00:00Z')), 'o0', '2026-12-02T01:00:00Z');
    const names = { fromDriverName: 'Lee', plate: 'KLA-1001' };
    const { kept, handed } = handOverRoute(broke, { driverId: 'drv-2', vehicleId: 'veh-2' }, new Date('2026-12-02T02:00:00Z'), { depot: DEPOT.location, names });
    const done = delivered(delivered(handed, 'o1', '2026-12-02T03:00:00Z'), 'o2', '2026-12-02T03:20:00Z');
    const [keptKm, handedKm] = [routeAnalytics(kept!, DEPOT.location), routeAnalytics(done, DEPOT.location)].map((a) => a.actual.distanceKm) as [number, number];
    // The truck's path: depot, o0 (where it broke down and was taken over), o1, o2, depot.
    expect(keptKm + handedKm).toBeCloseTo(drivenKm(DEPOT.location, route.stops), 0);
    // Out to o0 only, not back.
    expect(keptKm).toBeCloseTo(drivenKm(DEPOT.location, route.stops.slice(0, 1)) / 2, 1);
  });

  it('brings a route kept in part and driven on back to the depot', () => {
    const delivered = (r: typeof route, orderId: string, at: string) => recordOutcome(r, orderId, { status: 'delivered', at, actionId: `a-${orderId}` });
    const running = delivered(startRoute(route, new Date('2026-12-02T00:00:00Z')), 'o0', '2026-12-02T01:00:00Z');
    const { kept } = handOverRoute(running, { driverId: 'drv-2', vehicleId: 'veh-2', orderIds: ['o2'] }, new Date('2026-12-02T02:00:00Z'), { depot: DEPOT.location });
    const finished = delivered(kept!, 'o1', '2026-12-02T02:30:00Z');
    expect(routeAnalytics({ ...finished, status: 'completed', completedAt: '2026-12-02T03:00:00Z' }, DEPOT.location).actual.distanceKm).toBeCloseTo(
      drivenKm(DEPOT.location, route.stops.slice(0, 2)),
      1,
    );
  });
});

import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from './test-support/fleet-mother';
import { deadlineOf, driverAnalytics, ETA_GRACE_MIN, routeAnalytics } from './analytics';
import { publishRoute, recordOutcome } from './route';

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
});

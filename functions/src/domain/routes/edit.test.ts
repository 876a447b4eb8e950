import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from './test-support/fleet-mother';
import { moveStop } from './edit';
import { solverVehicle } from './planning';

const DATE = '2026-12-02';
const [v1, v2] = FLEET.vehicles as [(typeof FLEET.vehicles)[number], (typeof FLEET.vehicles)[number]];
const [d1, d2] = FLEET.drivers as [(typeof FLEET.drivers)[number], (typeof FLEET.drivers)[number]];
const c = [1, 2, 3, 20].map((k) => aNearbyCustomer(`c${k}`, k));
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

  it('refuses published routes and unknown stops', () => {
    expect(() => moveStop({ ...a, status: 'published' }, b, { orderId: 'o0', toIndex: 0 }, timing, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_DRAFT' }));
    expect(() => moveStop(a, b, { orderId: 'o9', toIndex: 0 }, timing, at)).toThrow(expect.objectContaining({ code: 'ROUTE.STOP_NOT_FOUND' }));
  });
});

import { drivenKm } from './analytics';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from './test-support/fleet-mother';
import { sumBySize } from '../cylinders';
import type { Vehicle } from '../fleet';
import { handedRouteId, handOverRoute, handOverVehicleId, loadToMove } from './handover';
import { publishRoute, recordOutcome, type Route } from './route';

const DATE = '2026-12-02';
const customers = [1, 2, 3].map((k) => aNearbyCustomer(`c${k}`, k));
const at = new Date('2026-12-02T03:00:00Z');
const published = (): Route =>
  publishRoute(
    aDraftRoute({ id: 'r', date: DATE, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: customers.map((c, i) => ({ order: aConfirmedOrder(`o${i}`, c, DATE), customer: c })) }),
    new Date('2026-12-01T10:00:00Z'),
  );
const to = { driverId: 'drv-other', vehicleId: 'veh-other' };

describe('handing a route over to another driver (改派)', () => {
  it('gives a published route to the new driver and truck as it is, its customers keeping their times', () => {
    const route = published();
    const { kept, handed } = handOverRoute(route, to, at);
    expect(kept).toBeUndefined();
    expect(handed).toMatchObject({ id: 'r', status: 'published', driverId: 'drv-other', vehicleId: 'veh-other', updatedAt: at.toISOString() });
    expect(handed.stops).toEqual(route.stops);
  });

  it("leaves a started route's delivered stops with the first driver and hands the rest, in order and at their times, to a new route", () => {
    const route = recordOutcome(published(), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
    const { kept, handed } = handOverRoute(route, to, at);
    expect(kept).toMatchObject({
      id: 'r',
      driverId: route.driverId,
      status: 'completed',
      completedAt: at.toISOString(),
      handedOver: { driverId: 'drv-other', routeId: handedRouteId(route, 'drv-other'), stops: 2, at: at.toISOString() },
    });
    expect(kept?.stops.map((s) => s.orderId)).toEqual(['o0']);
    expect(handed).toMatchObject({ id: handedRouteId(route, 'drv-other'), status: 'published', driverId: 'drv-other', vehicleId: 'veh-other', publishedAt: at.toISOString() });
    expect(handed.startedAt).toBeUndefined();
    expect(handed.stops.map((s) => [s.orderId, s.seq, s.eta])).toEqual(route.stops.slice(1).map((s, i) => [s.orderId, i + 1, s.eta]));
  });

  it("splits a started route's planned distance and duration by each part's circuit from the depot, so the day counts them once", () => {
    const route = recordOutcome(published(), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
    const { kept, handed } = handOverRoute(route, to, at, DEPOT.location);
    const [doneKm, leftKm] = [drivenKm(DEPOT.location, route.stops.slice(0, 1)), drivenKm(DEPOT.location, route.stops.slice(1))];
    expect(handed.distanceKm).toBeCloseTo((route.distanceKm * leftKm) / (doneKm + leftKm), 1);
    expect(handed.distanceKm).toBeLessThan(route.distanceKm);
    expect(kept!.distanceKm + handed.distanceKm).toBeCloseTo(route.distanceKm, 5);
    expect(handed.durationMin).toBe(Math.round((route.durationMin * leftKm) / (doneKm + leftKm)));
    expect(kept!.durationMin + handed.durationMin).toBe(route.durationMin);
  });

  it("keeps the route's truck while in service, else gives the new driver's own, unless the office names one", () => {
    const route = published();
    const [own, other] = FLEET.vehicles as [Vehicle, Vehicle];
    const driver = { vehicleId: other.id };
    expect(handOverVehicleId(route, driver, FLEET.vehicles)).toBe(own.id);
    expect(handOverVehicleId(route, driver, [{ ...own, active: false }, other])).toBe(other.id);
    expect(handOverVehicleId(route, driver, [other])).toBe(other.id);
    expect(handOverVehicleId(route, driver, FLEET.vehicles, 'veh-named')).toBe('veh-named');
  });

  it('names the fulls to move across when the stops handed over change truck, and nothing when the truck stays or carries none for them', () => {
    const route = published();
    const { handed } = handOverRoute(route, to, at);
    expect(loadToMove(route, handed)).toEqual({ fromVehicleId: route.vehicleId, toVehicleId: 'veh-other', cylinders: sumBySize(route.stops.map((s) => s.demand)) });
    expect(loadToMove(route, { ...handed, vehicleId: route.vehicleId })).toBeNull();
    expect(loadToMove(route, { ...handed, stops: handed.stops.map((s) => ({ ...s, demand: [] })) })).toBeNull();
  });

  it("tells the new driver whose route it was, the truck, when it became theirs and the fulls to carry across when the truck changed", () => {
    const route = recordOutcome(published(), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
    const names = { fromDriverName: 'Lee Kuo-tung', plate: 'KLB-4004', fromPlate: 'KLA-1001' };
    const { kept, handed } = handOverRoute(route, to, at, undefined, names);
    expect(handed.takenOver).toEqual({
      fromDriverName: 'Lee Kuo-tung',
      plate: 'KLB-4004',
      at: at.toISOString(),
      loadToMove: { fromPlate: 'KLA-1001', cylinders: sumBySize(route.stops.slice(1).map((s) => s.demand)) },
    });
    expect(kept?.takenOver).toBeUndefined();
    expect(handOverRoute(route, { ...to, vehicleId: route.vehicleId! }, at, undefined, names).handed.takenOver).not.toHaveProperty('loadToMove');
    expect(handOverRoute(published(), to, at, undefined, names).handed.takenOver).toMatchObject({ fromDriverName: 'Lee Kuo-tung', at: at.toISOString() });
  });

  it('refuses a draft, a completed route and the driver the route already has', () => {
    const draft = { ...published(), status: 'draft' as const };
    expect(() => handOverRoute(draft, to, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_HANDABLE', kind: 'conflict' }));
    expect(() => handOverRoute({ ...published(), status: 'completed' }, to, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_HANDABLE' }));
    expect(() => handOverRoute(published(), { ...to, driverId: published().driverId! }, at)).toThrow(expect.objectContaining({ code: 'ROUTE.SAME_DRIVER' }));
  });
});

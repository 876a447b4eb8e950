import { aConfirmedOrder, aDraftRoute, aDriver, aNearbyCustomer, aVehicle, FLEET } from './test-support/fleet-mother';
import { assignmentProblems, peakLoad, suggestDrivers } from './assignment';
import { taipeiInstant } from '../calendar';
import { publishRoute, recordOutcome, startRoute, type RouteStop } from './route';

const DATE = '2026-12-02';
const c = [1, 2].map((k) => aNearbyCustomer(`c${k}`, k));
const [v1, v2] = FLEET.vehicles as [(typeof FLEET.vehicles)[number], (typeof FLEET.vehicles)[number]];
const [d1, d2] = FLEET.drivers as [(typeof FLEET.drivers)[number], (typeof FLEET.drivers)[number]];
const heavy = aDraftRoute({
  id: 'r',
  date: DATE,
  vehicle: v1,
  driver: d1,
  stops: [
    { order: aConfirmedOrder('o1', c[0]!, DATE, { items: [{ size: 50, quantity: 2 }] }), customer: c[0]! },
    { order: aConfirmedOrder('o2', c[1]!, DATE, { items: [{ size: 20, quantity: 3 }] }), customer: c[1]! },
  ],
});
const codes = (ps: { code: string }[]) => ps.map((p) => p.code).sort();

describe('assignment', () => {
  it('weighs a trip as full cylinders, gas and steel', () => {
    expect(peakLoad(heavy)).toEqual({ kg: 2 * 92 + 3 * 37, slots: 5 });
  });

  it('accepts a skilled driver whose shift and truck fit', () => {
    expect(assignmentProblems({ route: heavy, driver: d1, vehicle: v1, otherRoutes: [] })).toEqual([]);
  });

  it('names every reason a driver and truck cannot take the route', () => {
    const lateShift = aDriver('d9', 'veh-9', { shift: { start: '13:00', end: '17:00' }, active: false });
    const tiny = aVehicle('veh-9', { capacityKg: 100, cylinderSlots: 2, depotId: 'elsewhere' });
    expect(codes(assignmentProblems({ route: heavy, driver: lateShift, vehicle: tiny, otherRoutes: [] }))).toEqual(
      ['CAPACITY_SLOTS', 'CAPACITY_WEIGHT', 'DEPOT_MISMATCH', 'DRIVER_INACTIVE', 'SHIFT_TOO_SHORT', 'SKILL_MISSING'],
    );
  });

  it('catches a driver or truck planned on another route at the same time', () => {
    const other = { ...heavy, id: 'r2' };
    expect(codes(assignmentProblems({ route: heavy, driver: d1, vehicle: v1, otherRoutes: [other] }))).toEqual(['DRIVER_BUSY', 'VEHICLE_BUSY']);
  });

  it('holds each stop still to make to the early closing where it is delivered, one whose hours start then included', () => {
    const at = (stop: RouteStop, eta: string, windows: RouteStop['windows'] = stop.windows) => ({ ...stop, eta: taipeiInstant(DATE, eta), windows });
    const [o1, o2] = heavy.stops as [RouteStop, RouteStop];
    const typhoon = { name: '颱風', closesAt: '14:00' };
    const check = (stops: RouteStop[]) => assignmentProblems({ route: { ...heavy, stops }, driver: d1, vehicle: v1, otherRoutes: [], closings: new Map([['o2', typhoon]]) });
    expect(check([at(o1, '13:00'), at(o2, '14:10')])).toEqual([
      { code: 'TIME_WINDOW', detail: { orderId: 'o2', eta: taipeiInstant(DATE, '14:10'), windowEnd: '14:00', lateMin: 10, closure: '颱風' } },
    ]);
    expect(check([at(o1, '14:30'), at(o2, '14:00', [{ start: '14:00', end: '16:00' }])])).toEqual([
      { code: 'TIME_WINDOW', detail: { orderId: 'o2', eta: taipeiInstant(DATE, '14:00'), windowEnd: '14:00', lateMin: 0, closure: '颱風' } },
    ]);
    expect(check([at(o1, '13:00'), at(o2, '14:00')])).toEqual([]);
    expect(check([at(o1, '13:00'), { ...at(o2, '14:10'), outcome: { status: 'delivered', at: taipeiInstant(DATE, '14:10'), actionId: 'a-1' } }])).toEqual([]);
  });

  it('ranks able drivers first, the truck regular driver ahead', () => {
    const d3 = aDriver('drv-3', 'veh-2', { skills: ['cylinder_50kg'] });
    const ranked = suggestDrivers(heavy, [d2, d3, d1], [v1, v2], []);
    expect(ranked.map((s) => [s.driverId, s.feasible])).toEqual([
      ['drv-1', true],
      ['drv-3', true],
      ['drv-2', false],
    ]);
    expect(ranked[0]!.strengths).toContain('REGULAR_VEHICLE');
  });

  it('offers no deactivated driver and no retired truck, and refuses a retired truck', () => {
    const retiredDriver = aDriver('drv-3', 'veh-2', { skills: ['cylinder_50kg'], active: false });
    const unassigned = { ...heavy, vehicleId: undefined };
    const ranked = suggestDrivers(unassigned, [d1, d2, retiredDriver], [v1, { ...v2, active: false }], []);
    expect(ranked.map((s) => s.driverId)).toEqual(['drv-1']);
    expect(codes(assignmentProblems({ route: heavy, driver: d1, vehicle: { ...v1, active: false }, otherRoutes: [] }))).toEqual(['VEHICLE_INACTIVE']);
  });

  it("offers a route to hand over (改派) to drivers other than its own, judged by the stops it has left", () => {
    const d3 = aDriver('drv-3', 'veh-2');
    const running = recordOutcome(startRoute(publishRoute(heavy, new Date()), new Date()), 'o1', { status: 'delivered', at: new Date().toISOString(), actionId: 'a1' });
    // o1's 50 kg made, what is left needs no skill: drv-2 and drv-3 can take it, drv-1 (whose route it is) is not offered.
    expect(suggestDrivers(running, [d1, d2, d3], [v1, v2], []).map((s) => [s.driverId, s.feasible])).toEqual([
      ['drv-2', true],
      ['drv-3', true],
    ]);
    expect(suggestDrivers(publishRoute(heavy, new Date()), [d1, d2], [v1, v2], []).map((s) => [s.driverId, s.feasible])).toEqual([['drv-2', false]]);
  });
});

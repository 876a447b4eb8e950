import { checkSolution, evaluateRoute } from './evaluate';
import { PRIORITY_COST_PER_MINUTE } from './instance';
import type { Solution } from './model';
import { aProblem } from './test-builders';

const codes = (violations: { code: string }[]): string[] => violations.map((v) => v.code).sort();

describe('evaluateRoute', () => {
  it('computes arrival, waiting and service times along the route', () => {
    const problem = aProblem().stop(3, 4, { serviceTime: 2, timeWindows: [{ start: 10, end: 20 }] }).stop(3, 0).build();
    const { route, violations } = evaluateRoute(problem, 'v1', [['s1', 's2']]);
    expect(violations).toEqual([]);
    // Leaves as late as possible (at 5) so it arrives at 10 without waiting.
    expect(route.trips[0]!.departure).toBe(5);
    expect(route.trips[0]!.visits.map((v) => [v.arrival, v.start, v.departure])).toEqual([
      [10, 10, 12],
      [16, 16, 16],
    ]);
    expect(route.distance).toBeCloseTo(12);
  });

  it('reports weight over capacity', () => {
    const problem = aProblem().withVehicleDefaults({ capacityKg: 30 }).stop(1, 0, { weightKg: 20 }).stop(2, 0, { weightKg: 20 }).build();
    expect(codes(evaluateRoute(problem, 'v1', [['s1', 's2']]).violations)).toEqual(['CAPACITY_WEIGHT']);
  });

  it('reports cylinder slots over capacity and derives load from cylinder demand', () => {
    const problem = aProblem()
      .withVehicleDefaults({ capacitySlots: 3 })
      .stop(1, 0, { weightKg: undefined, slots: undefined, demand: { 20: 2 } })
      .stop(2, 0, { weightKg: undefined, slots: undefined, demand: { 50: 1 } })
      .build();
    const result = evaluateRoute(problem, 'v1', [['s1', 's2']]);
    expect(codes(result.violations)).toEqual(['CAPACITY_SLOTS']);
    expect(result.route.trips[0]!.loadKg).toBe(2 * 42 + 100);
  });

  it('reports a service starting after its time window', () => {
    const problem = aProblem().stop(10, 0, { timeWindows: [{ start: 0, end: 5 }] }).build();
    const v = evaluateRoute(problem, 'v1', [['s1']]).violations;
    expect(v).toEqual([expect.objectContaining({ code: 'TIME_WINDOW', stopId: 's1', amount: 5 })]);
  });

  it('waits for the second window when the first is missed, and is late only after both', () => {
    const problem = aProblem()
      .stop(10, 0, { timeWindows: [{ start: 0, end: 5 }, { start: 30, end: 40 }] })
      .stop(50, 0, { timeWindows: [{ start: 0, end: 5 }, { start: 30, end: 40 }] })
      .build();
    const inGap = evaluateRoute(problem, 'v1', [['s1']]);
    expect(inGap.violations).toEqual([]);
    expect(inGap.route.trips[0]!.visits[0]!.start).toBe(30);
    expect(codes(evaluateRoute(problem, 'v1', [['s2']]).violations)).toEqual(['TIME_WINDOW']);
  });

  it('reports returning after the shift ends', () => {
    const problem = aProblem().withVehicleDefaults({ shift: { start: 0, end: 15 } }).stop(10, 0).build();
    expect(codes(evaluateRoute(problem, 'v1', [['s1']]).violations)).toEqual(['SHIFT_END']);
  });

  it('measures duration from the latest possible departure against the maximum duration', () => {
    const late = { timeWindows: [{ start: 100, end: 110 }] };
    const fits = aProblem().withVehicleDefaults({ maxDuration: 25 }).stop(10, 0, late).build();
    expect(evaluateRoute(fits, 'v1', [['s1']]).violations).toEqual([]);
    const tooLong = aProblem().withVehicleDefaults({ maxDuration: 25 }).stop(10, 0, late).stop(0, 10, { timeWindows: [{ start: 300, end: 310 }] }).build();
    expect(codes(evaluateRoute(tooLong, 'v1', [['s1', 's2']]).violations)).toEqual(['MAX_DURATION']);
  });

  it('leaves at the shift start when the route holds an urgent stop, and prices its wait', () => {
    const build = (priority: number) =>
      aProblem()
        .withVehicleDefaults({ costPerMinute: 1 })
        .stop(10, 0, { priority })
        .stop(0, 10, { timeWindows: [{ start: 300, end: 310 }] })
        .build();
    // Otherwise the truck leaves as late as keeps the window, reaching the first stop at about 286.
    expect(evaluateRoute(build(0), 'v1', [['s1', 's2']]).route.trips[0]!.visits[0]!.start).toBeCloseTo(300 - Math.hypot(10, 10) - 10 + 10, 6);
    const { route, violations } = evaluateRoute(build(1), 'v1', [['s1', 's2']]);
    expect(violations).toEqual([]);
    expect(route.trips[0]!.departure).toBe(0);
    expect(route.trips[0]!.visits[0]!.start).toBe(10);
    expect(route.duration).toBe(310);
    expect(route.cost).toBeCloseTo(route.distance + 310 + PRIORITY_COST_PER_MINUTE * 10, 6);
  });

  it('reports a stop needing a skill the driver lacks', () => {
    const problem = aProblem().stop(1, 0, { requiredSkills: ['stairs-50kg'] }).vehicle({ skills: [] }).vehicle({ skills: ['stairs-50kg'] }).build();
    expect(codes(evaluateRoute(problem, 'v1', [['s1']]).violations)).toEqual(['SKILL_MISSING']);
    expect(evaluateRoute(problem, 'v2', [['s1']]).violations).toEqual([]);
  });

  it('resets the load at each reload and counts the reload time and trips', () => {
    const build = (maxTrips: number) =>
      aProblem().withVehicleDefaults({ capacityKg: 25, maxTrips, reloadTime: 7 }).stop(5, 0, { weightKg: 20 }).stop(0, 5, { weightKg: 20 }).build();
    const ok = evaluateRoute(build(2), 'v1', [['s1'], ['s2']]);
    expect(ok.violations).toEqual([]);
    expect(ok.route.trips).toHaveLength(2);
    expect(ok.route.trips[1]!.departure).toBe(ok.route.trips[0]!.returnTime + 7);
    expect(codes(evaluateRoute(build(1), 'v1', [['s1'], ['s2']]).violations)).toEqual(['TOO_MANY_TRIPS']);
    expect(codes(evaluateRoute(build(2), 'v1', [['s1', 's2']]).violations)).toEqual(['CAPACITY_WEIGHT']);
  });

  it('reports unknown and repeated stops', () => {
    const problem = aProblem().stop(1, 0).build();
    expect(codes(evaluateRoute(problem, 'v1', [['nope']]).violations)).toEqual(['UNKNOWN_STOP']);
    expect(codes(evaluateRoute(problem, 'v1', [['s1', 's1']]).violations)).toEqual(['DUPLICATE_STOP']);
    expect(codes(evaluateRoute(problem, 'ghost', [['s1']]).violations)).toEqual(['UNKNOWN_VEHICLE']);
  });
});

describe('checkSolution', () => {
  const problem = aProblem().stop(1, 0).stop(2, 0, { optionalPenalty: 5 }).build();
  const routeWith = (trips: string[][]): Solution['routes'][number] => ({
    vehicleId: 'v1',
    trips: trips.map((ids) => ({ visits: ids.map((stopId) => ({ stopId, arrival: 0, start: 0, departure: 0, wait: 0 })), departure: 0, returnTime: 0, loadKg: 0, loadSlots: 0, distance: 0 })),
    distance: 0,
    duration: 0,
    cost: 0,
  });

  it('accepts an optional stop left out with a reason', () => {
    expect(checkSolution(problem, { routes: [routeWith([['s1']])], unassigned: [{ stopId: 's2', reason: 'NOT_PROFITABLE' }] })).toEqual([]);
  });

  it('reports a stop neither served nor listed as unassigned', () => {
    expect(codes(checkSolution(problem, { routes: [routeWith([['s1']])], unassigned: [] }))).toEqual(['MISSING_STOP']);
  });

  it('reports a stop served twice and a vehicle used twice', () => {
    const twice = checkSolution(problem, { routes: [routeWith([['s1', 's2']]), routeWith([['s1']])], unassigned: [] });
    expect(codes(twice)).toEqual(['DUPLICATE_STOP', 'DUPLICATE_VEHICLE']);
  });
});

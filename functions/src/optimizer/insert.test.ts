import { evaluateRoute } from './evaluate';
import { cheapestInsertion } from './insert';
import { aProblem } from './test-builders';

describe('cheapestInsertion', () => {
  it('puts a stop on the way between two others rather than at the end, priced as the route costs more', () => {
    // s3 lies on the leg from s1 to s2.
    const problem = aProblem().stop(10, 0).stop(10, 20).stop(10, 10).build();
    const placed = cheapestInsertion(problem, 'v1', [['s1', 's2']], 's3');
    expect(placed?.trips).toEqual([['s1', 's3', 's2']]);
    const before = evaluateRoute(problem, 'v1', [['s1', 's2']]).route.cost;
    expect(placed?.delta).toBeCloseTo(evaluateRoute(problem, 'v1', placed!.trips).route.cost - before, 6);
  });

  it('keeps a window: a stop that must be served first goes first though after the last stop is shorter', () => {
    const problem = aProblem().stop(10, 0).stop(20, 0).stop(0, 20, { timeWindows: [{ start: 0, end: 21 }] }).build();
    expect(cheapestInsertion(problem, 'v1', [['s1', 's2']], 's3')?.trips).toEqual([['s3', 's1', 's2']]);
  });

  it('opens a new trip when the truck is full, and places into an empty route', () => {
    const problem = aProblem().withVehicleDefaults({ capacityKg: 20, maxTrips: 2, reloadTime: 5 }).stop(10, 0).stop(11, 0).stop(12, 0).build();
    expect(cheapestInsertion(problem, 'v1', [['s1', 's2']], 's3')?.trips).toEqual([['s1', 's2'], ['s3']]);
    expect(cheapestInsertion(problem, 'v1', [], 's3')?.trips).toEqual([['s3']]);
  });

  it('has no answer when no place is feasible or the route already breaks a constraint', () => {
    const full = aProblem().withVehicleDefaults({ capacityKg: 20 }).stop(10, 0).stop(11, 0).stop(12, 0).build();
    expect(cheapestInsertion(full, 'v1', [['s1', 's2']], 's3')).toBeNull();
    const late = aProblem().stop(10, 0, { timeWindows: [{ start: 0, end: 5 }] }).stop(11, 0).build();
    expect(cheapestInsertion(late, 'v1', [['s1']], 's2')).toBeNull();
  });
});

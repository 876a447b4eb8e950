import { checkSolution } from './evaluate';
import { compile } from './instance';
import { solveExactly } from './lp/exact';
import type { Problem } from './model';
import { Rng } from './rng';
import { DEFAULT_PARAMS } from './params';
import { solve } from './solve';
import { aProblem } from './test-builders';

const quick = { timeLimitMs: 2000, seed: 7, maxIterations: 300 };

function randomTinyProblem(seed: number, stops: number, vehicles = 3, costPerMinute = 0, urgentShare = 0): Problem {
  const rng = new Rng(seed);
  const b = aProblem().withVehicleDefaults({ capacityKg: 40, shift: { start: 0, end: 200 }, costPerMinute });
  for (let k = 0; k < vehicles; k++) b.vehicle();
  for (let k = 0; k < stops; k++) {
    const start = rng.int(80);
    const priority = rng.next() < urgentShare ? 1 : 0;
    b.stop(rng.int(41) - 20, rng.int(41) - 20, { weightKg: 5 + rng.int(15), serviceTime: 2, timeWindows: [{ start, end: start + 40 + rng.int(60) }], priority });
  }
  return b.build();
}

describe('solve', () => {
  it('returns a feasible plan serving every stop when the fleet suffices', async () => {
    const problem = randomTinyProblem(3, 12, 8);
    const solution = await solve(problem, quick);
    expect(solution.unassigned).toEqual([]);
    expect(checkSolution(problem, solution)).toEqual([]);
  });

  it('gives the same answer for the same seed and iteration budget', async () => {
    const problem = randomTinyProblem(11, 25);
    const a = await solve(problem, { ...quick, maxIterations: 200 });
    const b = await solve(problem, { ...quick, maxIterations: 200 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
  });

  it('stops within the time limit and reports progress', async () => {
    const problem = randomTinyProblem(5, 60);
    const seen: number[] = [];
    const t0 = performance.now();
    await solve(problem, { timeLimitMs: 600, seed: 1, onProgress: (p) => seen.push(p.share) });
    expect(performance.now() - t0).toBeLessThan(900);
    expect(seen.at(-1)).toBe(1);
  });

  it('ends once the best has stopped improving, long before the time limit, and says so in its progress', async () => {
    const problem = randomTinyProblem(5, 30);
    const shares: number[] = [];
    const t0 = performance.now();
    const solution = await solve(problem, { timeLimitMs: 20_000, seed: 1, onProgress: (p) => shares.push(p.share) }, { ...DEFAULT_PARAMS, stallMinMs: 300, stallIterationsPerStop: 100 });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(shares.at(-1)).toBe(1);
    expect(checkSolution(problem, solution)).toEqual([]);
  });

  it('keeps searching until the iterations without a gain reach their floor, whatever the clock says', async () => {
    const problem = randomTinyProblem(5, 30);
    // The search phase ends 230 ms before the limit (set partitioning's reserve and the margin).
    const solution = await solve(problem, { timeLimitMs: 2000, seed: 1 }, { ...DEFAULT_PARAMS, stallMinMs: 100, stallIterationsPerStop: 1e9 });
    expect(solution.stats.elapsedMs).toBeGreaterThan(1700);
  });

  it('stops early when asked to', async () => {
    const problem = randomTinyProblem(5, 30);
    const solution = await solve(problem, { timeLimitMs: 5000, seed: 1, shouldStop: () => true });
    expect(solution.stats.elapsedMs).toBeLessThan(1000);
    expect(checkSolution(problem, solution)).toEqual([]);
  });

  it('sends a truck out again after reloading when one trip cannot carry everything', async () => {
    const problem = aProblem()
      .withVehicleDefaults({ capacityKg: 50, maxTrips: 3, reloadTime: 10 })
      .stop(5, 0, { weightKg: 40 })
      .stop(0, 5, { weightKg: 40 })
      .stop(-5, 0, { weightKg: 40 })
      .build();
    const solution = await solve(problem, quick);
    expect(solution.unassigned).toEqual([]);
    expect(solution.routes).toHaveLength(1);
    expect(solution.routes[0]!.trips).toHaveLength(3);
    expect(checkSolution(problem, solution)).toEqual([]);
  });

  it('leaves out an optional stop that costs more to reach than its penalty', async () => {
    const problem = aProblem().stop(1, 0).stop(100, 0, { optionalPenalty: 10 }).stop(2, 1, { optionalPenalty: 50 }).build();
    const solution = await solve(problem, quick);
    expect(solution.unassigned).toEqual([{ stopId: 's2', reason: 'NOT_PROFITABLE' }]);
  });

  it('explains why mandatory stops could not be served', async () => {
    const problem = aProblem()
      .withVehicleDefaults({ capacityKg: 100, shift: { start: 0, end: 100 } })
      .stop(1, 0)
      .stop(2, 0, { requiredSkills: ['crane'] })
      .stop(3, 0, { weightKg: 500 })
      .stop(60, 0)
      .build();
    const solution = await solve(problem, quick);
    expect(solution.unassigned).toEqual([
      { stopId: 's2', reason: 'SKILL_MISSING' },
      { stopId: 's3', reason: 'CAPACITY' },
      { stopId: 's4', reason: 'TIME_WINDOW_UNREACHABLE' },
    ]);
    expect(checkSolution(problem, solution)).toEqual([]);
  });

  it('serves higher-priority stops first when the fleet cannot do everything', async () => {
    const problem = aProblem()
      .withVehicleDefaults({ shift: { start: 0, end: 30 } })
      .stop(10, 0, { serviceTime: 5 })
      .stop(-10, 0, { serviceTime: 5, priority: 2 })
      .build();
    const solution = await solve(problem, quick);
    expect(solution.unassigned).toEqual([{ stopId: 's1', reason: 'NO_VEHICLE' }]);
  });

  /**
   * An early and a late window with two free stops near the start. Distance alone puts the free stops a and b after the
   * 300–320 window (38.8 km against 47.8), leaving the truck idle from about 20 to 300.
   */
  const gapDay = (costPerMinute?: number) =>
    (costPerMinute === undefined ? aProblem() : aProblem().withVehicleDefaults({ costPerMinute }))
      .stop(10, 0, { id: 'early', serviceTime: 10, timeWindows: [{ start: 0, end: 20 }] })
      .stop(10, 10, { id: 'late', serviceTime: 10, timeWindows: [{ start: 300, end: 320 }] })
      .stop(2, 10, { id: 'a', serviceTime: 10 })
      .stop(0, 8, { id: 'b', serviceTime: 10 })
      .build();

  it("fills a truck's wait for a late window with stops that have none, once the driver's time costs something", async () => {
    // Counting the driver's day serves them in the gap.
    const problem = gapDay(1);
    const solution = await solve(problem, quick);
    expect(checkSolution(problem, solution)).toEqual([]);
    const visits = solution.routes.flatMap((r) => r.trips.flatMap((t) => t.visits.map((v) => v.stopId)));
    expect(visits).toEqual(['early', 'b', 'a', 'late']);
    expect(solution.routes[0]!.duration).toBeCloseTo(300 + 10 + Math.hypot(10, 10) - 10, 6);
    expect(solution.cost).toBeCloseTo(solution.distance + solution.routes[0]!.duration, 6);
  });

  it('still plans for distance alone when time costs nothing (the Solomon objective)', async () => {
    const problem = gapDay();
    const solution = await solve(problem, quick);
    expect(solution.routes[0]!.trips[0]!.visits.map((v) => v.stopId)).toEqual(['early', 'late', 'a', 'b']);
    expect(solution.cost).toBeCloseTo(solution.distance, 6);
  });

  it.each([1, 2, 3])('matches the glpk-proven optimum on tiny instance %i when the driver\'s time costs too', async (seed) => {
    const problem = randomTinyProblem(seed + 10, 6, 3, 0.5);
    const exact = await solveExactly(compile(problem));
    expect(exact?.proven).toBe(true);
    const heuristic = await solve(problem, { timeLimitMs: 3000, seed, maxIterations: 500 });
    expect(heuristic.cost).toBeCloseTo(exact!.solution.cost(), 6);
    const spans = heuristic.routes.reduce((s, r) => s + r.duration, 0);
    expect(heuristic.cost).toBeCloseTo(heuristic.distance + 0.5 * spans, 6);
  });

  it.each([1, 2, 3])('matches the glpk-proven optimum on tiny instance %i with urgent stops', async (seed) => {
    const problem = randomTinyProblem(seed + 20, 6, 3, 0.5, 0.5);
    const exact = await solveExactly(compile(problem));
    expect(exact?.proven).toBe(true);
    const heuristic = await solve(problem, { timeLimitMs: 3000, seed, maxIterations: 500 });
    expect(heuristic.cost).toBeCloseTo(exact!.solution.cost(), 6);
  });

  it.each([1, 2, 3])('matches the glpk-proven optimum on tiny instance %i', async (seed) => {
    const problem = randomTinyProblem(seed, 6);
    const exact = await solveExactly(compile(problem));
    expect(exact?.proven).toBe(true);
    const heuristic = await solve(problem, { timeLimitMs: 3000, seed, maxIterations: 500 });
    expect(heuristic.cost).toBeCloseTo(exact!.solution.cost(), 6);
  });

  /**
   * Three stops east (A), the urgent one in the far corner (U), three north (C), a truck at NT$10 a
   * km and NT$250 an hour; 1 km = 1 minute. For distance alone U sits in the middle of the loop
   * 0 → A → U → C → 0 whichever way round, behind three stops' service.
   */
  const cornerDay = (side: number, serviceTime: number) => {
    const b = aProblem().withVehicleDefaults({ costPerKm: 10, costPerMinute: 250 / 60 });
    for (let k = 0; k < 3; k++) b.stop(side, 0, { id: `a${k}`, serviceTime });
    b.stop(side, side, { id: 'urgent', serviceTime, priority: 1 });
    for (let k = 0; k < 3; k++) b.stop(0, side, { id: `c${k}`, serviceTime });
    return b.build();
  };
  const order = (solution: { routes: { trips: { visits: { stopId: string }[] }[] }[] }) => solution.routes.flatMap((r) => r.trips.flatMap((t) => t.visits.map((v) => v.stopId)));

  it('serves an urgent stop first when the detour is small', async () => {
    // Going to U first: 8.3 km more (about NT$117 with the driver's time), U served 66 minutes sooner (NT$395).
    const problem = cornerDay(10, 20);
    const solution = await solve(problem, quick);
    expect(checkSolution(problem, solution)).toEqual([]);
    expect(order(solution)[0]).toBe('urgent');
    expect(solution.distance).toBeCloseTo(20 + 2 * Math.hypot(10, 10), 6);
    const visit = solution.routes[0]!.trips[0]!.visits[0]!;
    expect(solution.routes[0]!.trips[0]!.departure).toBe(0);
    expect(visit.start).toBeCloseTo(Math.hypot(10, 10), 6);
  });

  it('keeps an urgent stop in its place when serving it first means a huge detour', async () => {
    // Going to U first: 83 km more (about NT$1,170), U served 74 minutes sooner (NT$442).
    const problem = cornerDay(100, 5);
    const solution = await solve(problem, quick);
    expect(order(solution).indexOf('urgent')).toBe(3);
    expect(solution.distance).toBeCloseTo(400, 6);
    // The cost counts the urgent customer's wait: 200 km driven and three stops served before it.
    const urgent = solution.routes[0]!.trips[0]!.visits[3]!;
    expect(urgent.start).toBeCloseTo(215, 6);
    expect(solution.cost).toBeCloseTo(400 * 10 + (250 / 60) * solution.routes[0]!.duration + 6 * 215, 6);
  });
});

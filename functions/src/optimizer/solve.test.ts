import { checkSolution } from './evaluate';
import { compile } from './instance';
import { solveExactly } from './lp/exact';
import type { Problem } from './model';
import { Rng } from './rng';
import { solve } from './solve';
import { aProblem } from './test-builders';

const quick = { timeLimitMs: 2000, seed: 7, maxIterations: 300 };

function randomTinyProblem(seed: number, stops: number, vehicles = 3): Problem {
  const rng = new Rng(seed);
  const b = aProblem().withVehicleDefaults({ capacityKg: 40, shift: { start: 0, end: 200 } });
  for (let k = 0; k < vehicles; k++) b.vehicle();
  for (let k = 0; k < stops; k++) {
    const start = rng.int(80);
    b.stop(rng.int(41) - 20, rng.int(41) - 20, { weightKg: 5 + rng.int(15), serviceTime: 2, timeWindows: [{ start, end: start + 40 + rng.int(60) }] });
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

  it.each([1, 2, 3])('matches the glpk-proven optimum on tiny instance %i', async (seed) => {
    const problem = randomTinyProblem(seed, 6);
    const exact = await solveExactly(compile(problem));
    expect(exact?.proven).toBe(true);
    const heuristic = await solve(problem, { timeLimitMs: 3000, seed, maxIterations: 500 });
    expect(heuristic.cost).toBeCloseTo(exact!.solution.cost(), 6);
  });
});

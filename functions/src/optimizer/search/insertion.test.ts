import { describeRoute } from '../evaluate';
import { compile } from '../instance';
import { Rng } from '../rng';
import { aProblem } from '../test-builders';
import { applyInsertion, bestInsertion } from './insertion';
import { SearchSolution } from './solution';

/** Trucks whose time costs as much per minute as a kilometre, with windows that make them wait. */
function randomDay(seed: number, urgentShare = 0) {
  const rng = new Rng(seed);
  const b = aProblem().withVehicleDefaults({ costPerMinute: 1, shift: { start: 0, end: 2000 }, maxTrips: 2, reloadTime: 15, capacityKg: 1000 });
  b.vehicle().vehicle();
  for (let k = 0; k < 9; k++) {
    const open = rng.int(600);
    const windowed = rng.next() < 0.6;
    const priority = rng.next() < urgentShare ? 1 : 0;
    b.stop(rng.int(61) - 30, rng.int(61) - 30, { serviceTime: 5 + rng.int(20), priority, ...(windowed ? { timeWindows: [{ start: open, end: open + 30 + rng.int(90) }] } : {}) });
  }
  return compile(b.build());
}

describe('bestInsertion with a cost per minute', () => {
  it.each([
    ['', 0],
    [' and the urgent stops\' waiting', 0.3],
  ])("prices a stop as the change in distance plus the change in the route's duration%s", (_, urgentShare) => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const inst = randomDay(seed, urgentShare);
      const rng = new Rng(seed);
      const stops = rng.shuffle(Array.from({ length: inst.stopCount }, (_, k) => inst.depotCount + k));
      const u = stops.pop()!;
      // Windows first keeps most routes feasible; a reload splits the second route half the time.
      const byOpen = (xs: number[]) => xs.sort((a, b) => inst.tw1Start[a]! - inst.tw1Start[b]!);
      const first = byOpen(stops.slice(0, 4));
      const second = byOpen(stops.slice(4));
      const sequences = [first, rng.next() < 0.5 ? second : [...second.slice(0, 2), 0, ...second.slice(2)]];
      const sol = SearchSolution.fromRoutes(inst, sequences);
      if (!sol.isFeasible()) continue;
      const ins = bestInsertion(sol, u, null, 0, new Uint8Array(inst.classSize.length));
      if (ins === null) continue;
      const before = describeRoute(inst, ins.route, sol.routes[ins.route]!.nodes).route;
      const after = sol.shallowCopy();
      after.routes[ins.route] = after.routes[ins.route]!.clone();
      applyInsertion(after, ins, u);
      const now = describeRoute(inst, ins.route, after.routes[ins.route]!.nodes).route;
      expect(ins.delta).toBeCloseTo(now.cost - before.cost, 6);
      if (urgentShare === 0) expect(ins.delta).toBeCloseTo(now.distance - before.distance + now.duration - before.duration, 6);
      expect(after.cost() - sol.cost()).toBeCloseTo(ins.delta, 6);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

import { parseSolomon, SolomonFormatError, solomonProblem } from './solomon';
import { solve } from './solve';

// Four customers on a circle of radius 10 around the depot: the single tour visiting them in
// angular order (20 + 3·√200) is optimal; windows force the clockwise direction.
const GOLDEN = `GOLDEN4

VEHICLE
NUMBER     CAPACITY
  2         100

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0        1000          0
    1      0         10         10          0          20          1
    2     10          0         10          0          50          1
    3      0        -10         10          0          80          1
    4    -10          0         10          0         120          1
`;

describe('Solomon format', () => {
  it('parses the fleet and every node row', () => {
    const inst = parseSolomon(GOLDEN);
    expect(inst).toMatchObject({ name: 'GOLDEN4', vehicles: 2, capacity: 100 });
    expect(inst.depot).toEqual({ id: 0, x: 0, y: 0, demand: 0, ready: 0, due: 1000, service: 0 });
    expect(inst.customers.map((c) => c.id)).toEqual([1, 2, 3, 4]);
    expect(inst.customers[3]).toEqual({ id: 4, x: -10, y: 0, demand: 10, ready: 0, due: 120, service: 1 });
  });

  it('rejects a file without a vehicle section', () => {
    expect(() => parseSolomon('X\nCUSTOMER\n')).toThrow(SolomonFormatError);
  });

  it('reproduces the known optimal distance of the golden instance', async () => {
    const solution = await solve(solomonProblem(parseSolomon(GOLDEN)), { timeLimitMs: 2000, seed: 1, maxIterations: 200 });
    expect(solution.routes.map((r) => r.trips[0]!.visits.map((v) => v.stopId))).toEqual([['1', '2', '3', '4']]);
    expect(solution.distance).toBeCloseTo(20 + 3 * Math.sqrt(200), 9);
  });
});

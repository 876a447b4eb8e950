import { compile } from '../instance';
import type { Problem } from '../model';
import { euclideanMatrix } from '../travel-matrix';
import { Route } from './route';

function twoDepots(): Problem {
  return {
    depots: [
      { id: 'north', location: 0 },
      { id: 'south', location: 1 },
    ],
    vehicles: [{ id: 'v1', depotId: 'south', capacityKg: 100, shift: { start: 0, end: 500 }, costPerKm: 1, maxTrips: 3, reloadTime: 5 }],
    stops: [
      { id: 'a', location: 2, weightKg: 10, serviceTime: 0 },
      { id: 'b', location: 3, weightKg: 10, serviceTime: 0 },
    ],
    matrix: euclideanMatrix([{ x: 0, y: 50 }, { x: 0, y: 0 }, { x: 1, y: 0 }, { x: 2, y: 0 }]),
  };
}

describe('Route.normalize', () => {
  it("reloads at the vehicle's own depot even when a move brought another depot's reload", () => {
    const inst = compile(twoDepots());
    const route = new Route(inst, 0, [2, 0, 3]);
    route.normalize();
    route.update();
    expect(route.nodes).toEqual([2, 1, 3]);
    expect(route.tripCount).toBe(2);
    expect(route.distance).toBeCloseTo(1 + 1 + 2 + 2);
  });

  it('drops reloads around empty trips', () => {
    const inst = compile(twoDepots());
    const route = new Route(inst, 0, [1, 2, 1, 1, 3, 1]);
    route.normalize();
    expect(route.nodes).toEqual([2, 1, 3]);
  });
});

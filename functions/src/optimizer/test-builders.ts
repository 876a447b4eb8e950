/**
 * Builders for small problems in tests: places on a plane (1 unit = 1 km, 1 km = 1 minute),
 * one depot at the origin, a fleet of identical trucks unless told otherwise.
 */
import type { Problem, Stop, Vehicle } from './model';
import type { Point } from './travel-matrix';
import { euclideanMatrix } from './travel-matrix';

export interface StopSpec extends Omit<Stop, 'location' | 'serviceTime'> {
  at: Point;
  serviceTime?: number;
}

export class ProblemBuilder {
  private readonly stops: StopSpec[] = [];
  private readonly vehicles: Vehicle[] = [];
  private vehicleDefaults: Omit<Vehicle, 'id'> = {
    depotId: 'depot',
    capacityKg: 1000,
    shift: { start: 0, end: 1000 },
    costPerKm: 1,
  };

  withVehicleDefaults(overrides: Partial<Omit<Vehicle, 'id'>>): this {
    this.vehicleDefaults = { ...this.vehicleDefaults, ...overrides };
    return this;
  }

  vehicle(overrides: Partial<Vehicle> = {}): this {
    this.vehicles.push({ ...this.vehicleDefaults, id: `v${this.vehicles.length + 1}`, ...overrides });
    return this;
  }

  stop(x: number, y: number, overrides: Partial<StopSpec> = {}): this {
    this.stops.push({ id: `s${this.stops.length + 1}`, at: { x, y }, weightKg: 10, slots: 1, ...overrides });
    return this;
  }

  build(): Problem {
    const points = [{ x: 0, y: 0 }, ...this.stops.map((s) => s.at)];
    return {
      depots: [{ id: 'depot', location: 0 }],
      vehicles: this.vehicles.length > 0 ? this.vehicles : [{ ...this.vehicleDefaults, id: 'v1' }],
      stops: this.stops.map(({ at: _at, serviceTime, ...rest }, k) => ({ ...rest, location: k + 1, serviceTime: serviceTime ?? 0 })),
      matrix: euclideanMatrix(points),
    };
  }
}

export const aProblem = (): ProblemBuilder => new ProblemBuilder();

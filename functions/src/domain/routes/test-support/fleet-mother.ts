/** Test data for planning: a small depot with two trucks and their drivers, and routes built from orders. */
import type { Customer } from '../../customers';
import type { Depot, Driver, Vehicle } from '../../fleet';
import type { Order } from '../../orders';
import { aCustomer } from '../../test-support/customer-mother';
import { anOrder } from '../../test-support/order-mother';
import { solverVehicle, stopPlanFor, timeStops, type StopPlan } from '../planning';
import type { Route, RouteStop } from '../route';

export const DEPOT: Depot = { id: 'depot-a', name: '幸福氣 測試站', address: '新北市中和區中山路二段168號', location: { lat: 24.9978, lng: 121.4935 } };

export const aVehicle = (id: string, over: Partial<Vehicle> = {}): Vehicle => ({
  id,
  plate: `KLA-${1000 + id.length}`,
  capacityKg: 1500,
  cylinderSlots: 36,
  depotId: DEPOT.id,
  costPerKm: 10,
  fixedCost: 1800,
  ...over,
});

export const aDriver = (id: string, vehicleId: string, over: Partial<Driver> = {}): Driver => ({
  id,
  name: `司機 ${id}`,
  phone: '0912-000-000',
  skills: [],
  shift: { start: '08:00', end: '17:00' },
  vehicleId,
  active: true,
  ...over,
});

/** Trucks veh-1 (driven by drv-1, who carries 50 kg cylinders) and veh-2 (drv-2). */
export const FLEET = {
  vehicles: [aVehicle('veh-1'), aVehicle('veh-2')],
  drivers: [aDriver('drv-1', 'veh-1', { skills: ['cylinder_50kg'] }), aDriver('drv-2', 'veh-2')],
};

/** A customer `k` hundred metres or so north-east of the depot. */
export function aNearbyCustomer(id: string, k: number, over: Record<string, unknown> = {}): Customer {
  return aCustomer()
    .withId(id)
    .withCode(`C${String(10000 + k)}`)
    .with({ closedDays: [], location: { lat: DEPOT.location.lat + 0.004 * k, lng: DEPOT.location.lng + 0.003 * k }, ...over })
    .build();
}

/** A confirmed order of `date` for the customer. */
export function aConfirmedOrder(id: string, customer: Customer, date: string, request: Record<string, unknown> = {}): Order {
  return anOrder().withId(id).forCustomer(customer).inStatus('confirmed').with({ requestedDate: date, ...request }).build();
}

export interface DraftSpec {
  readonly id: string;
  readonly date: string;
  readonly jobId?: string;
  readonly vehicle: Vehicle;
  readonly driver?: Driver;
  readonly stops: readonly { order: Order; customer: Customer }[];
}

/** A timed draft route visiting the orders in the given order, in one trip. */
export function aDraftRoute(spec: DraftSpec): Route {
  const plans = spec.stops.map(({ order, customer }) => stopPlanFor(order, customer) as StopPlan);
  const at = '2026-11-28T01:00:00.000Z';
  return {
    id: spec.id,
    date: spec.date,
    depotId: DEPOT.id,
    ...(spec.jobId ? { jobId: spec.jobId } : {}),
    ...(spec.driver ? { driverId: spec.driver.id } : {}),
    vehicleId: spec.vehicle.id,
    status: 'draft',
    ...timeStops(spec.date, [plans], { depot: DEPOT, vehicle: solverVehicle(spec.vehicle, spec.driver, DEPOT) }),
    createdAt: at,
    updatedAt: at,
  };
}

/** A stop of order `orderId` (customer `cust-<orderId>`) planned to start at `eta`, one 20 kg cylinder, no window. */
export const aTimedStop = (orderId: string, eta: string, seq = 1): RouteStop => ({
  orderId,
  customerId: `cust-${orderId}`,
  seq,
  trip: 0,
  eta,
  lat: 25.03,
  lng: 121.5,
  serviceMin: 10,
  demand: [{ size: 20, quantity: 1 }],
  windows: [],
  requiredSkills: [],
});

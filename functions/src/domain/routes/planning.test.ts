import { DenseTravelMatrix, haversineMatrix } from '../../optimizer/travel-matrix';
import { solve } from '../../optimizer/solve';
import { assignmentProblems } from './assignment';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from './test-support/fleet-mother';
import {
  availableVehicles,
  cutoffClosingAt,
  depotClosingAt,
  driverClosingAt,
  DEFAULT_DRIVER_HOURLY_COST,
  draftRoutes,
  firstDeparture,
  instantAt,
  nearestDepotId,
  planningProblem,
  planningVehicles,
  sameDayCutoffFor,
  solverVehicle,
  staleStops,
  stopPlanFor,
  RELOAD_MINUTES,
  subMatrix,
  timeStops,
  type StopPlan,
} from './planning';
import { moveStop } from './edit';
import type { Route } from './route';

const DATE = '2026-12-02';

describe('stopPlanFor', () => {
  it('asks for the 50 kg skill and the industrial skill from what is ordered and who orders', () => {
    const c = aNearbyCustomer('c1', 1, { type: 'industrial' });
    const plan = stopPlanFor(aConfirmedOrder('o1', c, DATE, { items: [{ size: 50, quantity: 1 }] }), c) as StopPlan;
    expect(plan.requiredSkills.sort()).toEqual(['cylinder_50kg', 'industrial']);
  });

  it("uses the order's own window before the customer's usual ones, and folds a third window into the second", () => {
    const c = aNearbyCustomer('c1', 1, { deliveryWindows: [{ start: '14:00', end: '15:00' }, { start: '08:00', end: '09:00' }, { start: '10:00', end: '11:00' }] });
    expect((stopPlanFor(aConfirmedOrder('o1', c, DATE), c) as StopPlan).windows).toEqual([
      { start: '08:00', end: '09:00' },
      { start: '10:00', end: '15:00' },
    ]);
    const own = aConfirmedOrder('o2', c, DATE, { timeWindow: { start: '12:00', end: '13:00' } });
    expect((stopPlanFor(own, c) as StopPlan).windows).toEqual([{ start: '12:00', end: '13:00' }]);
  });

  it('takes longer for stairs without a lift', () => {
    const ground = aNearbyCustomer('c1', 1);
    const upstairs = aNearbyCustomer('c2', 1, { floorsWithoutElevator: 4 });
    const a = stopPlanFor(aConfirmedOrder('o1', ground, DATE), ground) as StopPlan;
    const b = stopPlanFor(aConfirmedOrder('o2', upstairs, DATE), upstairs) as StopPlan;
    expect(b.serviceMin).toBeGreaterThan(a.serviceMin);
  });
});

describe('staleStops', () => {
  const cs = [1, 2, 3, 4, 5].map((k) => aNearbyCustomer(`c${k}`, k));
  const orders = cs.map((c, i) => aConfirmedOrder(`o${i}`, c, DATE, { items: [{ size: 20, quantity: 1 }, { size: 16, quantity: 2 }] }));
  const route = aDraftRoute({ id: 'r', date: DATE, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: orders.map((order, i) => ({ order, customer: cs[i]! })) });
  const customers = new Map(cs.map((c) => [c.id, c]));
  type O = (typeof orders)[number];

  it('names each order that changed after planning, with why, and passes the ones as planned whatever the line order', () => {
    const [a, b, c, d, e] = orders as [O, O, O, O, O];
    const now = [
      { ...a, items: [...a.items].reverse() },
      { ...b, status: 'cancelled' as const },
      { ...c, requestedDate: '2026-12-03' },
      { ...d, items: [{ ...d.items[0]!, quantity: 2 }, d.items[1]!] },
      { ...e, location: { lat: e.location!.lat + 0.001, lng: e.location!.lng }, locationPrecision: 'manual' as const },
    ];
    expect(staleStops(route, now, customers)).toEqual([
      { orderId: 'o1', status: 'cancelled', reason: 'status' },
      { orderId: 'o2', status: 'confirmed', reason: 'date' },
      { orderId: 'o3', status: 'confirmed', reason: 'items' },
      { orderId: 'o4', status: 'confirmed', reason: 'location' },
    ]);
    expect(staleStops(route, [null, ...orders.slice(1)], customers)).toEqual([{ orderId: 'o0', status: null, reason: 'status' }]);
    expect(staleStops(route, orders, customers)).toEqual([]);
  });

  it('names an order whose window, service time, skills or priority the stop was planned with changed, on the order or its customer', () => {
    const [a, b, c, d, e] = orders as [O, O, O, O, O];
    const now = [{ ...a, timeWindow: { start: '13:00', end: '14:00' } }, b, c, d, { ...e, priority: 'urgent' as const }];
    const changedCustomers = new Map(customers);
    changedCustomers.set('c2', { ...cs[1]!, deliveryWindows: [{ start: '09:00', end: '11:00' }] });
    changedCustomers.set('c3', { ...cs[2]!, floorsWithoutElevator: 3 });
    changedCustomers.set('c4', { ...cs[3]!, type: 'industrial' });
    expect(staleStops(route, now, changedCustomers)).toEqual([
      { orderId: 'o0', status: 'confirmed', reason: 'window' },
      { orderId: 'o1', status: 'confirmed', reason: 'window' },
      { orderId: 'o2', status: 'confirmed', reason: 'service' },
      { orderId: 'o3', status: 'confirmed', reason: 'skills' },
      { orderId: 'o4', status: 'confirmed', reason: 'priority' },
    ]);
  });

  it("names an order without a place of its own whose customer was re-pinned, or can no longer be placed", () => {
    const [a, b] = orders.map(({ location: _, locationPrecision: __, ...o }) => o) as [O, O];
    const unpinned = aDraftRoute({ id: 'r2', date: DATE, vehicle: FLEET.vehicles[0]!, stops: [{ order: a, customer: cs[0]! }, { order: b, customer: cs[1]! }] });
    const moved = new Map(customers);
    moved.set('c1', { ...cs[0]!, location: { lat: cs[0]!.location!.lat + 0.01, lng: cs[0]!.location!.lng } });
    moved.set('c2', { ...cs[1]!, location: undefined });
    expect(staleStops(unpinned, [a, b], moved).map((s) => [s.orderId, s.reason])).toEqual([
      ['o0', 'location'],
      ['o1', 'location'],
    ]);
    expect(staleStops(unpinned, [a, b], customers)).toEqual([]);
  });

  it('keeps an order fresh when only what planning did not use changed: notes, payment, the customer’s name and phone', () => {
    const now = orders.map((o) => ({ ...o, notes: '請按電鈴', paymentMethod: 'transfer' as const }));
    const renamed = new Map(cs.map((c) => [c.id, { ...c, name: `${c.name}（新）`, phones: ['0912-345-678'] }]));
    expect(staleStops(route, now, renamed)).toEqual([]);
  });

  it('passes the priority of a stop drafted before it was recorded, rather than refusing every old draft', () => {
    const old = { ...route, stops: route.stops.map(({ priority: _, ...stop }) => stop) };
    expect(staleStops(old, orders.map((o) => ({ ...o, priority: 'urgent' as const })), customers)).toEqual([]);
  });
});

describe('planningProblem', () => {
  it('leaves out orders without a place and maps the rest to solver stops behind the depot', () => {
    const c1 = aNearbyCustomer('c1', 1);
    const lost = { ...aNearbyCustomer('c2', 2), location: undefined };
    const orderWithoutPlace = { ...aConfirmedOrder('o2', lost, DATE), location: undefined };
    const p = planningProblem({ depot: DEPOT, ...FLEET, orders: [aConfirmedOrder('o1', c1, DATE), orderWithoutPlace], customers: new Map([['c1', c1], ['c2', lost]]) });
    expect(p.excluded).toEqual([{ orderId: 'o2', reason: 'NO_LOCATION' }]);
    expect(p.problem.stops.map((s) => [s.id, s.location])).toEqual([['o1', 1]]);
    expect(p.places).toHaveLength(2);
    expect(p.problem.vehicles.find((v) => v.id === 'veh-1')?.skills).toEqual(['cylinder_50kg']);
  });

  it("prices every truck's time at its driver's hourly cost, the default when the driver has none, so waiting for a window is not free", () => {
    const c1 = aNearbyCustomer('c1', 1);
    const drivers = [{ ...FLEET.drivers[0]!, hourlyCost: 330 }, FLEET.drivers[1]!];
    const p = planningProblem({ depot: DEPOT, ...FLEET, drivers, orders: [aConfirmedOrder('o1', c1, DATE)], customers: new Map([['c1', c1]]) });
    expect(p.problem.vehicles.map((v) => [v.id, v.costPerMinute])).toEqual([
      ['veh-1', 330 / 60],
      ['veh-2', DEFAULT_DRIVER_HOURLY_COST / 60],
    ]);
  });

  it('serves by the closing the stops of a place closing early (提早收工), leaves out one whose hours start after it, and keeps each stop\'s own windows for the route', () => {
    const customers = [1, 2, 3, 4].map((k) => aNearbyCustomer(`c${k}`, k));
    const [anyTime, morning, across, afternoon] = [
      aConfirmedOrder('o-any', customers[0]!, DATE),
      aConfirmedOrder('o-morning', customers[1]!, DATE, { timeWindow: { start: '09:00', end: '11:00' } }),
      aConfirmedOrder('o-across', customers[2]!, DATE, { timeWindow: { start: '10:00', end: '14:00' } }),
      aConfirmedOrder('o-afternoon', customers[3]!, DATE, { timeWindow: { start: '12:00', end: '16:00' } }),
    ];
    const orders = [anyTime, morning, across, afternoon];
    const closings = new Map(orders.filter((o) => o.id !== 'o-any').map((o) => [o.id, '12:00']));
    const p = planningProblem({ depot: DEPOT, ...FLEET, orders, customers: new Map(customers.map((c) => [c.id, c])), closings });
    expect(p.excluded).toEqual([{ orderId: 'o-afternoon', reason: 'TIME_WINDOW_UNREACHABLE' }]);
    expect(p.problem.stops.map((s) => [s.id, s.timeWindows])).toEqual([
      ['o-any', []],
      ['o-morning', [{ start: 9 * 60, end: 11 * 60 }]],
      ['o-across', [{ start: 10 * 60, end: 12 * 60 }]],
    ]);
    expect(p.stops.get('o-across')?.windows).toEqual([{ start: '10:00', end: '14:00' }]);
    const closingAll = planningProblem({ depot: DEPOT, ...FLEET, orders: [anyTime], customers: new Map(customers.map((c) => [c.id, c])), closings: new Map([['o-any', '12:00']]) });
    expect(closingAll.problem.stops[0]?.timeWindows).toEqual([{ start: 0, end: 12 * 60 }]);
  });

  it('prices the time of a truck nobody drives regularly at the default hourly cost', () => {
    expect(solverVehicle(FLEET.vehicles[0]!, undefined, DEPOT).costPerMinute).toBe(DEFAULT_DRIVER_HOURLY_COST / 60);
    expect(DEFAULT_DRIVER_HOURLY_COST).toBe(250);
  });

  it('drafts one route per truck used, with deterministic ids, and reports impossible windows', async () => {
    const customers = [1, 2, 3].map((k) => aNearbyCustomer(`c${k}`, k));
    const orders = customers.map((c, i) => aConfirmedOrder(`o${i + 1}`, c, DATE));
    const night = aConfirmedOrder('o-night', customers[0]!, DATE, { timeWindow: { start: '03:00', end: '04:00' } });
    const planning = planningProblem({ depot: DEPOT, ...FLEET, orders: [...orders, night], customers: new Map(customers.map((c) => [c.id, c])) });
    const solution = await solve({ ...planning.problem, matrix: haversineMatrix(planning.places) }, { timeLimitMs: 300, seed: 1 });
    const { routes, unassigned } = draftRoutes({ jobId: 'job', date: DATE, depot: DEPOT, ...FLEET, planning, solution, at: new Date('2026-11-28T00:00:00Z') });
    expect(unassigned).toEqual([{ orderId: 'o-night', reason: 'TIME_WINDOW_UNREACHABLE' }]);
    expect(routes.map((r) => r.id)).toEqual(routes.map((_, i) => `job-${i + 1}`));
    expect(routes.flatMap((r) => r.stops.map((s) => s.orderId)).sort()).toEqual(['o1', 'o2', 'o3']);
    expect(routes.every((r) => r.violations.length === 0 && r.status === 'draft' && r.driverId)).toBe(true);
  });
});

describe('travel matrix for planning', () => {
  it("leaves when the day's first shift starts, as a Taipei instant", () => {
    const vehicles = [{ shift: { start: 8 * 60, end: 17 * 60 } }, { shift: { start: 7 * 60 + 30, end: 16 * 60 } }];
    expect(firstDeparture(DATE, vehicles, new Date('2026-11-28T00:00:00Z'))).toBe('2026-12-01T23:30:00.000Z');
  });

  it('leaves a minute from now when the first shift has already started (the Routes API refuses a past departure)', () => {
    const now = new Date('2026-12-02T02:15:00Z');
    expect(firstDeparture(DATE, [{ shift: { start: 8 * 60, end: 17 * 60 } }], now)).toBe('2026-12-02T02:16:00.000Z');
  });

  it('reads a route through the full matrix by place index', () => {
    const full = new DenseTravelMatrix(3, Float64Array.from([0, 1, 2, 3, 0, 5, 6, 7, 0]), Float64Array.from([0, 10, 20, 30, 0, 50, 60, 70, 0]));
    const view = subMatrix(full, [0, 2, 1]);
    expect([view.size, view.distance(0, 1), view.distance(1, 2), view.duration(2, 0)]).toEqual([3, 2, 7, 30]);
  });

  it('times the drafts with the matrix the solver planned with, not straight lines', async () => {
    const customers = [1, 2].map((k) => aNearbyCustomer(`c${k}`, k));
    const orders = customers.map((c, i) => aConfirmedOrder(`o${i + 1}`, c, DATE));
    const planning = planningProblem({ depot: DEPOT, vehicles: [FLEET.vehicles[1]!], drivers: FLEET.drivers, orders, customers: new Map(customers.map((c) => [c.id, c])) });
    // Every leg is 3 km and 12 minutes by road.
    const n = planning.places.length;
    const roads = new DenseTravelMatrix(n, new Float64Array(n * n).fill(3), new Float64Array(n * n).fill(12));
    const solution = await solve({ ...planning.problem, matrix: roads }, { timeLimitMs: 200, seed: 1 });
    const [route] = draftRoutes({ jobId: 'job', date: DATE, depot: DEPOT, ...FLEET, planning, solution, travel: { matrix: roads, travelTimes: 'roads' }, at: new Date('2026-11-28T00:00:00Z') }).routes;
    expect(route?.distanceKm).toBe(9);
    expect(Date.parse(route!.stops[0]!.eta) - Date.parse(route!.startsAt!)).toBe(12 * 60_000);
    expect(route?.travelTimes).toBe('roads');
  });

  it('says a draft was timed on straight lines when the plan had no road times', async () => {
    const customers = [1, 2].map((k) => aNearbyCustomer(`c${k}`, k));
    const orders = customers.map((c, i) => aConfirmedOrder(`o${i + 1}`, c, DATE));
    const planning = planningProblem({ depot: DEPOT, vehicles: [FLEET.vehicles[1]!], drivers: FLEET.drivers, orders, customers: new Map(customers.map((c) => [c.id, c])) });
    const straight = haversineMatrix(planning.places);
    const solution = await solve({ ...planning.problem, matrix: straight }, { timeLimitMs: 200, seed: 1 });
    const at = new Date('2026-11-28T00:00:00Z');
    const fallback = draftRoutes({ jobId: 'job', date: DATE, depot: DEPOT, ...FLEET, planning, solution, travel: { matrix: straight, travelTimes: 'straight-line' }, at }).routes;
    const none = draftRoutes({ jobId: 'job', date: DATE, depot: DEPOT, ...FLEET, planning, solution, at }).routes;
    expect([...fallback, ...none].map((r) => r.travelTimes)).toEqual(['straight-line', 'straight-line']);
    expect(fallback[0]?.stops.map((s) => s.eta)).toEqual(none[0]?.stops.map((s) => s.eta));
  });
});

describe('timeStops', () => {
  it("gives the solver's own schedule as Taipei instants", () => {
    const customers = [1, 2].map((k) => aNearbyCustomer(`c${k}`, k));
    const route = aDraftRoute({ id: 'r', date: DATE, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: customers.map((c, i) => ({ order: aConfirmedOrder(`o${i}`, c, DATE), customer: c })) });
    expect(route.stops.map((s) => s.seq)).toEqual([1, 2]);
    expect(Date.parse(route.stops[1]!.eta)).toBeGreaterThan(Date.parse(route.stops[0]!.eta));
    expect(route.startsAt! >= instantAt(DATE, 8 * 60)).toBe(true);
    expect(route.distanceKm).toBeGreaterThan(0);
  });

  it("records each trip's departure and return when the truck reloads at the depot between them, and an edit re-times them", () => {
    const customers = [1, 2, 3].map((k) => aNearbyCustomer(`c${k}`, k));
    const plans = customers.map((c, i) => stopPlanFor(aConfirmedOrder(`o${i}`, c, DATE), c) as StopPlan);
    const ctx = { depot: DEPOT, vehicle: solverVehicle(FLEET.vehicles[0]!, FLEET.drivers[0], DEPOT) };
    const timed = timeStops(DATE, [[plans[0]!, plans[1]!], [plans[2]!]], ctx);
    const [first, second] = timed.trips;
    expect(timed.trips).toHaveLength(2);
    expect([first!.departsAt, second!.returnsAt]).toEqual([timed.startsAt, timed.endsAt]);
    // Back from the first trip, RELOAD_MINUTES at the depot, out again: each trip's stops between its own two times.
    expect(Date.parse(second!.departsAt) - Date.parse(first!.returnsAt)).toBe(RELOAD_MINUTES * 60_000);
    for (const s of timed.stops) {
      const trip = timed.trips[s.trip]!;
      expect(s.eta > trip.departsAt && s.eta < trip.returnsAt).toBe(true);
    }
    // Stored as instants, read as Taipei clock times: the shift starts at 08:00 Taipei, 00:00 UTC.
    expect(first!.departsAt).toBe(instantAt(DATE, 8 * 60));
    expect(first!.departsAt).toBe('2026-12-02T00:00:00.000Z');

    const route: Route = { id: 'r', date: DATE, depotId: DEPOT.id, vehicleId: FLEET.vehicles[0]!.id, status: 'draft', ...timed, createdAt: DATE, updatedAt: DATE };
    const moved = moveStop(route, route, { orderId: 'o2', toIndex: 0 }, { from: ctx, to: ctx }, new Date()).from;
    expect(moved.trips).toHaveLength(1);
    expect(moved.trips![0]).toEqual({ departsAt: moved.startsAt, returnsAt: moved.endsAt });
  });
});

describe('solverVehicle', () => {
  it("works the hours both the driver's shift and the depot's yard allow", () => {
    const [vehicle] = FLEET.vehicles;
    const driver = { ...FLEET.drivers[0]!, shift: { start: '07:00', end: '17:00' } };
    expect(solverVehicle(vehicle!, driver, DEPOT).shift).toEqual({ start: 7 * 60, end: 17 * 60 });
    expect(solverVehicle(vehicle!, driver, { hours: { start: '07:30', end: '16:00' } }).shift).toEqual({ start: 7 * 60 + 30, end: 16 * 60 });
    expect(solverVehicle(vehicle!, driver, { hours: { start: '06:00', end: '18:00' } }).shift).toEqual({ start: 7 * 60, end: 17 * 60 });
  });

  it('plans no stop after the yard closes, even when the driver would stay', async () => {
    const customers = [1, 2, 3].map((k) => aNearbyCustomer(`c${k}`, k));
    const orders = customers.map((c, i) => aConfirmedOrder(`o${i}`, c, DATE, { timeWindow: { start: '16:00', end: '18:00' } }));
    const drivers = FLEET.drivers.map((d) => ({ ...d, shift: { start: '08:00', end: '19:00' } }));
    const unassignedWith = async (depot: typeof DEPOT) => {
      const planning = planningProblem({ depot, vehicles: FLEET.vehicles, drivers, orders, customers: new Map(customers.map((c) => [c.id, c])) });
      const solution = await solve({ ...planning.problem, matrix: haversineMatrix(planning.places) }, { timeLimitMs: 200, seed: 1 });
      return solution.unassigned.map((u) => u.stopId).sort();
    };
    expect(await unassignedWith(DEPOT)).toEqual([]);
    expect(await unassignedWith({ ...DEPOT, hours: { start: '07:00', end: '15:00' } })).toEqual(['o0', 'o1', 'o2']);
  });
});

describe('trucks already given out that day', () => {
  const customer = aNearbyCustomer('c9', 9);
  /** A published route of `vehicleId` driven by `driverId`, out from `start` to `end` (Taipei). */
  const outOn = (vehicleId: string, driverId: string, start: string, end: string, status: 'published' | 'draft' = 'published') => ({
    ...aDraftRoute({ id: `r-${vehicleId}-${status}`, date: DATE, vehicle: FLEET.vehicles.find((v) => v.id === vehicleId)!, stops: [{ order: aConfirmedOrder(`o-${vehicleId}`, customer, DATE), customer }] }),
    driverId,
    status,
    startsAt: instantAt(DATE, Number(start.slice(0, 2)) * 60 + Number(start.slice(3))),
    endsAt: instantAt(DATE, Number(end.slice(0, 2)) * 60 + Number(end.slice(3))),
  });
  const shifts = (committed: ReturnType<typeof outOn>[]) => availableVehicles({ depot: DEPOT, ...FLEET, committed }).map((v) => [v.id, v.shift]);

  it('start once their published route is back, whoever drives it, and drafts of other plans hold nothing', () => {
    expect(shifts([outOn('veh-1', 'drv-1', '09:00', '12:30')])).toEqual([
      ['veh-1', { start: 12 * 60 + 30, end: 17 * 60 }],
      ['veh-2', { start: 8 * 60, end: 17 * 60 }],
    ]);
    // drv-2 took veh-1 out: veh-2 would go with drv-2, who is away until then.
    expect(shifts([outOn('veh-1', 'drv-2', '09:00', '12:30')])).toEqual([
      ['veh-1', { start: 12 * 60 + 30, end: 17 * 60 }],
      ['veh-2', { start: 12 * 60 + 30, end: 17 * 60 }],
    ]);
    expect(shifts([outOn('veh-1', 'drv-1', '09:00', '12:30', 'draft')])).toEqual([
      ['veh-1', { start: 8 * 60, end: 17 * 60 }],
      ['veh-2', { start: 8 * 60, end: 17 * 60 }],
    ]);
  });

  it('are not planned when their routes take the rest of the shift', () => {
    expect(shifts([outOn('veh-1', 'drv-1', '08:00', '17:00')]).map(([id]) => id)).toEqual(['veh-2']);
  });

  it('leave a late order to a free truck, so its draft can be published beside the route out', async () => {
    const published = outOn('veh-1', 'drv-1', '09:00', '15:00');
    // veh-2 costs more: without the route out in the way, the plan would take veh-1.
    const fleet = { vehicles: [FLEET.vehicles[0]!, { ...FLEET.vehicles[1]!, fixedCost: 5000 }], drivers: FLEET.drivers };
    const late = aConfirmedOrder('o-late', customer, DATE, { priority: 'urgent', timeWindow: { start: '10:00', end: '12:00' } });
    const planning = planningProblem({ depot: DEPOT, ...fleet, orders: [late], customers: new Map([[customer.id, customer]]), committed: [published] });
    const solution = await solve({ ...planning.problem, matrix: haversineMatrix(planning.places) }, { timeLimitMs: 200, seed: 1 });
    const { routes } = draftRoutes({ jobId: 'job-late', date: DATE, depot: DEPOT, ...fleet, planning, solution, at: new Date('2026-12-01T02:00:00Z') });
    expect(routes.map((r) => [r.vehicleId, r.driverId, r.stops.map((s) => s.orderId)])).toEqual([['veh-2', 'drv-2', ['o-late']]]);
    const [draft] = routes;
    expect(assignmentProblems({ route: draft!, driver: fleet.drivers[1]!, vehicle: fleet.vehicles[1]!, otherRoutes: [published] })).toEqual([]);
  });

  it('time their drafts from their return, as they were solved', async () => {
    const published = outOn('veh-1', 'drv-1', '08:00', '16:00');
    const fleet = { vehicles: [FLEET.vehicles[0]!], drivers: FLEET.drivers };
    const planning = planningProblem({ depot: DEPOT, ...fleet, orders: [aConfirmedOrder('o-after', customer, DATE)], customers: new Map([[customer.id, customer]]), committed: [published] });
    const solution = await solve({ ...planning.problem, matrix: haversineMatrix(planning.places) }, { timeLimitMs: 200, seed: 1 });
    const { routes } = draftRoutes({ jobId: 'job-after', date: DATE, depot: DEPOT, ...fleet, planning, solution, at: new Date('2026-12-01T02:00:00Z') });
    expect(routes).toHaveLength(1);
    expect(Date.parse(routes[0]!.startsAt!)).toBeGreaterThanOrEqual(Date.parse(published.endsAt));
  });
});

describe('fleet choice', () => {
  it("plans with the depot's trucks that have a driver unless trucks are named", () => {
    const vehicles = [...FLEET.vehicles, { ...FLEET.vehicles[0]!, id: 'veh-3' }];
    expect(planningVehicles(undefined, DEPOT.id, vehicles, FLEET.drivers).map((v) => v.id)).toEqual(['veh-1', 'veh-2']);
    expect(planningVehicles(['veh-3'], DEPOT.id, vehicles, FLEET.drivers).map((v) => v.id)).toEqual(['veh-3']);
  });

  it('never plans with a retired truck or one whose driver was deactivated, even when named', () => {
    const vehicles = [{ ...FLEET.vehicles[0]!, active: false }, FLEET.vehicles[1]!];
    expect(planningVehicles(undefined, DEPOT.id, vehicles, FLEET.drivers).map((v) => v.id)).toEqual(['veh-2']);
    expect(planningVehicles(['veh-1', 'veh-2'], DEPOT.id, vehicles, FLEET.drivers).map((v) => v.id)).toEqual(['veh-2']);
    const drivers = FLEET.drivers.map((d) => (d.id === 'drv-2' ? { ...d, active: false } : d));
    expect(planningVehicles(undefined, DEPOT.id, FLEET.vehicles, drivers).map((v) => v.id)).toEqual(['veh-1']);
  });

  it('puts a place in the area of the nearest depot', () => {
    const far = { id: 'depot-b', location: { lat: 25.06, lng: 121.49 } };
    expect(nearestDepotId({ lat: 25.0, lng: 121.49 }, [DEPOT, far])).toBe(DEPOT.id);
    expect(nearestDepotId({ lat: 25.07, lng: 121.49 }, [DEPOT, far])).toBe('depot-b');
  });
});

describe('a day closing early (提早收工)', () => {
  it('ends every truck\'s shift at the closing, within the yard\'s hours or without them, and plans no truck whose shift starts after it', () => {
    const shifts = (depot: typeof DEPOT) => availableVehicles({ depot, ...FLEET }).map((v) => [v.id, v.shift]);
    expect(shifts(depotClosingAt(DEPOT, '12:00'))).toEqual([
      ['veh-1', { start: 8 * 60, end: 12 * 60 }],
      ['veh-2', { start: 8 * 60, end: 12 * 60 }],
    ]);
    expect(shifts(depotClosingAt({ ...DEPOT, hours: { start: '07:00', end: '11:00' } }, '12:00'))).toEqual([
      ['veh-1', { start: 8 * 60, end: 11 * 60 }],
      ['veh-2', { start: 8 * 60, end: 11 * 60 }],
    ]);
    expect(shifts(depotClosingAt(DEPOT, '07:30'))).toEqual([]);
    expect(driverClosingAt(FLEET.drivers[0]!, '12:00').shift).toEqual({ start: '08:00', end: '12:00' });
    expect(driverClosingAt(FLEET.drivers[0]!, '18:00').shift).toEqual({ start: '08:00', end: '17:00' });
  });

  it('brings the same-day cut-off forward by the hours the day loses against the yard\'s closing, to the closing at the latest', () => {
    expect(cutoffClosingAt({ sameDayCutoff: '14:30' }, '12:00')).toBe('09:30');
    expect(cutoffClosingAt({ sameDayCutoff: '14:30', hours: { start: '07:00', end: '19:00' } }, '12:00')).toBe('07:30');
    expect(cutoffClosingAt({ sameDayCutoff: '11:00', hours: { start: '07:00', end: '12:00' } }, '13:00')).toBe('11:00');
    expect(cutoffClosingAt({ sameDayCutoff: '14:30' }, '18:00')).toBe('14:30');
    expect(cutoffClosingAt({ sameDayCutoff: '06:00' }, '09:00')).toBe('00:00');
    expect(cutoffClosingAt({}, '12:00')).toBe('12:00');
    expect(sameDayCutoffFor(undefined, [{ ...DEPOT, sameDayCutoff: '14:30' }, { ...DEPOT, id: 'depot-b', sameDayCutoff: '16:00' }], '12:00')).toBe('09:30');
  });
});

describe('sameDayCutoffFor', () => {
  const north = { ...DEPOT, id: 'depot-north', location: { lat: 25.1, lng: 121.5 }, sameDayCutoff: '16:00' };
  const south = { ...DEPOT, id: 'depot-south', location: { lat: 24.9, lng: 121.5 }, sameDayCutoff: '14:30' };
  const closedEarly = { ...DEPOT, id: 'depot-closed', location: { lat: 25.11, lng: 121.5 }, sameDayCutoff: '10:00', active: false };

  it("takes the cut-off of the depot in service nearest the place, the one that would plan the order, or none when it keeps none", () => {
    const depots = [north, south, closedEarly];
    expect(sameDayCutoffFor({ lat: 25.11, lng: 121.5 }, depots)).toBe('16:00');
    expect(sameDayCutoffFor({ lat: 24.91, lng: 121.5 }, depots)).toBe('14:30');
    const { sameDayCutoff: _none, ...noCutoff } = north;
    expect(sameDayCutoffFor({ lat: 25.11, lng: 121.5 }, [noCutoff, south])).toBeUndefined();
  });

  it('takes the earliest cut-off of the depots in service for a place nobody has pinned, and none without depots that keep one', () => {
    expect(sameDayCutoffFor(undefined, [north, south, closedEarly])).toBe('14:30');
    expect(sameDayCutoffFor(undefined, [DEPOT])).toBeUndefined();
  });
});

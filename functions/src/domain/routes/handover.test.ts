import { drivenKm } from './analytics';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from './test-support/fleet-mother';
import { sumBySize } from '../cylinders';
import { fullCylinderKg, type Vehicle } from '../fleet';
import { suggestDrivers } from './assignment';
import { handedPickupMoved, handedRouteId, handOverInto, handOverRoute, handOverVehicleId, HANDOVER_LEAD_MINUTES, joinableRoute, joinedAssignment, joinProblems, loadToMove, pickupMoved } from './handover';
import { minuteOfDayAt, solverVehicle } from './planning';
import { publishRoute, recordOutcome, type Route } from './route';

const DATE = '2026-12-02';
const customers = [1, 2, 3].map((k) => aNearbyCustomer(`c${k}`, k));
const at = new Date('2026-12-02T03:00:00Z');
const published = (): Route =>
  publishRoute(
    aDraftRoute({ id: 'r', date: DATE, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: customers.map((c, i) => ({ order: aConfirmedOrder(`o${i}`, c, DATE), customer: c })) }),
    new Date('2026-12-01T10:00:00Z'),
  );
const to = { driverId: 'drv-other', vehicleId: 'veh-other' };
/** o0 delivered at 09:30 Taipei. */
const started = (): Route => recordOutcome(published(), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
/** The new driver's truck and shift, for timing the stops handed over. */
const timing = { depot: DEPOT, vehicle: solverVehicle(FLEET.vehicles[1]!, FLEET.drivers[1]!, DEPOT) };
const minutes = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 60_000;

describe('handing a route over to another driver (改派)', () => {
  it('gives a published route to the new driver and truck as it is, its customers keeping their times', () => {
    const route = published();
    const { kept, handed } = handOverRoute(route, to, at);
    expect(kept).toBeUndefined();
    expect(handed).toMatchObject({ id: 'r', status: 'published', driverId: 'drv-other', vehicleId: 'veh-other', updatedAt: at.toISOString() });
    expect(handed.stops).toEqual(route.stops);
  });

  it("leaves a started route's delivered stops with the first driver and hands the rest, in order and at their times, to a new route", () => {
    const route = recordOutcome(published(), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
    const { kept, handed } = handOverRoute(route, to, at);
    expect(kept).toMatchObject({
      id: 'r',
      driverId: route.driverId,
      status: 'completed',
      completedAt: at.toISOString(),
      handedOver: { driverId: 'drv-other', routeId: handedRouteId(route, 'drv-other'), stops: 2, at: at.toISOString() },
    });
    expect(kept?.stops.map((s) => s.orderId)).toEqual(['o0']);
    expect(handed).toMatchObject({ id: handedRouteId(route, 'drv-other'), status: 'published', driverId: 'drv-other', vehicleId: 'veh-other', publishedAt: at.toISOString() });
    expect(handed.startedAt).toBeUndefined();
    expect(handed.stops.map((s) => [s.orderId, s.seq, s.eta])).toEqual(route.stops.slice(1).map((s, i) => [s.orderId, i + 1, s.eta]));
  });

  it("splits a started route's planned distance and duration by each part's circuit from the depot, so the day counts them once", () => {
    const route = recordOutcome(published(), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
    const { kept, handed } = handOverRoute(route, to, at, { depot: DEPOT.location });
    const [doneKm, leftKm] = [drivenKm(DEPOT.location, route.stops.slice(0, 1)), drivenKm(DEPOT.location, route.stops.slice(1))];
    expect(handed.distanceKm).toBeCloseTo((route.distanceKm * leftKm) / (doneKm + leftKm), 1);
    expect(handed.distanceKm).toBeLessThan(route.distanceKm);
    expect(kept!.distanceKm + handed.distanceKm).toBeCloseTo(route.distanceKm, 5);
    expect(handed.durationMin).toBe(Math.round((route.durationMin * leftKm) / (doneKm + leftKm)));
    expect(kept!.durationMin + handed.durationMin).toBe(route.durationMin);
  });

  it("keeps the route's truck while in service, else gives the new driver's own, unless the office names one", () => {
    const route = published();
    const [own, other] = FLEET.vehicles as [Vehicle, Vehicle];
    const driver = { vehicleId: other.id };
    expect(handOverVehicleId(route, driver, FLEET.vehicles)).toBe(own.id);
    expect(handOverVehicleId(route, driver, [{ ...own, active: false }, other])).toBe(other.id);
    expect(handOverVehicleId(route, driver, [other])).toBe(other.id);
    expect(handOverVehicleId(route, driver, FLEET.vehicles, 'veh-named')).toBe('veh-named');
  });

  it('names the fulls to move across when the stops handed over change truck, and nothing when the truck stays or carries none for them', () => {
    const route = published();
    const { handed } = handOverRoute(route, to, at);
    expect(loadToMove(route, handed)).toEqual({ fromVehicleId: route.vehicleId, toVehicleId: 'veh-other', cylinders: sumBySize(route.stops.map((s) => s.demand)) });
    expect(loadToMove(route, { ...handed, vehicleId: route.vehicleId })).toBeNull();
    expect(loadToMove(route, { ...handed, stops: handed.stops.map((s) => ({ ...s, demand: [] })) })).toBeNull();
  });

  it("counts on the first truck only the fulls of the trip it is loaded for: a later trip's are still at the depot, to reload", () => {
    // o2 on a second trip: the truck comes back for its fulls.
    const twoTrips = (r: Route): Route => ({ ...r, stops: r.stops.map((s) => (s.orderId === 'o2' ? { ...s, trip: 1 } : s)) });
    const route = twoTrips(started());
    const names = { fromDriverName: 'Lee Kuo-tung', plate: 'KLB-4004', fromPlate: 'KLA-1001' };
    const { handed } = handOverRoute(route, to, at, { names });
    const [o1, o2] = [route.stops[1]!, route.stops[2]!];
    expect(loadToMove(route, handed)).toEqual({ fromVehicleId: route.vehicleId, toVehicleId: 'veh-other', cylinders: sumBySize([o1.demand]) });
    expect(handed.pickups).toEqual([
      { at: at.toISOString(), fromRouteId: 'r', fromDriverName: 'Lee Kuo-tung', fromPlate: 'KLA-1001', where: { lat: route.stops[0]!.lat, lng: route.stops[0]!.lng }, fromTruck: sumBySize([o1.demand]), fromDepot: sumBySize([o2.demand]) },
    ]);
    // Once the first trip is done and o2's made on the second, the truck is loaded for the second.
    const onSecond = recordOutcome(recordOutcome(twoTrips(published()), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' }), 'o1', { status: 'delivered', at: '2026-12-02T01:50:00Z', actionId: 'a2' });
    const reloaded = { ...onSecond, stops: [...onSecond.stops, { ...o2, orderId: 'o3', trip: 1, outcome: { status: 'delivered' as const, at: '2026-12-02T02:40:00Z', actionId: 'a3' } }] };
    expect(loadToMove(reloaded, { vehicleId: 'veh-other', stops: [{ ...o2 }] })).toEqual({ fromVehicleId: route.vehicleId, toVehicleId: 'veh-other', cylinders: sumBySize([o2.demand]) });
  });

  it('says a pickup done once, by the driver who says it first; a route without it is 404 ROUTE.PICKUP_NOT_FOUND', () => {
    const names = { fromDriverName: 'Lee Kuo-tung', plate: 'KLB-4004', fromPlate: 'KLA-1001' };
    const { handed } = handOverRoute(started(), to, at, { names });
    const later = new Date('2026-12-02T03:20:00Z');
    const done = pickupMoved(handed, 0, 'drv-other', later);
    expect(done?.pickups?.[0]?.moved).toEqual({ at: later.toISOString(), byDriverId: 'drv-other' });
    expect(pickupMoved(done!, 0, 'drv-1', new Date('2026-12-02T03:30:00Z'))).toBeNull();
    expect(() => pickupMoved(handed, 1, 'drv-other', later)).toThrow(expect.objectContaining({ code: 'ROUTE.PICKUP_NOT_FOUND' }));
  });

  it("tells the first driver, on the route they keep, who comes for the fulls on their truck (name, phone, which pickup), and says it done when the pickup is", () => {
    const twoTrips = (r: Route): Route => ({ ...r, stops: r.stops.map((s) => (s.orderId === 'o2' ? { ...s, trip: 1 } : s)) });
    const route = twoTrips(started());
    const names = { fromDriverName: 'Lee Kuo-tung', toDriverName: 'Chen Mei-ling', toDriverPhone: '0912-000-111', plate: 'KLB-4004', fromPlate: 'KLA-1001' };
    const { kept, handed } = handOverRoute(route, to, at, { names });
    // Only the fulls on the first truck are theirs to hand over: a later trip's are at the depot.
    const given = { at: at.toISOString(), toRouteId: handed.id, n: 0, toDriverName: 'Chen Mei-ling', toDriverPhone: '0912-000-111', cylinders: sumBySize([route.stops[1]!.demand]) };
    expect(kept?.handedPickups).toEqual([given]);
    expect(handed).not.toHaveProperty('handedPickups');
    // Nothing on the first truck for the stops (a second trip's only), or the truck stays: nothing to hand.
    expect(handOverRoute(route, { ...to, orderIds: ['o2'] }, at, { names }).kept).not.toHaveProperty('handedPickups');
    expect(handOverRoute(route, { ...to, vehicleId: route.vehicleId! }, at, { names }).kept).not.toHaveProperty('handedPickups');
    const moved = pickupMoved(handed, 0, 'drv-1', new Date('2026-12-02T03:20:00Z'))!.pickups![0]!.moved!;
    const done = handedPickupMoved(kept!, handed.id, 0, moved);
    expect(done?.handedPickups).toEqual([{ ...given, moved }]);
    expect(handedPickupMoved(done!, handed.id, 0, moved)).toBeNull();
    expect(handedPickupMoved(kept!, 'another-route', 0, moved)).toBeNull();
  });

  it("tells the new driver whose route it was, the truck, when it became theirs and the fulls to fetch from whom and where when the truck changed", () => {
    const route = recordOutcome(published(), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
    const names = { fromDriverName: 'Lee Kuo-tung', plate: 'KLB-4004', fromPlate: 'KLA-1001' };
    const { kept, handed } = handOverRoute(route, to, at, { names });
    const where = { lat: route.stops[0]!.lat, lng: route.stops[0]!.lng };
    expect(handed.takenOver).toEqual({ fromDriverName: 'Lee Kuo-tung', plate: 'KLB-4004', at: at.toISOString(), from: where });
    expect(handed.pickups).toEqual([
      { at: at.toISOString(), fromRouteId: 'r', fromDriverName: 'Lee Kuo-tung', fromPlate: 'KLA-1001', where, fromTruck: sumBySize(route.stops.slice(1).map((s) => s.demand)), fromDepot: [] },
    ]);
    expect(kept?.takenOver).toBeUndefined();
    expect(kept?.pickups).toBeUndefined();
    expect(handOverRoute(route, { ...to, vehicleId: route.vehicleId! }, at, { names }).handed).not.toHaveProperty('pickups');
    // Not yet out: the truck is at the depot, loaded, and nothing says where.
    expect(handOverRoute(published(), to, at, { names }).handed.pickups?.[0]).not.toHaveProperty('where');
    expect(handOverRoute(published(), to, at, { names }).handed.takenOver).toMatchObject({ fromDriverName: 'Lee Kuo-tung', at: at.toISOString() });
  });

  it("hands only the stops chosen (改派 in parts): the route keeps the others to drive on, and a second 改派 hands those and completes it", () => {
    const route = started();
    const first = handOverRoute(route, { ...to, orderIds: ['o2'] }, at, { depot: DEPOT.location });
    expect(first.kept).toMatchObject({ id: 'r', status: 'in_progress', handedOver: { driverId: 'drv-other', routeId: 'r~drv-other', stops: 1, at: at.toISOString() } });
    expect(first.kept?.completedAt).toBeUndefined();
    expect(first.kept?.stops.map((s) => [s.orderId, s.seq, !!s.outcome])).toEqual([['o0', 1, true], ['o1', 2, false]]);
    expect(first.handed).toMatchObject({ id: 'r~drv-other', status: 'published', driverId: 'drv-other' });
    expect(first.handed.stops.map((s) => [s.orderId, s.seq])).toEqual([['o2', 1]]);
    expect(first.kept!.distanceKm + first.handed.distanceKm).toBeCloseTo(route.distanceKm, 5);
    const later = new Date(at.getTime() + 3_600_000);
    const second = handOverRoute(first.kept!, { driverId: 'drv-third', vehicleId: 'veh-third', routeId: handedRouteId(route, 'drv-third') }, later, { depot: DEPOT.location });
    expect(second.kept).toMatchObject({ status: 'completed', completedAt: later.toISOString(), handedOver: { driverId: 'drv-third', stops: 1, at: later.toISOString() } });
    expect(second.kept?.stops.map((s) => s.orderId)).toEqual(['o0']);
    expect(second.handed.stops.map((s) => s.orderId)).toEqual(['o1']);
    // The new route says its own hand-over, not the one the route it came from went through.
    expect(second.handed.handedOver).toBeUndefined();
    expect(second.kept!.distanceKm + second.handed.distanceKm + first.handed.distanceKm).toBeCloseTo(route.distanceKm, 5);
  });

  it('splits a published route too: the stops chosen go to a new route, the rest stay published with their driver', () => {
    const { kept, handed } = handOverRoute(published(), { ...to, orderIds: ['o0'], routeId: handedRouteId(published(), 'drv-other', 2) }, at);
    expect(kept).toMatchObject({ status: 'published', driverId: published().driverId });
    expect(kept?.stops.map((s) => [s.orderId, s.seq])).toEqual([['o1', 1], ['o2', 2]]);
    expect(handed).toMatchObject({ id: 'r~drv-other-2', driverId: 'drv-other', status: 'published' });
  });

  it('refuses to hand a stop made already, one not on the route, or none', () => {
    for (const orderIds of [['o0'], ['o1', 'nope'], []]) {
      expect(() => handOverRoute(started(), { ...to, orderIds }, at)).toThrow(expect.objectContaining({ code: 'ROUTE.STOPS_NOT_HANDABLE', kind: 'conflict' }));
    }
  });

  it("gives the new driver their own truck when stops stay on the route, its truck still the first driver's", () => {
    const [, other] = FLEET.vehicles as [Vehicle, Vehicle];
    expect(handOverVehicleId(published(), { vehicleId: other.id }, FLEET.vehicles, undefined, true)).toBe(other.id);
    expect(handOverVehicleId(published(), { vehicleId: other.id }, FLEET.vehicles, 'veh-named', true)).toBe('veh-named');
  });

  it('times the stops handed over from the hand-over: the first no sooner than 30 minutes after it, driven from the last stop made, the rest after it, the span with them', () => {
    // Handed over at 11:00 Taipei, long after o1 and o2 were planned.
    const route = started();
    const { handed } = handOverRoute(route, to, at, { depot: DEPOT.location, timing });
    const [h1, h2] = handed.stops as [Route['stops'][number], Route['stops'][number]];
    const [p1, p2] = route.stops.slice(1) as [Route['stops'][number], Route['stops'][number]];
    expect(minutes(at.toISOString(), h1.eta)).toBeGreaterThan(HANDOVER_LEAD_MINUTES);
    // The drive from o0 (where the truck is) to o1 and o1's service, as planned from the same places.
    expect(minutes(h1.eta, h2.eta)).toBeCloseTo(minutes(p1.eta, p2.eta), 0);
    expect(Date.parse(handed.startsAt!)).toBeGreaterThanOrEqual(at.getTime() + HANDOVER_LEAD_MINUTES * 60_000);
    expect(Date.parse(handed.endsAt!)).toBeGreaterThan(Date.parse(h2.eta));
  });

  it('has the new driver set off at once, a later window not holding back the stops before it', () => {
    // o2 is promised 14:00–16:00 Taipei; handed over at 11:00, o1 (a few hundred metres on) is made soon after 11:30.
    const windowed = [aConfirmedOrder('o0', customers[0]!, DATE), aConfirmedOrder('o1', customers[1]!, DATE), aConfirmedOrder('o2', customers[2]!, DATE, { timeWindow: { start: '14:00', end: '16:00' } })];
    const draft = aDraftRoute({ id: 'w', date: DATE, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: windowed.map((order, i) => ({ order, customer: customers[i]! })) });
    const route = recordOutcome(publishRoute(draft, new Date('2026-12-01T10:00:00Z')), 'o0', { status: 'delivered', at: '2026-12-02T01:30:00Z', actionId: 'a1' });
    const { handed } = handOverRoute({ ...route, stops: route.stops.map((s) => ({ ...s, eta: '2026-12-02T01:00:00Z' })) }, to, at, { depot: DEPOT.location, timing });
    expect(minutes(at.toISOString(), handed.stops[0]!.eta)).toBeLessThan(HANDOVER_LEAD_MINUTES + 10);
    expect(Date.parse(handed.stops[1]!.eta)).toBeGreaterThanOrEqual(Date.parse('2026-12-02T06:00:00Z'));
  });

  it('keeps the planned time of a stop the new driver can still make by then, so no customer is told an earlier hour', () => {
    const route = started();
    const early = new Date(Date.parse(route.stops[1]!.eta) - 3 * 3_600_000);
    const { handed } = handOverRoute(route, to, early, { depot: DEPOT.location, timing });
    expect(handed.stops.map((s) => s.eta)).toEqual(route.stops.slice(1).map((s) => s.eta));
    expect([handed.startsAt, handed.endsAt]).toEqual([route.startsAt, route.endsAt]);
  });

  it('hands a route taken over on the road on from where it was taken over, before its first stop as after', () => {
    const names = { fromDriverName: 'Lee Kuo-tung', plate: 'KLB-4004' };
    const { handed } = handOverRoute(started(), to, at, { depot: DEPOT.location, names });
    const again = handOverRoute(handed, { driverId: 'drv-third', vehicleId: 'veh-third' }, new Date(at.getTime() + 600_000), { depot: DEPOT.location, names }).handed;
    expect(again.takenOver?.from).toEqual(handed.takenOver?.from);
    expect(handOverRoute(published(), to, at, { depot: DEPOT.location, names }).handed.takenOver).not.toHaveProperty('from');
  });

  it('refuses a draft, a completed route and the driver the route already has', () => {
    const draft = { ...published(), status: 'draft' as const };
    expect(() => handOverRoute(draft, to, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_HANDABLE', kind: 'conflict' }));
    expect(() => handOverRoute({ ...published(), status: 'completed' }, to, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_HANDABLE' }));
    expect(() => handOverRoute(published(), { ...to, driverId: published().driverId! }, at)).toThrow(expect.objectContaining({ code: 'ROUTE.SAME_DRIVER' }));
  });

  describe('to a driver who already drives a route that day', () => {
    const [drv2] = FLEET.drivers.slice(1) as [(typeof FLEET.drivers)[number]];
    const [veh2] = FLEET.vehicles.slice(1) as [Vehicle];
    const theirs = [4, 5].map((k) => aNearbyCustomer(`d${k}`, k));
    /** drv-2's own route, its first stop made at 09:40 Taipei, the second still to make. */
    const ownRoute = (): Route =>
      recordOutcome(
        publishRoute(
          aDraftRoute({ id: 'own', date: DATE, vehicle: veh2, driver: drv2, stops: theirs.map((c, i) => ({ order: aConfirmedOrder(`d${i}`, c, DATE), customer: c })) }),
          new Date('2026-12-01T10:00:00Z'),
        ),
        'd0',
        { status: 'delivered', at: '2026-12-02T01:40:00Z', actionId: 'b1' },
      );
    const ownTiming = { depot: DEPOT, vehicle: solverVehicle(veh2, drv2, DEPOT) };

    it('appends the stops handed over to their route after the stops they have left, on the trip under way, timed after the last of those and the 30 minutes to fetch the fulls', () => {
      const into = ownRoute();
      const route = started();
      const { kept, handed } = handOverInto(route, into, ['o2'], at, { depot: DEPOT.location, timing: ownTiming });
      expect(kept).toMatchObject({ id: 'r', status: 'in_progress', handedOver: { driverId: drv2.id, routeId: 'own', stops: 1, at: at.toISOString() } });
      expect(kept.stops.map((s) => [s.orderId, s.seq])).toEqual([['o0', 1], ['o1', 2]]);
      expect(handed).toMatchObject({ id: 'own', status: 'in_progress', driverId: drv2.id, vehicleId: veh2.id, updatedAt: at.toISOString() });
      expect(handed.stops.map((s) => [s.orderId, s.seq, s.trip])).toEqual([['d0', 1, 0], ['d1', 2, 0], ['o2', 3, 0]]);
      // Their own stops keep the times their customers were told; the one handed over comes after d1 is served.
      expect(handed.stops.slice(0, 2)).toEqual(into.stops);
      const [d1, o2] = [handed.stops[1]!, handed.stops[2]!];
      expect(Date.parse(o2.eta)).toBeGreaterThan(Date.parse(d1.eta) + d1.serviceMin * 60_000);
      expect(minutes(at.toISOString(), o2.eta)).toBeGreaterThanOrEqual(HANDOVER_LEAD_MINUTES);
      expect(Date.parse(handed.endsAt!)).toBeGreaterThan(Date.parse(o2.eta));
      expect(handed.trips!.at(-1)!.returnsAt).toBe(handed.endsAt);
      expect(kept.distanceKm + handed.distanceKm).toBeCloseTo(route.distanceKm + into.distanceKm, 5);
      expect(kept.durationMin + handed.durationMin).toBe(route.durationMin + into.durationMin);
    });

    it("says on their route what to fetch for the stops joining it: the fulls on the first truck, from whom and where it was, once per hand-over", () => {
      const route = started();
      const names = { fromDriverName: 'Lee Kuo-tung', plate: veh2.plate, fromPlate: 'KLA-1001' };
      const first = handOverInto(route, ownRoute(), ['o2'], at, { depot: DEPOT.location, timing: ownTiming, names }).handed;
      const pickup = { at: at.toISOString(), fromRouteId: 'r', fromDriverName: 'Lee Kuo-tung', fromPlate: 'KLA-1001', where: { lat: route.stops[0]!.lat, lng: route.stops[0]!.lng }, fromDepot: [] };
      expect(first.pickups).toEqual([{ ...pickup, fromTruck: route.stops[2]!.demand }]);
      const later = new Date('2026-12-02T03:30:00Z');
      const second = handOverInto({ ...route, stops: route.stops.filter((s) => s.orderId !== 'o2') }, first, ['o1'], later, { depot: DEPOT.location, timing: ownTiming, names }).handed;
      expect(second.pickups).toEqual([{ ...pickup, fromTruck: route.stops[2]!.demand }, { ...pickup, at: later.toISOString(), fromTruck: route.stops[1]!.demand }]);
      expect(handOverInto(route, ownRoute(), ['o2'], at, { depot: DEPOT.location, timing: ownTiming }).handed).not.toHaveProperty('pickups');
    });

    it('tells the first driver which of the route they join the stops went to, and which of its pickups is theirs to hand over, per hand-over', () => {
      const route = started();
      const names = { fromDriverName: 'Lee Kuo-tung', toDriverName: drv2.name, toDriverPhone: drv2.phone, plate: veh2.plate, fromPlate: 'KLA-1001' };
      const first = handOverInto(route, ownRoute(), ['o2'], at, { depot: DEPOT.location, timing: ownTiming, names });
      const given = { at: at.toISOString(), toRouteId: 'own', toDriverName: drv2.name, toDriverPhone: drv2.phone };
      expect(first.kept.handedPickups).toEqual([{ ...given, n: 0, cylinders: route.stops[2]!.demand }]);
      const later = new Date('2026-12-02T03:30:00Z');
      const second = handOverInto(first.kept, first.handed, ['o1'], later, { depot: DEPOT.location, timing: ownTiming, names });
      expect(second.kept.handedPickups).toEqual([
        { ...given, n: 0, cylinders: route.stops[2]!.demand },
        { ...given, at: later.toISOString(), n: 1, cylinders: route.stops[1]!.demand },
      ]);
    });

    it('times the stops from where the driver is when nothing of theirs is left to make, and completes a route handed over whole', () => {
      const into = recordOutcome(ownRoute(), 'd1', { status: 'delivered', at: '2026-12-02T02:00:00Z', actionId: 'b2' });
      const { kept, handed } = handOverInto({ ...started(), status: 'in_progress' }, { ...into, status: 'in_progress' }, undefined, at, { depot: DEPOT.location, timing: ownTiming });
      expect(kept).toMatchObject({ status: 'completed', completedAt: at.toISOString() });
      expect(handed.stops.map((s) => s.orderId)).toEqual(['d0', 'd1', 'o1', 'o2']);
      expect(minutes(at.toISOString(), handed.stops[2]!.eta)).toBeGreaterThanOrEqual(HANDOVER_LEAD_MINUTES);
    });

    it("joins the route the driver is driving, else their next one, not one ended, another driver's or a draft", () => {
      const own = ownRoute();
      const later = { ...published(), id: 'later', driverId: drv2.id, startsAt: '2026-12-02T06:00:00Z' };
      const next = { ...published(), id: 'next', driverId: drv2.id, startsAt: '2026-12-02T04:00:00Z' };
      expect(joinableRoute([later, own, next], drv2.id, DATE)?.id).toBe('own');
      expect(joinableRoute([later, next, { ...own, status: 'completed' }], drv2.id, DATE)?.id).toBe('next');
      expect(joinableRoute([{ ...own, status: 'completed' }, { ...next, status: 'draft' }, published()], drv2.id, DATE)).toBeUndefined();
      expect(joinableRoute([own], drv2.id, '2026-12-03')).toBeUndefined();
    });

    it('says what does not fit: a stop past its window, the truck over its weight with what it still carries, a skill, a route of another depot; nothing when it fits', () => {
      const into = ownRoute();
      const check = { driver: drv2, vehicle: veh2, otherRoutes: [], from: { depotId: DEPOT.id }, orderIds: ['o2'], at };
      const fits = handOverInto(started(), into, ['o2'], at, { depot: DEPOT.location, timing: ownTiming }).handed;
      expect(joinProblems({ ...check, route: fits })).toEqual([]);
      // o2 promised until 11:45 Taipei, which a driver setting off at once (11:30) makes; drv-2 serves d1 at 11:50 first.
      const windowed = { ...started(), stops: started().stops.map((s) => (s.orderId === 'o2' ? { ...s, windows: [{ start: '09:00', end: '11:45' }] } : s)) };
      const busy = { ...into, stops: into.stops.map((s) => (s.orderId === 'd1' ? { ...s, eta: '2026-12-02T03:50:00Z' } : s)) };
      const late = handOverInto(windowed, busy, ['o2'], at, { depot: DEPOT.location, timing: ownTiming }).handed;
      const o2 = late.stops.find((s) => s.orderId === 'o2')!;
      expect(joinProblems({ ...check, route: late })).toEqual([
        { code: 'TIME_WINDOW', detail: { orderId: 'o2', eta: o2.eta, windowEnd: '11:45', lateMin: Math.ceil(minuteOfDayAt(DATE, o2.eta) - 705) } },
      ]);
      // Handed over at 11:20, the window closes before anyone could get there: late whoever takes it, not a reason to refuse.
      expect(joinProblems({ ...check, at: new Date('2026-12-02T03:20:00Z'), route: late })).toEqual([]);
      // Each stop is one 20 kg cylinder: d0's is off the truck, d1's and o2's on it.
      const needKg = 2 * fullCylinderKg(20);
      expect(joinProblems({ ...check, vehicle: { ...veh2, capacityKg: needKg - 1 }, route: fits })).toEqual([{ code: 'CAPACITY_WEIGHT', detail: { needKg, capacityKg: needKg - 1 } }]);
      expect(joinProblems({ ...check, vehicle: { ...veh2, capacityKg: needKg }, route: fits })).toEqual([]);
      const skilled = { ...fits, stops: fits.stops.map((s) => (s.orderId === 'o2' ? { ...s, requiredSkills: ['cylinder_50kg'] } : s)) };
      expect(joinProblems({ ...check, route: skilled })).toEqual([{ code: 'SKILL_MISSING', detail: { missing: ['cylinder_50kg'] } }]);
      expect(joinProblems({ ...check, from: { depotId: 'depot-b' }, route: fits })).toEqual([{ code: 'DEPOT_MISMATCH', detail: { vehicleDepotId: DEPOT.id, routeDepotId: 'depot-b' } }]);
    });

    it('suggests a driver out on their own route for the stops a started route has left as they join it, with its truck, not as busy with it', () => {
      const into = ownRoute();
      const route = { ...started(), driverId: 'drv-1' };
      const drivers = [FLEET.drivers[0]!, drv2];
      const busy = suggestDrivers(route, drivers, FLEET.vehicles, [into]).find((s) => s.driverId === drv2.id)!;
      expect(busy.problems.map((p) => p.code)).toContain('DRIVER_BUSY');
      const joined = joinedAssignment(route, [into], FLEET.vehicles, at, () => ({ depot: DEPOT.location, timing: ownTiming }));
      expect(suggestDrivers(route, drivers, FLEET.vehicles, [into], joined)).toEqual([expect.objectContaining({ driverId: drv2.id, vehicleId: veh2.id, feasible: true, problems: [] })]);
      // Joined, they are judged as the hand-over judges them: o1 and o2 on top of what d1 still needs.
      const small = FLEET.vehicles.map((v) => (v.id === veh2.id ? { ...v, capacityKg: 2 * fullCylinderKg(20) } : v));
      const full = joinedAssignment(route, [into], small, at, () => ({ depot: DEPOT.location, timing: ownTiming }));
      expect(suggestDrivers(route, drivers, small, [into], full)[0]).toMatchObject({ driverId: drv2.id, feasible: false, problems: [{ code: 'CAPACITY_WEIGHT', detail: { needKg: 3 * fullCylinderKg(20) } }] });
    });
  });
});

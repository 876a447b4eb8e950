import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from './test-support/fleet-mother';
import { handedRouteId, handOverRoute } from './handover';
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

  it('refuses a draft, a completed route and the driver the route already has', () => {
    const draft = { ...published(), status: 'draft' as const };
    expect(() => handOverRoute(draft, to, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_HANDABLE', kind: 'conflict' }));
    expect(() => handOverRoute({ ...published(), status: 'completed' }, to, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_HANDABLE' }));
    expect(() => handOverRoute(published(), { ...to, driverId: published().driverId! }, at)).toThrow(expect.objectContaining({ code: 'ROUTE.SAME_DRIVER' }));
  });
});

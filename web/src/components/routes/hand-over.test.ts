import { joinableRoute, publishRoute, recordOutcome, type Route } from '../../../../functions/src/domain/routes';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from '../../../../functions/src/domain/routes/test-support/fleet-mother';
import { joinedRoute } from './hand-over';

const DAY = '2026-12-02';
const [v1, v2] = FLEET.vehicles as [(typeof FLEET.vehicles)[number], (typeof FLEET.vehicles)[number]];
const [, d2] = FLEET.drivers as [(typeof FLEET.drivers)[number], (typeof FLEET.drivers)[number]];
const customer = aNearbyCustomer('c1', 1);
const published = (id: string, startsAt: string, vehicle = v2): Route => ({
  ...publishRoute(aDraftRoute({ id, date: DAY, vehicle, driver: d2, stops: [{ order: aConfirmedOrder(`o-${id}`, customer, DAY), customer }] }), new Date('2026-12-01T12:00:00Z')),
  startsAt,
});
const started = recordOutcome(published('run', '2026-12-02T05:00:00Z'), 'o-run', { status: 'delivered', at: '2026-12-02T05:30:00Z', actionId: 'a' });

describe('the route stops handed over to a driver join (改派)', () => {
  it('is the one the API joins: the route under way, else the next, none once all have ended or on another day', () => {
    const days: Route[][] = [
      [published('later', '2026-12-02T06:00:00Z'), { ...started, status: 'in_progress', stops: [...started.stops, { ...started.stops[0]!, orderId: 'x', outcome: undefined }] }],
      [published('later', '2026-12-02T06:00:00Z'), published('next', '2026-12-02T01:00:00Z')],
      [{ ...published('done', '2026-12-02T01:00:00Z'), status: 'completed' }, { ...published('draft', '2026-12-02T01:00:00Z'), status: 'draft' }],
      [{ ...published('theirs', '2026-12-02T01:00:00Z', v1), driverId: 'drv-1' }],
    ];
    const chosen = days.map((routes) => joinedRoute(routes, d2.id, DAY)?.id);
    expect(chosen).toEqual(['run', 'next', undefined, undefined]);
    expect(chosen).toEqual(days.map((routes) => joinableRoute(routes, d2.id, DAY)?.id));
    expect(joinedRoute(days[1]!, d2.id, '2026-12-03')).toBeUndefined();
  });
});

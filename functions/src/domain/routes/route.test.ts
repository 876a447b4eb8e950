import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from './test-support/fleet-mother';
import { publishRoute, recordOutcome, startRoute, withoutStop, type Route } from './route';

const DATE = '2026-12-02';
const customers = [1, 2].map((k) => aNearbyCustomer(`c${k}`, k));
const draft = (): Route =>
  aDraftRoute({ id: 'r', date: DATE, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: customers.map((c, i) => ({ order: aConfirmedOrder(`o${i}`, c, DATE), customer: c })) });
const at = new Date('2026-12-02T01:00:00Z');

describe('route status', () => {
  it('publishes only a draft that has a driver and a truck', () => {
    expect(publishRoute(draft(), at)).toMatchObject({ status: 'published', publishedAt: at.toISOString() });
    const { driverId: _d, ...noDriver } = draft();
    expect(() => publishRoute(noDriver, at)).toThrow(expect.objectContaining({ code: 'ROUTE.UNASSIGNED' }));
    expect(() => publishRoute(publishRoute(draft(), at), at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_DRAFT' }));
  });

  it('refuses to publish a draft with no stop left', () => {
    expect(() => publishRoute({ ...draft(), stops: [] }, at)).toThrow(expect.objectContaining({ code: 'ROUTE.NO_STOPS', kind: 'conflict' }));
  });

  it('starts on the first outcome and completes when every stop has one', () => {
    const published = publishRoute(draft(), at);
    const one = recordOutcome(published, 'o0', { status: 'delivered', at: '2026-12-02T01:10:00.000Z', actionId: 'a1' });
    expect(one).toMatchObject({ status: 'in_progress', startedAt: '2026-12-02T01:10:00.000Z' });
    const both = recordOutcome(one, 'o1', { status: 'failed', at: '2026-12-02T01:30:00.000Z', actionId: 'a2' });
    expect(both).toMatchObject({ status: 'completed', completedAt: '2026-12-02T01:30:00.000Z' });
  });

  it('drops a cancelled order\'s stop, renumbering the rest, and completes once nothing else is left to do', () => {
    const published = publishRoute(draft(), at);
    const later = new Date('2026-12-02T00:30:00Z');
    const one = withoutStop(published, 'o0', later);
    expect(one.stops.map((s) => [s.orderId, s.seq, s.eta])).toEqual([['o1', 1, published.stops[1]!.eta]]);
    expect(one).toMatchObject({ status: 'published', updatedAt: later.toISOString() });
    expect(withoutStop(one, 'o1', later)).toMatchObject({ status: 'completed', completedAt: later.toISOString(), stops: [] });
    const delivered = recordOutcome(published, 'o0', { status: 'delivered', at: '2026-12-02T01:10:00.000Z', actionId: 'a1' });
    expect(withoutStop(delivered, 'o1', later)).toMatchObject({ status: 'completed', stops: [{ orderId: 'o0', seq: 1 }] });
    expect(withoutStop(draft(), 'o0', later).status).toBe('draft');
  });

  it('cannot start a draft, and refuses an order that is not on the route', () => {
    expect(() => startRoute(draft(), at)).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_STARTABLE' }));
    const published = publishRoute(draft(), at);
    expect(() => recordOutcome(published, 'nope', { status: 'delivered', at: at.toISOString(), actionId: 'a' })).toThrow(
      expect.objectContaining({ code: 'ROUTE.STOP_NOT_ON_ROUTE' }),
    );
  });
});

import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from './test-support/fleet-mother';
import { assertOpenForStops, publishRoute, recordOutcome, startRoute, withoutStop, type Route } from './route';

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

  it('refuses a route of a day called off while a stop is not 緊急配送, naming five customers and counting every order', () => {
    const typhoon = { name: '颱風停班停課', from: DATE, to: DATE };
    const override = { reason: '獨居長者瓦斯用完', by: { uid: 'u-office', role: 'office' as const }, at: at.toISOString(), closure: typhoon.name };
    const held = Array.from({ length: 7 }, (_, i) => aConfirmedOrder(`h${i}`, aNearbyCustomer(`c${i}`, i, { name: `客戶${i}` }), DATE));
    const emergency = { ...aConfirmedOrder('e', customers[0]!, DATE), closureOverride: override };
    let refusal: unknown;
    try {
      assertOpenForStops(draft(), [typhoon], [emergency, ...held, null]);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toMatchObject({ code: 'ROUTE.CLOSED_DAY', kind: 'conflict', details: { name: typhoon.name, days: DATE, count: 7, customers: '客戶0、客戶1、客戶2、客戶3、客戶4…' } });
    expect((refusal as { details: { orders: unknown[] } }).details.orders).toHaveLength(7);
    // Every stop delivered through the closure, or the closure held elsewhere: it goes out.
    expect(() => assertOpenForStops(draft(), [typhoon], [emergency])).not.toThrow();
    expect(() => assertOpenForStops(draft(), [{ ...typhoon, districts: ['烏來區'] }], held)).not.toThrow();
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

import type { Route, RouteStop } from '../routes';
import { aTimedStop } from '../routes/test-support/fleet-mother';
import { delayNoticeId, delayNotices } from './delay-notice';

/** Taipei wall-clock time on 2026-11-30 as an instant. */
const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+08:00`).toISOString();
const stop = (orderId: string, eta: string, outcome?: RouteStop['outcome']): RouteStop => ({ ...aTimedStop(orderId, at(eta)), ...(outcome ? { outcome } : {}) });
const route: Pick<Route, 'stops'> = { stops: [stop('o1', '09:00'), stop('o2', '09:30'), stop('o3', '10:10'), stop('o4', '11:00')] };
// Each customer was told the hour around their planned arrival.
const told = new Map(route.stops.map((s) => [s.orderId, s.eta]));

describe('telling the customers further down a late route', () => {
  it('tells only those now expected more than 10 minutes past the hour they were told, with the new time', () => {
    // 40 minutes behind at the first stop. o2: told 09:00–10:00, now 10:10 (10 past: within the slack). o3: planned
    // 10:10 (told 09:30–10:30), now 10:50: told. o4: told 10:30–11:30, now 11:40 (10 past).
    expect(delayNotices(route, { orderId: 'o1', at: at('09:40') }, told)).toEqual([{ orderId: 'o3', customerId: 'cust-o3', eta: at('10:50') }]);
    // An hour behind, everyone after is told.
    expect(delayNotices(route, { orderId: 'o1', at: at('10:00') }, told).map((n) => [n.orderId, n.eta])).toEqual([
      ['o2', at('10:30')],
      ['o3', at('11:10')],
      ['o4', at('12:00')],
    ]);
  });

  it('moves nothing when the stop was on time or early', () => {
    expect(delayNotices(route, { orderId: 'o1', at: at('09:00') }, told)).toEqual([]);
    expect(delayNotices(route, { orderId: 'o1', at: at('08:50') }, told)).toEqual([]);
  });

  it('leaves out stops already done, customers told no hour, and a stop not on the route', () => {
    const partly: Pick<Route, 'stops'> = { stops: [stop('o1', '09:00'), stop('o2', '09:30'), stop('o3', '10:10', { status: 'delivered', at: at('10:00'), actionId: 'a' }), stop('o4', '11:00')] };
    expect(delayNotices(partly, { orderId: 'o2', at: at('10:40') }, new Map([['o3', at('10:10')]]))).toEqual([]);
    expect(delayNotices(route, { orderId: 'nope', at: at('12:00') }, told)).toEqual([]);
  });

  it('keys one notice per order', () => {
    expect(delayNoticeId('ord-7')).toBe('delay-ord-7');
  });
});

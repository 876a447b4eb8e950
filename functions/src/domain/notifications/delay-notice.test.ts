import type { Route, RouteStop } from '../routes';
import { aTimedStop } from '../routes/test-support/fleet-mother';
import { delayNoticeId, delayNoticeIds, delayNotices, handOverDelayNotices, MAX_DELAY_NOTICES, renderDelayNotice, type ToldArrival } from './delay-notice';

/** Taipei wall-clock time on 2026-11-30 as an instant. */
const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+08:00`).toISOString();
const stop = (orderId: string, eta: string, outcome?: RouteStop['outcome']): RouteStop => ({ ...aTimedStop(orderId, at(eta)), ...(outcome ? { outcome } : {}) });
const route: Pick<Route, 'stops'> = { stops: [stop('o1', '09:00'), stop('o2', '09:30'), stop('o3', '10:10'), stop('o4', '11:00')] };
// Each customer was told the hour around their planned arrival, and no delay yet.
const told = new Map<string, ToldArrival>(route.stops.map((s) => [s.orderId, { promised: s.eta, delays: [] }]));
/** o3's customer after `delays` delay notices with these Taipei times. */
const toldO3 = (...delays: string[]) => new Map([['o3', { promised: at('10:10'), delays: delays.map(at) }]]);

describe('telling the customers further down a late route', () => {
  it('tells only those now expected more than 10 minutes past the hour they were told, with the new time', () => {
    // 40 minutes behind at the first stop. o2: told 09:00–10:00, now 10:10 (10 past: within the slack). o3: planned
    // 10:10 (told 09:30–10:30), now 10:50: told. o4: told 10:30–11:30, now 11:40 (10 past).
    expect(delayNotices(route, { orderId: 'o1', at: at('09:40') }, told)).toEqual([{ orderId: 'o3', customerId: 'cust-o3', eta: at('10:50'), sequence: 1 }]);
    // An hour behind, everyone after is told.
    expect(delayNotices(route, { orderId: 'o1', at: at('10:00') }, told).map((n) => [n.orderId, n.eta])).toEqual([
      ['o2', at('10:30')],
      ['o3', at('11:10')],
      ['o4', at('12:00')],
    ]);
  });

  it('tells, at a hand-over (改派), the customers whose stop the new times put past the hour they heard before it', () => {
    // The hand-over timed the stops left again: o2 (told 09:00–10:00) now 10:30, o3 (told 09:30–10:30) 10:35, o4 (told
    // 10:30–11:30) 11:35: only o2 is more than 10 minutes past its hour.
    const handed = { stops: [stop('o2', '10:30'), stop('o3', '10:35'), stop('o4', '11:35')] };
    expect(handOverDelayNotices(handed, told).map((n) => [n.orderId, n.eta, n.sequence])).toEqual([['o2', at('10:30'), 1]]);
    // A hand-over early enough moved no time: nothing; a customer already told a later time hears nothing new.
    expect(handOverDelayNotices(route, told)).toEqual([]);
    expect(handOverDelayNotices({ stops: [stop('o3', '11:10')] }, toldO3('10:50'))).toEqual([]);
    expect(handOverDelayNotices({ stops: [stop('o3', '11:30')] }, toldO3('10:50'))).toEqual([{ orderId: 'o3', customerId: 'cust-o3', eta: at('11:30'), sequence: 2 }]);
  });

  it('moves nothing when the stop was on time or early', () => {
    expect(delayNotices(route, { orderId: 'o1', at: at('09:00') }, told)).toEqual([]);
    expect(delayNotices(route, { orderId: 'o1', at: at('08:50') }, told)).toEqual([]);
  });

  it('leaves out stops already done, customers told no hour, and a stop not on the route', () => {
    const partly: Pick<Route, 'stops'> = { stops: [stop('o1', '09:00'), stop('o2', '09:30'), stop('o3', '10:10', { status: 'delivered', at: at('10:00'), actionId: 'a' }), stop('o4', '11:00')] };
    expect(delayNotices(partly, { orderId: 'o2', at: at('10:40') }, new Map([['o3', { promised: at('10:10'), delays: [] }]]))).toEqual([]);
    expect(delayNotices(route, { orderId: 'nope', at: at('12:00') }, told)).toEqual([]);
  });

  it('tells again, as the second notice, when the new time is more than 30 minutes past the last one told', () => {
    // o3 was told 10:50 (40 minutes behind at o1); the driver is now 90 minutes behind at o2: 11:40.
    expect(delayNotices(route, { orderId: 'o2', at: at('11:00') }, toldO3('10:50'))).toEqual([{ orderId: 'o3', customerId: 'cust-o3', eta: at('11:40'), sequence: 2 }]);
  });

  it('stays silent when the delay grows by 30 minutes or less, or shrinks', () => {
    // Told 10:50; now 11:20 (30 later, not more) or 10:40 (sooner).
    expect(delayNotices(route, { orderId: 'o2', at: at('10:40') }, toldO3('10:50'))).toEqual([]);
    expect(delayNotices(route, { orderId: 'o2', at: at('10:00') }, toldO3('10:50'))).toEqual([]);
  });

  it('stays silent when the same news arrives again: the time computed is the one last told', () => {
    const first = delayNotices(route, { orderId: 'o1', at: at('09:40') }, told);
    const heard = new Map([['o3', { promised: at('10:10'), delays: first.map((n) => n.eta) }]]);
    expect(delayNotices(route, { orderId: 'o1', at: at('09:40') }, heard)).toEqual([]);
  });

  it('never sends more than three delay notices for one order', () => {
    expect(MAX_DELAY_NOTICES).toBe(3);
    expect(delayNotices(route, { orderId: 'o2', at: at('12:00') }, toldO3('10:50', '11:30')).map((n) => n.sequence)).toEqual([3]);
    expect(delayNotices(route, { orderId: 'o2', at: at('13:30') }, toldO3('10:50', '11:30', '12:40'))).toEqual([]);
  });

  it('keys each notice of an order: the first as it always was, the updates numbered', () => {
    expect(delayNoticeId('ord-7')).toBe('delay-ord-7');
    expect(delayNoticeIds('ord-7')).toEqual(['delay-ord-7', 'delay-ord-7-2', 'delay-ord-7-3']);
  });

  it('words an update as one, in both languages', () => {
    const notice = { orderId: 'ord-20261130-0001-1', customerId: 'c', eta: at('11:40') };
    expect(renderDelayNotice({ ...notice, sequence: 1 }, 'zh-TW')).toContain('因前面的配送耽擱，預計延至 11/30（一）11:40 左右抵達');
    expect(renderDelayNotice({ ...notice, sequence: 2 }, 'zh-TW')).toContain('更新：前面的配送仍持續耽擱，預計再延至 11/30（一）11:40 左右抵達');
    expect(renderDelayNotice({ ...notice, sequence: 2 }, 'en')).toContain('update: we are running later than we last told you and now expect to arrive around 11:40 on Mon 11/30');
  });
});

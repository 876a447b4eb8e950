import { aDriver, aTimedStop } from '../routes/test-support/fleet-mother';
import { orderTrackingOf, sameTracking } from './order-tracking';

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+08:00`).toISOString();
const now = new Date(at('11:00'));
const stops = [aTimedStop('o1', at('09:00'), 1), aTimedStop('o2', at('09:30'), 2), aTimedStop('o3', at('10:10'), 3), aTimedStop('o4', at('10:40'), 4)];
const out = (id: string, routeId = 'r1') => ({ id, customerId: `cust-${id}`, status: 'out_for_delivery' as const, routeId });
const driver = aDriver('drv-1', 'veh-1', { name: '王大明', phone: '0912-345-678' });
const done = (i: number, hhmm: string) => ({ ...stops[i]!, outcome: { status: 'delivered' as const, at: at(hhmm), actionId: `a${i}` } });

describe('orderTrackingOf', () => {
  it('counts the open stops before each waiting order and names the driver as customers call them, with the phone', () => {
    const tracked = orderTrackingOf({ id: 'r1', status: 'in_progress', stops }, stops.map((s) => out(s.orderId)), driver, now);
    expect(tracked.map((t) => [t.orderId, t.stopsBefore, t.eta])).toEqual([
      ['o1', 0, at('09:00')],
      ['o2', 1, at('09:30')],
      ['o3', 2, at('10:10')],
      ['o4', 3, at('10:40')],
    ]);
    expect(tracked[0]).toMatchObject({ customerId: 'cust-o1', routeId: 'r1', driverName: { 'zh-TW': '王師傅', en: '王大明' }, driverPhone: '0912-345-678' });
  });

  it('pushes the times back by as much as the latest stop done was late, as the delay notice tells it, and not for an early one', () => {
    const all = stops.map((s) => out(s.orderId));
    const late = orderTrackingOf({ id: 'r1', status: 'in_progress', stops: [done(0, '10:00'), ...stops.slice(1)] }, all, driver, now);
    expect(late.map((t) => [t.orderId, t.stopsBefore, t.eta])).toEqual([
      ['o2', 0, at('10:30')],
      ['o3', 1, at('11:10')],
      ['o4', 2, at('11:40')],
    ]);
    // 60 minutes late at o1, 35 at o2: the driver made up time, and o2's lateness is the one that holds now.
    const gaining = orderTrackingOf({ id: 'r1', status: 'in_progress', stops: [done(0, '10:00'), done(1, '10:05'), ...stops.slice(2)] }, all, driver, now);
    expect(gaining.map((t) => t.eta)).toEqual([at('10:45'), at('11:15')]);
    const early = orderTrackingOf({ id: 'r1', status: 'in_progress', stops: [done(0, '08:50'), ...stops.slice(1)] }, all, driver, now);
    expect(early.map((t) => t.eta)).toEqual([at('09:30'), at('10:10'), at('10:40')]);
  });

  it('counts in visiting order, and after the reload not the stops of the first trip left open', () => {
    const all = stops.map((s) => out(s.orderId));
    // Stored with the second trip first: `seq`, not the array, says o3 and o4 come after o1 and o2.
    const twoTrips = [stops[2]!, stops[3]!, stops[0]!, stops[1]!].map((s) => ({ ...s, trip: s.seq > 2 ? 1 : 0 }));
    expect(orderTrackingOf({ id: 'r1', status: 'in_progress', stops: twoTrips }, all, driver, now).map((t) => [t.orderId, t.stopsBefore])).toEqual([
      ['o1', 0],
      ['o2', 1],
      ['o3', 2],
      ['o4', 3],
    ]);
    // Reloaded with o2 not reported, o3 done: o4 is next, o2 (still out, to be reported) waits on nobody of the second trip.
    const reloaded = twoTrips.map((s) => (s.orderId === 'o1' || s.orderId === 'o3' ? { ...s, outcome: { status: 'delivered' as const, at: s.eta, actionId: s.orderId } } : s));
    expect(orderTrackingOf({ id: 'r1', status: 'in_progress', stops: reloaded }, all, driver, now).map((t) => [t.orderId, t.stopsBefore])).toEqual([
      ['o2', 0],
      ['o4', 0],
    ]);
  });

  it('tracks only orders out for delivery on this route, still counting the stops before them, and nothing of a route not under way', () => {
    const orders = [out('o1'), { ...out('o2'), status: 'confirmed' as const }, out('o3', 'r2'), null];
    expect(orderTrackingOf({ id: 'r1', status: 'in_progress', stops }, orders, driver, now).map((t) => [t.orderId, t.stopsBefore])).toEqual([['o1', 0]]);
    expect(orderTrackingOf({ id: 'r1', status: 'in_progress', stops }, [null, out('o2')], driver, now).map((t) => [t.orderId, t.stopsBefore])).toEqual([['o2', 1]]);
    expect(orderTrackingOf({ id: 'r1', status: 'published', stops }, stops.map((s) => out(s.orderId)), driver, now)).toEqual([]);
    expect(orderTrackingOf({ id: 'r1', status: 'completed', stops }, stops.map((s) => out(s.orderId)), driver, now)).toEqual([]);
  });

  it('leaves the driver out when the fleet has them no more, and the name as set when the office gave a 對客稱呼', () => {
    const [gone] = orderTrackingOf({ id: 'r1', status: 'in_progress', stops }, [out('o1')], null, now);
    expect(gone).not.toHaveProperty('driverName');
    expect(gone).not.toHaveProperty('driverPhone');
    const [named] = orderTrackingOf({ id: 'r1', status: 'in_progress', stops }, [out('o1')], { ...driver, addressedAs: '阿明' }, now);
    expect(named?.driverName).toEqual({ 'zh-TW': '阿明', en: '阿明' });
  });

  it('holds two trackings the same whatever their keys’ order or when they were written', () => {
    const [a] = orderTrackingOf({ id: 'r1', status: 'in_progress', stops }, [out('o1')], driver, now);
    const [b] = orderTrackingOf({ id: 'r1', status: 'in_progress', stops }, [out('o1')], driver, new Date(at('11:05')));
    const reordered = Object.fromEntries(Object.entries(b!).reverse()) as typeof b & object;
    expect(sameTracking(a!, reordered)).toBe(true);
    expect(sameTracking(a!, { ...a!, stopsBefore: 1 })).toBe(false);
  });
});

import { exampleOf } from '../schema';
import { OFFICE } from '../test-support';
import {
  affectedOrders,
  closingOn,
  closureId,
  closureInputSchema,
  closureOn,
  closureSchema,
  closuresFor,
  companyClosures,
  coversDistrict,
  dayOffClosure,
  heldByClosure,
  isOpenDay,
  MAX_CLOSURE_DAYS,
  movedToDays,
  newClosure,
  nextOpenDay,
  openDayBy,
  previousOpenDay,
  SERVED_DISTRICTS,
  upcomingClosures,
  withSameDayOrders,
  type AffectedOrder,
  type ClosureList,
} from './closure';

const lny = { name: '春節', from: '2027-02-05', to: '2027-02-09' };
const typhoon = { name: '颱風假', from: '2026-12-10', to: '2026-12-10' };
const closures: ClosureList = [lny, typhoon];

describe('closureInputSchema', () => {
  it('accepts its OpenAPI example and trims the name', () => {
    expect(closureInputSchema.safeParse(exampleOf(closureInputSchema)).success).toBe(true);
    expect(closureInputSchema.parse({ ...lny, name: '  春節 ' }).name).toBe('春節');
  });

  it.each([
    [{ ...lny, name: '   ' }, 'name', undefined],
    [{ ...lny, name: '休'.repeat(31) }, 'name', undefined],
    [{ ...lny, from: '2027-02-30' }, 'from', undefined],
    [{ ...lny, to: '2027-02-04' }, 'to', 'CLOSURE.END_BEFORE_START'],
    [{ ...lny, from: '2027-01-01', to: '2027-02-01' }, 'to', 'CLOSURE.TOO_LONG'],
  ])('refuses %j at %s', (input, path, code) => {
    const issues = closureInputSchema.safeParse(input).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual([path]);
    if (code) expect(issues[0]?.message).toBe(code);
  });

  it(`takes a closure of exactly ${MAX_CLOSURE_DAYS} days and a single day`, () => {
    expect(closureInputSchema.safeParse({ ...lny, from: '2027-01-01', to: '2027-01-31' }).success).toBe(true);
    expect(closureInputSchema.safeParse(typhoon).success).toBe(true);
  });
});

describe('a closure of some districts (部分地區停班停課)', () => {
  const wulai = { name: '颱風假', from: '2026-12-10', to: '2026-12-10', districts: ['烏來區', '坪林區'] };

  it('takes the districts the company serves, 臺 read as 台 and each once; none named closes the whole company', () => {
    expect(closureInputSchema.parse({ ...wulai, districts: ['烏來區', ' 坪林區', '烏來區'] }).districts).toEqual(['烏來區', '坪林區']);
    expect(closureInputSchema.parse({ ...wulai, districts: ['臺北市中正區'.slice(3)] }).districts).toEqual(['中正區']);
    expect(closureInputSchema.parse(lny)).not.toHaveProperty('districts');
    expect(SERVED_DISTRICTS['新北市']).toContain('烏來區');
    expect(SERVED_DISTRICTS['台北市']).toContain('大安區');
  });

  it.each([
    [['烏來區', '竹北市'], 'districts.1', 'CLOSURE.UNKNOWN_DISTRICT'],
    [['新北市烏來區'], 'districts.0', 'CLOSURE.UNKNOWN_DISTRICT'],
    [[], 'districts', undefined],
  ])('refuses districts %j at %s', (districts, path, code) => {
    const issues = closureInputSchema.safeParse({ ...wulai, districts }).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual([path]);
    if (code) expect(issues[0]?.message).toBe(code);
  });

  it('holds only for places in its districts; one without districts holds everywhere', () => {
    expect(coversDistrict(wulai, '烏來區')).toBe(true);
    expect(coversDistrict(wulai, '中和區')).toBe(false);
    expect(coversDistrict(typhoon, '中和區')).toBe(true);
    expect(closuresFor([lny, wulai], '坪林區')).toEqual([lny, wulai]);
    expect(closuresFor([lny, wulai], '中和區')).toEqual([lny]);
    expect(companyClosures([lny, wulai])).toEqual([lny]);
  });

  it('holds an order from its day only where it is delivered', () => {
    expect(heldByClosure([wulai], { requestedDate: '2026-12-10', district: '烏來區' })).toBe(true);
    expect(heldByClosure([wulai], { requestedDate: '2026-12-10', district: '中和區' })).toBe(false);
    expect(heldByClosure([wulai], { requestedDate: '2026-12-10', district: '烏來區', closureOverride: { reason: '急' } })).toBe(false);
  });

  it('on a day closing early (提早收工) holds only the orders whose hours start once it has closed, and lists those to move', () => {
    const eve = { name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' };
    const on = (timeWindow?: { start: string; end: string }) => ({ requestedDate: '2027-02-05', district: '中和區', ...(timeWindow ? { timeWindow } : {}) });
    expect(heldByClosure([eve], on({ start: '13:00', end: '17:00' }))).toBe(true);
    expect(heldByClosure([eve], on({ start: '12:00', end: '14:00' }))).toBe(true);
    expect(heldByClosure([eve], on({ start: '10:00', end: '14:00' }))).toBe(false);
    expect(heldByClosure([eve], on())).toBe(false);
    const order = (id: string, timeWindow?: { start: string; end: string }) => ({ id, customerId: `c-${id}`, customerName: id, status: 'confirmed' as const, ...on(timeWindow) });
    expect(affectedOrders(eve, [order('morning', { start: '09:00', end: '11:00' }), order('afternoon', { start: '14:00', end: '16:00' }), order('any')])).toEqual([
      { id: 'afternoon', customerId: 'c-afternoon', customerName: 'afternoon', district: '中和區', requestedDate: '2027-02-05', timeWindow: { start: '14:00', end: '16:00' }, status: 'confirmed' },
    ]);
  });

  it('ends a day at the earliest closing that holds on it, and not the days before or after', () => {
    const eve = { name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' };
    const wulaiEarly = { name: '颱風', from: '2027-02-04', to: '2027-02-05', districts: ['烏來區'], closesAt: '10:00' };
    expect(closingOn([eve, wulaiEarly, lny], '2027-02-05')).toBe(wulaiEarly);
    expect(closingOn(closuresFor([eve, wulaiEarly], '中和區'), '2027-02-05')).toBe(eve);
    expect(closingOn([eve, lny], '2027-02-06')).toBeUndefined();
    expect(closingOn([eve], '2027-02-04')).toBeUndefined();
  });

  it('may share days with a closure of other districts, not with one of the same district or of the whole company', () => {
    const ctx = { id: 'cl-x', today: '2026-11-28', by: OFFICE, at: new Date('2026-11-28T02:00:00Z') };
    const sanxia = { name: '颱風假', from: '2026-12-10', to: '2026-12-11', districts: ['三峽區'] };
    expect(newClosure(sanxia, { ...ctx, existing: [wulai] }).districts).toEqual(['三峽區']);
    expect(() => newClosure({ ...sanxia, districts: ['三峽區', '坪林區'] }, { ...ctx, existing: [wulai] })).toThrow(
      expect.objectContaining({ code: 'CLOSURE.OVERLAPS', details: expect.objectContaining({ name: '颱風假', districts: ['烏來區', '坪林區'] }) }),
    );
    expect(() => newClosure({ name: '全區停班', from: '2026-12-10', to: '2026-12-10' }, { ...ctx, existing: [sanxia] })).toThrow(
      expect.objectContaining({ code: 'CLOSURE.OVERLAPS' }),
    );
  });

  it('takes the orders of its districts only off its days', () => {
    const order = (id: string, district: string) => ({ id, customerId: `c-${id}`, customerName: id, district, requestedDate: '2026-12-10', status: 'confirmed' as const });
    expect(affectedOrders(wulai, [order('a', '烏來區'), order('b', '中和區'), order('c', '坪林區')]).map((o) => o.id)).toEqual(['a', 'c']);
  });
});

describe('closureOn', () => {
  it('finds the closure a date falls in, both ends included', () => {
    expect(closureOn(closures, '2027-02-05')).toBe(lny);
    expect(closureOn(closures, '2027-02-09')).toBe(lny);
    expect(closureOn(closures, '2026-12-10')).toBe(typhoon);
    expect(closureOn(closures, '2027-02-04')).toBeUndefined();
    expect(closureOn(closures, '2027-02-10')).toBeUndefined();
  });
});

describe('open days', () => {
  it('steps over closures, and over the customer’s closed weekdays too', () => {
    expect(isOpenDay(closures, '2027-02-04')).toBe(true);
    expect(isOpenDay(closures, '2027-02-04', [4])).toBe(false); // a Thursday
    expect(previousOpenDay(closures, '2027-02-07')).toBe('2027-02-04');
    expect(previousOpenDay(closures, '2027-02-07', [4])).toBe('2027-02-03');
    expect(nextOpenDay(closures, '2027-02-07')).toBe('2027-02-10');
    expect(nextOpenDay(closures, '2027-02-07', [3])).toBe('2027-02-11');
    expect(nextOpenDay(closures, '2027-03-01')).toBe('2027-03-01');
  });

  it('delivers by the open day before a closed one, or after it when that day is already past', () => {
    expect(openDayBy(closures, '2027-02-07', [], '2027-01-20')).toBe('2027-02-04');
    expect(openDayBy(closures, '2027-02-07', [4], '2027-01-20')).toBe('2027-02-03');
    expect(openDayBy(closures, '2027-02-07', [], '2027-02-06')).toBe('2027-02-10');
    expect(openDayBy(closures, '2027-03-01', [], '2027-01-20')).toBe('2027-03-01');
  });

  it('gives up only for a customer closed every day of the week', () => {
    expect(nextOpenDay([], '2027-03-01', [0, 1, 2, 3, 4, 5, 6])).toBeUndefined();
  });
});

describe('dayOffClosure', () => {
  it('sends an order to the customer’s last open day before the closure, or first after it', () => {
    expect(dayOffClosure(lny, closures, 'before', [], '2027-01-20')).toBe('2027-02-04');
    expect(dayOffClosure(lny, closures, 'before', [4], '2027-01-20')).toBe('2027-02-03'); // closed on Thursdays
    expect(dayOffClosure(lny, closures, 'after', [], '2027-01-20')).toBe('2027-02-10');
    expect(dayOffClosure(lny, closures, 'after', [3], '2027-01-20')).toBe('2027-02-11'); // closed on Wednesdays
  });

  it('steps over a closure next to this one', () => {
    const stockTaking = { name: '盤點', from: '2027-02-04', to: '2027-02-04' };
    expect(dayOffClosure(lny, [...closures, stockTaking], 'before', [], '2027-01-20')).toBe('2027-02-03');
  });

  it('has no day before a closure that is already running, or whose eve has passed', () => {
    expect(dayOffClosure(lny, closures, 'before', [], '2027-02-06')).toBeUndefined();
    expect(dayOffClosure(lny, closures, 'before', [], '2027-02-05')).toBeUndefined();
    expect(dayOffClosure(lny, closures, 'before', [], '2027-02-04')).toBe('2027-02-04');
    expect(dayOffClosure(lny, closures, 'after', [], '2027-02-06')).toBe('2027-02-10');
  });
});

describe('upcomingClosures', () => {
  it('keeps those not over by the date, by start', () => {
    expect(upcomingClosures([lny, typhoon], '2026-12-10')).toEqual([typhoon, lny]);
    expect(upcomingClosures([lny, typhoon], '2026-12-11')).toEqual([lny]);
  });
});

describe('newClosure', () => {
  const ctx = { id: closureId('2027-02-05', 'abc-DEF-123456789'), existing: [typhoon], today: '2026-11-28', by: OFFICE, at: new Date('2026-11-28T02:00:00Z') };

  it('stamps id, time and author, and the result is a valid Closure', () => {
    const closure = newClosure(closureInputSchema.parse(lny), ctx);
    expect(closure).toEqual({ ...lny, id: 'cl-2027-02-05-abcDEF1234', createdAt: '2026-11-28T02:00:00.000Z', createdBy: OFFICE.uid });
    expect(closureSchema.safeParse(closure).success).toBe(true);
  });

  it('refuses one starting before today, but not one starting today', () => {
    expect(() => newClosure({ ...typhoon, from: '2026-11-27', to: '2026-11-29' }, { ...ctx, existing: [] })).toThrow(
      expect.objectContaining({ code: 'CLOSURE.IN_PAST', kind: 'precondition', details: { path: 'from' } }),
    );
    expect(newClosure({ ...typhoon, from: '2026-11-28', to: '2026-11-29' }, { ...ctx, existing: [] }).from).toBe('2026-11-28');
  });

  it.each([
    ['2026-12-10', '2026-12-10'],
    ['2026-12-08', '2026-12-10'],
    ['2026-12-10', '2026-12-12'],
    ['2026-12-01', '2026-12-31'],
  ])('refuses %s–%s, which overlaps another, naming it', (from, to) => {
    expect(() => newClosure({ name: '盤點', from, to }, ctx)).toThrow(
      expect.objectContaining({ code: 'CLOSURE.OVERLAPS', kind: 'conflict', details: { ...typhoon, days: typhoon.from, scope: 'company' } }),
    );
  });

  it('accepts one that touches another without sharing a day', () => {
    expect(newClosure({ name: '盤點', from: '2026-12-11', to: '2026-12-12' }, ctx).from).toBe('2026-12-11');
  });
});

describe('affectedOrders', () => {
  const order = (id: string, requestedDate: string, status: AffectedOrder['status']) => ({
    id,
    customerId: 'cust-a',
    customerName: '王小明',
    district: '中和區',
    requestedDate,
    status,
    total: 820,
  });

  it('lists the open and failed orders on the closure’s days, by date, with what the office needs to move them', () => {
    const orders = [
      order('o-late', '2027-02-09', 'scheduled'),
      order('o-first', '2027-02-05', 'pending'),
      order('o-before', '2027-02-04', 'pending'),
      order('o-after', '2027-02-10', 'confirmed'),
      order('o-done', '2027-02-06', 'delivered'),
      order('o-failed', '2027-02-06', 'failed'),
      order('o-cancelled', '2027-02-06', 'cancelled'),
      order('o-road', '2027-02-06', 'out_for_delivery'),
    ];
    expect(affectedOrders(lny, orders)).toEqual([
      { id: 'o-first', customerId: 'cust-a', customerName: '王小明', district: '中和區', requestedDate: '2027-02-05', status: 'pending' },
      { id: 'o-failed', customerId: 'cust-a', customerName: '王小明', district: '中和區', requestedDate: '2027-02-06', status: 'failed' },
      { id: 'o-road', customerId: 'cust-a', customerName: '王小明', district: '中和區', requestedDate: '2027-02-06', status: 'out_for_delivery' },
      { id: 'o-late', customerId: 'cust-a', customerName: '王小明', district: '中和區', requestedDate: '2027-02-09', status: 'scheduled' },
    ]);
  });

  it('leaves out an order staff deliver through the closure anyway (緊急配送): it keeps its day', () => {
    const emergency = { ...order('o-emergency', '2027-02-06', 'confirmed'), closureOverride: { reason: '獨居長者瓦斯用完' } };
    expect(affectedOrders(lny, [emergency, order('o-first', '2027-02-05', 'pending')]).map((o) => o.id)).toEqual(['o-first']);
  });
});

describe('movedToDays', () => {
  it('says for each day orders moved to how many open orders it now carries and how many moved in, by date', () => {
    const moved = [{ to: '2027-02-10' }, { to: '2027-02-04' }, { to: '2027-02-10' }];
    const open = [{ requestedDate: '2027-02-10' }, { requestedDate: '2027-02-10' }, { requestedDate: '2027-02-10' }, { requestedDate: '2027-02-04' }, { requestedDate: '2027-02-11' }];
    expect(movedToDays(moved, open)).toEqual([
      { date: '2027-02-04', openOrders: 1, movedIn: 1 },
      { date: '2027-02-10', openOrders: 3, movedIn: 2 },
    ]);
    expect(movedToDays([], open)).toEqual([]);
  });
});

describe('withSameDayOrders', () => {
  it('names for each moved order only its own customer’s other open orders on the day it moved to', () => {
    const moved = [
      { id: 'a1', customerName: '王小姐', from: '2027-02-05', to: '2027-02-04' },
      { id: 'b1', customerName: '林家麵店', from: '2027-02-06', to: '2027-02-04' },
    ];
    const customerOf = new Map([['a1', 'cust-a'], ['b1', 'cust-b']]);
    const open = [
      { id: 'a1', customerId: 'cust-a', requestedDate: '2027-02-04' },
      { id: 'rec-r-2027-02-04', customerId: 'cust-a', requestedDate: '2027-02-04' },
      { id: 'a-later', customerId: 'cust-a', requestedDate: '2027-02-10' },
      { id: 'c1', customerId: 'cust-c', requestedDate: '2027-02-04' },
      { id: 'b1', customerId: 'cust-b', requestedDate: '2027-02-04' },
    ];
    expect(withSameDayOrders(moved, customerOf, open).map((m) => [m.id, m.sameDayOrders])).toEqual([
      ['a1', ['rec-r-2027-02-04']],
      ['b1', []],
    ]);
  });
});

import { closingOn, closureDays, failedThenMovedOffClosure, closureNotice, closureOn, closuresFor, closuresWithin, comingClosures, formatDateRange, mergedMoves, moveUntilDone, nextDeliverableDay, nextOpenDay, onClosedWeekday, sameDayClashes } from './closures';
import type { ClosureOrdersMoved } from './types';
import { formatShortDate } from './format';

const lunarNewYear = { name: '春節', from: '2027-02-05', to: '2027-02-09' };
const tombSweeping = { name: '掃墓', from: '2027-04-05', to: '2027-04-05' };
const closures = [tombSweeping, lunarNewYear];

describe('closuresFor', () => {
  it('keeps the closures of the whole company and those naming the district, 臺 read as 台 as the API reads it', () => {
    const typhoon = { name: '颱風假', from: '2027-02-05', to: '2027-02-05', districts: ['烏來區', '台東區'] };
    expect(closuresFor([lunarNewYear, typhoon], '烏來區')).toEqual([lunarNewYear, typhoon]);
    expect(closuresFor([lunarNewYear, typhoon], '臺東區')).toEqual([lunarNewYear, typhoon]);
    expect(closuresFor([lunarNewYear, typhoon], '中和區')).toEqual([lunarNewYear]);
  });
});

describe('closureOn', () => {
  it('finds the closure a day falls in, first and last day included', () => {
    expect(closureOn(closures, '2027-02-05')).toBe(lunarNewYear);
    expect(closureOn(closures, '2027-02-09')).toBe(lunarNewYear);
    expect(closureOn(closures, '2027-04-05')).toBe(tombSweeping);
  });
  it('finds none the day before or after', () => {
    expect(closureOn(closures, '2027-02-04')).toBeUndefined();
    expect(closureOn(closures, '2027-02-10')).toBeUndefined();
  });
});

describe('closingOn', () => {
  it('finds the earliest closing (提早收工) of a day among the closings, and none on a day ending as usual or in a closure without one', () => {
    const eve = { name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' };
    const earlier = { name: '颱風', from: '2027-02-04', to: '2027-02-05', closesAt: '10:00' };
    expect(closingOn([eve, earlier], '2027-02-05')).toBe(earlier);
    expect(closingOn([eve, earlier], '2027-02-04')).toBe(earlier);
    expect(closingOn([eve], '2027-02-06')).toBeUndefined();
    expect(closingOn([{ name: '春節', from: '2027-02-05', to: '2027-02-09' }], '2027-02-05')).toBeUndefined();
  });
});

describe('nextOpenDay', () => {
  it('keeps an open day and moves a closed one past its closure, across back-to-back closures', () => {
    expect(nextOpenDay(closures, '2027-02-04')).toBe('2027-02-04');
    expect(nextOpenDay(closures, '2027-02-07')).toBe('2027-02-10');
    expect(nextOpenDay([...closures, { from: '2027-02-10', to: '2027-02-11' }], '2027-02-07')).toBe('2027-02-12');
  });
});

describe('closureDays', () => {
  it('counts both ends, across a month end', () => {
    expect(closureDays(lunarNewYear)).toBe(5);
    expect(closureDays(tombSweeping)).toBe(1);
    expect(closureDays({ from: '2027-01-30', to: '2027-02-02' })).toBe(4);
  });
});

describe('formatDateRange', () => {
  it('writes a range the Taiwanese way: month/day and the weekday in full-width brackets', () => {
    expect(formatDateRange(lunarNewYear)).toBe('2/5（五）–2/9（二）');
    expect(formatDateRange(lunarNewYear, 'en')).toBe('2/5 (Fri)–2/9 (Tue)');
  });
  it('writes a one-day closure as that day, and leaves the weekday out for hints', () => {
    expect(formatDateRange(tombSweeping)).toBe('4/5（一）');
    expect(formatDateRange(lunarNewYear, 'zh-TW', false)).toBe('2/5–2/9');
    expect(formatShortDate('2027-12-31', 'en', false)).toBe('12/31');
  });
});

describe('comingClosures', () => {
  it('keeps closures under way or starting within the horizon, soonest first', () => {
    expect(comingClosures(closures, '2027-01-20', 90)).toEqual([lunarNewYear, tombSweeping]);
    expect(comingClosures(closures, '2027-01-20', 30)).toEqual([lunarNewYear]);
    expect(comingClosures(closures, '2027-02-08', 30)).toEqual([lunarNewYear]);
    expect(comingClosures(closures, '2027-02-10', 30)).toEqual([]);
  });
});

describe('closuresWithin', () => {
  it('finds the closures that take any day of a week, by start, and none of the weeks around them', () => {
    expect(closuresWithin(closures, '2027-02-09', '2027-02-15')).toEqual([lunarNewYear]);
    expect(closuresWithin(closures, '2027-01-30', '2027-02-05')).toEqual([lunarNewYear]);
    expect(closuresWithin(closures, '2027-02-10', '2027-02-16')).toEqual([]);
    expect(closuresWithin(closures, '2027-01-01', '2027-12-31')).toEqual([lunarNewYear, tombSweeping]);
  });
});

describe('closureNotice', () => {
  it('asks for an order by the day before a closure, and says when deliveries resume once it has begun', () => {
    expect(closureNotice(lunarNewYear, '2027-01-25')).toEqual({ kind: 'upcoming', orderBy: '2027-02-04' });
    expect(closureNotice(lunarNewYear, '2027-02-04')).toEqual({ kind: 'upcoming', orderBy: '2027-02-04' });
    expect(closureNotice(lunarNewYear, '2027-02-05')).toEqual({ kind: 'underway', reopen: '2027-02-10' });
    expect(closureNotice(lunarNewYear, '2027-02-09')).toEqual({ kind: 'underway', reopen: '2027-02-10' });
  });
});

describe('onClosedWeekday', () => {
  it('finds a date on a closed weekday, Sunday counted as 0', () => {
    // 2026-11-30 is a Monday, 2026-12-06 a Sunday.
    expect(onClosedWeekday([1], '2026-11-30')).toBe(true);
    expect(onClosedWeekday([1], '2026-12-01')).toBe(false);
    expect(onClosedWeekday([0, 6], '2026-12-06')).toBe(true);
    expect(onClosedWeekday([], '2026-11-30')).toBe(false);
  });
});

describe('nextDeliverableDay', () => {
  const lny = { from: '2027-02-05', to: '2027-02-09' };
  it('skips the customer’s closed weekdays and the closures alike, whichever comes first', () => {
    // 2026-11-30 is a Monday.
    expect(nextDeliverableDay([], [1], '2026-11-30')).toBe('2026-12-01');
    expect(nextDeliverableDay([], [1, 2], '2026-11-30')).toBe('2026-12-02');
    expect(nextDeliverableDay([], [], '2026-11-30')).toBe('2026-11-30');
    // 2027-02-10, the day after the closure, is a Wednesday: closed too, so Thursday.
    expect(nextDeliverableDay([lny], [3], '2027-02-06')).toBe('2027-02-11');
  });

  it('keeps the date asked for a customer closed every day', () => {
    expect(nextDeliverableDay([], [0, 1, 2, 3, 4, 5, 6], '2026-11-30')).toBe('2026-11-30');
  });
});

describe('sameDayClashes', () => {
  it('names each customer a move left with more than one order on a day once, with how many', () => {
    const moved = (id: string, customerName: string, to: string, sameDayOrders: string[]) => ({ id, customerName, from: '2027-02-05', to, sameDayOrders });
    const result = {
      moved: [
        moved('a1', '王小姐', '2027-02-04', ['a2']),
        moved('a2', '王小姐', '2027-02-04', ['a1']),
        moved('b1', '林家麵店', '2027-02-03', ['rec-r-2027-02-03', 'b0']),
        moved('c1', '陳先生', '2027-02-04', []),
      ],
      notMoved: [],
      days: [],
      remaining: 0,
    };
    expect(sameDayClashes(result)).toEqual([
      { customerName: '王小姐', date: '2027-02-04', count: 2 },
      { customerName: '林家麵店', date: '2027-02-03', count: 3 },
    ]);
  });
});

const moved = (id: string) => ({ id, customerName: id, from: '2027-02-05', to: '2027-02-06', sameDayOrders: [] });
const stayed = (id: string, message: string) => ({
  id,
  customerId: `c-${id}`,
  customerName: id,
  district: '中和區',
  requestedDate: '2027-02-05',
  status: 'out_for_delivery' as const,
  code: 'CLOSURE.ORDER_OUT_FOR_DELIVERY',
  message,
});

describe('moveUntilDone', () => {
  const answer = (ids: string[], notMoved: ClosureOrdersMoved['notMoved'], openOrders: number, remaining: number): ClosureOrdersMoved => ({
    moved: ids.map(moved),
    notMoved,
    days: ids.length > 0 ? [{ date: '2027-02-06', openOrders, movedIn: ids.length }] : [],
    remaining,
  });

  it('asks again while the API answers orders remaining, and gives every round as one answer', async () => {
    const rounds = [answer(['a', 'b'], [stayed('x', 'on the road')], 2, 3), answer(['c', 'd'], [stayed('x', 'still on the road')], 4, 1), answer(['e'], [], 5, 0)];
    const asked: number[] = [];
    const told: [number, number][] = [];
    const result = await moveUntilDone(
      async (round) => {
        asked.push(round);
        return rounds[round] as ClosureOrdersMoved;
      },
      (n, left) => told.push([n, left]),
    );
    expect(asked).toEqual([0, 1, 2]);
    expect(told).toEqual([
      [2, 3],
      [4, 1],
    ]);
    expect(result).toEqual({
      moved: ['a', 'b', 'c', 'd', 'e'].map(moved),
      notMoved: [stayed('x', 'still on the road')],
      days: [{ date: '2027-02-06', openOrders: 5, movedIn: 5 }],
      remaining: 0,
    });
  });

  it('stops when a round moves nothing, saying what is left', async () => {
    const rounds = [answer(['a'], [], 1, 4), answer([], [], 0, 4)];
    const result = await moveUntilDone(async (round) => rounds[round] as ClosureOrdersMoved);
    expect([result.moved.length, result.remaining]).toEqual([1, 4]);
  });
});

describe('mergedMoves', () => {
  it('names a customer whose orders moved to one day in two rounds once, with all of them', () => {
    const at = (id: string, sameDayOrders: string[]) => ({ ...moved(id), customerName: '王小姐', sameDayOrders });
    const first: ClosureOrdersMoved = { moved: [at('a1', ['booked'])], notMoved: [], days: [], remaining: 1 };
    const next: ClosureOrdersMoved = { moved: [at('a2', ['booked', 'a1'])], notMoved: [], days: [], remaining: 0 };
    expect(sameDayClashes(mergedMoves(first, next))).toEqual([{ customerName: '王小姐', date: '2027-02-06', count: 3 }]);
  });

  it('drops an order that stayed once a later round moved it', () => {
    const first: ClosureOrdersMoved = { moved: [], notMoved: [stayed('x', 'on the road')], days: [], remaining: 1 };
    const next: ClosureOrdersMoved = { moved: [moved('x')], notMoved: [], days: [{ date: '2027-02-06', openOrders: 1, movedIn: 1 }], remaining: 0 };
    expect(mergedMoves(first, next)).toEqual(next);
  });
});

describe('failedThenMovedOffClosure', () => {
  const by = { uid: 'u-office', role: 'office' } as const;
  const at = '2026-12-02T03:00:00.000Z';
  const failed = [
    { at, by, from: 'out_for_delivery' as const, to: 'failed' as const },
    { at, by, from: 'failed' as const, to: 'pending' as const },
  ];
  const move = { at, by, from: 'pending' as const, to: 'pending' as const, rescheduled: { from: '2026-12-02', to: '2026-12-03' }, closure: { name: '颱風停班停課', from: '2026-12-02', to: '2026-12-02' } };

  it('marks a pending order a closure moved right after its stop failed, for the office to confirm', () => {
    expect(failedThenMovedOffClosure({ status: 'pending', timeline: [...failed, move] })).toBe(true);
  });

  it('leaves out one moved while pending, one confirmed since, one moved back once the closure was lifted, and one the office moved for a reason', () => {
    expect(failedThenMovedOffClosure({ status: 'pending', timeline: [{ at, by, from: null, to: 'pending' }, move] })).toBe(false);
    expect(failedThenMovedOffClosure({ status: 'confirmed', timeline: [...failed, move, { at, by, from: 'pending', to: 'confirmed' }] })).toBe(false);
    expect(failedThenMovedOffClosure({ status: 'pending', timeline: [...failed, { ...move, closure: { ...move.closure, lifted: true } }] })).toBe(false);
    const { closure: _closure, ...reasoned } = move;
    expect(failedThenMovedOffClosure({ status: 'pending', timeline: [...failed, { ...reasoned, reason: 'weather' }] })).toBe(false);
  });
});

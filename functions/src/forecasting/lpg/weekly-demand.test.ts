import { addDays } from './calendar';
import { closedDays } from './closures';
import type { CustomerHistory } from './types';
import { normalQuantile } from '../stats';
import { Random } from '../test-support/random';
import { dailyDemand, OUTLOOK_DAYS, weeklyDemand, weeklyHindcast, type CustomerOutlook, type WeeklySizeDemand } from './weekly-demand';

const ASOF = '2026-03-02';

function outlook(over: Partial<CustomerOutlook> & { nextDay?: number; spreadDays?: number } = {}): CustomerOutlook {
  const { nextDay = 3, spreadDays = 0, ...rest } = over;
  return {
    nextOrder: { p10: addDays(ASOF, nextDay - spreadDays), p50: addDays(ASOF, nextDay), p90: addDays(ASOF, nextDay + spreadDays) },
    expectedIntervalDays: 7,
    expectedQuantity: { 20: 2 },
    activeProbability: 1,
    ...rest,
  };
}

describe('weeklyDemand (cylinders by size, all customers, per week)', () => {
  it('counts a punctual weekly customer once a week, with a tight band', () => {
    const weeks = weeklyDemand([outlook()], ASOF, 3);
    expect(weeks.map((week) => week.from)).toEqual([ASOF, addDays(ASOF, 7), addDays(ASOF, 14)]);
    for (const week of weeks) {
      expect(week.bySize[20]?.mean).toBeCloseTo(2, 1);
      expect(week.bySize[20]?.p10).toBeLessThanOrEqual(week.bySize[20]?.mean ?? 0);
      expect(week.bySize[20]?.p90).toBeGreaterThanOrEqual(week.bySize[20]?.mean ?? 0);
    }
    expect(Object.keys(weeks[0]?.bySize ?? {})).toEqual(['20']);
  });

  it('puts a customer due next week in the second week only', () => {
    const weeks = weeklyDemand([outlook({ nextDay: 10, expectedIntervalDays: 30 })], ASOF, 3);
    expect(weeks[0]?.bySize[20]?.mean).toBeLessThan(0.01);
    expect(weeks[1]?.bySize[20]?.mean).toBeCloseTo(2, 1);
    expect(weeks[2]?.bySize[20]?.mean).toBeLessThan(0.01);
  });

  it('spreads an uncertain order over the weeks around it without losing it', () => {
    const weeks = weeklyDemand([outlook({ nextDay: 14, spreadDays: 8, expectedIntervalDays: 60 })], ASOF, 6);
    const means = weeks.map((week) => week.bySize[20]?.mean ?? 0);
    expect(means.filter((mean) => mean > 0.1).length).toBeGreaterThan(1);
    expect(means.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 1);
  });

  it("keeps all of an overdue customer's order in the weeks ahead: it has not ordered yet", () => {
    const overdue = outlook({ nextOrder: { p10: ASOF, p50: ASOF, p90: addDays(ASOF, 9) }, expectedIntervalDays: 90 });
    const means = weeklyDemand([overdue], ASOF, 3).map((week) => week.bySize[20]?.mean ?? 0);
    expect(means.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 1);
    expect(means[0]).toBeGreaterThan(1.2);
  });

  it('follows the skew of the order date: a long late tail moves cylinders later and none earlier', () => {
    const at = (p90: number) =>
      weeklyDemand([outlook({ nextOrder: { p10: addDays(ASOF, 8), p50: addDays(ASOF, 10), p90: addDays(ASOF, p90) }, expectedIntervalDays: 90 })], ASOF, 2).map(
        (week) => week.bySize[20]?.mean ?? 0,
      );
    const [tightFirst = 0, tightSecond = 0] = at(12);
    const [longFirst = 0, longSecond = 0] = at(40);
    expect(longFirst).toBeCloseTo(tightFirst, 9);
    expect(tightFirst).toBeGreaterThan(0);
    expect(longSecond).toBeLessThan(tightSecond - 0.3);
  });

  it('moves orders due on closed days to the days around the closure, half into the week before it', () => {
    const due = outlook({ nextDay: 7, expectedIntervalDays: 60 });
    const closed = closedDays([{ from: addDays(ASOF, 6), to: addDays(ASOF, 8) }]);
    const means = (days = closedDays([])) => weeklyDemand([due], ASOF, 2, days).map((week) => week.bySize[20]?.mean ?? 0);
    // Open, its whole-day dates leave a tenth of the order on the day before (read as orderDayCdf reads them).
    expect(means()).toEqual([expect.closeTo(0.2, 4), expect.closeTo(1.8, 4)]);
    expect(means(closed)).toEqual([expect.closeTo(1, 6), expect.closeTo(1, 6)]);
  });

  it("moves only the orders of a customer whose own closed days hold the day (a closure of some districts), whatever the outlook's", () => {
    const closed = closedDays([{ from: addDays(ASOF, 6), to: addDays(ASOF, 8) }]);
    const means = (due: CustomerOutlook) => weeklyDemand([due], ASOF, 2).map((week) => week.bySize[20]?.mean ?? 0);
    expect(means(outlook({ nextDay: 7, expectedIntervalDays: 60, closed }))).toEqual([expect.closeTo(1, 6), expect.closeTo(1, 6)]);
    expect(means(outlook({ nextDay: 7, expectedIntervalDays: 60 }))).toEqual([expect.closeTo(0.2, 4), expect.closeTo(1.8, 4)]);
    const openThere = outlook({ nextDay: 7, expectedIntervalDays: 60, closed: closedDays([]) });
    expect(weeklyDemand([openThere], ASOF, 2, closed).map((week) => week.bySize[20]?.mean ?? 0)).toEqual([expect.closeTo(0.2, 4), expect.closeTo(1.8, 4)]);
  });

  it('weighs each customer by the chance it still orders, and adds customers and sizes up', () => {
    const risky = outlook({ activeProbability: 0.5 });
    const small = outlook({ expectedQuantity: { 4: 3 } });
    const [week] = weeklyDemand([outlook(), risky, small], ASOF, 1);
    expect(week?.bySize[20]?.mean).toBeCloseTo(3, 1);
    expect(week?.bySize[4]?.mean).toBeCloseTo(3, 1);
  });

  it('widens the band for customers whose order size varies', () => {
    const steady = weeklyDemand([outlook({ activeProbability: 0.6 })], ASOF, 1)[0]?.bySize[20];
    const varying = weeklyDemand([outlook({ activeProbability: 0.6, quantityRange: { 20: { p10: 1, p90: 3 } } })], ASOF, 1)[0]?.bySize[20];
    expect(varying?.mean).toBeCloseTo(steady?.mean ?? NaN, 9);
    expect((varying?.p90 ?? 0) - (varying?.p10 ?? 0)).toBeGreaterThan((steady?.p90 ?? 0) - (steady?.p10 ?? 0));
  });

  it('covers 80 % of simulated weekly totals when later intervals spread by their own log sd (renewal panel with known truth)', () => {
    // Known truth, as the outlook reads it: the next order's day is a split normal whose 10 % and 90 %
    // points are the edges of p10's and p90's days; each later interval has sd = interval × log sd.
    const random = new Random(11);
    const truth = Array.from({ length: 300 }, () => ({
      p50: random.integer(6, 22),
      early: random.integer(0, 4),
      late: random.integer(0, 4),
      interval: 12 + 20 * random.next(),
      logSd: 0.1 + 0.25 * random.next(),
    }));
    const outlookOfTruth = (t: (typeof truth)[number], withLogSd: boolean): CustomerOutlook =>
      outlook({
        nextOrder: { p10: addDays(ASOF, t.p50 - t.early), p50: addDays(ASOF, t.p50), p90: addDays(ASOF, t.p50 + t.late) },
        expectedIntervalDays: t.interval,
        expectedQuantity: { 20: 1 },
        ...(withLogSd ? { intervalLogSd: t.logSd } : {}),
      });
    const weeks = 4;
    const bands = (withLogSd: boolean) => weeklyDemand(truth.map((t) => outlookOfTruth(t, withLogSd)), ASOF, weeks).map((week) => week.bySize[20]);
    const withSd = bands(true);
    const withoutSd = bands(false);
    const covered = { withSd: 0, lateWeeks: { withSd: 0, withoutSd: 0 } };
    const totals = Array.from({ length: weeks }, () => 0);
    const runs = 400;
    const z90 = normalQuantile(0.9);
    for (let run = 0; run < runs; run++) {
      const counts = Array.from({ length: weeks }, () => 0);
      for (const t of truth) {
        const z = random.normal();
        let day = Math.round(t.p50 + (z * ((z < 0 ? t.early : t.late) + 0.5)) / z90);
        while (day < 7 * weeks) {
          if (day >= 0) counts[Math.floor(day / 7)]! += 1;
          day += Math.max(Math.round(t.interval * (1 + t.logSd * random.normal())), 1);
        }
      }
      counts.forEach((count, week) => {
        totals[week]! += count / runs;
        const inside = (band: WeeklySizeDemand | undefined) => (band && count >= band.p10 && count <= band.p90 ? 1 : 0);
        covered.withSd += inside(withSd[week]);
        if (week >= 2) {
          covered.lateWeeks.withSd += inside(withSd[week]);
          covered.lateWeeks.withoutSd += inside(withoutSd[week]);
        }
      });
    }
    totals.forEach((total, week) => expect(withSd[week]?.mean).toBeCloseTo(total, -0.5));
    expect(covered.withSd / (runs * weeks)).toBeGreaterThan(0.75);
    expect(covered.withSd / (runs * weeks)).toBeLessThan(0.86);
    // Taking each later interval as certain as the next order's wait leaves the later weeks' band short.
    expect(covered.lateWeeks.withoutSd).toBeLessThan(covered.lateWeeks.withSd - 0.05 * 2 * runs);
  });

  it('gives nothing for nobody', () => {
    expect(weeklyDemand([], ASOF, 2)).toEqual([
      { from: ASOF, bySize: {} },
      { from: addDays(ASOF, 7), bySize: {} },
    ]);
  });
});

describe('dailyDemand (cylinders by size, all customers, a day at a time)', () => {
  const customers = [
    outlook({ nextDay: 2, spreadDays: 3, quantityRange: { 20: { p10: 1, p90: 3 } } }),
    outlook({ nextDay: 9, spreadDays: 5, expectedIntervalDays: 12, expectedQuantity: { 20: 1, 50: 1 }, activeProbability: 0.8 }),
    outlook({ nextDay: 4, spreadDays: 1, expectedIntervalDays: 20, expectedQuantity: { 4: 3 } }),
  ];
  const closed = closedDays([{ from: addDays(ASOF, 5), to: addDays(ASOF, 6) }]);

  it("makes each week's mean the sum of its days', by size, with a closure or without", () => {
    for (const days of [closedDays([]), closed]) {
      const weeks = weeklyDemand(customers, ASOF, 2, days);
      const daily = dailyDemand(customers, ASOF, OUTLOOK_DAYS, days);
      expect(daily.map((d) => d.from)).toEqual(Array.from({ length: OUTLOOK_DAYS }, (_, n) => addDays(ASOF, n)));
      for (const [w, week] of weeks.entries()) {
        expect(daily[7 * w]?.from).toBe(week.from);
        for (const size of [4, 20, 50] as const) {
          const ofDays = daily.slice(7 * w, 7 * w + 7).reduce((total, day) => total + (day.bySize[size]?.mean ?? 0), 0);
          expect(ofDays).toBeCloseTo(week.bySize[size]?.mean ?? -1, 9);
        }
      }
    }
  });

  it('expects nothing on a closed day and moves its orders to the open days around it', () => {
    const open = dailyDemand(customers, ASOF, 7);
    const shut = dailyDemand(customers, ASOF, 7, closed);
    for (const day of [5, 6]) {
      expect(open[day]?.bySize[20]?.mean).toBeGreaterThan(0.05);
      expect(shut[day]?.bySize[20]?.mean).toBe(0);
      expect(shut[day]?.bySize[20]?.p90).toBe(0);
    }
    expect(shut[4]?.bySize[20]?.mean).toBeGreaterThan(open[4]?.bySize[20]?.mean ?? Infinity);
  });

  it("gives each day its own band, wider together than the week's (an order falls on one day only)", () => {
    const week = weeklyDemand(customers, ASOF, 1)[0]?.bySize[20];
    const days = dailyDemand(customers, ASOF, 7).map((d) => d.bySize[20]);
    for (const day of days) expect(day && day.p10 <= day.mean && day.mean <= day.p90).toBe(true);
    const summedSpread = days.reduce((total, d) => total + ((d?.p90 ?? 0) - (d?.mean ?? 0)), 0);
    expect(summedSpread).toBeGreaterThan((week?.p90 ?? 0) - (week?.mean ?? 0));
  });
});

describe('weeklyHindcast (the outlook the nightly run would have written, and what came)', () => {
  const customer: CustomerHistory = {
    customerId: 'C1',
    type: 'restaurant',
    cylindersOnSite: { 20: 2 },
    deliveries: [
      { date: addDays(ASOF, -7), cylinders: { 20: 2 } },
      { date: ASOF, cylinders: { 20: 2 } },
      { date: addDays(ASOF, 8), cylinders: { 20: 1 } },
    ],
    complaints: [ASOF],
  };

  it("sees only the days before the as-of date, and counts that date's deliveries as what came in the first week", () => {
    const seen: CustomerHistory[] = [];
    const hindcast = weeklyHindcast([customer], ASOF, 2, (known, asOf) => {
      seen.push(known);
      return outlook({ nextOrder: { p10: asOf, p50: asOf, p90: asOf }, expectedIntervalDays: 90 });
    });
    expect(seen.map((known) => known.deliveries.map((d) => d.date))).toEqual([[addDays(ASOF, -7)]]);
    expect(seen[0]?.complaints).toEqual([]);
    expect(hindcast.map((point) => [point.weekAhead, point.size, point.actual])).toEqual([
      [0, 20, 2],
      [1, 20, 1],
    ]);
    expect(hindcast[0]?.forecast.mean).toBeCloseTo(2, 1);
  });

  it('leaves out customers with nothing delivered before the as-of date', () => {
    expect(weeklyHindcast([customer], addDays(ASOF, -7), 1, () => outlook())).toEqual([]);
  });
});

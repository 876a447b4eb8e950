import {
  ageOn,
  COMPOSITE,
  intervalYears,
  isOverdue,
  mustScrap,
  nextInspectionDue,
  retiresOn,
  STEEL_BEFORE_CUTOVER,
  STEEL_FROM_CUTOVER,
  type DeadlineFacts,
  type IntervalBand,
} from './deadline';

const steel = (factoryTestedOn: string, lastInspectedOn: string | null = null, size: DeadlineFacts['size'] = 20): DeadlineFacts => ({ size, material: 'steel', factoryTestedOn, lastInspectedOn });
const composite = (factoryTestedOn: string, lastInspectedOn: string | null = null): DeadlineFacts => ({ size: 10, material: 'composite', factoryTestedOn, lastInspectedOn });

/** A period starting on the day the cylinder is exactly `age` years old, from a factory test on 10 May of `year`. */
const periodAt = (year: number, age: number) => ({ factory: `${year}-05-10`, on: `${year + age}-05-10` });

describe('ageOn', () => {
  it('counts full years, turning older on the anniversary and not the day before', () => {
    expect(ageOn('2008-05-10', '2026-05-09')).toBe(17);
    expect(ageOn('2008-05-10', '2026-05-10')).toBe(18);
  });
  it('makes a cylinder tested on 29 February a year older on the 28th in a common year', () => {
    expect(ageOn('2008-02-29', '2009-02-27')).toBe(0);
    expect(ageOn('2008-02-29', '2009-02-28')).toBe(1);
    expect(ageOn('2008-02-29', '2012-02-29')).toBe(4);
  });
});

describe('the interval tables, band by band at both ends', () => {
  const cases = (table: readonly IntervalBand[], facts: (factory: string, on: string) => DeadlineFacts, firstYear: number) =>
    table.flatMap((band) =>
      [band.fromAge, band.toAge - 1].map((age) => {
        const { factory, on } = periodAt(firstYear, age);
        return { age, years: band.years, facts: facts(factory, on), on };
      }),
    );
  it.each(cases(STEEL_FROM_CUTOVER, (f, on) => steel(f, on), 2005))('steel from 2005-03-01, aged $age → $years years', ({ facts, on, years }) => {
    expect(intervalYears(facts, on)).toBe(years);
  });
  it.each(([4, 10, 16, 20, 50] as const).flatMap((size) => cases(STEEL_BEFORE_CUTOVER[size], (f, on) => steel(f, on, size), 1975).map((c) => ({ ...c, size }))))(
    'steel before 2005-03-01, $size kg aged $age → $years years',
    ({ facts, on, years }) => {
      expect(intervalYears(facts, on)).toBe(years);
    },
  );
  it.each(cases(COMPOSITE, (f, on) => composite(f, on), 2005))('composite aged $age → $years years', ({ facts, on, years }) => {
    expect(intervalYears(facts, on)).toBe(years);
  });
});

describe('nextInspectionDue', () => {
  it('gives a new steel cylinder 5 years from its factory test, to the same calendar day', () => {
    expect(nextInspectionDue(steel('2024-06-01'))).toBe('2029-06-01');
  });
  it('changes from 5 to 4 years exactly on the 18th birthday (steel from 2005-03-01)', () => {
    expect(nextInspectionDue(steel('2008-05-10', '2026-05-09'))).toBe('2031-05-09');
    expect(nextInspectionDue(steel('2008-05-10', '2026-05-10'))).toBe('2030-05-10');
  });
  it('puts the cut-over between 2005-02-28 and 2005-03-01: a 20 kg cylinder inspected at 10 gets 3 years before it, 5 after', () => {
    expect(nextInspectionDue(steel('2005-02-28', '2015-03-01'))).toBe('2018-03-01');
    expect(nextInspectionDue(steel('2005-03-01', '2015-03-01'))).toBe('2020-03-01');
  });
  it('reads the size for steel tested before the cut-over: at 14, 4 kg gets 5 years, 16 kg 3, 50 kg 3', () => {
    expect(nextInspectionDue(steel('1990-01-15', '2004-01-15', 4))).toBe('2009-01-15');
    expect(nextInspectionDue(steel('1990-01-15', '2004-01-15', 16))).toBe('2007-01-15');
    expect(nextInspectionDue(steel('1990-01-15', '2004-01-15', 50))).toBe('2007-01-15');
  });
  it('never runs past the day before the 30th birthday of a steel cylinder', () => {
    // Inspected at 29: 1 year is the table's, and it ends the day before retirement.
    expect(nextInspectionDue(steel('1997-04-01', '2026-04-01', 50))).toBe('2027-03-31');
    // Inspected at 28 on the new table: 2 years would reach 30, so the day before.
    expect(nextInspectionDue(steel('2006-04-01', '2034-04-01'))).toBe('2036-03-31');
  });
  it('gives a composite cylinder 5 years, ending the day before it turns 20', () => {
    expect(nextInspectionDue(composite('2010-07-01', '2020-07-01'))).toBe('2025-07-01');
    expect(nextInspectionDue(composite('2010-07-01', '2017-07-01'))).toBe('2022-07-01');
    expect(nextInspectionDue(composite('2010-07-01', '2026-07-01'))).toBe('2030-06-30');
  });
  it('ends a period started on 29 February on the 28th in a common year, on the 29th in a leap one', () => {
    expect(nextInspectionDue(steel('2015-06-01', '2020-02-29'))).toBe('2025-02-28');
    expect(nextInspectionDue(steel('2004-06-01', '2024-02-29', 20))).toBe('2026-02-28');
    // Aged 17 on that day (5 years); aged 18 since the 28th (4 years, ending on a leap day).
    expect(nextInspectionDue(steel('2006-03-01', '2024-02-29'))).toBe('2029-02-28');
    expect(nextInspectionDue(steel('2006-02-28', '2024-02-29'))).toBe('2028-02-29');
  });
});

describe('mustScrap and isOverdue', () => {
  it('scraps steel from its 30th birthday and composite from its 20th, not the day before', () => {
    expect(retiresOn(steel('1996-12-01'))).toBe('2026-12-01');
    expect(mustScrap(steel('1996-12-01'), '2026-11-30')).toBe(false);
    expect(mustScrap(steel('1996-12-01'), '2026-12-01')).toBe(true);
    expect(mustScrap(composite('2006-12-01'), '2026-11-30')).toBe(false);
    expect(mustScrap(composite('2006-12-01'), '2026-12-01')).toBe(true);
  });
  it('scraps a cylinder tested on 29 February on 28 February thirty years on', () => {
    expect(retiresOn(steel('1996-02-29'))).toBe('2026-02-28');
  });
  it('lets a cylinder be delivered on its deadline and not the day after', () => {
    const c = steel('2024-06-01');
    expect(isOverdue(c, '2029-06-01')).toBe(false);
    expect(isOverdue(c, '2029-06-02')).toBe(true);
  });
  it('counts a cylinder that has reached its service life as overdue', () => {
    expect(isOverdue(steel('1996-12-01', '2025-12-01', 50), '2026-12-01')).toBe(true);
  });
});

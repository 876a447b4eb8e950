import { ageBalance, bucketOf, dueDateOf, owedMonthsOf } from './receivables';
import { balanceOf } from './statement';

describe('receivables aging', () => {
  it('makes a month due on the 15th of the next, across a year end', () => {
    expect(dueDateOf('2026-10')).toBe('2026-11-15');
    expect(dueDateOf('2026-12')).toBe('2027-01-15');
  });

  it('buckets by days past the due day', () => {
    expect(bucketOf('2026-10', '2026-11-15')).toBe('notDue');
    expect(bucketOf('2026-10', '2026-11-16')).toBe('days1to30');
    expect(bucketOf('2026-10', '2026-12-15')).toBe('days1to30');
    expect(bucketOf('2026-10', '2026-12-16')).toBe('days31to60');
    expect(bucketOf('2026-08', '2026-11-29')).toBe('days61to90');
    expect(bucketOf('2026-07', '2026-11-29')).toBe('over90');
  });

  it('puts what is owed on the newest charges: a customer who paid October on time owes only November, not yet due', () => {
    const months = [
      { month: '2026-11', owed: 13_760 },
      { month: '2026-10', owed: 17_200 },
    ];
    expect(ageBalance(13_760, months, '2026-11-29')).toEqual({
      aging: { notDue: 13_760, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 },
      oldestUnpaidMonth: '2026-11',
    });
  });

  it('says of which months a balance is made, the newest in full and the oldest in part, and what the months read do not cover', () => {
    const months = [
      { month: '2026-11', owed: 12_240 },
      { month: '2026-10', owed: 0 },
      { month: '2026-09', owed: 15_000 },
    ];
    expect(owedMonthsOf(22_440, months)).toEqual({ months: [{ month: '2026-11', owed: 12_240 }, { month: '2026-09', owed: 10_200 }], earlier: 0 });
    expect(owedMonthsOf(30_000, months)).toEqual({ months: [{ month: '2026-11', owed: 12_240 }, { month: '2026-09', owed: 15_000 }], earlier: 2_760 });
    expect(owedMonthsOf(-500, months)).toEqual({ months: [], earlier: 0 });
  });

  it('reaches back to older months when the balance is more than the newest', () => {
    const months = [
      { month: '2026-11', owed: 10_000 },
      { month: '2026-10', owed: 8_000 },
      { month: '2026-09', owed: 9_000 },
    ];
    // 10,000 not due, 8,000 two weeks late, 1,200 of September 45 days late.
    expect(ageBalance(19_200, months, '2026-11-29')).toEqual({
      aging: { notDue: 10_000, days1to30: 8_000, days31to60: 1_200, days61to90: 0, over90: 0 },
      oldestUnpaidMonth: '2026-09',
    });
  });

  it('counts what the months given do not cover as over 90 days, and a credit as nothing owed', () => {
    expect(ageBalance(5_000, [{ month: '2026-11', owed: 2_000 }], '2026-11-29').aging).toMatchObject({ notDue: 2_000, over90: 3_000 });
    expect(ageBalance(-850, [{ month: '2026-11', owed: 2_000 }], '2026-11-29')).toEqual({
      aging: { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 },
    });
  });

  it('lets an allowance (折讓) settle the oldest charges first, as a payment does: one for a cylinder of November’s invoice clears what October still owes', () => {
    const months = [
      { month: '2026-11', owed: 1_760 },
      { month: '2026-10', owed: 880 },
    ];
    const sums = { charges: 2_640, cashCollected: 0, payments: 0, allowances: 0, refunds: 0 };
    expect(ageBalance(balanceOf(sums), months, '2026-12-10')).toMatchObject({ aging: { notDue: 1_760, days1to30: 880 }, oldestUnpaidMonth: '2026-10' });
    expect(ageBalance(balanceOf({ ...sums, allowances: 880 }), months, '2026-12-10')).toEqual({
      aging: { notDue: 1_760, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 },
      oldestUnpaidMonth: '2026-11',
    });
  });
});

import type { SettlementRow } from '../../composables/useSettlements';
import { settlementDayTotals } from './settlement-totals';

type Row = Pick<SettlementRow, 'cash' | 'deposits' | 'settlement'>;
const row = (expected: number, collected: number, deposits: number, cashReceived?: number): Row => ({
  cash: { expected, collected, difference: collected - expected },
  deposits: { collected: deposits, lines: [] },
  settlement:
    cashReceived === undefined
      ? null
      : { id: 's', date: '2026-11-30', driverId: 'drv', cashReceived, note: '', by: { uid: 'u-office', role: 'office' }, at: '2026-11-30T10:00:00.000Z', corrections: [] },
});

describe('settlementDayTotals', () => {
  it('adds up the day across drivers: cash expected and collected, deposits, the difference, and the hand-ins recorded so far', () => {
    expect(settlementDayTotals([row(4080, 4080, 0, 4080), row(1720, 1620, 1200), row(860, 860, 0, 800)])).toEqual({
      cashExpected: 6660,
      cashCollected: 6560,
      deposits: 1200,
      difference: -100,
      settled: 2,
      drivers: 3,
      handedIn: 4880,
    });
  });

  it('is all zero on a day without drivers', () => {
    expect(settlementDayTotals([])).toEqual({ cashExpected: 0, cashCollected: 0, deposits: 0, difference: 0, settled: 0, drivers: 0, handedIn: 0 });
  });
});

import type { SettlementRow } from '../../composables/useSettlements';

/** The day across every driver: what the till should hold and what the office has counted in so far. */
export interface SettlementDayTotals {
  cashExpected: number;
  cashCollected: number;
  deposits: number;
  difference: number;
  /** Drivers whose hand-in is recorded, of all listed, and the cash they handed in. */
  settled: number;
  drivers: number;
  handedIn: number;
}

export function settlementDayTotals(rows: readonly Pick<SettlementRow, 'cash' | 'deposits' | 'settlement'>[]): SettlementDayTotals {
  const sum = (of: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + of(row), 0);
  return {
    cashExpected: sum((r) => r.cash.expected),
    cashCollected: sum((r) => r.cash.collected),
    deposits: sum((r) => r.deposits.collected),
    difference: sum((r) => r.cash.difference),
    settled: rows.filter((r) => r.settlement).length,
    drivers: rows.length,
    handedIn: sum((r) => r.settlement?.cashReceived ?? 0),
  };
}

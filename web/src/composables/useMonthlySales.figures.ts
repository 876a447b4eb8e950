/**
 * The shapes of 月報 (`GET /api/reports/monthly`, functions/src/domain/reports/monthly-sales.ts) and how its figures
 * read on screen; pure, apart from the composable's API client, so its unit test runs in node.
 */
import type { CustomerType, PaymentMethod } from '../lib/types';

/** Orders delivered, full cylinders left and NT$ billed. */
export interface SalesFigures {
  orders: number;
  cylinders: number;
  revenue: number;
}

export interface SalesTotals extends SalesFigures {
  failed: number;
  cancelled: number;
}

/** Percent against an earlier period, one decimal; null where that period had none. */
export type SalesChange = Record<keyof SalesFigures, number | null>;

export interface SalesComparison {
  month: string;
  totals: SalesTotals;
  change: SalesChange;
}

/** A customer type, or `unknown` for a customer no longer on file. */
export type SalesCustomerType = CustomerType | 'unknown';

/** A breakdown's row: its figures and their change from the same row of the period before. */
export type SalesRow = SalesFigures & { change: SalesChange };

/** The breakdowns of every sales report (月報, 週報) of the orders delivered in its period. */
export interface SalesBreakdowns {
  bySize: (SalesRow & { size: number })[];
  byCustomerType: (SalesRow & { type: SalesCustomerType })[];
  byDistrict: (SalesRow & { district: string })[];
  byPaymentTerms: (SalesRow & { terms: PaymentMethod })[];
  topCustomers: (SalesFigures & { customerId: string; code: string; name: string; type: SalesCustomerType })[];
}

/** `GET /api/reports/monthly` (functions/src/domain/reports/monthly-sales.ts). */
export interface MonthlySales extends SalesBreakdowns {
  month: string;
  period: { from: string; to: string };
  closed: boolean;
  totals: SalesTotals;
  previousMonth: SalesComparison;
  lastYear: SalesComparison;
}

/** `GET /api/reports/weekly` (functions/src/domain/reports/weekly-sales.ts): a Monday–Sunday week, laid out as 月報. */
export interface WeeklySales extends SalesBreakdowns {
  /** The Monday it begins on. */
  week: string;
  period: { from: string; to: string };
  closed: boolean;
  totals: SalesTotals;
  previousWeek: { week: string; totals: SalesTotals; change: SalesChange };
  lastYear: { week: string; totals: SalesTotals; change: SalesChange };
}

/** How a change reads on a card: ▲ up, ▼ down, nothing beside an empty earlier month. */
export function changeMark(change: number | null): { arrow: '▲' | '▼' | ''; text: string; trend: 'up' | 'down' | 'flat' | 'none' } {
  if (change === null) return { arrow: '', text: '—', trend: 'none' };
  if (change === 0) return { arrow: '', text: '0%', trend: 'flat' };
  return { arrow: change > 0 ? '▲' : '▼', text: `${Math.abs(change).toFixed(1)}%`, trend: change > 0 ? 'up' : 'down' };
}

/** The month's share of a total in percent, one decimal (0 of nothing). */
export const shareOf = (part: number, whole: number): string => (whole === 0 ? '0.0%' : `${((part * 100) / whole).toFixed(1)}%`);

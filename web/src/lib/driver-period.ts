/**
 * The shape of 配送失敗 and 司機統計 (`GET /api/settlements/period`, functions/src/domain/reports/driver-period.ts) and the
 * periods the page asks for; pure, so the browser test reads it in node.
 */
import type { SizeQuantity } from './types';
import { addDays } from './format';

export interface FailedDelivery {
  date: string;
  orderId: string;
  driverId: string;
  driverName: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  district: string;
  /** A failure reason code or the words the driver typed (`reasonText`). */
  reason: string;
  /** The driver's words beside a picked reason. */
  note?: string;
  outcome: 'delivered' | 'rescheduled' | 'cancelled' | 'failed_again' | 'open';
  /** The day a rescheduled order is booked for now, or the day it failed again on (`date` when tried again that day). */
  outcomeDate: string | null;
}

export interface DriverFigures {
  driverId: string;
  driverName: string;
  deliveries: number;
  collections: number;
  cylinders: SizeQuantity[];
  revenue: number;
  workingDays: number;
  deliveriesPerDay: number;
  failed: number;
  cash: { month: string; difference: number; unsettledDays: number }[];
}

export interface DriverPeriod {
  from: string;
  to: string;
  failed: FailedDelivery[];
  failedByReason: { reason: string; count: number }[];
  failedByDriver: { driverId: string; driverName: string; count: number }[];
  drivers: DriverFigures[];
  cashMonths: string[];
}

export interface Period {
  from: string;
  to: string;
}

/** The Monday–Sunday week `day` falls in, ending today at the latest (the running week so far). */
export function weekPeriod(day: string, today: string): Period {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(day, -weekday);
  const to = addDays(from, 6);
  return { from, to: to < today ? to : today };
}

/** The calendar month `month` (`YYYY-MM`), ending today at the latest. */
export function monthPeriod(month: string, today: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const to = addDays(next, -1);
  return { from: `${month}-01`, to: to < today ? to : today };
}

import type { CylinderSize } from '../cylinders';
import type { Order } from '../orders/order';
import type { ChurnCall, ChurnCallOutcome } from './churn-call';

/** The months of a customer's deliveries, up to and including their last, that say what they used to buy. */
export const STAKE_MONTHS = 6;

/** What a customer at churn risk used to buy a month: what the office stands to lose. */
export interface ValueAtStake {
  /** Calendar months averaged over: from their first delivery in the window (a newer customer has fewer), at most `STAKE_MONTHS`. */
  readonly months: number;
  readonly bySize: readonly { readonly size: CylinderSize; readonly perMonth: number }[];
  /** NT$ a month, whole dollars. */
  readonly perMonth: number;
}

export type StakeOrder = Pick<Order, 'status' | 'requestedDate' | 'items' | 'total'>;

const monthOf = (date: string): string => date.slice(0, 7);
const monthsBetween = (from: string, to: string): number => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
};

/** The first day of the `STAKE_MONTHS` calendar months ending with the month of `lastDelivered`: what `valueAtStake` averages over. */
export function stakeWindowStart(lastDelivered: string): string {
  const [year, month] = lastDelivered.split('-').map(Number) as [number, number];
  const first = year * 12 + (month - 1) - (STAKE_MONTHS - 1);
  return `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}-01`;
}

const lastDelivered = (delivered: readonly StakeOrder[]): string | null =>
  delivered.reduce<string | null>((latest, order) => (latest === null || order.requestedDate > latest ? order.requestedDate : latest), null);

/**
 * The day to read a customer's delivered orders from for `valueAtStake` when their window begins before `since`, the
 * first day of the orders in hand (a customer last delivered ten months before a year's read needs the months before
 * it); null when the orders in hand cover it, or the customer was never delivered in them.
 */
export function stakeReadFrom(orders: readonly StakeOrder[], since: string): string | null {
  const last = lastDelivered(orders.filter((order) => order.status === 'delivered'));
  if (last === null) return null;
  const start = stakeWindowStart(last);
  return start < since ? start : null;
}

/**
 * Cylinders by size and NT$ a month over the customer's last active months: the delivered orders (their priced lines,
 * what was left at the door) in the `STAKE_MONTHS` calendar months ending with the month of their last delivery, averaged
 * over the months from their first delivery in that window. Measured back from the last delivery, not from today, so a
 * customer gone since March is valued by what they bought until March. Null for a customer never delivered.
 */
export function valueAtStake(orders: readonly StakeOrder[]): ValueAtStake | null {
  const delivered = orders.filter((order) => order.status === 'delivered');
  const last = lastDelivered(delivered);
  if (last === null) return null;
  const start = stakeWindowStart(last);
  const inWindow = delivered.filter((order) => order.requestedDate >= start);
  const first = inWindow.reduce((earliest, order) => (monthOf(order.requestedDate) < earliest ? monthOf(order.requestedDate) : earliest), monthOf(last));
  const months = monthsBetween(first, monthOf(last));
  const cylinders = new Map<CylinderSize, number>();
  for (const line of inWindow.flatMap((order) => order.items)) cylinders.set(line.size, (cylinders.get(line.size) ?? 0) + line.quantity);
  return {
    months,
    bySize: [...cylinders]
      .sort(([a], [b]) => a - b)
      .map(([size, quantity]) => ({ size, perMonth: Math.round((quantity / months) * 10) / 10 })),
    perMonth: Math.round(inWindow.reduce((sum, order) => sum + order.total, 0) / months),
  };
}

/**
 * The owner's default order of the list: the NT$ a month expected to be lost, risk times what they bought. A restaurant
 * at 80 % buying NT$6,000 a month comes before a household at 99 % buying NT$900.
 */
export const expectedLoss = (risk: number, stake: Pick<ValueAtStake, 'perMonth'> | null): number => risk * (stake?.perMonth ?? 0);

export type WinBackOrder = Pick<Order, 'source' | 'status' | 'createdAt'>;

/**
 * Won back: the customer placed an order since the call. The nightly job's suggestion is not theirs, and an order they
 * cancelled brought nothing back.
 */
export const wonBackSince = (at: string, orders: readonly WinBackOrder[]): boolean =>
  orders.some((order) => order.source !== 'forecast' && order.status !== 'cancelled' && order.createdAt >= at);

export interface ChurnCallSummary {
  /** Customers called in the month (however often). */
  readonly called: number;
  /** Of them, those any call reached (every outcome but no answer). */
  readonly reached: number;
  /** Of them, those who ordered since their first call of the month (`wonBackSince`). */
  readonly wonBack: number;
  /** Per outcome of each customer's latest call in the month: customers, and of them won back. */
  readonly byOutcome: readonly { readonly outcome: ChurnCallOutcome; readonly called: number; readonly wonBack: number }[];
}

/** What a month's calls achieved, counted by customer: the calls of the month and the called customers' orders since. */
export function churnCallSummary(
  calls: readonly Pick<ChurnCall, 'customerId' | 'outcome' | 'at'>[],
  ordersOf: ReadonlyMap<string, readonly WinBackOrder[]>,
  outcomes: readonly ChurnCallOutcome[],
): ChurnCallSummary {
  const customers = new Map<string, { first: string; latest: { at: string; outcome: ChurnCallOutcome }; reached: boolean }>();
  for (const call of calls) {
    const seen = customers.get(call.customerId);
    const reached = call.outcome !== 'no_answer';
    if (!seen) customers.set(call.customerId, { first: call.at, latest: call, reached });
    else
      customers.set(call.customerId, {
        first: call.at < seen.first ? call.at : seen.first,
        latest: call.at > seen.latest.at ? call : seen.latest,
        reached: seen.reached || reached,
      });
  }
  const rows = [...customers].map(([customerId, c]) => ({ outcome: c.latest.outcome, reached: c.reached, wonBack: wonBackSince(c.first, ordersOf.get(customerId) ?? []) }));
  return {
    called: rows.length,
    reached: rows.filter((r) => r.reached).length,
    wonBack: rows.filter((r) => r.wonBack).length,
    byOutcome: outcomes.map((outcome) => {
      const of = rows.filter((r) => r.outcome === outcome);
      return { outcome, called: of.length, wonBack: of.filter((r) => r.wonBack).length };
    }),
  };
}

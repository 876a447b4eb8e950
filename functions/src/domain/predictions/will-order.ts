import type { ChurnCall } from '../customers/churn-call';

/**
 * How long a customer's word on the phone that they will order (會訂購) holds, in days from the call: their usual
 * interval between orders (the prediction's `expectedIntervalDays`, the window they were predicted to order in), at
 * least a week to get round to it and at most a month, past which nobody is still waiting on the promise.
 */
export const WILL_ORDER_HOLD_DAYS = { min: 7, max: 30 } as const;

/**
 * Whether the office's latest call to a customer (`lastCallByCustomer`) has them saying they will order, and that is
 * still to be believed. While it holds, the churn list does not raise them again (the call was made, nothing to redo)
 * and the nightly job suggests their order whatever the churn score, which falls only once an order is placed and
 * scored; once it passes without one, the score rules again. A later call with another outcome replaces the word.
 */
export function willOrderHolds(lastCall: Pick<ChurnCall, 'outcome' | 'at'>, expectedIntervalDays: number, now: Date): boolean {
  if (lastCall.outcome !== 'will_order') return false;
  const days = Math.min(WILL_ORDER_HOLD_DAYS.max, Math.max(WILL_ORDER_HOLD_DAYS.min, Math.ceil(expectedIntervalDays)));
  return now.getTime() < Date.parse(lastCall.at) + days * 86_400_000;
}

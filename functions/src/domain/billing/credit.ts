/**
 * Credit (溢收) taken away after a refund paid it back. A refund never pays back more than the credit at the time; voiding
 * the payment, or cancelling the allowance, that made that credit afterwards would leave the refund paid out of money
 * nobody paid in, so that is refused until the refund is dealt with (voided, when it was a mistake too).
 */
import { conflict } from '../errors';
import { cancelStillUnderWay } from './books';
import type { Refund } from './refund';
import { balanceOf, type AccountSums } from './statement';

/** Something that made credit: what it counts for, and when it was recorded. */
export interface CreditMade {
  /** Its record's id: an allowance's own cancel, marked while the issuer works, is not counted against it twice. */
  readonly id?: string;
  readonly amount: number;
  readonly at: string;
}

/** An allowance's cancel with the e-invoice issuer, as the customer's credit guard marks it: its amount, and since when. */
export interface CreditCancelMark {
  readonly amount: number;
  readonly since: string;
}

/**
 * What the allowances whose cancel is under way take away, but `except`'s own: a mark older than `CANCEL_HOLD_MS` was left
 * by a process that died between the cancel's check and its write, and no longer holds that credit back (as it no longer
 * holds a close of the books). A mark without `since` was written before marks had one: long stale.
 */
export function creditCancelling(marks: Readonly<Record<string, CreditCancelMark>>, now: Date, except?: string): number {
  return Object.entries(marks).reduce((sum, [id, mark]) => (id === except || !cancelStillUnderWay(mark.since, now) ? sum : sum + mark.amount), 0);
}

/** The account with allowances whose cancel is under way (worth `cancelling`) already taken off, as they soon will be. */
export const withoutCancelling = (sums: AccountSums, cancelling: number): AccountSums => (cancelling === 0 ? sums : { ...sums, allowances: sums.allowances - cancelling });

/** The last refund that counts recorded after `made`: the latest that may have paid back the credit it made. */
export function lastRefundAfter(refunds: readonly Refund[], made: CreditMade): Refund | undefined {
  return refunds.filter((r) => r.status === 'paid' && r.at > made.at).reduce<Refund | undefined>((last, r) => (last && last.at >= r.at ? last : r), undefined);
}

/**
 * `accountThen`: the account as it stood when `refund` was paid — everything recorded now, but deliveries only those
 * before that refund, since a later delivery uses credit up in its own right and says nothing about the refund. Without
 * `made` that account must not owe, or the refund paid out of `made`'s credit.
 * @throws `code` (conflict) with `amount` (made's) and `refunded` (the refund's amount) when it would owe.
 */
export function assertCreditNotRefunded(code: string, made: CreditMade, refund: Refund, accountThen: AccountSums): void {
  const owed = balanceOf(accountThen) + made.amount;
  if (owed > 0) throw conflict(code, `A refund of ${refund.amount} on ${refund.paidOn} paid back credit this ${made.amount} made`, { amount: made.amount, refunded: refund.amount, refundId: refund.id, paidOn: refund.paidOn });
}

import { FieldValue, type AggregateQuery, type AggregateSpec, type DocumentData, type Firestore, type Transaction } from '@google-cloud/firestore';
import { creditCancelling, type CreditCancelMark } from '../../domain/billing';

const CREDIT_GUARDS = 'creditGuards';

/**
 * `creditGuards/{customerId}` (server-only): `{ version, cancelling? }`, read and written by every transaction that
 * checks a customer's credit (溢收) and by every one that pays it out or takes it away — a refund, a payment voided, an
 * allowance cancelled — so Firestore runs them one after the other. The sums they check cannot be guarded otherwise: a
 * summed query in a transaction locks the documents it matched, not the range, so a payment voided meanwhile would not
 * make the refund retry. Created by the first such write: a customer without one has had none.
 *
 * `cancelling` maps an allowance id to its amount and since when (`{ amount, since }`) while its cancel is with the
 * e-invoice issuer: marked in a transaction before the issuer is asked, removed in the one that writes the cancel (or
 * after the issuer refused). Every guarded check counts those amounts as already gone, so a refund recorded while the
 * issuer works cannot spend the credit the cancel takes away, and the cancel's write never refuses what the issuer has
 * already done. A mark left by a process that died meanwhile holds that credit back for `CANCEL_HOLD_MS` at most
 * (`creditCancelling`), as the books' mark holds a close. `since` is this server's clock, not the container's: it
 * measures how long a process has been gone.
 */
export interface CreditGuard {
  /** What the allowances being cancelled take away, but `except`'s own (stale marks left out: `creditCancelling`). */
  cancelling(except?: string): number;
  /** Writes the next version, once the transaction has done its reads; `marks` sets (an amount) or removes (null) cancels. */
  write(marks?: Readonly<Record<string, number | null>>): void;
}

export async function guardCredit(db: Firestore, tx: Transaction, customerId: string): Promise<CreditGuard> {
  const ref = db.collection(CREDIT_GUARDS).doc(customerId);
  const snap = await tx.get(ref);
  const version = (snap.get('version') as number | undefined) ?? 0;
  const cancelling = (snap.get('cancelling') as Record<string, CreditCancelMark> | undefined) ?? {};
  return {
    cancelling: (except) => creditCancelling(cancelling, new Date(), except),
    write(marks = {}) {
      const since = new Date().toISOString();
      const changes = Object.fromEntries(Object.entries(marks).map(([id, amount]) => [id, amount === null ? FieldValue.delete() : ({ amount, since } satisfies CreditCancelMark)]));
      tx.set(ref, { version: version + 1, ...(Object.keys(changes).length > 0 ? { cancelling: changes } : {}) }, { merge: true });
    },
  };
}

/** An aggregate read in the transaction given, or on its own. */
export const aggregateIn = <T extends AggregateSpec>(tx: Transaction | undefined, q: AggregateQuery<T, DocumentData, DocumentData>) => (tx ? tx.get(q) : q.get());

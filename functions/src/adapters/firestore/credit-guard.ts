import type { AggregateQuery, AggregateSpec, DocumentData, Firestore, Transaction } from '@google-cloud/firestore';

const CREDIT_GUARDS = 'creditGuards';

/**
 * `creditGuards/{customerId}` (server-only): `{ version }`, read and written by every transaction that checks a
 * customer's credit (溢收) and by every one that pays it out or takes it away — a refund, a payment voided, an allowance
 * cancelled — so Firestore runs them one after the other. The sums they check cannot be guarded otherwise: a summed query
 * in a transaction locks the documents it matched, not the range, so a payment voided meanwhile would not make the refund
 * retry. Created by the first such write: a customer without one has had none.
 * Returns the write to make once the transaction has done its reads.
 */
export async function guardCredit(db: Firestore, tx: Transaction, customerId: string): Promise<() => void> {
  const ref = db.collection(CREDIT_GUARDS).doc(customerId);
  const version = ((await tx.get(ref)).get('version') as number | undefined) ?? 0;
  return () => tx.set(ref, { version: version + 1 });
}

/** An aggregate read in the transaction given, or on its own. */
export const aggregateIn = <T extends AggregateSpec>(tx: Transaction | undefined, q: AggregateQuery<T, DocumentData, DocumentData>) => (tx ? tx.get(q) : q.get());

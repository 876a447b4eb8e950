import { AggregateField, type DocumentData, type Firestore, type Transaction } from '@google-cloud/firestore';
import { assertCreditNotRefunded, lastRefundAfter, withoutCancelling, type AccountSums, type CreditMade, type Refund } from '../../domain/billing';
import { runContendedTransaction } from './contended-transaction';
import { firestoreBooksStore } from './books-store';
import { aggregateIn, guardCredit } from './credit-guard';
import { customerRecords } from './customer-records';

/**
 * `refunds/{id}`: what the office paid back to customers, as it was recorded; voided, never deleted. Server-only
 * (firestore.rules give clients nothing). Composite indexes in firestore.indexes.json: (customerId, paidOn) for a
 * customer's list, (customerId, status, paidOn, amount) for a month's paid refunds and the sum before a day.
 */
export function firestoreRefundStore(db: Firestore) {
  const { col, mutate } = customerRecords<Refund>(db, 'refunds', 'REFUND.NOT_FOUND');
  const paid = (customerId: string) => col.where('customerId', '==', customerId).where('status', '==', 'paid');
  const sumOf = (customerId: string, before: string) => paid(customerId).where('paidOn', '<', before).aggregate({ amount: AggregateField.sum('amount') });
  const books = firestoreBooksStore(db);
  return {
    /**
     * Voids a refund (`change`, which answers one already voided as it is); one dated in the closed books is refused,
     * the books-closed date read in the same transaction.
     * @throws `REFUND.NOT_FOUND`; `REFUND.VOID_BOOKS_CLOSED` (nothing written).
     */
    void: (customerId: string, id: string, change: (current: Refund) => Refund): Promise<Refund> =>
      mutate(customerId, id, change, (tx, current) => books.assertOpen(tx, current.paidOn, 'REFUND.VOID_BOOKS_CLOSED', 'paidOn')),

    /**
     * Stores the refund `build` makes from the customer's account (`account`, read in the same transaction) under the
     * customer's credit guard (credit-guard.ts), so neither another refund nor a payment voided at the same time can
     * change the credit it spends (nor an allowance's cancel with the issuer: its amount counts as gone), and refused
     * when dated in the closed books (the date read in the same transaction).
     * A refund stored under the id before (a retried request) is answered as it is, unchecked: its own amount is already
     * spent.
     * @throws what `build` throws; `REFUND.BOOKS_CLOSED` (nothing written).
     */
    async create(customerId: string, id: string, account: (tx: Transaction) => Promise<AccountSums>, build: (account: AccountSums) => Refund): Promise<Refund> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as Refund;
        const guard = await guardCredit(db, tx, customerId);
        const refund = build(withoutCancelling(await account(tx), guard.cancelling()));
        await books.assertOpen(tx, refund.paidOn, 'REFUND.BOOKS_CLOSED', 'paidOn');
        tx.create(ref, refund as unknown as DocumentData);
        guard.write();
        return refund;
      });
    },

    /**
     * Refuses (`code`, see `assertCreditNotRefunded`) taking away the credit `made` made when a refund recorded since paid
     * it back; `account` reads the account, deliveries only before the instant given, in `tx`, under the customer's
     * credit guard, so no refund is recorded meanwhile; other allowances' cancels under way count as done. `cancel`
     * marks `made` (an allowance) as being cancelled ('hold', before the issuer is asked) or takes the mark away
     * ('release', in the cancel's write). A customer has a handful of refunds: they are read whole.
     */
    async keepCredit(
      customerId: string,
      code: string,
      made: CreditMade,
      account: (tx: Transaction, deliveredBefore: string) => Promise<AccountSums>,
      tx: Transaction,
      cancel?: 'hold' | 'release',
    ): Promise<void> {
      const guard = await guardCredit(db, tx, customerId);
      const refunds = (await tx.get(paid(customerId))).docs.map((d) => d.data() as Refund);
      const refund = lastRefundAfter(refunds, made);
      if (refund) assertCreditNotRefunded(code, made, refund, withoutCancelling(await account(tx, refund.at), guard.cancelling(made.id)));
      guard.write(cancel && made.id ? { [made.id]: cancel === 'hold' ? made.amount : null } : {});
    },

    /** Takes away the mark of an allowance's cancel the issuer refused (or whose write failed): its credit counts again. */
    async releaseCancel(customerId: string, allowanceId: string): Promise<void> {
      await runContendedTransaction(db, async (tx) => (await guardCredit(db, tx, customerId)).write({ [allowanceId]: null }));
    },

    /** A customer's refunds, voided ones too, by the day paid. */
    async ofCustomer(customerId: string): Promise<Refund[]> {
      const snap = await col.where('customerId', '==', customerId).orderBy('paidOn').get();
      return snap.docs.map((d) => d.data() as Refund).sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.at.localeCompare(b.at));
    },

    /** Every customer's refunds, voided ones too, paid between two days (both inclusive), at most `limit`: the month's journal (its single-field index on `paidOn`). */
    async allBetween(firstDay: string, lastDay: string, limit: number): Promise<Refund[]> {
      const snap = await col.where('paidOn', '>=', firstDay).where('paidOn', '<=', lastDay).orderBy('paidOn').limit(limit).get();
      return snap.docs.map((d) => d.data() as Refund);
    },

    /** The refunds that count, paid between two days (both inclusive). */
    async paidBetween(customerId: string, firstDay: string, lastDay: string): Promise<Refund[]> {
      const snap = await paid(customerId).where('paidOn', '>=', firstDay).where('paidOn', '<=', lastDay).get();
      return snap.docs.map((d) => d.data() as Refund);
    },

    /** The sum of the refunds that count paid before a day, as one aggregate query (no documents read), in `tx` when given. */
    async sumPaidBefore(customerId: string, day: string, tx?: Transaction): Promise<number> {
      return (await aggregateIn(tx, sumOf(customerId, day))).data().amount;
    },
  };
}

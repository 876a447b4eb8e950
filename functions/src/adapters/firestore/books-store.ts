import { FieldValue, type DocumentData, type Firestore, type Transaction } from '@google-cloud/firestore';
import { assertBooksOpen, type BooksClosedCode, type BooksClosing, type CancelUnderWay } from '../../domain/billing';
import { runContendedTransaction } from './contended-transaction';

/**
 * `settings/books`: the books-closed date (關帳日, domain/billing/books.ts), server-only (firestore.rules give clients
 * nothing). Every money write reads it in its own transaction (`assertOpen`), so a close and a write dated in the month
 * it closes cannot both commit: whichever comes second sees the other.
 *
 * `settings/booksCancels` (server-only): `{ [allowanceId]: { day, since } }`, the allowance cancels with the e-invoice
 * issuer (`holdCancel`), which a close reads in its transaction: the check before the issuer is asked and the write after
 * it are two transactions, and a close landing between them would make the write refuse what the issuer has done.
 */
export function firestoreBooksStore(db: Firestore) {
  const ref = db.collection('settings').doc('books');
  const cancelsRef = db.collection('settings').doc('booksCancels');
  const read = async (tx?: Transaction) => ((await (tx ? tx.get(ref) : ref.get())).data() as BooksClosing | undefined);
  return {
    get: () => read(),

    /** The books-closed date read in `tx`, for a write that books a late record after it rather than refusing it. */
    closedThrough: async (tx: Transaction): Promise<string | undefined> => (await read(tx))?.closedThrough,

    /** @throws `code` (see `assertBooksOpen`) for `day` on or before the books-closed date, read in `tx`. */
    async assertOpen(tx: Transaction, day: string, code: BooksClosedCode, path: string): Promise<void> {
      assertBooksOpen((await read(tx))?.closedThrough, day, code, path);
    },

    /**
     * Refuses an allowance cancel of `day` in the closed books (`ALLOWANCE.CANCEL_BOOKS_CLOSED`), read in `tx`, and
     * answers the write that marks it as with the issuer (`hold`, until a close may pass it by: `CANCEL_HOLD_MS`) or
     * takes the mark away (`release`), to make once the transaction has done its other reads.
     */
    async allowanceCancel(tx: Transaction, allowanceId: string, day: string): Promise<{ hold(now: Date): void; release(): void }> {
      assertBooksOpen((await read(tx))?.closedThrough, day, 'ALLOWANCE.CANCEL_BOOKS_CLOSED', 'issuedAt');
      return {
        hold: (now) => tx.set(cancelsRef, { [allowanceId]: { day, since: now.toISOString() } satisfies CancelUnderWay }, { merge: true }),
        release: () => tx.set(cancelsRef, { [allowanceId]: FieldValue.delete() }, { merge: true }),
      };
    },

    /** Takes away an allowance cancel's mark (the issuer refused it, or its write failed). */
    async releaseCancel(allowanceId: string): Promise<void> {
      await cancelsRef.set({ [allowanceId]: FieldValue.delete() }, { merge: true });
    },

    /**
     * Stores what `change` makes of the closing and the cancels under way, in one transaction; an unchanged one is not
     * rewritten.
     */
    async change(change: (current: BooksClosing | undefined, cancelsUnderWay: CancelUnderWay[]) => BooksClosing): Promise<BooksClosing> {
      return runContendedTransaction(db, async (tx) => {
        const [current, cancels] = await Promise.all([read(tx), tx.get(cancelsRef)]);
        const next = change(current, Object.values((cancels.data() ?? {}) as Record<string, CancelUnderWay>));
        if (next !== current) tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },
  };
}

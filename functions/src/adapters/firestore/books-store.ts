import type { DocumentData, Firestore, Transaction } from '@google-cloud/firestore';
import { assertBooksOpen, type BooksClosedCode, type BooksClosing } from '../../domain/billing';

/**
 * `settings/books`: the books-closed date (關帳日, domain/billing/books.ts), server-only (firestore.rules give clients
 * nothing). Every money write reads it in its own transaction (`assertOpen`), so a close and a write dated in the month
 * it closes cannot both commit: whichever comes second sees the other.
 */
export function firestoreBooksStore(db: Firestore) {
  const ref = db.collection('settings').doc('books');
  const read = async (tx?: Transaction) => ((await (tx ? tx.get(ref) : ref.get())).data() as BooksClosing | undefined);
  return {
    get: () => read(),

    /** The books-closed date read in `tx`, for a write that books a late record after it rather than refusing it. */
    closedThrough: async (tx: Transaction): Promise<string | undefined> => (await read(tx))?.closedThrough,

    /** @throws `code` (see `assertBooksOpen`) for `day` on or before the books-closed date, read in `tx`. */
    async assertOpen(tx: Transaction, day: string, code: BooksClosedCode, path: string): Promise<void> {
      assertBooksOpen((await read(tx))?.closedThrough, day, code, path);
    },

    /** Stores what `change` makes of the closing, in one transaction; an unchanged one is not rewritten. */
    async change(change: (current: BooksClosing | undefined) => BooksClosing): Promise<BooksClosing> {
      return db.runTransaction(async (tx) => {
        const current = await read(tx);
        const next = change(current);
        if (next !== current) tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },
  };
}

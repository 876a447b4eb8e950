import type { Firestore, Transaction } from '@google-cloud/firestore';

/** How many times a transaction closed under contention is run again before the error is passed on. */
const ATTEMPTS = 5;

/**
 * The Firestore emulator closes a transaction that waited too long for a lock held by another one and answers its next
 * read with INVALID_ARGUMENT "Transaction is invalid or closed", which the client library does not retry (production
 * answers ABORTED, which it does). Every transaction of the stores runs through here, so the whole transaction runs again,
 * as the library would on ABORTED: which documents many requests write at once (an invoice book, a price entry's
 * repricing count, a depot's day's lock) depends on load, not on the store. The function must be free of side effects
 * outside the transaction, as the library's own retry needs already.
 */
export const runContendedTransaction = <T>(db: Firestore, work: (tx: Transaction) => Promise<T>): Promise<T> =>
  retryClosedTransaction(() => db.runTransaction(work));

/** Runs `transaction` again while it fails as a transaction closed under contention, up to five times in all. */
export async function retryClosedTransaction<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isClosedTransaction(error)) throw error;
    }
  }
}

const isClosedTransaction = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 3 && /transaction is invalid or closed/i.test(String((error as { message?: unknown }).message));

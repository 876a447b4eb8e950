import type { DocumentData, Firestore, Transaction } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { EventPublisher, OutboxEntry } from '../../domain/events';
import { runContendedTransaction } from './contended-transaction';
import { publishOutbox, writeOutbox } from './outbox';

/**
 * Records that belong to one customer and are kept, not deleted (complaints, payments): stored once per
 * id, so a retried request gets the record stored the first time; changed in a transaction, where
 * another customer's record is "not found", like a missing one, and an unchanged one is not rewritten.
 */
export function customerRecords<T extends { readonly id: string; readonly customerId: string }>(db: Firestore, collection: string, notFoundCode: string) {
  const col = db.collection(collection);
  return {
    col,

    /**
     * `announce`: events written with a new record in its transaction and published after it (the outbox
     * sweeper catches what that misses); a record stored before announces nothing again. `check`: reads (and refusals)
     * in the transaction before a new record is written.
     */
    async create(
      record: T,
      announce?: { readonly events: readonly OutboxEntry[]; readonly publisher: EventPublisher; readonly now: Date },
      check?: (tx: Transaction) => Promise<void>,
    ): Promise<T> {
      const { stored, created } = await runContendedTransaction(db, async (tx) => {
        const ref = col.doc(record.id);
        const existing = await tx.get(ref);
        if (existing.exists) return { stored: existing.data() as T, created: false };
        await check?.(tx);
        tx.create(ref, record as unknown as DocumentData);
        if (announce) writeOutbox(db, tx, announce.events, announce.now);
        return { stored: record, created: true };
      });
      if (created && announce) await publishOutbox(db, announce.publisher, announce.events.map((e) => e.event.id));
      return stored;
    },

    /**
     * `alongside`: more reads (and checks) and writes in the transaction, made only when the record changes; a document
     * other writers share (a credit guard) may close it under contention on the emulator, hence the contended run.
     */
    async mutate(customerId: string, id: string, change: (current: T) => T, alongside?: (tx: Transaction, current: T, next: T) => Promise<void>): Promise<T> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        const current = (await tx.get(ref)).data() as T | undefined;
        if (!current || current.customerId !== customerId) throw notFound(notFoundCode, `${collection}/${id} not found`, { id });
        const next = change(current);
        if (next === current) return current;
        await alongside?.(tx, current, next);
        tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },
  };
}

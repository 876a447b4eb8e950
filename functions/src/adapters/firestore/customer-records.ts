import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';

/**
 * Records that belong to one customer and are kept, not deleted (complaints, payments): stored once per
 * id, so a retried request gets the record stored the first time; changed in a transaction, where
 * another customer's record is "not found", like a missing one, and an unchanged one is not rewritten.
 */
export function customerRecords<T extends { readonly id: string; readonly customerId: string }>(db: Firestore, collection: string, notFoundCode: string) {
  const col = db.collection(collection);
  return {
    col,

    async create(record: T): Promise<T> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(record.id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as T;
        tx.create(ref, record as unknown as DocumentData);
        return record;
      });
    },

    async mutate(customerId: string, id: string, change: (current: T) => T): Promise<T> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const current = (await tx.get(ref)).data() as T | undefined;
        if (!current || current.customerId !== customerId) throw notFound(notFoundCode, `${collection}/${id} not found`, { id });
        const next = change(current);
        if (next !== current) tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },
  };
}

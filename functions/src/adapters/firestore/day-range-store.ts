import type { DocumentData, Firestore } from '@google-cloud/firestore';
import type { DomainError } from '../../domain/errors';
import { runContendedTransaction } from './contended-transaction';

/** A record holding on the Taipei days `from`–`to`, entered by staff through the API (需求調整, 延長工時). */
interface DayRangeRecord {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly createdAt: string;
}

/** One collection of such records; `missing` is the 404 a removal of an unknown id answers. */
export function firestoreDayRangeStore<T extends DayRangeRecord>(db: Firestore, collection: string, missing: (id: string) => DomainError) {
  const col = db.collection(collection);
  return {
    /** Stored once per id, so a retried request keeps the first. */
    async create(record: T): Promise<T> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(record.id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as T;
        tx.create(ref, record as unknown as DocumentData);
        return record;
      });
    },

    /** Those still holding on or after `day`, by first day then entry (single-field range: no composite index). */
    async endingOnOrAfter(day: string): Promise<T[]> {
      const snap = await col.where('to', '>=', day).get();
      return snap.docs.map((d) => d.data() as T).sort((a, b) => a.from.localeCompare(b.from) || a.createdAt.localeCompare(b.createdAt));
    },

    async remove(id: string): Promise<T> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        const snap = await tx.get(ref);
        if (!snap.exists) throw missing(id);
        tx.delete(ref);
        return snap.data() as T;
      });
    },
  };
}

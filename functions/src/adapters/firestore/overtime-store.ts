import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { Overtime } from '../../domain/fleet/overtime';

/** `overtimes/{id}`: the days drivers work past their shift (延長工時); written by admins through the API only. */
export function firestoreOvertimeStore(db: Firestore) {
  const col = db.collection('overtimes');
  return {
    /** Stored once per id, so a retried request keeps the first. */
    async create(overtime: Overtime): Promise<Overtime> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(overtime.id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as Overtime;
        tx.create(ref, overtime as unknown as DocumentData);
        return overtime;
      });
    },

    /** Those still holding on or after `day`, by start (single-field range: no composite index). */
    async endingOnOrAfter(day: string): Promise<Overtime[]> {
      const snap = await col.where('to', '>=', day).get();
      return snap.docs.map((d) => d.data() as Overtime).sort((a, b) => a.from.localeCompare(b.from) || a.createdAt.localeCompare(b.createdAt));
    },

    async remove(id: string): Promise<Overtime> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const snap = await tx.get(ref);
        if (!snap.exists) throw notFound('OVERTIME.NOT_FOUND', `Overtime ${id} not found`);
        tx.delete(ref);
        return snap.data() as Overtime;
      });
    },
  };
}

import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { DemandAdjustment } from '../../domain/predictions/demand-adjustment';

/** `demandAdjustments/{id}`: the factors staff put on days of the outlook (需求調整); server only. */
export function firestoreDemandAdjustmentStore(db: Firestore) {
  const col = db.collection('demandAdjustments');
  return {
    /** Stored once per id, so a retried request keeps the first. */
    async create(adjustment: DemandAdjustment): Promise<DemandAdjustment> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(adjustment.id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as DemandAdjustment;
        tx.create(ref, adjustment as unknown as DocumentData);
        return adjustment;
      });
    },

    /** Those still holding on or after `day` (single-field range: no composite index). */
    async endingOnOrAfter(day: string): Promise<DemandAdjustment[]> {
      const snap = await col.where('to', '>=', day).get();
      return snap.docs.map((d) => d.data() as DemandAdjustment);
    },

    async remove(id: string): Promise<DemandAdjustment> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const snap = await tx.get(ref);
        if (!snap.exists) throw notFound('DEMAND_ADJUSTMENT.NOT_FOUND', `Demand adjustment ${id} not found`);
        tx.delete(ref);
        return snap.data() as DemandAdjustment;
      });
    },
  };
}

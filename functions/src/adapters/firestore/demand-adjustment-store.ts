import type { Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { DemandAdjustment } from '../../domain/predictions/demand-adjustment';
import { firestoreDayRangeStore } from './day-range-store';

/** `demandAdjustments/{id}`: the factors staff put on days of the outlook (需求調整); server only. */
export function firestoreDemandAdjustmentStore(db: Firestore) {
  return firestoreDayRangeStore<DemandAdjustment>(db, 'demandAdjustments', (id) => notFound('DEMAND_ADJUSTMENT.NOT_FOUND', `Demand adjustment ${id} not found`));
}

import type { Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { Overtime } from '../../domain/fleet/overtime';
import { firestoreDayRangeStore } from './day-range-store';

/** `overtimes/{id}`: the days drivers work past their shift (延長工時); written by admins through the API only. */
export function firestoreOvertimeStore(db: Firestore) {
  return firestoreDayRangeStore<Overtime>(db, 'overtimes', (id) => notFound('OVERTIME.NOT_FOUND', `Overtime ${id} not found`));
}

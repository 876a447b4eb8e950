import type { Firestore } from '@google-cloud/firestore';
import type { Complaint } from '../../domain/customers';
import { customerRecords } from './customer-records';

/** `complaints/{id}`: complaints as the office recorded them, never edited. */
export function firestoreComplaintStore(db: Firestore) {
  const { col, create, mutate } = customerRecords<Complaint>(db, 'complaints', 'COMPLAINT.NOT_FOUND');
  return {
    create,
    mutate,

    /**
     * One customer's complaints, newest first. A single-field query (no composite index): a customer
     * has a handful, so they are sorted here.
     */
    async ofCustomer(customerId: string, limit: number): Promise<Complaint[]> {
      const snap = await col.where('customerId', '==', customerId).get();
      return snap.docs
        .map((d) => d.data() as Complaint)
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, limit);
    },
  };
}

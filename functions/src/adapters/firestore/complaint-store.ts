import type { DocumentData, Firestore } from '@google-cloud/firestore';
import type { Complaint } from '../../domain/customers';
import { notFound } from '../../domain/errors';

/** `complaints/{id}`: complaints as the office recorded them, never edited. */
export function firestoreComplaintStore(db: Firestore) {
  const col = db.collection('complaints');
  return {
    /** Stores once per id: a retried request with the same id gets the complaint stored the first time. */
    async create(complaint: Complaint): Promise<Complaint> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(complaint.id);
        const existing = await tx.get(ref);
        if (existing.exists) return existing.data() as Complaint;
        tx.create(ref, complaint as unknown as DocumentData);
        return complaint;
      });
    },

    /**
     * Changes one of a customer's complaints in a transaction; another customer's complaint is
     * "not found", like a missing one.
     */
    async mutate(customerId: string, id: string, change: (current: Complaint) => Complaint): Promise<Complaint> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const snap = await tx.get(ref);
        const current = snap.data() as Complaint | undefined;
        if (!current || current.customerId !== customerId) throw notFound('COMPLAINT.NOT_FOUND', `Complaint ${id} not found`, { id });
        const next = change(current);
        tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },

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

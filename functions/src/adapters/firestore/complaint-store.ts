import type { Firestore } from '@google-cloud/firestore';
import { complaintView, type Complaint, type ComplaintView } from '../../domain/customers';
import type { Order } from '../../domain/orders';
import { customerRecords } from './customer-records';

/** `complaints/{id}`: complaints as the office recorded them, never edited. */
export function firestoreComplaintStore(db: Firestore) {
  const { col, create, mutate } = customerRecords<Complaint>(db, 'complaints', 'COMPLAINT.NOT_FOUND');
  return {
    create,
    mutate,

    /** `complaints` with the orders they name (`complaintView`), read at once. */
    async withOrders(complaints: readonly Complaint[]): Promise<ComplaintView[]> {
      const ids = [...new Set(complaints.flatMap((c) => (c.orderId ? [c.orderId] : [])))];
      const read = ids.length > 0 ? await db.getAll(...ids.map((id) => db.collection('orders').doc(id))) : [];
      const orders = new Map(read.flatMap((d) => (d.exists ? [[d.id, d.data() as Order] as const] : [])));
      return complaints.map((c) => complaintView(c, (c.orderId && orders.get(c.orderId)) || null));
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

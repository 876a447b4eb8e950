import type { Firestore } from '@google-cloud/firestore';
import type { ChurnAssignment, ChurnCall, ChurnCallOutcome } from '../../domain/customers';
import { customerRecords } from './customer-records';

/** Firestore's cap on the values of one `in` filter. */
const IN_LIMIT = 30;

/** `churnCalls/{id}`: the office's calls to customers at churn risk, kept as recorded. */
export function firestoreChurnCallStore(db: Firestore) {
  const { col, create } = customerRecords<ChurnCall>(db, 'churnCalls', 'CHURN_CALL.NOT_FOUND');
  /** All calls to these customers: a customer gets a handful, so the latest is picked by the caller. */
  async function ofCustomers(customerIds: readonly string[]): Promise<ChurnCall[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < customerIds.length; i += IN_LIMIT) chunks.push(customerIds.slice(i, i + IN_LIMIT));
    const snaps = await Promise.all(chunks.map((ids) => col.where('customerId', 'in', ids).get()));
    return snaps.flatMap((snap) => snap.docs.map((d) => d.data() as ChurnCall));
  }
  const assignments = db.collection('churnAssignments');
  return {
    create,

    /** Calls recorded at or after `from` and before `until` (instants; single-field range). */
    async between(from: string, until: string): Promise<ChurnCall[]> {
      const snap = await col.where('at', '>=', from).where('at', '<', until).get();
      return snap.docs.map((d) => d.data() as ChurnCall);
    },

    /** Customer id → who is to call them. A few hundred at most: the list's customers at risk. */
    async assignees(): Promise<Map<string, string>> {
      const snap = await assignments.select('assignee').get();
      return new Map(snap.docs.map((d) => [d.id, d.get('assignee') as string]));
    },

    /** Sets who is to call the customer, or (null) takes it off; the last word stands. */
    async assign(customerId: string, assignment: ChurnAssignment | null): Promise<void> {
      if (assignment === null) await assignments.doc(customerId).delete();
      else await assignments.doc(customerId).set(assignment);
    },

    /** Every call recorded at or after `since` (single-field range: no composite index). */
    async since(since: string): Promise<ChurnCall[]> {
      const snap = await col.where('at', '>=', since).get();
      return snap.docs.map((d) => d.data() as ChurnCall);
    },

    /** The customers any call had this outcome, whenever (single-field equality: no composite index). */
    async customersWithOutcome(outcome: ChurnCallOutcome): Promise<Set<string>> {
      const snap = await col.where('outcome', '==', outcome).select('customerId').get();
      return new Set(snap.docs.map((d) => d.get('customerId') as string));
    },

    ofCustomers,

    /** One customer's latest calls, newest first: sorted here, as a customer gets a handful (no composite index). */
    async ofCustomer(customerId: string, limit: number): Promise<ChurnCall[]> {
      return (await ofCustomers([customerId])).sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
    },
  };
}

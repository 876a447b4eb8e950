import type { Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { RecurringRule } from '../../domain/orders';

/** Recurring order rules in `recurringRules/{id}`. */
export function firestoreRecurringRuleStore(db: Firestore) {
  const col = db.collection('recurringRules');
  return {
    /** Idempotent by id: a retried create returns the stored rule. */
    async create(rule: RecurringRule): Promise<RecurringRule> {
      return db.runTransaction(async (tx) => {
        const snap = await tx.get(col.doc(rule.id));
        if (snap.exists) return snap.data() as RecurringRule;
        tx.create(col.doc(rule.id), JSON.parse(JSON.stringify(rule)));
        return rule;
      });
    },
    async listActive(customerId?: string): Promise<RecurringRule[]> {
      let q = col.where('active', '==', true);
      if (customerId) q = q.where('customerId', '==', customerId);
      return (await q.get()).docs.map((d) => d.data() as RecurringRule);
    },
    async deactivate(id: string): Promise<RecurringRule> {
      return db.runTransaction(async (tx) => {
        const snap = await tx.get(col.doc(id));
        if (!snap.exists) throw notFound('RECURRING.NOT_FOUND', `Recurring rule ${id} not found`, { id });
        const next = { ...(snap.data() as RecurringRule), active: false };
        tx.set(col.doc(id), next);
        return next;
      });
    },
  };
}

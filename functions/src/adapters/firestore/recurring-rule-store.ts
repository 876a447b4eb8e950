import type { Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import { ruleAsRead, storedRule, type RecurringRule, type StoredRecurringRule } from '../../domain/orders';
import type { UnitOfWork } from './unit-of-work';
import { runContendedTransaction } from './contended-transaction';

const RULES = 'recurringRules';

/** A customer's active rules as stored (kept as written when changed: an old rule stays readable as old), in `uow`'s transaction. */
export async function activeRulesOfIn(uow: UnitOfWork, customerId: string): Promise<StoredRecurringRule[]> {
  return uow.query<StoredRecurringRule>(uow.db.collection(RULES).where('customerId', '==', customerId).where('active', '==', true));
}

/** Writes a rule as stored, with the rest of `uow`. */
export function putRuleIn(uow: UnitOfWork, rule: StoredRecurringRule): void {
  uow.set(RULES, rule.id, rule);
}

/** Recurring order rules in `recurringRules/{id}`, written and read as `storedRule` / `ruleAsRead` say. */
export function firestoreRecurringRuleStore(db: Firestore) {
  const col = db.collection(RULES);
  return {
    /** Idempotent by id: a retried create returns the stored rule. */
    async create(rule: RecurringRule): Promise<RecurringRule> {
      return runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(col.doc(rule.id));
        if (snap.exists) return ruleAsRead(snap.data() as StoredRecurringRule);
        tx.create(col.doc(rule.id), JSON.parse(JSON.stringify(storedRule(rule))));
        return rule;
      });
    },
    async listActive(customerId?: string): Promise<RecurringRule[]> {
      let q = col.where('active', '==', true);
      if (customerId) q = q.where('customerId', '==', customerId);
      return (await q.get()).docs.map((d) => ruleAsRead(d.data() as StoredRecurringRule));
    },
    async deactivate(id: string): Promise<RecurringRule> {
      return runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(col.doc(id));
        if (!snap.exists) throw notFound('RECURRING.NOT_FOUND', `Recurring rule ${id} not found`, { id });
        // Kept as written otherwise: an old rule stays readable as old.
        const next = { ...(snap.data() as StoredRecurringRule), active: false };
        tx.set(col.doc(id), next);
        return ruleAsRead(next);
      });
    },
  };
}

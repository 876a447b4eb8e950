import type { Container } from '../../adapters/container';
import { firestoreClosureStore } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreOrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { taipeiDate } from '../../domain/clock';
import { coversClosure, type ClosureReminders } from '../../domain/notifications';

// Apart from the sending job (closure-reminders.ts): the 休息日 page's read needs no messaging gateway, so the closures
// function is not given the LINE and SMS secrets.
/**
 * How the reminders of a closure went, from their dispatch records: the failed ones name the customers the office must
 * phone before the break, soonest order-by day first.
 * @throws `CLOSURE.NOT_FOUND`
 */
export async function closureReminderOutcomes(c: Container, closureId: string): Promise<ClosureReminders> {
  const closure = await firestoreClosureStore(c.db).get(closureId);
  const snap = await c.db.collection('notificationDispatch').where('closureId', '==', closureId).select('customerId', 'status', 'orderBy', 'errorCode').get();
  const records = snap.docs.map((d) => d.data() as { customerId: string; status: 'pending' | 'sent' | 'failed'; orderBy: string; errorCode?: string });
  const failed = records.filter((r) => r.status === 'failed');
  const [contacts, open] = await Promise.all([
    firestoreCustomerStore(c.db).contactsOf(failed.map((r) => r.customerId)),
    failed.length > 0 ? firestoreOrderHistoryStore(c.db).openOrders(taipeiDate(c.clock.now())) : new Map<string, never[]>(),
  ]);
  return {
    sent: records.filter((r) => r.status === 'sent').length,
    pending: records.filter((r) => r.status === 'pending').length,
    unreached: failed
      .map((r) => {
        const contact = contacts.get(r.customerId);
        return {
          customerId: r.customerId,
          customerName: contact?.name ?? r.customerId,
          ...(contact?.phone ? { phone: contact.phone } : {}),
          orderBy: r.orderBy,
          errorCode: r.errorCode ?? 'INTERNAL',
          ordered: coversClosure(closure, open.get(r.customerId) ?? []),
        };
      })
      .sort((a, b) => a.orderBy.localeCompare(b.orderBy) || a.customerName.localeCompare(b.customerName)),
  };
}

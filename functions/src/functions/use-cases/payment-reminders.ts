import { Timestamp } from '@google-cloud/firestore';
import type { Container } from '../../adapters/container';
import { overdueOf } from '../../domain/billing';
import { loadClosures } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreOrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { firestoreReceivableStore } from '../../adapters/firestore/receivable-store';
import { selectSender, type SenderSelector } from '../../adapters/notify/select-sender';
import type { Actor } from '../../domain/events';
import { taipeiDate } from '../../domain/clock';
import { closureOn, closuresFor, companyClosures } from '../../domain/closures';
import { assertPaysForItself, type Customer } from '../../domain/customers';
import { DomainError, notFound } from '../../domain/errors';
import {
  manualPaymentReminder,
  manualPaymentReminderId,
  paymentReminderFor,
  paymentReminderId,
  renderPaymentReminder,
  type PaymentReminder,
  type PaymentReminderSkip,
  type ReminderStage,
  type ReminderSummary,
} from '../../domain/notifications';
import { forEachConcurrently } from './concurrently';
import { dispatchRecord, dispatchToCustomer, type Dispatch, type DispatchOnceOutcome, type ReminderRunReport } from './notification-dispatch';

const KIND = 'payment-reminder';
const CONCURRENCY = 4;
/** How far back the ledger looks for a customer's last reminder. */
const SUMMARY_DAYS = 180;

/** What a payment reminder's dispatch record (`payment-…`, see `paymentReminderId`) is about. */
interface PaymentAbout {
  readonly kind: typeof KIND;
  readonly stage: ReminderStage;
  readonly manual: boolean;
  readonly month: string | null;
  readonly overdue: number;
  readonly by?: Actor;
}
type PaymentDispatch = PaymentAbout & Dispatch;

/** `CLOSED`: a closure of the customer's district holds today (停班停課 there); the stage is sent on its first open day. */
export type PaymentReminderSkipReason = PaymentReminderSkip | 'ALREADY_REMINDED' | 'CLOSED';

/**
 * `considered`: the customers with something past due on the stored ledger, looked at again with fresh figures;
 * `closed`: the closure (休息日) today falls in, when nothing was sent for it.
 */
export type PaymentReminderReport = ReminderRunReport<PaymentReminderSkipReason> & { readonly closed?: string };

function send(c: Container, id: string, customer: Customer, reminder: PaymentReminder, select: SenderSelector, by?: Actor): Promise<DispatchOnceOutcome> {
  const about: PaymentAbout = {
    kind: KIND,
    stage: reminder.stage,
    manual: by !== undefined,
    month: reminder.oldestUnpaidMonth ?? null,
    overdue: reminder.overdue,
    ...(by ? { by } : {}),
  };
  return dispatchToCustomer(c, select, id, customer, about, (locale) => renderPaymentReminder(reminder, locale));
}

/**
 * The daily 催款 run. The stored ledger says who may be past due; each of those is worked out again
 * first (and the fresh line saved), so a payment recorded since the nightly run, or a delivery
 * billed since, is never missed. Each stage of each unpaid month is sent once however often it runs.
 */
export async function sendPaymentReminders(c: Container): Promise<PaymentReminderReport> {
  const today = taipeiDate(c.clock.now());
  // 催款 on 除夕 or 初一 offends, and nobody is at the office to take the call: a stage reached during a closure is still
  // reached on its first open day, when the run sends it. A closure of some districts holds back only their customers'.
  const closures = await loadClosures(c.db, today);
  const closure = closureOn(companyClosures(closures), today);
  if (closure) return { considered: 0, reminded: 0, skipped: {}, errors: [], pending: 0, closed: closure.name };
  const store = firestoreReceivableStore(c.db);
  const history = firestoreOrderHistoryStore(c.db);
  const candidates = (await store.list()).filter((r) => overdueOf(r) > 0);
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const now = c.clock.now();
  const report = { considered: candidates.length, reminded: 0, skipped: {} as Partial<Record<PaymentReminderSkipReason, number>>, errors: [] as { customerId: string; code: string }[], pending: 0 };
  const skip = (reason: PaymentReminderSkipReason) => (report.skipped[reason] = (report.skipped[reason] ?? 0) + 1);

  await forEachConcurrently(candidates, CONCURRENCY, async ({ customerId }) => {
    const customer = await history.customer(customerId);
    if (!customer) return;
    const line = await store.compute(customer, now);
    await store.save(line);
    const decision = closureOn(closuresFor(closures, customer.address.district), today) ? 'CLOSED' : paymentReminderFor(line);
    if (typeof decision === 'string') {
      skip(decision);
      return;
    }
    try {
      const outcome = await send(c, paymentReminderId(customer.id, decision), customer, decision, select);
      if (outcome === 'sent') report.reminded++;
      else if (outcome === 'done') skip('ALREADY_REMINDED');
      else if (outcome !== 'unwanted') report.errors.push({ customerId, code: outcome.failed });
    } catch (err) {
      // One customer's provider failing must not keep the others from hearing; the record stays pending for the retry.
      const code = err instanceof DomainError ? err.code : 'INTERNAL';
      console.error(JSON.stringify({ severity: 'WARNING', message: 'payment reminder not sent', customerId, code, error: String(err) }));
      report.errors.push({ customerId, code });
      report.pending++;
    }
  });
  return report;
}

/**
 * A reminder the office sends by hand from the ledger: at the stage the balance has reached, once
 * per customer and day (a second click, or a retry, returns the first).
 * @throws RECEIVABLE.NOT_OVERDUE when nothing is past due; RECEIVABLE.AT_PAYER for a branch (分店／總公司付款), whose
 *   head office is reminded; a provider's retryable error as is.
 */
export async function sendManualPaymentReminder(c: Container, customerId: string, by: Actor): Promise<ReminderSummary & { readonly text: string; readonly error?: string }> {
  const customer = await firestoreOrderHistoryStore(c.db).customer(customerId);
  if (!customer) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${customerId} not found`);
  assertPaysForItself(customer, customer.payerId ? await firestoreCustomerStore(c.db).get(customer.payerId) : null, 'RECEIVABLE.AT_PAYER');
  const store = firestoreReceivableStore(c.db);
  const line = await store.compute(customer, c.clock.now());
  await store.save(line);
  const reminder = manualPaymentReminder(line);
  if (reminder === 'NOT_OVERDUE') throw new DomainError('RECEIVABLE.NOT_OVERDUE', 'precondition', 'Nothing this customer owes is past due', { balance: line.balance });
  const id = manualPaymentReminderId(customer.id, taipeiDate(c.clock.now()));
  await send(c, id, customer, reminder, selectSender(c.config, { db: c.db, clock: c.clock }), by);
  const stored = (await dispatchRecord(c.db, id).get()).data() as PaymentDispatch & { createdAt: Timestamp };
  return { ...summaryOf(stored), text: stored.text, ...(stored.error ? { error: stored.error } : {}) };
}

const summaryOf = (d: PaymentDispatch & { createdAt: Timestamp }): ReminderSummary => ({
  stage: d.stage,
  manual: d.manual,
  channel: d.channel,
  status: d.status,
  at: d.createdAt.toDate().toISOString(),
  ...(d.errorCode ? { errorCode: d.errorCode } : {}),
});

/** Each customer's latest payment reminder of the last half year, for the ledger. */
export async function lastPaymentReminders(c: Container): Promise<Map<string, ReminderSummary>> {
  const since = Timestamp.fromMillis(c.clock.now().getTime() - SUMMARY_DAYS * 86_400_000);
  const snap = await c.db.collection('notificationDispatch').where('kind', '==', KIND).where('createdAt', '>=', since).orderBy('createdAt', 'desc').get();
  const last = new Map<string, ReminderSummary>();
  for (const doc of snap.docs) {
    const d = doc.data() as PaymentDispatch & { createdAt: Timestamp };
    if (!last.has(d.customerId)) last.set(d.customerId, summaryOf(d));
  }
  return last;
}

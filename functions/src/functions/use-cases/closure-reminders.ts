import type { Container } from '../../adapters/container';
import { loadClosures, loadEarlyClosings } from '../../adapters/firestore/closure-store';
import { firestoreDemandAdjustmentStore } from '../../adapters/firestore/demand-adjustment-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestoreOrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { firestorePredictionStore } from '../../adapters/firestore/prediction-store';
import { firestoreRecurringRuleStore } from '../../adapters/firestore/recurring-rule-store';
import { selectSender, type SenderSelector } from '../../adapters/notify/select-sender';
import { taipeiDate } from '../../domain/clock';
import type { Closure } from '../../domain/closures';
import type { Customer } from '../../domain/customers';
import { DomainError } from '../../domain/errors';
import { sameDayCutoffFor } from '../../domain/routes';
import {
  closingReminderFor,
  closureReminderFor,
  closureReminderId,
  closuresToRemind,
  renderClosingReminder,
  renderClosureReminder,
  type ClosingReminderSkip,
  type ClosureReminderSkip,
  type NoticeLocale,
} from '../../domain/notifications';
import { materialise } from '../../domain/orders';
import { adjustmentsOver, runOutUnder } from '../../domain/predictions/demand-adjustment';
import { dispatchToCustomer, type DispatchOnceOutcome } from './notification-dispatch';

/** What a closure reminder's dispatch record (`closure-<closureId>-<customerId>`) is about. */
interface ClosureAbout {
  readonly kind: 'closure-reminder';
  readonly closureId: string;
  readonly orderBy: string;
}

export type ClosureReminderSkipReason = ClosureReminderSkip | ClosingReminderSkip | 'ALREADY_REMINDED';

export interface ClosureReminderReport {
  /** The closures announced today (starting within `REMIND_DAYS`, from tomorrow on), days closing early among them. */
  readonly closures: readonly Pick<Closure, 'id' | 'name' | 'from' | 'to'>[];
  /** Messages sent by this run (a pending one from an earlier run included). */
  readonly reminded: number;
  /** Customer × closure pairs not sent, by reason. */
  readonly skipped: Partial<Record<ClosureReminderSkipReason, number>>;
  /** Sends that failed: a retryable failure leaves the dispatch pending for the next run, a permanent one records it failed. */
  readonly errors: readonly { readonly closureId: string; readonly customerId: string; readonly code: string }[];
  /** How many of those are retryable, left pending: the job answers 503 so Cloud Scheduler runs it again soon. */
  readonly pending: number;
}

/**
 * Records the reminder (pending) unless one exists, in a transaction that also checks the closure
 * is still there, then sends whatever is pending. `orderBy`: the day the office calls about when nobody can be told.
 */
async function remindOnce(c: Container, closure: Closure, customer: Customer, orderBy: string, render: (locale: NoticeLocale) => string, select: SenderSelector): Promise<DispatchOnceOutcome> {
  const about: ClosureAbout = { kind: 'closure-reminder', closureId: closure.id, orderBy };
  const closureRef = c.db.collection('closures').doc(closure.id);
  return dispatchToCustomer(c, select, closureReminderId(closure.id, customer.id), customer, about, render, async (tx) => (await tx.get(closureRef)).exists);
}

/**
 * Tells every active customer who may run out during a closure starting within the week to order
 * before it, and those with a delivery on a day closing early (提早收工) within the week that it ends at the closing:
 * once per customer and closure, however often it runs. A closure deleted meanwhile
 * gets nothing more (not even a reminder left pending by an earlier run).
 */
export async function sendClosureReminders(c: Container): Promise<ClosureReminderReport> {
  const today = taipeiDate(c.clock.now());
  const [closures, earlyClosings] = await Promise.all([loadClosures(c.db, today), loadEarlyClosings(c.db, today)]);
  const due = closuresToRemind(closures, today);
  const closings = closuresToRemind(earlyClosings, today);
  const report = {
    closures: [...due, ...closings].map(({ id, name, from, to }) => ({ id, name, from, to })),
    reminded: 0,
    skipped: {} as Partial<Record<ClosureReminderSkipReason, number>>,
    errors: [] as { closureId: string; customerId: string; code: string }[],
    pending: 0,
  };
  if (due.length + closings.length === 0) return report;

  const history = firestoreOrderHistoryStore(c.db);
  const [customers, stored, open, depots, rules] = await Promise.all([
    history.customers({ activeOnly: true }),
    firestorePredictionStore(c.db).deliverByDays(),
    history.openOrders(today),
    firestoreFleetStore(c.db).depots(),
    closings.length > 0 ? firestoreRecurringRuleStore(c.db).listActive() : [],
  ]);
  // A 寒流 brings a run-out into the closure: the stored days are read under the 需求調整 from their as-of days, as the due list reads them.
  const earliestAsOf = [...stored.values()].reduce((earliest, s) => (s.asOf < earliest ? s.asOf : earliest), today);
  const adjustments = await firestoreDemandAdjustmentStore(c.db).endingOnOrAfter(earliestAsOf);
  // The stored day stays beside a moved one: a customer due in the closure only in the cold is told so, not "at your usual use".
  const deliverBy = new Map(
    [...stored].map(([id, s]) => {
      const safeDeliveryDate = runOutUnder(s.asOf, s.safeDeliveryDate, adjustments);
      if (safeDeliveryDate === s.safeDeliveryDate) return [id, { safeDeliveryDate }];
      return [id, { safeDeliveryDate, usual: { safeDeliveryDate: s.safeDeliveryDate, adjustedBy: adjustmentsOver(s.asOf, safeDeliveryDate, adjustments) } }];
    }),
  );
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const skip = (reason: ClosureReminderSkipReason) => (report.skipped[reason] = (report.skipped[reason] ?? 0) + 1);
  /** Sends one reminder, counting how it went; false once the closure is found deleted (its other customers are skipped). */
  const send = async (closure: Closure, customer: Customer, orderBy: string, render: (locale: NoticeLocale) => string): Promise<boolean> => {
    try {
      const attempt = await remindOnce(c, closure, customer, orderBy, render, select);
      // A closure deleted meanwhile.
      if (attempt === 'unwanted') return false;
      if (attempt === 'sent') report.reminded++;
      else if (attempt === 'done') skip('ALREADY_REMINDED');
      else report.errors.push({ closureId: closure.id, customerId: customer.id, code: attempt.failed });
    } catch (err) {
      // A provider down for one customer must not keep the others from hearing; the dispatch stays pending for the next run.
      const code = err instanceof DomainError ? err.code : 'INTERNAL';
      console.error(JSON.stringify({ severity: 'WARNING', message: 'closure reminder not sent', closureId: closure.id, customerId: customer.id, code, error: String(err) }));
      report.errors.push({ closureId: closure.id, customerId: customer.id, code });
      report.pending++;
    }
    return true;
  };

  for (const closure of due) {
    for (const customer of customers) {
      const choice = closureReminderFor(
        closure,
        {
          ...(deliverBy.get(customer.id) ?? { safeDeliveryDate: null }),
          closedDays: customer.closedDays,
          district: customer.address.district,
          orders: open.get(customer.id) ?? [],
          supplyStopped: customer.supplyStop !== undefined,
        },
        { today, closures },
      );
      if (typeof choice === 'string') {
        skip(choice);
        continue;
      }
      const cutoff = sameDayCutoffFor(customer.location, depots);
      const reminder = cutoff ? { ...choice, cutoff } : choice;
      if (!(await send(closure, customer, reminder.orderBy, (locale) => renderClosureReminder(reminder, locale)))) break;
    }
  }

  // The recurring deliveries on a closing's days that are no order yet; those whose hours it leaves no time for move off it.
  const calendar = { closures: [...closures, ...earlyClosings], closedDays: new Map(customers.map((cu) => [cu.id, cu.closedDays])), districts: new Map(customers.map((cu) => [cu.id, cu.address.district])) };
  for (const closure of closings) {
    const recurring = materialise(rules, closure.from, closure.to, [], calendar);
    for (const customer of customers) {
      const choice = closingReminderFor(closure, {
        district: customer.address.district,
        orders: open.get(customer.id) ?? [],
        recurringDays: recurring.filter((m) => m.customerId === customer.id).map((m) => m.input.requestedDate),
      });
      if (typeof choice === 'string') {
        skip(choice);
        continue;
      }
      if (!(await send(closure, customer, choice.day, (locale) => renderClosingReminder(choice, locale)))) break;
    }
  }
  return report;
}

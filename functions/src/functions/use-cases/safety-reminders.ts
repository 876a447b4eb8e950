import type { Timestamp } from '@google-cloud/firestore';
import type { Container } from '../../adapters/container';
import { firestoreSafetyInspectionStore } from '../../adapters/firestore/safety-inspection-store';
import { selectSender, type SenderSelector } from '../../adapters/notify/select-sender';
import { taipeiDate } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import {
  renderSafetyReminder,
  safetyRemindDueBy,
  safetyReminderFor,
  safetyReminderId,
  safetyReminderStillWanted,
  type SafetyReminder,
  type SafetyReminderCandidate,
  type SafetyReminderSkip,
} from '../../domain/notifications/safety-reminder';
import type { SafetySummary } from '../../domain/safety';
import { forEachConcurrently } from './concurrently';
import { dispatchRecord, dispatchToCustomer, type Dispatch, type DispatchOnceOutcome, type ReminderRunReport } from './notification-dispatch';

const KIND = 'safety-reminder';
const CONCURRENCY = 4;
/** Customers read a page at a time, so memory holds one page whatever the customer count. */
const PAGE = 500;

/** What a safety reminder's dispatch record (`safety-<customerId>-<dueOn | invitation>`) is about. */
interface SafetyAbout {
  readonly kind: typeof KIND;
  /** Null: the invitation of a customer never inspected. */
  readonly dueOn: string | null;
}

/** `CHANGED`: inspected or deactivated between the list and the send. */
export type SafetyReminderSkipReason = SafetyReminderSkip | 'CHANGED';

/**
 * `considered`: the active customers, counted; `missingDueKey`: those of them stored without `safetyDueKey` (until the
 * backfill runs), found by a read of every active customer.
 */
export type SafetyReminderReport = ReminderRunReport<SafetyReminderSkipReason> & { readonly missingDueKey: number };

/**
 * Records the reminder (pending) unless one exists, in a transaction that checks the customer is still active and due
 * on the same day, then sends whatever is pending.
 */
function remindOnce(c: Container, select: SenderSelector, candidate: SafetyReminderCandidate, reminder: SafetyReminder): Promise<DispatchOnceOutcome> {
  const about: SafetyAbout = { kind: KIND, dueOn: reminder.dueOn };
  const customerRef = c.db.collection('customers').doc(candidate.id);
  return dispatchToCustomer(c, select, safetyReminderId(candidate.id, reminder.dueOn), candidate, about, (locale) => renderSafetyReminder(reminder, locale), async (tx) =>
    safetyReminderStillWanted(reminder, (await tx.get(customerRef)).data() as { status?: unknown; safety?: SafetySummary } | undefined),
  );
}

/**
 * The Taipei day an earlier run's reminder went out, when it did: the run that sent it may have stopped before marking
 * the customer, and the due list would never say so.
 */
async function sentOnOf(c: Container, id: string): Promise<string | null> {
  const stored = (await dispatchRecord(c.db, id).get()).data() as (Dispatch & { sentAt?: Timestamp }) | undefined;
  return stored?.status === 'sent' ? taipeiDate(stored.sentAt?.toDate() ?? c.clock.now()) : null;
}

/**
 * The daily 安全檢查通知 run: every active customer due for their inspection within `SAFETY_REMIND_DAYS` (or overdue, or
 * never inspected) hears once per due day, however often it runs; each one told is marked on the customer
 * (`safetyReminder`) so the office's due list shows 已通知. Only the customers `safetyDueKey` says are due by then are
 * read, a page at a time; the ones it says are due later are counted `NOT_DUE` unread. Customers stored without the key
 * are still told: while any is left, every active customer is read to find them, and a warning asks for the backfill.
 */
export async function sendSafetyReminders(c: Container): Promise<SafetyReminderReport> {
  const store = firestoreSafetyInspectionStore(c.db);
  const today = taipeiDate(c.clock.now());
  const dueBy = safetyRemindDueBy(today);
  const counts = await store.dueKeyCounts(dueBy);
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const report = {
    considered: counts.active,
    reminded: 0,
    skipped: {} as Partial<Record<SafetyReminderSkipReason, number>>,
    errors: [] as { customerId: string; code: string }[],
    pending: 0,
    missingDueKey: Math.max(0, counts.active - counts.keyed),
  };
  const skip = (reason: SafetyReminderSkipReason, n = 1) => (report.skipped[reason] = (report.skipped[reason] ?? 0) + n);
  if (counts.dueAfter > 0) skip('NOT_DUE', counts.dueAfter);

  const remindAll = async (candidates: readonly SafetyReminderCandidate[]): Promise<void> => {
    const due = candidates.flatMap((candidate) => {
      const decision = safetyReminderFor(candidate, today);
      if (typeof decision === 'string') {
        skip(decision);
        return [];
      }
      return [{ candidate, reminder: decision }];
    });
    await forEachConcurrently(due, CONCURRENCY, async ({ candidate, reminder }) => {
      try {
        const outcome = await remindOnce(c, select, candidate, reminder);
        if (outcome === 'unwanted') skip('CHANGED');
        else if (typeof outcome === 'object') report.errors.push({ customerId: candidate.id, code: outcome.failed });
        else {
          if (outcome === 'sent') report.reminded++;
          else skip('ALREADY_REMINDED');
          const sentOn = outcome === 'sent' ? today : await sentOnOf(c, safetyReminderId(candidate.id, reminder.dueOn));
          if (sentOn !== null) await store.markReminded(candidate.id, { dueOn: reminder.dueOn, sentOn });
        }
      } catch (err) {
        // One customer's provider failing must not keep the others from hearing; the record stays pending for the retry.
        const code = err instanceof DomainError ? err.code : 'INTERNAL';
        console.error(JSON.stringify({ severity: 'WARNING', message: 'safety reminder not sent', customerId: candidate.id, code, error: String(err) }));
        report.errors.push({ customerId: candidate.id, code });
        report.pending++;
      }
    });
  };

  for await (const page of store.candidatesDueBy(dueBy, PAGE)) await remindAll(page);
  if (report.missingDueKey > 0) {
    console.error(
      JSON.stringify({
        severity: 'WARNING',
        message: 'customers without safetyDueKey: every active customer read to find them; run POST /api/safety-inspections/due-keys once',
        missingDueKey: report.missingDueKey,
      }),
    );
    for await (const page of store.activeCandidates(PAGE, 'withoutDueKey')) await remindAll(page);
  }
  return report;
}

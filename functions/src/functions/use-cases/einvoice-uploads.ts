import type { Container } from '../../adapters/container';
import { firestoreUploadStore } from '../../adapters/invoicing/einvoice-upload-store';
import { reportBlankNumbers, type BlankReportOutcome } from '../../adapters/invoicing/local-invoice-book';
import { taipeiDate } from '../../domain/clock';
import { buildEvent } from '../../domain/events';
import { assertBlankReportable, blankReportDeadline, periodToReport } from '../../domain/invoicing/blank-track';
import type { InvoicePeriod } from '../../domain/invoicing/period';

const SYSTEM = { uid: 'system:einvoice-upload', role: 'system' } as const;
/** At most this many message ids on the alert: enough to find the stuck ones, small enough for an event. */
const LISTED = 20;

export interface OverdueUploadsReport {
  readonly overdue: number;
  readonly alerted: boolean;
  readonly oldestCreatedAt: string | null;
  /** Messages the platform or Turnkey refused, each day until they are sent again (重新上傳); any raised their own alert. */
  readonly rejected: number;
}

/**
 * The daily check that Turnkey keeps up: messages pending or delivered for more than 24 hours (the law allows 48 hours
 * for B2C, 7 days for B2B) raise one critical `system.einvoice_upload_overdue` alert a day, and refused messages one
 * critical `system.einvoice_upload_rejected` a day while any is left: a refusal is not retried by itself, and a refused
 * void leaves the invoice live at the platform. Each id names the Taipei day (the alerts consumer keeps one per event
 * id), so a rerun alerts nothing twice.
 */
export async function checkOverdueUploads(c: Pick<Container, 'db' | 'clock' | 'publisher'>): Promise<OverdueUploadsReport> {
  const now = c.clock.now();
  const store = firestoreUploadStore(c.db);
  const [overdueFound, refused, counts] = await Promise.all([store.overdue(now), store.list({ status: 'rejected', limit: LISTED }), store.counts()]);
  const overdue = overdueFound.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const day = taipeiDate(now);
  // One critical alert per kind per Taipei day: the office's list shows it once however often the job is retried.
  const alert = (kind: 'rejected' | 'overdue', data: Record<string, unknown>) =>
    c.publisher.publish(
      'system-alerts',
      buildEvent({
        id: `einvoice-upload-${kind}-${day}`,
        type: `system.einvoice_upload_${kind}`,
        occurredAt: now,
        actor: SYSTEM,
        subject: 'einvoiceUploads',
        sequence: now.getTime(),
        data: { severity: 'critical', ...data },
      }),
    );
  if (counts.rejected > 0) await alert('rejected', { count: counts.rejected, ids: refused.items.map((u) => u.id) });
  const oldest = overdue[0];
  if (!oldest) return { overdue: 0, alerted: false, oldestCreatedAt: null, rejected: counts.rejected };
  await alert('overdue', {
    count: overdue.length,
    oldestCreatedAt: oldest.createdAt,
    ids: overdue.slice(0, LISTED).map((u) => u.id),
    pending: overdue.filter((u) => u.status === 'pending').length,
    delivered: overdue.filter((u) => u.status === 'delivered').length,
  });
  return { overdue: overdue.length, alerted: true, oldestCreatedAt: oldest.createdAt, rejected: counts.rejected };
}

export interface BlankNumbersReport extends BlankReportOutcome {
  readonly period: InvoicePeriod;
  /** The last Taipei day the MOF takes the report: the 10th after the period. */
  readonly deadline: string;
  /** Who numbers the invoices: only our own books (local-book) are reported here; ECPay reports the numbers it holds. */
  readonly issuer: string;
}

/**
 * 空白未使用字軌號碼: once a period's books are closed, queue the E0402 of its unused numbers for the Turnkey machine
 * (`reportBlankNumbers`), by default for the last period whose books are closed. Run daily from the 1st, it makes them on the first
 * run after the period's end and nothing after (the book keeps the report), well before the 10th.
 * @throws `INVOICE.PERIOD_NOT_ENDED` for a period whose books are not closed yet.
 */
export async function queueBlankNumbers(c: Pick<Container, 'db' | 'clock' | 'invoiceIssuer'>, requested?: InvoicePeriod): Promise<BlankNumbersReport> {
  const now = c.clock.now();
  const period = requested ?? periodToReport(now);
  assertBlankReportable(period, now);
  const about = { period, deadline: blankReportDeadline(period), issuer: c.invoiceIssuer.provider };
  if (c.invoiceIssuer.provider !== 'local-book') return { ...about, book: false, uploads: [], created: false, reportedAt: null };
  return { ...about, ...(await reportBlankNumbers(c.db, period, now)) };
}

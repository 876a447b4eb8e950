import { randomInt } from 'node:crypto';
import type { Firestore } from '@google-cloud/firestore';
import type { Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { runContendedTransaction } from '../firestore/contended-transaction';
import { localAllowanceBook } from './local-allowance-book';
import { issuedInvoice, periodDocId, periodOfInstant, previousPeriod, type InvoiceIssuer, type InvoicePeriod } from '../../domain/invoicing';
import { blankTracks } from '../../domain/invoicing/blank-track';
import { blankUpload } from '../../domain/invoicing/mig-upload';
import { EINVOICE_UPLOADS, firestoreUploadStore } from './einvoice-upload-store';
import { INVOICES } from './invoice-store';

export const INVOICE_BOOKS = 'invoiceBooks';

/**
 * `invoiceBooks/{period}` (id `2026-11-12`): the 字軌 range the tax office allotted for a period — two letters and
 * the numbers from `from` to `to` — and `next`, the next one to hand out.
 */
export interface InvoiceBook {
  readonly period: InvoicePeriod;
  readonly prefix: string;
  readonly from: number;
  readonly to: number;
  readonly next: number;
  /** Once the period ended: when its unused numbers were queued for the MOF (E0402) and under which message ids (none: all used). */
  readonly blankReport?: { readonly at: string; readonly uploads: readonly string[] };
}

/** `invoiceBooks/{period}/issued/{invoiceId}`: the number a book gave an invoice, so asking again answers the same. */
interface IssuedEntry {
  readonly prefix: string;
  /** The number's digits as a number, for finding the last one handed out. */
  readonly n: number;
  readonly number: string;
  readonly randomNumber: string;
  readonly issuedAt: string;
}

/** The n-th number of a book: its two letters and eight digits. */
export const numberOf = (book: Pick<InvoiceBook, 'prefix'>, n: number): string => `${book.prefix}${String(n).padStart(8, '0')}`;

/** Where a local-book invoice's number came from, as its `providerRef`. */
export const refOf = (period: InvoicePeriod, number: string): string => `${INVOICE_BOOKS}/${periodDocId(period)}#${number}`;

const unavailable = (code: string, period: InvoicePeriod, message: string) => new DomainError(code, 'unavailable', message, { period });

/**
 * Numbers invoices from the distributor's own books, as a seller self-issuing through the MOF Turnkey does. One
 * Firestore transaction reads the book, takes `next`, records the number under the invoice's id and the invoice's F0401
 * for the Turnkey upload (`einvoiceUploads`, so every number handed out is uploaded), so two
 * deliveries never share a number, a retry for the same invoice gets its number back (also across a period's end),
 * and a used-up book writes nothing. `next` is also checked against the last number recorded under the book's letters,
 * so a book document written again by hand (or by the demo seed run twice) never hands out a number a second time;
 * that query needs the (prefix, n desc) index on `issued` in firestore.indexes.json.
 * @throws `INVOICE.NO_BOOK` / `INVOICE.BOOK_EXHAUSTED` (unavailable: retry once the office adds a book).
 */
export function localInvoiceBook(db: Firestore, clock: Clock, random: () => number = () => randomInt(10_000)): InvoiceIssuer {
  const bookOf = (period: InvoicePeriod) => db.collection(INVOICE_BOOKS).doc(periodDocId(period));
  const issuedIn = (period: InvoicePeriod, invoiceId: string) => bookOf(period).collection('issued').doc(invoiceId);
  const uploads = firestoreUploadStore(db);
  return {
    provider: 'local-book',
    async issue(draft) {
      const now = clock.now();
      const period = periodOfInstant(now);
      // Every invoice of a period takes its number from the one book document: the most contended write there is.
      return runContendedTransaction(db, async (tx) => {
        const [earlier, current, bookSnap] = await Promise.all([
          tx.get(issuedIn(previousPeriod(period), draft.id)),
          tx.get(issuedIn(period, draft.id)),
          tx.get(bookOf(period)),
        ]);
        const found = current.exists ? { snap: current, period } : earlier.exists ? { snap: earlier, period: previousPeriod(period) } : null;
        if (found) {
          const entry = found.snap.data() as IssuedEntry;
          return { number: entry.number, randomNumber: entry.randomNumber, issuedAt: new Date(entry.issuedAt), providerRef: refOf(found.period, entry.number) };
        }
        const book = bookSnap.data() as InvoiceBook | undefined;
        if (!book) throw unavailable('INVOICE.NO_BOOK', period, `No invoice book for ${period}`);
        const last = await tx.get(bookSnap.ref.collection('issued').where('prefix', '==', book.prefix).orderBy('n', 'desc').limit(1));
        const next = Math.max(book.next, book.from, ((last.docs[0]?.data() as IssuedEntry | undefined)?.n ?? -1) + 1);
        if (next > book.to) throw unavailable('INVOICE.BOOK_EXHAUSTED', period, `Invoice book ${book.prefix} of ${period} is used up at ${numberOf(book, book.to)}`);
        const entry: IssuedEntry = { prefix: book.prefix, n: next, number: numberOf(book, next), randomNumber: String(random()).padStart(4, '0'), issuedAt: now.toISOString() };
        tx.update(bookSnap.ref, { next: next + 1 });
        tx.create(issuedIn(period, draft.id), entry);
        const issued = { number: entry.number, randomNumber: entry.randomNumber, issuedAt: now, providerRef: refOf(period, entry.number) };
        uploads.recordIssueIn(tx, issuedInvoice(draft, issued, 'local-book'), now);
        return issued;
      });
    },
    // Nothing to tell anyone before the void is stored: the invoice store queues its F0501 in that transaction.
    async void() {},
    ...localAllowanceBook(db, clock),
  };
}

/** What `reportBlankNumbers` did for a period. */
export interface BlankReportOutcome {
  /** Whether the period has a book of ours at all. */
  readonly book: boolean;
  /** The period's E0402 messages (none when every number was used), made now or by an earlier run. */
  readonly uploads: readonly string[];
  /** Whether this run made them; false when an earlier one had. */
  readonly created: boolean;
  readonly reportedAt: string | null;
}

/**
 * Queues the E0402 of an ended period's unused numbers, once: the book's numbers less every number it handed out — its
 * `issued` records, and every invoice of the period under the book's letters (the demo seed's have no record; an
 * invoice of another provider's numbering is counted too, as never ours to report blank). The caller makes sure the book
 * is closed (`blankReportReady`): nothing can be added to it while this reads. One transaction creates the messages and
 * marks the book (`blankReport`), so a rerun, a retry or two runs at once make them once; a book without the marker whose
 * messages exist (a marker written by hand away) adopts them rather than write them again.
 */
export async function reportBlankNumbers(db: Firestore, period: InvoicePeriod, now: Date): Promise<BlankReportOutcome> {
  const bookRef = db.collection(INVOICE_BOOKS).doc(periodDocId(period));
  const first = await bookRef.get();
  const book = first.data() as InvoiceBook | undefined;
  if (!book) return { book: false, uploads: [], created: false, reportedAt: null };
  if (book.blankReport) return { book: true, uploads: book.blankReport.uploads, created: false, reportedAt: book.blankReport.at };
  const [issued, invoices] = await Promise.all([
    bookRef.collection('issued').where('prefix', '==', book.prefix).get(),
    db.collection(INVOICES).where('period', '==', period).select('number').get(),
  ]);
  const used = [...issued.docs.map((d) => (d.data() as IssuedEntry).number), ...invoices.docs.map((d) => String(d.get('number')))];
  const uploads = blankTracks(period, [book], used).map((blank) => blankUpload(blank, now));
  // Two runs at once contend for the book; on the emulator the loser's transaction is closed rather than aborted.
  return runContendedTransaction(db, async (tx) => {
    const snap = await tx.get(bookRef);
    const marked = (snap.data() as InvoiceBook | undefined)?.blankReport;
    if (marked) return { book: true, uploads: marked.uploads, created: false, reportedAt: marked.at };
    const existing = uploads.length > 0 ? await tx.getAll(...uploads.map((u) => db.collection(EINVOICE_UPLOADS).doc(u.id))) : [];
    for (const upload of uploads) if (!existing.find((e) => e.id === upload.id)?.exists) tx.create(db.collection(EINVOICE_UPLOADS).doc(upload.id), upload);
    const blankReport = { at: now.toISOString(), uploads: uploads.map((u) => u.id) };
    tx.update(bookRef, { blankReport });
    return { book: true, uploads: blankReport.uploads, created: true, reportedAt: blankReport.at };
  });
}

/**
 * 空白未使用字軌號碼 (MIG E0402, BranchTrackBlank): a seller numbering e-invoices from its own 字軌 books reports, for each
 * ended period, every number of its allotted ranges it never used, per 字軌, within ten days of the next period's start
 * (電子發票實施作業要點, as the tax bureaus restate it: 「應於次期（1、3、5、7、9、11月）開始10日內傳輸至平台」; from 2025 a
 * late or missing upload is fined NT$1,500–15,000). A number is used once handed out, voided or not (a void invoice is
 * uploaded, F0401 then F0501). The blank runs need not follow the 50-number booklets the ranges are allotted in: public
 * E0402 files report runs such as 50075681–50075699 and 00000412–00000499, from the next unused number to the range's end.
 */
import { DomainError } from '../errors';
import { z, type MessageCatalogue } from '../schema';
import { invoicePeriodSchema, periodEnd, periodOfInstant, previousPeriod, type InvoicePeriod } from './period';

/** A range the tax office allotted for a period: two letters (字軌) and the numbers `from`…`to` (8 digits). */
export interface TrackRange {
  readonly prefix: string;
  readonly from: number;
  readonly to: number;
}

const numberSchema = z.number().int().min(0).max(99_999_999);

export const blankTrackSchema = z
  .object({
    period: invoicePeriodSchema,
    /** 字軌: the two letters. */
    track: z.string().regex(/^[A-Z]{2}$/),
    /** The numbers never used, as runs in ascending order, none touching the next. */
    ranges: z.array(z.object({ from: numberSchema, to: numberSchema })).min(1),
  })
  .openapi('BlankTrack', {
    description: 'The numbers of one 字軌 a period left unused (空白未使用字軌號碼, E0402)',
    example: { period: '2026-11/12', track: 'LG', ranges: [{ from: 412, to: 499 }] },
  });
export type BlankTrack = z.infer<typeof blankTrackSchema>;

/** `LG00000412` → `{ prefix: 'LG', n: 412 }`; anything else is not a book's number (null). */
function parseNumber(number: string): { prefix: string; n: number } | null {
  const m = /^([A-Z]{2})(\d{8})$/.exec(number);
  return m?.[1] && m[2] ? { prefix: m[1], n: Number(m[2]) } : null;
}

/**
 * The unused numbers of a period's ranges, one entry per 字軌 with numbers left (a fully used 字軌 has nothing to report), in
 * the order of the letters. `used` is every number handed out (`LG00000412`); numbers of other letters or outside the
 * ranges are ignored. Runs of one 字軌 that meet across two ranges (two books, 0–49 and 50–99) are one run.
 */
export function blankTracks(period: InvoicePeriod, ranges: readonly TrackRange[], used: Iterable<string>): BlankTrack[] {
  const usedByTrack = new Map<string, Set<number>>();
  for (const number of used) {
    const parsed = parseNumber(number);
    if (!parsed) continue;
    const set = usedByTrack.get(parsed.prefix) ?? new Set<number>();
    set.add(parsed.n);
    usedByTrack.set(parsed.prefix, set);
  }
  const tracks = [...new Set(ranges.map((r) => r.prefix))].sort();
  return tracks.flatMap((track) => {
    const usedHere = [...(usedByTrack.get(track) ?? [])].sort((a, b) => a - b);
    const runs: { from: number; to: number }[] = [];
    const add = (from: number, to: number) => {
      if (from > to) return;
      const last = runs[runs.length - 1];
      if (last && last.to + 1 >= from) last.to = Math.max(last.to, to);
      else runs.push({ from, to });
    };
    for (const range of ranges.filter((r) => r.prefix === track).sort((a, b) => a.from - b.from)) {
      let start = range.from;
      for (const n of usedHere) {
        if (n < start || n > range.to) continue;
        add(start, n - 1);
        start = n + 1;
      }
      add(start, range.to);
    }
    return runs.length > 0 ? [{ period, track, ranges: runs }] : [];
  });
}

/**
 * How long after a period's end its books are taken as closed. A number is taken in a transaction that read the clock
 * before it began (`localInvoiceBook`), retried under contention for at most minutes, so one handed out just before
 * midnight may be written a little after; an hour later none can still come, and none of the new period's invoices
 * takes a number from the old book.
 */
export const BOOK_SETTLE_MS = 3600_000;

/** Whether the period's blank numbers can be worked out at `now`: its books closed (`BOOK_SETTLE_MS` after its end). */
export const blankReportReady = (period: InvoicePeriod, now: Date): boolean => now.getTime() >= periodEnd(period).getTime() + BOOK_SETTLE_MS;

/**
 * The period a run at `now` reports by default: the last one whose books are closed, so a default run is never refused
 * (in the first hour of a period, the one before the period that just ended).
 */
export const periodToReport = (now: Date): InvoicePeriod => previousPeriod(periodOfInstant(new Date(now.getTime() - BOOK_SETTLE_MS)));

/** @throws `INVOICE.PERIOD_NOT_ENDED` (precondition) for a period whose books are not closed yet (`blankReportReady`). */
export function assertBlankReportable(period: InvoicePeriod, now: Date): void {
  if (!blankReportReady(period, now)) {
    throw new DomainError('INVOICE.PERIOD_NOT_ENDED', 'precondition', `${period} has not ended (its books close an hour after its last day)`, { period });
  }
}

/** The last Taipei day to report the period's blank numbers: the 10th of the month after it. */
export function blankReportDeadline(period: InvoicePeriod): string {
  const next = periodEnd(period);
  const start = new Date(next.getTime() + 8 * 3600_000).toISOString().slice(0, 8);
  return `${start}10`;
}

export const blankTrackMessages: MessageCatalogue = {
  'INVOICE.PERIOD_NOT_ENDED': {
    'zh-TW': '{period} 期尚未結束（期末一小時後才結算空白字軌號碼）',
    en: 'Period {period} has not ended yet (its blank numbers are worked out an hour after its last day)',
  },
};

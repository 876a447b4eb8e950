/**
 * Receivables (應收帳款): what each customer on account owes, and for how long. A month's deliveries
 * fall due on the 15th of the next month, when its statement has been out a fortnight; payments
 * and allowances (折讓, credits against issued invoices) settle the oldest charges first, whichever
 * invoice an allowance names, so whatever is still owed is the most recent charges. That is
 * what lets the ledger read only as many recent months as the balance reaches back.
 */
import { daysBetween } from '../calendar';
import { PAYMENT_TERMS } from '../customers';
import { calendarDateSchema, instantSchema, z } from '../schema';
import { nextMonth } from './statement';

/** The day of the following month a month's charges fall due. */
export const PAYMENT_DUE_DAY = 15;

/** Overdue buckets, by days past the due day (`notDue` is owed but not yet due). */
export const AGING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const dueDateOf = (month: string): string => `${nextMonth(month)}-${String(PAYMENT_DUE_DAY).padStart(2, '0')}`;

export function bucketOf(month: string, asOf: string): AgingBucket {
  const late = daysBetween(dueDateOf(month), asOf);
  if (late <= 0) return 'notDue';
  if (late <= 30) return 'days1to30';
  if (late <= 60) return 'days31to60';
  return late <= 90 ? 'days61to90' : 'over90';
}

/** What is past due on a line: the balance less what is not yet due; nothing for a credit. */
export const overdueOf = (line: { readonly balance: number; readonly aging: Readonly<Record<AgingBucket, number>> }): number => Math.max(0, line.balance - line.aging.notDue);

/** One customer's line in the ledger. */
export const receivableSchema = z
  .object({
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    phone: z.string().optional(),
    /** Now: a customer who moved to cash on delivery keeps a line while anything is owed. */
    paymentTerms: z.enum(PAYMENT_TERMS),
    /** Everything delivered less cash at the door, payments received and allowances issued; negative is a credit. */
    balance: z.number().int(),
    aging: z.object(Object.fromEntries(AGING_BUCKETS.map((b) => [b, z.number().int()])) as Record<AgingBucket, z.ZodNumber>),
    /** The oldest month with charges still unpaid. */
    oldestUnpaidMonth: z.string().optional(),
    lastPaymentOn: calendarDateSchema.optional(),
    /** The Taipei day the aging was worked out on, and when. */
    asOf: calendarDateSchema,
    computedAt: instantSchema,
  })
  .openapi('Receivable');
export type Receivable = z.infer<typeof receivableSchema>;

/** One month's part of a balance: what of its charges (less cash at the door) is still owed. */
export const owedMonthSchema = z.object({ month: z.string(), owed: z.number().int() }).openapi('OwedMonth');
export type OwedMonth = z.infer<typeof owedMonthSchema>;

/**
 * Spreads a balance over the months it is made of, newest first, as payments and allowances settle the oldest charges
 * first: `monthlyCharges` gives each month's charges less cash at the door, newest month first, and needs only reach back
 * as far as the balance does. What the months given do not cover is `earlier` (the reader stops at a limit of months).
 * A credit or zero owes nothing.
 */
export function owedMonthsOf(balance: number, monthlyCharges: readonly OwedMonth[]): { months: OwedMonth[]; earlier: number } {
  const months: OwedMonth[] = [];
  let left = Math.max(0, balance);
  for (const { month, owed } of monthlyCharges) {
    if (left <= 0) break;
    const part = Math.min(left, Math.max(0, owed));
    if (part === 0) continue;
    months.push({ month, owed: part });
    left -= part;
  }
  return { months, earlier: left };
}

/** The aging of a balance spread by `owedMonthsOf`: what is older than the months given counts as over 90 days. */
export function ageBalance(balance: number, monthlyCharges: readonly OwedMonth[], asOf: string): { aging: Record<AgingBucket, number>; oldestUnpaidMonth?: string } {
  const aging = Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;
  const { months, earlier } = owedMonthsOf(balance, monthlyCharges);
  for (const { month, owed } of months) aging[bucketOf(month, asOf)] += owed;
  aging.over90 += earlier;
  const oldestUnpaidMonth = months.at(-1)?.month;
  return oldestUnpaidMonth ? { aging, oldestUnpaidMonth } : { aging };
}

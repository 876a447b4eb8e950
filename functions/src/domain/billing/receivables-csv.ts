/**
 * The receivables ledger (應收帳款帳齡表) as CSV for the bookkeeper's month-end: one row per customer as the office's
 * page lists them, the aging in its buckets, then the totals of what is owed and, apart, the credits owed back to
 * customers (溢收: a liability, not a negative receivable). UTF-8 with BOM, CRLF; texts in the caller's language.
 */
import { csvFile, type Cell } from '../csv';
import type { PaymentTerms } from '../customers';
import { AGING_BUCKETS, type AgingBucket, type Receivable } from './receivables';
import type { CsvLocale } from './statement-csv';

/** The ledger's totals: what is owed (credits left out, as they are not receivables) by bucket, and the credits apart. */
export interface ReceivablesTotals {
  readonly balance: number;
  readonly aging: Readonly<Record<AgingBucket, number>>;
  /** The negative balances summed, as a positive amount owed back. */
  readonly credits: number;
}

export function receivablesTotals(lines: readonly Pick<Receivable, 'balance' | 'aging'>[]): ReceivablesTotals {
  const owed = lines.filter((r) => r.balance > 0);
  const aging = Object.fromEntries(AGING_BUCKETS.map((b) => [b, owed.reduce((sum, r) => sum + r.aging[b], 0)])) as Record<AgingBucket, number>;
  return { balance: owed.reduce((sum, r) => sum + r.balance, 0), aging, credits: lines.reduce((sum, r) => sum + Math.max(0, -r.balance), 0) };
}

interface Texts {
  readonly title: string;
  readonly asOf: string;
  readonly columns: readonly string[];
  readonly total: string;
  readonly credits: string;
  readonly terms: Readonly<Record<PaymentTerms, string>>;
}

const TEXTS: Readonly<Record<CsvLocale, Texts>> = {
  'zh-TW': {
    title: '幸福氣 應收帳款帳齡表',
    asOf: '基準日',
    columns: ['客戶代號', '客戶名稱', '電話', '付款條件', '結欠', '未到期', '逾期 1–30 天', '逾期 31–60 天', '逾期 61–90 天', '逾期 90 天以上', '最早未付月份', '最近收款日'],
    total: '應收合計',
    credits: '溢收合計（應退客戶）',
    terms: { cash: '貨到付款', monthly: '月結', transfer: '轉帳' },
  },
  en: {
    title: 'Lucky Gas receivables aging',
    asOf: 'As of',
    columns: ['Customer code', 'Customer', 'Phone', 'Payment terms', 'Balance', 'Not due', '1–30 days late', '31–60 days late', '61–90 days late', 'Over 90 days late', 'Oldest unpaid month', 'Last payment'],
    total: 'Total owed',
    credits: 'Credits owed back to customers',
    terms: { cash: 'Cash on delivery', monthly: 'Monthly account', transfer: 'Bank transfer' },
  },
};

/** The ledger's lines in the order given (the page's: most overdue first); `asOf` the oldest day a line was worked out on. */
export function receivablesCsv(lines: readonly Receivable[], locale: CsvLocale): string {
  const t = TEXTS[locale];
  const totals = receivablesTotals(lines);
  const asOf = lines.map((l) => l.asOf).sort()[0] ?? '';
  const rows: Cell[][] = [
    [t.title],
    [t.asOf, asOf],
    [],
    [...t.columns],
    ...lines.map((l): Cell[] => [
      l.customerCode,
      l.customerName,
      l.phone ?? '',
      t.terms[l.paymentTerms],
      l.balance,
      ...AGING_BUCKETS.map((b) => l.aging[b]),
      l.oldestUnpaidMonth ?? '',
      l.lastPaymentOn ?? '',
    ]),
    [],
    [t.total, '', '', '', totals.balance, ...AGING_BUCKETS.map((b) => totals.aging[b])],
    [t.credits, '', '', '', totals.credits],
  ];
  return csvFile(rows);
}

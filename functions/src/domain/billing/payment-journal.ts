/**
 * A month's payments journal (收款明細): every customer's payments received in a Taipei month, for the bank
 * reconciliation — day, customer, method, reference, amount, who recorded it — with the totals per method; voided
 * payments are listed apart and counted in no total. The month's refunds (退款, credit paid back) are money going out of
 * the same till and bank account, so they are listed with it, apart from the payments and with their own totals.
 */
import { csvFile, digitCode, type Cell } from '../csv';
import { calendarDateSchema, moneySchema, z } from '../schema';
import { PAYMENT_CHANNELS, referenceMatches, type Payment, type PaymentChannel } from './payment';
import { REFUND_METHODS, REFUND_STATUSES, type Refund, type RefundMethod } from './refund';
import type { CsvLocale } from './statement-csv';

export const journalLineSchema = z
  .object({
    id: z.string(),
    receivedOn: calendarDateSchema,
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    method: z.enum(PAYMENT_CHANNELS),
    reference: z.string().optional(),
    amount: moneySchema,
    note: z.string(),
    /** Who recorded it, by the name the team knows them by (the uid when the account is gone). */
    recordedBy: z.string(),
    status: z.enum(['received', 'voided']),
    voidReason: z.string().optional(),
  })
  .openapi('PaymentJournalLine');
export type JournalLine = z.infer<typeof journalLineSchema>;

export const refundJournalLineSchema = z
  .object({
    id: z.string(),
    paidOn: calendarDateSchema,
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    method: z.enum(REFUND_METHODS),
    amount: moneySchema,
    reason: z.string(),
    recordedBy: z.string(),
    status: z.enum(REFUND_STATUSES),
    voidReason: z.string().optional(),
  })
  .openapi('RefundJournalLine');
export type RefundJournalLine = z.infer<typeof refundJournalLineSchema>;

export const paymentJournalSchema = z
  .object({
    month: z.string(),
    /** The payments that count, by day received then by when recorded. */
    received: z.array(journalLineSchema),
    /** The month's voided payments, apart. */
    voided: z.array(journalLineSchema),
    /** The payments that count summed per method (every method listed), and all of them. */
    totals: z.object({ byMethod: z.object(Object.fromEntries(PAYMENT_CHANNELS.map((m) => [m, moneySchema])) as Record<PaymentChannel, typeof moneySchema>), all: moneySchema }),
    /** The month's refunds paid back to customers by day, the voided ones apart, and the paid ones summed per method. */
    refunds: z.object({
      paid: z.array(refundJournalLineSchema),
      voided: z.array(refundJournalLineSchema),
      totals: z.object({ byMethod: z.object(Object.fromEntries(REFUND_METHODS.map((m) => [m, moneySchema])) as Record<RefundMethod, typeof moneySchema>), all: moneySchema }),
    }),
  })
  .openapi('PaymentJournal');
export type PaymentJournal = z.infer<typeof paymentJournalSchema>;

/** The customers a journal names, by id: its code and name. */
export type JournalCustomers = ReadonlyMap<string, { readonly code: string; readonly name: string }>;

/** A journal line's customer columns; one no longer on file reads as its id. */
export const customerColumns = (customers: JournalCustomers, customerId: string) => ({
  customerId,
  customerCode: customers.get(customerId)?.code ?? '',
  customerName: customers.get(customerId)?.name ?? customerId,
});

/** Payments as the journal lists them, in the order given: with the customer's code and name, and who recorded each by name. */
export const journalLines = (payments: readonly Payment[], customers: JournalCustomers, names: ReadonlyMap<string, string>): JournalLine[] =>
  payments.map((p) => ({
    id: p.id,
    receivedOn: p.receivedOn,
    ...customerColumns(customers, p.customerId),
    method: p.method,
    ...(p.reference ? { reference: p.reference } : {}),
    amount: p.amount,
    note: p.note,
    recordedBy: names.get(p.by.uid) ?? p.by.uid,
    status: p.status,
    ...(p.voidReason ? { voidReason: p.voidReason } : {}),
  }));

/**
 * The payments whose reference is the one sought (`referenceMatches`), for matching a bank line to who paid from that
 * account before: newest first, whatever the month, voided ones too (marked), as they still say whose the account is.
 */
export const paymentsByReferenceSchema = z
  .object({
    reference: z.string(),
    items: z.array(journalLineSchema),
    /** More matched than the answer holds (the newest kept): a longer number narrows it. */
    truncated: z.boolean(),
  })
  .openapi('PaymentsByReference');
export type PaymentsByReference = z.infer<typeof paymentsByReferenceSchema>;

export function paymentsByReference(
  sought: string,
  candidates: readonly Payment[],
  customers: JournalCustomers,
  names: ReadonlyMap<string, string>,
  limit: number,
): PaymentsByReference {
  const matching = candidates.filter((p) => referenceMatches(p, sought)).sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.at.localeCompare(a.at));
  return { reference: sought, items: journalLines(matching.slice(0, limit), customers, names), truncated: matching.length > limit };
}

export function paymentJournal(
  month: string,
  payments: readonly Payment[],
  customers: JournalCustomers,
  names: ReadonlyMap<string, string>,
  refunds: readonly Refund[],
): PaymentJournal {
  const lines = journalLines(
    [...payments].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.at.localeCompare(b.at)),
    customers,
    names,
  );
  const received = lines.filter((l) => l.status === 'received');
  const byMethod = Object.fromEntries(PAYMENT_CHANNELS.map((m) => [m, received.filter((l) => l.method === m).reduce((sum, l) => sum + l.amount, 0)])) as Record<PaymentChannel, number>;
  const refundLines = [...refunds]
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.at.localeCompare(b.at))
    .map((r): RefundJournalLine => ({
      id: r.id,
      paidOn: r.paidOn,
      ...customerColumns(customers, r.customerId),
      method: r.method,
      amount: r.amount,
      reason: r.reason,
      recordedBy: names.get(r.by.uid) ?? r.by.uid,
      status: r.status,
      ...(r.voidReason ? { voidReason: r.voidReason } : {}),
    }));
  const paid = refundLines.filter((l) => l.status === 'paid');
  const refundsByMethod = Object.fromEntries(REFUND_METHODS.map((m) => [m, paid.filter((l) => l.method === m).reduce((sum, l) => sum + l.amount, 0)])) as Record<RefundMethod, number>;
  return {
    month,
    received,
    voided: lines.filter((l) => l.status === 'voided'),
    totals: { byMethod, all: received.reduce((sum, l) => sum + l.amount, 0) },
    refunds: { paid, voided: refundLines.filter((l) => l.status === 'voided'), totals: { byMethod: refundsByMethod, all: paid.reduce((sum, l) => sum + l.amount, 0) } },
  };
}

const TEXTS = {
  'zh-TW': {
    title: '幸福氣 收款明細',
    month: '月份',
    columns: ['收款日', '客戶代號', '客戶名稱', '收款方式', '參考號碼', '金額', '備註', '登記人'],
    voided: '已作廢（不計入合計）',
    voidReason: '作廢原因',
    total: '合計',
    methods: { transfer: '轉帳', cash: '現金', cheque: '支票' },
    refunds: '退款（付還客戶，不計入收款合計）',
    refundColumns: ['退款日', '客戶代號', '客戶名稱', '退款方式', '', '金額', '原因', '登記人'],
    refundsVoided: '已作廢的退款（不計入合計）',
    refundTotal: '退款合計',
  },
  en: {
    title: 'Lucky Gas payments journal',
    month: 'Month',
    columns: ['Received on', 'Customer code', 'Customer', 'Method', 'Reference', 'Amount', 'Note', 'Recorded by'],
    voided: 'Voided (in no total)',
    voidReason: 'Void reason',
    total: 'Total',
    methods: { transfer: 'Bank transfer', cash: 'Cash', cheque: 'Cheque' },
    refunds: 'Refunds (paid back to customers, in no payments total)',
    refundColumns: ['Paid on', 'Customer code', 'Customer', 'Method', '', 'Amount', 'Reason', 'Recorded by'],
    refundsVoided: 'Voided refunds (in no total)',
    refundTotal: 'Refunds total',
  },
} as const satisfies Record<CsvLocale, unknown>;

/**
 * The journal as CSV (UTF-8 with BOM, CRLF): the received payments, a total per method and in all, then the voided ones
 * under their own header with the reason. References keep their leading zeros (an account's last five digits). The
 * month's refunds follow under their own header, only when there are any, their amount in the payments' amount column.
 */
export function paymentJournalCsv(journal: PaymentJournal, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const row = (l: JournalLine): Cell[] => [l.receivedOn, l.customerCode, l.customerName, t.methods[l.method], l.reference ? digitCode(l.reference) : '', l.amount, l.note, l.recordedBy];
  return csvFile([
    [t.title],
    [t.month, journal.month],
    [...t.columns],
    ...journal.received.map(row),
    ...PAYMENT_CHANNELS.map((m) => [`${t.total}（${t.methods[m]}）`, '', '', '', '', journal.totals.byMethod[m]]),
    [t.total, '', '', '', '', journal.totals.all],
    ...(journal.voided.length > 0 ? [[], [t.voided], [...t.columns, t.voidReason], ...journal.voided.map((l) => [...row(l), l.voidReason ?? ''])] : []),
    ...refundRows(journal.refunds, t),
  ]);
}

function refundRows(refunds: PaymentJournal['refunds'], t: (typeof TEXTS)[CsvLocale]): Cell[][] {
  if (refunds.paid.length === 0 && refunds.voided.length === 0) return [];
  const row = (l: RefundJournalLine): Cell[] => [l.paidOn, l.customerCode, l.customerName, t.methods[l.method], '', l.amount, l.reason, l.recordedBy];
  return [
    [],
    [t.refunds],
    [...t.refundColumns],
    ...refunds.paid.map(row),
    ...REFUND_METHODS.map((m) => [`${t.refundTotal}（${t.methods[m]}）`, '', '', '', '', refunds.totals.byMethod[m]]),
    [t.refundTotal, '', '', '', '', refunds.totals.all],
    ...(refunds.voided.length > 0 ? [[], [t.refundsVoided], [...t.refundColumns, t.voidReason], ...refunds.voided.map((l) => [...row(l), l.voidReason ?? ''])] : []),
  ];
}

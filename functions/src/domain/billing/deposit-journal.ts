/**
 * A month's deposit journal (押金明細): every customer's deposits collected and refunded in a Taipei month, and the
 * deposits held for all customers at its end. Deposits are a liability (存入保證金), not a sale, so the bookkeeper needs
 * them apart from the payments: what came in and went out of the till or the bank as deposits, and what the company
 * owes back at month end. Each customer's statement has its own; this is the whole company's.
 */
import { CYLINDER_SIZES, cylinderSizeSchema, type CylinderSize } from '../cylinders';
import { csvFile, type Cell } from '../csv';
import { calendarDateSchema, moneySchema, z } from '../schema';
import { DEPOSIT_KINDS, DEPOSIT_METHODS, depositHeldSchema, depositsHeldBefore, type Deposit, type DepositHeld } from './deposit';
import { customerColumns, type JournalCustomers } from './payment-journal';
import type { CsvLocale } from './statement-csv';

export const depositJournalLineSchema = z
  .object({
    id: z.string(),
    receivedOn: calendarDateSchema,
    /** 補登: the day a driver took it at the door, when it was booked on a later open day. */
    collectedOn: calendarDateSchema.optional(),
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    kind: z.enum(DEPOSIT_KINDS),
    size: cylinderSizeSchema,
    count: z.number().int(),
    amount: moneySchema,
    method: z.enum(DEPOSIT_METHODS),
    note: z.string().optional(),
    /** The delivery it was taken at (司機收押金). */
    orderId: z.string().optional(),
    recordedBy: z.string(),
  })
  .openapi('DepositJournalLine');
export type DepositJournalLine = z.infer<typeof depositJournalLineSchema>;

const byMethodSchema = z.object({ cash: moneySchema, transfer: moneySchema, all: moneySchema });

export const depositJournalSchema = z
  .object({
    month: z.string(),
    /** The month's records by day, then by when recorded. */
    lines: z.array(depositJournalLineSchema),
    totals: z.object({
      collected: byMethodSchema,
      refunded: byMethodSchema,
      /** Collected less refunded: what the deposits held grew by (negative when more went back). */
      net: z.number().int(),
    }),
    /** The deposits held for every customer at the end of the month, per size and in all. */
    heldAtMonthEnd: z.object({ bySize: z.array(depositHeldSchema), all: moneySchema }),
  })
  .openapi('DepositJournal');
export type DepositJournal = z.infer<typeof depositJournalSchema>;

/** What one customer holds now and since when they are a customer: the deposit held at an earlier day is worked back from it. */
export interface CustomerDepositsNow {
  readonly customerId: string;
  readonly createdAt: string;
  readonly held: readonly DepositHeld[];
}

/**
 * The deposits held for all customers when the month ended (`until`, the first instant after it): each customer's held now
 * with their records after the month undone (`depositsHeldBefore`, as their statement works it out). A customer created
 * after the month held nothing then, whatever their opening deposit (which has no record to undo).
 */
export function depositsHeldAtMonthEnd(customers: readonly CustomerDepositsNow[], later: readonly Deposit[], until: string): DepositJournal['heldAtMonthEnd'] {
  const laterOf = new Map<string, Deposit[]>();
  for (const d of later) laterOf.set(d.customerId, [...(laterOf.get(d.customerId) ?? []), d]);
  const sums = new Map<CylinderSize, number>();
  for (const c of customers) {
    if (Date.parse(c.createdAt) >= Date.parse(until)) continue;
    for (const h of depositsHeldBefore(c.held, laterOf.get(c.customerId) ?? [])) sums.set(h.size, (sums.get(h.size) ?? 0) + h.amount);
  }
  const bySize = CYLINDER_SIZES.flatMap((size) => (sums.get(size) ? [{ size, amount: sums.get(size) ?? 0 }] : []));
  return { bySize, all: bySize.reduce((sum, h) => sum + h.amount, 0) };
}

export function depositJournal(
  month: string,
  records: readonly Deposit[],
  customers: JournalCustomers,
  heldAtMonthEnd: DepositJournal['heldAtMonthEnd'],
): DepositJournal {
  const lines = [...records]
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.at.localeCompare(b.at))
    .map(
      (d): DepositJournalLine => ({
        id: d.id,
        receivedOn: d.receivedOn,
        ...(d.collectedOn ? { collectedOn: d.collectedOn } : {}),
        ...customerColumns(customers, d.customerId),
        kind: d.kind,
        size: d.size,
        count: d.count,
        amount: d.amount,
        method: d.method,
        ...(d.note ? { note: d.note } : {}),
        ...(d.orderId ? { orderId: d.orderId } : {}),
        recordedBy: d.by,
      }),
    );
  const summed = (kind: Deposit['kind']) => {
    const of = (method?: Deposit['method']) => lines.filter((l) => l.kind === kind && (!method || l.method === method)).reduce((sum, l) => sum + l.amount, 0);
    return { cash: of('cash'), transfer: of('transfer'), all: of() };
  };
  const collected = summed('collect');
  const refunded = summed('refund');
  return { month, lines, totals: { collected, refunded, net: collected.all - refunded.all }, heldAtMonthEnd };
}

const TEXTS = {
  'zh-TW': {
    title: '幸福氣 押金明細',
    month: '月份',
    columns: ['日期', '客戶代號', '客戶名稱', '收退', '規格', '瓶數', '金額', '方式', '備註', '登記人', '司機收取日（補登）'],
    kind: { collect: '收押金', refund: '退押金' },
    methods: { cash: '現金', transfer: '轉帳' },
    collected: '本月收取押金',
    refunded: '本月退還押金',
    net: '本月押金淨增加',
    held: '月底押金餘額（全部客戶）',
    kg: (size: number) => `${size} 公斤`,
  },
  en: {
    title: 'Lucky Gas deposit journal',
    month: 'Month',
    columns: ['Date', 'Customer code', 'Customer', 'Collected / refunded', 'Size', 'Cylinders', 'Amount', 'Method', 'Note', 'Recorded by', 'Collected at the door on (booked late)'],
    kind: { collect: 'Collected', refund: 'Refunded' },
    methods: { cash: 'Cash', transfer: 'Bank transfer' },
    collected: 'Deposits collected',
    refunded: 'Deposits refunded',
    net: 'Net change in deposits held',
    held: 'Deposits held at month end (all customers)',
    kg: (size: number) => `${size} kg`,
  },
} as const satisfies Record<CsvLocale, unknown>;

/**
 * The journal as CSV (UTF-8 with BOM, CRLF): the records (refunds negative, so the column sums to the net change), the
 * month's collected and refunded per method, the net, then the deposits held at month end in all and per size.
 */
export function depositJournalCsv(journal: DepositJournal, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const { totals } = journal;
  const perMethod = (label: string, sums: DepositJournal['totals']['collected']): Cell[][] => [
    ...DEPOSIT_METHODS.map((m): Cell[] => [`${label}（${t.methods[m]}）`, '', '', '', '', '', sums[m]]),
    [label, '', '', '', '', '', sums.all],
  ];
  return csvFile([
    [t.title],
    [t.month, journal.month],
    [...t.columns],
    ...journal.lines.map((l): Cell[] => [
      l.receivedOn,
      l.customerCode,
      l.customerName,
      t.kind[l.kind],
      t.kg(l.size),
      l.count,
      l.kind === 'collect' ? l.amount : -l.amount,
      t.methods[l.method],
      l.note ?? '',
      l.recordedBy,
      l.collectedOn ?? '',
    ]),
    ...perMethod(t.collected, totals.collected),
    ...perMethod(t.refunded, totals.refunded),
    [t.net, '', '', '', '', '', totals.net],
    [],
    [t.held, '', '', '', '', '', journal.heldAtMonthEnd.all],
    ...journal.heldAtMonthEnd.bySize.map((h): Cell[] => ['', '', '', '', t.kg(h.size), '', h.amount]),
  ]);
}

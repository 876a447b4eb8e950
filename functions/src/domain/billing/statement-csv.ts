import { csvFile, digitCode, type Cell } from '../csv';
import type { PaymentTerms } from '../customers';
import { sumBySize, type SizeQuantity } from '../cylinders';
import { signedAmount, type DepositKind } from './deposit';
import type { PaymentChannel } from './payment';
import type { RefundMethod } from './refund';
import type { ChainStatement } from './chain-statement';

export type CsvLocale = 'zh-TW' | 'en';

interface CsvTexts {
  /** For a customer on a monthly account (月結); `statement` for the others, whose deliveries were paid as they came. */
  readonly title: string;
  readonly statement: string;
  readonly month: string;
  readonly notClosed: string;
  readonly customer: string;
  readonly code: string;
  readonly address: string;
  readonly phone: string;
  readonly paymentTerms: string;
  readonly taxId: string;
  readonly columns: readonly string[];
  readonly paymentColumns: readonly string[];
  readonly allowanceColumns: readonly string[];
  readonly refundColumns: readonly string[];
  /** 補登: the column of the day a line booked late was delivered, and a deposit collected; only when there is one. */
  readonly deliveredLate: string;
  readonly collectedLate: string;
  /** 分店／總公司付款: a head office's file names each line's customer, itself or a branch; only in such a file. */
  readonly deliveredTo: string;
  /** A head office's file: what each shop's month came to (分店小計), for the chain's own cost control per shop. */
  readonly shopSubtotals: string;
  readonly shopColumns: readonly string[];
  readonly openingBalance: string;
  readonly charges: string;
  readonly cashCollected: string;
  readonly amountDue: string;
  readonly payments: string;
  readonly allowances: string;
  readonly refunds: string;
  readonly closingBalance: string;
  readonly cylinders: string;
  readonly emptiesCollected: string;
  /** The deposit section's title: it says deposits are not part of what is owed. */
  readonly deposits: string;
  readonly depositColumns: readonly string[];
  readonly depositKind: Readonly<Record<DepositKind, string>>;
  readonly depositsCollected: string;
  readonly depositsRefunded: string;
  readonly depositsHeld: string;
  readonly payment: Readonly<Record<PaymentTerms, string>>;
  readonly channel: Readonly<Record<PaymentChannel | RefundMethod, string>>;
  readonly kg: (size: number) => string;
  readonly listSeparator: string;
}

const TEXTS: Readonly<Record<CsvLocale, CsvTexts>> = {
  'zh-TW': {
    title: '幸福氣 月結對帳單',
    statement: '幸福氣 對帳單',
    month: '月份',
    notClosed: '本月尚未結束',
    customer: '客戶',
    code: '客戶編號',
    address: '地址',
    phone: '電話',
    paymentTerms: '付款方式',
    taxId: '統一編號',
    columns: ['送達日期', '訂單編號', '規格', '數量', '單價', '小計', '訂單金額', '付款方式', '現場收現', '發票號碼'],
    paymentColumns: ['收款日期', '收款金額', '收款方式', '參考號碼', '備註'],
    allowanceColumns: ['折讓日期', '折讓金額', '折讓單號', '原發票號碼', '折讓原因'],
    refundColumns: ['退款日期', '退款金額', '退款方式', '退款原因'],
    deliveredLate: '補登：實際送達日（該月已關帳）',
    deliveredTo: '送達客戶（總公司／分店）',
    shopSubtotals: '各店小計',
    shopColumns: ['送達客戶（總公司／分店）', '本期應收', '已收現金', '本期應付', '發票號碼', '送達瓶數', '送達公斤數'],
    collectedLate: '補登：實際收取日（該月已關帳）',
    openingBalance: '上期結餘',
    charges: '本期應收',
    cashCollected: '已收現金',
    amountDue: '本期應付',
    payments: '本期收款',
    allowances: '本期折讓',
    refunds: '本期退款',
    closingBalance: '期末結餘',
    cylinders: '送達瓶數',
    emptiesCollected: '回收空瓶',
    deposits: '押金（代客戶保管，不列入應付金額）',
    depositColumns: ['日期', '收退', '規格', '瓶數', '金額', '方式', '備註'],
    depositKind: { collect: '收押金', refund: '退押金' },
    depositsCollected: '本期收取押金',
    depositsRefunded: '本期退還押金',
    depositsHeld: '期末押金',
    payment: { cash: '貨到付款', monthly: '月結', transfer: '轉帳' },
    channel: { transfer: '轉帳', cash: '現金', cheque: '支票' },
    kg: (size) => `${size} 公斤`,
    listSeparator: '、',
  },
  en: {
    title: 'Lucky Gas monthly statement',
    statement: 'Lucky Gas statement',
    month: 'Month',
    notClosed: 'Month not yet closed',
    customer: 'Customer',
    code: 'Customer code',
    address: 'Address',
    phone: 'Phone',
    paymentTerms: 'Payment terms',
    taxId: 'Tax ID',
    columns: ['Delivered on', 'Order', 'Size', 'Quantity', 'Unit price', 'Subtotal', 'Order total', 'Payment', 'Cash collected', 'Invoice number'],
    paymentColumns: ['Received on', 'Amount', 'Method', 'Reference', 'Note'],
    allowanceColumns: ['Allowance date', 'Allowance amount', 'Allowance number', 'Invoice number', 'Reason'],
    refundColumns: ['Refunded on', 'Refund amount', 'Method', 'Reason'],
    deliveredLate: 'Posted late: delivered on (month already closed)',
    deliveredTo: 'Delivered to (head office / branch)',
    shopSubtotals: 'Subtotals by shop',
    shopColumns: ['Delivered to (head office / branch)', 'Charges', 'Cash collected', 'Due this month', 'Invoice number', 'Cylinders delivered', 'kg delivered'],
    collectedLate: 'Posted late: collected on (month already closed)',
    openingBalance: 'Opening balance',
    charges: 'Charges',
    cashCollected: 'Cash collected',
    amountDue: 'Due this month',
    payments: 'Payments received',
    allowances: 'Allowances (credits)',
    refunds: 'Refunds paid',
    closingBalance: 'Closing balance',
    cylinders: 'Cylinders delivered',
    emptiesCollected: 'Empties collected',
    deposits: 'Deposits (held for the customer, not part of the amount due)',
    depositColumns: ['Date', 'Collected / refunded', 'Size', 'Cylinders', 'Amount', 'Method', 'Note'],
    depositKind: { collect: 'Collected', refund: 'Refunded' },
    depositsCollected: 'Deposits collected',
    depositsRefunded: 'Deposits refunded',
    depositsHeld: 'Deposit held at month end',
    payment: { cash: 'Cash on delivery', monthly: 'Monthly account', transfer: 'Bank transfer' },
    channel: { transfer: 'Bank transfer', cash: 'Cash', cheque: 'Cheque' },
    kg: (size) => `${size} kg`,
    listSeparator: ', ',
  },
};

/**
 * The statement as CSV for Excel: a header block (customer, month), one row per priced item (the
 * order's total, payment, cash and invoice number only on its first row, so column sums add up; the invoice it was billed on
 * (`withInvoices`), so the bookkeeper ticks each sale against the 銷項 invoice register), the month's payments, allowances (折讓)
 * and refunds (退款) when there are any (the allowances' and refunds' totals among the totals then too), then the totals, and
 * after them, apart, the deposits (押金): the month's records (refunds negative) and the deposit held at its end,
 * when there is any. A sale or deposit booked late (補登: its day was closed when the driver's phone synced) is dated the
 * day it was booked, as the statement counts it, and a last column then gives the day it happened (on its first row);
 * that column is there only when the month has one. A head office's file (分店／總公司付款) adds, before the totals, a row
 * per shop (itself, then each branch) with what its month came to, its month's invoice and the gas delivered there, in
 * cylinders and kg: the head office's own being the chain's totals less its branches'. UTF-8 with BOM, CRLF line ends;
 * texts in the caller's language.
 */
export function statementCsv(statement: ChainStatement, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const { customer, totals } = statement;
  const bySize = (lines: readonly { size: number; quantity: number }[]) => lines.map((l) => `${t.kg(l.size)} × ${l.quantity}`).join(t.listSeparator);
  const { deposits } = statement;
  // A head office's file lists its branches' lines too, so the lines add up to the chain's totals, each naming where it went.
  const chain = (statement.branches?.length ?? 0) > 0;
  const named = (c: { code: string; name: string }) => `${c.code} ${c.name}`;
  const lines = [
    ...statement.lines.map((line) => ({ line, to: named(customer) })),
    ...(statement.branches ?? []).flatMap((b) => b.lines.map((line) => ({ line, to: named(b.customer) }))),
  ];
  const lateLines = lines.some(({ line }) => line.deliveredOn);
  const branches = statement.branches ?? [];
  const kg = (delivered: readonly SizeQuantity[]) => delivered.reduce((sum, l) => sum + l.size * l.quantity, 0);
  const branchSum = (pick: (b: (typeof branches)[number]['totals']) => number) => branches.reduce((sum, b) => sum + pick(b.totals), 0);
  const atBranches = sumBySize(branches.map((b) => b.totals.cylinders));
  const ownCylinders = totals.cylinders
    .map(({ size, quantity }) => ({ size, quantity: quantity - (atBranches.find((l) => l.size === size)?.quantity ?? 0) }))
    .filter((l) => l.quantity > 0);
  const shopRow = (to: string, sums: { charges: number; cashCollected: number; amountDue: number }, invoice: string, delivered: readonly SizeQuantity[]): Cell[] => [
    to,
    sums.charges,
    sums.cashCollected,
    sums.amountDue,
    invoice,
    bySize(delivered),
    kg(delivered),
  ];
  const shopRows: Cell[][] = chain
    ? [
        [],
        [t.shopSubtotals],
        [...t.shopColumns],
        shopRow(
          named(customer),
          { charges: totals.charges - branchSum((b) => b.charges), cashCollected: totals.cashCollected - branchSum((b) => b.cashCollected), amountDue: totals.amountDue - branchSum((b) => b.amountDue) },
          statement.monthInvoice?.number ?? '',
          ownCylinders,
        ),
        ...branches.map((b) => shopRow(named(b.customer), b.totals, b.monthInvoice?.number ?? '', b.totals.cylinders)),
      ]
    : [];
  const lateDeposits = deposits.records.some((d) => d.collectedOn);
  const depositRows: Cell[][] =
    deposits.records.length > 0 || deposits.heldAtEndTotal > 0
      ? [
          [],
          [t.deposits],
          ...(deposits.records.length > 0
            ? [
                [...t.depositColumns, ...(lateDeposits ? [t.collectedLate] : [])],
                ...deposits.records.map((d): Cell[] => [
                  d.receivedOn,
                  t.depositKind[d.kind],
                  t.kg(d.size),
                  d.count,
                  signedAmount(d),
                  t.channel[d.method],
                  d.note ?? '',
                  ...(lateDeposits ? [d.collectedOn ?? ''] : []),
                ]),
              ]
            : []),
          [t.depositsCollected, deposits.collected],
          [t.depositsRefunded, deposits.refunded],
          [t.depositsHeld, deposits.heldAtEndTotal, deposits.heldAtEnd.map((h) => `${t.kg(h.size)} ${h.amount}`).join(t.listSeparator)],
        ]
      : [];
  const rows: Cell[][] = [
    [customer.paymentTerms === 'monthly' ? t.title : t.statement],
    [t.month, statement.month, ...(statement.closed ? [] : [t.notClosed])],
    [t.customer, customer.name],
    [t.code, customer.code],
    [t.address, customer.address],
    [t.phone, customer.phones.join(' / ')],
    [t.paymentTerms, t.payment[customer.paymentTerms]],
    ...(customer.taxId ? [[t.taxId, customer.taxId]] : []),
    [],
    [...t.columns, ...(lateLines ? [t.deliveredLate] : []), ...(chain ? [t.deliveredTo] : [])],
    ...lines.flatMap(({ line, to }) =>
      line.items.map((item, i): Cell[] => [
        line.date,
        line.orderId,
        t.kg(item.size),
        item.quantity,
        item.unitPrice,
        item.subtotal,
        ...(i === 0 ? [line.total, t.payment[line.paymentMethod], line.cashCollected, line.invoice?.number ?? ''] : ['', '', '', '']),
        ...(lateLines ? [i === 0 ? (line.deliveredOn ?? '') : ''] : []),
        ...(chain ? [i === 0 ? to : ''] : []),
      ]),
    ),
    ...(statement.payments.length > 0
      ? [[], [...t.paymentColumns], ...statement.payments.map((p): Cell[] => [p.receivedOn, p.amount, t.channel[p.method], p.reference ?? '', p.note])]
      : []),
    ...(statement.allowances.length > 0
      ? // ECPay's allowance numbers are all digits, which Excel would turn into a number.
        [[], [...t.allowanceColumns], ...statement.allowances.map((a): Cell[] => [a.date, a.amount, digitCode(a.number), a.invoiceNumber, a.reason])]
      : []),
    ...(statement.refunds.length > 0 ? [[], [...t.refundColumns], ...statement.refunds.map((r): Cell[] => [r.paidOn, r.amount, t.channel[r.method], r.reason])] : []),
    ...shopRows,
    [],
    [t.openingBalance, totals.openingBalance],
    [t.charges, totals.charges],
    [t.cashCollected, totals.cashCollected],
    [t.amountDue, totals.amountDue],
    [t.payments, totals.payments],
    ...(statement.allowances.length > 0 ? [[t.allowances, totals.allowances]] : []),
    ...(statement.refunds.length > 0 ? [[t.refunds, totals.refunds]] : []),
    [t.closingBalance, totals.closingBalance],
    [t.cylinders, bySize(totals.cylinders)],
    [t.emptiesCollected, bySize(totals.emptiesCollected)],
    ...depositRows,
  ];
  return csvFile(rows);
}

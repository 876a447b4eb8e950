/**
 * A period's invoices as CSV for the accountant (會計師), who files the bi-monthly VAT return (401) from it: one row
 * per invoice number, void ones kept (the return counts them apart), amounts split as the invoice shows them. The digit
 * codes (隨機碼, 買方統一編號, 愛心碼) are written as text Excel keeps (`digitCode`): opened plainly, 隨機碼 0427 reads 427.
 */
import type { CsvLocale } from '../billing/statement-csv';
import { taipeiDate } from '../clock';
import { csvFile, digitCode, type Cell } from '../csv';
import type { Invoice, InvoiceBuyer, InvoiceKind, InvoiceStatus } from './invoice';

interface Texts {
  readonly headers: readonly string[];
  readonly byMonth: string;
  readonly monthHeaders: readonly string[];
  readonly kind: Readonly<Record<InvoiceKind, string>>;
  readonly status: Readonly<Record<InvoiceStatus, string>>;
  readonly carrier: Readonly<Record<'mobile' | 'citizen', string>>;
}

const TEXTS: Readonly<Record<CsvLocale, Texts>> = {
  'zh-TW': {
    headers: ['發票號碼', '隨機碼', '開立日期', '期別', '類別', '狀態', '客戶代號', '客戶名稱', '買方統一編號', '買方名稱', '載具類別', '載具號碼', '愛心碼', '銷售額', '稅額', '總計', '作廢日期', '作廢原因', '來源'],
    byMonth: '每月小計（依開立日期，作廢的另計）',
    monthHeaders: ['月份', '張數', '銷售額', '稅額', '總計', '作廢張數', '作廢總計'],
    kind: { B2B: '三聯式 (B2B)', B2C: '二聯式 (B2C)' },
    status: { issued: '開立', void: '作廢' },
    carrier: { mobile: '手機條碼', citizen: '自然人憑證' },
  },
  en: {
    headers: ['Invoice number', 'Random number', 'Issued on', 'Period', 'Kind', 'Status', 'Customer code', 'Customer name', 'Buyer tax ID', 'Buyer name', 'Carrier type', 'Carrier code', 'Donation code', 'Sales', 'Tax', 'Total', 'Voided on', 'Void reason', 'Source'],
    byMonth: 'Subtotals per month (by the day issued; voided ones apart)',
    monthHeaders: ['Month', 'Invoices', 'Sales', 'Tax', 'Total', 'Voided', 'Voided total'],
    kind: { B2B: 'B2B', B2C: 'B2C' },
    status: { issued: 'issued', void: 'void' },
    carrier: { mobile: 'mobile barcode', citizen: 'citizen certificate' },
  },
};

function buyerCells(buyer: InvoiceBuyer, t: Texts): Cell[] {
  switch (buyer.type) {
    case 'business':
      return [digitCode(buyer.taxId), buyer.title, '', '', ''];
    case 'carrier':
      return ['', '', t.carrier[buyer.carrierType], buyer.carrierCode, ''];
    case 'donation':
      return ['', '', '', '', digitCode(buyer.loveCode)];
    case 'print':
      return ['', '', '', '', ''];
  }
}

const sourceText = (invoice: Invoice): string => ('orderId' in invoice.source ? invoice.source.orderId : invoice.source.month);

export function invoicesCsv(invoices: readonly Invoice[], locale: CsvLocale): string {
  const t = TEXTS[locale];
  const rows = [...invoices]
    .sort((a, b) => a.number.localeCompare(b.number))
    .map((i): Cell[] => [
      i.number,
      digitCode(i.randomNumber),
      taipeiDate(new Date(i.issuedAt)),
      i.period,
      t.kind[i.kind],
      t.status[i.status],
      i.customer.code,
      i.customer.name,
      ...buyerCells(i.buyer, t),
      i.amounts.salesAmount,
      i.amounts.taxAmount,
      i.amounts.totalAmount,
      i.voidedAt ? taipeiDate(new Date(i.voidedAt)) : '',
      i.voidReason ?? '',
      sourceText(i),
    ]);
  return csvFile([t.headers, ...rows, ...monthRows(invoices, t)]);
}

/**
 * Under the invoices, each month's subtotal by the Taipei day issued: the return is per period, but the books close per
 * month, and the accountant ties each month's 月報 to its invoices. Valid ones summed, voided ones counted apart.
 */
function monthRows(invoices: readonly Invoice[], t: Texts): Cell[][] {
  const monthOf = (i: Invoice) => taipeiDate(new Date(i.issuedAt)).slice(0, 7);
  const months = [...new Set(invoices.map(monthOf))].sort();
  if (months.length === 0) return [];
  return [
    [],
    [t.byMonth],
    [...t.monthHeaders],
    ...months.map((month): Cell[] => {
      const ofMonth = invoices.filter((i) => monthOf(i) === month);
      const valid = ofMonth.filter((i) => i.status === 'issued');
      const voided = ofMonth.filter((i) => i.status === 'void');
      const sum = (of: readonly Invoice[], key: 'salesAmount' | 'taxAmount' | 'totalAmount') => of.reduce((s, i) => s + i.amounts[key], 0);
      return [month, valid.length, sum(valid, 'salesAmount'), sum(valid, 'taxAmount'), sum(valid, 'totalAmount'), voided.length, sum(voided, 'totalAmount')];
    }),
  ];
}

/**
 * A period's allowances (折讓) as CSV for the accountant, beside the invoices' file: the 401 VAT return subtracts the
 * period's allowances from its sales, so they are listed apart, one row per allowance number, cancelled ones kept
 * (status says 作廢, as the invoices' file does with void invoices).
 */
import type { CsvLocale } from '../billing/statement-csv';
import { taipeiDate } from '../clock';
import { csvFile, digitCode, type Cell } from '../csv';
import { invoiceDayOf, type Allowance, type AllowanceStatus } from './allowance';
import type { InvoiceKind } from './invoice';

interface Texts {
  readonly headers: readonly string[];
  readonly kind: Readonly<Record<InvoiceKind, string>>;
  readonly status: Readonly<Record<AllowanceStatus, string>>;
}

const TEXTS: Readonly<Record<CsvLocale, Texts>> = {
  'zh-TW': {
    headers: ['折讓單號', '折讓日期', '期別', '狀態', '原發票號碼', '原發票日期', '類別', '客戶代號', '客戶名稱', '買方統一編號', '買方名稱', '銷售額', '稅額', '總計', '折讓原因', '作廢日期', '作廢原因'],
    kind: { B2B: '三聯式 (B2B)', B2C: '二聯式 (B2C)' },
    status: { issued: '開立', void: '作廢' },
  },
  en: {
    headers: ['Allowance number', 'Allowed on', 'Period', 'Status', 'Invoice number', 'Invoice date', 'Kind', 'Customer code', 'Customer name', 'Buyer tax ID', 'Buyer name', 'Sales', 'Tax', 'Total', 'Reason', 'Cancelled on', 'Cancel reason'],
    kind: { B2B: 'B2B', B2C: 'B2C' },
    status: { issued: 'issued', void: 'void' },
  },
};

export function allowancesCsv(allowances: readonly Allowance[], locale: CsvLocale): string {
  const t = TEXTS[locale];
  const rows = [...allowances]
    .sort((a, b) => a.number.localeCompare(b.number))
    .map((a): Cell[] => [
      a.number,
      taipeiDate(new Date(a.issuedAt)),
      a.period,
      t.status[a.status],
      a.invoiceNumber,
      invoiceDayOf(a),
      t.kind[a.kind],
      a.customer.code,
      a.customer.name,
      a.buyer.type === 'business' ? digitCode(a.buyer.taxId) : '',
      a.buyer.type === 'business' ? a.buyer.title : '',
      a.amounts.salesAmount,
      a.amounts.taxAmount,
      a.amounts.totalAmount,
      a.reason,
      a.cancelledAt ? taipeiDate(new Date(a.cancelledAt)) : '',
      a.cancelReason ?? '',
    ]);
  return csvFile([t.headers, ...rows]);
}

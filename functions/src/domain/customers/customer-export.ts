/**
 * The customer list as a CSV file for Excel, in the columns and spellings the import reads: a file
 * exported here, edited in a spreadsheet and imported elsewhere creates the same customers (and
 * imported here again, finds them all as duplicates).
 */
import { csvFile, digitCode, type Cell } from '../csv';
import type { CsvLocale } from '../billing/statement-csv';
import type { Customer, CustomerType, PaymentTerms } from './customer';

type Texts = {
  readonly columns: readonly string[];
  readonly type: Readonly<Record<CustomerType, string>>;
  readonly terms: Readonly<Record<PaymentTerms, string>>;
  readonly weekday: (day: number) => string;
  readonly deposit: string;
  readonly yes: string;
  readonly no: string;
  readonly separator: string;
};

/** Column order of the import template; each header is one the import recognises. */
const TEXTS: Readonly<Record<CsvLocale, Texts>> = {
  'zh-TW': {
    columns: ['客戶編號', '客戶名稱', '聯絡人', '電話', '地址', '類型', '付款方式', '統一編號', '發票抬頭', '愛心碼', '配送時段', '公休日', '無電梯樓層', '鋼瓶', '自動配送', '備註', '緯度', '經度'],
    type: { household: '家庭', restaurant: '餐廳', commercial: '商業', industrial: '工業' },
    terms: { cash: '現金', monthly: '月結', transfer: '轉帳' },
    weekday: (day) => `週${'日一二三四五六'[day] ?? ''}`,
    deposit: '押金',
    yes: '是',
    no: '否',
    separator: '、',
  },
  en: {
    columns: ['code', 'name', 'contact', 'phone', 'address', 'type', 'payment', 'taxId', 'companyTitle', 'loveCode', 'windows', 'closed', 'floorsWithoutElevator', 'cylinders', 'autoDelivery', 'notes', 'lat', 'lng'],
    type: { household: 'household', restaurant: 'restaurant', commercial: 'commercial', industrial: 'industrial' },
    terms: { cash: 'cash', monthly: 'monthly', transfer: 'transfer' },
    weekday: (day) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][day] ?? '',
    deposit: 'deposit',
    yes: 'yes',
    no: 'no',
    separator: '/',
  },
};

/**
 * Coordinates only where they are exact (a pin or a house number): an import reads them as a pin, so a district
 * centre written out would come back as if someone had confirmed it. Approximate places are left for the geocoder.
 */
function pinOf(c: Customer): [Cell, Cell] {
  const exact = c.location && (c.locationPrecision === undefined || c.locationPrecision === 'manual' || c.locationPrecision === 'address');
  return exact && c.location ? [c.location.lat, c.location.lng] : ['', ''];
}

function customerRow(c: Customer, t: Texts): Cell[] {
  return [
    c.code,
    c.name,
    c.contactName ?? '',
    c.phones.join(' / '),
    c.address.full,
    t.type[c.type],
    t.terms[c.paymentTerms],
    // Kept as text: Excel drops a 統一編號's leading zeros, and the import then refuses the row.
    digitCode(c.invoice.taxId ?? ''),
    c.invoice.companyTitle ?? '',
    digitCode(c.invoice.loveCode ?? ''),
    c.deliveryWindows.map((w) => `${w.start}-${w.end}`).join(t.separator),
    c.closedDays.map(t.weekday).join(t.separator),
    c.floorsWithoutElevator,
    c.cylindersOnSite.map((l) => `${l.size}kg×${l.count}${l.depositPaid > 0 ? ` ${t.deposit}${l.depositPaid}` : ''}`).join(t.separator),
    c.autoDelivery ? t.yes : t.no,
    c.notes,
    ...pinOf(c),
  ];
}

/** The customers, in the order given, as a CSV for Excel in the caller's language (UTF-8 with BOM, CRLF). */
/** A customer type in the words of the customer list's file, for other files that name it. */
export const customerTypeLabel = (type: Customer['type'], locale: CsvLocale): string => TEXTS[locale].type[type];

export function customersCsv(customers: readonly Customer[], locale: CsvLocale): string {
  const t = TEXTS[locale];
  return csvFile([[...t.columns], ...customers.map((c) => customerRow(c, t))]);
}

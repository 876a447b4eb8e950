import type { CsvLocale } from '../billing/statement-csv';
import { taipeiDateTime } from '../clock';
import { csvFile, type Cell } from '../csv';
import type { ChurnReason } from '../../forecasting/lpg/churn';
import type { ChurnCall, ChurnCallOutcome } from './churn-call';
import type { ValueAtStake } from './churn-stake';
import type { CustomerType } from './customer';
import { customerTypeLabel } from './customer-export';

/** A row of the churn list as its file lays it out. */
export interface ChurnListRow {
  readonly customerCode: string;
  readonly customerName: string;
  readonly customerType: CustomerType;
  readonly customerDistrict: string;
  readonly customerPhone: string;
  readonly risk: number;
  readonly reasons: readonly { readonly code: ChurnReason }[];
  readonly lastDeliveryDate: string | null;
  readonly valueAtStake: ValueAtStake | null;
  readonly expectedLoss: number;
  readonly lastCall: (Pick<ChurnCall, 'outcome' | 'at' | 'note'> & { readonly byName?: string }) | null;
  readonly assigneeName: string | null;
}

const TEXTS = {
  'zh-TW': {
    columns: ['客戶編號', '客戶名稱', '類型', '區域', '電話', '流失風險 %', '原因', '上次配送', '每月鋼瓶', '每月金額', '每月預期損失', '上次聯絡', '聯絡時間', '聯絡人', '備註', '負責人'],
    cylinders: (size: number, perMonth: number) => `${size}kg ${perMonth} 支`,
    separator: '、',
    reasons: { OVERDUE: '超過平常訂購間隔', DECLINING_FREQUENCY: '訂購頻率下降', FAILED_DELIVERIES: '多次配送失敗', COMPLAINTS: '曾有客訴', PRICE_INCREASE: '價格調漲' },
    outcomes: { reached: '已聯絡上', no_answer: '無人接聽', competitor: '改用其他業者', price: '嫌價格高', moved: '已搬家', closed_business: '已歇業', will_order: '會再訂購', other: '其他' },
  },
  en: {
    columns: ['code', 'name', 'type', 'district', 'phone', 'churn risk %', 'reasons', 'last delivery', 'cylinders a month', 'NT$ a month', 'expected loss a month', 'last call', 'called at', 'called by', 'note', 'assigned to'],
    cylinders: (size: number, perMonth: number) => `${size} kg × ${perMonth}`,
    separator: '; ',
    reasons: { OVERDUE: 'Overdue vs usual interval', DECLINING_FREQUENCY: 'Ordering less often', FAILED_DELIVERIES: 'Failed deliveries', COMPLAINTS: 'Complaints', PRICE_INCREASE: 'Price increase' },
    outcomes: { reached: 'Reached', no_answer: 'No answer', competitor: 'Moved to a competitor', price: 'Price too high', moved: 'Moved away', closed_business: 'Closed business', will_order: 'Will order', other: 'Other' },
  },
} as const satisfies Record<CsvLocale, { readonly reasons: Record<ChurnReason, string>; readonly outcomes: Record<ChurnCallOutcome, string> } & Record<string, unknown>>;

/**
 * The churn list as the page shows it, reasons and outcomes in the page's words, for the owner to review away from the screen (UTF-8 with BOM, CRLF): risk as a
 * whole percentage, what each used to buy a month and the month's expected loss in whole NT$, the latest call in Taipei time.
 */
export function churnListCsv(rows: readonly ChurnListRow[], locale: CsvLocale): string {
  const t = TEXTS[locale];
  return csvFile([
    [...t.columns],
    ...rows.map((row): Cell[] => [
      row.customerCode,
      row.customerName,
      customerTypeLabel(row.customerType, locale),
      row.customerDistrict,
      row.customerPhone,
      Math.round(row.risk * 100),
      row.reasons.map((r) => t.reasons[r.code]).join(t.separator),
      row.lastDeliveryDate ?? '',
      (row.valueAtStake?.bySize ?? []).map((l) => t.cylinders(l.size, l.perMonth)).join(t.separator),
      row.valueAtStake?.perMonth ?? '',
      Math.round(row.expectedLoss),
      row.lastCall ? t.outcomes[row.lastCall.outcome] : '',
      row.lastCall ? taipeiDateTime(new Date(row.lastCall.at)) : '',
      row.lastCall?.byName ?? '',
      row.lastCall?.note ?? '',
      row.assigneeName ?? '',
    ]),
  ]);
}

/**
 * 用戶安全檢查資料 as the retailer files them with the fire department (申報 to 消防局): one row per inspection in the
 * period, UTF-8 with BOM and CRLF so Excel in Taiwan opens it.
 */
import { csvFile, type Cell } from '../csv';
import type { CsvLocale } from '../billing/statement-csv';
import { calendarDateSchema, z } from '../schema';
import { ADVISORY_ITEMS, SAFETY_ITEM_LABELS, type SafetyItem } from './checklist';
import { addYears, type InspectionResult, type SafetyInspection, type SafetySummary } from './inspection';

/** A filing covers at most a year (the fire departments ask for it periodically, usually each half year). */
export const filingPeriodSchema = z
  .object({ from: calendarDateSchema, to: calendarDateSchema })
  .refine((p) => p.from <= p.to && p.to < addYears(p.from, 1), { message: 'SAFETY.RANGE_INVALID', path: ['to'] })
  .openapi('SafetyFilingPeriod', { example: { from: '2026-07-01', to: '2026-12-31' } });
export type FilingPeriod = z.infer<typeof filingPeriodSchema>;

interface FilingTexts {
  readonly columns: readonly string[];
  readonly result: Readonly<Record<InspectionResult, string>>;
  readonly fixedOnSite: (items: string) => string;
  readonly rechecked: (on: string) => string;
  readonly toFixBy: (on: string) => string;
  readonly separator: string;
  readonly clauseSeparator: string;
}

const TEXTS: Readonly<Record<CsvLocale, FilingTexts>> = {
  'zh-TW': {
    columns: ['用戶編號', '用戶名稱', '地址', '電話', '檢查日期', '檢查結果', '不合格項目', '改善情形', '安全技術人員', '證書字號'],
    result: { pass: '合格', needsFix: '不合格' },
    fixedOnSite: (items) => `當場改善：${items}`,
    rechecked: (on) => `已於 ${on} 複查合格`,
    toFixBy: (on) => `限期改善，${on} 前複查`,
    separator: '、',
    clauseSeparator: '；',
  },
  en: {
    columns: ['customerCode', 'customerName', 'address', 'phone', 'inspectedOn', 'result', 'failedItems', 'remedy', 'technician', 'certificateNo'],
    result: { pass: 'pass', needsFix: 'needs fix' },
    fixedOnSite: (items) => `fixed on site: ${items}`,
    rechecked: (on) => `re-checked and passed on ${on}`,
    toFixBy: (on) => `to be fixed and re-checked by ${on}`,
    separator: '/',
    clauseSeparator: '; ',
  },
};

/** One inspection to file, with the customer's current summary (which tells whether a failed item was fixed since). */
export interface FilingEntry {
  readonly inspection: SafetyInspection;
  readonly current: SafetySummary | undefined;
}

const labels = (items: readonly SafetyItem[], locale: CsvLocale, t: FilingTexts): string => items.map((i) => SAFETY_ITEM_LABELS[i][locale]).join(t.separator);

/**
 * 改善情形: what was fixed on site, and for what still needed fixing either the re-check that passed it (a later
 * inspection that left none of these items open) or the day it must be re-checked by.
 */
function remedyOf({ inspection, current }: FilingEntry, locale: CsvLocale, t: FilingTexts): string {
  const fixedOnSite = inspection.items.filter((e) => e.result === 'fixedOnSite').map((e) => e.item);
  const clauses = fixedOnSite.length > 0 ? [t.fixedOnSite(labels(fixedOnSite, locale, t))] : [];
  if (inspection.openItems.length > 0) {
    const fixedSince = current !== undefined && current.lastInspectedOn > inspection.inspectedOn && !inspection.openItems.some((i) => current.openItems.includes(i));
    clauses.push(fixedSince ? t.rechecked(current.lastInspectedOn) : t.toFixBy(inspection.nextDueOn));
  }
  return clauses.join(t.clauseSeparator);
}

function filingRow(entry: FilingEntry, locale: CsvLocale, t: FilingTexts): Cell[] {
  const { inspection } = entry;
  // Advisory items are not failures under the law, so the filing leaves them out.
  const failed = inspection.items.filter((e) => (e.result === 'needsFix' || e.result === 'fixedOnSite') && !ADVISORY_ITEMS.has(e.item)).map((e) => e.item);
  return [
    inspection.customer.code,
    inspection.customer.name,
    inspection.customer.address,
    inspection.customer.phone,
    inspection.inspectedOn,
    t.result[inspection.result],
    labels(failed, locale, t),
    remedyOf(entry, locale, t),
    inspection.technician.name,
    inspection.technician.certificateNo,
  ];
}

/** The filing in the caller's language, oldest inspection first (then by customer code). */
export function safetyFilingCsv(entries: readonly FilingEntry[], locale: CsvLocale): string {
  const t = TEXTS[locale];
  const sorted = [...entries].sort(
    (a, b) => a.inspection.inspectedOn.localeCompare(b.inspection.inspectedOn) || a.inspection.customer.code.localeCompare(b.inspection.customer.code),
  );
  return csvFile([[...t.columns], ...sorted.map((e) => filingRow(e, locale, t))]);
}

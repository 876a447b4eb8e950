/**
 * 用戶名冊 with their 用戶安全檢查: every active customer, or those of the districts asked, with the last inspection, its
 * result, what is still to fix and when the next is due. A fire department inspector asks for it first (消防法 §15-1); the
 * filing (`filing-csv.ts`) lists inspections of a period, so it leaves out the customers never inspected and those
 * inspected before it, and the due list only those due within its window.
 */
import type { CsvLocale } from '../billing/statement-csv';
import { SERVED_DISTRICT_COUNT, servedDistrictSchema } from '../closures';
import { csvFile, type Cell } from '../csv';
import { z } from '../schema';
import { SAFETY_ITEM_LABELS, type SafetyItem } from './checklist';
import { safetyDueOf, type DueCandidate } from './due';
import type { InspectionResult } from './inspection';

/** `districts`: comma-separated served districts (中和區,永和區); absent or empty, every district. */
export const safetyRegisterQuerySchema = z.object({
  districts: z
    .string()
    .max(400)
    .transform((s) => [...new Set(s.split(',').map((d) => d.trim()).filter((d) => d !== ''))])
    .pipe(z.array(servedDistrictSchema).max(SERVED_DISTRICT_COUNT))
    .optional()
    .openapi({ description: 'Comma-separated served districts; absent: every district', example: '中和區,永和區' }),
});
export type SafetyRegisterQuery = z.infer<typeof safetyRegisterQuerySchema>;

/** A customer of the register: what the due list reads, and the district the register is grouped by. */
export interface RegisterCandidate extends DueCandidate {
  readonly district: string;
}

interface RegisterTexts {
  readonly columns: readonly string[];
  readonly result: Readonly<Record<InspectionResult, string>>;
  readonly status: {
    readonly supplyStopped: (since: string) => string;
    readonly never: string;
    readonly overdue: (days: number) => string;
    readonly recheck: string;
    readonly inDate: string;
  };
  readonly separator: string;
}

const TEXTS: Readonly<Record<CsvLocale, RegisterTexts>> = {
  'zh-TW': {
    columns: ['用戶編號', '用戶名稱', '行政區', '地址', '電話', '上次檢查日期', '檢查結果', '待改善項目', '下次檢查期限', '狀態'],
    result: { pass: '合格', needsFix: '不合格' },
    status: {
      supplyStopped: (since) => `停止供氣（${since} 起）`,
      never: '從未檢查',
      overdue: (days) => `逾期 ${days} 天`,
      recheck: '待複查',
      inDate: '期限內',
    },
    separator: '、',
  },
  en: {
    columns: ['customerCode', 'customerName', 'district', 'address', 'phone', 'lastInspectedOn', 'result', 'openItems', 'nextDueOn', 'status'],
    result: { pass: 'pass', needsFix: 'needs fix' },
    status: {
      supplyStopped: (since) => `supply stopped since ${since}`,
      never: 'never inspected',
      overdue: (days) => `overdue ${days} days`,
      recheck: 're-check due',
      inDate: 'in date',
    },
    separator: '/',
  },
};

/** The worst first: a stopped supply, never inspected, past its due day, open items still to re-check, else in date. */
function statusOf(c: RegisterCandidate, today: string, t: RegisterTexts): string {
  if (c.supplyStop) return t.status.supplyStopped(c.supplyStop.since);
  if (!c.safety) return t.status.never;
  const { overdueDays } = safetyDueOf(c.safety, today, 0);
  if (overdueDays > 0) return t.status.overdue(overdueDays);
  return c.safety.openItems.length > 0 ? t.status.recheck : t.status.inDate;
}

function registerRow(c: RegisterCandidate, today: string, locale: CsvLocale, t: RegisterTexts): Cell[] {
  const due = safetyDueOf(c.safety, today, 0, c.supplyStop);
  return [
    c.code,
    c.name,
    c.district,
    c.address.full,
    c.phones[0] ?? '',
    c.safety?.lastInspectedOn ?? '',
    c.safety ? t.result[c.safety.result] : '',
    due.openItems.map((i: SafetyItem) => SAFETY_ITEM_LABELS[i][locale]).join(t.separator),
    due.nextDueOn ?? '',
    statusOf(c, today, t),
  ];
}

/** The register in the caller's language, by district, then customer code: the order an inspector walks it in. */
export function safetyRegisterCsv(customers: readonly RegisterCandidate[], today: string, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const sorted = [...customers].sort((a, b) => a.district.localeCompare(b.district, 'zh-Hant') || a.code.localeCompare(b.code));
  return csvFile([[...t.columns], ...sorted.map((c) => registerRow(c, today, locale, t))]);
}

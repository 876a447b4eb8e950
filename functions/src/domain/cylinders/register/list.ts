/** The office's views of the register: the list's filters, the summary and the 容器管理資料 file. */
import { addDays } from '../../calendar';
import type { CsvLocale } from '../../billing/statement-csv';
import { csvFile, type Cell } from '../../csv';
import { invalid } from '../../errors';
import { z } from '../../schema';
import { CYLINDER_SIZES, cylinderSizeSchema, type CylinderSize } from '../cylinder';
import { CYLINDER_STATUSES, type CylinderLocation, type CylinderStatus, type RegisteredCylinder } from './cylinder';
import type { CylinderMaterial } from './deadline';

export const cylinderListQuerySchema = z.object({
  status: z.enum(CYLINDER_STATUSES).optional(),
  size: z.coerce.number().pipe(cylinderSizeSchema).optional(),
  /** Deadline within this many days or already past (scrapped cylinders have none); sorted by deadline. */
  dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  /** `depot:<id>`, `customer:<id>`, `customer` (at any customer: those to call back, with `dueWithinDays=0`), `inspection` or `scrapped`. */
  location: z
    .string()
    .regex(/^((depot|customer):[A-Za-z0-9_-]{1,128}|customer|inspection|scrapped)$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
});
export type CylinderListQuery = z.infer<typeof cylinderListQuerySchema>;

/** The 容器管理資料 file takes the list's filters (the overdue, those due within N days, a place …), whole rather than paged. */
export const cylinderExportQuerySchema = cylinderListQuerySchema.omit({ limit: true, cursor: true });
export type CylinderFilter = z.infer<typeof cylinderExportQuerySchema>;

/** The `location` filter for every cylinder standing at a customer, whichever: a location kind, not a location key. */
export const AT_ANY_CUSTOMER = 'customer';

/** The last deadline the `dueWithinDays` filter takes in. */
export const dueOnOrBefore = (today: string, withinDays: number): string => addDays(today, withinDays);

/** Where a page ends: the serial, after the deadline when the list is sorted by deadline. */
export const cursorOf = (c: Pick<RegisteredCylinder, 'serial' | 'nextInspectionDue'>, byDeadline: boolean): string => (byDeadline ? `${c.nextInspectionDue}~${c.serial}` : c.serial);

/**
 * The position a cursor names, for the list sorted the same way.
 * @throws `CYLINDER.CURSOR_INVALID` (validation, path `cursor`) for one this list did not give out.
 */
export function parseCursor(cursor: string, byDeadline: boolean): { readonly due?: string; readonly serial: string } {
  const m = /^(?:(\d{4}-\d{2}-\d{2})~)?([A-Z0-9-]{4,20})$/.exec(cursor);
  if (!m?.[2] || (m[1] !== undefined) !== byDeadline) throw invalid('CYLINDER.CURSOR_INVALID', 'The cursor belongs to another list', { path: 'cursor' });
  return m[1] ? { due: m[1], serial: m[2] } : { serial: m[2] };
}

/** The windows the summary counts, in days from today. */
export const SUMMARY_WINDOWS = [30, 90] as const;

const countsSchema = z.object({
  inService: z.number().int(),
  atInspection: z.number().int(),
  scrapped: z.number().int(),
  /** In service and past the deadline: to collect and send to inspection. */
  overdue: z.number().int(),
  /** In service with a deadline from today to 30 (90) days ahead; the overdue are not counted again. */
  dueWithin30: z.number().int(),
  dueWithin90: z.number().int(),
});
export type CylinderCounts = z.infer<typeof countsSchema>;

export const cylinderSummarySchema = z
  .object({ today: z.string(), total: z.number().int(), all: countsSchema, bySize: z.array(countsSchema.extend({ size: cylinderSizeSchema })) })
  .openapi('CylinderRegisterSummary');
export type CylinderSummary = z.infer<typeof cylinderSummarySchema>;

/**
 * One count the summary is made of: the cylinders of a size and status and, for a deadline bucket, with the deadline in
 * [`dueFrom`, `dueBefore`). The store answers each with a `count()` aggregate, so a summary costs index entries, not a read
 * of every cylinder.
 */
export interface SummaryCount {
  readonly size: CylinderSize;
  readonly name: keyof CylinderCounts;
  readonly status: CylinderStatus;
  readonly dueFrom?: string;
  readonly dueBefore?: string;
}

/**
 * Every count of a summary on `today`, per size: each status, and of those in service the overdue (deadline before today)
 * and those due from today to 30 (90) days ahead.
 */
export function summaryCounts(today: string): SummaryCount[] {
  const within = (days: number) => ({ dueFrom: today, dueBefore: dueOnOrBefore(today, days + 1) });
  return CYLINDER_SIZES.flatMap((size): SummaryCount[] => [
    ...CYLINDER_STATUSES.map((status) => ({ size, name: status, status })),
    { size, name: 'overdue', status: 'inService', dueBefore: today },
    { size, name: 'dueWithin30', status: 'inService', ...within(30) },
    { size, name: 'dueWithin90', status: 'inService', ...within(90) },
  ]);
}

const NO_COUNTS: CylinderCounts = { inService: 0, atInspection: 0, scrapped: 0, overdue: 0, dueWithin30: 0, dueWithin90: 0 };
type Counted = SummaryCount & { readonly count: number };
const sum = (counted: readonly Counted[]): CylinderCounts => counted.reduce((acc, c) => ({ ...acc, [c.name]: acc[c.name] + c.count }), NO_COUNTS);

/** The summary from the answers to `summaryCounts`: per size (every size, ascending, even at zero) and in all. */
export function cylinderSummary(counted: readonly Counted[], today: string): CylinderSummary {
  const all = sum(counted);
  return {
    today,
    total: all.inService + all.atInspection + all.scrapped,
    all,
    bySize: CYLINDER_SIZES.map((size) => ({ size, ...sum(counted.filter((c) => c.size === size)) })),
  };
}

/** How the file names the places: depots and customers by the names the office knows. */
export interface PlaceNames {
  readonly depots: ReadonlyMap<string, string>;
  /** Customer id → code and name. */
  readonly customers: ReadonlyMap<string, string>;
}

interface ExportTexts {
  readonly columns: readonly string[];
  readonly material: Readonly<Record<CylinderMaterial, string>>;
  readonly status: Readonly<Record<CylinderStatus, string>>;
  readonly inspection: (station: string | undefined) => string;
  readonly scrapped: string;
  readonly size: (size: CylinderSize) => string;
}

const TEXTS: Readonly<Record<CsvLocale, ExportTexts>> = {
  'zh-TW': {
    columns: ['鋼印號碼', '容量', '材質', '出廠耐壓試驗日期', '最近檢驗日期', '下次檢驗期限', '狀態', '所在位置'],
    material: { steel: '鋼製', composite: '複合材料' },
    status: { inService: '使用中', atInspection: '檢驗中', scrapped: '已報廢' },
    inspection: (station) => (station ? `檢驗場：${station}` : '檢驗場'),
    scrapped: '已報廢',
    size: (size) => `${size}公斤`,
  },
  en: {
    columns: ['serial', 'capacity', 'material', 'factoryTestedOn', 'lastInspectedOn', 'nextInspectionDue', 'status', 'location'],
    material: { steel: 'steel', composite: 'composite' },
    status: { inService: 'in service', atInspection: 'at inspection', scrapped: 'scrapped' },
    inspection: (station) => (station ? `inspection: ${station}` : 'inspection'),
    scrapped: 'scrapped',
    size: (size) => `${size} kg`,
  },
};

function place(l: CylinderLocation, names: PlaceNames, t: ExportTexts): string {
  switch (l.kind) {
    case 'depot':
      return names.depots.get(l.depotId) ?? l.depotId;
    case 'customer':
      return names.customers.get(l.customerId) ?? l.customerId;
    case 'inspection':
      return t.inspection(l.station);
    case 'scrapped':
      return t.scrapped;
  }
}

/** 容器管理資料 as the retailer keeps and files it: one row per cylinder by serial; a scrapped one has no next deadline. */
export function cylinderRegisterCsv(cylinders: readonly RegisteredCylinder[], names: PlaceNames, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const rows: Cell[][] = [...cylinders]
    .sort((a, b) => a.serial.localeCompare(b.serial))
    .map((c) => [
      c.serial,
      t.size(c.size),
      t.material[c.material],
      c.factoryTestedOn,
      c.lastInspectedOn ?? '',
      c.status === 'scrapped' ? '' : c.nextInspectionDue,
      t.status[c.status],
      place(c.location, names, t),
    ]);
  return csvFile([[...t.columns], ...rows]);
}

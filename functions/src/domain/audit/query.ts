import type { CsvLocale } from '../billing/statement-csv';
import { addDays, taipeiInstant } from '../calendar';
import { taipeiDateTime } from '../clock';
import { csvFile, type Cell } from '../csv';
import { DomainError } from '../errors';
import type { Role } from '../events';
import { ROLES } from '../users';
import { calendarDateSchema, z } from '../schema';
import { auditActionLabel, auditFunctionLabel } from './actions';
import type { AuditEntry } from './entry';

const filters = {
  actorUid: z.string().trim().min(1).max(200).optional().describe('the account that made the change'),
  function: z
    .string()
    .regex(/^[a-z][a-z-]{1,39}$/)
    .optional()
    .describe('the API function called, e.g. `invoices`, `customers`'),
  entityId: z.string().trim().min(1).max(200).optional().describe('an id the change touched: in its path, its body or its answer (a customer, an invoice…)'),
};
const rangeChecked = <T extends { from?: string | undefined; to?: string | undefined }>(q: T) => !q.from || !q.to || q.from <= q.to;

/** `GET /api/audit-log`: newest first, any filters together; `from` / `to` are Taipei days, both included. */
export const auditLogQuerySchema = z
  .object({
    ...filters,
    from: calendarDateSchema.optional(),
    to: calendarDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(200).optional(),
  })
  .refine(rangeChecked, { message: 'AUDIT.RANGE_INVALID', path: ['to'] })
  .openapi('AuditLogQuery', { example: { function: 'invoices', from: '2026-11-01', to: '2026-11-30', limit: 50 } });
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** An export names its days, at most a year of them. */
export const MAX_EXPORT_DAYS = 366;
/** More rows than this are refused (422): narrow the filters. */
export const MAX_EXPORT_ROWS = 10_000;

export const auditExportQuerySchema = z
  .object({ ...filters, from: calendarDateSchema, to: calendarDateSchema })
  .refine((q) => rangeChecked(q) && q.to < addDays(q.from, MAX_EXPORT_DAYS), { message: 'AUDIT.RANGE_INVALID', path: ['to'] })
  .openapi('AuditLogExportQuery', { example: { from: '2026-11-01', to: '2026-11-30' } });
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** The filters as the store applies them: `at` from the first Taipei day's midnight to before the midnight after the last. */
export interface AuditFilter {
  readonly actorUid?: string;
  readonly function?: string;
  readonly entityId?: string;
  readonly atFrom?: string;
  readonly atBefore?: string;
}

export function auditFilterOf(q: Pick<AuditLogQuery, 'actorUid' | 'function' | 'entityId' | 'from' | 'to'>): AuditFilter {
  return {
    ...(q.actorUid ? { actorUid: q.actorUid } : {}),
    ...(q.function ? { function: q.function } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.from ? { atFrom: taipeiInstant(q.from, '00:00') } : {}),
    ...(q.to ? { atBefore: taipeiInstant(addDays(q.to, 1), '00:00') } : {}),
  };
}

export const exportTooLarge = () => new DomainError('AUDIT.EXPORT_TOO_LARGE', 'precondition', `More than ${MAX_EXPORT_ROWS} entries`, { max: MAX_EXPORT_ROWS });

const actorSchema = z.object({
  uid: z.string(),
  role: z.enum(ROLES),
  driverId: z.string().optional(),
  customerId: z.string().optional(),
  name: z.string().optional().describe("the account's display name now, when it has one"),
});

/** An entry as the API answers it. */
export const auditEntryViewSchema = z
  .object({
    id: z.string().describe('the request id (the idempotency scope when an Idempotency-Key was sent)'),
    at: z.string().describe('server time, ISO-8601 UTC'),
    actor: actorSchema,
    function: z.string(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).describe('GET: a personal-data export (the body is its query)'),
    route: z.string().describe('the route template, e.g. `/:id/void`'),
    summary: z.string().describe("the route's OpenAPI summary when the change was made"),
    action: z.string().describe("what was done, in the caller's language (Accept-Language): the route's label (作廢發票), else its `summary` for a route since renamed or removed"),
    params: z.record(z.string(), z.string()),
    body: z.unknown().optional().describe('the parsed request body (of an export, its query), secrets replaced by `[REDACTED]`'),
    status: z.number().int(),
    entityId: z.string().nullable(),
    entityIds: z.array(z.string()),
    ip: z.string(),
  })
  .openapi('AuditEntry');
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

/** An entry as the caller reads it: the actor's display name now, what was done in the caller's language. */
export function entryView(entry: AuditEntry, name: string | undefined, locale: CsvLocale): AuditEntryView {
  const { expiresAt: _expiresAt, ...rest } = entry;
  return {
    ...rest,
    action: auditActionLabel(entry, locale),
    entityIds: [...entry.entityIds],
    method: entry.method as AuditEntryView['method'],
    actor: { ...entry.actor, ...(name ? { name } : {}) },
  };
}

interface CsvTexts {
  readonly columns: readonly string[];
  readonly role: Readonly<Record<Role, string>>;
}

const TEXTS: Readonly<Record<CsvLocale, CsvTexts>> = {
  'zh-TW': {
    columns: ['時間', '帳號', '姓名', '角色', '動作', '功能', '方法', '路徑', '對象', '狀態', 'IP', '參數', '內容', '請求編號'],
    role: { admin: '管理員', office: '辦公室', driver: '司機', customer: '客戶', turnkey: '財政部上傳機' },
  },
  en: {
    columns: ['time', 'account', 'name', 'role', 'action', 'function', 'method', 'route', 'entity', 'status', 'ip', 'params', 'body', 'requestId'],
    role: { admin: 'admin', office: 'office', driver: 'driver', customer: 'customer', turnkey: 'Turnkey machine' },
  },
};

/** The entries as a file for Excel (UTF-8 with BOM, CRLF), times in Taipei, newest first as listed, in the caller's language. */
export function auditLogCsv(entries: readonly AuditEntryView[], locale: CsvLocale): string {
  const t = TEXTS[locale];
  const row = (e: AuditEntryView): Cell[] => [
    taipeiDateTime(new Date(e.at)),
    e.actor.uid,
    e.actor.name ?? '',
    t.role[e.actor.role],
    auditActionLabel(e, locale),
    auditFunctionLabel(e.function, locale),
    e.method,
    e.route,
    e.entityId ?? '',
    e.status,
    e.ip,
    Object.keys(e.params).length > 0 ? JSON.stringify(e.params) : '',
    e.body === undefined ? '' : JSON.stringify(e.body),
    e.id,
  ];
  return csvFile([t.columns, ...entries.map(row)]);
}

export const auditMessages = {
  'AUDIT.RANGE_INVALID': { 'zh-TW': '起始日期不可晚於結束日期；匯出期間不超過一年', en: 'The start must not be after the end, and an export covers at most a year' },
  'AUDIT.EXPORT_TOO_LARGE': {
    'zh-TW': '符合條件的紀錄超過 {max} 筆，請縮小日期範圍或加上篩選條件',
    en: 'More than {max} entry matches: narrow the dates or add a filter | More than {max} entries match: narrow the dates or add a filter',
    countedBy: 'max',
  },
  'AUDIT.CURSOR_INVALID': { 'zh-TW': '分頁位置無效，請重新查詢', en: 'The page cursor is not valid: search again' },
} as const;

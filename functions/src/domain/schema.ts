/**
 * The one `z` every schema imports: zod schemas are the single source for validation, TS types and the
 * OpenAPI document, so the OpenAPI extension must be installed exactly once, before any schema is built.
 */
import { extendZodWithOpenApi, getOpenApiMetadata } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };

/** The `example` attached with `.openapi({ example })`, so tests can check every example is valid. */
export const exampleOf = (schema: z.ZodType): unknown => getOpenApiMetadata(schema).example;

/**
 * Custom checks report a stable code as their message (e.g. `CUSTOMER.TAX_ID_INVALID`); the HTTP boundary
 * looks the code up in the domains' message catalogues to localise it. An English text whose wording follows a count
 * has two forms, `one | other` (`'{count} row is invalid | {count} rows are invalid'`, as on the web), and `countedBy`
 * names the detail that counts (a number, a number as text, or a list); zh-TW has one form for any count.
 */
export type MessageCatalogue = Readonly<Record<string, { readonly 'zh-TW': string; readonly en: string; readonly countedBy?: string }>>;

/**
 * `YYYY-MM-DD`, a real calendar date (Asia/Taipei calendar dates carry no time zone). Left out or not one, it says what
 * to send, with an example: zod's 「無效的 ISO 日期」 or 「預期為 string，但收到 undefined」 did not.
 */
export const calendarDateSchema = z.iso.date({ error: (issue) => (issue.input === undefined ? 'DATE.REQUIRED' : 'DATE.INVALID') });

/** `HH:mm`, a time of day in Taipei. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'TIME.INVALID_TIME_OF_DAY');

/** An ISO-8601 UTC instant. */
export const instantSchema = z.iso.datetime();

export const timeWindowSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((w) => w.start < w.end, { message: 'TIME.WINDOW_END_BEFORE_START', path: ['end'] });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

/**
 * An id that names a Firestore document: a `/` would make it a path (the SDK throws before any read), and `.`, `..` and
 * `__…__` are reserved. Every id a caller sends (path, query or body) goes through this, so a bad one is a 400.
 */
export const docIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\.\.?$)(?!__.*__$)[^/]+$/, 'REQUEST.INVALID_ID');

/** Whole NT$, never negative; its own words, since zod's (「預期為 int，但收到 number」) mean nothing to the office. */
export const moneySchema = z.number().int('MONEY.WHOLE_DOLLARS').nonnegative('MONEY.NEGATIVE');

export const latLngSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof latLngSchema>;

export const schemaMessages: MessageCatalogue = {
  'DATE.REQUIRED': { 'zh-TW': '請填寫日期，格式為 YYYY-MM-DD（例如 2026-11-30）', en: 'Give a date as YYYY-MM-DD (e.g. 2026-11-30)' },
  'DATE.INVALID': { 'zh-TW': '日期須為有效的 YYYY-MM-DD（例如 2026-11-30）', en: 'The date must be a real date as YYYY-MM-DD (e.g. 2026-11-30)' },
  'TIME.INVALID_TIME_OF_DAY': { 'zh-TW': '時間格式須為 HH:mm', en: 'Time must be HH:mm' },
  'TIME.WINDOW_END_BEFORE_START': { 'zh-TW': '結束時間須晚於開始時間', en: 'The end must be after the start' },
  'REQUEST.INVALID_ID': { 'zh-TW': '編號格式不正確（不可含「/」）', en: 'Not a valid id (it may not contain "/")' },
  'MONEY.WHOLE_DOLLARS': { 'zh-TW': '金額須為整數新台幣元，不含小數', en: 'An amount is whole NT$, without cents' },
  'MONEY.NEGATIVE': { 'zh-TW': '金額不可為負數', en: 'An amount cannot be negative' },
};

import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreAuditLogStore, type AuditLogStore } from '../adapters/firestore/audit-log-store';
import { firestoreAuditSubjects } from '../adapters/firestore/audit-subject-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import {
  auditEntryViewSchema,
  auditExportQuerySchema,
  auditFilterOf,
  auditLogCsv,
  auditLogQuerySchema,
  auditSubjectSchema,
  entryView,
  exportTooLarge,
  MAX_EXPORT_ROWS,
  type AuditEntry,
  type AuditEntryView,
  type AuditFilter,
} from '../domain/audit';
import { z } from '../domain/schema';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import type { Locale } from '../http/locale';

const ADMIN = ['admin'] as const;
const EXPORT_PAGE = 1000;

/**
 * Entries as the caller reads them: their actors' display names as the accounts have them now (tokens carry no name, so
 * none is stored), what was done in the caller's language.
 */
async function viewed(entries: readonly AuditEntry[], locale: Locale): Promise<AuditEntryView[]> {
  const c = await container();
  const names = await firestoreUserStore(c.db).displayNames(entries.map((e) => e.actor.uid));
  return entries.map((e) => entryView(e, names.get(e.actor.uid), locale));
}

const listedEntrySchema = auditEntryViewSchema.extend({
  subject: auditSubjectSchema.optional().describe('the record `entityId` names as a person knows it (an order by customer and day…); absent for other kinds of record and records since deleted'),
});

/** Every entry the filter matches, a page at a time; more than the export's cap is refused before anything is built. */
async function allEntries(store: AuditLogStore, filter: AuditFilter): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(filter, EXPORT_PAGE, cursor);
    entries.push(...page.items);
    if (entries.length > MAX_EXPORT_ROWS) throw exportTooLarge();
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return entries;
}

/**
 * 稽核紀錄: the admins' view of the audit log every successful change through the API writes
 * (`http/endpoint.ts`, `auditLog/{requestId}`): who changed what, when, from which request.
 */
export const auditLogFunction: HttpFunctionDef = {
  name: 'audit-log',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ADMIN,
      docs: {
        summary: 'The audit log (稽核紀錄), newest first, by account, function, entity and / or Taipei days; cursor pagination',
        description:
          'One entry per successful POST / PUT / PATCH / DELETE by a signed-in caller (routes marked `audit: false`, such as driver location pings, excepted), and per CSV export of customers’ personal data (method GET, its query as the body), written before the answer went out: the actor, the route template and its parameters, the parsed body with passwords, tokens and keys replaced by `[REDACTED]`, the status and the entity it touched; `action` names what was done in the caller’s language (Accept-Language). `entityId` matches any id in the path, the body’s `…Id` fields or the answer. Pass `nextCursor` back as `cursor`; null on the last page.',
        response: z.object({ items: z.array(listedEntrySchema), nextCursor: z.string().nullable() }),
      },
      query: auditLogQuerySchema,
      async handle({ query, locale }) {
        const c = await container();
        const page = await firestoreAuditLogStore(c.db).list(auditFilterOf(query), query.limit, query.cursor);
        const [views, subjects] = await Promise.all([viewed(page.items, locale), firestoreAuditSubjects(c.db).of(page.items.flatMap((e) => (e.entityId ? [e.entityId] : [])))]);
        const items = views.map((v) => {
          const subject = v.entityId ? subjects.get(v.entityId) : undefined;
          return subject ? { ...v, subject } : v;
        });
        return { body: { items, nextCursor: page.nextCursor } };
      },
    }),
    route({
      method: 'GET',
      path: '/export',
      audit: 'read',
      roles: ADMIN,
      docs: {
        summary: 'The audit log of a range of Taipei days (at most a year) as CSV (text/csv, UTF-8 with BOM, Taipei times; headers, roles and actions in the caller’s language), with the same filters, newest first',
        description: `More than ${MAX_EXPORT_ROWS} matching entries is 422 AUDIT.EXPORT_TOO_LARGE: narrow the days or add a filter.`,
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends, one entry per row' }),
        contentType: 'text/csv',
      },
      query: auditExportQuerySchema,
      async handle({ query, locale }) {
        const c = await container();
        const entries = await allEntries(firestoreAuditLogStore(c.db), auditFilterOf(query));
        return {
          body: auditLogCsv(await viewed(entries, locale), locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="audit-log-${query.from}-${query.to}.csv"` },
        };
      },
    }),
  ],
};

http('audit-log', createHttpHandler(auditLogFunction, async () => (await container()).http));

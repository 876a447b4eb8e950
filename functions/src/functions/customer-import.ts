import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import {
  createCustomer,
  CustomerCsvError,
  findDuplicates,
  formatAddress,
  importRequestSchema,
  LOCATION_PRECISIONS,
  readCustomerCsv,
  type ImportDuplicate,
  type ImportRow,
  type LocationPrecision,
} from '../domain/customers';
import { DomainError } from '../domain/errors';
import { z } from '../domain/schema';
import { idFromRequest, route, zodErrorMaps } from '../http/endpoint';
import type { Locale } from '../http/locale';
import { messageFor } from '../http/messages';
import { mapConcurrently } from './use-cases/concurrently';
import { locatedCreateInput } from './use-cases/locate-customer';

const IMPORT_STATUSES = ['ready', 'created', 'invalid', 'duplicate'] as const;
type ImportStatus = (typeof IMPORT_STATUSES)[number];

const customerRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

const importRowReportSchema = z
  .object({
    line: z.number().int().openapi({ description: "The row's line in the file; the header is line 1" }),
    status: z.enum(IMPORT_STATUSES).openapi({ description: '`ready` to import (dry run), `created`, `invalid` (see problems), `duplicate` (see duplicateOf)' }),
    name: z.string().optional(),
    /** The address as it will be stored, or as the file wrote it when the row is invalid. */
    address: z.string().optional(),
    customer: customerRefSchema.optional().openapi({ description: 'The customer created from the row' }),
    duplicateOf: z
      .object({ customer: customerRefSchema.optional(), line: z.number().int().optional() })
      .optional()
      .openapi({ description: 'The stored customer, or the earlier line of the file, with the same code or phone' }),
    locationPrecision: z.enum(LOCATION_PRECISIONS).optional().openapi({ description: 'How exactly the created customer was located; absent when not found' }),
    problems: z.array(z.object({ column: z.string(), message: z.string() })),
    notices: z.array(z.string()),
  })
  .openapi('CustomerImportRow');

const importReportSchema = z
  .object({
    dryRun: z.boolean(),
    counts: z.object({ ready: z.number().int(), created: z.number().int(), invalid: z.number().int(), duplicate: z.number().int() }),
    rows: z.array(importRowReportSchema),
  })
  .openapi('CustomerImportReport');
type ImportRowReport = z.infer<typeof importRowReportSchema>;

/** Geocoding calls in flight during an import (Google's default quota is 50 per second). */
const GEOCODE_CONCURRENCY = 8;

const asDomainError = (e: CustomerCsvError): DomainError => new DomainError(e.code, 'validation', e.message, e.details);

function rowReport(row: ImportRow, status: ImportStatus, locale: Locale, duplicate?: ImportDuplicate): ImportRowReport {
  const text = (code: string, details?: Readonly<Record<string, string>>) => messageFor(code, locale, code, details);
  return {
    line: row.line,
    status,
    ...(row.input ? { name: row.input.name, address: formatAddress(row.input.address) } : row.written),
    ...(duplicate ? { duplicateOf: duplicate.kind === 'row' ? { line: duplicate.line } : { customer: { id: duplicate.id, code: duplicate.code, name: duplicate.name } } } : {}),
    problems: row.problems.map((p) => ({ column: p.column, message: text(p.message, p.details) })),
    notices: row.notices.map((n) => text(n.code, n.details)),
  };
}

const counted = (rows: readonly ImportRowReport[]) => ({
  ready: rows.filter((r) => r.status === 'ready').length,
  created: rows.filter((r) => r.status === 'created').length,
  invalid: rows.filter((r) => r.status === 'invalid').length,
  duplicate: rows.filter((r) => r.status === 'duplicate').length,
});

/**
 * 匯入客戶: `POST /api/customers/import`, served by the customers function. A dry run reports what
 * each row would become; the real run geocodes the rows and creates them all in one transaction,
 * so a failure leaves nothing half-imported and a retry with the same Idempotency-Key creates
 * nobody twice (nor does importing the same file again: its rows are then duplicates).
 */
export const customerImportRoutes = [
  route({
    method: 'POST',
    path: '/import',
    roles: ['admin', 'office'],
    docs: {
      summary: 'Import customers from a CSV file (zh-TW or English headers, one free-text address per row); dry run by default',
      description:
        'Columns: 客戶名稱, 電話 and 地址 are required; 客戶編號, 聯絡人, 手機, 類型, 付款方式, 統一編號, 發票抬頭, 配送時段, 公休日, 無電梯樓層, 鋼瓶, 自動配送, 備註 and 緯度 / 經度 (a pin: the row is then not geocoded) are read when present. ' +
        'Rows whose code or phone matches a stored customer or an earlier row are duplicates and are not imported. With `onInvalid: reject` (default) ' +
        'an invalid row stops the import with 422 IMPORT.HAS_INVALID_ROWS and nothing is written.',
      response: importReportSchema,
    },
    body: importRequestSchema,
    async handle({ body, locale, requestId }) {
      let rows: ImportRow[];
      try {
        rows = readCustomerCsv(body.csv, { error: zodErrorMaps[locale] });
      } catch (e) {
        throw e instanceof CustomerCsvError ? asDomainError(e) : e;
      }
      const c = await container();
      const customers = firestoreCustomerStore(c.db);
      const duplicates = findDuplicates(rows, await customers.contactKeys());
      const statusOf = (row: ImportRow): ImportStatus => (!row.input ? 'invalid' : duplicates.has(row.line) ? 'duplicate' : 'ready');
      const reports = rows.map((row) => rowReport(row, statusOf(row), locale, duplicates.get(row.line)));
      if (body.dryRun) return { body: { dryRun: true, counts: counted(reports), rows: reports } };

      const invalid = reports.filter((r) => r.status === 'invalid');
      if (invalid.length > 0 && body.onInvalid === 'reject') {
        throw new DomainError('IMPORT.HAS_INVALID_ROWS', 'precondition', `${invalid.length} invalid rows`, {
          count: invalid.length,
          lines: invalid.map((r) => r.line),
        });
      }
      const ready = rows.flatMap((row) => (row.input && statusOf(row) === 'ready' ? [{ line: row.line, input: row.input }] : []));
      const located = await mapConcurrently(ready, GEOCODE_CONCURRENCY, (row) => locatedCreateInput(c.geocoder, row.input));
      const now = c.clock.now();
      const created = await customers.createMany(
        ready.map((row, i) => {
          const input = located[i] ?? row.input;
          const id = `${idFromRequest('cust', requestId)}-${row.line}`;
          return { id, build: (code: string) => createCustomer(input, { id, code, now }), ...(input.code ? { wantedCode: input.code } : {}) };
        }),
      );
      const byLine = new Map(ready.map((row, i) => [row.line, created[i]?.customer] as const));
      const final = reports.map((report): ImportRowReport => {
        const customer = byLine.get(report.line);
        if (!customer) return report;
        const precision: LocationPrecision | undefined = customer.location ? (customer.locationPrecision ?? 'manual') : undefined;
        return {
          ...report,
          status: 'created',
          customer: { id: customer.id, code: customer.code, name: customer.name },
          ...(precision ? { locationPrecision: precision } : {}),
        };
      });
      return { body: { dryRun: false, counts: counted(final), rows: final } };
    },
  }),
];

import type { Page, Role } from '../lib/types';
import { api, downloadFile } from './useApi';
import { useCursorList } from './useCursorList';

/** An entry of `GET /api/audit-log` (functions/src/domain/audit): one successful change made through the API. */
export interface AuditEntry {
  /** The request id (the idempotency scope when the call carried an Idempotency-Key). */
  id: string;
  /** Server time, ISO-8601 UTC. */
  at: string;
  actor: { uid: string; role: Role; driverId?: string; customerId?: string; name?: string };
  function: string;
  /** GET: a personal-data export, its query as the body. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route template, e.g. `/:id/void`. */
  route: string;
  /** The route's OpenAPI summary (English). */
  summary: string;
  /** What was done, in the language the list was asked in: the route's label, else its summary. */
  action: string;
  params: Record<string, string>;
  /** The body as the API parsed it, passwords, tokens and keys `[REDACTED]`. */
  body?: unknown;
  status: number;
  entityId: string | null;
  /** The record `entityId` names, as a person knows it; absent for kinds of record not named and records since deleted. */
  subject?: AuditSubject;
  ip: string;
}

/** An order, inspection or service call by its customer and day, a customer by code and name, an invoice by number and buyer. */
export type AuditSubject =
  | { kind: 'order' | 'safetyInspection' | 'serviceCall'; name: string; date: string }
  | { kind: 'customer'; name: string }
  | { kind: 'invoice'; name: string; number: string };

/** The filters; `from` / `to` are Taipei days, both included. */
export type AuditQuery = {
  actorUid?: string;
  function?: string;
  entityId?: string;
  from?: string;
  to?: string;
};

const AUDIT_LOG = '/api/audit-log';

export const listAuditLog = (query: AuditQuery, limit = 50, cursor?: string | null) => api.get<Page<AuditEntry>>(AUDIT_LOG, { ...query, limit, cursor });

/** The entries of a range of days with the same filters, as the API's CSV (at most a year, 10,000 rows). */
export const exportAuditLog = (query: AuditQuery & { from: string; to: string }, fileName: string) => downloadFile(`${AUDIT_LOG}/export`, { ...query }, fileName);

/** The audit log in cursor pages ("load more"), read again for new filters; a late answer for earlier filters is dropped. */
export function useAuditLog(pageSize = 50) {
  return useCursorList((query: AuditQuery, cursor) => listAuditLog(query, pageSize, cursor), {});
}

/**
 * 稽核紀錄: one entry per successful change a signed-in caller made through the API — who, when, which endpoint, on
 * what, with which input (secrets redacted). The HTTP layer hands over what it saw; this decides what is kept.
 */
import type { Role } from '../events';
import type { Principal } from '../users';

/**
 * How long an entry is kept (a Firestore TTL on `expiresAt` deletes it after). 商業會計法 §38 keeps 會計憑證 five years
 * after the year's closing is done (決算程序辦理終了), so up to about 6½ years after the day of a change early in a year,
 * and 稅捐稽徵法 §21 lets the tax office assess seven years back where tax was evaded; seven years covers both for the
 * vouchers (invoices, payments, prices) these entries are about. The ledgers' ten years (帳簿) are the books themselves,
 * which stay in their own collections.
 */
export const AUDIT_RETENTION_YEARS = 7;

/** What a secret field's value becomes. */
export const REDACTED = '[REDACTED]';

/** A longer string (a pasted CSV file) is cut to this many characters, its full length noted. */
export const MAX_STRING_LENGTH = 1000;

/** A body still larger than this as JSON is left out, its size noted: an entry must stay well under Firestore's 1 MiB. */
export const MAX_BODY_JSON_LENGTH = 100_000;

/** At most this many entity ids per entry (a batch of 500 cylinders names 100 of them). */
export const MAX_ENTITY_IDS = 100;

/**
 * Field names (lower case, letters and digits only) that hold a secret wherever they appear in a body: passwords and
 * their hashes, one-time codes, tokens, API and signing keys. Matched as parts of the name, so `newPassword`, `passwordHash`,
 * `lineChannelToken` and `api_key` are all caught; the one place to widen when an input gains a secret.
 */
const SECRET_NAME_PARTS = ['password', 'onetimecode', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'privatekey', 'aeskey', 'hashkey', 'hashiv', 'credential', 'authorization', 'cookie'] as const;

export function isSecretField(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_NAME_PARTS.some((part) => normalised.includes(part));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function redacted(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING_LENGTH ? `${value.slice(0, MAX_STRING_LENGTH)}…[${value.length} chars]` : value;
  }
  if (Array.isArray(value)) return value.map(redacted);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretField(k) ? REDACTED : redacted(v)]));
  return value;
}

/**
 * A request body as the audit log keeps it: as JSON would send it (dates as strings, no `undefined`), every secret
 * field's value replaced at any depth, long strings cut, and the whole left out when still too large.
 */
export function redactBody(body: unknown): unknown {
  if (body === undefined) return undefined;
  const json = JSON.stringify(body);
  if (json === undefined) return undefined;
  const kept = redacted(JSON.parse(json));
  const size = JSON.stringify(kept).length;
  return size > MAX_BODY_JSON_LENGTH ? { omitted: `${size} chars` } : kept;
}

const ID_FIELDS = ['id', 'uid', 'serial'] as const;

function ownId(record: Record<string, unknown>): string | null {
  for (const field of ID_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/**
 * The entity a response names: its own `id` (`uid` of an account, `serial` of a cylinder), else that of the first
 * object it wraps (`{ invoice: {id…}, … }`, `{ closure: {id…}, affectedOrders }`). Null for lists and plain results.
 */
export function entityOfResponse(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const own = ownId(body);
  if (own) return own;
  for (const value of Object.values(body)) {
    if (isRecord(value)) {
      const nested = ownId(value);
      if (nested) return nested;
    }
  }
  return null;
}

const isIdName = (name: string): boolean => name === 'id' || name === 'serial' || /[a-z]Id$/.test(name);
const isIdListName = (name: string): boolean => name === 'serials' || /[a-z]Ids$/.test(name);

const MAX_ID_LENGTH = 200;
const isId = (value: unknown): value is string => typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH;

/** The ids a body names at its top level: `customerId`, `driverId`, `orderId`…, and lists such as `serials`, `orderIds`. */
function idsInBody(body: unknown): string[] {
  if (!isRecord(body)) return [];
  return Object.entries(body).flatMap(([name, value]) => {
    if (isSecretField(name)) return [];
    if (isIdName(name) && isId(value)) return [value];
    if (isIdListName(name) && Array.isArray(value)) return value.filter(isId);
    return [];
  });
}

export interface AuditActor {
  readonly uid: string;
  readonly role: Role;
  readonly driverId?: string;
  readonly customerId?: string;
}

/** What the HTTP layer saw of a successful change. */
export interface AuditedRequest {
  /** The request id: the idempotency scope when an Idempotency-Key was sent, so a retry names the same entry. */
  readonly requestId: string;
  readonly principal: Principal;
  readonly function: string;
  readonly method: string;
  /** The route's template, e.g. `/:id/void`. */
  readonly route: string;
  /** The route's OpenAPI summary, so an entry stays readable after the route is renamed or removed. */
  readonly summary: string;
  readonly params: Readonly<Record<string, string>>;
  /** The body as the route's schema parsed it (what the handler acted on). */
  readonly body: unknown;
  readonly status: number;
  readonly response: unknown;
  /** Ids of further records the change wrote, which the response does not name. */
  readonly touched?: readonly string[];
  readonly ip: string;
}

/** `auditLog/{id}`. */
export interface AuditEntry {
  readonly id: string;
  /** Server time, ISO-8601 UTC. */
  readonly at: string;
  /** When the TTL policy may delete it: `AUDIT_RETENTION_YEARS` after `at`. */
  readonly expiresAt: string;
  readonly actor: AuditActor;
  readonly function: string;
  readonly method: string;
  readonly route: string;
  readonly summary: string;
  readonly params: Readonly<Record<string, string>>;
  /** Redacted; absent when the request had none. */
  readonly body?: unknown;
  readonly status: number;
  /** What the change was on: the entity the response names, else the last path parameter. */
  readonly entityId: string | null;
  /** Every id the change touched (response, path, body, further records it wrote), for finding all entries about one customer, invoice…. */
  readonly entityIds: readonly string[];
  readonly ip: string;
}

function addYears(at: Date, years: number): Date {
  const later = new Date(at.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

export function actorOfPrincipal(p: Principal): AuditActor {
  return { uid: p.uid, role: p.role, ...(p.driverId ? { driverId: p.driverId } : {}), ...(p.customerId ? { customerId: p.customerId } : {}) };
}

export function auditEntryOf(request: AuditedRequest, at: Date): AuditEntry {
  const paramIds = Object.values(request.params);
  const responseId = entityOfResponse(request.response);
  const body = redactBody(request.body);
  return {
    id: request.requestId,
    at: at.toISOString(),
    expiresAt: addYears(at, AUDIT_RETENTION_YEARS).toISOString(),
    actor: actorOfPrincipal(request.principal),
    function: request.function,
    method: request.method,
    route: request.route,
    summary: request.summary,
    params: { ...request.params },
    ...(body === undefined ? {} : { body }),
    status: request.status,
    entityId: responseId ?? paramIds[paramIds.length - 1] ?? null,
    entityIds: [...new Set([...(responseId ? [responseId] : []), ...paramIds, ...idsInBody(request.body), ...(request.touched ?? [])])].slice(0, MAX_ENTITY_IDS),
    ip: request.ip,
  };
}

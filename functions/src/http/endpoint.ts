import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../domain/canonical-json';
import { DomainError } from '../domain/errors';
import { docIdSchema } from '../domain/schema';
import type { Role } from '../domain/events';
import type { AuditRecorder } from './audit';
import type { Principal } from './auth/principal';
import type { TokenVerifier } from './auth/token-verifier';
import { toHttpError, type FieldError, type RequestInput } from './error-mapping';
import {
  IDEMPOTENCY_KEY_PATTERN,
  idempotencyScope,
  requestFingerprint,
  type IdempotencyStore,
} from './idempotency';
import { pickLocale, type Locale } from './locale';
import { messageFor } from './messages';
import { answerUnreadableBodiesInEveryApp } from './unreadable-body';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteContext<TBody, TQuery, TParams, TAuth extends Principal | null> {
  readonly body: TBody;
  readonly query: TQuery;
  readonly params: TParams;
  readonly principal: TAuth;
  readonly locale: Locale;
  /**
   * Stable across client retries when an Idempotency-Key was sent (derived from caller + key),
   * random otherwise. Use it to derive ids of created entities so a retry cannot create twice.
   */
  readonly requestId: string;
  readonly ip: string;
}

/** An id for an entity a request creates: stable across retries that carry the same Idempotency-Key. */
export const idFromRequest = (prefix: string, requestId: string): string =>
  `${prefix}-${requestId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 20)}`;

/** The params of a `/:id` route. */
export const idParams = z.object({ id: docIdSchema });

export interface RouteResult {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** On a public route, the account the change was made for (a password reset by code): its audit entry names it. */
  readonly actedAs?: Principal;
  /** Records the change wrote besides the one it answers with (a customer's orders that followed their new pin): its audit entry names them too. */
  readonly touched?: readonly string[];
}

export interface RouteDocs {
  readonly summary: string;
  readonly description?: string;
  /** Response schema of the success status, for the OpenAPI document. */
  readonly response?: z.ZodType;
  /** Media type of the success response when it is not JSON (e.g. `text/csv`); the handler sets the header. */
  readonly contentType?: string;
  readonly successStatus?: number;
}

type Authed<R> = R extends 'public' ? Principal | null : Principal;

export interface RouteDef<TBody = unknown, TQuery = unknown, TParams = unknown, TRoles = readonly Role[] | 'public'> {
  readonly method: HttpMethod;
  /** Relative to the function's base path, e.g. `/`, `/:id`, `/:id/cancel`. */
  readonly path: string;
  readonly roles: TRoles;
  readonly docs: RouteDocs;
  readonly body?: z.ZodType<TBody>;
  readonly query?: z.ZodType<TQuery>;
  readonly params?: z.ZodType<TParams>;
  /**
   * `false` keeps the route's calls out of the audit log (稽核紀錄): machine traffic that would swamp it (a driver's
   * location pings) or a POST that changes nothing (a lookup). Every other mutating route is audited. `'read'` audits a
   * GET too, its query kept as the entry's body: a file of many customers' personal data taken out of the system (個資法
   * 施行細則 §12 asks for 使用紀錄), where a lookup on a screen is not recorded.
   */
  readonly audit?: false | 'read';
  handle(ctx: RouteContext<TBody, TQuery, TParams, Authed<TRoles>>): Promise<RouteResult>;
}

/** Identity function that lets TypeScript infer body/query/params types from the schemas. */
export function route<TBody = undefined, TQuery = Record<string, never>, TParams = Record<string, never>, const TRoles extends readonly Role[] | 'public' = readonly Role[]>(
  def: RouteDef<TBody, TQuery, TParams, TRoles>,
): RouteDef<TBody, TQuery, TParams, TRoles> {
  return def;
}

export interface HttpFunctionDef {
  /** Deployed function name. */
  readonly name: string;
  /** Public path prefix the hosting rewrite sends to this function; default `/api/<name>`. */
  readonly mount?: string;
  // Route generics differ per route; the runtime checks every input against its schema.
  readonly routes: readonly RouteDef<any, any, any, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface HttpDeps {
  readonly verifier: TokenVerifier;
  readonly idempotency: IdempotencyStore;
  readonly audit: AuditRecorder;
}

const MUTATING: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a route's successful calls by a signed-in caller, or for the account a public one acted on, are written to the audit log. */
export const isAudited = (r: Pick<RouteDef, 'method' | 'audit'>): boolean => r.audit === 'read' || (MUTATING.has(r.method) && r.audit !== false);

interface Matched {
  readonly route: RouteDef<unknown, unknown, unknown, readonly Role[] | 'public'>;
  readonly params: Record<string, string>;
}

export const mountOf = (fn: Pick<HttpFunctionDef, 'name' | 'mount'>): string => fn.mount ?? `/api/${fn.name}`;

/** The path inside the function: hosting rewrites keep the public prefix, direct invocations do not. */
export function functionPath(fn: Pick<HttpFunctionDef, 'name' | 'mount'>, url: string): string {
  const pathname = new URL(url, 'http://x').pathname;
  const prefix = mountOf(fn);
  const rest = pathname === prefix || pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
  const trimmed = rest.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

function validationError(issues: readonly z.core.$ZodIssue[], where: RequestInput, locale: Locale): DomainError {
  // Schemas may give a catalog code as their message (e.g. `CUSTOMER.TAX_ID_CHECKSUM`): translate it.
  const fields: FieldError[] = issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: messageFor(i.message, locale, i.message),
  }));
  return new DomainError('REQUEST.VALIDATION', 'validation', 'Validation failed', { fields });
}

/**
 * A number field's problem in the office's words (「不可小於 1」, 「須為整數，不含小數」), a text's length (「最多 20 個字」),
 * and a field left out or empty as 「此欄位必填」: zod's own (「數值過小：預期 number 應為 >=1」, 「數值過大：預期 string 應為
 * <=20 字元」, 「預期為 string，但收到 undefined」) read as machine text.
 * Undefined for any other issue, and for a schema that gave its own code.
 */
function plainMessage(issue: z.core.$ZodRawIssue, locale: Locale): string | undefined {
  const said = (code: string, limit?: unknown) => messageFor(code, locale, code, limit === undefined ? undefined : { limit: Number(limit).toLocaleString('en-US') });
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return said('NUMBER.WHOLE');
      if (issue.expected === 'number') return said('NUMBER.EXPECTED');
      if (issue.input === undefined) return said('REQUEST.REQUIRED');
      return undefined;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? said('REQUEST.REQUIRED') : said('TEXT.AT_LEAST', issue.minimum);
      return issue.origin === 'number' ? said(issue.inclusive === false ? 'NUMBER.MORE_THAN' : 'NUMBER.AT_LEAST', issue.minimum) : undefined;
    case 'too_big':
      if (issue.origin === 'string') return said('TEXT.AT_MOST', issue.maximum);
      return issue.origin === 'number' ? said(issue.inclusive === false ? 'NUMBER.LESS_THAN' : 'NUMBER.AT_MOST', issue.maximum) : undefined;
    default:
      return undefined;
  }
}

const withPlainWords =
  (locale: Locale, zods: z.core.$ZodErrorMap): z.core.$ZodErrorMap =>
  (issue) =>
    plainMessage(issue, locale) ?? zods(issue);

/** Zod's own messages (a wrong option, a bad format…) in each language the API answers in; a number's, a text's length and a missing field's in the office's words. */
export const zodErrorMaps = {
  'zh-TW': withPlainWords('zh-TW', z.locales.zhTW().localeError),
  en: withPlainWords('en', z.locales.en().localeError),
} as const;

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: RequestInput, locale: Locale): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value, { error: zodErrorMaps[locale] });
  if (!result.success) throw validationError(result.error.issues, where, locale);
  return result.data;
}

const INPUTS: readonly RequestInput[] = ['body', 'query', 'params'];

/**
 * Which part of the request a domain check's field (`to`, `terms.0.amount`) came in, for its error's path: the first of
 * the route's inputs (body, query, path params) that holds the field's first key, or, held by none (a field left out),
 * the first input the route takes; the body for a route that takes none. So `?to=` before `?from=` is `query.to`, and a
 * body route's fields stay `body.x`.
 */
export function inputHolding(r: Pick<RouteDef, 'path' | RequestInput>, values: Readonly<Record<RequestInput, unknown>>): (field: string) => RequestInput {
  const taken = INPUTS.filter((input) => (input === 'params' ? r.params !== undefined || r.path.includes('/:') : r[input] !== undefined));
  return (field) => {
    const key = field.split('.')[0] ?? field;
    const holds = (input: RequestInput): boolean => {
      const value = values[input];
      return typeof value === 'object' && value !== null && key in value;
    };
    return taken.find(holds) ?? taken[0] ?? 'body';
  };
}

function bearer(req: Request): string | null {
  const header = req.header('authorization');
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1] ?? null;
}

/**
 * The headers of every API answer: kept out of caches (`no-store`: it is per caller) unless its route sets its own
 * Cache-Control (the public JWKS); never sniffed into another type than the one declared (a CSV or JSON body read as
 * HTML); and, opened on its own in a tab, allowed to load, run or frame nothing and to send no Referer on.
 */
export const API_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

function send(res: Response, status: number, body: unknown, headers?: Readonly<Record<string, string>>): void {
  res.status(status);
  for (const [k, v] of Object.entries({ ...API_RESPONSE_HEADERS, ...headers })) res.setHeader(k, v);
  if (status === 204) res.end();
  // A text body (CSV) goes out as it is, under the Content-Type its route set.
  else if (typeof body === 'string') res.send(body);
  else res.json(body);
}

/**
 * Turns a function definition into the (req, res) handler that functions-framework serves.
 * Order of checks: route → token → role → Idempotency-Key → input schemas → handler, so a reused
 * key is reported before the body is judged and a refused caller learns nothing about inputs. A successful change
 * by a signed-in caller, or for the account a public route names (`actedAs`), is then written to the audit log
 * (`isAudited`) before the answer goes out.
 */
export function createHttpHandler(fn: HttpFunctionDef, deps: () => Promise<HttpDeps>) {
  // A body functions-framework cannot read never reaches `handle`: answered in the same shape and language all the same.
  answerUnreadableBodiesInEveryApp(API_RESPONSE_HEADERS);
  return async function handle(req: Request, res: Response): Promise<void> {
    const locale = pickLocale(req.header('accept-language'));
    let releaseScope: string | null = null;
    let d: HttpDeps | null = null;
    let inputOf: ((field: string) => RequestInput) | undefined;
    try {
      const path = functionPath(fn, req.originalUrl || req.url);
      // `/recurring` beats `/:id`: the route with more literal segments wins.
      const literals = (p: string) => p.split('/').filter((seg) => seg && !seg.startsWith(':')).length;
      const candidates = fn.routes
        .map((r) => ({ route: r, params: matchPath(r.path, path) }))
        .filter((m): m is Matched => m.params !== null)
        .sort((a, b) => literals(b.route.path) - literals(a.route.path));
      if (candidates.length === 0) throw new DomainError('REQUEST.NOT_FOUND', 'not_found', `No route for ${path}`);
      const matched = candidates.find((m) => m.route.method === req.method);
      if (!matched) {
        const allow = [...new Set(candidates.map((m) => m.route.method))].join(', ');
        res.setHeader('Allow', allow);
        throw new DomainError('REQUEST.METHOD_NOT_ALLOWED', 'validation', `Use ${allow}`);
      }
      const { route: r, params } = matched;

      d = await deps();
      let principal: Principal | null = null;
      const token = bearer(req);
      if (r.roles !== 'public' || token) {
        if (!token) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Missing bearer token');
        principal = await d.verifier.verify(token);
      }
      if (r.roles !== 'public' && !r.roles.includes((principal as Principal).role)) {
        throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Role not allowed');
      }

      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const rawBody = (req as Request & { rawBody?: Buffer }).rawBody;
      const bodyValue: unknown = req.body === undefined || (rawBody && rawBody.length === 0) ? undefined : req.body;
      const key = req.header('idempotency-key');
      let requestId: string = randomUUID();
      if (key !== undefined && req.method !== 'GET') {
        if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
          throw new DomainError('IDEMPOTENCY.INVALID_KEY', 'validation', 'Invalid Idempotency-Key');
        }
        const scope = idempotencyScope(fn.name, principal?.uid ?? `ip:${ip}`, key);
        // JSON key order must not make an identical retry look like a different request.
        const fingerprint = requestFingerprint(req.method, path, canonicalJson(bodyValue ?? null));
        const begun = await d.idempotency.begin(scope, fingerprint);
        if (begun.state === 'replay') {
          send(res, begun.response.status, begun.response.body, { 'Idempotent-Replayed': 'true' });
          return;
        }
        if (begun.state === 'mismatch') {
          throw new DomainError('IDEMPOTENCY.KEY_REUSED', 'precondition', 'Key reused with another body');
        }
        if (begun.state === 'in_progress') {
          throw new DomainError('IDEMPOTENCY.IN_PROGRESS', 'conflict', 'Same request in progress');
        }
        releaseScope = scope;
        requestId = scope;
      }

      const query = parseWith(r.query, req.query ?? {}, 'query', locale);
      const parsedParams = parseWith(r.params, params, 'params', locale);
      const body = parseWith(r.body, r.body ? (bodyValue ?? {}) : bodyValue, 'body', locale);
      inputOf = inputHolding(r, { body, query, params: parsedParams });
      const result = await r.handle({ body, query, params: parsedParams, principal, locale, requestId, ip });
      const status = result.status ?? r.docs.successStatus ?? 200;
      // Before the idempotency record completes: a crash in between leaves the retry to run and write the entry
      // (under the same id), where a completed record would replay the answer and the entry would never be written.
      const actor = principal ?? result.actedAs;
      if (actor && isAudited(r) && status >= 200 && status < 300) {
        await d.audit.record({
          requestId,
          principal: actor,
          function: fn.name,
          method: r.method,
          route: r.path,
          summary: r.docs.summary,
          params,
          body: r.method === 'GET' ? query : body,
          status,
          response: result.body,
          ...(result.touched ? { touched: result.touched } : {}),
          ip,
        });
      }
      if (releaseScope) {
        await d.idempotency.complete(releaseScope, { status, body: result.body ?? null });
        releaseScope = null;
      }
      send(res, status, result.body, result.headers);
    } catch (err) {
      const { status, body } = toHttpError(err, locale, inputOf);
      // A refusal wrote nothing, and what refused it may pass (a closure lifted, a route re-planned, a rate limit over):
      // the key is let go, so the same request retried under it runs again instead of replaying the refusal for good.
      if (releaseScope && d) await d.idempotency.release(releaseScope).catch(() => undefined);
      if (status >= 500) console.error(JSON.stringify({ severity: 'ERROR', fn: fn.name, message: String(err), stack: (err as Error)?.stack }));
      if (status === 429 && err instanceof DomainError && typeof err.details?.['retryAfterSeconds'] === 'number') {
        res.setHeader('Retry-After', String(err.details['retryAfterSeconds']));
      }
      send(res, status, body);
    }
  };
}

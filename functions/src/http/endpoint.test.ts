import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLocalJWKSet } from 'jose';
import { z } from 'zod';
import type { AuditedRequest } from '../domain/audit';
import { conflict, invalid } from '../domain/errors';
import { assertPeriod } from '../domain/reports/driver-period';
import { calendarDateSchema } from '../domain/schema';
import { createLocalIssuer, memoryKeyStore, type LocalIssuer } from './auth/local-issuer';
import { createTokenVerifier } from './auth/token-verifier';
import { createHttpHandler, functionPath, inputHolding, route } from './endpoint';
import type { IdempotencyBegin, IdempotencyStore, StoredResponse } from './idempotency';

/** The port's contract in memory; the Firestore adapter is covered against the emulator. */
function memoryIdempotency(): IdempotencyStore & { entries: Map<string, { fp: string; response?: StoredResponse }> } {
  const entries = new Map<string, { fp: string; response?: StoredResponse }>();
  return {
    entries,
    async begin(scope, fp): Promise<IdempotencyBegin> {
      const e = entries.get(scope);
      if (!e) {
        entries.set(scope, { fp });
        return { state: 'new' };
      }
      if (e.fp !== fp) return { state: 'mismatch' };
      return e.response ? { state: 'replay', response: e.response } : { state: 'in_progress' };
    },
    async complete(scope, response) {
      const e = entries.get(scope);
      if (e) e.response = response;
    },
    async release(scope) {
      entries.delete(scope);
    },
  };
}

let server: Server;
let base: string;
let issuer: LocalIssuer;
const calls: unknown[] = [];
const idem = memoryIdempotency();
/** What the handler handed the audit recorder; the recorder itself (redaction, the write) is tested apart. */
const audited: AuditedRequest[] = [];

beforeAll(async () => {
  issuer = await createLocalIssuer({ issuer: 'http://t/auth', audience: 'lg', store: memoryKeyStore() });
  const verifier = createTokenVerifier({ issuer: 'http://t/auth', audience: 'lg', keys: createLocalJWKSet(issuer.jwks()) });
  const handler = createHttpHandler(
    {
      name: 'things',
      routes: [
        route({
          method: 'POST',
          path: '/',
          roles: ['office'],
          docs: { summary: 'create' },
          body: z.object({ name: z.string().min(2), qty: z.number().int().positive() }),
          async handle({ body, requestId }) {
            calls.push(body);
            return { status: 201, body: { id: requestId.slice(0, 8), ...body, n: calls.length } };
          },
        }),
        route({
          method: 'GET',
          path: '/:id',
          roles: ['office', 'driver'],
          docs: { summary: 'get' },
          params: z.object({ id: z.string().regex(/^t-\d+$/) }),
          async handle({ params, principal }) {
            calls.push(params);
            return { body: { id: params.id, by: principal.role } };
          },
        }),
        route({
          method: 'GET',
          path: '/:id/csv',
          roles: ['office'],
          docs: { summary: 'export' },
          async handle() {
            return { body: '\uFEFFname,qty\r\nab,1\r\n', headers: { 'Content-Type': 'text/csv; charset=utf-8' } };
          },
        }),
        route({
          method: 'POST',
          path: '/:id/ping',
          roles: ['office'],
          audit: false,
          docs: { summary: 'ping' },
          async handle() {
            return { status: 202, body: { stored: true } };
          },
        }),
        route({
          method: 'GET',
          path: '/public-keys',
          roles: 'public',
          docs: { summary: 'keys' },
          async handle() {
            return { body: { keys: [] }, headers: { 'Cache-Control': 'public, max-age=300' } };
          },
        }),
        route({
          method: 'POST',
          path: '/hello',
          roles: 'public',
          docs: { summary: 'hello' },
          async handle() {
            return { body: { hello: 'world' } };
          },
        }),
        route({
          method: 'POST',
          path: '/:id/open',
          roles: ['office'],
          docs: { summary: 'open, refused until it may be' },
          async handle() {
            calls.push('open');
            if (calls.filter((c) => c === 'open').length === 1) throw conflict('THING.NOT_YET', 'not yet');
            return { body: { opened: true } };
          },
        }),
        route({
          method: 'GET',
          path: '/period',
          roles: ['office'],
          docs: { summary: 'a period, checked as 報表 checks one' },
          query: z.object({ from: calendarDateSchema, to: calendarDateSchema }),
          async handle({ query }) {
            assertPeriod(query.from, query.to, '2026-12-31');
            return { body: query };
          },
        }),
        route({
          method: 'POST',
          path: '/:id/rename',
          roles: ['office'],
          docs: { summary: 'rename, refused for a name in use' },
          params: z.object({ id: z.string() }),
          body: z.object({ name: z.string() }),
          async handle({ body }) {
            throw invalid('THING.NAME_TAKEN', `${body.name} is taken`, { path: 'name' });
          },
        }),
        route({
          method: 'POST',
          path: '/:id/close',
          roles: ['office'],
          docs: { summary: 'close' },
          async handle() {
            throw conflict('THING.ALREADY_CLOSED', 'closed already');
          },
        }),
      ],
    },
    async () => ({ verifier, idempotency: idem, audit: { record: async (r) => void audited.push(r) } }),
  );
  http('things', handler);
  server = getTestServer('things');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/things`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  calls.length = 0;
  audited.length = 0;
});

const tokenFor = async (role: 'office' | 'driver' | 'admin') =>
  (await issuer.issue(role === 'driver' ? { uid: 'd', role, driverId: 'drv-1' } : { uid: role, role }, 600)).token;

async function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any -- loose JSON in assertions
}

describe('HTTP plumbing', () => {
  it('maps the function path with or without the hosting prefix', () => {
    const orders = { name: 'orders' };
    expect(functionPath(orders, '/api/orders/abc/cancel?x=1')).toBe('/abc/cancel');
    expect(functionPath(orders, '/api/orders')).toBe('/');
    expect(functionPath(orders, '/abc/')).toBe('/abc');
    expect(functionPath({ name: 'openapi', mount: '/api/openapi.json' }, '/api/openapi.json')).toBe('/');
  });

  it('answers 401 with a stable code and runs no handler without a valid token', async () => {
    for (const token of [undefined, 'garbage', `${await tokenFor('office')}x`]) {
      const res = await call('POST', '/', { ...(token ? { token } : {}), body: { name: 'ab', qty: 1 } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.UNAUTHENTICATED');
    }
    expect(calls).toHaveLength(0);
  });

  it('answers 403 for a role the route does not allow', async () => {
    const res = await call('POST', '/', { token: await tokenFor('driver'), body: { name: 'ab', qty: 1 } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    expect(calls).toHaveLength(0);
  });

  it('reports field-level validation errors in the caller language', async () => {
    const token = await tokenFor('office');
    const zh = await call('POST', '/', { token, body: { name: 'a', qty: 0 } });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('REQUEST.VALIDATION');
    expect(zh.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.name', 'body.qty']);
    expect(zh.body.error.message).toMatch(/欄位/);
    const en = await call('POST', '/', { token, body: { name: 'a', qty: 0 }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.body.error.message).toBe('Some fields are invalid.');
    expect(calls).toHaveLength(0);
  });

  it('validates path parameters and matches methods', async () => {
    const token = await tokenFor('driver');
    expect((await call('GET', '/t-12', { token })).body).toEqual({ id: 't-12', by: 'driver' });
    expect((await call('GET', '/nope', { token })).status).toBe(400);
    const wrongMethod = await call('DELETE', '/t-12', { token });
    expect(wrongMethod.status).toBe(400);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect((await call('GET', '/a/b/c', { token })).status).toBe(404);
  });

  it('sends a text body as it is under the Content-Type its route set, not as a JSON string', async () => {
    const res = await fetch(`${base}/t-1/csv`, { headers: { authorization: `Bearer ${await tokenFor('office')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...new Uint8Array(await res.arrayBuffer())].slice(0, 4)).toEqual([0xef, 0xbb, 0xbf, 'n'.charCodeAt(0)]);
  });

  it('names a query field a domain check refused as query.<name>, and a body field as body.<name> as before', async () => {
    const token = await tokenFor('office');
    const backwards = await call('GET', '/period?from=2026-11-30&to=2026-11-01', { token });
    expect([backwards.status, backwards.body.error.code, backwards.body.error.fields?.map((f: { path: string }) => f.path)]).toEqual([422, 'REPORT.PERIOD_INVALID', ['query.to']]);
    expect((await call('GET', '/period?from=2026-11-01&to=2026-11-30', { token })).status).toBe(200);
    const taken = await call('POST', '/t-1/rename', { token, body: { name: 'ab' } });
    expect([taken.status, taken.body.error.fields?.map((f: { path: string }) => f.path)]).toEqual([400, ['body.name']]);
  });

  it('says what a date in the query must look like, with an example, when it is left out or not a date, in the caller’s language', async () => {
    const token = await tokenFor('office');
    const zh = await call('GET', '/period?to=2026-13-40', { token });
    expect([zh.status, zh.body.error.code]).toEqual([400, 'REQUEST.VALIDATION']);
    expect(zh.body.error.fields).toEqual([
      { path: 'query.from', message: '請填寫日期，格式為 YYYY-MM-DD（例如 2026-11-30）' },
      { path: 'query.to', message: '日期須為有效的 YYYY-MM-DD（例如 2026-11-30）' },
    ]);
    const en = await call('GET', '/period?from=2026-11-31&from=2026-11-01', { token, headers: { 'accept-language': 'en' } });
    expect(en.body.error.fields).toEqual([
      { path: 'query.from', message: 'The date must be a real date as YYYY-MM-DD (e.g. 2026-11-30)' },
      { path: 'query.to', message: 'Give a date as YYYY-MM-DD (e.g. 2026-11-30)' },
    ]);
  });

  it('places a domain check’s field in the input that holds it, else in the first input the route takes', () => {
    const values = { body: { name: 'ab' }, query: { from: '2026-11-01', to: '2026-11-30' }, params: { id: 't-1' } };
    const withAll = inputHolding({ path: '/:id', body: z.object({}), query: z.object({}) }, values);
    expect(['name', 'to', 'id', 'terms.0.amount'].map(withAll)).toEqual(['body', 'query', 'params', 'body']);
    const getWithQuery = inputHolding({ path: '/:id/period', query: z.object({}) }, { ...values, body: undefined });
    expect(['to', 'id', 'missing'].map(getWithQuery)).toEqual(['query', 'params', 'query']);
    expect(inputHolding({ path: '/:id' }, values)('missing')).toBe('params');
    expect(inputHolding({ path: '/' }, values)('to')).toBe('body');
  });

  it('maps domain conflicts to 409 with their code', async () => {
    const res = await call('POST', '/t-1/close', { token: await tokenFor('office') });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('THING.ALREADY_CLOSED');
  });

  it('replays the first response for a retried Idempotency-Key and refuses it with another body', async () => {
    const token = await tokenFor('office');
    const headers = { 'idempotency-key': 'key-123' };
    const first = await call('POST', '/', { token, headers, body: { name: 'abc', qty: 2 } });
    const retry = await call('POST', '/', { token, headers, body: { qty: 2, name: 'abc' } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(calls).toHaveLength(1);
    const other = await call('POST', '/', { token, headers, body: { name: 'zzz', qty: 'not even valid' } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(calls).toHaveLength(1);
  });

  it('runs a request refused under a key again when it is retried under that key, since the refusal wrote nothing', async () => {
    const token = await tokenFor('office');
    const headers = { 'idempotency-key': 'open-1' };
    const refused = await call('POST', '/t-1/open', { token, headers });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'THING.NOT_YET']);
    const retried = await call('POST', '/t-1/open', { token, headers });
    expect([retried.status, retried.body, retried.headers.get('idempotent-replayed')]).toEqual([200, { opened: true }, null]);
    const again = await call('POST', '/t-1/open', { token, headers });
    expect([again.body, again.headers.get('idempotent-replayed')]).toEqual([{ opened: true }, 'true']);
  });

  it('derives a stable request id from the key so retries cannot create twice', async () => {
    const token = await tokenFor('office');
    const a = await call('POST', '/', { token, headers: { 'idempotency-key': 'k-a' }, body: { name: 'abc', qty: 1 } });
    const b = await call('POST', '/', { token, headers: { 'idempotency-key': 'k-b' }, body: { name: 'abc', qty: 1 } });
    expect(a.body.id).not.toEqual(b.body.id);
  });

  it('hands a successful change by a signed-in caller to the audit log once: route template, params, parsed body, status, answer; a replay adds none', async () => {
    const token = await tokenFor('office');
    const headers = { 'idempotency-key': 'audit-1' };
    const first = await call('POST', '/', { token, headers, body: { name: 'abc', qty: 2, extra: 'dropped by the schema' } });
    await call('POST', '/', { token, headers, body: { name: 'abc', qty: 2, extra: 'dropped by the schema' } });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]{64}$/),
      principal: { uid: 'office', role: 'office' },
      function: 'things',
      method: 'POST',
      route: '/',
      summary: 'create',
      params: {},
      body: { name: 'abc', qty: 2 },
      status: 201,
      response: first.body,
      ip: expect.any(String),
    });
    expect(first.body.id).toBe(audited[0]?.requestId.slice(0, 8));
  });

  it('hands the audit log no read, no refused or failed call, no anonymous call and no route marked audit: false', async () => {
    const office = await tokenFor('office');
    expect((await call('GET', '/t-12', { token: office })).status).toBe(200);
    expect((await call('POST', '/', { token: office, body: { name: 'a', qty: 0 } })).status).toBe(400);
    expect((await call('POST', '/', { token: await tokenFor('driver'), body: { name: 'abc', qty: 1 } })).status).toBe(403);
    expect((await call('POST', '/t-1/close', { token: office })).status).toBe(409);
    expect((await call('POST', '/hello')).status).toBe(200);
    expect((await call('POST', '/t-1/ping', { token: office })).status).toBe(202);
    expect(audited).toEqual([]);
    expect((await call('POST', '/hello', { token: office })).status).toBe(200);
    expect(audited.map((a) => `${a.method} ${a.route}`)).toEqual(['POST /hello']);
  });

  it('sends every answer, success, CSV, refusal or replay, with nosniff, no-store, no referrer and a CSP allowing nothing, unless the route sets its own Cache-Control', async () => {
    const token = await tokenFor('office');
    const answers = [
      await call('GET', '/t-1', { token }),
      await call('POST', '/', { body: { name: 'ab', qty: 1 } }),
      await call('POST', '/t-1/close', { token }),
      await call('POST', '/', { token, headers: { 'idempotency-key': 'hdr-1' }, body: { name: 'abc', qty: 1 } }),
      await call('POST', '/', { token, headers: { 'idempotency-key': 'hdr-1' }, body: { name: 'abc', qty: 1 } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 409, 201, 201]);
    const csv = await fetch(`${base}/t-1/csv`, { headers: { authorization: `Bearer ${token}` } });
    for (const headers of [...answers.map((a) => a.headers), csv.headers]) {
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    const keys = await call('GET', '/public-keys');
    expect(keys.headers.get('cache-control')).toBe('public, max-age=300');
    expect(keys.headers.get('x-content-type-options')).toBe('nosniff');
    expect(keys.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers malformed JSON with a 400, never a 500: its own code, in the caller’s language, in the API’s shape and headers, not the framework’s page', async () => {
    const token = await tokenFor('office');
    const before = calls.length;
    const send = (headers: Record<string, string>) =>
      fetch(`${base}/`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: '{"name": ' });
    const [zh, en] = [await send({}), await send({ 'accept-language': 'en-US,en;q=0.9' })];
    expect([zh.status, en.status]).toEqual([400, 400]);
    expect(zh.headers.get('content-type')).toMatch(/^application\/json/);
    expect(zh.headers.get('x-content-type-options')).toBe('nosniff');
    expect(zh.headers.get('cache-control')).toBe('no-store');
    expect(await zh.json()).toEqual({ error: { code: 'REQUEST.MALFORMED_JSON', message: '送出的資料不是有效的 JSON，無法讀取。' } });
    expect(await en.json()).toEqual({ error: { code: 'REQUEST.MALFORMED_JSON', message: 'The request body is not valid JSON.' } });
    // A charset the parser cannot decode is refused the same way, before the handler.
    const latin = await send({ 'content-type': 'application/json; charset=latin-9', 'accept-language': 'en' });
    expect(latin.status).toBe(415);
    expect(await latin.json()).toEqual({ error: { code: 'REQUEST.BODY_ENCODING', message: 'The request body is in an encoding we cannot read; send UTF-8.' } });
    expect(calls.length).toBe(before);
  });

  it('answers a body past the parser’s limit with a 413 in the API’s shape, in any Express app the wrapper runs in', async () => {
    // functions-framework's limit is 1024 MB; body-parser reads a refused body to its end before it says so, so the same
    // parser is met here under a limit a test can pass.
    const app = express();
    app.use(express.json({ limit: '1kb' }));
    const small = app.listen(0, '127.0.0.1');
    await once(small, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(small.address() as AddressInfo).port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({ name: 'x'.repeat(2048) }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: { code: 'REQUEST.BODY_TOO_LARGE', message: 'The request body is too large.' } });
    } finally {
      small.close();
    }
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createApiClient, HTTP_UNEXPECTED, NETWORK_UNREACHABLE } from './api-client';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A tiny HTTP server that records each request and answers from `reply`. */
async function startServer(reply: (seen: Seen) => { status: number; body: string }) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(record);
      const { status, body: out } = reply(record);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const clientFor = (baseUrl: string, extra: Partial<Parameters<typeof createApiClient>[0]> = {}) =>
  createApiClient({ baseUrl, getToken: () => 'tok', getLocale: () => 'en', ...extra });

describe('api client', () => {
  it('sends the bearer token, the language and JSON, and drops empty query values', async () => {
    const server = await startServer(() => ({ status: 200, body: '{"items":[],"nextCursor":null}' }));
    try {
      const result = await clientFor(server.url).get<{ items: unknown[] }>('/api/customers', { q: '王', cursor: '', limit: 20 });
      expect(result.items).toEqual([]);
      expect(server.seen[0]?.url).toBe('/api/customers?q=%E7%8E%8B&limit=20');
      expect(server.seen[0]?.headers.authorization).toBe('Bearer tok');
      expect(server.seen[0]?.headers['accept-language']).toBe('en');
      expect(server.seen[0]?.headers['idempotency-key']).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('puts a fresh idempotency key on every POST unless the caller supplies one', async () => {
    const server = await startServer(() => ({ status: 201, body: '{}' }));
    let n = 0;
    const client = clientFor(server.url, { newIdempotencyKey: () => `key-${++n}` });
    try {
      await client.post('/api/orders', { a: 1 });
      await client.post('/api/orders', { a: 1 });
      await client.post('/api/driver/stops/o1/deliver', { actionId: 'act-1' }, { idempotencyKey: 'act-1' });
      expect(server.seen.map((s) => s.headers['idempotency-key'])).toEqual(['key-1', 'key-2', 'act-1']);
      expect(server.seen[0]?.headers['content-type']).toBe('application/json');
      expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ a: 1 });
    } finally {
      await server.close();
    }
  });

  it('sends DELETE without a body or idempotency key and resolves on 204 No Content', async () => {
    const server = await startServer(() => ({ status: 204, body: '' }));
    try {
      await expect(clientFor(server.url).delete('/api/closures/cl-1')).resolves.toBeUndefined();
      expect(server.seen[0]).toMatchObject({ method: 'DELETE', url: '/api/closures/cl-1', body: '' });
      expect(server.seen[0]?.headers['idempotency-key']).toBeUndefined();
      expect(server.seen[0]?.headers['content-type']).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('reads a file byte for byte, byte order mark included, and maps a refusal to a typed error', async () => {
    const server = await startServer((seen) =>
      seen.url.startsWith('/api/statements/cust-a/')
        ? { status: 200, body: '\uFEFF月份,2026-11\r\n' }
        : { status: 404, body: '{"error":{"code":"CUSTOMER.NOT_FOUND","message":"找不到客戶"}}' },
    );
    try {
      const blob = await clientFor(server.url).getBlob('/api/statements/cust-a/csv', { month: '2026-11' });
      expect([...new Uint8Array(await blob.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(server.seen[0]?.url).toBe('/api/statements/cust-a/csv?month=2026-11');
      expect(server.seen[0]?.headers.authorization).toBe('Bearer tok');
      await expect(clientFor(server.url).getBlob('/api/statements/cust-b/csv')).rejects.toMatchObject({ status: 404, code: 'CUSTOMER.NOT_FOUND' });
    } finally {
      await server.close();
    }
  });

  it('maps the error JSON to a typed error with its code, localised message and fields', async () => {
    const server = await startServer(() => ({
      status: 400,
      body: JSON.stringify({
        error: { code: 'VALIDATION.FAILED', message: 'Invalid input', fields: [{ path: 'items.0.quantity', message: 'Too small' }, { bogus: 1 }] },
      }),
    }));
    try {
      const error = await clientFor(server.url).post('/api/orders', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      const apiError = error as ApiError;
      expect([apiError.status, apiError.code, apiError.message]).toEqual([400, 'VALIDATION.FAILED', 'Invalid input']);
      expect(apiError.fields).toEqual([{ path: 'items.0.quantity', message: 'Too small' }]);
      expect(apiError.transient).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('reports a 401 to the session handler with its code, so the app can say why the session ended', async () => {
    const server = await startServer(() => ({ status: 401, body: '{"error":{"code":"AUTH.ACCOUNT_DISABLED","message":"x"}}' }));
    const onUnauthenticated = jest.fn();
    try {
      await expect(clientFor(server.url, { onUnauthenticated }).get('/api/auth/me')).rejects.toMatchObject({ code: 'AUTH.ACCOUNT_DISABLED' });
      expect(onUnauthenticated).toHaveBeenCalledWith('AUTH.ACCOUNT_DISABLED');
    } finally {
      await server.close();
    }
  });

  it('turns a body outside the contract into HTTP.UNEXPECTED, transient when 5xx', async () => {
    const server = await startServer(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    try {
      const error = (await clientFor(server.url).get('/api/health').catch((e: unknown) => e)) as ApiError;
      expect([error.status, error.code, error.transient]).toEqual([502, HTTP_UNEXPECTED, true]);
    } finally {
      await server.close();
    }
  });

  it('takes a 409 for the same key still in progress as transient, unlike any other conflict', async () => {
    const server = await startServer((seen) => ({
      status: 409,
      body: JSON.stringify({
        error: seen.url.endsWith('/a')
          ? { code: 'IDEMPOTENCY.IN_PROGRESS', message: 'The same request is still being processed; retry shortly.' }
          : { code: 'ORDER.INVALID_TRANSITION', message: 'Already cancelled' },
      }),
    }));
    try {
      const client = clientFor(server.url);
      const inProgress = (await client.post('/api/driver/stops/a', {}, { idempotencyKey: 'k' }).catch((e: unknown) => e)) as ApiError;
      const refused = (await client.post('/api/driver/stops/b', {}, { idempotencyKey: 'k2' }).catch((e: unknown) => e)) as ApiError;
      expect([inProgress.status, inProgress.code, inProgress.transient]).toEqual([409, 'IDEMPOTENCY.IN_PROGRESS', true]);
      expect([refused.status, refused.transient]).toEqual([409, false]);
    } finally {
      await server.close();
    }
  });

  it('turns a refused connection into a transient NETWORK.UNREACHABLE', async () => {
    const server = await startServer(() => ({ status: 200, body: '{}' }));
    await server.close();
    const error = (await clientFor(server.url).get('/api/health').catch((e: unknown) => e)) as ApiError;
    expect([error.status, error.code, error.transient]).toEqual([0, NETWORK_UNREACHABLE, true]);
  });
});

describe('api client bearer from a token provider', () => {
  it('waits for an asynchronous provider (a Firebase ID token being refreshed) before sending', async () => {
    const server = await startServer(() => ({ status: 200, body: '{}' }));
    try {
      await clientFor(server.url, { getToken: () => new Promise((r) => setTimeout(() => r('fresh-id-token'), 20)) }).get('/api/auth/me');
      expect(server.seen[0]?.headers.authorization).toBe('Bearer fresh-id-token');
    } finally {
      await server.close();
    }
  });

  it('sends nothing and reports NETWORK.UNREACHABLE when the provider cannot get a token', async () => {
    const server = await startServer(() => ({ status: 200, body: '{}' }));
    try {
      const call = clientFor(server.url, { getToken: () => Promise.reject(new Error('auth/network-request-failed')) }).post('/api/orders', {});
      await expect(call).rejects.toMatchObject({ status: 0, code: NETWORK_UNREACHABLE, transient: true });
      expect(server.seen).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

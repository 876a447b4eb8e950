import { cloudEvent, http, type CloudEvent } from '@google-cloud/functions-framework';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MessagePublishedData } from './gateway';
import { API_RESPONSE_HEADERS } from '../http/endpoint';
import { headersFor, hostingHeaderRules, withConnectSources } from './hosting-headers';
import { startTestStack, type TestStack } from './test-support';

const received: { id: string; source: string; type: string; data: MessagePublishedData }[] = [];

http('lg-gw-echo', (req, res) => {
  res.json({ method: req.method, url: req.url, body: req.body, rawBody: String((req as { rawBody?: Buffer }).rawBody ?? '') });
});
cloudEvent<MessagePublishedData>('lg-gw-consumer', (event: CloudEvent<MessagePublishedData>) => {
  if (event.data?.message.attributes['fail'] === 'yes') throw new Error('consumer refused');
  received.push({ id: event.id, source: event.source, type: event.type, data: event.data as MessagePublishedData });
});

const pushBody = (messageId: string, attributes: Record<string, string> = {}) => ({
  message: {
    data: Buffer.from(JSON.stringify({ hello: 'world' })).toString('base64'),
    attributes,
    messageId,
    publishTime: '2026-11-28T01:02:03.000Z',
  },
  subscription: 'projects/p/subscriptions/s',
});

describe('local gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    const webDist = mkdtempSync(path.join(tmpdir(), 'lg-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>幸福氣</title>');
    writeFileSync(path.join(webDist, 'app.js'), 'console.log(1)');
    stack = await startTestStack({
      suite: 'gateway',
      webDist,
      subscriptions: [
        { consumer: 'lg-gw-consumer', topic: 'order-events' },
        { consumer: 'lg-gw-consumer', topic: 'system-alerts' },
      ],
    });
  });
  afterAll(() => stack.close());

  it('routes /api/<name>/... to the function with the full original URL and the parsed body', async () => {
    const res = await fetch(`${stack.url}/api/lg-gw-echo/items/42?q=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: 'POST', url: '/api/lg-gw-echo/items/42?q=x', body: { a: 1 }, rawBody: '{"a":1}' });
  });

  it('answers a body that is not JSON as the API answers, before any function or consumer runs: 400 REQUEST.MALFORMED_JSON in the caller\'s language', async () => {
    for (const at of ['/api/lg-gw-echo/items/42', '/_events/lg-gw-consumer']) {
      const res = await fetch(`${stack.url}${at}`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: '{"message": ' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'REQUEST.MALFORMED_JSON', message: 'The request body is not valid JSON.' } });
    }
    expect(received).toEqual([]);
  });

  it('answers 404 JSON for unknown functions and for event consumers under /api, in the caller\'s language', async () => {
    for (const name of ['no-such-fn', 'lg-gw-consumer']) {
      const res = await fetch(`${stack.url}/api/${name}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'REQUEST.NOT_FOUND', message: '找不到這個 API 路徑。' } });
    }
    const english = await fetch(`${stack.url}/api/no-such-fn`, { headers: { 'accept-language': 'en' } });
    expect(await english.json()).toEqual({ error: { code: 'REQUEST.NOT_FOUND', message: 'No such API path.' } });
  });

  it('turns a push body into the messagePublished CloudEvent and acks with 204', async () => {
    const res = await fetch(`${stack.url}/_events/lg-gw-consumer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pushBody('m-1', { type: 'order.created' })),
    });
    expect(res.status).toBe(204);
    expect(received.find((e) => e.id === 'm-1')).toEqual({
      id: 'm-1',
      source: `//pubsub.googleapis.com/projects/${stack.projectId}/topics/order-events`,
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
      data: {
        message: {
          data: Buffer.from('{"hello":"world"}').toString('base64'),
          attributes: { type: 'order.created' },
          messageId: 'm-1',
          message_id: 'm-1',
          publishTime: '2026-11-28T01:02:03.000Z',
          publish_time: '2026-11-28T01:02:03.000Z',
        },
        subscription: 'projects/p/subscriptions/s',
      },
    });
  });

  it('takes the topic from the pushing subscription when a consumer listens to several', async () => {
    const body = { ...pushBody('m-3'), subscription: `projects/${stack.projectId}/subscriptions/lg-gw-consumer--system-alerts` };
    const res = await fetch(`${stack.url}/_events/lg-gw-consumer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(204);
    expect(received.find((e) => e.id === 'm-3')?.source).toBe(`//pubsub.googleapis.com/projects/${stack.projectId}/topics/system-alerts`);
  });

  it('nacks with 500 when the consumer throws, and logs why', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await fetch(`${stack.url}/_events/lg-gw-consumer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pushBody('m-2', { fail: 'yes' })),
    });
    expect(res.status).toBe(500);
    expect(logged.mock.calls[0]?.[0]).toContain('consumer refused');
    logged.mockRestore();
  });

  it('delivers a message published on the emulator to the consumer through the push subscription', async () => {
    const [messageId] = await Promise.all([
      stack.container.pubsub.topic('order-events').publishMessage({ json: { n: 1 }, attributes: { type: 'order.created' } }),
    ]);
    const deadline = Date.now() + 15_000;
    while (!received.some((e) => e.id === messageId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const event = received.find((e) => e.id === messageId);
    expect(event?.data.subscription).toBe(`projects/${stack.projectId}/subscriptions/lg-gw-consumer--order-events`);
    expect(JSON.parse(Buffer.from(event?.data.message.data ?? '', 'base64').toString())).toEqual({ n: 1 });
  });

  it('tells the SPA its project id and Firestore emulator, as hosting\'s /__/firebase/init.json does', async () => {
    const res = await fetch(`${stack.url}/__/firebase/init.json`);
    expect(await res.json()).toEqual({ projectId: stack.projectId, emulators: { firestore: stack.config.emulators.firestore } });
  });

  it('serves built files and falls back to index.html for client-side routes', async () => {
    const asset = await fetch(`${stack.url}/app.js`);
    expect(await asset.text()).toBe('console.log(1)');
    const deepLink = await fetch(`${stack.url}/office/orders/123`, { headers: { accept: 'text/html' } });
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>幸福氣</title>');
  });

  it('serves the SPA and its files with firebase.json\'s headers, the CSP letting the SPA reach only the Firestore emulator beside production\'s hosts', async () => {
    const rules = hostingHeaderRules();
    for (const requestPath of ['/office/orders/123', '/app.js']) {
      const res = await fetch(`${stack.url}${requestPath}`);
      expect(res.status).toBe(200);
      const production = headersFor(rules, requestPath);
      for (const [key, value] of Object.entries(production)) {
        if (key !== 'Content-Security-Policy') expect({ key, value: res.headers.get(key) }).toEqual({ key, value });
      }
      expect(res.headers.get('content-security-policy')).toBe(
        withConnectSources(production['Content-Security-Policy'] ?? '', [`http://${stack.config.emulators.firestore}`]),
      );
    }
    expect((await fetch(`${stack.url}/office/orders/123`)).headers.get('cache-control')).toBe('no-cache');
    // Under /api the API's own headers, not the SPA's, whether a function answers or the gateway knows none of that name.
    for (const apiPath of ['/api/no-such-fn', '/api/health']) {
      const res = await fetch(`${stack.url}${apiPath}`);
      expect(Object.fromEntries(Object.keys(API_RESPONSE_HEADERS).map((key) => [key, res.headers.get(key)]))).toEqual(API_RESPONSE_HEADERS);
    }
  });
});

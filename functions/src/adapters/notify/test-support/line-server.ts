import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { startHttpServer, type RecordedRequest } from './http-server';

/**
 * A local stand-in for the LINE Messaging API push endpoint that enforces the documented request
 * format and answers the way LINE does, including `x-line-request-id` and the 409 for a repeated
 * `X-Line-Retry-Key`.
 */
export interface PushedMessage {
  readonly to: string;
  readonly text: string;
  readonly retryKey: string | undefined;
  readonly sentMessageId: string;
}

export interface LocalLineServer {
  readonly baseUrl: string;
  /** Messages LINE would have delivered: one per accepted request, never one per retry. */
  readonly delivered: PushedMessage[];
  /** Every request received, valid or not. */
  readonly requests: RecordedRequest[];
  /** The next requests get these statuses instead of being processed (e.g. 500, 429). */
  failNext(...statuses: number[]): void;
  /** Delay every answer, to exercise the client timeout. */
  delayMs(ms: number): void;
  stop(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USER_ID = /^U[0-9a-f]{32}$/;

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}

interface PushBody {
  to?: unknown;
  messages?: unknown;
}

function validate(body: PushBody): { property: string; message: string }[] {
  const errors: { property: string; message: string }[] = [];
  if (typeof body.to !== 'string' || !USER_ID.test(body.to)) errors.push({ property: 'to', message: 'Invalid user ID' });
  if (!Array.isArray(body.messages) || body.messages.length < 1 || body.messages.length > 5) {
    errors.push({ property: 'messages', message: 'Size must be between 1 and 5' });
    return errors;
  }
  body.messages.forEach((m: { type?: unknown; text?: unknown }, i) => {
    if (m.type !== 'text') errors.push({ property: `messages[${i}].type`, message: 'Must be one of the following values: [text]' });
    if (typeof m.text !== 'string' || m.text.length === 0) errors.push({ property: `messages[${i}].text`, message: 'May not be empty' });
    else if (m.text.length > 5000) errors.push({ property: `messages[${i}].text`, message: 'Length must be between 0 and 5000' });
  });
  return errors;
}

export async function startLineServer(channelToken: string): Promise<LocalLineServer> {
  const delivered: PushedMessage[] = [];
  const requests: RecordedRequest[] = [];
  const forced: number[] = [];
  const accepted = new Map<string, { requestId: string; sentMessageId: string }>();
  let delay = 0;
  let nextMessageId = 461230966842064000n;

  const handle = (req: RecordedRequest, res: ServerResponse): void => {
    if (req.method !== 'POST' || req.url !== '/v2/bot/message/push') return reply(res, 404, { message: 'Not found' });
    if (req.headers.authorization !== `Bearer ${channelToken}`) {
      return reply(res, 401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' });
    }
    const forcedStatus = forced.shift();
    if (forcedStatus !== undefined) {
      return reply(res, forcedStatus, { message: forcedStatus === 429 ? 'The API rate limit has been exceeded. Try again later.' : 'An error occurred in the backend' });
    }
    if (!req.headers['content-type']?.startsWith('application/json')) return reply(res, 415, { message: 'Unsupported Media Type' });
    const header = req.headers['x-line-retry-key'];
    const retryKey = typeof header === 'string' ? header : undefined;
    if (retryKey !== undefined && !UUID.test(retryKey)) {
      return reply(res, 400, { message: "The value for the 'X-Line-Retry-Key' header is invalid" });
    }
    let body: PushBody;
    try {
      body = JSON.parse(req.body.toString('utf8')) as PushBody; // validated field by field below
    } catch {
      return reply(res, 400, { message: 'The request body has 1 error(s)', details: [{ message: 'Malformed JSON' }] });
    }
    const errors = validate(body);
    if (errors.length > 0) return reply(res, 400, { message: `The request body has ${errors.length} error(s)`, details: errors });

    const first = retryKey ? accepted.get(retryKey) : undefined;
    if (first) {
      return reply(
        res,
        409,
        { message: 'The retry key is already accepted', sentMessages: [{ id: first.sentMessageId, quoteToken: 'q' }] },
        { 'x-line-accepted-request-id': first.requestId },
      );
    }
    const requestId = randomUUID();
    const sentMessageId = String(nextMessageId++);
    if (retryKey) accepted.set(retryKey, { requestId, sentMessageId });
    const messages = body.messages as { text: string }[];
    for (const m of messages) delivered.push({ to: body.to as string, text: m.text, retryKey, sentMessageId });
    reply(res, 200, { sentMessages: [{ id: sentMessageId, quoteToken: 'IStG5h1Tz7b...' }] }, { 'x-line-request-id': requestId });
  };

  const timers = new Set<NodeJS.Timeout>();
  const server = await startHttpServer((req, res) => {
    requests.push(req);
    if (delay === 0) return handle(req, res);
    const timer = setTimeout(() => {
      timers.delete(timer);
      handle(req, res);
    }, delay);
    timers.add(timer);
  });
  return {
    baseUrl: server.baseUrl,
    delivered,
    requests,
    failNext: (...statuses) => void forced.push(...statuses),
    delayMs: (ms) => void (delay = ms),
    stop: () => {
      for (const t of timers) clearTimeout(t);
      return server.stop();
    },
  };
}

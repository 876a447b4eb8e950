import { DomainError } from '../../domain/errors';
import type { NotificationMessage } from '../../domain/notifications/port';
import { lineRefusalCode, lineSender } from './line-sender';
import { startLineServer, type LocalLineServer } from './test-support/line-server';
import { uuidV5 } from './uuid';

const TOKEN = 'test-channel-access-token';
const USER = `U${'4af4980629'.repeat(3)}ab`;

const message = (over: Partial<NotificationMessage> = {}): NotificationMessage => ({
  channel: 'line',
  to: USER,
  text: '幸福氣通知：您的訂單 #A1029 已確認，預計 11/29（日）09:00–12:00 送達。',
  idempotencyKey: 'evt-123:cust-9',
  ...over,
});

describe('LINE push sender against a local LINE API', () => {
  let line: LocalLineServer;
  beforeEach(async () => {
    line = await startLineServer(TOKEN);
  });
  afterEach(() => line.stop());

  const sender = (over: { token?: string; timeoutMs?: number } = {}) =>
    lineSender({ apiBase: line.baseUrl, channelToken: over.token ?? TOKEN, timeoutMs: over.timeoutMs ?? 2000 });

  it('pushes a text message in LINE format and returns the sent message id', async () => {
    const receipt = await sender().send(message());
    expect(line.delivered).toEqual([
      expect.objectContaining({ to: USER, text: message().text, retryKey: uuidV5('evt-123:cust-9') }),
    ]);
    expect(receipt.providerMessageId).toBe(line.delivered[0]?.sentMessageId);
    const [req] = line.requests;
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body.toString('utf8') ?? '')).toEqual({ to: USER, messages: [{ type: 'text', text: message().text }] });
  });

  it('treats a repeat of the same idempotency key as sent, without a second delivery', async () => {
    const first = await sender().send(message());
    const retry = await sender().send(message());
    expect(line.requests).toHaveLength(2);
    expect(line.delivered).toHaveLength(1);
    expect(retry.providerMessageId).toBe(first.providerMessageId);
  });

  it('delivers different notifications to the same user separately', async () => {
    await sender().send(message());
    await sender().send(message({ idempotencyKey: 'evt-124:cust-9' }));
    expect(line.delivered).toHaveLength(2);
  });

  it.each([429, 500, 503])('classifies %d as retryable, and the retry then succeeds once', async (status) => {
    line.failNext(status);
    await expect(sender().send(message())).rejects.toMatchObject({ code: 'LINE.UNAVAILABLE', kind: 'unavailable', details: { status } });
    await expect(sender().send(message())).resolves.toHaveProperty('providerMessageId');
    expect(line.delivered).toHaveLength(1);
  });

  it('classifies a rejected token (401) as a permanent refusal of our channel, keeping LINE request id and LINE’s own words', async () => {
    const error = await sender({ token: 'wrong' }).send(message()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'LINE.ACCOUNT_REFUSED', kind: 'validation', details: { status: 401, requestId: expect.any(String) } });
    expect((error as DomainError).message).toBe('LINE rejected the push (401: Authentication failed. Confirm that the access token in the authorization header is valid.)');
  });

  it('names a refused recipient, our channel refused and anything else apart, for the office to be told why in its language', () => {
    expect(lineRefusalCode(400, { message: "The property, 'to', in the request body is invalid (line: -, column: -)" })).toBe('LINE.INVALID_RECIPIENT');
    expect(lineRefusalCode(400, { message: 'The request body has 1 error(s)', details: [{ property: 'to', message: 'Invalid user ID' }] })).toBe('LINE.INVALID_RECIPIENT');
    expect(lineRefusalCode(403, { message: 'Access to this API is not available for your account' })).toBe('LINE.ACCOUNT_REFUSED');
    expect(lineRefusalCode(400, { message: 'The request body has 1 error(s)', details: [{ property: 'messages[0].text', message: 'May not be empty' }] })).toBe('LINE.REJECTED');
    expect(lineRefusalCode(415, {})).toBe('LINE.REJECTED');
  });

  it('refuses a malformed user id or oversized text before calling LINE', async () => {
    await expect(sender().send(message({ to: 'U123' }))).rejects.toMatchObject({ code: 'LINE.INVALID_RECIPIENT', kind: 'validation' });
    await expect(sender().send(message({ text: '氣'.repeat(5001) }))).rejects.toMatchObject({ code: 'LINE.INVALID_TEXT' });
    await expect(sender().send(message({ text: '' }))).rejects.toMatchObject({ code: 'LINE.INVALID_TEXT' });
    expect(line.requests).toHaveLength(0);
  });

  it('accepts text of exactly 5000 characters', async () => {
    await sender().send(message({ text: '氣'.repeat(5000) }));
    expect(line.delivered[0]?.text).toHaveLength(5000);
  });

  it('times out a slow API as retryable', async () => {
    line.delayMs(500);
    await expect(sender({ timeoutMs: 100 }).send(message())).rejects.toMatchObject({ code: 'LINE.TIMEOUT', kind: 'unavailable' });
  });

  it('reports an unreachable API as retryable', async () => {
    await line.stop();
    await expect(sender().send(message())).rejects.toMatchObject({ code: 'LINE.UNREACHABLE', kind: 'unavailable' });
    line = await startLineServer(TOKEN);
  });
});

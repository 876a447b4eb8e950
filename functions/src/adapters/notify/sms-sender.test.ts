import type { NotificationMessage } from '../../domain/notifications/port';
import { parseSmSendResponse, smsSender } from './sms-sender';
import { startMitakeServer, type LocalMitakeServer } from './test-support/mitake-server';
import { uuidV5 } from './uuid';

const ACCOUNT = { username: '52611690', password: 'test-secret' };

const message = (over: Partial<NotificationMessage> = {}): NotificationMessage => ({
  channel: 'sms',
  to: '0912-345-678',
  text: '幸福氣通知：您的訂單 #B7 已送達，金額 NT$1,250。感謝您的惠顧！',
  idempotencyKey: 'evt-77:cust-3',
  ...over,
});

describe('Mitake SMS sender against a local SmSend server', () => {
  let mitake: LocalMitakeServer;
  beforeEach(async () => {
    mitake = await startMitakeServer(ACCOUNT);
  });
  afterEach(() => mitake.stop());

  const sender = (over: { password?: string; url?: string; timeoutMs?: number } = {}) =>
    smsSender({
      url: over.url ?? `${mitake.baseUrl}/api/mtk/SmSend`,
      username: ACCOUNT.username,
      password: over.password ?? ACCOUNT.password,
      timeoutMs: over.timeoutMs ?? 2000,
    });

  it('posts a UTF-8 form with the number normalised to 09xxxxxxxx and returns the msgid', async () => {
    const receipt = await sender().send(message());
    expect(mitake.sent).toEqual([
      { dstaddr: '0912345678', smbody: message().text, clientid: uuidV5('evt-77:cust-3'), msgid: '1010079522' },
    ]);
    expect(receipt).toEqual({ providerMessageId: '1010079522' });
    expect(mitake.requests[0]?.url).toBe('/api/mtk/SmSend?CharsetURL=UTF8');
  });

  it('accepts +886 spellings of a mobile number', async () => {
    await sender().send(message({ to: '+886 912 345 678' }));
    expect(mitake.sent[0]?.dstaddr).toBe('0912345678');
  });

  it('sends a retry with the same clientid, which Mitake answers as a duplicate without sending again', async () => {
    const first = await sender().send(message());
    const retry = await sender().send(message());
    expect(mitake.requests).toHaveLength(2);
    expect(mitake.sent).toHaveLength(1);
    expect(retry).toEqual(first);
  });

  it('turns line breaks into the ASCII 6 Mitake expects', async () => {
    await sender().send(message({ text: '第一行\n第二行' }));
    expect(mitake.sent[0]?.smbody).toBe('第一行\x06第二行');
  });

  it('adds the SmSend path to a bare gateway origin', async () => {
    await sender({ url: mitake.baseUrl }).send(message());
    expect(mitake.sent).toHaveLength(1);
  });

  it('classifies wrong credentials (statuscode e) as a permanent refusal of our account, keeping the gateway’s own words', async () => {
    await expect(sender({ password: 'wrong' }).send(message())).rejects.toMatchObject({
      code: 'SMS.ACCOUNT_REFUSED',
      kind: 'validation',
      message: 'SMS gateway rejected the message (statuscode e: 帳號、密碼錯誤)',
      details: { statuscode: 'e', error: '帳號、密碼錯誤' },
    });
  });

  it.each([
    ['v', 'SMS.INVALID_NUMBER'],
    ['u', 'SMS.INVALID_TEXT'],
    ['s', 'SMS.NO_CREDIT'],
    ['y', 'SMS.REJECTED'],
  ])('names the refusal of statuscode %s as %s, for the office to be told why in its language', async (statuscode, code) => {
    mitake.failNext({ statuscode });
    await expect(sender().send(message())).rejects.toMatchObject({ code, kind: 'validation', details: { statuscode } });
  });

  it.each([[{ http: 503 }], [{ statuscode: '*' }], [{ statuscode: 'r' }]])(
    'classifies %j as retryable, and the retry then sends once',
    async (failure) => {
      mitake.failNext(failure);
      await expect(sender().send(message())).rejects.toMatchObject({ code: 'SMS.UNAVAILABLE', kind: 'unavailable' });
      await sender().send(message());
      expect(mitake.sent).toHaveLength(1);
    },
  );

  it('refuses a landline or garbage number and empty text before calling the gateway', async () => {
    await expect(sender().send(message({ to: '(02)2345-6789' }))).rejects.toMatchObject({ code: 'SMS.INVALID_RECIPIENT', kind: 'validation' });
    await expect(sender().send(message({ to: 'cust-3' }))).rejects.toMatchObject({ code: 'SMS.INVALID_RECIPIENT' });
    await expect(sender().send(message({ text: '  ' }))).rejects.toMatchObject({ code: 'SMS.INVALID_TEXT' });
    expect(mitake.requests).toHaveLength(0);
  });
});

describe('parseSmSendResponse', () => {
  it('reads the key=value lines of a SmSend answer', () => {
    expect(parseSmSendResponse('[1]\r\nmsgid=1010079522\r\nstatuscode=1\r\nAccountPoint=98\r\nDuplicate=Y\r\n')).toEqual({
      msgid: '1010079522',
      statuscode: '1',
      AccountPoint: '98',
      Duplicate: 'Y',
    });
  });
});

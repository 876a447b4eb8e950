import { Firestore } from '@google-cloud/firestore';
import { ConfigError, loadConfig } from '../../config/load-config';
import { systemClock } from '../../domain/clock';
import { parseSmsCredentials, selectSender } from './select-sender';
import { startLineServer, type LocalLineServer } from './test-support/line-server';
import { startMitakeServer, type LocalMitakeServer } from './test-support/mitake-server';

const LINE_USER = `U${'0123456789abcdef'.repeat(2)}`;
// Never used for I/O here: the inbox path is covered by inbox-sender.int.test.ts on the emulator.
const db = new Firestore({ projectId: 'select-sender-unit' });

describe('selectSender', () => {
  let line: LocalLineServer;
  let mitake: LocalMitakeServer;
  beforeAll(async () => {
    line = await startLineServer('tok');
    mitake = await startMitakeServer({ username: 'acct', password: 'pw' });
  });
  afterAll(async () => {
    await Promise.all([line.stop(), mitake.stop(), db.terminate()]);
  });

  const fullyConfigured = () =>
    loadConfig({
      LG_LINE_API_BASE: line.baseUrl,
      LG_LINE_CHANNEL_TOKEN: 'tok',
      LG_SMS_API_URL: `${mitake.baseUrl}/api/mtk/SmSend`,
      LG_SMS_API_KEY: 'acct:pw',
    });

  it('sends over LINE to a customer who opted in', async () => {
    const { address, sender } = selectSender(fullyConfigured(), { db, clock: systemClock })({
      customerId: 'c1',
      lineUserId: LINE_USER,
      phones: ['0912345678'],
    });
    await sender.send({ ...address, text: '測試', idempotencyKey: 'k1' });
    expect(address).toEqual({ channel: 'line', to: LINE_USER });
    expect(line.delivered.map((m) => m.to)).toEqual([LINE_USER]);
  });

  it('sends an SMS to a customer without LINE', async () => {
    const { address, sender } = selectSender(fullyConfigured(), { db, clock: systemClock })({
      customerId: 'c2',
      phones: ['0987-654-321'],
    });
    await sender.send({ ...address, text: '測試', idempotencyKey: 'k2' });
    expect(mitake.sent.map((m) => m.dstaddr)).toEqual(['0987654321']);
  });

  it('uses the inbox when neither LINE nor SMS is configured', () => {
    const select = selectSender(loadConfig({}), { db, clock: systemClock });
    expect(select({ customerId: 'c3', lineUserId: LINE_USER, phones: ['0912345678'] }).address).toEqual({ channel: 'inbox', to: 'c3' });
  });

  it('fails at start on SMS settings it cannot use', () => {
    expect(() => selectSender(loadConfig({ LG_SMS_API_URL: 'https://smsapi.mitake.com.tw' }), { db, clock: systemClock })).toThrow(ConfigError);
    expect(() => parseSmsCredentials('no-colon')).toThrow(ConfigError);
    expect(parseSmsCredentials('acct:pa:ss')).toEqual({ username: 'acct', password: 'pa:ss' });
  });
});

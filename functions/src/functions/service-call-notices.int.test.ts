import type { LocalLineServer } from '../adapters/notify/test-support/line-server';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { OutboxEntry } from '../domain/events';
import { FLEET } from '../domain/routes/test-support/fleet-mother';
import { INSPECTION_SUPPLY_STOPPED, SAFETY_ITEMS } from '../domain/safety';
import { aCustomer } from '../domain/test-support/customer-mother';
import type { TestStack } from '../local/test-support';
import type { apiClient, Json } from './test-support/api-client';
import { startStackWithLine } from './test-support/line-stack';
import { eventually } from './test-support/planning-day';

/**
 * 報修通知 on the emulators, through the outbox, Pub/Sub and the notifyServiceCalls consumer, with LINE played by the
 * local stand-in: the customer hears who is sent and at what time, the new time when the office moves it and the new
 * driver when it hands the call over (not a retry, not a redelivered event), and how the call ended, an unsafe close in words;
 * an inspection that stops the supply is told as an unsafe close is.
 */
const TOKEN = 'service-call-notice-channel-token';
const zhCustomer = aCustomer().withId('cust-svc-zh').withCode('C09101').with({ name: '報修林家', lineUserId: `U${'a'.repeat(32)}` }).build();
const namedCustomer = aCustomer().withId('cust-svc-named').withCode('C09103').with({ name: '報修張家', lineUserId: `U${'c'.repeat(32)}` }).build();
const leakCustomer = aCustomer().withId('cust-svc-leak').withCode('C09104').with({ name: '漏氣王家', lineUserId: `U${'d'.repeat(32)}` }).build();
const enCustomer = aCustomer().withId('cust-svc-en').withCode('C09102').with({ name: 'Harbour Café', lineUserId: `U${'b'.repeat(32)}`, notificationLocale: 'en' }).build();
// 14:30 and 16:00 Taipei, two days ahead: the texts name the time on the Taipei wall clock.
const dayAhead = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const at1430 = `${dayAhead}T06:30:00.000Z`;
const at1600 = `${dayAhead}T08:00:00.000Z`;

let line: LocalLineServer;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stack, line, call, close } = await startStackWithLine('service-call-notices', TOKEN, SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyServiceCalls')));
  const db = stack.container.db;
  // Named as the office writes them in 車隊: the customer reads 陳師傅, 林師傅.
  const names: Record<string, string> = { 'drv-1': '陳志豪', 'drv-2': '林俊宏' };
  for (const d of FLEET.drivers) await db.collection('drivers').doc(d.id).set({ ...d, name: names[d.id] ?? d.name });
  for (const c of [zhCustomer, enCustomer, namedCustomer, leakCustomer]) await db.collection('customers').doc(c.id).set(c);
});
afterAll(() => close());

const sentTo = (customer: Customer) => line.delivered.filter((m) => m.to === customer.lineUserId).map((m) => m.text);
const received = (customer: Customer, count: number) => eventually(async () => (sentTo(customer).length >= count ? sentTo(customer) : null));
/** Long enough for Pub/Sub to have pushed anything still on its way. */
const settle = () => new Promise((r) => setTimeout(r, 1500));
const openCall = async (customerId: string, kind: string) => (await call('POST', '/api/service-calls', { as: 'office', body: { customerId, kind, description: '報修', someoneHome: true } })).body.id as string;
const assign = (id: string, driverId: string, scheduledAt: string) => call('POST', `/api/service-calls/${id}/assign`, { as: 'office', body: { driverId, scheduledAt } });

describe('報修通知 through the notifyServiceCalls consumer', () => {
  it('tell who comes and when once, however the dispatch is retried or redelivered, the new driver when it is handed over, and the new time when it moves', async () => {
    const id = await openCall(zhCustomer.id, 'regulator');
    expect((await assign(id, 'drv-1', at1430)).status).toBe(200);
    const [, mm, dd] = dayAhead.split('-').map(Number);
    const first = await received(zhCustomer, 1);
    expect(first).toEqual([expect.stringMatching(new RegExp(`^幸福氣報修通知（調整器）：已安排陳師傅於 ${mm}/${dd}（.）14:30 到府處理，屆時請留人在家應門`))]);

    expect((await assign(id, 'drv-1', at1430)).status).toBe(200);
    const outbox = await stack.container.db.collection('outbox').where('event.type', '==', 'service_call.dispatched').where('event.data.serviceCallId', '==', id).get();
    expect(outbox.size).toBe(1);
    await stack.container.publisher.publish('notifications', (outbox.docs[0]!.data() as OutboxEntry).event);
    await settle();
    expect(sentTo(zhCustomer)).toHaveLength(1);

    expect((await assign(id, 'drv-2', at1430)).status).toBe(200);
    expect((await received(zhCustomer, 2))[1]).toMatch(new RegExp(`^幸福氣報修通知（調整器）：改由林師傅於 ${mm}/${dd}（.）14:30 到府處理，`));

    expect((await assign(id, 'drv-2', at1600)).status).toBe(200);
    expect((await received(zhCustomer, 3))[2]).toMatch(new RegExp(`^幸福氣報修通知（調整器）：到府時間已改為 ${mm}/${dd}（.）16:00，由林師傅前往，`));

    const closed = await call('POST', `/api/service-calls/${id}/close`, { as: 'driver2', body: { outcome: 'parts_replaced', note: '更換調整器一只' } });
    expect(closed.status).toBe(200);
    expect((await received(zhCustomer, 4))[3]).toMatch(/^幸福氣報修通知（調整器）：已於 .+更換零件、處理完成並結案。/);
    await settle();
    expect(sentTo(zhCustomer)).toHaveLength(4);

    const messages = await call('GET', `/api/customers/${zhCustomer.id}/messages`, { as: 'office' });
    expect(messages.body.items.map((m: Json) => [m.kind, m.status])).toEqual([
      ['service-call', 'sent'],
      ['service-call', 'sent'],
      ['service-call', 'sent'],
      ['service-call', 'sent'],
    ]);
  });

  it("tell the driver's 對客稱呼 the admin set in 車隊 instead of the name derived from theirs", async () => {
    expect((await call('PATCH', '/api/fleet/drivers/drv-1', { as: 'admin', body: { addressedAs: '豪哥' } })).status).toBe(200);
    const id = await openCall(namedCustomer.id, 'appliance');
    expect((await assign(id, 'drv-1', at1430)).status).toBe(200);
    const [text] = await received(namedCustomer, 1);
    expect(text).toMatch(/^幸福氣報修通知（.+）：已安排豪哥於 .+14:30 到府處理，/);
  });

  it('tell a customer whose installation was found unsafe, in English, what was found, that the gas is stopped and how it comes back', async () => {
    const id = await openCall(enCustomer.id, 'hose');
    const closed = await call('POST', `/api/service-calls/${id}/close`, { as: 'office', body: { outcome: 'unsafe', unsafeItems: ['hose'] } });
    expect(closed.status).toBe(200);
    const [text] = await received(enCustomer, 1);
    expect(text).toMatch(/^Lucky Gas safety notice \(gas hose\): on .+ we found these unsafe: Hose \(ageing, length, clips\)\. For your safety we have stopped your gas supply; please do not use the installation\. Once it is fixed, call us or use Report a problem on our website to ask for a safety inspection: your gas comes again when it passes\.$/);
  });
});

describe('停止供氣通知 of an inspection through the notifyServiceCalls consumer', () => {
  it('tells the customer once that an inspection found a leak, the gas is stopped and how to book the re-check, however the event is redelivered', async () => {
    const items = SAFETY_ITEMS.map((item) => (item === 'leakTest' ? { item, result: 'needsFix', note: '調整器接頭漏氣' } : { item, result: 'ok' }));
    const technician = { name: '陳建宏', certificateNo: '北市消安字第 1090001 號' };
    const today = taipeiDate(new Date());
    const body = { customerId: leakCustomer.id, inspectedOn: today, items, technician, confirmation: { kind: 'paper', name: '王太太' } };
    expect((await call('POST', '/api/safety-inspections', { as: 'office', key: 'leak-notice', body })).status).toBe(201);
    const [text] = await received(leakCustomer, 1);
    expect(text).toBe(
      `幸福氣安全通知：${Number(today.slice(5, 7))}/${Number(today.slice(8))}（${'日一二三四五六'[new Date(`${today}T00:00:00Z`).getUTCDay()]}）用戶安全檢查發現瓦斯漏氣（漏氣測試（肥皂水或檢知器））。為了您的安全，已暫停供應瓦斯，請勿自行接用。請先完成改善，再來電或於幸福氣網站「我要報修」申請複查，複查合格即恢復送氣。`,
    );

    expect((await call('POST', '/api/safety-inspections', { as: 'office', key: 'leak-notice', body })).status).toBe(201);
    const outbox = await stack.container.db.collection('outbox').where('event.type', '==', INSPECTION_SUPPLY_STOPPED).where('event.data.customerId', '==', leakCustomer.id).get();
    expect(outbox.size).toBe(1);
    await stack.container.publisher.publish('notifications', (outbox.docs[0]!.data() as OutboxEntry).event);
    await settle();
    expect(sentTo(leakCustomer)).toHaveLength(1);
    const messages = await call('GET', `/api/customers/${leakCustomer.id}/messages`, { as: 'office' });
    expect(messages.body.items.map((m: Json) => [m.kind, m.status])).toEqual([['supply-stop', 'sent']]);
  });
});

import type { LocalLineServer } from '../adapters/notify/test-support/line-server';
import { ANNOUNCEMENT_PAGE_SIZE } from '../adapters/firestore/announcement-store';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { MARKETING_OPT_OUT_LINE } from '../domain/announcements';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { OutboxEntry } from '../domain/events';
import { aCustomer } from '../domain/test-support/customer-mother';
import type { TestStack } from '../local/test-support';
import type { apiClient, Json } from './test-support/api-client';
import { startStackWithLine } from './test-support/line-stack';
import { eventually } from './test-support/planning-day';
import { seedPortalAccounts } from './test-support/portal-accounts';

/**
 * 公告 on the emulators, through the outbox, Pub/Sub and the notifyAnnouncements consumer, with LINE played by the local
 * stand-in and no SMS gateway: each active customer of the audience is sent it once in their language (LINE, else the
 * portal inbox, recorded failed for one who cannot sign in), however often the request is retried or the event
 * delivered; inactive and erased customers never; the portal shows each customer the ones for them on their days.
 */
const TOKEN = 'announcement-channel-token';
const today = taipeiDate(new Date());
const line = (c: string) => `U${c.repeat(32)}`;
const zhongheLine = aCustomer().withId('cust-a').withCode('C09201').with({ lineUserId: line('a') }).build();
const yongheLineEn = aCustomer()
  .withId('cust-b')
  .withCode('C09202')
  .with({ lineUserId: line('b'), notificationLocale: 'en', address: { city: '新北市', district: '永和區', road: '中正路', number: '1' } })
  .build();
const inboxOnly = aCustomer().withId('cust-inbox').withCode('C09203').ofType('household').build();
const unreachable = aCustomer().withId('cust-none').withCode('C09204').ofType('household').build();
const inactive: Customer = { ...aCustomer().withId('cust-gone').withCode('C09205').with({ lineUserId: line('c') }).build(), status: 'inactive' };
const erased: Customer = {
  ...aCustomer().withId('cust-erased').withCode('C09206').with({ lineUserId: line('d') }).build(),
  status: 'inactive',
  erasure: { at: '2026-11-01T00:00:00.000Z', by: { uid: 'u-admin', role: 'admin' }, reason: '客戶來電要求刪除個資', retainUntil: '2033-12-31' },
};

let lineServer: LocalLineServer;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stack, line: lineServer, call, close } = await startStackWithLine('announcements', TOKEN, SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyAnnouncements')));
  const db = stack.container.db;
  for (const c of [zhongheLine, yongheLineEn, inboxOnly, unreachable, inactive, erased]) await db.collection('customers').doc(c.id).set(c);
  await seedPortalAccounts(db, [zhongheLine.id, yongheLineEn.id, inboxOnly.id]);
});
afterAll(() => close());

const shortage = {
  'zh-TW': { title: '分裝場供氣不足', body: '本週部分訂單延後一天配送，敬請見諒。' },
  en: { title: 'Gas shortage', body: 'Some deliveries this week move a day. We apologise.' },
  audience: { kind: 'all' },
  showFrom: today,
  showTo: addDays(today, 3),
};
const lineTo = (c: Customer) => lineServer.delivered.filter((m) => m.to === c.lineUserId).map((m) => m.text);
const inboxOf = async (c: Customer) => (await stack.container.db.collection('notifications').where('customerId', '==', c.id).get()).docs.map((d) => d.get('text') as string);
const dispatchesOf = async (announcementId: string) =>
  (await stack.container.db.collection('notificationDispatch').where('announcementId', '==', announcementId).get()).docs.map((d) => [d.get('customerId'), d.get('channel'), d.get('status')]);
/** Long enough for Pub/Sub to have pushed anything still on its way. */
const settle = () => new Promise((r) => setTimeout(r, 2000));

describe('公告 (announcements)', () => {
  it('preview whom it reaches by which channel and the SMS texts it costs, writing nothing', async () => {
    const res = await call('POST', '/api/announcements/preview', { as: 'office', body: shortage });
    expect(res.status).toBe(200);
    // No SMS gateway here: those without LINE fall to the inbox, and one without a portal account to nobody.
    expect(res.body).toEqual({ recipients: 4, optedOut: 0, channels: { line: 2, sms: 0, inbox: 1, none: 1 }, segments: { 'zh-TW': 1, en: 1 }, smsTexts: 0 });
    expect((await stack.container.db.collection('announcements').get()).size).toBe(0);
  });

  it('send each active customer of the audience one message in their language, however often the request is retried or the event delivered', async () => {
    const first = await call('POST', '/api/announcements', { as: 'office', body: shortage, key: 'ann-shortage' });
    expect(first.status).toBe(201);
    const id = first.body.announcement.id as string;
    const again = await call('POST', '/api/announcements', { as: 'office', body: shortage, key: 'ann-shortage' });
    expect(again.body.announcement.id).toBe(id);

    await eventually(async () => ((await dispatchesOf(id)).filter(([, , status]) => status !== 'pending').length === 4 ? true : null));
    const [outbox] = (await stack.container.db.collection('outbox').where('event.type', '==', 'announcement.published').get()).docs;
    await stack.container.publisher.publish('notifications', (outbox!.data() as OutboxEntry).event);
    await settle();

    expect(lineTo(zhongheLine)).toEqual(['幸福氣公告：分裝場供氣不足\n本週部分訂單延後一天配送，敬請見諒。']);
    expect(lineTo(yongheLineEn)).toEqual(['Lucky Gas notice: Gas shortage\nSome deliveries this week move a day. We apologise.']);
    expect(await inboxOf(inboxOnly)).toEqual(['幸福氣公告：分裝場供氣不足\n本週部分訂單延後一天配送，敬請見諒。']);
    expect(lineTo(inactive)).toEqual([]);
    expect(lineTo(erased)).toEqual([]);
    expect((await dispatchesOf(id)).sort()).toEqual([
      ['cust-a', 'line', 'sent'],
      ['cust-b', 'line', 'sent'],
      ['cust-inbox', 'inbox', 'sent'],
      ['cust-none', 'inbox', 'failed'],
    ]);

    const list = await call('GET', '/api/announcements', { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.announcements).toEqual([expect.objectContaining({ id, 'zh-TW': shortage['zh-TW'], createdBy: 'u-office', sent: { line: 2, sms: 0, inbox: 1 }, failed: 1, pending: 0 })]);
    // 通知紀錄 names the message like any other the customer was sent.
    const messages = await call('GET', `/api/customers/${zhongheLine.id}/messages`, { as: 'office' });
    expect(messages.body.items.map((m: Json) => [m.kind, m.channel, m.status])).toEqual([['announcement', 'line', 'sent']]);
  });

  it('show each customer on the portal the current ones for them, in the reader’s language, and send a banner-only one to nobody', async () => {
    const banner = await call('POST', '/api/announcements', {
      as: 'admin',
      key: 'ann-yonghe',
      body: { 'zh-TW': { title: '永和區道路施工', body: '中正路施工期間改由巷口交貨。' }, audience: { kind: 'districts', districts: ['永和區'] }, showFrom: today, showTo: today, notifyCustomers: false },
    });
    expect(banner.status).toBe(201);
    const later = await call('POST', '/api/announcements', {
      as: 'admin',
      key: 'ann-later',
      body: { ...shortage, 'zh-TW': { title: '春節公休', body: '除夕至初三公休。' }, en: undefined, showFrom: addDays(today, 1), showTo: addDays(today, 2) },
    });
    expect(later.status).toBe(201);
    await settle();
    expect(await dispatchesOf(banner.body.announcement.id)).toEqual([]);
    expect((await stack.container.db.collection('outbox').where('event.data.announcementId', '==', banner.body.announcement.id).get()).size).toBe(0);

    const zhonghe = await call('GET', '/api/announcements/current', { as: 'customerA' });
    expect(zhonghe.status).toBe(200);
    expect(zhonghe.body.announcements.map((a: Json) => a.title)).toEqual(['分裝場供氣不足']);
    const yonghe = await call('GET', '/api/announcements/current', { as: 'customerB', lang: 'en' });
    expect(yonghe.body.announcements.map((a: Json) => a.title)).toEqual(['永和區道路施工', 'Gas shortage']);
  });

  it('take one off the portal when withdrawn, once, and refuse an unknown one', async () => {
    const list = (await call('GET', '/api/announcements', { as: 'office' })).body.announcements as Json[];
    const shortageId = list.find((a) => a['zh-TW'].title === '分裝場供氣不足')?.id as string;
    const withdrawn = await call('POST', `/api/announcements/${shortageId}/withdraw`, { as: 'office' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.announcement).toMatchObject({ id: shortageId, withdrawnBy: 'u-office' });
    const again = await call('POST', `/api/announcements/${shortageId}/withdraw`, { as: 'admin' });
    expect(again.body.announcement.withdrawnAt).toBe(withdrawn.body.announcement.withdrawnAt);
    expect((await call('GET', '/api/announcements/current', { as: 'customerB', lang: 'en' })).body.announcements.map((a: Json) => a.title)).toEqual(['永和區道路施工']);
    const unknown = await call('POST', '/api/announcements/ann-none/withdraw', { as: 'office' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'ANNOUNCEMENT.NOT_FOUND', message: '找不到公告' });
  });

  it('send the others through a LINE outage for one, and the one left pending once on the redelivery', async () => {
    const before = { a: lineTo(zhongheLine).length, b: lineTo(yongheLineEn).length };
    lineServer.failNext(500);
    const res = await call('POST', '/api/announcements', {
      as: 'office',
      key: 'ann-outage',
      body: { 'zh-TW': { title: '颱風停止配送', body: '明日颱風停止配送，訂單順延。' }, audience: { kind: 'customers', customerIds: [zhongheLine.id, yongheLineEn.id] }, showFrom: today, showTo: today },
    });
    expect(res.status).toBe(201);
    const id = res.body.announcement.id as string;
    await eventually(async () => ((await dispatchesOf(id)).filter(([, , status]) => status === 'sent').length === 2 ? true : null), 60_000);
    await settle();
    expect(lineTo(zhongheLine).slice(before.a)).toEqual(['幸福氣公告：颱風停止配送\n明日颱風停止配送，訂單順延。']);
    expect(lineTo(yongheLineEn).slice(before.b)).toEqual(['幸福氣公告：颱風停止配送\n明日颱風停止配送，訂單順延。']);
  });

  it('reach every customer of an audience wider than a page of customers', async () => {
    const db = stack.container.db;
    const many = Array.from({ length: ANNOUNCEMENT_PAGE_SIZE + 5 }, (_, i) =>
      aCustomer()
        .withId(`cust-xd-${String(i).padStart(3, '0')}`)
        .withCode(`C${String(10000 + i)}`)
        .with({ address: { city: '新北市', district: '新店區', road: '北新路', section: 1, number: String(i + 1) } })
        .build(),
    );
    const batch = db.batch();
    for (const c of many) batch.set(db.collection('customers').doc(c.id), c);
    await batch.commit();
    await seedPortalAccounts(db, many.map((c) => c.id));
    const body = { 'zh-TW': { title: '新店區停水', body: '明日新店區停水，配送照常。' }, audience: { kind: 'districts', districts: ['新店區'] }, showFrom: today, showTo: today };
    expect((await call('POST', '/api/announcements/preview', { as: 'office', body })).body).toMatchObject({ recipients: many.length, channels: { inbox: many.length } });
    const res = await call('POST', '/api/announcements', { as: 'office', key: 'ann-xindian', body });
    const id = res.body.announcement.id as string;
    const sent = await eventually(async () => {
      const records = await dispatchesOf(id);
      return records.filter(([, , status]) => status === 'sent').length === many.length ? records : null;
    }, 60_000);
    expect(new Set(sent.map(([customerId]) => customerId))).toEqual(new Set(many.map((c) => c.id)));
  });

  it('refuse a mistake with the field and words in the caller’s language, writing nothing', async () => {
    const before = (await stack.container.db.collection('announcements').get()).size;
    const backwards = await call('POST', '/api/announcements', { as: 'office', lang: 'en', body: { ...shortage, showTo: addDays(today, -1) } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual([{ path: 'body.showTo', message: 'The last day cannot be before the first day' }]);
    const ended = await call('POST', '/api/announcements', { as: 'office', body: { ...shortage, showFrom: addDays(today, -3), showTo: addDays(today, -1) } });
    expect(ended.status).toBe(422);
    expect(ended.body.error).toMatchObject({ code: 'ANNOUNCEMENT.ENDED', message: '顯示期間已結束，沒有人會看到這則公告' });
    const nowhere = await call('POST', '/api/announcements/preview', { as: 'office', body: { ...shortage, audience: { kind: 'districts', districts: ['信義鄉'] } } });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.fields).toEqual([{ path: 'body.audience.districts.0', message: '不是本公司配送的鄉鎮市區' }]);
    expect((await stack.container.db.collection('announcements').get()).size).toBe(before);
  });

  it('let a customer object to marketing for themselves alone, and the office record it on the phone, audited', async () => {
    const own = await call('PUT', `/api/customers/${zhongheLine.id}/marketing`, { as: 'customerA', body: { optOut: true } });
    expect(own.status).toBe(200);
    expect(own.body.marketingOptOut).toEqual({ at: expect.any(String), by: { uid: 'u-cust-a', role: 'customer' } });
    const again = await call('PUT', `/api/customers/${zhongheLine.id}/marketing`, { as: 'customerA', body: { optOut: true } });
    expect(again.body.marketingOptOut.at).toBe(own.body.marketingOptOut.at);

    const others = await call('PUT', `/api/customers/${yongheLineEn.id}/marketing`, { as: 'customerA', body: { optOut: true } });
    expect(others.status).toBe(404);
    expect((await call('PUT', `/api/customers/${yongheLineEn.id}/marketing`, { as: 'driver1', body: { optOut: true } })).status).toBe(403);
    expect((await call('PUT', `/api/customers/${yongheLineEn.id}/marketing`, { as: 'office', body: { optOut: 'yes' } })).status).toBe(400);
    expect((await stack.container.db.collection('customers').doc(yongheLineEn.id).get()).get('marketingOptOut')).toBeUndefined();

    const phoned = await call('PUT', `/api/customers/${yongheLineEn.id}/marketing`, { as: 'office', body: { optOut: true } });
    expect(phoned.status).toBe(200);
    expect(phoned.body.marketingOptOut.by).toEqual({ uid: 'u-office', role: 'office' });
    const audited = (await stack.container.db.collection('auditLog').where('function', '==', 'customers').where('route', '==', '/:id/marketing').get()).docs.map((d) => d.data());
    expect(audited.map((e) => [e['actor'].uid, e['entityId']]).sort()).toEqual([
      ['u-cust-a', zhongheLine.id],
      ['u-cust-a', zhongheLine.id],
      ['u-office', yongheLineEn.id],
    ]);
  });

  it('send marketing only to those who did not object, saying how to object, counted apart in the preview; a service one to everyone', async () => {
    const sale = {
      kind: 'marketing',
      'zh-TW': { title: '換錶優惠', body: '本月換新調整器九折。' },
      en: { title: 'Regulator offer', body: '10% off a new regulator this month.' },
      audience: { kind: 'customers', customerIds: [zhongheLine.id, yongheLineEn.id, inboxOnly.id] },
      showFrom: today,
      showTo: today,
    };
    const preview = await call('POST', '/api/announcements/preview', { as: 'office', body: sale });
    expect(preview.body).toMatchObject({ recipients: 1, optedOut: 2, channels: { line: 0, sms: 0, inbox: 1, none: 0 } });
    const asService = await call('POST', '/api/announcements/preview', { as: 'office', body: { ...sale, kind: 'service' } });
    expect(asService.body).toMatchObject({ recipients: 3, optedOut: 0 });

    const before = { a: lineTo(zhongheLine).length, b: lineTo(yongheLineEn).length };
    const res = await call('POST', '/api/announcements', { as: 'office', key: 'ann-sale', body: sale });
    expect(res.status).toBe(201);
    expect(res.body.announcement.kind).toBe('marketing');
    const id = res.body.announcement.id as string;
    await eventually(async () => ((await dispatchesOf(id)).length === 1 ? true : null));
    const [outbox] = (await stack.container.db.collection('outbox').where('event.data.announcementId', '==', id).get()).docs;
    await stack.container.publisher.publish('notifications', (outbox!.data() as OutboxEntry).event);
    await settle();
    expect(await dispatchesOf(id)).toEqual([[inboxOnly.id, 'inbox', 'sent']]);
    expect((await inboxOf(inboxOnly)).filter((t) => t.includes('換錶優惠'))).toEqual([`幸福氣公告：換錶優惠\n本月換新調整器九折。\n${MARKETING_OPT_OUT_LINE['zh-TW']}`]);
    expect(lineTo(zhongheLine).length).toBe(before.a);
    expect(lineTo(yongheLineEn).length).toBe(before.b);
    expect((await call('GET', '/api/announcements/current', { as: 'customerA' })).body.announcements.map((a: Json) => a.title)).not.toContain('換錶優惠');

    const gasOff = await call('POST', '/api/announcements', {
      as: 'office',
      key: 'ann-gas-off',
      body: { ...sale, kind: 'service', 'zh-TW': { title: '管線檢修停氣', body: '明日上午停氣檢修。' }, en: undefined, audience: { kind: 'customers', customerIds: [zhongheLine.id] } },
    });
    await eventually(async () => ((await dispatchesOf(gasOff.body.announcement.id)).some(([, , status]) => status === 'sent') ? true : null));
    expect(lineTo(zhongheLine).slice(before.a)).toEqual(['幸福氣公告：管線檢修停氣\n明日上午停氣檢修。']);
  });

  it('remember a banner closed by the account that closed it, on every device, and by no other account', async () => {
    const res = await call('POST', '/api/announcements', {
      as: 'office',
      key: 'ann-holiday',
      body: { 'zh-TW': { title: '元旦公休', body: '一月一日公休一天。' }, audience: { kind: 'all' }, showFrom: today, showTo: addDays(today, 1), notifyCustomers: false },
    });
    const id = res.body.announcement.id as string;
    const secondAccountOfA = { uid: 'u-cust-a2', role: 'customer', customerId: zhongheLine.id } as const;
    const titlesFor = async (as: 'customerA' | 'customerB' | typeof secondAccountOfA) => (await call('GET', '/api/announcements/current', { as })).body.announcements.map((a: Json) => a.title);
    expect(await titlesFor('customerA')).toContain('元旦公休');

    const closed = await call('POST', `/api/announcements/${id}/dismiss`, { as: 'customerA' });
    expect(closed.status).toBe(200);
    expect((await call('POST', `/api/announcements/${id}/dismiss`, { as: 'customerA' })).status).toBe(200);
    expect(await titlesFor('customerA')).not.toContain('元旦公休');
    expect(await titlesFor(secondAccountOfA)).toContain('元旦公休');
    expect(await titlesFor('customerB')).toContain('元旦公休');

    for (const who of ['office', 'admin', 'driver1'] as const) expect((await call('POST', `/api/announcements/${id}/dismiss`, { as: who })).status).toBe(403);
    const unknown = await call('POST', '/api/announcements/ann-none/dismiss', { as: 'customerB', lang: 'en' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'ANNOUNCEMENT.NOT_FOUND', message: 'Announcement not found' });
    const saleId = ((await call('GET', '/api/announcements', { as: 'office' })).body.announcements as Json[]).find((a) => a['zh-TW'].title === '換錶優惠')?.id as string;
    // Marketing customer A objected to is not shown them, so there is no banner of it to close.
    expect((await call('POST', `/api/announcements/${saleId}/dismiss`, { as: 'customerA' })).status).toBe(404);
    expect((await stack.container.db.collection(`announcements/${saleId}/dismissals`).get()).size).toBe(0);
  });

  it("reach a depot's customers, those its area holds (the nearest depot in service), counted in the preview, sent once and shown to them alone, named to staff; an unknown or retired depot refused in the caller's language", async () => {
    const db = stack.container.db;
    const depot = (id: string, lat: number, lng: number, active = true) => ({ id, name: id, address: id, location: { lat, lng }, active });
    // Every other customer is pinned in 中和, beside dep-zhonghe; cust-sc in 三重. dep-retired, out of service, is closer to cust-sc still.
    for (const d of [depot('dep-zhonghe', 24.999, 121.494), depot('dep-sanchong', 25.06, 121.49), depot('dep-retired', 25.0611, 121.4891, false)]) await db.collection('depots').doc(d.id).set(d);
    const sanchong = aCustomer().withId('cust-sc').withCode('C09290').with({ location: { lat: 25.0612, lng: 121.4892 } }).build();
    await db.collection('customers').doc(sanchong.id).set(sanchong);
    await seedPortalAccounts(db, [sanchong.id]);
    const body = { 'zh-TW': { title: '三重站搬遷', body: '三重站下週一起搬到新址，配送照常。' }, audience: { kind: 'depot', depotId: 'dep-sanchong' }, showFrom: today, showTo: today };
    expect((await call('POST', '/api/announcements/preview', { as: 'office', body })).body).toMatchObject({ recipients: 1, channels: { inbox: 1 } });
    const res = await call('POST', '/api/announcements', { as: 'admin', key: 'ann-sanchong', body });
    expect(res.status).toBe(201);
    const id = res.body.announcement.id as string;
    const sent = await eventually(async () => {
      const records = await dispatchesOf(id);
      return records.some(([, , status]) => status === 'sent') ? records : null;
    });
    // The request retried and its event delivered again send the depot's customer nothing more.
    expect((await call('POST', '/api/announcements', { as: 'admin', key: 'ann-sanchong', body })).body.announcement.id).toBe(id);
    const published = (await db.collection('outbox').where('event.data.announcementId', '==', id).get()).docs.map((d) => (d.data() as OutboxEntry).event);
    expect(published).toHaveLength(1);
    await stack.container.publisher.publish('notifications', published[0]!);
    await settle();
    expect(await dispatchesOf(id)).toEqual([[sanchong.id, 'inbox', 'sent']]);
    expect(sent).toHaveLength(1);
    expect(await inboxOf(sanchong)).toEqual(['幸福氣公告：三重站搬遷\n三重站下週一起搬到新址，配送照常。']);
    const asCustomer = (customerId: string) => ({ uid: `u-${customerId}`, role: 'customer' as const, customerId });
    const current = async (customerId: string) => (await call('GET', '/api/announcements/current', { as: asCustomer(customerId) })).body.announcements.map((a: Json) => a.title);
    expect(await current(sanchong.id)).toContain('三重站搬遷');
    // A customer of another depot (中和) is not shown it, so has no banner of it to close.
    expect(await current(zhongheLine.id)).not.toContain('三重站搬遷');
    expect((await call('POST', `/api/announcements/${id}/dismiss`, { as: asCustomer(zhongheLine.id) })).status).toBe(404);
    // Staff are shown it whoever it is for, with the depot named (drivers cannot read the depots).
    for (const who of ['driver1', 'office'] as const) {
      const staff = (await call('GET', '/api/announcements/staff', { as: who })).body.announcements as Json[];
      expect(staff.find((a) => a.id === id)).toMatchObject({ audience: { kind: 'depot', depotId: 'dep-sanchong' }, depotName: 'dep-sanchong' });
    }
    const written = async () => [(await db.collection('announcements').get()).size, (await db.collection('outbox').get()).size];
    const before = await written();
    for (const [depotId, lang, message] of [
      ['dep-retired', 'zh-TW', '找不到這個營業所，或已停用'],
      ['dep-nowhere', 'en', 'This depot does not exist or is out of service'],
    ] as const) {
      const refusedBody = { ...body, audience: { kind: 'depot', depotId } };
      const refused = await call('POST', '/api/announcements', { as: 'office', key: `ann-${depotId}`, body: refusedBody, lang });
      expect([refused.status, refused.body.error]).toEqual([400, expect.objectContaining({ code: 'ANNOUNCEMENT.UNKNOWN_DEPOT', message })]);
      const counted = await call('POST', '/api/announcements/preview', { as: 'admin', body: refusedBody, lang });
      expect([counted.status, counted.body.error]).toEqual([400, expect.objectContaining({ code: 'ANNOUNCEMENT.UNKNOWN_DEPOT', message })]);
    }
    expect(await written()).toEqual(before);
    for (const who of ['driver1', 'customerA'] as const) expect((await call('POST', '/api/announcements/preview', { as: who, body })).status).toBe(403);
  });

  it('let only the office and admins send, preview and list, and only customers read their banner', async () => {
    for (const who of ['driver1', 'customerA'] as const) {
      expect((await call('POST', '/api/announcements', { as: who, body: shortage, key: `ann-${who}` })).status).toBe(403);
      expect((await call('POST', '/api/announcements/preview', { as: who, body: shortage })).status).toBe(403);
      expect((await call('GET', '/api/announcements', { as: who })).status).toBe(403);
    }
    for (const who of ['office', 'admin', 'driver1'] as const) expect((await call('GET', '/api/announcements/current', { as: who })).status).toBe(403);
    expect((await call('GET', '/api/announcements/current', {})).status).toBe(401);
  });
});

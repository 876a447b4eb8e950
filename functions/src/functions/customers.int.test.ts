import { taipeiDate } from '../domain/clock';
import type { Order } from '../domain/orders';
import { startTestStack, type TestStack } from '../local/test-support';
import { aCustomer, aCustomerRequest } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const created: Json[] = [];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customers', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const people = [
    { name: '陳大明', phones: ['0912-345-678'], address: { city: '台北市', district: '大安區', road: '復興南路', section: 1, number: '100' }, type: 'household' },
    { name: '林記麵館', phones: ['(02)2941-5566'], address: { city: '新北市', district: '中和區', road: '中山路', section: 2, number: '12' }, type: 'restaurant' },
    { name: '陳家小吃', phones: ['0933-222-111'], address: { city: '新北市', district: '中和區', road: '景平路', number: '8' }, type: 'restaurant' },
    { name: '王小美', phones: ['0955-666-777'], address: { city: '台北市', district: '信義區', road: '松仁路', number: '5' }, type: 'household' },
  ];
  for (const p of people) {
    const res = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ ...p, contactName: p.name }) });
    expect(res.status).toBe(201);
    created.push(res.body);
  }
});
afterAll(() => stack.close());

const names = (res: { body: Json }) => (res.body.items as Json[]).map((c) => c.name).sort();

describe('customers API on the emulators', () => {
  it('allocates running customer codes and normalises phones', () => {
    expect(created.map((c) => c.code)).toEqual(['C00001', 'C00002', 'C00003', 'C00004']);
    expect(created[1]?.phones).toEqual(['(02)2941-5566']);
    expect(created[0]?.searchTokens).toBeUndefined();
  });

  it('finds customers by name fragment, phone suffix, address fragment and code', async () => {
    expect(names(await call('GET', `/api/customers?q=${encodeURIComponent('陳')}`, { as: 'office' }))).toEqual(['陳大明', '陳家小吃']);
    expect(names(await call('GET', `/api/customers?q=${encodeURIComponent('小美')}`, { as: 'office' }))).toEqual(['王小美']);
    expect(names(await call('GET', `/api/customers?q=${encodeURIComponent('麵館')}`, { as: 'office' }))).toEqual(['林記麵館']);
    expect(names(await call('GET', '/api/customers?q=5566', { as: 'office' }))).toEqual(['林記麵館']);
    expect(names(await call('GET', `/api/customers?q=${encodeURIComponent('復興南路')}`, { as: 'office' }))).toEqual(['陳大明']);
    expect(names(await call('GET', '/api/customers?q=C00004', { as: 'office' }))).toEqual(['王小美']);
    expect(names(await call('GET', `/api/customers?district=${encodeURIComponent('中和區')}&type=restaurant`, { as: 'office' }))).toEqual(['林記麵館', '陳家小吃']);
  });

  it('pages with a cursor without repeating anyone', async () => {
    const first = await call('GET', '/api/customers?limit=3', { as: 'office' });
    expect(first.body.items).toHaveLength(3);
    const second = await call('GET', `/api/customers?limit=3&cursor=${first.body.nextCursor}`, { as: 'office' });
    expect(second.body.items.map((c: Json) => c.code)).toEqual(['C00004']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('validates Taiwanese phones and the tax id checksum with field messages in zh-TW', async () => {
    const res = await call('POST', '/api/customers', {
      as: 'office',
      body: aCustomerRequest({ phones: ['12345'], invoice: { taxId: '12345678' } }),
    });
    expect(res.status).toBe(400);
    const fields = Object.fromEntries((res.body.error.fields as Json[]).map((f) => [f.path, f.message]));
    expect(fields['body.phones.0']).toMatch(/電話格式不正確/);
    expect(fields['body.invoice.taxId']).toBe('統一編號檢查碼錯誤');
  });

  it('updates, deactivates keeping the record, and refuses deactivating twice', async () => {
    const id = created[3]?.id as string;
    const patched = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { notes: '週一公休' } });
    expect(patched.body.notes).toBe('週一公休');
    await stack.container.db.collection('predictions').doc(id).set({ customerId: id, customerName: '王小美' });
    const off = await call('POST', `/api/customers/${id}/deactivate`, { as: 'office' });
    expect(off.body).toMatchObject({ status: 'inactive', name: '王小美' });
    // Off the due and churn lists at once, not after the nightly run.
    expect((await stack.container.db.collection('predictions').doc(id).get()).exists).toBe(false);
    expect((await call('POST', `/api/customers/${id}/deactivate`, { as: 'office' })).status).toBe(409);
    expect((await call('GET', `/api/customers/${id}`, { as: 'office' })).body.status).toBe('inactive');
  });

  it('removes the contact sent as null, keeps it when absent, and refuses null for a required field', async () => {
    const id = created[2]?.id as string;
    expect((await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { notes: '後門' } })).body.contactName).toBe('陳家小吃');
    const cleared = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { contactName: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('contactName');
    expect((await stack.container.db.collection('customers').doc(id).get()).data()).not.toHaveProperty('contactName');
    const refused = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { name: null } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f: Json) => f.path)).toEqual(['body.name']);
  });

  it('keeps the language a customer is written to: set, changed and refused when unknown, in zh-TW', async () => {
    const id = created[3]?.id as string;
    expect(created[3]?.notificationLocale).toBeUndefined();
    const en = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { notificationLocale: 'en' } });
    expect(en.status).toBe(200);
    expect((await stack.container.db.collection('customers').doc(id).get()).get('notificationLocale')).toBe('en');
    const refused = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { notificationLocale: 'ja' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f: Json) => f.path)).toEqual(['body.notificationLocale']);
    expect((await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { notificationLocale: 'zh-TW' } })).body.notificationLocale).toBe('zh-TW');
  });

  it("lets a customer read their own record only; another's is not found", async () => {
    const own = created[0]?.id as string;
    const me = { uid: 'u-c', role: 'customer', customerId: own } as const;
    expect((await call('GET', `/api/customers/${own}`, { as: me })).status).toBe(200);
    expect((await call('GET', `/api/customers/${created[1]?.id}`, { as: me })).status).toBe(404);
    expect((await call('GET', '/api/customers', { as: me })).status).toBe(403);
  });

  it('records complaints once per Idempotency-Key and lists them newest first', async () => {
    const id = created[1]?.id as string;
    const body = { category: 'late_delivery', note: '  約好上午送達，下午三點才到  ' };
    const first = await call('POST', `/api/customers/${id}/complaints`, { as: 'office', body, key: 'cmp-key-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: id, category: 'late_delivery', note: '約好上午送達，下午三點才到', by: { uid: 'u-office', role: 'office' } });
    const retry = await call('POST', `/api/customers/${id}/complaints`, { as: 'office', body, key: 'cmp-key-1' });
    expect(retry.body.id).toBe(first.body.id);
    const second = await call('POST', `/api/customers/${id}/complaints`, { as: 'admin', body: { category: 'gas_quality', note: '火力不足' }, key: 'cmp-key-2' });
    expect(second.status).toBe(201);

    const list = await call('GET', `/api/customers/${id}/complaints`, { as: 'office' });
    expect((list.body.items as Json[]).map((c) => c.category)).toEqual(['gas_quality', 'late_delivery']);
    expect((await call('GET', `/api/customers/${created[0]?.id as string}/complaints`, { as: 'office' })).body).toEqual({ items: [] });
  });

  it('refuses a complaint with field messages in zh-TW, or for an unknown customer, and stores nothing', async () => {
    const id = created[2]?.id as string;
    const bad = await call('POST', `/api/customers/${id}/complaints`, { as: 'office', body: { category: 'rude', note: '   ' } });
    expect(bad.status).toBe(400);
    expect((bad.body.error.fields as Json[]).map((f) => f.path).sort()).toEqual(['body.category', 'body.note']);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const unknown = await call('POST', '/api/customers/cust-nobody/complaints', { as: 'office', body: { category: 'other', note: '找不到的客戶' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    expect((await stack.container.db.collection('complaints').where('customerId', 'in', [id, 'cust-nobody']).get()).size).toBe(0);
  });

  it("lets a customer complain about and read only their own complaints; another's customer is not found", async () => {
    const own = created[3]?.id as string;
    const me = { uid: 'u-c4', role: 'customer', customerId: own } as const;
    const mine = await call('POST', `/api/customers/${own}/complaints`, { as: me, body: { category: 'driver_conduct', note: '司機態度不佳' } });
    expect(mine.status).toBe(201);
    expect(mine.body.by).toEqual({ uid: 'u-c4', role: 'customer' });
    expect((await call('GET', `/api/customers/${own}/complaints`, { as: me })).body.items.map((c: Json) => c.id)).toEqual([mine.body.id]);

    const other = created[1]?.id as string;
    const refused = await call('POST', `/api/customers/${other}/complaints`, { as: me, body: { category: 'other', note: '冒名' } });
    expect(refused.status).toBe(404);
    expect((await call('GET', `/api/customers/${other}/complaints`, { as: me })).status).toBe(404);
    expect((await stack.container.db.collection('complaints').where('note', '==', '冒名').get()).size).toBe(0);
    expect((await call('POST', `/api/customers/${own}/complaints`, { as: 'driver1', body: { category: 'other', note: 'x' } })).status).toBe(403);
  });

  it('takes as the order complained about only one of the customer’s own: another’s or a made-up id is not found, for the customer and the office alike, and nothing is stored', async () => {
    const [own, other] = [created[3]?.id as string, created[1]?.id as string];
    const me = { uid: 'u-c4', role: 'customer', customerId: own } as const;
    const db = stack.container.db;
    for (const [id, customerId] of [['ord-cmp-own', own], ['ord-cmp-other', other]] as const) {
      await db.collection('orders').doc(id).set(anOrder().withId(id).forCustomer(aCustomer().withId(customerId).build()).inStatus('delivered').build());
    }
    const late = await call('POST', `/api/customers/${own}/complaints`, { as: me, body: { category: 'late_delivery', note: '說好下午兩點，五點才到', orderId: 'ord-cmp-own' } });
    expect(late.status).toBe(201);
    expect(late.body.orderId).toBe('ord-cmp-own');
    // Named as people know it, in the answer and in the list: the day it came and what it brought.
    const ordered = (await db.collection('orders').doc('ord-cmp-own').get()).data() as Order;
    const named = { date: ordered.delivery ? taipeiDate(new Date(ordered.delivery.at)) : ordered.requestedDate, items: ordered.items.map(({ size, quantity }) => ({ size, quantity })) };
    expect(late.body.order).toMatchObject(named);
    const listed = (await call('GET', `/api/customers/${own}/complaints`, { as: me })).body.items as Json[];
    expect(listed.find((c) => c.id === late.body.id)?.order).toMatchObject(named);

    for (const [as, orderId] of [[me, 'ord-cmp-other'], [me, 'ord-cmp-nobody'], ['office', 'ord-cmp-other']] as const) {
      const refused = await call('POST', `/api/customers/${own}/complaints`, { as, body: { category: 'late_delivery', note: '別人的訂單', orderId } });
      expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([404, 'ORDER.NOT_FOUND', '找不到訂單']);
    }
    expect((await db.collection('complaints').where('note', '==', '別人的訂單').get()).size).toBe(0);
  });

  it('closes a complaint once with what was done; another customer\'s complaint is not found', async () => {
    const id = created[1]?.id as string;
    const [latest] = (await call('GET', `/api/customers/${id}/complaints`, { as: 'office' })).body.items as Json[];
    const path = `/api/customers/${id}/complaints/${latest?.id as string}/resolve`;
    const resolved = await call('POST', path, { as: 'office', body: { resolution: '  已致電道歉，下次優先配送 ' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: latest?.id, note: latest?.note, resolution: '已致電道歉，下次優先配送', resolvedBy: { uid: 'u-office', role: 'office' } });
    expect(typeof resolved.body.resolvedAt).toBe('string');

    const again = await call('POST', path, { as: 'office', body: { resolution: '再次結案' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'COMPLAINT.ALREADY_RESOLVED', message: '這筆客訴已經結案' });
    const elsewhere = await call('POST', `/api/customers/${created[0]?.id as string}/complaints/${latest?.id as string}/resolve`, { as: 'office', body: { resolution: 'x' } });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('COMPLAINT.NOT_FOUND');
    const empty = await call('POST', path, { as: 'office', body: { resolution: '  ' } });
    expect(empty.status).toBe(400);
    expect((await stack.container.db.collection('complaints').doc(latest?.id as string).get()).get('resolution')).toBe('已致電道歉，下次優先配送');
  });

  it('corrects cylinder counts by PATCH, but a deposit change is refused in the caller\'s language and nothing is written', async () => {
    const id = created[0]?.id as string;
    const counted = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { cylindersOnSite: [{ size: 20, count: 2, depositPaid: 0 }] } });
    expect(counted.status).toBe(200);
    expect(counted.body.cylindersOnSite).toEqual([{ size: 20, count: 2, depositPaid: 0 }]);
    const refused = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'CUSTOMER.DEPOSIT_BY_RECORD', fields: [{ path: 'body.cylindersOnSite', message: '押金金額請用「收押金／退押金」登記，才會留下紀錄並列入對帳單' }] });
    const en = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { cylindersOnSite: [{ size: 20, count: 2, depositPaid: 100 }], notes: 'x' }, lang: 'en' });
    expect(en.body.error.message).toMatch(/^Record deposit changes/);
    expect((await call('GET', `/api/customers/${id}`, { as: 'office' })).body.cylindersOnSite).toEqual([{ size: 20, count: 2, depositPaid: 0 }]);
  });

  it('refuses a road divided into 段 without one it has there, on create and edit, in the caller\'s language; writes nothing', async () => {
    const address = { city: '臺北市', district: '大安區', road: '和平東路', number: '42' };
    const before = (await stack.container.db.collection('customers').get()).size;
    const missing = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ name: '周家', phones: ['0911-202-303'], address, location: undefined }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({
      code: 'ADDRESS.SECTION_REQUIRED',
      message: '和平東路須填段別（大安區為一至三段），請選擇段別',
      fields: [{ path: 'body.address.section', message: '和平東路須填段別（大安區為一至三段），請選擇段別' }],
      details: { road: '和平東路', district: '大安區', range: '一至三段', list: '1, 2, 3', sections: [1, 2, 3] },
    });
    const unknown = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ name: '周家', phones: ['0911-202-303'], address: { ...address, section: 5 } }), lang: 'en' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'ADDRESS.SECTION_UNKNOWN', message: '和平東路 in 大安區 has no section 5 (its sections: 1, 2, 3); choose another' });
    expect((await stack.container.db.collection('customers').get()).size).toBe(before);

    const ok = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ name: '周家', phones: ['0911-202-303'], address: { ...address, section: 2 } }) });
    expect(ok.status).toBe(201);
    expect(ok.body.address.full).toBe('台北市大安區和平東路二段42號');

    const id = ok.body.id as string;
    const edit = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { address: { ...address, section: 4 } } });
    expect(edit.status).toBe(400);
    expect(edit.body.error).toMatchObject({ code: 'ADDRESS.SECTION_UNKNOWN', fields: [{ path: 'body.address.section' }], details: { sections: [1, 2, 3] } });
    const moved = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { address: { ...address, section: 3, number: '7' } } });
    expect(moved.status).toBe(200);
    expect(moved.body.address.full).toBe('台北市大安區和平東路三段7號');
  });

  it('moves a 段 typed into the road to the section, then checks it; refuses a road and a section that disagree', async () => {
    const address = { city: '台北市', district: '大安區', number: '8' };
    const typed = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ name: '吳家', phones: ['0911-202-404'], address: { ...address, road: '和平東路 2段' } }) });
    expect(typed.status).toBe(201);
    expect(typed.body.address).toMatchObject({ road: '和平東路', section: 2, full: '台北市大安區和平東路二段8號' });
    expect((await stack.container.db.collection('customers').doc(typed.body.id as string).get()).data()?.address).toMatchObject({ road: '和平東路', section: 2 });

    const before = (await stack.container.db.collection('customers').get()).size;
    const outside = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ name: '吳家', phones: ['0911-202-405'], address: { ...address, road: '和平東路五段' } }) });
    expect(outside.body.error).toMatchObject({ code: 'ADDRESS.SECTION_UNKNOWN', fields: [{ path: 'body.address.section' }] });
    const both = await call('POST', '/api/customers', { as: 'office', lang: 'en', body: aCustomerRequest({ name: '吳家', phones: ['0911-202-405'], address: { ...address, road: '和平東路二段', section: 3 } }) });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatchObject({
      code: 'REQUEST.VALIDATION',
      fields: [{ path: 'body.address.section', message: 'The road names another section than the one chosen; give the section once' }],
    });
    expect((await stack.container.db.collection('customers').get()).size).toBe(before);

    const edited = await call('PATCH', `/api/customers/${typed.body.id as string}`, { as: 'office', body: { address: { ...address, road: '和平東路三段', section: 3 } } });
    expect(edited.body.address).toMatchObject({ road: '和平東路', section: 3, full: '台北市大安區和平東路三段8號' });
  });

  it('still reads and edits a customer stored without its 段 before the check, until the address itself is changed', async () => {
    const id = created[1]?.id as string;
    await stack.container.db.collection('customers').doc(id).update({ address: { city: '新北市', district: '中和區', road: '中山路', number: '12', full: '新北市中和區中山路12號' } });
    expect((await call('GET', `/api/customers/${id}`, { as: 'office' })).body.address.full).toBe('新北市中和區中山路12號');
    expect((await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { notes: '後門' } })).status).toBe(200);
    const refused = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: { address: { city: '新北市', district: '中和區', road: '中山路', number: '14' } } });
    expect(refused.body.error).toMatchObject({ code: 'ADDRESS.SECTION_REQUIRED', details: { sections: [2, 3] } });
  });

  it('finds a phone by its first digits as a caller dictates them; a customer stored before gets them at its next write or from the re-index', async () => {
    expect(names(await call('GET', `/api/customers?q=${encodeURIComponent('0912-345')}`, { as: 'office' }))).toEqual(['陳大明']);
    // Stored under the earlier rule: the phone's suffixes only.
    const oldRule = async (c: Json | undefined, digits: string) => {
      const ref = stack.container.db.collection('customers').doc(c?.id as string);
      const tokens = ((await ref.get()).get('searchTokens') as string[]).filter((t) => !(digits.startsWith(t) && t !== digits && !digits.endsWith(t)));
      await ref.update({ searchTokens: tokens });
    };
    await oldRule(created[3], '0955666777');
    await oldRule(created[2], '0933222111');
    expect(names(await call('GET', '/api/customers?q=0955666', { as: 'office' }))).toEqual([]);
    expect(names(await call('GET', '/api/customers?q=0933222', { as: 'office' }))).toEqual([]);

    expect((await call('PATCH', `/api/customers/${created[3]?.id as string}`, { as: 'office', body: { notes: '樓下管理室' } })).status).toBe(200);
    expect(names(await call('GET', '/api/customers?q=0955666', { as: 'office' }))).toEqual(['王小美']);

    const all = (await stack.container.db.collection('customers').get()).size;
    expect((await call('POST', '/api/customers/search-tokens', { as: 'office', body: {} })).status).toBe(403);
    const reindexed = await call('POST', '/api/customers/search-tokens', { as: 'admin', body: {} });
    expect([reindexed.status, reindexed.body]).toEqual([200, { customers: all, written: 1 }]);
    expect(names(await call('GET', '/api/customers?q=0933-222', { as: 'office' }))).toEqual(['陳家小吃']);
    expect((await call('POST', '/api/customers/search-tokens', { as: 'admin', body: {} })).body).toEqual({ customers: all, written: 0 });
  });

  it('refuses in zh-TW a change made on what another clerk changed since, writing nothing; a retry of a change that went through is answered unwritten', async () => {
    const opened = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ name: '兩位店員麵店', phones: ['0911-222-333'] }) });
    const id = opened.body.id as string;
    const ref = stack.container.db.collection('customers').doc(id);
    expect(opened.body.version).toBe(1);
    const afternoon = { deliveryWindows: [{ start: '14:00', end: '16:00' }], version: 1 };
    const first = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: afternoon });
    expect([first.status, first.body.version]).toEqual([200, 2]);
    const saved = (await ref.get()).data();

    const second = await call('PATCH', `/api/customers/${id}`, { as: 'admin', lang: 'zh-TW', body: { deliveryWindows: [{ start: '08:00', end: '10:00' }], phones: ['0922-111-222'], version: 1 } });
    expect([second.status, second.body.error]).toEqual([
      409,
      { code: 'CUSTOMER.CHANGED', message: '這位客戶的資料在您開啟後已有人修改，請看過最新內容再儲存', details: { id, version: 2 } },
    ]);
    const retried = await call('PATCH', `/api/customers/${id}`, { as: 'office', body: afternoon });
    expect([retried.status, retried.body.version, retried.body.updatedAt]).toEqual([200, 2, saved?.['updatedAt']]);
    expect((await ref.get()).data()).toEqual(saved);

    const onTheLatest = await call('PATCH', `/api/customers/${id}`, { as: 'admin', lang: 'en', body: { phones: ['0922-111-222'], version: 2 } });
    expect([onTheLatest.status, onTheLatest.body.version, onTheLatest.body.deliveryWindows, onTheLatest.body.phones]).toEqual([200, 3, afternoon.deliveryWindows, ['0922-111-222']]);
    const stale = await call('PATCH', `/api/customers/${id}`, { as: 'office', lang: 'en', body: { notes: '後門', version: 2 } });
    expect([stale.status, stale.body.error.message]).toEqual([409, "Someone changed this customer's details after you opened them; look at them as they are now and save again"]);
    const off = await call('POST', `/api/customers/${id}/deactivate`, { as: 'office' });
    const on = await call('POST', `/api/customers/${id}/reactivate`, { as: 'office' });
    expect([off.body.version, on.body.version]).toEqual([4, 5]);
  });
});

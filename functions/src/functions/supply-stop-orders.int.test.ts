import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { SAFETY_ITEMS } from '../domain/safety';
import { aCustomer, anOrder, aPriceList } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json, type Who } from './test-support/api-client';
import { eventually } from './test-support/planning-day';

/**
 * 停止供氣 enforced on the emulators: once a service call closes as unsafe, no one books or confirms a cylinder for the
 * customer (422 ORDER.SUPPLY_STOPPED in the caller's language) until a safety inspection passes; taking the empties away
 * is still booked.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = addDays(today, 2);
const custA = aCustomer().withId('cust-a').withCode('C09101').with({ name: '停氣林家', closedDays: [] }).build();
const cylinders = { customerId: 'cust-a', items: [{ size: 20, quantity: 1 }], requestedDate: day };

beforeAll(async () => {
  stack = await startTestStack({ suite: 'supply-stop-orders', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'systemAlerts') });
  call = apiClient(stack.url, stack.container);
  await stack.container.db.collection('customers').doc(custA.id).set({ ...custA, version: 1 });
  await Promise.all(aPriceList().map((p) => stack.container.db.collection('priceList').doc(`p-${p.size}`).set(p)));
});
afterAll(() => stack.close());

const book = (as: Who, body: Json, lang?: string) => call('POST', '/api/orders', { as, body, ...(lang ? { lang } : {}) });

/** Closes a 報修 of cust-a as unsafe (the hose), as the office may: what writes the stop. */
async function stopSupply(): Promise<void> {
  const opened = await call('POST', '/api/service-calls', { as: 'office', body: { customerId: 'cust-a', kind: 'hose', description: '管子有裂痕', someoneHome: true } });
  expect(opened.status).toBe(201);
  expect((await call('POST', `/api/service-calls/${opened.body.id}/close`, { as: 'office', body: { outcome: 'unsafe', unsafeItems: ['hose'], note: '管線龜裂' } })).status).toBe(200);
}

describe('an order for a customer whose supply a service call stopped (停止供氣)', () => {
  let before: Json;
  let confirmed: Json;

  beforeAll(async () => {
    before = (await book('office', cylinders)).body;
    expect(before.status).toBe('pending');
    confirmed = (await book('office', { ...cylinders, requestedDate: addDays(today, 1) })).body;
    expect((await call('POST', `/api/orders/${confirmed.id}/confirm`, { as: 'office' })).body.status).toBe('confirmed');
    await stopSupply();
  });

  it('booked before the stop, is named to the office on the unsafe alert, earliest first, and not taken back by the system', async () => {
    const alert = await eventually(async () => {
      const snap = await stack.container.db.collection('alerts').where('kind', '==', 'system.service_call_unsafe').get();
      return snap.empty ? null : (snap.docs[0]!.data() as Json);
    });
    expect(alert.data.orders).toEqual([
      { id: confirmed.id, status: 'confirmed', requestedDate: addDays(today, 1) },
      { id: before.id, status: 'pending', requestedDate: day },
    ]);
    expect((await stack.container.db.collection('orders').doc(confirmed.id).get()).get('status')).toBe('confirmed');
  });

  it('is refused 422 ORDER.SUPPLY_STOPPED to the office and an admin, naming since when and what, writing nothing', async () => {
    const count = async () => (await stack.container.db.collection('orders').where('customerId', '==', 'cust-a').get()).size;
    const orders = await count();
    for (const as of ['office', 'admin'] as const) {
      const refused = await book(as, cylinders, 'zh-TW');
      expect([refused.status, refused.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
      expect(refused.body.error.message).toBe(`${Number(today.slice(5, 7))}/${Number(today.slice(8))} 報修檢查發現瓦斯設備不安全（橡皮管（老化、長度、管束／安全夾）），已停止供氣，安全檢查合格前不能送瓦斯；請先安排安全檢查（只回收空瓶仍可建立）`);
    }
    expect(await count()).toBe(orders);
  });

  it('is refused to the customer in the portal in their language, told the company will call', async () => {
    const refused = await book('customerA', { items: [{ size: 20, quantity: 1 }], requestedDate: day }, 'en');
    expect([refused.status, refused.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect(refused.body.error.message).toContain('found the gas installation unsafe (Hose (ageing, length, clips))');
    expect(refused.body.error.message).toContain('we will call you to arrange the inspection');
  });

  it('booked before the stop, is not confirmed by 確認 nor by 全部確認, and stays pending', async () => {
    const one = await call('POST', `/api/orders/${before.id}/confirm`, { as: 'office' });
    expect([one.status, one.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    const many = await call('POST', '/api/orders/confirm', { as: 'admin', body: { ids: [before.id] }, lang: 'en' });
    expect(many.body.results).toEqual([expect.objectContaining({ id: before.id, outcome: 'refused', code: 'ORDER.SUPPLY_STOPPED' })]);
    expect((await stack.container.db.collection('orders').doc(before.id).get()).get('status')).toBe('pending');
  });

  it('only to take the empties away is still booked by the office (the safe thing to do), and not made a sale by 修改訂單', async () => {
    const collect = await book('office', { customerId: 'cust-a', items: [], emptiesToCollect: [{ size: 20, quantity: 1 }], requestedDate: day });
    expect([collect.status, collect.body.items]).toEqual([201, []]);
    const sale = await call('PATCH', `/api/orders/${collect.body.id}`, { as: 'office', body: { items: [{ size: 20, quantity: 1 }] } });
    expect([sale.status, sale.body.error?.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect((await stack.container.db.collection('orders').doc(collect.body.id).get()).get('items')).toEqual([]);
  });

  it('failed before the stop, is not rescheduled (重新安排) by the office or an admin, with or without a new day, and stays failed', async () => {
    const failed = { ...anOrder().withId('ord-failed-before').forCustomer(custA).with({ items: [{ size: 20, quantity: 1 }], requestedDate: addDays(today, -1) }).inStatus('failed').build(), version: 1 };
    await stack.container.db.collection('orders').doc(failed.id).set(failed);
    const zh = await call('POST', `/api/orders/${failed.id}/reschedule`, { as: 'office', body: { note: '客戶來電改約' }, lang: 'zh-TW' });
    expect([zh.status, zh.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect(zh.body.error.message).toContain('已停止供氣，安全檢查合格前不能送瓦斯');
    const en = await call('POST', `/api/orders/${failed.id}/reschedule`, { as: 'admin', body: { requestedDate: day }, lang: 'en' });
    expect([en.status, en.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect(en.body.error.message).toContain('found the gas installation unsafe (Hose (ageing, length, clips))');
    expect((await stack.container.db.collection('orders').doc(failed.id).get()).data()).toMatchObject({ status: 'failed', version: 1, requestedDate: addDays(today, -1) });
  });

  it('is booked and confirmed again once a safety inspection passes', async () => {
    const items = SAFETY_ITEMS.map((item) => ({ item, result: 'ok' }));
    const technician = { name: '陳建宏', certificateNo: '北市消安字第 1090001 號' };
    expect((await call('POST', '/api/safety-inspections', { as: 'office', key: 'stop-recheck', body: { customerId: 'cust-a', inspectedOn: today, items, technician, confirmation: { kind: 'paper', name: '林美玲' } } })).status).toBe(201);
    expect((await book('office', cylinders)).status).toBe(201);
    expect((await call('POST', `/api/orders/${before.id}/confirm`, { as: 'office' })).body.status).toBe('confirmed');
    expect((await call('POST', '/api/orders/ord-failed-before/reschedule', { as: 'office', body: { requestedDate: day } })).body).toMatchObject({ status: 'pending', requestedDate: day });
  });
});

describe('an order for a customer whose supply an inspection stopped (安全檢查發現漏氣)', () => {
  const technician = { name: '陳建宏', certificateNo: '北市消安字第 1090001 號' };
  const checklist = (needsFix: readonly string[]) =>
    SAFETY_ITEMS.map((item) => (needsFix.includes(item) ? { item, result: 'needsFix', note: '調整器接頭漏氣' } : { item, result: 'ok' }));
  const inspect = (customerId: string, key: string, needsFix: readonly string[]) =>
    call('POST', '/api/safety-inspections', { as: 'office', key, body: { customerId, inspectedOn: today, items: checklist(needsFix), technician, confirmation: { kind: 'paper', name: '林美玲' } } });

  beforeAll(async () => {
    for (const [id, code] of [['cust-leak', 'C09102'], ['cust-vent', 'C09103']] as const) {
      const customer = aCustomer().withId(id).withCode(code).with({ closedDays: [] }).build();
      await stack.container.db.collection('customers').doc(id).set({ ...customer, version: 1 });
    }
    booked = (await book('office', { ...cylinders, customerId: 'cust-leak' })).body;
    expect(booked.status).toBe('pending');
  });
  let booked: Json;

  it('is refused 422 ORDER.SUPPLY_STOPPED once an inspection records a failed leak test, saying the inspection found it, in the caller\'s language', async () => {
    expect((await inspect('cust-leak', 'leak-found', ['leakTest'])).status).toBe(201);
    const stop = (await stack.container.db.collection('customers').doc('cust-leak').get()).get('supplyStop');
    expect(stop).toEqual({ inspectionId: expect.any(String), since: today, items: ['leakTest'] });
    const body = { ...cylinders, customerId: 'cust-leak' };
    const zh = await book('office', body, 'zh-TW');
    expect([zh.status, zh.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect(zh.body.error.message).toBe(`${Number(today.slice(5, 7))}/${Number(today.slice(8))} 安全檢查發現瓦斯設備不安全（漏氣測試（肥皂水或檢知器）），已停止供氣，安全檢查合格前不能送瓦斯；請先安排安全檢查（只回收空瓶仍可建立）`);
    const en = await book('admin', body, 'en');
    expect([en.status, en.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect(en.body.error.message).toContain('A safety inspection on');
  });

  it('booked before the leak was found, is named to the office on the inspection\'s alert and not taken back by the system', async () => {
    const alert = await eventually(async () => {
      const snap = await stack.container.db.collection('alerts').where('kind', '==', 'system.inspection_supply_stopped').get();
      return snap.empty ? null : (snap.docs[0]!.data() as Json);
    });
    expect(alert.data).toMatchObject({ customerId: 'cust-leak', items: ['leakTest'], orders: [{ id: booked.id, status: 'pending', requestedDate: day }] });
    expect((await stack.container.db.collection('orders').doc(booked.id).get()).get('status')).toBe('pending');
  });

  it('is booked again once a re-check passes', async () => {
    expect((await inspect('cust-leak', 'leak-recheck', [])).status).toBe(201);
    expect((await stack.container.db.collection('customers').doc('cust-leak').get()).get('supplyStop')).toBeUndefined();
    expect((await book('office', { ...cylinders, customerId: 'cust-leak' })).status).toBe(201);
  });

  it('is refused once the inspector stops the supply by hand for an item the checklist does not stop on (a hose), with their reason, and the office is alerted', async () => {
    const customer = aCustomer().withId('cust-hose').withCode('C09104').with({ closedDays: [] }).build();
    await stack.container.db.collection('customers').doc(customer.id).set({ ...customer, version: 1 });
    const body = (supplyStop: Json, needsFix: readonly string[] = ['hose']) => ({
      customerId: customer.id,
      inspectedOn: today,
      items: checklist(needsFix),
      technician,
      confirmation: { kind: 'paper', name: '王太太' },
      supplyStop,
    });
    const noReason = await call('POST', '/api/safety-inspections', { as: 'office', key: 'hose-no-reason', body: body({ reason: ' ' }), lang: 'en' });
    expect([noReason.status, noReason.body.error.fields]).toEqual([400, [{ path: 'body.supplyStop.reason', message: 'Say why the supply is stopped' }]]);
    const nothingOpen = await call('POST', '/api/safety-inspections', { as: 'office', key: 'hose-all-ok', body: body({ reason: '管線老舊' }, []) });
    expect([nothingOpen.status, nothingOpen.body.error.code]).toEqual([400, 'SAFETY.STOP_ITEMS_REQUIRED']);
    expect((await stack.container.db.collection('customers').doc(customer.id).get()).get('supplyStop')).toBeUndefined();

    const stopped = await call('POST', '/api/safety-inspections', { as: 'office', key: 'hose-stop', body: body({ reason: '橡皮管龜裂嚴重' }) });
    expect([stopped.status, stopped.body.inspection.supplyStopReason]).toEqual([201, '橡皮管龜裂嚴重']);
    const stop = (await stack.container.db.collection('customers').doc(customer.id).get()).get('supplyStop');
    expect(stop).toEqual({ inspectionId: stopped.body.inspection.id, since: today, items: ['hose'], reason: '橡皮管龜裂嚴重' });
    const refused = await book('office', { ...cylinders, customerId: customer.id });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    const alert = await eventually(async () => {
      const snap = await stack.container.db.collection('alerts').where('kind', '==', 'system.inspection_supply_stopped').where('data.customerId', '==', customer.id).get();
      return snap.empty ? null : (snap.docs[0]!.data() as Json);
    });
    expect(alert.data).toMatchObject({ inspectionId: stopped.body.inspection.id, items: ['hose'] });
  });

  it('is still booked when what the inspection left open lets no gas escape (ventilation): the re-check is due, the supply goes on', async () => {
    expect((await inspect('cust-vent', 'vent-found', ['ventilation'])).status).toBe(201);
    expect((await stack.container.db.collection('customers').doc('cust-vent').get()).get('supplyStop')).toBeUndefined();
    expect((await book('office', { ...cylinders, customerId: 'cust-vent' })).status).toBe(201);
  });
});

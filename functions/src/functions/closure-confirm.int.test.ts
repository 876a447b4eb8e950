import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const md = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
/** 烏來區、坪林區 called off for a day; 中和 works. */
const typhoon = { name: '颱風假', from: day(3), to: day(3), districts: ['烏來區', '坪林區'] };

const inDistrict = (id: string, name: string, district: string) =>
  aCustomer()
    .withId(id)
    .with({ name, closedDays: [], address: { city: '新北市', district, road: '環山路', number: '12' } })
    .build();
const wulai = inDistrict('cust-wulai', '烏來山莊', '烏來區');
const zhonghe = inDistrict('cust-zhonghe', '中和麵店', '中和區');
const emergency = { reason: '客戶沒瓦斯', by: { uid: 'u-office', role: 'office' }, at: new Date().toISOString(), closure: typhoon.name } as const;

const pendingOrders = {
  'ord-held': anOrder().withId('ord-held').forCustomer(wulai).with({ requestedDate: day(3) }).inStatus('pending').build(),
  'ord-held-2': anOrder().withId('ord-held-2').forCustomer(wulai).with({ requestedDate: day(3) }).inStatus('pending').build(),
  'ord-elsewhere': anOrder().withId('ord-elsewhere').forCustomer(zhonghe).with({ requestedDate: day(3) }).inStatus('pending').build(),
  // Built without the closure, which a builder's order knows nothing of: the 緊急配送 record is the office's, as stored.
  'ord-emergency': { ...anOrder().withId('ord-emergency').forCustomer(wulai).with({ requestedDate: day(3) }).inStatus('pending').build(), closureOverride: emergency },
};
const orderDoc = async (id: string): Promise<Json> => (await stack.container.db.collection('orders').doc(id).get()).data() as Json;
const eventsOf = async (id: string): Promise<number> => (await stack.container.db.collection('outbox').where('event.subject', '==', `orders/${id}`).get()).size;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'closure-confirm' });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [wulai, zhonghe]) await db.collection('customers').doc(c.id).set(c);
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  for (const [id, order] of Object.entries(pendingOrders)) await db.collection('orders').doc(id).set({ ...order, version: 1 });
  expect((await call('POST', '/api/closures', { as: 'admin', key: 'typhoon', body: typhoon })).status).toBe(201);
});
afterAll(() => stack.close());

describe('confirming an order on a day a closure holds where it is delivered', () => {
  it.each(['office', 'admin'] as const)('is refused to %s without 緊急配送 (422 ORDER.BUSINESS_CLOSED naming the districts and 緊急配送), nothing written', async (who) => {
    const res = await call('POST', '/api/orders/ord-held/confirm', { as: who });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'ORDER.BUSINESS_CLOSED', details: { districts: typhoon.districts, reopens: day(4), audience: 'staff' } });
    expect(res.body.error.message).toBe(`颱風假（烏來區、坪林區）（${md(day(3))}）不配送，${md(day(4))} 起恢復配送，請選擇其他日期；如須當天送達，請勾選「仍要緊急配送」並說明原因`);
    expect(await orderDoc('ord-held')).toMatchObject({ status: 'pending', version: 1 });
    expect(await eventsOf('ord-held')).toBe(0);
  });

  it('is refused in the caller’s language', async () => {
    const res = await call('POST', '/api/orders/ord-held/confirm', { as: 'office', lang: 'en' });
    expect(res.body.error.message).toMatch(/^We are closed .* \(颱風假 in 烏來區, 坪林區\) and deliver again from .*tick “Deliver anyway \(emergency delivery\)”/);
  });

  it('is not for a driver or a customer at all (403)', async () => {
    for (const who of ['driver1', 'customerA'] as const) expect((await call('POST', '/api/orders/ord-held/confirm', { as: who })).status).toBe(403);
    expect(await orderDoc('ord-held')).toMatchObject({ status: 'pending', version: 1 });
  });

  it('confirms the day’s order delivered where the closure does not hold, and a 緊急配送 one where it does', async () => {
    for (const id of ['ord-elsewhere', 'ord-emergency']) {
      const res = await call('POST', `/api/orders/${id}/confirm`, { as: 'office' });
      expect([res.status, res.body.status]).toEqual([200, 'confirmed']);
    }
  });

  it('is refused in 全部確認 too, order by order: the held one answered ORDER.BUSINESS_CLOSED and left pending, the others confirmed', async () => {
    await stack.container.db.collection('orders').doc('ord-elsewhere').set({ ...pendingOrders['ord-elsewhere'], version: 1 });
    const res = await call('POST', '/api/orders/confirm', { as: 'office', key: 'confirm-all', body: { ids: ['ord-held-2', 'ord-elsewhere'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmed: 1, refused: 1 });
    expect(res.body.results).toEqual(
      expect.arrayContaining([
        { id: 'ord-elsewhere', outcome: 'confirmed' },
        expect.objectContaining({ id: 'ord-held-2', outcome: 'refused', code: 'ORDER.BUSINESS_CLOSED', message: expect.stringMatching(/^颱風假（烏來區、坪林區）/) }),
      ]),
    );
    expect(await orderDoc('ord-held-2')).toMatchObject({ status: 'pending', version: 1 });
  });
});

import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { Order, OrderStatus } from '../domain/orders';
import { aCustomer, anOrder } from '../domain/test-support';
import { aRegisteredCylinder } from '../domain/test-support/cylinder-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json, type Who } from './test-support/api-client';
import { outboxEventsOf } from './test-support/push-event';

/**
 * 過戶 on the emulators: 新月小吃店 (月結, 統一編號, a 合約價 for 20 kg, three 20 kg cylinders on site with NT$3,600 held, one of
 * them on the register) sold to a new owner today. One request makes the buyer at the same place with the cylinders and the
 * deposit (or leaves the deposit to refund), moves the open orders from the handover day priced for the buyer, and closes
 * the seller as 過戶; anything that would leave it half-way is refused, naming why, with nothing written.
 */
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const md = (date: string): string => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

const seller: Customer = aCustomer()
  .withId('cust-moon')
  .withCode('C00010')
  .with({
    name: '新月小吃店',
    phones: ['02-2999-1111'],
    paymentTerms: 'monthly',
    invoice: { taxId: '40139466', companyTitle: '新月小吃店' },
    cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }],
    floorsWithoutElevator: 2,
    notes: '後門卸貨',
  })
  .build();
const sellerRecord: Customer = {
  ...seller,
  contractPrices: [{ size: 20, kind: 'fixed', amount: 700, effectiveFrom: day(-90) }],
  safety: { inspectionId: 'si-moon', lastInspectedOn: day(-30), result: 'pass', nextDueOn: addDays(day(-30), 730), openItems: [] },
};

const buyerInput = (over: Record<string, unknown> = {}) => ({
  handoverOn: today,
  name: '滿月麵食館',
  contactName: '陳老闆',
  phones: ['0933-222-111'],
  invoice: { taxId: '22099131', companyTitle: '滿月餐飲有限公司' },
  paymentTerms: 'cash',
  deposit: 'move',
  ...over,
});

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customers-transfer', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());
beforeEach(async () => {
  await stack.clear();
  const db = stack.container.db;
  await db.collection('customers').doc(seller.id).set(sellerRecord);
  await db.collection('counters').doc('customers').set({ next: 128 });
  await db.collection('priceList').doc('price-20').set({ id: 'price-20', size: 20, unitPrice: 900, effectiveFrom: day(-120), createdAt: new Date().toISOString(), createdBy: 'seed' });
  await db.collection('cylinders').doc('TW20-000001').set(aRegisteredCylinder('TW20-000001', { location: { kind: 'customer', customerId: seller.id }, locationKey: `customer:${seller.id}` }));
});

const db = () => stack.container.db;
const stored = async (collection: string, id: string): Promise<Json | undefined> => (await db().collection(collection).doc(id).get()).data() as Json | undefined;

async function seedOrder(id: string, status: OrderStatus, requestedDate: string): Promise<void> {
  const base = anOrder().withId(id).forCustomer(seller).inStatus(status).build();
  const items = [{ size: 20 as const, quantity: 2, unitPrice: 700, subtotal: 1400 }];
  const order: Order = { ...base, items, total: 1400, paymentMethod: 'monthly', requestedDate };
  await db().collection('orders').doc(id).set({ ...order, version: 1 });
}

const transfer = (body: unknown, as: Who = 'office', opts: { key?: string; lang?: string } = {}) => call('POST', `/api/customers/${seller.id}/transfer`, { as, body, ...opts });

/** Everything a refused transfer must have left as it was. */
async function untouched(): Promise<void> {
  expect(await stored('customers', seller.id)).toEqual(sellerRecord);
  expect((await db().collection('customers').get()).size).toBe(1);
  expect(await stored('cylinders', 'TW20-000001')).toMatchObject({ location: { kind: 'customer', customerId: seller.id } });
  expect((await db().collection(`customers/${seller.id}/deposits`).get()).size).toBe(0);
}

describe('過戶: a customer’s shop passes to a new owner', () => {
  it('makes the buyer at the same place with the cylinders and the deposit, moves the open orders from the handover day priced for the buyer, and closes the seller as 過戶, audited', async () => {
    await seedOrder('ord-tomorrow', 'pending', day(1));
    await seedOrder('ord-next-week', 'confirmed', day(7));
    await seedOrder('ord-last-week', 'delivered', day(-7));

    const res = await transfer(buyerInput(), 'office', { key: 'xfer-moon-1' });
    expect(res.status).toBe(201);
    const buyer = res.body.buyer as Json;
    expect(buyer).toMatchObject({
      code: 'C00128',
      name: '滿月麵食館',
      contactName: '陳老闆',
      phones: ['0933-222-111'],
      address: seller.address,
      location: seller.location,
      floorsWithoutElevator: 2,
      notes: '後門卸貨',
      type: 'restaurant',
      paymentTerms: 'cash',
      invoice: { taxId: '22099131', companyTitle: '滿月餐飲有限公司' },
      cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }],
      safety: sellerRecord.safety,
      status: 'active',
      autoDelivery: false,
      transferredFrom: { customerId: seller.id, customerCode: 'C00010', on: today },
    });
    // 合約價 was agreed with the seller.
    expect(buyer['contractPrices']).toBeUndefined();
    expect(res.body.seller).toMatchObject({
      status: 'inactive',
      cylindersOnSite: [],
      invoice: { taxId: '40139466' },
      transferredTo: { customerId: buyer['id'], customerCode: 'C00128', on: today },
    });
    expect(res.body.movedOrderIds.sort()).toEqual(['ord-next-week', 'ord-tomorrow']);
    expect(res.body.cylinderSerials).toEqual(['TW20-000001']);
    expect(await stored('counters', 'customers')).toEqual({ next: 129 });

    for (const id of ['ord-tomorrow', 'ord-next-week']) {
      expect(await stored('orders', id)).toMatchObject({ customerId: buyer['id'], customerName: '滿月麵食館', phone: '0933-222-111', paymentMethod: 'cash', items: [{ size: 20, quantity: 2, unitPrice: 900, subtotal: 1800 }], total: 1800, version: 2 });
      expect(await outboxEventsOf(db(), `orders/${id}`)).toEqual([['order.updated', ['customerId', 'customerName', 'phone', 'customerType', 'paymentMethod', 'items', 'total'], 'u-office']]);
    }
    // The seller's delivery stays theirs, for their month's invoice.
    expect(await stored('orders', 'ord-last-week')).toMatchObject({ customerId: seller.id, paymentMethod: 'monthly', version: 1 });

    const records = async (id: string) => (await db().collection(`customers/${id}/deposits`).get()).docs.map((d) => d.data());
    expect(await records(seller.id)).toEqual([expect.objectContaining({ kind: 'refund', size: 20, count: 3, amount: 3600, method: 'transfer', receivedOn: today, note: `過戶給 C00128 滿月麵食館（${today.replaceAll('-', '/')}）` })]);
    expect(await records(buyer['id'] as string)).toEqual([expect.objectContaining({ kind: 'collect', size: 20, count: 3, amount: 3600, receivedOn: today, note: `過戶自 C00010 新月小吃店（${today.replaceAll('-', '/')}）` })]);
    expect(await stored('cylinders', 'TW20-000001')).toMatchObject({ location: { kind: 'customer', customerId: buyer['id'] }, locationKey: `customer:${buyer['id']}` });
    const cylinderEvents = (await db().collection('cylinders/TW20-000001/events').get()).docs.map((d) => d.data());
    expect(cylinderEvents).toEqual([expect.objectContaining({ type: 'transferred', from: { kind: 'customer', customerId: seller.id }, to: { kind: 'customer', customerId: buyer['id'] } })]);

    // The buyer orders as any customer; the seller no more.
    expect((await call('GET', `/api/customers/${buyer['id']}`, { as: 'office' })).body.transferredFrom.customerCode).toBe('C00010');
    const audit = (await db().collection('auditLog').where('route', '==', '/:id/transfer').get()).docs.map((d) => d.data());
    expect(audit.map((e) => [e['actor'].uid, e['entityId'], e['status']])).toEqual([['u-office', seller.id, 201]]);
    expect(audit[0]?.['entityIds']).toEqual(expect.arrayContaining([buyer['id'], 'ord-tomorrow', 'ord-next-week']));

    // A retry under the same key answers the first transfer; nothing is made twice.
    const again = await transfer(buyerInput(), 'office', { key: 'xfer-moon-1' });
    expect([again.status, again.body.buyer.id]).toEqual([201, buyer['id']]);
    expect((await db().collection('customers').get()).size).toBe(2);
    // Another key finds the seller gone.
    const twice = await transfer(buyerInput(), 'admin', { key: 'xfer-moon-2' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CUSTOMER.ALREADY_INACTIVE']);
    // Nor does the seller come back beside the new owner.
    const back = await call('POST', `/api/customers/${seller.id}/reactivate`, { as: 'office' });
    expect([back.status, back.body.error.message]).toEqual([409, '此客戶已過戶給 C00128，不能重新啟用：店面、鋼瓶與訂單都在新客戶 C00128']);
  });

  describe('the seller’s 定期配送 rules', () => {
    const rule = {
      id: 'rr-moon',
      customerId: seller.id,
      recurrence: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] },
      startDate: today,
      items: [{ size: 20, quantity: 1 }],
      priority: 'normal',
      notes: '',
      active: true,
      schemaVersion: 2,
    };
    beforeEach(async () => {
      await db().collection('recurringRules').doc(rule.id).set(rule);
      await db().collection('customers').doc(seller.id).update({ autoDelivery: true });
    });

    it('end with the seller, who cannot come back, so the recurring job neither makes nor reports them, and the buyer starts without 自動配送', async () => {
      const res = await transfer(buyerInput());
      expect([res.status, res.body.recurringRules, res.body.buyer.autoDelivery]).toEqual([201, { moved: [], ended: ['rr-moon'] }, false]);
      expect(await stored('recurringRules', rule.id)).toEqual({ ...rule, active: false });
      const job = await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 2 } });
      expect(job.body).toMatchObject({ considered: 0, created: 0, inactiveCustomerRules: [] });
    });

    it('with moveRecurring are the buyer’s, as is 自動配送, and the job makes the buyer’s orders from them', async () => {
      const res = await transfer(buyerInput({ moveRecurring: true }));
      const buyerId = res.body.buyer.id as string;
      expect([res.status, res.body.recurringRules, res.body.buyer.autoDelivery]).toEqual([201, { moved: ['rr-moon'], ended: [] }, true]);
      expect(await stored('recurringRules', rule.id)).toEqual({ ...rule, customerId: buyerId });
      expect((await call('POST', '/api/jobs/materialize-recurring', { as: 'admin', body: { days: 1 } })).body).toMatchObject({ created: 1 });
      expect(await stored('orders', `rec-rr-moon-${day(1)}`)).toMatchObject({ customerId: buyerId, customerName: '滿月麵食館', source: 'recurring' });
    });
  });

  it('with the deposit refunded to the seller, leaves it on the seller’s record (停用待結清) to pay back now that the cylinders are the buyer’s, and the buyer holds none', async () => {
    const res = await transfer(buyerInput({ deposit: 'refund' }));
    expect(res.status).toBe(201);
    expect(res.body.buyer.cylindersOnSite).toEqual([{ size: 20, count: 3, depositPaid: 0 }]);
    expect(res.body.seller.cylindersOnSite).toEqual([{ size: 20, count: 0, depositPaid: 3600 }]);
    expect((await db().collection(`customers/${seller.id}/deposits`).get()).size).toBe(0);

    const leftOpen = await call('GET', '/api/customers/left-open', { as: 'office' });
    expect(leftOpen.body.items).toEqual([expect.objectContaining({ customerId: seller.id, cylinders: [], deposit: 3600 })]);
    const refund = await call('POST', `/api/customers/${seller.id}/deposits`, { as: 'office', body: { kind: 'refund', size: 20, count: 3, amount: 3600, method: 'cash', receivedOn: today } });
    expect(refund.status).toBe(201);
  });

  it('refuses, in the caller’s language and writing nothing, an order of the seller on a truck, one open before the handover day, or a delivery on or after it', async () => {
    await seedOrder('ord-on-truck', 'scheduled', today);
    const truck = await transfer(buyerInput());
    expect([truck.status, truck.body.error.code]).toEqual([409, 'CUSTOMER.TRANSFER_ORDERS_ON_A_TRUCK']);
    expect(truck.body.error.message).toBe(`賣方有 1 筆訂單已排入已發布的路線或正在配送：${md(today)} 已排程（ord-on-truck）。請先送達，或在路線上移出（重新確認）後再過戶`);
    await untouched();
    await db().collection('orders').doc('ord-on-truck').delete();

    await seedOrder('ord-before', 'confirmed', day(-2));
    const before = await transfer(buyerInput({ handoverOn: day(-1) }), 'admin', { lang: 'en' });
    expect([before.status, before.body.error.code]).toEqual([409, 'CUSTOMER.TRANSFER_OPEN_BEFORE']);
    expect(before.body.error.message).toBe(`The seller has 1 open order before the handover day (${day(-1).replaceAll('-', '/')}): ord-before (Confirmed, ${md(day(-2))}). Deliver or cancel it, or choose another handover day`);
    await untouched();
    await db().collection('orders').doc('ord-before').delete();

    await seedOrder('ord-delivered', 'delivered', day(-1));
    const delivered = await transfer(buyerInput({ handoverOn: day(-2) }));
    expect([delivered.status, delivered.body.error.code]).toEqual([409, 'CUSTOMER.TRANSFER_DELIVERED_AFTER']);
    expect(delivered.body.error.details).toMatchObject({ count: 1, orders: [{ id: 'ord-delivered' }] });
    await untouched();
  });

  it('refuses a head office (分店／總公司付款) naming its branches, and a seller with a service call (報修) not closed naming it, writing nothing', async () => {
    const branch = { ...aCustomer().withId('cust-moon-2').withCode('C00011').with({ name: '新月小吃 二店' }).build(), payerId: seller.id };
    await db().collection('customers').doc(branch.id).set(branch);
    const chain = await transfer(buyerInput());
    expect([chain.status, chain.body.error.code, chain.body.error.details.branches]).toEqual([409, 'CUSTOMER.TRANSFER_HAS_BRANCHES', ['C00011 新月小吃 二店']]);
    expect(chain.body.error.message).toBe('此客戶是總公司，正為 1 間分店付款（C00011 新月小吃 二店）：新負責人沒有同意為分店付款。請先將分店改由其他客戶付款或取消連結，再過戶');
    expect(await stored('customers', seller.id)).toEqual(sellerRecord);
    await db().collection('customers').doc(branch.id).delete();

    const leak = await call('POST', '/api/service-calls', { as: 'office', body: { customerId: seller.id, kind: 'gas_smell', description: '後門有瓦斯味', someoneHome: true } });
    expect(leak.status).toBe(201);
    const reported = await stored('customers', seller.id);
    const open = await transfer(buyerInput(), 'office', { lang: 'en' });
    expect([open.status, open.body.error.code, open.body.error.details.calls]).toEqual([409, 'CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS', [expect.objectContaining({ id: leak.body.id, kind: 'gas_smell' })]]);
    expect(open.body.error.message).toBe('The seller still has 1 service call not closed: gas smell. See to it and close it before the transfer');
    expect(await stored('customers', seller.id)).toEqual(reported);
    expect((await db().collection('customers').get()).size).toBe(1);
  });

  it('passes a head office whose branches have all closed, the closed branch left naming the seller (its deliveries before were the seller’s to pay)', async () => {
    const closed: Customer = { ...aCustomer().withId('cust-moon-2').withCode('C00011').with({ name: '新月小吃 二店' }).build(), status: 'inactive', payerId: seller.id };
    await db().collection('customers').doc(closed.id).set(closed);
    const res = await transfer(buyerInput());
    expect(res.status).toBe(201);
    expect(res.body.seller.status).toBe('inactive');
    expect(res.body.buyer.payerId).toBeUndefined();
    expect(await stored('customers', closed.id)).toEqual(closed);
  });

  it('of a branch leaves the seller linked to its head office, whose deliveries before the day are the chain’s, and the buyer paying for itself', async () => {
    const hq = aCustomer().withId('cust-hq').withCode('C00001').with({ name: '月光餐飲總公司', paymentTerms: 'monthly' }).build();
    await db().collection('customers').doc(hq.id).set(hq);
    await db().collection('customers').doc(seller.id).update({ payerId: hq.id });
    const res = await transfer(buyerInput());
    expect(res.status).toBe(201);
    expect(res.body.seller.payerId).toBe(hq.id);
    expect(res.body.buyer.payerId).toBeUndefined();
    expect((await stored('customers', res.body.buyer.id as string))?.['payerId']).toBeUndefined();
  });

  it('refuses a handover after today, more than a week ago or in the closed books (422 at handoverOn), writing nothing', async () => {
    const future = await transfer(buyerInput({ handoverOn: day(1) }));
    expect([future.status, future.body.error.code, future.body.error.fields?.[0]?.path]).toEqual([422, 'CUSTOMER.TRANSFER_FUTURE', 'body.handoverOn']);
    expect(future.body.error.message).toBe(`過戶日不能晚於今天（${today.replaceAll('-', '/')}）：賣方會立即停用，請在交接當天或之後辦理`);
    const early = await transfer(buyerInput({ handoverOn: day(-8) }), 'office', { lang: 'en' });
    expect([early.status, early.body.error.code]).toEqual([422, 'CUSTOMER.TRANSFER_TOO_EARLY']);
    expect(early.body.error.message).toBe(`The handover day can be at most 7 days ago (${day(-7).replaceAll('-', '/')}); for an earlier one, settle the seller’s account with the accountant first`);
    await db().collection('settings').doc('books').set({ closedThrough: day(-3) });
    const closed = await transfer(buyerInput({ handoverOn: day(-4) }));
    expect([closed.status, closed.body.error.code]).toEqual([422, 'DEPOSIT.BOOKS_CLOSED']);
    await untouched();
  });

  it('is for the office and the admin only: a driver or a customer is refused, and a bad body is a 400 naming the field', async () => {
    for (const who of ['driver1', 'customerA'] as const) expect({ who, status: (await transfer(buyerInput(), who)).status }).toEqual({ who, status: 403 });
    const bad = await transfer(buyerInput({ invoice: { taxId: '12345678' }, deposit: 'keep' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: Json) => f['path']).sort()).toEqual(['body.deposit', 'body.invoice.taxId']);
    await untouched();
  });
});

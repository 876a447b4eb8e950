import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { monthlyInvoiceId } from '../domain/invoicing';
import { aCustomer, anOrder } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customers-buyer-change', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());
beforeEach(() => stack.clear());

const db = () => stack.container.db;
const now = new Date();
const today = taipeiDate(now);

/** 新月小吃店 on monthly terms, sold to a new owner (過戶) after a delivery on account this month. */
const restaurant = aCustomer().withId('cust-sold').with({ name: '新月小吃店', paymentTerms: 'monthly', invoice: { taxId: '40139466', companyTitle: '新月小吃店' } }).build();
const NEW_OWNER = { invoice: { taxId: '24536806', companyTitle: '好味道餐飲有限公司' }, contactName: '林老闆' };

async function seed(customer: Customer): Promise<void> {
  const built = anOrder().withId('ord-seller').forCustomer(customer).with({ items: [{ size: 20, quantity: 3 }], paymentMethod: 'monthly' }).inStatus('delivered').build();
  const delivery = { at: now.toISOString(), delivered: [{ size: 20, quantity: 3 }], emptiesCollected: [], cashCollected: 0 };
  await db().collection('customers').doc(customer.id).set(customer);
  await db().collection('orders').doc(built.id).set({ ...built, requestedDate: today, delivery, version: 1 });
}

const stored = async (): Promise<Json> => (await db().collection('customers').doc(restaurant.id).get()).data() as Json;

describe('a new buyer on the invoices of a monthly customer (過戶)', () => {
  it('is refused while a delivery on account waits for the month’s invoice, saying what to do in zh-TW and en, and changes nothing', async () => {
    await seed(restaurant);
    const zh = await call('PATCH', `/api/customers/${restaurant.id}`, { as: 'office', body: { ...NEW_OWNER, version: 1 } });
    expect(zh.status).toBe(409);
    const [, m, d] = today.split('-').map(Number);
    expect(zh.body.error).toMatchObject({
      code: 'CUSTOMER.BUYER_CHANGE_UNINVOICED',
      message: `此客戶自 ${m}/${d} 起有 1 筆月結送貨尚未開立發票，改了抬頭或統一編號，這些送貨的月結發票就會開給新的買受人。若是過戶給新負責人，請改用客戶資料的「過戶」；若是更正錯誤的統一編號，請確認後儲存`,
      details: { count: 1, from: today, to: today },
    });
    const en = await call('PATCH', `/api/customers/${restaurant.id}`, { as: 'office', lang: 'en', body: NEW_OWNER });
    expect(en.body.error.message).toMatch(/^This customer has 1 delivery on account since \d+\/\d+ not yet invoiced/);
    expect(await stored()).toMatchObject({ invoice: restaurant.invoice, version: 1 });
    // Another change of the same customer goes through as before.
    expect((await call('PATCH', `/api/customers/${restaurant.id}`, { as: 'office', body: { notes: '後門卸貨' } })).status).toBe(200);
  });

  it('goes through when the office confirms it (a wrong 統一編號 corrected), or once the month is invoiced', async () => {
    await seed(restaurant);
    const confirmed = await call('PATCH', `/api/customers/${restaurant.id}`, { as: 'office', body: { invoice: { taxId: '22099131', companyTitle: '新月小吃店' }, confirmBuyerChange: true } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ invoice: { taxId: '22099131' } });
    expect(confirmed.body).not.toHaveProperty('confirmBuyerChange');

    await db().collection('invoices').doc(monthlyInvoiceId(restaurant.id, today.slice(0, 7))).set({ id: monthlyInvoiceId(restaurant.id, today.slice(0, 7)) });
    expect((await call('PATCH', `/api/customers/${restaurant.id}`, { as: 'office', body: NEW_OWNER })).status).toBe(200);
    expect(await stored()).toMatchObject({ invoice: NEW_OWNER.invoice });
  });
});

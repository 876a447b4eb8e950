import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { Order, PaymentMethod } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

/**
 * 分店／總公司付款 on the emulators: the office links a branch to the head office that pays for it, refused in the
 * caller's language where the link cannot hold, and each side of the chain reads it.
 */
const now = new Date();
const headOffice = aCustomer().withId('cust-a').withCode('C00001').with({ name: '鼎泰餐飲總公司', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '鼎泰餐飲股份有限公司' } }).build();
const branch = aCustomer().withId('cust-b').withCode('C00002').with({ name: '鼎泰板橋店', paymentTerms: 'monthly' }).build();
const cashShop = aCustomer().withId('cust-cash').withCode('C00003').with({ name: '王家小吃' }).build();
const owing = aCustomer().withId('cust-owing').withCode('C00004').with({ name: '鼎泰中和店', paymentTerms: 'monthly' }).build();
const waiting = aCustomer().withId('cust-waiting').withCode('C00005').with({ name: '鼎泰永和店', paymentTerms: 'monthly' }).build();

function delivered(id: string, customer: Customer, paymentMethod: PaymentMethod, cashCollected: number): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod }).inStatus('delivered').build();
  return { ...order, requestedDate: taipeiDate(now), delivery: { at: now.toISOString(), delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected } };
}

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'chain-customers', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [headOffice, branch, cashShop, owing, waiting]) await db.collection('customers').doc(c.id).set(c);
  // 中和 was left short at the door; 永和 paid at the door for a delivery on account, still waiting for its month's invoice.
  const owed = delivered('ord-owing', owing, 'cash', 0);
  const onAccount = delivered('ord-waiting', waiting, 'monthly', 0);
  for (const o of [owed, { ...onAccount, delivery: { ...onAccount.delivery, cashCollected: onAccount.total } } as Order]) {
    await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  }
});
afterAll(() => stack.close());

const stored = async (id: string) => (await stack.container.db.collection('customers').doc(id).get()).data() as Customer;
const link = (id: string, payerId: string | null, as: 'admin' | 'office' | 'driver1' | 'customerA' = 'office', lang?: string) =>
  call('PUT', `/api/customers/${id}/payer`, { as, body: { payerId }, ...(lang ? { lang } : {}) });

describe('linking a branch to the head office that pays for it', () => {
  it('is office and admin work: a driver and a customer are refused and nothing is written', async () => {
    for (const who of ['driver1', 'customerA'] as const) {
      const res = await link('cust-b', 'cust-a', who);
      expect(res.status).toBe(403);
    }
    expect((await stored('cust-b')).payerId).toBeUndefined();
  });

  it('refuses the customer itself, one not on monthly terms and an unknown one, in the caller’s language', async () => {
    const self = await link('cust-b', 'cust-b');
    expect(self.status).toBe(422);
    expect(self.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_SELF', message: '付款客戶不能是這位客戶自己' });
    const cash = await link('cust-b', 'cust-cash', 'office', 'en');
    expect(cash.status).toBe(422);
    expect(cash.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_NOT_MONTHLY', message: 'C00003 王家小吃 is not on monthly terms; a head office pays monthly, so change its terms to monthly first' });
    expect((await link('cust-b', 'cust-none')).body.error.code).toBe('CUSTOMER.PAYER_NOT_FOUND');
  });

  it('refuses a branch whose account is open: money owed, or deliveries on account still waiting for their invoice', async () => {
    const owed = await link('cust-owing', 'cust-a');
    expect(owed.status).toBe(409);
    expect(owed.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_BALANCE_OPEN', details: { balance: 1700 } });
    const uninvoiced = await link('cust-waiting', 'cust-a');
    expect(uninvoiced.status).toBe(409);
    expect(uninvoiced.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_UNINVOICED', details: { count: 1, from: taipeiDate(now) } });
    expect((await stored('cust-owing')).payerId).toBeUndefined();
    expect((await stored('cust-waiting')).payerId).toBeUndefined();
  });

  it('links a clear branch, which each side of the chain then reads: the head office its branches, the branch its head office', async () => {
    const res = await link('cust-b', 'cust-a', 'admin');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ payer: { id: 'cust-a', code: 'C00001', name: '鼎泰餐飲總公司' }, branches: [] });
    expect(await stored('cust-b')).toMatchObject({ payerId: 'cust-a', version: (branch.version ?? 0) + 1 });
    const ofHeadOffice = await call('GET', '/api/customers/cust-a/chain', { as: 'customerA' });
    expect(ofHeadOffice.body).toMatchObject({ payer: null, branches: [{ id: 'cust-b', code: 'C00002', name: '鼎泰板橋店', status: 'active' }] });
    // Another customer's chain is "not found" to a customer, as their record is.
    expect((await call('GET', '/api/customers/cust-b/chain', { as: 'customerA' })).status).toBe(404);
    expect((await call('GET', '/api/customers/cust-a/chain', { as: 'driver1' })).status).toBe(403);
  });

  it('allows no chain of payers and keeps the head office on monthly terms while it has branches', async () => {
    const underBranch = await link('cust-cash', 'cust-b');
    expect(underBranch.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_IS_BRANCH', details: { code: 'C00002' } });
    const headOfficeAsBranch = await link('cust-a', 'cust-waiting');
    expect(headOfficeAsBranch.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_HAS_BRANCHES', details: { code: 'C00002', count: 1 } });
    const toCash = await call('PATCH', '/api/customers/cust-a', { as: 'office', body: { paymentTerms: 'cash' } });
    expect(toCash.status).toBe(422);
    expect(toCash.body.error.code).toBe('CUSTOMER.PAYER_HAS_BRANCHES');
    expect((await stored('cust-a')).paymentTerms).toBe('monthly');
  });

  it('answers the link it has again without writing, and unlinks a branch that has taken nothing on account since', async () => {
    const version = (await stored('cust-b')).version;
    expect((await link('cust-b', 'cust-a')).status).toBe(200);
    expect((await stored('cust-b')).version).toBe(version);
    expect((await link('cust-b', null)).body).toMatchObject({ payer: null });
    expect((await stored('cust-b')).payerId).toBeUndefined();
  });
});

import { INVOICE_BOOKS } from '../adapters/invoicing/local-invoice-book';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { orderCode } from '../domain/notifications';
import { periodDocId, periodOfInstant, type Invoice } from '../domain/invoicing';
import type { Order, PaymentMethod } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import type { Principal } from '../domain/users';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';
import { pushEvent } from './test-support/push-event';

/**
 * 分店／總公司付款 on the emulators: the office links a branch to the head office that pays for it, refused in the
 * caller's language where the link cannot hold, and each side of the chain reads it; then a chain linked two months ago
 * is billed: its branches' months invoiced to the head office, one statement, payments and the ledger at the head office.
 */
const now = new Date();
const headOffice = aCustomer().withId('cust-a').withCode('C00001').with({ name: '鼎泰餐飲總公司', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '鼎泰餐飲股份有限公司' } }).build();
const branch = aCustomer().withId('cust-b').withCode('C00002').with({ name: '鼎泰板橋店', paymentTerms: 'monthly' }).build();
const cashShop = aCustomer().withId('cust-cash').withCode('C00003').with({ name: '王家小吃' }).build();
const owing = aCustomer().withId('cust-owing').withCode('C00004').with({ name: '鼎泰中和店', paymentTerms: 'monthly' }).build();
const waiting = aCustomer().withId('cust-waiting').withCode('C00005').with({ name: '鼎泰永和店', paymentTerms: 'monthly' }).build();

function delivered(id: string, customer: Customer, paymentMethod: PaymentMethod, cashCollected: number, at = now.toISOString()): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod }).inStatus('delivered').build();
  return { ...order, requestedDate: taipeiDate(new Date(at)), delivery: { at, delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected } };
}

// The chain billed: 林記 head office with two branches linked before last month began, each delivered last month.
const lastMonth = previousMonth(taipeiMonth(now));
const linkedSince = monthBounds(previousMonth(lastMonth)).from;
const inLastMonth = (day: number) => new Date(Date.parse(monthBounds(lastMonth).from) + (day - 1) * 86_400_000 + 3 * 3_600_000).toISOString();
const chainHq = aCustomer().withId('cust-hq').withCode('C00010').with({ name: '林記餐飲總公司', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '林記餐飲股份有限公司' } }).build();
const chainBranch = (id: string, code: string, name: string): Customer => ({
  ...aCustomer().withId(id).withCode(code).with({ name, paymentTerms: 'monthly', invoice: { carrier: '/ABC1234' } }).build(),
  payerId: 'cust-hq',
  payerSince: linkedSince,
});
/** A 月結 branch that `payerId` has paid for since the month before last, as built here then overridden. */
const branchOf = (payerId: string, id: string, code: string, name: string, overrides: Partial<Customer>): Customer => ({
  ...aCustomer().withId(id).withCode(code).with({ name, paymentTerms: 'monthly' }).build(),
  ...overrides,
  payerId,
  payerSince: linkedSince,
});
const banqiao = chainBranch('cust-br1', 'C00011', '林記板橋店');
const zhonghe = chainBranch('cust-br2', 'C00012', '林記中和店');
const chainOrders = [
  delivered('ord-hq', chainHq, 'monthly', 0, inLastMonth(3)),
  delivered('ord-br1', banqiao, 'monthly', 0, inLastMonth(5)),
  delivered('ord-br2', zhonghe, 'monthly', 0, inLastMonth(6)),
  delivered('ord-br2-cash', zhonghe, 'cash', 1700, inLastMonth(8)),
];
const HQ: Principal = { uid: 'u-hq', role: 'customer', customerId: 'cust-hq' };
const BANQIAO: Principal = { uid: 'u-br1', role: 'customer', customerId: 'cust-br1' };

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  // The customers' order notices: what a branch is told when its head office changes its order.
  stack = await startTestStack({ suite: 'chain-customers', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyCustomer') });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [headOffice, branch, cashShop, owing, waiting, chainHq, banqiao, zhonghe]) await db.collection('customers').doc(c.id).set(c);
  for (const o of chainOrders) await db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  const period = periodOfInstant(now);
  await db.collection(INVOICE_BOOKS).doc(periodDocId(period)).set({ period, prefix: 'AB', from: 1000, to: 1999, next: 1000 });
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
    // The customer drawer reads the chain with the customer, in one request.
    const withChain = await call('GET', '/api/customers/cust-b?include=chain', { as: 'office' });
    expect(withChain.body).toMatchObject({ id: 'cust-b', payerId: 'cust-a', chain: { payer: { id: 'cust-a', code: 'C00001', name: '鼎泰餐飲總公司' }, branches: [] } });
    expect((await call('GET', '/api/customers/cust-b', { as: 'office' })).body.chain).toBeUndefined();
    // Another customer's chain is "not found" to a customer, as their record is.
    expect((await call('GET', '/api/customers/cust-b/chain', { as: 'customerA' })).status).toBe(404);
    expect((await call('GET', '/api/customers/cust-a/chain', { as: 'driver1' })).status).toBe(403);
  });

  it('allows no chain of payers and keeps the head office active and on monthly terms while it has branches', async () => {
    const underBranch = await link('cust-cash', 'cust-b');
    expect(underBranch.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_IS_BRANCH', details: { code: 'C00002' } });
    const headOfficeAsBranch = await link('cust-a', 'cust-waiting');
    expect(headOfficeAsBranch.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_HAS_BRANCHES', details: { code: 'C00002', count: 1 } });
    const deactivated = await call('POST', '/api/customers/cust-a/deactivate', { as: 'office', body: {}, key: 'off-hq' });
    expect(deactivated.status).toBe(422);
    expect(deactivated.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_HAS_BRANCHES', details: { code: 'C00002', count: 1 } });
    expect((await stored('cust-a')).status).toBe('active');
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

describe('billing a chain at its head office', () => {
  const invoice = async (id: string) => (await stack.container.db.collection('invoices').doc(id).get()).data() as Invoice | undefined;
  const HEAD_OFFICE_BUYER = { type: 'business', taxId: '22099131', title: '林記餐飲股份有限公司' };

  it('invoices each branch’s month to the head office’s 統一編號 and 抬頭, and a sale paid at a branch’s door to the branch', async () => {
    const run = await call('POST', '/api/jobs/monthly-invoices', { as: 'admin', body: { month: lastMonth } });
    expect(run.status).toBe(200);
    expect(await invoice(`inv-cust-br1-${lastMonth}`)).toMatchObject({ kind: 'B2B', customer: { id: 'cust-br1', name: '林記板橋店' }, buyer: HEAD_OFFICE_BUYER, source: { orderIds: ['ord-br1'] } });
    expect(await invoice(`inv-cust-br2-${lastMonth}`)).toMatchObject({ kind: 'B2B', buyer: HEAD_OFFICE_BUYER, source: { orderIds: ['ord-br2'] } });
    expect(await invoice(`inv-cust-hq-${lastMonth}`)).toMatchObject({ buyer: HEAD_OFFICE_BUYER, source: { orderIds: ['ord-hq'] } });
    expect(await invoice('inv-ord-br2-cash')).toMatchObject({ kind: 'B2C', buyer: { type: 'carrier', carrierCode: '/ABC1234' } });
  });

  it('records payments at the head office only: a branch’s is refused naming it, the head office’s settles the branches’ deliveries', async () => {
    const payment = { amount: 3400, method: 'transfer', receivedOn: taipeiDate(now), reference: '林記 月結' };
    const atBranch = await call('POST', '/api/customers/cust-br1/payments', { as: 'office', body: payment, key: 'pay-br1' });
    expect(atBranch.status).toBe(422);
    expect(atBranch.body.error).toMatchObject({ code: 'PAYMENT.AT_PAYER', message: '此分店的帳款由總公司 C00010 林記餐飲總公司 支付，請在總公司登記收款' });
    expect((await call('POST', '/api/customers/cust-hq/payments', { as: 'office', body: payment, key: 'pay-hq' })).status).toBe(201);
    // The chain owed 3 × NT$1,700 on account; NT$3,400 paid leaves NT$1,700 whichever deliveries it paid for.
    expect((await call('GET', '/api/customers/cust-hq/balance', { as: HQ })).body).toMatchObject({ balance: 1700 });
    expect((await call('GET', '/api/customers/cust-br1/balance', { as: BANQIAO })).body).toEqual({ balance: 0, overdue: 0, owedMonths: [], payer: { id: 'cust-hq', code: 'C00010', name: '林記餐飲總公司' } });
  });

  it('gives the head office one statement of the chain, each branch apart with its invoice, and its portal only its own chain', async () => {
    const res = await call('GET', `/api/statements/cust-hq?month=${lastMonth}`, { as: HQ });
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: Json) => l.orderId)).toEqual(['ord-hq']);
    expect(res.body.branches.map((b: Json) => [b.customer.code, b.lines.map((l: Json) => l.orderId), b.totals.amountDue])).toEqual([
      ['C00011', ['ord-br1'], 1700],
      ['C00012', ['ord-br2', 'ord-br2-cash'], 1700],
    ]);
    const banqiaoInvoice = await invoice(`inv-cust-br1-${lastMonth}`);
    expect(res.body.branches[0].monthInvoice).toEqual({ number: banqiaoInvoice?.number, status: 'issued' });
    expect(res.body.totals).toMatchObject({ openingBalance: 0, charges: 6800, cashCollected: 1700, amountDue: 5100, closingBalance: 5100 });
    // A branch reads its own month, naming who pays it, and not the head office's.
    const own = await call('GET', `/api/statements/cust-br1?month=${lastMonth}`, { as: BANQIAO });
    expect(own.body).toMatchObject({ payer: { code: 'C00010' }, lines: [{ orderId: 'ord-br1' }] });
    expect(own.body.branches).toBeUndefined();
    expect((await call('GET', `/api/statements/cust-hq?month=${lastMonth}`, { as: BANQIAO })).status).toBe(404);
  });

  it('lets the head office read the invoices it is the buyer of at its branches, and a branch none of the head office’s nor another branch’s', async () => {
    const ofBranch = await call('GET', '/api/invoices?customerId=cust-br1', { as: HQ });
    expect(ofBranch.status).toBe(200);
    expect(ofBranch.body.items.map((i: Json) => i.id)).toEqual([`inv-cust-br1-${lastMonth}`]);
    expect((await call('GET', `/api/invoices/inv-cust-br2-${lastMonth}`, { as: HQ })).body).toMatchObject({ buyer: HEAD_OFFICE_BUYER });
    expect((await call('GET', '/api/invoices?customerId=cust-hq', { as: BANQIAO })).status).toBe(404);
    const another = await call('GET', `/api/invoices/inv-cust-br2-${lastMonth}`, { as: BANQIAO });
    expect(another.status).toBe(404);
    expect(another.body.error.code).toBe('INVOICE.NOT_FOUND');
  });

  it('keeps the chain on one ledger line, the head office’s, which 催款 reads and a branch’s 催款 is refused for', async () => {
    await stack.container.db.collection('receivables').doc('cust-br1').set({ customerId: 'cust-br1', balance: 1700 });
    expect((await call('POST', '/api/jobs/receivables', { as: 'admin', body: { customerIds: ['cust-hq', 'cust-br1', 'cust-br2'] } })).status).toBe(200);
    const lines = await stack.container.db.getAll(...['cust-hq', 'cust-br1', 'cust-br2'].map((id) => stack.container.db.collection('receivables').doc(id)));
    expect(lines.map((l) => [l.id, l.exists ? l.get('balance') : null])).toEqual([['cust-hq', 1700], ['cust-br1', null], ['cust-br2', null]]);
    // 催款 by hand goes to the head office too: a branch's is refused, naming it, and leaves no line behind.
    const atBranch = await call('POST', '/api/receivables/cust-br1/reminders', { as: 'office', body: {} });
    expect(atBranch.status).toBe(422);
    expect(atBranch.body.error).toMatchObject({ code: 'RECEIVABLE.AT_PAYER', message: '此分店的帳款由總公司 C00010 林記餐飲總公司 支付，請向總公司催款' });
    expect((await stack.container.db.collection('receivables').doc('cust-br1').get()).exists).toBe(false);
  });

  it('refuses a new 統一編號 at the head office while a branch’s deliveries on account wait for their month’s invoice, which would name it', async () => {
    const waitingAtBranch = delivered('ord-br1-now', banqiao, 'monthly', 0);
    await stack.container.db.collection('orders').doc(waitingAtBranch.id).set({ ...waitingAtBranch, version: 1 });
    const res = await call('PATCH', '/api/customers/cust-hq', { as: 'office', body: { invoice: { taxId: '24536806', companyTitle: '林記餐飲股份有限公司' } } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CUSTOMER.BUYER_CHANGE_UNINVOICED', details: { id: 'cust-br1', count: 1 } });
  });
});

describe('a chain’s deposits and personal data', () => {
  // 大福: a head office holding no 20 kg deposit of its own; 信義 has had one of its two cylinders collected, 光明 has closed.
  const dafuHq = aCustomer().withId('cust-dafu').withCode('C00020').with({ name: '大福小館 總店', paymentTerms: 'monthly' }).build();
  const dafuBranch = (id: string, code: string, name: string, overrides: Partial<Customer> = {}) => branchOf('cust-dafu', id, code, name, overrides);
  const xinyi = dafuBranch('cust-dafu-xy', 'C00021', '大福小館 信義店', { cylindersOnSite: [{ size: 20, count: 1, depositPaid: 2400 }] });
  const guangmingOpen = dafuBranch('cust-dafu-gm', 'C00022', '大福小館 光明店', { cylindersOnSite: [] });
  const guangming: Customer = { ...guangmingOpen, status: 'inactive' };
  const refund = { kind: 'refund', size: 20, count: 1, method: 'transfer', receivedOn: taipeiDate(now) };
  const erase = (id: string, confirmCode: string, lang?: string) =>
    call('POST', `/api/customers/${id}/erase`, { as: 'admin', body: { confirmCode, reason: '客戶來電要求刪除個資' }, ...(lang ? { lang } : {}) });
  const depositsOf = async (id: string) => (await stack.container.db.collection(`customers/${id}/deposits`).get()).docs.map((d) => d.data());

  beforeAll(async () => {
    const db = stack.container.db;
    for (const c of [dafuHq, xinyi, guangming]) await db.collection('customers').doc(c.id).set(c);
    // 光明's last month on account, which the head office has not paid: the chain's debt, not the branch's.
    const closed = delivered('ord-dafu-gm', guangmingOpen, 'monthly', 0, inLastMonth(12));
    await db.collection('orders').doc(closed.id).set({ ...closed, version: 1 });
  });

  it('refunds a branch’s deposit at the branch, where it was taken, and refuses it at the head office naming the branch, in the caller’s language', async () => {
    const atHeadOffice = await call('POST', '/api/customers/cust-dafu/deposits', { as: 'office', body: refund, key: 'dep-dafu-hq' });
    expect(atHeadOffice.status).toBe(422);
    expect(atHeadOffice.body.error).toMatchObject({
      code: 'DEPOSIT.AT_BRANCH',
      message: '20 公斤鋼瓶的押金記在分店（C00021 大福小館 信義店），請在該分店退還；總公司本身的 20 公斤押金為 NT$0',
    });
    const en = await call('POST', '/api/customers/cust-dafu/deposits', { as: 'office', body: refund, key: 'dep-dafu-hq-en', lang: 'en' });
    expect(en.body.error.message).toBe('The 20 kg deposit is held at the branch (C00021 大福小館 信義店): refund it there. The head office itself holds NT$0 for 20 kg');
    expect(await depositsOf('cust-dafu')).toEqual([]);

    const atBranch = await call('POST', '/api/customers/cust-dafu-xy/deposits', { as: 'office', body: refund, key: 'dep-dafu-xy' });
    expect(atBranch.status).toBe(201);
    expect(atBranch.body).toMatchObject({ deposit: { customerId: 'cust-dafu-xy', kind: 'refund', amount: 1200 }, held: [{ size: 20, amount: 1200 }] });
    expect((await stored('cust-dafu')).cylindersOnSite).toEqual(dafuHq.cylindersOnSite);
  });

  it('keeps a head office’s personal data while open branches name it: 409 naming them, nothing written', async () => {
    const res = await erase('cust-dafu', 'C00020');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'CUSTOMER.ERASE_HAS_BRANCHES',
      message: '此客戶是總公司，正為 1 間分店付款（C00021 大福小館 信義店）：分店的月結帳款與發票記在總公司名下，不能刪除總公司的個資',
    });
    expect((await erase('cust-dafu', 'C00020', 'en')).body.error.message).toMatch(/^This customer is a head office paying for 1 branch \(C00021 大福小館 信義店\)/);
    expect(await stored('cust-dafu')).toEqual(dafuHq);
  });

  it('erases a closed branch whose deliveries on account its head office still owes, keeping its link, so the chain’s statement lists them under its code', async () => {
    const res = await erase('cust-dafu-gm', 'C00022');
    expect(res.status).toBe(200);
    expect(await stored('cust-dafu-gm')).toMatchObject({ name: 'C00022', payerId: 'cust-dafu', payerSince: linkedSince, erasure: { reason: '客戶來電要求刪除個資' } });
    const statement = await call('GET', `/api/statements/cust-dafu?month=${lastMonth}`, { as: 'office' });
    expect(statement.body.branches.find((b: Json) => b.customer.code === 'C00022')).toMatchObject({ customer: { name: 'C00022' }, lines: [{ orderId: 'ord-dafu-gm' }], totals: { amountDue: 1700 } });
    expect(statement.body.totals.closingBalance).toBe(1700);
  });

  it('erases a head office whose branches are all closed once the chain owes nothing: a closed branch’s unpaid deliveries on account hold it', async () => {
    expect((await call('POST', '/api/customers/cust-dafu-xy/deactivate', { as: 'office', body: {}, key: 'off-dafu-xy' })).status).toBe(200);
    expect((await call('POST', '/api/customers/cust-dafu/deactivate', { as: 'office', body: {}, key: 'off-dafu' })).status).toBe(200);
    const owed = await erase('cust-dafu', 'C00020');
    expect(owed.status).toBe(409);
    expect(owed.body.error).toMatchObject({ code: 'CUSTOMER.ERASE_LEFT_OPEN', details: { balance: 1700 } });
    expect((await stored('cust-dafu')).erasure).toBeUndefined();
    const paid = { amount: 1700, method: 'transfer', receivedOn: taipeiDate(now), reference: '大福 光明店' };
    expect((await call('POST', '/api/customers/cust-dafu/payments', { as: 'office', body: paid, key: 'pay-dafu' })).status).toBe(201);
    expect((await erase('cust-dafu', 'C00020')).status).toBe(200);
    expect(await stored('cust-dafu')).toMatchObject({ name: 'C00020', erasure: { reason: '客戶來電要求刪除個資' } });
  });
});

describe('a chain’s branches closing and coming back', () => {
  // 福記: a head office with one branch open (東門) and one closed before (西門).
  const fujiHq = aCustomer().withId('cust-fuji').withCode('C00030').with({ name: '福記麵館 總店', paymentTerms: 'monthly' }).build();
  const fujiBranch = (id: string, code: string, name: string, overrides: Partial<Customer> = {}) => branchOf('cust-fuji', id, code, name, overrides);
  const dongmen = fujiBranch('cust-fuji-dm', 'C00031', '福記麵館 東門店');
  const ximen = fujiBranch('cust-fuji-xm', 'C00032', '福記麵館 西門店', { status: 'inactive', deactivatedAt: linkedSince });
  const deactivate = (id: string) => call('POST', `/api/customers/${id}/deactivate`, { as: 'office', body: {}, key: `off-${id}-${Date.now()}` });
  const reactivate = (id: string, lang?: string) => call('POST', `/api/customers/${id}/reactivate`, { as: 'office', ...(lang ? { lang } : {}) });
  const setTerms = (paymentTerms: string) => call('PATCH', '/api/customers/cust-fuji', { as: 'office', body: { paymentTerms } });

  beforeAll(async () => {
    for (const c of [fujiHq, dongmen, ximen]) await stack.container.db.collection('customers').doc(c.id).set(c);
  });

  it('deactivates a head office once its branches are closed: a closed branch no longer holds it, an open one does and is named alone', async () => {
    const held = await deactivate('cust-fuji');
    expect(held.status).toBe(422);
    expect(held.body.error).toMatchObject({ code: 'CUSTOMER.PAYER_HAS_BRANCHES', details: { code: 'C00031', count: 1 } });
    expect((await stored('cust-fuji')).status).toBe('active');
    expect((await deactivate('cust-fuji-dm')).status).toBe(200);
    expect((await deactivate('cust-fuji')).status).toBe(200);
    expect(await stored('cust-fuji')).toMatchObject({ status: 'inactive' });
  });

  it('reactivates a branch only while its head office pays for it: refused, in the caller’s language, while the head office is inactive or off monthly terms', async () => {
    const whileClosed = await reactivate('cust-fuji-dm');
    expect(whileClosed.status).toBe(409);
    expect(whileClosed.body.error).toMatchObject({ code: 'CUSTOMER.BRANCH_PAYER_INACTIVE', message: '此分店由總公司 C00030 福記麵館 總店 付款，總公司已停用；請先恢復總公司，再恢復分店' });
    expect((await reactivate('cust-fuji-dm', 'en')).body.error.message).toBe('This branch is paid for by its head office C00030 福記麵館 總店, which is inactive; reactivate the head office first');
    expect((await stored('cust-fuji-dm')).status).toBe('inactive');

    expect((await reactivate('cust-fuji')).status).toBe(200);
    // Its branches all closed, the head office may leave 月結; a branch then waits for it to come back to it.
    expect((await setTerms('cash')).status).toBe(200);
    const offMonthly = await reactivate('cust-fuji-dm');
    expect(offMonthly.status).toBe(409);
    expect(offMonthly.body.error).toMatchObject({
      code: 'CUSTOMER.BRANCH_PAYER_NOT_MONTHLY',
      message: '此分店由總公司 C00030 福記麵館 總店 付款，總公司已不是月結客戶；請先將總公司的付款條件改回月結，再恢復分店',
    });
    expect((await stored('cust-fuji-dm')).status).toBe('inactive');

    expect((await setTerms('monthly')).status).toBe(200);
    expect((await reactivate('cust-fuji-dm')).body).toMatchObject({ status: 'active' });
  });
});

describe('a head office booking for its branches from the portal', () => {
  // 王記: a head office with two branches, 永和 on a 合約價 of its own; 李家 is another customer altogether.
  const wangHq = aCustomer().withId('cust-wang').withCode('C00040').with({ name: '王記火鍋 總店', paymentTerms: 'monthly' }).build();
  const wangBranch = (id: string, code: string, name: string, overrides: Partial<Customer> = {}) => branchOf('cust-wang', id, code, name, overrides);
  const yonghe = wangBranch('cust-wang-yh', 'C00041', '王記火鍋 永和店', {
    contractPrices: [{ size: 20, kind: 'fixed', amount: 780, effectiveFrom: '2020-01-01' }],
    cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }],
  });
  const xindian = wangBranch('cust-wang-xd', 'C00042', '王記火鍋 新店店');
  const lee = aCustomer().withId('cust-lee').withCode('C00043').with({ name: '李家小吃' }).build();
  const WANG: Principal = { uid: 'u-wang', role: 'customer', customerId: 'cust-wang' };
  const YONGHE: Principal = { uid: 'u-wang-yh', role: 'customer', customerId: 'cust-wang-yh' };
  const LEE: Principal = { uid: 'u-lee', role: 'customer', customerId: 'cust-lee' };
  const inThreeDays = addDays(taipeiDate(now), 3);
  const book = (as: Principal, customerId: string, key: string) =>
    call('POST', '/api/orders', { as, key, body: { customerId, items: [{ size: 20, quantity: 2 }], requestedDate: inThreeDays } });
  const ordersOf = async (customerId: string) => (await stack.container.db.collection('orders').where('customerId', '==', customerId).get()).docs.map((d) => d.data() as Order);

  beforeAll(async () => {
    const db = stack.container.db;
    for (const c of [wangHq, yonghe, xindian, lee]) await db.collection('customers').doc(c.id).set(c);
    await db.collection('priceList').doc('price-20-2020-01-01').set({ id: 'price-20-2020-01-01', size: 20, unitPrice: 860, effectiveFrom: '2020-01-01', createdAt: '2020-01-01T00:00:00.000Z', createdBy: 'u-admin' });
  });

  it('books an order for a branch it pays for, delivered, priced and billed as the branch’s own, the head office named as who placed it', async () => {
    const res = await book(WANG, 'cust-wang-yh', 'wang-yh-1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: 'cust-wang-yh',
      customerName: '王記火鍋 永和店',
      address: yonghe.address.full,
      paymentMethod: 'monthly',
      source: 'portal',
      items: [{ size: 20, quantity: 2, unitPrice: 780 }],
      total: 1560,
      createdBy: { uid: 'u-wang', role: 'customer' },
    });
    expect((await book(WANG, 'cust-wang-xd', 'wang-xd-1')).body).toMatchObject({ customerId: 'cust-wang-xd', total: 1720 });
    expect(await ordersOf('cust-wang')).toEqual([]);
  });

  it('refuses a branch booking for its head office or another branch, another customer booking for the chain, and an id that is nobody’s, writing nothing', async () => {
    const before = (await stack.container.db.collection('orders').count().get()).data().count;
    for (const [as, customerId] of [
      [YONGHE, 'cust-wang'],
      [YONGHE, 'cust-wang-xd'],
      [LEE, 'cust-wang-yh'],
      [WANG, 'cust-lee'],
      [WANG, 'cust-nobody'],
    ] as const) {
      const res = await book(as, customerId, `refused-${as.uid}-${customerId}`);
      expect([customerId, res.status, res.body.error.code]).toEqual([customerId, 403, 'AUTH.FORBIDDEN']);
    }
    expect((await stack.container.db.collection('orders').count().get()).data().count).toBe(before);
    // The branch still books for itself.
    expect((await book(YONGHE, 'cust-wang-yh', 'yh-own')).body).toMatchObject({ customerId: 'cust-wang-yh', createdBy: { uid: 'u-wang-yh' } });
  });

  it('tells the head office its branch’s same-day cut-off, as it books for it, and refuses it the ids the booking refuses', async () => {
    const sameDay = (as: Principal, customerId: string) => call('GET', `/api/orders/same-day?customerId=${customerId}`, { as });
    const ofBranch = await sameDay(WANG, 'cust-wang-yh');
    expect([ofBranch.status, ofBranch.body]).toEqual([200, { cutoff: null, closed: false, phone: null }]);
    for (const [as, customerId] of [
      [YONGHE, 'cust-wang'],
      [YONGHE, 'cust-wang-xd'],
      [LEE, 'cust-wang-yh'],
      [WANG, 'cust-lee'],
      [WANG, 'cust-nobody'],
    ] as const) {
      const res = await sameDay(as, customerId);
      expect([customerId, res.status, res.body.error.code]).toEqual([customerId, 403, 'AUTH.FORBIDDEN']);
    }
  });

  it('shows the head office the cylinders and deposit standing at each branch, and a branch none of the chain’s', async () => {
    const chain = await call('GET', '/api/customers/cust-wang?include=chain', { as: WANG });
    expect(chain.body.chain.branches.map((b: Json) => [b.code, b.cylindersOnSite])).toEqual([
      ['C00041', [{ size: 20, count: 3, depositPaid: 3600 }]],
      ['C00042', xindian.cylindersOnSite],
    ]);
    expect((await call('GET', '/api/customers/cust-wang-yh?include=chain', { as: YONGHE })).body.chain).toMatchObject({ payer: { code: 'C00040' }, branches: [] });
    expect((await call('GET', '/api/customers/cust-wang?include=chain', { as: YONGHE })).status).toBe(404);
    expect((await call('GET', '/api/customers/cust-wang/chain', { as: LEE })).status).toBe(404);
  });
});

describe('a head office changing and cancelling its branches’ orders from the portal', () => {
  // 陳記: a head office with two branches, 松山 on a 合約價 of its own; 大安 is a branch of 張家, another chain.
  const chenHq = aCustomer().withId('cust-chen').withCode('C00050').with({ name: '陳記麵館 總店', paymentTerms: 'monthly' }).build();
  const songshan = branchOf('cust-chen', 'cust-chen-ss', 'C00051', '陳記麵館 松山店', { contractPrices: [{ size: 20, kind: 'fixed', amount: 780, effectiveFrom: '2020-01-01' }] });
  const xinyi = branchOf('cust-chen', 'cust-chen-xy', 'C00052', '陳記麵館 信義店', { notificationLocale: 'en' });
  const zhang = aCustomer().withId('cust-zhang').withCode('C00053').with({ name: '張家便當', paymentTerms: 'monthly' }).build();
  const daan = branchOf('cust-zhang', 'cust-zhang-da', 'C00054', '張家便當 大安店', {});
  const CHEN: Principal = { uid: 'u-chen', role: 'customer', customerId: 'cust-chen' };
  const SONGSHAN: Principal = { uid: 'u-chen-ss', role: 'customer', customerId: 'cust-chen-ss' };
  const XINYI: Principal = { uid: 'u-chen-xy', role: 'customer', customerId: 'cust-chen-xy' };
  const ZHANG: Principal = { uid: 'u-zhang', role: 'customer', customerId: 'cust-zhang' };
  const inFourDays = addDays(taipeiDate(now), 4);
  const book = async (as: Principal, customerId: string, key: string): Promise<string> => {
    const res = await call('POST', '/api/orders', { as, key, body: { customerId, items: [{ size: 20, quantity: 2 }], requestedDate: inFourDays } });
    expect(res.status).toBe(201);
    return String(res.body.id);
  };
  const change = (as: Principal, id: string, body: Json) => call('PATCH', `/api/orders/${id}`, { as, body });
  const cancel = (as: Principal, id: string, key: string) => call('POST', `/api/orders/${id}/cancel`, { as, key, body: { reason: 'ordered_by_mistake' } });
  const order = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data() as Order & { version: number };
  const audited = async (id: string) => (await stack.container.db.collection('auditLog').where('entityIds', 'array-contains', id).get()).docs.map((d) => d.data());
  const read = (as: Principal, id: string) => call('GET', `/api/orders/${id}`, { as });
  const pricesOf = (as: Principal, customerId: string) => call('GET', `/api/prices?date=${inFourDays}&customerId=${customerId}`, { as });

  beforeAll(async () => {
    const db = stack.container.db;
    for (const c of [chenHq, songshan, xinyi, zhang, daan]) await db.collection('customers').doc(c.id).set(c);
    await seedPortalAccounts(db, [songshan.id, xinyi.id]);
    await db.collection('priceList').doc('price-20-2020-01-01').set({ id: 'price-20-2020-01-01', size: 20, unitPrice: 860, effectiveFrom: '2020-01-01', createdAt: '2020-01-01T00:00:00.000Z', createdBy: 'u-admin' });
  });

  it('changes a branch’s pending order as the branch could, priced at the branch’s 合約價, which the branch then reads, the head office on the audit log', async () => {
    const id = await book(SONGSHAN, 'cust-chen-ss', 'chen-ss-own');
    const res = await change(CHEN, id, { items: [{ size: 20, quantity: 3 }], requestedDate: addDays(inFourDays, 1), timeWindow: { start: '09:00', end: '12:00' }, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customerId: 'cust-chen-ss', items: [{ size: 20, quantity: 3, unitPrice: 780 }], total: 2340, requestedDate: addDays(inFourDays, 1), timeWindow: { start: '09:00', end: '12:00' } });
    expect((await call('GET', `/api/orders/${id}`, { as: SONGSHAN })).body).toMatchObject({ items: [{ size: 20, quantity: 3 }], total: 2340, version: 2 });
    expect(await audited(id)).toContainEqual(expect.objectContaining({ actor: expect.objectContaining({ uid: 'u-chen', customerId: 'cust-chen' }), method: 'PATCH', status: 200 }));
    // A change made on what the head office saw before the branch's own is refused as anyone's is.
    expect((await change(SONGSHAN, id, { timeWindow: null, version: 2 })).status).toBe(200);
    const stale = await change(CHEN, id, { items: [{ size: 20, quantity: 1 }], version: 2 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'ORDER.CHANGED']);
    // Online only as the branch could: not a payment method the branch is not on, nor past pending.
    const transfer = await change(CHEN, id, { paymentMethod: 'transfer' });
    expect([transfer.status, transfer.body.error.code]).toEqual([400, 'ORDER.PAYMENT_METHOD_NOT_OFFERED']);
    await stack.container.db.collection('orders').doc(id).update({ status: 'confirmed' });
    const confirmed = await change(CHEN, id, { items: [{ size: 20, quantity: 1 }] });
    expect([confirmed.status, confirmed.body.error.code]).toEqual([409, 'ORDER.NOT_PENDING']);
    const late = await cancel(CHEN, id, 'chen-cancel-confirmed');
    expect([late.status, late.body.error.code]).toEqual([409, 'ORDER.NOT_PENDING']);
    expect(await order(id)).toMatchObject({ status: 'confirmed', items: [{ size: 20, quantity: 3 }], version: 3 });
  });

  it('cancels a branch’s pending order once, a retry with the same key answering the same, the branch’s timeline naming the head office', async () => {
    const id = await book(CHEN, 'cust-chen-xy', 'chen-xy-1');
    const first = await cancel(CHEN, id, 'chen-cancel-xy-1');
    expect([first.status, first.body.status]).toEqual([200, 'cancelled']);
    const again = await cancel(CHEN, id, 'chen-cancel-xy-1');
    expect([again.status, again.body]).toEqual([200, first.body]);
    const stored = await order(id);
    expect(stored).toMatchObject({ status: 'cancelled', cancelReason: 'ordered_by_mistake', version: 2 });
    expect(stored.timeline.filter((e) => e.to === 'cancelled')).toEqual([expect.objectContaining({ by: { uid: 'u-chen', role: 'customer' } })]);
    expect((await call('GET', `/api/orders/${id}`, { as: XINYI })).body).toMatchObject({ status: 'cancelled' });
  });

  it('shows the head office its branch’s order, and the branch’s prices for the estimate of its change, as the order is priced', async () => {
    const id = await book(CHEN, 'cust-chen-ss', 'chen-ss-read');
    const seen = await read(CHEN, id);
    expect([seen.status, seen.body.customerId, seen.body.total]).toEqual([200, 'cust-chen-ss', 1560]);
    expect((await pricesOf(CHEN, 'cust-chen-ss')).body.current).toEqual([expect.objectContaining({ size: 20, unitPrice: 780, listPrice: 860 })]);
    expect((await pricesOf(CHEN, 'cust-chen-xy')).body.current).toEqual([expect.objectContaining({ size: 20, unitPrice: 860 })]);
    expect((await call('GET', `/api/prices?date=${inFourDays}`, { as: CHEN })).body.current).toEqual([expect.objectContaining({ size: 20, unitPrice: 860 })]);
  });

  it('tells the branch, in its language and once however the event is delivered, when its head office moves its order’s day or hours or changes its cylinders; not its own change, nor the office’s', async () => {
    const db = stack.container.db;
    const ofSongshan = await book(SONGSHAN, 'cust-chen-ss', 'chen-ss-told');
    const ofXinyi = await book(CHEN, 'cust-chen-xy', 'chen-xy-told');
    const [moved, later, own] = [5, 6, 7].map((days) => addDays(taipeiDate(now), days)) as [string, string, string];
    // Each change's events delivered (twice under one message id, once more under another) before the next change, so
    // each notice reads the order as that change left it.
    const changedAndDelivered = async (as: Principal | 'office', id: string, body: Json) => {
      expect((await call('PATCH', `/api/orders/${id}`, { as, body })).status).toBe(200);
      const events = (await db.collection('outbox').where('event.subject', '==', `orders/${id}`).get()).docs.map((d) => d.get('event') as EventEnvelope);
      for (const event of events.sort((a, b) => a.sequence - b.sequence)) {
        for (const messageId of [`${event.id}-1`, `${event.id}-1`, `${event.id}-2`]) expect(await pushEvent(stack, 'notifyCustomer', 'order-events', event, messageId)).toBe(204);
      }
    };
    await changedAndDelivered(CHEN, ofSongshan, { requestedDate: moved });
    await changedAndDelivered(CHEN, ofSongshan, { timeWindow: { start: '09:00', end: '12:00' } });
    await changedAndDelivered(CHEN, ofSongshan, { items: [{ size: 20, quantity: 1 }] });
    await changedAndDelivered(SONGSHAN, ofSongshan, { requestedDate: own });
    await changedAndDelivered(SONGSHAN, ofSongshan, { items: [{ size: 20, quantity: 2 }] });
    await changedAndDelivered('office', ofSongshan, { items: [{ size: 20, quantity: 3 }] });
    await changedAndDelivered(CHEN, ofXinyi, { requestedDate: later, timeWindow: { start: '14:00', end: '17:00' } });
    // The day and hours sent again unchanged with the cylinders: told what changed, the cylinders alone.
    await changedAndDelivered(CHEN, ofXinyi, { items: [{ size: 20, quantity: 4 }], requestedDate: later, timeWindow: { start: '14:00', end: '17:00' } });
    const texts = async (customerId: string, id: string) =>
      (await db.collection('notifications').where('customerId', '==', customerId).get()).docs.map((d) => d.get('text') as string).filter((t) => t.includes(`#${orderCode(id)}`));
    const movedTo = (hours: string) => expect.stringMatching(new RegExp(`因總店修改訂單，配送時間已改為 ${Number(moved.slice(5, 7))}/${Number(moved.slice(8))}（.）${hours}。`));
    const told = await texts('cust-chen-ss', ofSongshan);
    expect(told).toHaveLength(3);
    expect(told).toEqual(
      expect.arrayContaining([
        movedTo('08:00–18:00'),
        movedTo('09:00–12:00'),
        expect.stringMatching(new RegExp(`因總店修改訂單，本次配送改為 20kg×1，預計 ${Number(moved.slice(5, 7))}/${Number(moved.slice(8))}（.）09:00–12:00 送達。`)),
      ]),
    );
    const toldXinyi = await texts('cust-chen-xy', ofXinyi);
    expect(toldXinyi).toHaveLength(2);
    expect(toldXinyi).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/has been moved to .*, 14:00–17:00 because of a change made by your head office\./),
        expect.stringMatching(/has been changed to 20kg×4 because of a change made by your head office, still due .*, 14:00–17:00\./),
      ]),
    );
  });

  it('refuses as not found, writing nothing: a branch on its head office’s or a sibling’s order, another customer, another chain’s head office, a former head office', async () => {
    const ofHq = await book(CHEN, 'cust-chen', 'chen-own');
    const ofSongshan = await book(CHEN, 'cust-chen-ss', 'chen-ss-2');
    const ofXinyi = await book(XINYI, 'cust-chen-xy', 'chen-xy-own');
    const ofDaan = await book(ZHANG, 'cust-zhang-da', 'zhang-da-1');
    // 信義 leaves the chain: the office unlinks it, and its order is its own again.
    expect((await link('cust-chen-xy', null)).status).toBe(200);
    for (const [as, id] of [
      [SONGSHAN, ofHq],
      [SONGSHAN, ofXinyi],
      [XINYI, ofSongshan],
      [ZHANG, ofSongshan],
      [CHEN, ofDaan],
      [CHEN, ofXinyi],
    ] as const) {
      const seen = await read(as, id);
      const changed = await change(as, id, { items: [{ size: 20, quantity: 5 }] });
      const cancelled = await cancel(as, id, `refused-${as.uid}-${id}`);
      expect([as.uid, id, seen.status, seen.body.error.code, changed.status, changed.body.error.code, cancelled.status, cancelled.body.error.code]).toEqual([
        as.uid, id, 404, 'ORDER.NOT_FOUND', 404, 'ORDER.NOT_FOUND', 404, 'ORDER.NOT_FOUND',
      ]);
    }
    // Nor another's prices: the branch's head office or sibling, another chain's branch, a former branch, an id that is nobody's.
    for (const [as, customerId] of [
      [SONGSHAN, 'cust-chen'],
      [SONGSHAN, 'cust-chen-xy'],
      [ZHANG, 'cust-chen-ss'],
      [CHEN, 'cust-zhang-da'],
      [CHEN, 'cust-chen-xy'],
      [CHEN, 'cust-nobody'],
    ] as const) {
      const prices = await pricesOf(as, customerId);
      expect([as.uid, customerId, prices.status, prices.body.error?.code]).toEqual([as.uid, customerId, 404, 'CUSTOMER.NOT_FOUND']);
    }
    for (const id of [ofHq, ofSongshan, ofXinyi, ofDaan]) expect(await order(id)).toMatchObject({ status: 'pending', items: [{ size: 20, quantity: 2 }], version: 1 });
    // The branch that left still changes its own.
    expect((await change(XINYI, ofXinyi, { items: [{ size: 20, quantity: 1 }] })).body).toMatchObject({ items: [{ size: 20, quantity: 1 }] });
  });
});

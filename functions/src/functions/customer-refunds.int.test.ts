import { taipeiMonth } from '../domain/billing';
import { addDays, taipeiInstant } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { b2cAmounts, periodOfInstant } from '../domain/invoicing';
import { formatNtd } from '../domain/notifications/templates';
import type { Order } from '../domain/orders';
import { aCustomer, anIssuedInvoice, anOrder } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json, type Who } from './test-support/api-client';

/**
 * Refunds (退款): a customer paid two 20 kg cylinders at the door, returned one unused, and the allowance (折讓) for it left
 * them in credit. The office records the refund paid back — never more than the credit, once per Idempotency-Key, voidable
 * with a reason — and the balance, the statement and the receivables line go back to zero.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const now = new Date();
const today = taipeiDate(now);
const thisMonth = taipeiMonth(now);
// cust-a is the customer the test principal customerA signs in for.
const customer = aCustomer().withId('cust-a').withCode('C00401').with({ name: '林記麵館', paymentTerms: 'cash' }).build();
const other = aCustomer().withId('cust-b').withCode('C00402').with({ name: '王家小吃' }).build();

const order: Order = (() => {
  const o = anOrder().withId('ord-ref').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod: 'cash' }).inStatus('delivered').build();
  // An hour ago, but never before today's first Taipei minute: the statement read is this month's, and a run just after
  // midnight on the 1st would put the sale in the month before.
  const at = new Date(Math.max(now.getTime() - 3_600_000, Date.parse(taipeiInstant(today, '00:00'))));
  return { ...o, delivery: { at: at.toISOString(), delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: o.total } };
})();
const unitPrice = order.items[0]?.unitPrice ?? 0;
const invoice = anIssuedInvoice(`inv-${order.id}`, customer, 'AB30000001', {
  lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice, amount: 2 * unitPrice }],
  amounts: b2cAmounts(2 * unitPrice),
  issuedAt: order.delivery?.at,
  period: periodOfInstant(new Date(order.delivery?.at ?? now)),
});
let allowanceId: string;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'refunds', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customer, other]) await db.collection('customers').doc(c.id).set(c);
  await db.collection('orders').doc(order.id).set({ ...order, version: 1 });
  await db.collection('invoices').doc(invoice.id).set(invoice);
  const allowance = await call('POST', `/api/invoices/${invoice.id}/allowances`, { as: 'office', body: { reason: '退回一支未使用的 20 公斤鋼瓶', lines: [{ invoiceLine: 0, quantity: 1 }] }, key: 'ref-alw' });
  expect(allowance.status).toBe(201);
  allowanceId = allowance.body.id;
}, 120_000);
afterAll(() => stack.close());

const refund = (body: Json, key: string, opts: { as?: Who; customer?: string; lang?: string } = {}) =>
  call('POST', `/api/customers/${opts.customer ?? customer.id}/refunds`, { as: opts.as ?? 'office', body, key, ...(opts.lang ? { lang: opts.lang } : {}) });
const full = (over: Json = {}): Json => ({ amount: unitPrice, method: 'transfer', paidOn: today, reason: '退回鋼瓶折讓款', ...over });
const balance = async () => (await call('GET', `/api/customers/${customer.id}/balance`, { as: 'office' })).body.balance as number;
const statement = async () => (await call('GET', `/api/statements/${customer.id}?month=${thisMonth}`, { as: 'office' })).body as Json;
const ledgerLine = async () => ((await call('GET', '/api/receivables', { as: 'office' })).body.items as Json[]).find((r) => r.customerId === customer.id);
const stored = async () => (await stack.container.db.collection('refunds').get()).docs.map((d) => d.data());

describe('refunds (退款) on the emulators', () => {
  it('starts from the credit the allowance left on a sale paid at the door', async () => {
    expect(await balance()).toBe(-unitPrice);
    expect(await ledgerLine()).toMatchObject({ balance: -unitPrice });
  });

  it('lists the customer’s live allowances a refund may name, to staff and to the customer, not to another customer', async () => {
    for (const who of ['office', 'admin', 'customerA'] as const) {
      const listed = await call('GET', `/api/customers/${customer.id}/allowances`, { as: who });
      expect({ who, status: listed.status, ids: listed.body.items.map((a: Json) => a.id) }).toEqual({ who, status: 200, ids: [allowanceId] });
    }
    expect((await call('GET', `/api/customers/${other.id}/allowances`, { as: 'office' })).body.items).toEqual([]);
    expect((await call('GET', `/api/customers/${customer.id}/allowances`, { as: 'customerB' })).status).toBe(404);
    expect((await call('GET', '/api/customers/cust-nobody/allowances', { as: 'office' })).status).toBe(404);
  });

  it('refuses more than the credit, a day after today, an allowance not of the customer, a zero amount and an unknown customer, storing nothing', async () => {
    const tooMuch = await refund(full({ amount: unitPrice + 1 }), 'ref-too-much');
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'REFUND.EXCEEDS_CREDIT', message: `退款 ${formatNtd(unitPrice + 1)} 超過應退還客戶的 ${formatNtd(unitPrice)}` });
    const future = await refund(full({ paidOn: addDays(today, 1) }), 'ref-future', { lang: 'en' });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'REFUND.FUTURE_DATE', message: 'The day a refund was paid cannot be after today' });
    const notTheirs = await refund(full({ allowanceId }), 'ref-not-theirs', { customer: other.id });
    expect(notTheirs.status).toBe(422);
    expect(notTheirs.body.error.code).toBe('REFUND.ALLOWANCE_INVALID');
    expect((await refund(full({ allowanceId: 'alw-nobody' }), 'ref-no-allowance')).body.error.code).toBe('REFUND.ALLOWANCE_INVALID');
    expect((await refund(full({ amount: 0 }), 'ref-zero')).status).toBe(400);
    expect((await refund(full(), 'ref-nobody', { customer: 'cust-nobody' })).status).toBe(404);
    expect(await stored()).toEqual([]);
  });

  it('records the refund once per Idempotency-Key, and the balance, the statement and the ledger line come back to zero', async () => {
    const first = await refund(full({ allowanceId }), 'ref-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: customer.id, amount: unitPrice, method: 'transfer', paidOn: today, allowanceId, status: 'paid', by: { uid: 'u-office', role: 'office' } });
    const replay = await refund(full({ allowanceId }), 'ref-1');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(await stored()).toHaveLength(1);

    expect(await balance()).toBe(0);
    const month = await statement();
    expect(month.refunds).toEqual([{ id: first.body.id, amount: unitPrice, method: 'transfer', paidOn: today, reason: '退回鋼瓶折讓款', allowanceId }]);
    expect(month.totals).toMatchObject({ cashCollected: 2 * unitPrice, allowances: unitPrice, refunds: unitPrice, closingBalance: 0 });
    expect(await ledgerLine()).toMatchObject({ balance: 0 });
    const audit = await stack.container.db.collection('auditLog').where('entityId', '==', first.body.id).get();
    expect(audit.docs.map((d) => ({ route: d.get('route'), actor: d.get('actor.role') }))).toEqual([{ route: '/:id/refunds', actor: 'office' }]);

    const again = await refund(full({ amount: 1 }), 'ref-2');
    expect(again.status).toBe(422);
    expect(again.body.error.details).toMatchObject({ credit: 0 });
  });

  it('voids a refund with its reason, keeps it and counts it nowhere; a second void answers the same', async () => {
    const [paid] = await stored();
    const path = `/api/customers/${customer.id}/refunds/${paid?.id}/void`;
    const voided = await call('POST', path, { as: 'admin', body: { reason: '重複登記' } });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: '重複登記', voidedBy: { uid: 'u-admin', role: 'admin' } });
    expect((await call('POST', path, { as: 'office', body: { reason: '再一次' } })).body).toEqual(voided.body);
    expect(await balance()).toBe(-unitPrice);
    expect((await statement()).refunds).toEqual([]);
    expect(await ledgerLine()).toMatchObject({ balance: -unitPrice });
    expect((await call('GET', `/api/customers/${customer.id}/refunds`, { as: 'office' })).body.items).toEqual([voided.body]);
  });

  it('lets only one of two refunds recorded at once spend the same credit', async () => {
    const answers = await Promise.all([refund(full({ method: 'cash' }), 'ref-race-1'), refund(full({ method: 'cash' }), 'ref-race-2')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(await balance()).toBe(0);
  });

  it('lets a customer read their own refunds, not another’s, and refuses drivers and customers recording or voiding one', async () => {
    const mine = await call('GET', `/api/customers/${customer.id}/refunds`, { as: 'customerA' });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect((await call('GET', `/api/customers/${customer.id}/refunds`, { as: 'customerB' })).status).toBe(404);
    expect((await call('GET', `/api/customers/${customer.id}/refunds`, { as: 'driver1' })).status).toBe(403);
    for (const who of ['customerA', 'driver1'] as const) {
      expect((await refund(full({ amount: 1 }), `ref-${who}`, { as: who })).status).toBe(403);
      expect((await call('POST', `/api/customers/${customer.id}/refunds/x-1/void`, { as: who, body: { reason: 'x' } })).status).toBe(403);
    }
  });
});

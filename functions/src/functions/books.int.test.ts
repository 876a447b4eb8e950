import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { FLEET } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const today = taipeiDate(new Date());
const lastMonth = previousMonth(taipeiMonth(new Date()));
const earlier = previousMonth(lastMonth);
const closedThrough = monthBounds(earlier).lastDay;
const shown = closedThrough.replaceAll('-', '/');
const openDay = `${lastMonth}-01`;

const customer = aCustomer().withId('cust-bk').withCode('C00071').with({ name: '關帳測試行', paymentTerms: 'transfer' }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'books', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc(customer.id).set(customer);
  await db.collection('drivers').doc(FLEET.drivers[0]!.id).set(FLEET.drivers[0]!);
});
afterAll(() => stack.close());

const close = (body: Json, as: 'admin' | 'office' = 'admin') => call('PUT', '/api/books', { as, body });
const pay = (receivedOn: string, key: string) => call('POST', `/api/customers/${customer.id}/payments`, { as: 'office', key, body: { amount: 5000, method: 'transfer', receivedOn } });
const refund = (paidOn: string, key: string) => call('POST', `/api/customers/${customer.id}/refunds`, { as: 'office', key, body: { amount: 300, method: 'cash', paidOn, reason: '溢收退回' } });
const voidOf = (kind: 'payments' | 'refunds', id: string) => call('POST', `/api/customers/${customer.id}/${kind}/${id}/void`, { as: 'office', body: { reason: '登記錯誤' } });
const stored = async (collection: string) => (await stack.container.db.collection(collection).get()).docs.map((d) => d.data());

let beforeClose: { payment: string; refund: string };

describe('the books-closed date (關帳日) on the emulators', () => {
  it('is not set at first; money of any past day goes in, as it did', async () => {
    expect((await call('GET', '/api/books', { as: 'office' })).body).toEqual({ closing: null });
    const payment = await pay(addDays(closedThrough, -5), 'bk-pay-before');
    expect(payment.status).toBe(201);
    const paidBack = await refund(closedThrough, 'bk-ref-before');
    expect(paidBack.status).toBe(201);
    beforeClose = { payment: payment.body.id, refund: paidBack.body.id };
  });

  it('is set by the admin alone, only to the end of a month that has ended; the change is audited', async () => {
    expect((await close({ closedThrough }, 'office')).status).toBe(403);
    const notEnd = await close({ closedThrough: addDays(closedThrough, -1) });
    expect([notEnd.status, notEnd.body.error.fields]).toEqual([400, [{ path: 'body.closedThrough', message: '關帳日須為月底最後一天' }]]);
    const running = await close({ closedThrough: monthBounds(taipeiMonth(new Date())).lastDay });
    expect([running.status, running.body.error.code]).toEqual([422, 'BOOKS.MONTH_NOT_ENDED']);
    expect((await stored('settings')).length).toBe(0);

    const closed = await close({ closedThrough });
    expect(closed.status).toBe(200);
    expect(closed.body.closing).toMatchObject({ closedThrough, by: { uid: 'u-admin', role: 'admin' } });
    expect((await call('GET', '/api/books', { as: 'office' })).body).toEqual(closed.body);
    const audit = await stack.container.db.collection('auditLog').where('function', '==', 'books').get();
    expect(audit.docs.map((d) => [d.get('method'), d.get('actor.role')])).toEqual([['PUT', 'admin']]);
  });

  it('refuses a payment dated on or before it (a slip of the year too), in the office’s words, and takes one in the open month', async () => {
    for (const [day, key] of [[closedThrough, 'bk-pay-1'], ['2016-11-05', 'bk-pay-2'], ['1999-01-01', 'bk-pay-3']] as const) {
      const res = await pay(day, key);
      expect([res.status, res.body.error.code, res.body.error.message]).toEqual([422, 'PAYMENT.BOOKS_CLOSED', `${shown} 以前的帳已關帳，無法登記該日的收款；如需更正請聯絡管理員`]);
      expect(res.body.error.details).toMatchObject({ closedThrough, day });
    }
    expect((await stored('payments')).length).toBe(1);
    expect((await pay(openDay, 'bk-pay-open')).status).toBe(201);
  });

  it('refuses voiding a payment or refund dated in the closed month; one of an open month is voided', async () => {
    const payment = await voidOf('payments', beforeClose.payment);
    expect([payment.status, payment.body.error.code]).toEqual([422, 'PAYMENT.VOID_BOOKS_CLOSED']);
    const paidBack = await voidOf('refunds', beforeClose.refund);
    expect([paidBack.status, paidBack.body.error.code]).toEqual([422, 'REFUND.VOID_BOOKS_CLOSED']);
    expect((await stored('payments')).find((p) => p.id === beforeClose.payment)).toMatchObject({ status: 'received' });
    expect((await stored('refunds')).find((r) => r.id === beforeClose.refund)).toMatchObject({ status: 'paid' });

    const open = (await stored('payments')).find((p) => p.receivedOn === openDay) as Json;
    expect((await voidOf('payments', open.id)).body).toMatchObject({ status: 'voided' });
    const openRefund = await refund(openDay, 'bk-ref-open');
    expect(openRefund.status).toBe(201);
    expect((await voidOf('refunds', openRefund.body.id)).body).toMatchObject({ status: 'voided' });
  });

  it('refuses a refund, a deposit and a driver settlement dated in the closed month, writing nothing', async () => {
    const paidBack = await refund(closedThrough, 'bk-ref-1');
    expect([paidBack.status, paidBack.body.error.code]).toEqual([422, 'REFUND.BOOKS_CLOSED']);
    expect(paidBack.body.error.message).toBe(`${shown} 以前的帳已關帳，無法登記該日的退款；如需更正請聯絡管理員`);

    const deposit = (receivedOn: string, key: string) =>
      call('POST', `/api/customers/${customer.id}/deposits`, { as: 'office', key, body: { kind: 'collect', size: 20, count: 1, method: 'cash', receivedOn } });
    const closedDeposit = await deposit(closedThrough, 'bk-dep-1');
    expect([closedDeposit.status, closedDeposit.body.error.code]).toEqual([422, 'DEPOSIT.BOOKS_CLOSED']);
    expect((await stack.container.db.collection('customers').doc(customer.id).get()).get('cylindersOnSite')).toEqual(customer.cylindersOnSite);
    expect((await deposit(openDay, 'bk-dep-2')).status).toBe(201);

    const settle = (date: string) => call('POST', '/api/settlements', { as: 'office', body: { date, driverId: FLEET.drivers[0]!.id, cashReceived: 0 } });
    const closedDay = await settle(closedThrough);
    expect([closedDay.status, closedDay.body.error.code]).toEqual([422, 'SETTLEMENT.BOOKS_CLOSED']);
    expect(await stored('settlements')).toEqual([]);
    expect((await settle(today)).status).toBe(200);
  });

  it('moves back only with a reason, and then the reopened month takes money again', async () => {
    const back = previousMonth(earlier);
    const bare = await close({ closedThrough: monthBounds(back).lastDay });
    expect([bare.status, bare.body.error.code]).toEqual([422, 'BOOKS.REOPEN_REASON_REQUIRED']);
    const reopened = await close({ closedThrough: monthBounds(back).lastDay, reason: '補登漏記的轉帳' });
    expect(reopened.body.closing).toMatchObject({ closedThrough: monthBounds(back).lastDay, reason: '補登漏記的轉帳' });
    expect((await pay(closedThrough, 'bk-pay-reopened')).status).toBe(201);
  });
});

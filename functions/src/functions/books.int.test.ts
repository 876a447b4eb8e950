import type { Timestamp } from '@google-cloud/firestore';
import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { b2cAmounts } from '../domain/invoicing';
import { aCustomer, anIssuedInvoice, anOrder } from '../domain/test-support';
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

describe('an allowance (折讓) cancel under the books-closed date', () => {
  const invoice = anIssuedInvoice('inv-ord-bk', customer, 'AB40000001', { lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 1_000, amount: 2_000 }], amounts: b2cAmounts(2_000) });
  const lastMonthEnd = monthBounds(lastMonth).lastDay;
  const allow = async (key: string) => {
    const issued = await call('POST', `/api/invoices/${invoice.id}/allowances`, { as: 'office', body: { reason: '瓦斯費折讓', amount: 200 }, key });
    expect(issued.status).toBe(201);
    return issued.body.id as string;
  };
  const cancel = (allowanceId: string, as: 'office' | 'admin', key: string) =>
    call('POST', `/api/invoices/${invoice.id}/allowances/${allowanceId}/cancel`, { as, body: { reason: '折讓開錯' }, key });

  it('is refused for one issued in a closed month, for the office and the admin alike, before the issuer is asked; one of an open month is cancelled', async () => {
    await stack.container.db.collection('invoices').doc(invoice.id).set(invoice);
    const closedOne = await allow('bk-alw-closed');
    // Issued on the 15th of last month (still within its cancel deadline when last month began a period: until the 13th after it).
    await stack.container.db.collection('invoiceAllowances').doc(closedOne).update({ issuedAt: `${lastMonth}-15T02:00:00.000Z` });
    const openOne = await allow('bk-alw-open');
    expect((await close({ closedThrough: lastMonthEnd })).status).toBe(200);

    const issuerCancels = jest.spyOn(stack.container.invoiceIssuer, 'cancelAllowance');
    for (const as of ['office', 'admin'] as const) {
      const refused = await cancel(closedOne, as, `bk-alw-cancel-${as}`);
      expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([
        422,
        'ALLOWANCE.CANCEL_BOOKS_CLOSED',
        `這筆折讓的日期 ${Number(lastMonth.slice(5))}/15 在已關帳的月份（${lastMonthEnd.replaceAll('-', '/')} 以前），不能作廢；請在未關帳的月份登記更正`,
      ]);
    }
    const en = await call('POST', `/api/invoices/${invoice.id}/allowances/${closedOne}/cancel`, { as: 'office', body: { reason: '折讓開錯' }, key: 'bk-alw-cancel-en', lang: 'en' });
    expect(en.body.error.message).toMatch(/^This allowance is dated .*, in the books closed through .*, so it cannot be cancelled; record the correction in an open month$/);
    expect(issuerCancels).not.toHaveBeenCalled();
    issuerCancels.mockRestore();
    expect((await stack.container.db.collection('invoiceAllowances').doc(closedOne).get()).get('status')).toBe('issued');

    expect((await cancel(openOne, 'admin', 'bk-alw-cancel-open')).body).toMatchObject({ status: 'void' });
  });
});

describe('a close of the books while an allowance of the month is being cancelled at the issuer', () => {
  const invoice = anIssuedInvoice('inv-ord-bk2', customer, 'AB40000002', { amounts: b2cAmounts(850) });
  it('waits (409) until the issuer has answered, so the cancel the issuer made is written; then it closes', async () => {
    const db = stack.container.db;
    await db.collection('invoices').doc(invoice.id).set(invoice);
    // Closed through the month before last: last month, of the allowance, is open while its cancel is under way.
    await db.collection('settings').doc('books').set({ closedThrough: monthBounds(earlier).lastDay, by: { uid: 'u-admin', role: 'admin' }, at: new Date().toISOString() });
    const issued = await call('POST', `/api/invoices/${invoice.id}/allowances`, { as: 'office', body: { reason: '瓦斯費折讓', amount: 100 }, key: 'bk-alw-wait' });
    expect(issued.status).toBe(201);
    await db.collection('invoiceAllowances').doc(issued.body.id).update({ issuedAt: `${lastMonth}-20T02:00:00.000Z` });

    const issuer = stack.container.invoiceIssuer;
    const cancelAtIssuer = issuer.cancelAllowance.bind(issuer);
    let closing: Json | undefined;
    const issuerCancels = jest.spyOn(issuer, 'cancelAllowance').mockImplementation(async (a, reason) => {
      closing = await close({ closedThrough: monthBounds(lastMonth).lastDay });
      return cancelAtIssuer(a, reason);
    });
    const cancelled = await call('POST', `/api/invoices/${invoice.id}/allowances/${issued.body.id}/cancel`, { as: 'office', body: { reason: '折讓開錯' }, key: 'bk-alw-wait-cancel' });
    issuerCancels.mockRestore();
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'void']);
    expect([closing?.status, closing?.body.error.code, closing?.body.error.message]).toEqual([409, 'BOOKS.ALLOWANCE_CANCEL_UNDER_WAY', `${Number(lastMonth.slice(5))}/20 的一張折讓正在作廢（等候電子發票平台回覆），請稍候再關帳`]);
    expect((await db.collection('settings').doc('booksCancels').get()).data()).toEqual({});
    expect((await close({ closedThrough: monthBounds(lastMonth).lastDay })).status).toBe(200);
  });
});

describe('a close of the books and a payment dated in the month it closes, at the same instant', () => {
  const ROUNDS = 20;
  const lastMonthEnd = monthBounds(lastMonth).lastDay;
  const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const nanos = (t: Timestamp) => BigInt(t.seconds) * 1_000_000_000n + BigInt(t.nanoseconds);

  it(`never leaves a payment in the closed month recorded after the close committed (${ROUNDS} rounds)`, async () => {
    const db = stack.container.db;
    const books = db.collection('settings').doc('books');
    const wrong: Json[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Closed through the month before, as the admin left it; then the admin closes last month while the office backdates a payment into it.
      await books.set({ closedThrough, by: { uid: 'u-admin', role: 'admin' }, at: new Date().toISOString() });
      // The close starts 3 ms later each round: the payment's request does more before its transaction, so the rounds
      // sweep the close from before the payment's transaction, across it, to after its commit.
      const [closing, paying] = await Promise.all([later(round * 3).then(() => close({ closedThrough: lastMonthEnd })), pay(`${lastMonth}-15`, `bk-race-${round}`)]);
      const closedAt = (await books.get()).updateTime!;
      const payment = paying.status === 201 ? await db.collection('payments').doc(paying.body.id as string).get() : undefined;
      const outcome = `${closing.status}/${paying.status}`;
      // Payment first (it stands, created before the close) or close first (the payment refused as in the closed books).
      const consistent =
        (outcome === '200/201' && payment?.exists === true && nanos(payment.createTime!) < nanos(closedAt)) || (outcome === '200/422' && paying.body.error.code === 'PAYMENT.BOOKS_CLOSED');
      if (!consistent) wrong.push({ round, outcome, paymentCreated: payment?.createTime?.toDate().toISOString(), closedAt: closedAt.toDate().toISOString() });
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});

describe('a close of the books over a driver’s day with no hand-in recorded (司機日結)', () => {
  const lastMonthEnd = monthBounds(lastMonth).lastDay;
  const driver = FLEET.drivers[0]!;

  it('is refused naming the day and the driver, unless confirmed; once the hand-in is recorded it closes', async () => {
    const db = stack.container.db;
    await db.collection('settings').doc('books').set({ closedThrough, by: { uid: 'u-admin', role: 'admin' }, at: new Date().toISOString() });
    const order = anOrder().withId('ord-bk-unsettled').forCustomer(customer).inStatus('delivered').build();
    await db
      .collection('orders')
      .doc(order.id)
      .set({ ...order, driverId: driver.id, delivery: { at: `${lastMonth}-20T03:00:00.000Z`, delivered: order.items, emptiesCollected: [], cashCollected: 0 } });

    const refused = await close({ closedThrough: lastMonthEnd });
    const day = `${lastMonth.slice(5)}/20 ${driver.name}`;
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([
      409,
      'BOOKS.UNSETTLED_DAYS',
      `還有 1 筆司機日結沒有登記：${day}；關帳後就不能再登記這些日子收回的現金。請先到報表的司機日結登記，或確定仍要關帳`,
    ]);
    expect(refused.body.error.details.unsettled).toEqual([{ date: `${lastMonth}-20`, driverId: driver.id, driverName: driver.name }]);
    expect((await db.collection('settings').doc('books').get()).get('closedThrough')).toBe(closedThrough);

    expect((await close({ closedThrough: lastMonthEnd, confirmUnsettledDays: true })).body.closing).toMatchObject({ closedThrough: lastMonthEnd });
    expect((await close({ closedThrough, reason: '補登司機日結' })).status).toBe(200);
    expect((await call('POST', '/api/settlements', { as: 'office', body: { date: `${lastMonth}-20`, driverId: driver.id, cashReceived: 0 } })).status).toBe(200);
    expect((await close({ closedThrough: lastMonthEnd })).body.closing).toMatchObject({ closedThrough: lastMonthEnd });
  });
});

describe('a close of the books over an invoice voided and not reissued, and over a month whose 月結 invoices have not gone out', () => {
  const lastMonthEnd = monthBounds(lastMonth).lastDay;
  const onAccount = aCustomer().withId('cust-bk-monthly').withCode('C00072').with({ name: '月結關帳麵店', paymentTerms: 'monthly' }).build();
  // The drivers' days are another test's: every close here confirms them.
  const closeConfirming = (body: Json) => close({ closedThrough: lastMonthEnd, confirmUnsettledDays: true, ...body });

  it('is refused naming each kind in turn, unless confirmed; once reissued and invoiced it closes', async () => {
    const db = stack.container.db;
    await db.collection('settings').doc('books').set({ closedThrough, by: { uid: 'u-admin', role: 'admin' }, at: new Date().toISOString() });
    await db.collection('customers').doc(onAccount.id).set(onAccount);
    const order = anOrder().withId('ord-bk-monthly').forCustomer(onAccount).with({ paymentMethod: 'monthly' }).inStatus('delivered').build();
    await db.collection('orders').doc(order.id).set({ ...order, delivery: { at: `${lastMonth}-15T03:00:00.000Z`, delivered: order.items, emptiesCollected: [], cashCollected: 0 } });
    const voided = { status: 'void' as const, voidedAt: `${lastMonth}-13T02:00:00.000Z`, voidReason: '統一編號填錯' };
    await db.collection('invoices').doc('inv-ord-bk-void').set(anIssuedInvoice('inv-ord-bk-void', customer, 'AB40000091', { ...voided, issuedAt: `${lastMonth}-12T02:00:00.000Z` }));
    // Voided in the month closed before: that close's business, not this one's.
    await db.collection('invoices').doc('inv-ord-bk-void-old').set(anIssuedInvoice('inv-ord-bk-void-old', customer, 'AB40000092', { ...voided, issuedAt: `${earlier}-12T02:00:00.000Z` }));

    const unreissued = await closeConfirming({});
    expect([unreissued.status, unreissued.body.error.code, unreissued.body.error.message]).toEqual([
      409,
      'BOOKS.UNREISSUED_INVOICES',
      `還有 1 張作廢發票尚未重新開立：AB40000091 ${lastMonth.slice(5)}/12；這些銷售目前沒有有效發票。請先到發票頁重新開立，或確定仍要關帳`,
    ]);
    expect(unreissued.body.error.details.unreissued).toEqual([{ number: 'AB40000091', day: `${lastMonth}-12` }]);

    const runDue = await closeConfirming({ confirmUnreissuedInvoices: true });
    expect([runDue.status, runDue.body.error.code, runDue.body.error.message]).toEqual([
      409,
      'BOOKS.INVOICE_RUNS_DUE',
      `${lastMonth.replace('-', '/')} 的月結發票還有 1 位客戶沒有開立；請先開立月結發票，或確定仍要關帳`,
    ]);
    expect(runDue.body.error.details.due).toEqual([{ month: lastMonth, customers: 1 }]);
    expect((await db.collection('settings').doc('books').get()).get('closedThrough')).toBe(closedThrough);

    expect((await closeConfirming({ confirmUnreissuedInvoices: true, confirmInvoiceRunsDue: true })).body.closing).toMatchObject({ closedThrough: lastMonthEnd });
    expect((await close({ closedThrough, reason: '發票補開' })).status).toBe(200);
    await db.collection('invoices').doc('inv-ord-bk-void').update({ reissuedAs: 'inv-ord-bk-void-r1', reissuedNumber: 'AB40000093' });
    const monthId = `inv-${onAccount.id}-${lastMonth}`;
    await db.collection('invoices').doc(monthId).set(anIssuedInvoice(monthId, onAccount, 'AB40000094', { source: { customerId: onAccount.id, month: lastMonth, orderIds: [order.id] } }));
    expect((await closeConfirming({})).body.closing).toMatchObject({ closedThrough: lastMonthEnd });
  });
});

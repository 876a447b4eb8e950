import { FieldValue } from '@google-cloud/firestore';
import { taipeiDate } from '../domain/clock';
import { nextMonth, previousMonth, taipeiMonth } from '../domain/billing';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const lastMonth = previousMonth(taipeiMonth(new Date()));
const earlier = previousMonth(lastMonth);
const customerA = aCustomer().withId('cust-ja').withCode('C00081').with({ name: '林記麵館', paymentTerms: 'monthly' }).build();
const customerB = aCustomer().withId('cust-jb').withCode('C00082').with({ name: '王家小吃', paymentTerms: 'transfer' }).build();

const pay = (customerId: string, body: Json, key: string, as: 'office' | 'admin' = 'office') => call('POST', `/api/customers/${customerId}/payments`, { as, key, body });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'payment-journal', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customerA, customerB]) await db.collection('customers').doc(c.id).set(c);
  await db.collection('users').doc('u-office').set({ uid: 'u-office', username: 'office', displayName: '辦公室 小美', role: 'office', disabled: false });
  const made = [
    await pay(customerB.id, { amount: 3200, method: 'transfer', receivedOn: `${lastMonth}-05`, reference: '01234' }, 'j-1'),
    await pay(customerA.id, { amount: 1500, method: 'cash', receivedOn: `${lastMonth}-03`, note: '十月貨款' }, 'j-2', 'admin'),
    await pay(customerA.id, { amount: 800, method: 'cheque', receivedOn: `${lastMonth}-05`, reference: 'AB123456' }, 'j-3'),
    await pay(customerA.id, { amount: 9999, method: 'transfer', receivedOn: `${lastMonth}-06` }, 'j-4'),
    await pay(customerA.id, { amount: 700, method: 'cash', receivedOn: `${earlier}-28` }, 'j-5'),
  ];
  for (const m of made) expect(m.status).toBe(201);
  expect((await call('POST', `/api/customers/${customerA.id}/payments/${made[3]!.body.id}/void`, { as: 'office', body: { reason: '金額登記錯誤' } })).status).toBe(200);
  // 王家小吃 paid NT$3,200 with nothing owed: part of the credit goes back.
  const refund = await call('POST', `/api/customers/${customerB.id}/refunds`, { as: 'office', key: 'j-r-1', body: { amount: 1000, method: 'transfer', paidOn: `${lastMonth}-09`, reason: '多匯退回' } });
  expect(refund.status).toBe(201);
});
afterAll(() => stack.close());

describe('the payments journal (收款明細) on the emulators', () => {
  it("lists the month's payments of every customer by day, with who recorded them, totals per method, and the voided one apart", async () => {
    const res = await call('GET', `/api/payments?month=${lastMonth}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.received.map((l: Json) => [l.receivedOn.slice(8), l.customerCode, l.customerName, l.method, l.reference ?? null, l.amount, l.recordedBy])).toEqual([
      ['03', 'C00081', '林記麵館', 'cash', null, 1500, 'u-admin'],
      ['05', 'C00082', '王家小吃', 'transfer', '01234', 3200, '辦公室 小美'],
      ['05', 'C00081', '林記麵館', 'cheque', 'AB123456', 800, '辦公室 小美'],
    ]);
    expect(res.body.voided).toEqual([expect.objectContaining({ amount: 9999, status: 'voided', voidReason: '金額登記錯誤' })]);
    expect(res.body.totals).toEqual({ byMethod: { transfer: 3200, cash: 1500, cheque: 800 }, all: 5500 });
  });

  it('exports it as CSV for the bookkeeper, references kept as text, totals per method and the voided rows under their own header', async () => {
    const res = await call('GET', `/api/payments/export?month=${lastMonth}`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="payments-${lastMonth}.csv"`);
    const rows = (res.body.raw as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows.slice(0, 4)).toEqual(['幸福氣 收款明細', `月份,${lastMonth}`, '收款日,客戶代號,客戶名稱,收款方式,參考號碼,金額,備註,登記人', `${lastMonth}-03,C00081,林記麵館,現金,,1500,十月貨款,u-admin`]);
    expect(rows[4]).toBe(`${lastMonth}-05,C00082,王家小吃,轉帳,"=""01234""",3200,,辦公室 小美`);
    expect(rows.slice(6, 10)).toEqual(['合計（轉帳）,,,,,3200', '合計（現金）,,,,,1500', '合計（支票）,,,,,800', '合計,,,,,5500']);
    expect(rows.slice(10, 14)).toEqual(['', '已作廢（不計入合計）', '收款日,客戶代號,客戶名稱,收款方式,參考號碼,金額,備註,登記人,作廢原因', `${lastMonth}-06,C00081,林記麵館,轉帳,,9999,,辦公室 小美,金額登記錯誤`]);
  });

  it("lists the month's refunds paid back apart from the payments, with their own totals, and exports them after the payments", async () => {
    const res = await call('GET', `/api/payments?month=${lastMonth}`, { as: 'office' });
    expect(res.body.refunds.paid.map((l: Json) => [l.paidOn.slice(8), l.customerCode, l.method, l.amount, l.reason, l.recordedBy])).toEqual([['09', 'C00082', 'transfer', 1000, '多匯退回', '辦公室 小美']]);
    expect(res.body.refunds.totals).toEqual({ byMethod: { cash: 0, transfer: 1000 }, all: 1000 });
    expect(res.body.totals.all).toBe(5500);
    const rows = ((await call('GET', `/api/payments/export?month=${lastMonth}`, { as: 'office' })).body.raw as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows.slice(rows.indexOf('退款（付還客戶，不計入收款合計）'))).toEqual([
      '退款（付還客戶，不計入收款合計）',
      '退款日,客戶代號,客戶名稱,退款方式,,金額,原因,登記人',
      `${lastMonth}-09,C00082,王家小吃,轉帳,,1000,多匯退回,辦公室 小美`,
      '退款合計（現金）,,,,,0',
      '退款合計（轉帳）,,,,,1000',
      '退款合計,,,,,1000',
      '',
    ]);
  });

  it('answers a month without payments empty, and refuses a month not begun or malformed', async () => {
    const empty = await call('GET', `/api/payments?month=${previousMonth(earlier)}`, { as: 'office' });
    expect(empty.body).toEqual({
      month: previousMonth(earlier),
      received: [],
      voided: [],
      totals: { byMethod: { transfer: 0, cash: 0, cheque: 0 }, all: 0 },
      refunds: { paid: [], voided: [], totals: { byMethod: { cash: 0, transfer: 0 }, all: 0 } },
    });
    const future = await call('GET', `/api/payments?month=${nextMonth(taipeiMonth(new Date()))}`, { as: 'office' });
    expect([future.status, future.body.error.code]).toEqual([422, 'STATEMENT.MONTH_IN_FUTURE']);
    expect((await call('GET', '/api/payments?month=2026-13', { as: 'office' })).status).toBe(400);
    expect((await call('GET', '/api/payments', { as: 'office' })).status).toBe(400);
  });
});

describe('finding payments by reference (參考號碼) on the emulators', () => {
  const customerE = aCustomer().withId('cust-je').withCode('C00085').with({ name: '曾記麵館', paymentTerms: 'monthly' }).build();
  const byReference = (reference: string, as: 'office' | 'admin' | 'driver1' | 'customerA' = 'office', lang?: string) =>
    call('GET', `/api/payments/by-reference?reference=${encodeURIComponent(reference)}`, { as, ...(lang ? { lang } : {}) });

  beforeAll(async () => {
    await stack.container.db.collection('customers').doc(customerE.id).set(customerE);
    const made = [
      await pay(customerE.id, { amount: 10200, method: 'transfer', receivedOn: `${earlier}-10`, reference: '08707' }, 'r-1'),
      // The same account typed whole one month, with its dashes.
      await pay(customerE.id, { amount: 12240, method: 'transfer', receivedOn: `${lastMonth}-12`, reference: '012-3456-08707' }, 'r-2'),
      // Another account sharing the first digits, not the last five.
      await pay(customerB.id, { amount: 500, method: 'transfer', receivedOn: `${lastMonth}-13`, reference: '08707123' }, 'r-3'),
    ];
    for (const m of made) expect(m.status).toBe(201);
  });

  it('finds the payments of every month whose account ends with the digits a bank line prints, newest first, with their customer', async () => {
    const res = await byReference('08707');
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    expect(res.body.items.map((l: Json) => [l.receivedOn, l.customerId, l.customerCode, l.customerName, l.method, l.reference, l.amount, l.status])).toEqual([
      [`${lastMonth}-12`, customerE.id, 'C00085', '曾記麵館', 'transfer', '012-3456-08707', 12240, 'received'],
      [`${earlier}-10`, customerE.id, 'C00085', '曾記麵館', 'transfer', '08707', 10200, 'received'],
    ]);
  });

  it('finds an account typed as its last five digits from the whole number, and a voided payment marked as such', async () => {
    const whole = await byReference('012345608707', 'admin');
    expect(whole.body.items.map((l: Json) => l.reference)).toEqual(['012-3456-08707', '08707']);
    const voided = await pay(customerA.id, { amount: 300, method: 'transfer', receivedOn: `${lastMonth}-20`, reference: '55501' }, 'r-4');
    expect((await call('POST', `/api/customers/${customerA.id}/payments/${voided.body.id}/void`, { as: 'office', body: { reason: '重複登記' } })).status).toBe(200);
    expect((await byReference('55501')).body.items).toEqual([expect.objectContaining({ customerName: '林記麵館', status: 'voided', voidReason: '重複登記' })]);
    expect((await byReference('99999')).body).toEqual({ reference: '99999', items: [], truncated: false });
  });

  it('refuses anything but 5 to 40 digits, saying so in the caller’s language', async () => {
    for (const bad of ['8707', '08707a', '087 07', '1'.repeat(41)]) {
      const res = await byReference(bad);
      expect([bad, res.status, res.body.error.code]).toEqual([bad, 400, 'REQUEST.VALIDATION']);
    }
    const zh = await byReference('8707');
    expect(zh.body.error.fields).toEqual([{ path: 'query.reference', message: '參考號碼請輸入 5 到 40 位數字，例如銀行對帳單上的轉帳帳號末五碼' }]);
    const en = await byReference('8707', 'office', 'en');
    expect(en.body.error.fields[0].message).toBe('Enter the reference as 5 to 40 digits, such as the last five digits of the paying account on the bank statement');
  });

  it('refuses drivers and customers', async () => {
    for (const who of ['driver1', 'customerA'] as const) {
      const res = await byReference('08707', who);
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, 'AUTH.FORBIDDEN']);
    }
  });
});

describe('backfilling the reference tail of payments recorded before it was kept', () => {
  const customerF = aCustomer().withId('cust-jf').withCode('C00086').with({ name: '阿福快炒', paymentTerms: 'transfer' }).build();
  const backfill = (body: Json, as: 'office' | 'admin' | 'driver1' | 'customerA' = 'admin') => call('POST', '/api/payments/reference-tails', { as, body });
  /** Every page, each call passing back the last one's cursor, as an admin script would. */
  const backfillAll = async (limit: number) => {
    const pages: Json[] = [];
    let after: string | null | undefined;
    do {
      const res = await backfill({ limit, ...(after ? { after } : {}) });
      expect(res.status).toBe(200);
      pages.push(res.body);
      after = res.body.nextCursor as string | null;
    } while (after);
    return pages;
  };
  let oldIds: string[];

  beforeAll(async () => {
    await stack.container.db.collection('customers').doc(customerF.id).set(customerF);
    const made = [
      await pay(customerF.id, { amount: 4600, method: 'transfer', receivedOn: `${earlier}-15`, reference: '700-12-3456-24680' }, 'b-1'),
      await pay(customerF.id, { amount: 5100, method: 'transfer', receivedOn: `${lastMonth}-15`, reference: '7001234524680' }, 'b-2'),
    ];
    oldIds = made.map((m) => m.body.id as string);
    // As stored before the tail was kept.
    for (const id of oldIds) await stack.container.db.collection('payments').doc(id).update({ referenceTail: FieldValue.delete() });
  });

  it('writes the tail a page at a time, after which the 末五碼 find them, and a rerun writes nothing', async () => {
    expect((await call('GET', '/api/payments/by-reference?reference=24680', { as: 'office' })).body.items).toEqual([]);
    const all = (await stack.container.db.collection('payments').count().get()).data().count;
    const pages = await backfillAll(3);
    expect(pages.length).toBe(Math.floor(all / 3) + 1);
    expect(pages.reduce((n, p) => n + (p.payments as number), 0)).toBe(all);
    expect(pages.reduce((n, p) => n + (p.written as number), 0)).toBe(2);
    const found = await call('GET', '/api/payments/by-reference?reference=24680', { as: 'office' });
    expect(found.body.items.map((l: Json) => [l.id, l.customerName, l.reference])).toEqual([
      [oldIds[1], '阿福快炒', '7001234524680'],
      [oldIds[0], '阿福快炒', '700-12-3456-24680'],
    ]);
    const rerun = await backfillAll(1000);
    expect(rerun).toEqual([{ payments: all, written: 0, nextCursor: null }]);
  });

  it('refuses the office, drivers and customers, and a page size out of range; an admin’s call is audited', async () => {
    for (const who of ['office', 'driver1', 'customerA'] as const) {
      const res = await backfill({}, who);
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, 'AUTH.FORBIDDEN']);
    }
    for (const limit of [0, 1001, 2.5]) {
      const res = await backfill({ limit });
      expect([limit, res.status, res.body.error.fields.map((f: Json) => f.path)]).toEqual([limit, 400, ['body.limit']]);
    }
    const audit = () => stack.container.db.collection('auditLog').where('function', '==', 'payments').where('route', '==', '/reference-tails').get();
    const before = (await audit()).size;
    expect((await backfill({})).body).toMatchObject({ written: 0, nextCursor: null });
    const entries = (await audit()).docs.map((d) => [d.get('actor.role'), d.get('method'), d.get('status')]);
    expect(entries.length).toBe(before + 1);
    expect(new Set(entries.map((e) => e.join(' ')))).toEqual(new Set(['admin POST 200']));
  });
});

describe('the deposit journal (押金明細) on the emulators', () => {
  const today = taipeiDate(new Date());
  const customerC = aCustomer().withId('cust-jc').withCode('C00083').with({ name: '陳記小吃', cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }] }).build();
  // Became a customer after the month, with an opening deposit that has no record: held nothing at the month's end.
  const customerD = aCustomer().withId('cust-jd').withCode('C00084').with({ name: '新開店', cylindersOnSite: [{ size: 50, count: 1, depositPaid: 2500 }] }).createdAt(new Date()).build();
  const deposit = (customerId: string, body: Json, key: string) => call('POST', `/api/customers/${customerId}/deposits`, { as: 'office', key, body });

  beforeAll(async () => {
    for (const c of [customerC, customerD]) await stack.container.db.collection('customers').doc(c.id).set(c);
    const made = [
      await deposit(customerC.id, { kind: 'collect', size: 10, count: 1, method: 'cash', receivedOn: `${earlier}-28` }, 'd-1'),
      await deposit(customerC.id, { kind: 'collect', size: 20, count: 1, method: 'cash', receivedOn: `${lastMonth}-10`, note: '加一支' }, 'd-2'),
      await deposit(customerA.id, { kind: 'collect', size: 16, count: 1, amount: 900, method: 'transfer', receivedOn: `${lastMonth}-15` }, 'd-3'),
      await deposit(customerC.id, { kind: 'refund', size: 20, count: 1, method: 'transfer', receivedOn: `${lastMonth}-20` }, 'd-4'),
      await deposit(customerA.id, { kind: 'refund', size: 16, count: 1, amount: 900, method: 'cash', receivedOn: today }, 'd-5'),
    ];
    for (const m of made) expect(m.status).toBe(201);
  });

  it("lists the month's deposits of every customer by day with the totals per method, and what all customers held at its end", async () => {
    const res = await call('GET', `/api/payments/deposits?month=${lastMonth}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: Json) => [l.receivedOn.slice(8), l.customerCode, l.kind, l.size, l.amount, l.method, l.recordedBy])).toEqual([
      ['10', 'C00083', 'collect', 20, 1200, 'cash', '辦公室 小美'],
      ['15', 'C00081', 'collect', 16, 900, 'transfer', '辦公室 小美'],
      ['20', 'C00083', 'refund', 20, 1200, 'transfer', '辦公室 小美'],
    ]);
    expect(res.body.totals).toEqual({ collected: { cash: 1200, transfer: 900, all: 2100 }, refunded: { cash: 0, transfer: 1200, all: 1200 }, net: 900 });
    // Today's refund undone (林記 held the 16 kg deposit then), the 10 kg of the month before kept, 新開店 not yet a customer.
    expect(res.body.heldAtMonthEnd).toEqual({ bySize: [{ size: 10, amount: 800 }, { size: 16, amount: 900 }, { size: 20, amount: 3600 }], all: 5300 });
  });

  it('exports it as CSV for the bookkeeper, refunds negative, the totals and the deposits held at month end per size', async () => {
    const res = await call('GET', `/api/payments/deposits/export?month=${lastMonth}`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="deposits-${lastMonth}.csv"`);
    const rows = (res.body.raw as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows.slice(0, 6)).toEqual([
      '幸福氣 押金明細',
      `月份,${lastMonth}`,
      '日期,客戶代號,客戶名稱,收退,規格,瓶數,金額,方式,備註,登記人,司機收取日（補登）',
      `${lastMonth}-10,C00083,陳記小吃,收押金,20 公斤,1,1200,現金,加一支,辦公室 小美,`,
      `${lastMonth}-15,C00081,林記麵館,收押金,16 公斤,1,900,轉帳,,辦公室 小美,`,
      `${lastMonth}-20,C00083,陳記小吃,退押金,20 公斤,1,-1200,轉帳,,辦公室 小美,`,
    ]);
    expect(rows.slice(12, 18)).toEqual(['本月押金淨增加,,,,,,900', '', '月底押金餘額（全部客戶）,,,,,,5300', ',,,,10 公斤,,800', ',,,,16 公斤,,900', ',,,,20 公斤,,3600']);
  });

  it('refuses a month not begun, as the payments journal does', async () => {
    const future = await call('GET', `/api/payments/deposits?month=${nextMonth(taipeiMonth(new Date()))}`, { as: 'office' });
    expect([future.status, future.body.error.code]).toEqual([422, 'STATEMENT.MONTH_IN_FUTURE']);
  });
});

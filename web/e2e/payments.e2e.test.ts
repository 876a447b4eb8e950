import type { Browser } from 'playwright-core';
import { previousMonth, recordPayment, taipeiMonth } from '../../functions/src/domain/billing';
import { taipeiInstant } from '../../functions/src/domain/calendar';
import type { Customer } from '../../functions/src/domain/customers';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatMoney } from '../src/lib/format';
import { closeBrowserStack, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of matching a bank line to its customer (林會計 at month end, 1366×768): 「轉入 NT$12,240 末五碼 08707」 found
 * among the payments of every month on 收款明細, leading to the customer's statement with its 登記收款 open on that reference,
 * saying what is owed and of which months.
 */

let stack: TestStack;
let browser: Browser;

const thisMonth = taipeiMonth(new Date());
const lastMonth = previousMonth(thisMonth);
const earlier = previousMonth(lastMonth);
const before = previousMonth(earlier);
const zeng = aCustomer().withId('cust-py-zeng').withCode('C00501').with({ name: '曾記麵館', paymentTerms: 'monthly' }).build();
const wang = aCustomer().withId('cust-py-wang').withCode('C00502').with({ name: '王家小吃', paymentTerms: 'transfer' }).build();

/** A monthly-account order of `quantity` 20 kg cylinders delivered on the 10th of `month`, nothing taken at the door. */
function delivered(id: string, customer: Customer, month: string, quantity: number) {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }], paymentMethod: 'monthly' }).inStatus('delivered').build();
  return { ...order, delivery: { at: taipeiInstant(`${month}-10`, '10:00'), delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: 0 }, version: 1 };
}
const orders = [delivered('ord-py-0', zeng, before, 3), delivered('ord-py-1', zeng, earlier, 2), delivered('ord-py-2', zeng, lastMonth, 4)];
const [paidOff, owedEarlier, owedLast] = orders.map((o) => o.total) as [number, number, number];

const payment = (id: string, customer: Customer, amount: number, receivedOn: string, reference: string) =>
  recordPayment(
    { amount, method: 'transfer', receivedOn, reference, note: '' },
    { id, customerId: customer.id, today: receivedOn, by: { uid: 'u-office', role: 'office' }, now: new Date(taipeiInstant(receivedOn, '10:00')) },
  );

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-payments', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '林會計', { role: 'office' });
  for (const c of [zeng, wang]) await db.collection('customers').doc(c.id).set(c);
  for (const o of orders) await db.collection('orders').doc(o.id).set(o);
  // 曾記 paid the oldest month from the account ending 08707; 王家's account ends with other digits.
  for (const p of [payment('pay-py-1', zeng, paidOff, `${earlier}-12`, '08707'), payment('pay-py-2', wang, 500, `${lastMonth}-05`, '08707123')]) {
    await db.collection('payments').doc(p.id).set(p);
  }
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('收款 in the browser', () => {
  it('finds who paid from a bank line’s account (末五碼) in an earlier month, whose statement opens with 登記收款 open on that reference, saying what is owed, month by month', async () => {
    const page = await officePage(browser, stack.url, { width: 1366, height: 768 });
    await page.goto(`${stack.url}/office/payments`);
    const search = page.getByTestId('reference-search');
    await search.getByText('以參考號碼找客戶').waitFor({ timeout: 20_000 });
    await search.getByTestId('reference-search-input').fill('08707');
    await search.getByTestId('reference-search-submit').click();
    const rows = search.locator('[data-test=reference-search-results] .el-table__body-wrapper .el-table__row');
    await rows.first().getByText('曾記麵館').waitFor({ timeout: 20_000 });
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(formatMoney(paidOff));

    await rows.first().getByTestId('reference-search-customer').click();
    await page.waitForURL(new RegExp(`/office/customers/${zeng.id}/statement`));
    await expect(page.getByTestId('payment-reference').inputValue({ timeout: 20_000 })).resolves.toBe('08707');
    // Spent once opened: a reload shows the statement without opening it again.
    await page.waitForURL((url) => !url.searchParams.has('pay'));
    const owed = page.getByTestId('payment-owed');
    const monthText = (m: string) => `${m.slice(0, 4)} 年 ${Number(m.slice(5))} 月`;
    await expect(owed.textContent({ timeout: 20_000 })).resolves.toBe(
      `目前結欠 ${formatMoney(owedEarlier + owedLast)}：${monthText(earlier)} ${formatMoney(owedEarlier)}、${monthText(lastMonth)} ${formatMoney(owedLast)}`,
    );
    await page.context().close();
  }, 90_000);

  it('says what a reference must be when it is not 5 to 40 digits, and that nothing matched when nothing did', async () => {
    const page = await officePage(browser, stack.url, { width: 1366, height: 768 });
    await page.goto(`${stack.url}/office/payments`);
    const search = page.getByTestId('reference-search');
    await search.getByTestId('reference-search-input').fill('8707', { timeout: 20_000 });
    await search.getByTestId('reference-search-submit').click();
    await search.getByText('參考號碼請輸入 5 到 40 位數字，例如銀行對帳單上的轉帳帳號末五碼').waitFor({ timeout: 20_000 });
    await search.getByTestId('reference-search-input').fill('99999');
    await search.getByTestId('reference-search-submit').click();
    await search.getByText('沒有參考號碼 99999 的收款').waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 90_000);
});

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { monthBounds, previousMonth, taipeiMonth } from '../../functions/src/domain/billing';
import type { Customer } from '../../functions/src/domain/customers';
import type { Order } from '../../functions/src/domain/orders';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatMoney } from '../src/lib/format';
import { blockingViolations, settled } from './axe';
import { closeBrowserStack, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 月結對帳單批次 on the built SPA, the local gateway and the emulators: the office opens last month's
 * statements of every customer who gets one, one after another, and prints them a customer a page; a customer with
 * nothing on the account that month is left out; a read that fails says why and goes on from where it stopped.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const lastMonth = previousMonth(taipeiMonth(new Date()));
const monthBefore = previousMonth(lastMonth);
const inMonth = (month: string, day: number) => new Date(Date.parse(monthBounds(month).from) + (day - 1) * 86_400_000 + 3 * 3_600_000).toISOString();

const noodles = aCustomer().withId('cust-batch-1').withCode('C00901').with({ name: '曾記麵館', paymentTerms: 'monthly' }).build();
/** Nothing delivered last month, still owing the month before's. */
const teaShop = aCustomer().withId('cust-batch-2').withCode('C00902').with({ name: '春水茶行', paymentTerms: 'monthly' }).build();
const quiet = aCustomer().withId('cust-batch-3').withCode('C00903').with({ name: '安靜小舖', paymentTerms: 'monthly' }).build();

const delivered = (id: string, customer: Customer, month: string, quantity: number): Order => {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }], paymentMethod: 'monthly' }).inStatus('delivered').build();
  return { ...order, delivery: { at: inMonth(month, 10), delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: 0 } };
};
const orders = [delivered('ord-batch-1', noodles, lastMonth, 2), delivered('ord-batch-2', teaShop, monthBefore, 1)];
const owed = orders.reduce((sum, o) => sum + o.total, 0);

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-statement-batch', subscriptions: [] }));
  const db = stack.container.db;
  await Promise.all([
    ...[noodles, teaShop, quiet].map((c) => db.collection('customers').doc(c.id).set(c)),
    ...orders.map((o) => db.collection('orders').doc(o.id).set({ ...o, version: 1 })),
    seedUser(db, 'office', '辦公室 林會計', { role: 'office' }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('月結對帳單批次 in the browser', () => {
  it('opens from 應收帳款’s month-end on last month’s statements of the customers who get one, with their closing total, and prints a customer a page', async () => {
    const page = await officePage(browser, stack.url, { width: 1366, height: 768 });
    // A once-a-month task, so not in the menu: beside the month-end 帳齡表 its total ties to, for the month picked there.
    await page.goto(`${stack.url}/office/receivables`);
    await page.getByTestId('receivables-month-statements').click();
    await page.waitForURL(/\/office\/statements\?month=/);
    const summary = page.getByTestId('statement-batch-summary');
    await summary.filter({ hasText: '共 2 份對帳單' }).waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toBe(`共 2 份對帳單，期末結餘合計 ${formatMoney(owed)}`);
    expect(new URL(page.url()).searchParams.get('month')).toBe(lastMonth);
    const sheets = page.getByTestId('statement');
    expect(await sheets.getByTestId('statement-customer').allTextContents()).toEqual([expect.stringContaining('曾記麵館（C00901）'), expect.stringContaining('春水茶行（C00902）')]);
    expect(await page.getByText('安靜小舖').count()).toBe(0);
    expect(await sheets.nth(1).getByTestId('statement-closing').textContent()).toBe(formatMoney(orders[1]!.total));
    await page.screenshot({ path: join(SHOTS, 'lg-office-statement-batch.png') });
    await settled(page);
    await expect(blockingViolations(page, 'the month’s statements')).resolves.toEqual([]);

    await page.emulateMedia({ media: 'print' });
    const breaks = await sheets.evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
    expect(breaks).toEqual(['auto', 'page']);
    expect(await page.getByTestId('statement-batch-print').isVisible()).toBe(false);
    expect(await summary.isVisible()).toBe(false);
  });

  it('says why a read failed and goes on from where it stopped when asked', async () => {
    const page = await officePage(browser, stack.url, { width: 1366, height: 768 });
    let failed = 0;
    await page.route(/\/api\/statements\?/, async (route) => {
      if (failed++ > 0) return route.continue();
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: '服務暫時無法使用，請稍後再試' } }) });
    });
    await page.goto(`${stack.url}/office/statements?month=${lastMonth}`);
    await page.getByTestId('statement-batch-error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('statement-batch-print').isDisabled()).toBe(true);
    await page.getByTestId('statement-batch-retry').click();
    await page.getByTestId('statement-batch-summary').filter({ hasText: '共 2 份對帳單' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('statement-batch-error').count()).toBe(0);
    expect(await page.getByTestId('statement').count()).toBe(2);
  });
});

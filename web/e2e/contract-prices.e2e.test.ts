import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { addDays, formatCalendarDate, formatShortDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 合約價 on the built SPA, the local gateway and the emulators: the admin gives a restaurant NT$50 off the
 * 20 kg list price in the customer drawer, which then reads 牌價 − 折讓 = the price and re-prices its booked order; the
 * office clerk reads it without an edit button; in the portal the restaurant's 叫瓦斯 quote names the contract price,
 * while another customer is quoted the list price. A chain's branch without terms of its own shows its head office's, marked
 * 沿用總店合約價.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const TODAY = taipeiDate();
const restaurant = aCustomer().withId('cust-contract-1').withCode('C00701').with({ name: '林記麵館' }).build();
const household = aCustomer().withId('cust-contract-2').withCode('C00702').with({ name: '陳家', type: 'household' }).build();
const chainHq = {
  ...aCustomer().withId('cust-contract-hq').withCode('C00703').with({ name: '大福餐飲總公司', paymentTerms: 'monthly' }).build(),
  contractPrices: [{ size: 20, kind: 'discount', amount: 60, effectiveFrom: addDays(TODAY, -30) }],
};
const chainBranch = { ...aCustomer().withId('cust-contract-br').withCode('C00704').with({ name: '大福新莊店', paymentTerms: 'monthly' }).build(), payerId: chainHq.id };

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-contract-prices', subscriptions: [] }));
  const db = stack.container.db;
  const booked = {
    ...anOrder().withId('ord-contract-1').forCustomer(restaurant).build(),
    items: [{ size: 20, quantity: 2, unitPrice: 900, subtotal: 1800 }],
    total: 1800,
    requestedDate: addDays(TODAY, 3),
  };
  const from = addDays(TODAY, -40);
  await Promise.all([
    ...[restaurant, household, chainHq, chainBranch].map((c) => db.collection('customers').doc(c.id).set(c)),
    db.collection('orders').doc(booked.id).set({ ...booked, version: 1 }),
    ...[20, 50].map((size) =>
      db
        .collection('priceList')
        .doc(`price-${size}-${from}`)
        .set({ id: `price-${size}-${from}`, size, unitPrice: size === 20 ? 900 : 2100, effectiveFrom: from, createdAt: new Date().toISOString(), createdBy: 'seed' }),
    ),
    seedUser(db, 'contract-admin', '價格管理員', { role: 'admin' }),
    seedUser(db, 'contract-office', '王小姐', { role: 'office' }),
    seedUser(db, 'c00701', '林老闆', { role: 'customer', customerId: restaurant.id }),
    seedUser(db, 'c00702', '陳太太', { role: 'customer', customerId: household.id }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

const LINE = '20 公斤牌價 NT$900 − 折讓 NT$50 = NT$850';

describe('合約價 in the browser', () => {
  it('the admin sets a discount in the customer drawer, which shows list − discount = price and re-prices the booked order', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'contract-admin', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '林記麵館' }).click();
    const section = page.getByTestId('customer-drawer').getByTestId('contract-prices');
    await section.getByText('無合約價，依牌價計價').waitFor({ timeout: 20_000 });
    await section.getByTestId('contract-prices-edit').click();

    const dialog = page.getByRole('dialog', { name: '林記麵館 的合約價' });
    await dialog.locator('[data-test=contract-price-amount] input').fill('50');
    await dialog.locator('[data-test=contract-price-amount] input').press('Tab');
    await dialog.getByTestId('contract-price-note').fill('C-2026-031 年約');
    await dialog.getByTestId('contract-prices-save').click();
    await page.locator('.el-message--success').getByText('已儲存合約價，1 筆尚未排車的訂單已改價').waitFor({ timeout: 20_000 });

    const line = section.getByTestId('contract-price-line');
    await line.getByText(LINE).waitFor();
    await line.getByText(`${formatCalendarDate(TODAY, 'zh-TW')} 起`).waitFor();
    await line.getByText('C-2026-031 年約').waitFor();
    await page.getByTestId('customer-drawer').screenshot({ path: join(SHOTS, 'lg-office-drawer-contract-prices.png') });
    expect((await stack.container.db.collection('orders').doc('ord-contract-1').get()).data()).toMatchObject({ items: [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }], total: 1700, version: 2 });
    expect((await stack.container.db.collection('customers').doc(restaurant.id).get()).get('contractPrices')).toEqual([
      { size: 20, kind: 'discount', amount: 50, effectiveFrom: TODAY, note: 'C-2026-031 年約' },
    ]);
    await context.close();
  }, 120_000);

  it('the office clerk reads the contract price but has no button to change it', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'contract-office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '林記麵館' }).click();
    const section = page.getByTestId('customer-drawer').getByTestId('contract-prices');
    await section.getByText(LINE).waitFor({ timeout: 20_000 });
    await expect(section.getByTestId('contract-prices-edit').count()).resolves.toBe(0);
    await context.close();
  }, 120_000);

  it('a branch without terms of its own shows its head office’s, marked 沿用總店合約價, at the price it pays', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'contract-office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '大福新莊店' }).click();
    const line = page.getByTestId('customer-drawer').getByTestId('contract-prices').getByTestId('contract-price-line');
    await line.getByText('20 公斤牌價 NT$900 − 折讓 NT$60 = NT$840').waitFor({ timeout: 20_000 });
    await expect(line.getByTestId('contract-price-source').textContent()).resolves.toBe('沿用總店合約價（大福餐飲總公司）');
    await page.getByTestId('customer-drawer').getByTestId('contract-prices').screenshot({ path: join(SHOTS, 'lg-office-drawer-chain-contract-price.png') });
    await context.close();
  }, 120_000);

  it('the restaurant’s 叫瓦斯 quote names its contract price; another customer is quoted the list price', async () => {
    const tomorrow = formatShortDate(addDays(TODAY, 1), 'zh-TW');
    for (const [username, expected] of [
      ['c00701', `預估金額 NT$1,700（20 公斤每桶 NT$850（合約價，牌價 NT$900）× 2），依配送日 ${tomorrow} 的價格計算`],
      ['c00702', `預估金額 NT$1,800（20 公斤每桶 NT$900 × 2），依配送日 ${tomorrow} 的價格計算`],
    ] as const) {
      const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 420, height: 860 } });
      const mine = await context.newPage();
      await login(mine, stack.url, username, /\/portal$/);
      await mine.locator('[data-test="portal-nav-new"]:visible').click();
      await mine.locator('[data-test=qty-20] input').fill('2');
      await mine.locator('[data-test=qty-20] input').press('Tab');
      await mine.getByTestId('order-quote').getByText(expected).waitFor({ timeout: 20_000 });
      if (username === 'c00701') await mine.screenshot({ path: join(SHOTS, 'lg-portal-contract-quote.png'), fullPage: true });
      await context.close();
    }
  }, 120_000);
});

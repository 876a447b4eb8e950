import type { Browser } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatShortDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, rangePickerDay, seedUser } from './browser';

/**
 * Browser test of a day closing early (提早收工, 除夕's half day): the admin sets it on 休息日 with its closing time, sees
 * it listed as such with only the afternoon order to move; the customer's portal says so and its order form offers no
 * hours after the closing that day, while the day itself stays open to pick.
 */

const today = taipeiDate(new Date());
// A few days on: never today, so no same-day cut-off meets it whatever the hour.
const eve = addDays(today, 3);
const customer = aCustomer().withId('cust-eve').withCode('C00901').with({ name: '除夕小館', closedDays: [] }).build();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-closure-early', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'admin', '李經理', { role: 'admin' });
  await seedUser(db, 'c00901', '除夕小館', { role: 'customer', customerId: customer.id });
  await db.collection('customers').doc(customer.id).set(customer);
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  for (const [id, timeWindow] of [['ord-eve-morning', { start: '09:00', end: '11:00' }], ['ord-eve-afternoon', { start: '14:00', end: '17:00' }]] as const) {
    const order = anOrder().withId(id).forCustomer(customer).inStatus('confirmed').with({ requestedDate: eve, timeWindow }).build();
    await db.collection('orders').doc(id).set({ ...order, version: 1 });
  }
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('a day closing early', () => {
  it('is set on 休息日 with its closing time, listed so, and takes only the orders whose hours start after it', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/admin/closures`);
    await page.getByTestId('closure-name').fill('除夕');
    await page.getByPlaceholder('開始日期').click();
    const cell = rangePickerDay(page, eve);
    await cell.click();
    await cell.click();
    await page.getByTestId('closure-closes-at').click();
    await page.getByRole('option', { name: '12:00', exact: true }).click();
    await page.getByTestId('add-closure').click();

    const row = page.locator('[data-test=closures-table] .el-table__row', { hasText: '除夕' });
    await row.getByText('除夕（12:00 提早收工）', { exact: true }).waitFor({ timeout: 20_000 });
    const affected = page.getByTestId('closure-affected-orders');
    await affected.getByText('除夕小館').waitFor();
    await expect(affected.locator('.el-table__row').count()).resolves.toBe(1);
    await affected.getByText('14:00–17:00', { exact: true }).waitFor();
    const stored = (await stack.container.db.collection('closures').get()).docs.map((d) => d.data());
    expect(stored).toEqual([expect.objectContaining({ name: '除夕', from: eve, to: eve, closesAt: '12:00' })]);
    await context.close();
  }, 120_000);

  it('is told in the portal, whose order form keeps the day open but offers no hours after the closing then', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Taipei' })).newPage();
    await login(page, stack.url, 'c00901', /\/portal/);
    const day = formatShortDate(eve, 'zh-TW');
    await page.getByTestId('closure-notice').getByText(`除夕（${day}）12:00 提早收工，當天只送 12:00 前的時段，下午不配送。`).waitFor({ timeout: 20_000 });

    await page.getByTestId('portal-nav-new').click();
    const form = page.locator('#pane-new');
    await form.getByTestId('qty-20').waitFor({ timeout: 20_000 });
    const dateInput = form.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dateInput.fill(eve.replaceAll('-', '/'));
    await dateInput.press('Enter');
    await form.getByTestId('order-closes-early').getByText(`除夕（${day}）12:00 提早收工，只能選 12:00 前的時段`).waitFor();
    await expect(dateInput.inputValue()).resolves.toBe(eve.replaceAll('-', '/'));
    await form.getByLabel('結束', { exact: true }).click();
    await page.getByRole('option', { name: '12:00', exact: true }).waitFor();
    await expect(page.getByRole('option', { name: '12:30', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('option', { name: '17:00', exact: true }).count()).resolves.toBe(0);
    await page.keyboard.press('Escape');

    // The next day ends as usual.
    await dateInput.fill(addDays(eve, 1).replaceAll('-', '/'));
    await dateInput.press('Enter');
    await form.getByTestId('order-closes-early').waitFor({ state: 'detached' });
    await form.getByLabel('結束', { exact: true }).click();
    await page.getByRole('option', { name: '17:00', exact: true }).waitFor();
    await page.context().close();
  }, 120_000);

  it('is flagged on the office board of the day, which counts only the afternoon order to move', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/office?date=${eve}`);
    const banner = page.getByTestId('board-closure');
    await banner.getByText(`除夕（${formatShortDate(eve, 'zh-TW')}）12:00 提早收工，12:00 後不配送`).waitFor({ timeout: 20_000 });
    await banner.getByText('這天還有 1 筆未配送的訂單', { exact: false }).waitFor();
    await context.close();
  }, 120_000);
});

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 流失風險 as the owner acts on it (audit 21 F3, F7): what each customer is worth a month, ordered by the
 * loss expected, who is to call them, at 1366 px in English without sideways scrolling, and on a 390 px phone as cards
 * whose number is a tel: link and whose actions cover nothing.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const model = { name: 'lpg-churn', version: 'churn-list-e2e' };

let stack: TestStack;
let browser: Browser;

/** A customer on the churn list, delivered in fixed past months (nothing here depends on today or the hour). */
async function atRisk(id: string, name: string, type: 'restaurant' | 'household', risk: number, monthly: { quantity: number; unitPrice: number; months: string[] }) {
  const db = stack.container.db;
  const customer = await firestoreCustomerStore(db).create(id, (code) => aCustomer().withId(id).withCode(code).with({ name, type }).build());
  const last = `2026-${monthly.months[monthly.months.length - 1]}-14`;
  await db.collection('predictions').doc(id).set({
    customerId: id,
    customerName: name,
    customerType: type,
    customerDistrict: '板橋區',
    customerPhone: '02-2960-1234',
    lastDeliveryDate: last,
    churn: { risk, reasons: [{ code: 'OVERDUE', weight: 1 }], model, source: 'local' },
  });
  for (const month of monthly.months) {
    const line = { size: 20, quantity: monthly.quantity, unitPrice: monthly.unitPrice, subtotal: monthly.quantity * monthly.unitPrice };
    await db.collection('orders').doc(`o-${id}-${month}`).set({ id: `o-${id}-${month}`, customerId: id, status: 'delivered', source: 'office', requestedDate: `2026-${month}-14`, items: [line], total: line.subtotal, createdAt: `2026-${month}-13T02:00:00.000Z` });
  }
  return customer;
}

async function churnPage(viewport: { width: number; height: number }, locale: 'zh-TW' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-TW', viewport });
  await context.addInitScript((chosen) => localStorage.setItem('lg.locale', chosen), locale);
  const page = await context.newPage();
  await login(page, stack.url, 'office', /\/office$/);
  await page.goto(`${stack.url}/office/predictions`);
  await page.getByRole('tab', { name: locale === 'en' ? /^Churn risk/ : /^流失風險/ }).click();
  return page;
}

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-churn-list', subscriptions: [] }));
  await Promise.all([seedUser(stack.container.db, 'office', '王小姐', { role: 'office' }), seedUser(stack.container.db, 'admin', '陳經理', { role: 'admin' })]);
  await atRisk('cust-cl-rest', '林記麵館', 'restaurant', 0.8, { quantity: 5, unitPrice: 1200, months: ['03', '04', '05', '06', '07', '08'] });
  await atRisk('cust-cl-home', '王家', 'household', 0.99, { quantity: 1, unitPrice: 900, months: ['06', '07'] });
}, 180_000);
afterAll(() => closeBrowserStack(stack, browser));

describe('流失風險 for the owner', () => {
  it('lists at 1366 px in English, without sideways scrolling, the restaurant worth NT$6,000 a month first, and assigns it to the clerk for "mine"', async () => {
    const page = await churnPage({ width: 1366, height: 900 }, 'en');
    const rows = page.getByTestId('churn-table').locator('.el-table__body-wrapper .el-table__row');
    await rows.first().getByText('NT$6,000 a month').waitFor({ timeout: 20_000 });
    const first = await rows.first().textContent();
    expect(first).toContain('林記麵館');
    expect(first).toContain('Restaurant');
    expect(first).toContain('20 kg × 5/mo');
    expect(await rows.nth(1).textContent()).toContain('NT$900 a month');
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    // The table fits its box: no column hidden behind the fixed actions.
    expect(await page.getByTestId('churn-table').locator('.el-table__body-wrapper .el-scrollbar__wrap').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Both actions whole in their fixed column: English words are longer than the Chinese.
    const order = rows.first().getByTestId('churn-new-order');
    const [link, cell] = await Promise.all([order.boundingBox(), order.locator('xpath=ancestor::td').boundingBox()]);
    expect(link !== null && cell !== null && link.x + link.width <= cell.x + cell.width).toBe(true);
    await expect(page.getByTestId('churn-tel').first().getAttribute('href')).resolves.toBe('tel:02-2960-1234');

    await rows.first().getByTestId('churn-assignee').click();
    await page.getByRole('option', { name: '王小姐' }).click();
    await page.getByTestId('churn-mine').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-test="churn-table"] .el-table__body-wrapper .el-table__row').length === 1, undefined, { timeout: 20_000 });
    expect(await rows.first().textContent()).toContain('林記麵館');
    await page.screenshot({ path: join(SHOTS, 'lg-office-churn-list-en.png'), fullPage: true });
    await page.context().close();
  }, 120_000);

  it('shows each customer on a 390 px phone as a card: risk, what is at stake, reasons and the number to tap, the actions in view, nothing sideways', async () => {
    const page = await churnPage({ width: 390, height: 844 }, 'zh-TW');
    const card = page.getByTestId('churn-card').filter({ hasText: '林記麵館' });
    await card.waitFor({ timeout: 20_000 });
    const text = await card.textContent();
    expect(text).toContain('80%');
    expect(text).toContain('每月 NT$6,000');
    expect(text).toContain('超過平常訂購間隔');
    await expect(card.getByTestId('churn-tel').getAttribute('href')).resolves.toBe('tel:02-2960-1234');
    const record = card.getByTestId('churn-record-call');
    const box = await record.boundingBox();
    expect(box !== null && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'lg-phone-churn.png'), fullPage: true });
    await page.context().close();
  }, 120_000);

  it("reloads with the page's 重新整理: a customer the nightly score put at risk since the tab opened is listed", async () => {
    const page = await churnPage({ width: 1366, height: 900 }, 'zh-TW');
    const rows = page.getByTestId('churn-table').locator('.el-table__body-wrapper .el-table__row');
    await rows.filter({ hasText: '林記麵館' }).waitFor({ timeout: 20_000 });
    await atRisk('cust-cl-new', '張家', 'household', 0.7, { quantity: 1, unitPrice: 800, months: ['08'] });
    await page.getByRole('button', { name: '重新整理' }).click();
    await rows.filter({ hasText: '張家' }).waitFor({ timeout: 20_000 });
    await expect(page.getByRole('tab', { name: /^流失風險/ }).textContent()).resolves.toContain('3');
    await page.context().close();
  }, 120_000);
});

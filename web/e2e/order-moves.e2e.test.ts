import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SUBSCRIPTIONS } from '../../functions/src/adapters/pubsub/subscriptions';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import { eventually } from '../../functions/src/functions/test-support/planning-day';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatDateRange } from '../src/lib/closures';
import { formatShortDate } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of an order's day moved by the office with a reason, as its customer meets it (audit 19 F4): 修改 in the
 * board's drawer offers the reasons of 延後 (or words typed) once the day changes, the `notifyCustomer` consumer tells the
 * customer the reason with the new day, and the portal's card says from which day and why in the portal's language,
 * never the staff's own note on the order. A closure's move (休息日) reads the same, the closure its why.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const later = addDays(today, 3);
const customer = { ...aCustomer().withId('cust-mv').withCode('C00131').with({ name: '晴天麵館', phones: ['0912-131-131'] }).build(), closedDays: [] };

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-order-moves', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyCustomer') }));
  const db = stack.container.db;
  await db.collection('customers').doc(customer.id).set(customer);
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedUser(db, 'c00131', '晴天麵館', { role: 'customer', customerId: customer.id });
  const order = anOrder().withId('ord-mv-drawer').forCustomer(customer).inStatus('confirmed').with({ requestedDate: tomorrow }).build();
  await db.collection('orders').doc(order.id).set({ ...order, customerName: customer.name, version: 1 });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

const texts = async (): Promise<string[]> =>
  (await stack.container.db.collection('notifications').where('customerId', '==', customer.id).get()).docs.map((d) => d.data()['text'] as string);
const monthDay = (date: string) => date.slice(5).split('-').map(Number).join('/');

describe('an order moved by the office, with the reason its customer is told', () => {
  it('修改 of the day in the drawer asks why (延後’s reasons or words typed), sends it with the PATCH, and the customer is told it', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office?date=${tomorrow}`);
    await page.locator('.column[data-status=confirmed]').getByText(customer.name).click();
    await page.getByTestId('order-drawer').getByTestId('change-order').click();
    const dialog = page.getByRole('dialog', { name: `修改訂單：${customer.name}` });
    // Not asked while the day stays.
    await expect(dialog.getByTestId('change-reason').count()).resolves.toBe(0);
    const dateInput = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dateInput.fill(later.replaceAll('-', '/'));
    await dateInput.press('Enter');
    const reason = dialog.getByTestId('change-reason');
    await expect(reason.innerText()).resolves.toContain('客戶要求');
    const pick = async (name: string) => {
      await reason.click();
      await page.getByRole('option', { name, exact: true }).click();
      await page.getByRole('option', { name, exact: true }).waitFor({ state: 'hidden' });
    };
    // 其他 with no words typed is no reason: nothing to send yet.
    await pick('其他');
    await dialog.getByTestId('change-reason-text').waitFor();
    await expect(dialog.getByTestId('order-change-submit').isDisabled()).resolves.toBe(true);
    await pick('分裝場供氣不足');
    await page.screenshot({ path: join(SHOTS, 'lg-office-order-change-reason.png') });
    const sent = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith('/api/orders/ord-mv-drawer'));
    await dialog.getByTestId('order-change-submit').click();
    expect((await sent).postDataJSON()).toEqual({ requestedDate: later, reason: 'plant_shortage', version: 1 });
    await page.getByText('訂單已修改').waitFor({ timeout: 20_000 });

    const told = await eventually(async () => {
      const moves = (await texts()).filter((text) => text.includes('改為'));
      return moves.length > 0 ? moves : null;
    });
    expect(told).toEqual([expect.stringContaining(`因分裝場供氣不足，配送時間已改為 ${monthDay(later)}（`)]);
    // The drawer's timeline says it too, in the office's words.
    await page.goto(`${stack.url}/office?date=${later}`);
    await page.locator('.column[data-status=confirmed]').getByText(customer.name).click();
    await expect(page.getByTestId('timeline-moved').innerText()).resolves.toContain(`改期 ${formatShortDate(tomorrow, 'zh-TW')} → ${formatShortDate(later, 'zh-TW')}（分裝場供氣不足）`);
    await page.context().close();
  }, 120_000);

  it('the portal’s card says from which day the office moved the order and why, in the portal’s language, but not the staff’s note', async () => {
    const db = stack.container.db;
    // Failed today, 重新安排 for tomorrow with a note for the office, then moved on with words typed as the reason.
    const failed = anOrder().withId('ord-mv-typed').forCustomer(customer).inStatus('failed').with({ requestedDate: today, failureReason: 'no_one_home' }).build();
    await db.collection('orders').doc(failed.id).set({ ...failed, customerName: customer.name, version: 1 });
    const call = apiClient(stack.url, stack.container);
    const redone = await call('POST', `/api/orders/${failed.id}/reschedule`, { as: 'office', key: 'mv-typed-1', body: { requestedDate: tomorrow, note: '客戶脾氣不好，先打電話' } });
    expect(redone.status).toBe(200);
    const moved = await call('PATCH', `/api/orders/${failed.id}`, { as: 'office', body: { requestedDate: later, reason: '司機臨時請假' } });
    expect(moved.status).toBe(200);

    const portal = async (locale: 'zh-TW' | 'en'): Promise<Page> => {
      const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
      // The language the portal was last switched to (web/src/modules/i18n.ts).
      await context.addInitScript((chosen) => localStorage.setItem('lg.locale', chosen), locale);
      const page = await context.newPage();
      await login(page, stack.url, 'c00131', /\/portal$/);
      await page.getByTestId('moved-ord-mv-typed').waitFor({ timeout: 20_000 });
      return page;
    };
    const phone = await portal('zh-TW');
    const [from, to] = [formatShortDate(tomorrow, 'zh-TW'), formatShortDate(later, 'zh-TW')];
    await expect(phone.getByTestId('moved-ord-mv-drawer').innerText()).resolves.toBe(`配送日期已由 ${from} 改為 ${to}：分裝場供氣不足`);
    await expect(phone.getByTestId('moved-ord-mv-typed').innerText()).resolves.toBe(`配送日期已由 ${from} 改為 ${to}：司機臨時請假`);
    await expect(phone.getByText('客戶脾氣不好', { exact: false }).count()).resolves.toBe(0);
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-order-moved.png') });
    await phone.context().close();

    const english = await portal('en');
    const [fromEn, toEn] = [formatShortDate(tomorrow, 'en'), formatShortDate(later, 'en')];
    await expect(english.getByTestId('moved-ord-mv-drawer').innerText()).resolves.toBe(`Moved from ${fromEn} to ${toEn}: a gas shortage at the filling plant`);
    await english.context().close();
  }, 120_000);

  it('an order a closure moved says so on the portal’s card and in the drawer, the closure its why, and its customer is told once', async () => {
    const db = stack.container.db;
    const lny = { name: '春節', from: addDays(today, 6), to: addDays(today, 7) };
    const after = addDays(lny.to, 1);
    const order = anOrder().withId('ord-mv-closure').forCustomer(customer).inStatus('confirmed').with({ requestedDate: lny.from }).build();
    await db.collection('orders').doc(order.id).set({ ...order, customerName: customer.name, version: 1 });
    const call = apiClient(stack.url, stack.container);
    const closure = await call('POST', '/api/closures', { as: 'admin', body: lny });
    expect(closure.status).toBe(201);
    const move = await call('POST', `/api/closures/${closure.body.closure.id}/move-orders`, { as: 'office', body: { direction: 'after' } });
    expect(move.body.moved.map((m: { id: string; to: string }) => [m.id, m.to])).toEqual([[order.id, after]]);

    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00131', /\/portal$/);
    const card = phone.getByTestId(`moved-${order.id}`);
    await card.waitFor({ timeout: 20_000 });
    const [from, to] = [formatShortDate(lny.from, 'zh-TW'), formatShortDate(after, 'zh-TW')];
    await expect(card.innerText()).resolves.toBe(`配送日期已由 ${from} 改為 ${to}：春節（${formatDateRange(lny, 'zh-TW')}）不配送`);
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-order-moved-closure.png') });
    await phone.context().close();

    const context = await browser.newContext({ locale: 'en', viewport: { width: 390, height: 844 } });
    await context.addInitScript(() => localStorage.setItem('lg.locale', 'en'));
    const english = await context.newPage();
    await login(english, stack.url, 'c00131', /\/portal$/);
    await expect(english.getByTestId(`moved-${order.id}`).innerText()).resolves.toBe(
      `Moved from ${formatShortDate(lny.from, 'en')} to ${formatShortDate(after, 'en')}: we are closed ${formatDateRange(lny, 'en')} (春節)`,
    );
    await context.close();

    const office = await officePage(browser, stack.url);
    await office.goto(`${stack.url}/office?date=${after}`);
    await office.locator('.column[data-status=confirmed]').getByText(customer.name).click();
    await expect(office.getByTestId('timeline-moved').innerText()).resolves.toContain(`改期 ${from} → ${to}（休息日：春節 ${formatDateRange(lny, 'zh-TW')}）`);
    await office.context().close();

    // The closure's own message is the only one: the timeline entry sends nothing more.
    const told = await eventually(async () => {
      const moves = (await texts()).filter((text) => text.includes('因春節'));
      return moves.length > 0 ? moves : null;
    });
    expect(told).toEqual([expect.stringContaining(`配送時間已改為 ${monthDay(after)}（`)]);
  }, 120_000);
});

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatShortDate } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of 緊急配送 (audit 14, F7): a typhoon closes a day, a customer whose only cylinder ran out phones. The office's
 * order form greys the day out until the clerk ticks 仍要緊急配送, then asks why before the order goes; the board of that day
 * tags the order with its reason, and its closure notice counts only the orders still to move off the closure. The driver
 * of a day called off is told to deliver only such stops, tagged with the reason, instead of none; the customer is not
 * asked in the portal to change it, as they are the other orders of the closed day. 全部確認 on that day confirms only such
 * orders, and 修改訂單 and 重新安排 offer 緊急配送 as the form does. 休息日's move names the customer it leaves with two orders on a day.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const today = taipeiDate(new Date());
const typhoonDay = addDays(today, 2);
const slashed = (day: string) => day.replaceAll('-', '/');
const reason = '獨居長者瓦斯用完';
const elderly = aCustomer().withId('cust-elderly').withCode('C00701').with({ name: '陳阿嬤', closedDays: [] }).build();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-closure-override', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedUser(db, 'admin', '李經理', { role: 'admin' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const regular = aCustomer().withId('cust-regular').withCode('C00702').with({ name: '照常叫貨小吃', closedDays: [] }).build();
  await Promise.all([elderly, regular].map((c) => db.collection('customers').doc(c.id).set(c)));
  const booked = anOrder().withId('ord-to-move').forCustomer(regular).inStatus('confirmed').build();
  await db.collection('orders').doc(booked.id).set({ ...booked, requestedDate: typhoonDay, version: 1 });
  await db.collection('closures').doc('cl-typhoon').set({ id: 'cl-typhoon', name: '颱風停班停課', from: typhoonDay, to: typhoonDay, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('緊急配送 on a closure day', () => {
  it('is placed from the office form once 仍要緊急配送 is ticked and a reason given; the board tags it and leaves it out of the closure’s move', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/orders/new?customer=cust-elderly&items=20x1`);
    await page.getByTestId('order-empties-hint').waitFor({ timeout: 20_000 });
    const dateField = page.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    const closedCell = page.locator('.el-date-picker td.disabled').filter({ hasText: new RegExp(`^\\s*${Number(typhoonDay.slice(8))}\\s*$`) });
    await dateField.click();
    await closedCell.first().waitFor();
    await page.keyboard.press('Escape');

    await page.getByTestId('order-closure-override').click();
    await dateField.fill(slashed(typhoonDay));
    await dateField.press('Tab');
    await page.getByTestId('order-closure-override-notice').getByText('颱風停班停課不配送；這筆訂單仍會緊急配送，請說明原因').waitFor({ timeout: 5_000 });
    // No reason yet: nothing to send.
    await expect(page.getByTestId('create-order').isDisabled()).resolves.toBe(true);
    await page.getByTestId('order-closure-override-reason').fill(reason);
    // The customer's record, read live, changing under the form leaves the day chosen for the emergency where it is.
    await stack.container.db.collection('customers').doc('cust-elderly').update({ updatedAt: new Date().toISOString() });
    await page.waitForTimeout(1_500);
    await expect(dateField.inputValue()).resolves.toBe(slashed(typhoonDay));
    await page.screenshot({ path: join(SHOTS, 'lg-office-order-closure-override.png'), fullPage: true });
    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', 'cust-elderly').get();
    expect(placed.docs.map((d) => d.data()).map((o) => [o['requestedDate'], o['closureOverride']])).toEqual([
      [typhoonDay, { reason, by: expect.objectContaining({ role: 'office' }), at: expect.any(String), closure: '颱風停班停課' }],
    ]);

    await page.goto(`${stack.url}/office?date=${typhoonDay}`);
    const card = page.locator('.order', { hasText: '陳阿嬤' });
    await card.getByTestId('board-closure-override').getByText('緊急配送').waitFor({ timeout: 20_000 });
    await page.getByTestId('board-closure').getByText('這天還有 1 筆未配送的訂單', { exact: false }).waitFor();
    await card.click();
    await page.getByTestId('order-closure-override').getByText(`颱風停班停課照送：${reason}`).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-closure-override.png'), fullPage: true });
    await page.context().close();
  }, 120_000);

  it('keeps the driver of a day called off on its 緊急配送 stop, tagged with the reason, instead of telling them to deliver nothing', async () => {
    const db = stack.container.db;
    const driverId = 'drv-emergency';
    await seedUser(db, 'driver9', '陳先生', { role: 'driver', driverId });
    const stopOrder = anOrder().withId('ord-emergency-today').onDriver(driverId).inStatus('scheduled').with({ requestedDate: today }).build();
    const closureOverride = { reason, by: { uid: 'u-office', role: 'office' }, at: new Date().toISOString(), closure: '颱風停班停課' };
    await seedPublishedStop(db, { id: 'route-emergency', date: today, depotId: 'depot-zhonghe', driverId }, stopOrder, { customerName: '陳阿嬤', closureOverride, version: 1 });
    await db.collection('closures').doc('cl-today').set({ id: 'cl-today', name: '颱風停班停課', from: today, to: today, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'driver9', /\/driver$/);
    const stop = page.getByTestId('stop').filter({ hasText: '陳阿嬤' });
    await stop.getByTestId('stop-closure-override').getByText(`緊急配送：${reason}`).waitFor({ timeout: 20_000 });
    await page.getByTestId('driver-closed-today').getByText('今天颱風停班停課，只送標示「緊急配送」的站點；其他未送達的站點請勿再送，送完請聯絡辦公室並返回站所，其他訂單由辦公室改期。').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-driver-closure-override.png'), fullPage: true });
    await page.context().close();
  }, 120_000);

  it('is not the customer’s to change in the portal, as their other order on the closed day is', async () => {
    const db = stack.container.db;
    await seedUser(db, 'c00701', '陳阿嬤', { role: 'customer', customerId: elderly.id });
    const plain = anOrder().withId('ord-elderly-plain').forCustomer(elderly).inStatus('pending').with({ requestedDate: typhoonDay }).build();
    await db.collection('orders').doc(plain.id).set({ ...plain, version: 1 });
    const emergency = (await db.collection('orders').where('customerId', '==', elderly.id).get()).docs.find((d) => d.get('closureOverride'));
    expect(emergency).toBeDefined();
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00701', /\/portal/);
    await page.getByTestId(`closed-day-${plain.id}`).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId(`closed-day-${emergency?.id}`).count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);

  it('is what 全部確認 confirms on that day, and only it: the pending order the closure holds stays, and the question says why', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office?date=${typhoonDay}`);
    const pending = page.locator('.column[data-status=pending]');
    await pending.getByText('陳阿嬤').first().waitFor({ timeout: 20_000 });
    await pending.getByTestId('board-confirm-all').getByText('全部確認（僅緊急配送）').click();
    const box = page.locator('.el-message-box');
    await box.getByText('颱風停班停課不配送；確認目前顯示、標示緊急配送的 1 筆待確認訂單？ 其他 1 筆未標示緊急配送，不含在內，請移到其他日期。').waitFor({ timeout: 5_000 });
    await box.getByRole('button', { name: '全部確認（僅緊急配送）' }).click();
    await page.getByTestId('board-confirm-summary').getByText('已確認 1 筆訂單').waitFor({ timeout: 20_000 });
    const statuses = (await stack.container.db.collection('orders').where('customerId', '==', elderly.id).get()).docs.map((d) => [Boolean(d.get('closureOverride')), d.get('status')]);
    expect(statuses.sort()).toEqual([
      [false, 'pending'],
      [true, 'confirmed'],
    ]);
    // Nothing left for it to confirm: the held order waits for the move.
    await pending.getByTestId('board-confirm-all').waitFor({ state: 'detached', timeout: 20_000 });
    await page.context().close();
  }, 120_000);

  /** Ticks 仍要緊急配送 in `dialog`, picks the closure's day there and gives the reason: the save waits for it. */
  async function overrideIn(dialog: ReturnType<Page['getByRole']>, submit: string) {
    await dialog.getByTestId('order-closure-override').click();
    const dateField = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dateField.fill(slashed(typhoonDay));
    await dateField.press('Tab');
    await dialog.getByTestId('order-closure-override-notice').getByText('颱風停班停課不配送；這筆訂單仍會緊急配送，請說明原因').waitFor({ timeout: 5_000 });
    await expect(dialog.getByTestId(submit).isDisabled()).resolves.toBe(true);
    await dialog.getByTestId('order-closure-override-reason').fill(reason);
    await dialog.getByTestId(submit).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  }

  it('is offered by 修改訂單 and 重新安排 as by the order form: the order moves onto the closure’s day with its reason', async () => {
    const db = stack.container.db;
    const later = addDays(today, 3);
    const caller = aCustomer().withId('cust-change').withCode('C00703').with({ name: '改約小吃', closedDays: [] }).build();
    const notHome = aCustomer().withId('cust-not-home').withCode('C00704').with({ name: '不在家商行', closedDays: [] }).build();
    await Promise.all([caller, notHome].map((c) => db.collection('customers').doc(c.id).set(c)));
    const toChange = anOrder().withId('ord-change').forCustomer(caller).inStatus('pending').with({ requestedDate: later }).build();
    const failed = anOrder().withId('ord-failed').forCustomer(notHome).inStatus('failed').with({ requestedDate: today }).build();
    await Promise.all([toChange, failed].map((o) => db.collection('orders').doc(o.id).set({ ...o, version: 1 })));
    const stored = async (id: string) => (await db.collection('orders').doc(id).get()).data();
    const page = await officePage(browser, stack.url);

    await page.goto(`${stack.url}/office?date=${later}`);
    await page.locator('.order', { hasText: '改約小吃' }).click({ timeout: 20_000 });
    await page.getByTestId('change-order').click();
    await overrideIn(page.getByRole('dialog', { name: '修改訂單：改約小吃' }), 'order-change-submit');
    await expect(stored('ord-change')).resolves.toMatchObject({ requestedDate: typhoonDay, closureOverride: { reason, closure: '颱風停班停課' } });
    await page.keyboard.press('Escape');

    await page.goto(`${stack.url}/office?date=${today}`);
    await page.locator('.order', { hasText: '不在家商行' }).click({ timeout: 20_000 });
    await page.getByTestId('reschedule-order').click();
    await overrideIn(page.getByRole('dialog', { name: '重新安排：不在家商行' }), 'reschedule-failed-submit');
    await expect(stored('ord-failed')).resolves.toMatchObject({ status: 'pending', requestedDate: typhoonDay, closureOverride: { reason, closure: '颱風停班停課' } });
    await page.context().close();
  }, 120_000);
});

describe('休息日’s move', () => {
  it('names the customer it leaves with two orders on one day, for the office to combine them', async () => {
    const db = stack.container.db;
    const [closed, reopens] = [addDays(today, 5), addDays(today, 6)];
    await db.collection('closures').doc('cl-stocktake').set({ id: 'cl-stocktake', name: '盤點', from: closed, to: closed, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const noodles = aCustomer().withId('cust-clash').withCode('C00705').with({ name: '林家麵店', closedDays: [] }).build();
    await db.collection('customers').doc(noodles.id).set(noodles);
    const onClosure = anOrder().withId('ord-clash-closed').forCustomer(noodles).inStatus('pending').with({ requestedDate: closed }).build();
    const booked = anOrder().withId('ord-clash-booked').forCustomer(noodles).inStatus('pending').with({ requestedDate: reopens }).build();
    await Promise.all([onClosure, booked].map((o) => db.collection('orders').doc(o.id).set({ ...o, version: 1 })));
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/admin/closures`);
    const row = page.locator('[data-test=closures-table] .el-table__row', { hasText: '盤點' });
    await row.getByTestId('move-closure-orders').getByRole('button', { name: '移動訂單' }).click({ timeout: 20_000 });
    await page.getByRole('menuitem', { name: '全部移到休息後' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '移動訂單' }).click();
    await page.getByTestId('closure-moved-same-day').getByText(`林家麵店 ${formatShortDate(reopens, 'zh-TW', false)} 已有其他訂單（共 2 張），可合併為一趟配送`).waitFor({ timeout: 30_000 });
    expect((await db.collection('orders').doc('ord-clash-closed').get()).get('requestedDate')).toBe(reopens);
    await page.screenshot({ path: join(SHOTS, 'lg-admin-closures-same-day.png'), fullPage: true });
    await page.context().close();
  }, 120_000);
});

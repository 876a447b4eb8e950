import type { Browser } from 'playwright-core';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 縮小範圍／恢復配送 (audit 25 F4): the dispatcher declared 颱風停班停課 for today in 信義區、中和區 and moved
 * the day's orders to after it; at 10:00 the wind drops in 中和區. On 休息日 the admin unticks 中和區, and the 中和
 * order the move took comes back to today with one button; the 信義 one stays where the move sent it.
 */

const today = taipeiDate(new Date());
const inDistrict = (id: string, code: string, name: string, city: string, district: string) =>
  aCustomer().withId(id).withCode(code).with({ name, closedDays: [], address: { city, district, road: '中山路', section: 2, number: '12' } }).build();
const zhonghe = inDistrict('cust-zh', 'C00901', '中和麵店', '新北市', '中和區');
const xinyi = inDistrict('cust-xy', 'C00902', '信義小館', '台北市', '信義區');

let stack: TestStack;
let browser: Browser;
let closureId: string;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-closure-narrow', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'admin', '李經理', { role: 'admin' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  for (const [customer, id] of [[zhonghe, 'ord-zh'], [xinyi, 'ord-xy']] as const) {
    await db.collection('customers').doc(customer.id).set(customer);
    const order = anOrder().withId(id).forCustomer(customer).inStatus('confirmed').build();
    await db.collection('orders').doc(id).set({ ...order, requestedDate: today, version: 1 });
  }
  const call = apiClient(stack.url, stack.container);
  const created = await call('POST', '/api/closures', { as: 'admin', body: { name: '颱風停班停課', from: today, to: today, districts: ['信義區', '中和區'] } });
  closureId = created.body.closure.id;
  const moved = await call('POST', `/api/closures/${closureId}/move-orders`, { as: 'admin', body: { direction: 'after' } });
  expect(moved.body.moved).toHaveLength(2);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('縮小範圍／恢復配送 on 休息日', () => {
  it('narrows a typhoon closure to the districts still closed and brings the reopened district’s moved order back to today', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/admin/closures`);
    const row = page.locator('[data-test=closures-table] .el-table__row', { hasText: '颱風停班停課' });
    await row.getByTestId('narrow-closure').click();

    const dialog = page.getByTestId('closure-narrow');
    const moves = dialog.getByTestId('closure-moves');
    // Both still closed: nothing may come back yet, each says why.
    await moves.getByText('中和麵店（中和區）').waitFor({ timeout: 20_000 });
    await expect(moves.getByText('原配送日在該地區仍休息（或客戶公休）').count()).resolves.toBe(2);
    await expect(dialog.getByTestId('closure-move-back').isDisabled()).resolves.toBe(true);

    await dialog.getByTestId('closure-narrow-districts').getByText('中和區').click();
    await dialog.getByTestId('closure-narrow-submit').click();
    await dialog.getByTestId('closure-may-come-back').getByText('1 筆訂單的原配送日已恢復，可移回原日').waitFor({ timeout: 20_000 });
    await row.getByText('颱風停班停課（信義區）', { exact: true }).waitFor();

    await dialog.getByTestId('closure-move-back').getByText('恢復配送（1 筆）').click();
    await page.getByText('已恢復 1 筆配送，客戶會收到通知').waitFor({ timeout: 20_000 });
    await moves.getByText('已恢復').waitFor();
    await expect(dialog.getByTestId('closure-move-back').isDisabled()).resolves.toBe(true);

    const db = stack.container.db;
    expect((await db.collection('orders').doc('ord-zh').get()).get('requestedDate')).toBe(today);
    expect((await db.collection('orders').doc('ord-xy').get()).get('requestedDate')).not.toBe(today);
    expect((await db.collection('closures').doc(closureId).get()).get('districts')).toEqual(['信義區']);
    await context.close();
  }, 120_000);
});

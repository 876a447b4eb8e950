import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openBrowserStack, rangePickerDay, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of a closure of some districts (部分地區停班停課): 新北市 calls off work in 烏來 and 坪林 for a typhoon, the
 * admin declares 颱風假 there only. The 休息日 page lists it with its districts and only the orders delivered in them to
 * move; the board of the day names the districts and calls back only the truck out there; the 中和 orders stay as they are.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const today = taipeiDate(new Date());
const typhoonDay = addDays(today, 2);
const inDistrict = (id: string, code: string, name: string, district: string) =>
  aCustomer().withId(id).withCode(code).with({ name, closedDays: [], address: { city: '新北市', district, road: '環山路', number: '12' } }).build();
const wulai = inDistrict('cust-wulai', 'C00801', '烏來山莊', '烏來區');
const zhonghe = inDistrict('cust-zhonghe', 'C00802', '中和麵店', '中和區');
/** Their stops on a truck already out the typhoon's morning. */
const wulaiOut = inDistrict('cust-wulai-out', 'C00803', '烏來溫泉', '烏來區');
const zhongheOut = inDistrict('cust-zhonghe-out', 'C00804', '中和便當', '中和區');
const sanchong = inDistrict('cust-sanchong', 'C00805', '三重汽車', '三重區');
const sanchongOut = inDistrict('cust-sanchong-out', 'C00806', '三重小吃', '三重區');
const sanchongAsks = inDistrict('cust-sanchong-asks', 'C00807', '三重早餐', '三重區');

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-closure-scope', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'admin', '李經理', { role: 'admin' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const booked = [[wulai, 'ord-wulai', 'confirmed'], [zhonghe, 'ord-zhonghe', 'confirmed'], [wulaiOut, 'ord-wulai-out', 'out_for_delivery'], [zhongheOut, 'ord-zhonghe-out', 'out_for_delivery']] as const;
  for (const [customer, id, status] of booked) {
    await db.collection('customers').doc(customer.id).set(customer);
    const order = anOrder().withId(id).forCustomer(customer).inStatus(status).build();
    await db.collection('orders').doc(id).set({ ...order, requestedDate: typhoonDay, version: 1 });
  }
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('a closure of some districts', () => {
  it('is declared on 休息日 for the districts chosen, shown with them, and takes only the orders delivered there', async () => {
    // Taipei time in the browser too: the picker's "this month" is the business's.
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/admin/closures`);
    await page.getByTestId('closure-name').fill('颱風假');
    await page.getByPlaceholder('開始日期').click();
    const cell = rangePickerDay(page, typhoonDay);
    await cell.click();
    await cell.click();
    // Whole company until told otherwise: nothing to add without a district once 部分地區 is chosen.
    await page.getByTestId('closure-scope').getByText('部分地區').click();
    await expect(page.getByTestId('add-closure').isDisabled()).resolves.toBe(true);
    const districts = page.getByTestId('closure-districts');
    for (const district of ['烏來區', '坪林區']) {
      await districts.locator('input').fill(district.slice(0, 2));
      await page.getByRole('option', { name: district, exact: true }).click();
    }
    await page.getByTestId('closure-name').click();
    // The scope's buttons and the districts chosen are named for a screen reader, as the rest of the form is.
    await expect(blockingViolations(page, '休息日（部分地區）', '[data-test=closure-form]')).resolves.toEqual([]);
    await page.getByTestId('add-closure').click();

    const row = page.locator('[data-test=closures-table] .el-table__row', { hasText: '颱風假' });
    await row.getByText('颱風假（烏來區、坪林區）', { exact: true }).waitFor({ timeout: 20_000 });
    const affected = page.getByTestId('closure-affected-orders');
    await affected.getByText('烏來山莊').waitFor();
    await expect(affected.getByText('中和麵店').count()).resolves.toBe(0);
    const stored = await stack.container.db.collection('closures').where('from', '==', typhoonDay).get();
    expect(stored.docs.map((d) => d.data())).toEqual([expect.objectContaining({ name: '颱風假', from: typhoonDay, to: typhoonDay, districts: ['烏來區', '坪林區'] })]);
    await page.screenshot({ path: join(SHOTS, 'lg-admin-closure-districts.png'), fullPage: true, animations: 'disabled' });

    // The board of the day names where it holds, and counts only the order there as still to move.
    await page.goto(`${stack.url}/office?date=${typhoonDay}`);
    const notice = page.getByTestId('board-closure');
    await notice.getByText('颱風假（烏來區、坪林區）', { exact: false }).waitFor({ timeout: 20_000 });
    await notice.getByText('這天還有 1 筆未配送的訂單', { exact: false }).waitFor();
    // Only the truck out in 烏來 is to be called back: 中和's deliveries go on.
    await page.getByTestId('board-closure-on-the-road').getByText('1 筆已出車配送中', { exact: false }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-closure-districts.png'), fullPage: true, animations: 'disabled' });
    await context.close();
  }, 120_000);

  it('declared again for another district the same day, is named, counted to move and on the road, refused in the drawer’s 確認, and moved on the board with the first', async () => {
    // 三重 is called off later in the day, under a name of its own: a second closure of the same day.
    const db = stack.container.db;
    await db.collection('closures').doc('cl-sanchong').set({ id: 'cl-sanchong', name: '豪雨停班', from: typhoonDay, to: typhoonDay, districts: ['三重區'], createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const booked = [[sanchong, 'ord-sanchong', 'confirmed'], [sanchongOut, 'ord-sanchong-out', 'out_for_delivery'], [sanchongAsks, 'ord-sanchong-asks', 'pending']] as const;
    for (const [customer, id, status] of booked) {
      await db.collection('customers').doc(customer.id).set(customer);
      const order = anOrder().withId(id).forCustomer(customer).inStatus(status).build();
      await db.collection('orders').doc(id).set({ ...order, requestedDate: typhoonDay, version: 1 });
    }
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/office?date=${typhoonDay}`);
    const notice = page.getByTestId('board-closure');
    await notice.getByText('颱風假（烏來區、坪林區）', { exact: false }).waitFor({ timeout: 20_000 });
    await notice.getByText('豪雨停班（三重區）', { exact: false }).waitFor();
    await notice.getByText('這天還有 3 筆未配送的訂單', { exact: false }).waitFor();
    await page.getByTestId('board-closure-on-the-road').getByText('2 筆已出車配送中', { exact: false }).waitFor();
    // Its drawer's 確認 is refused by the server, which says why and what staff may do instead.
    await page.locator('[data-status=pending] .order', { hasText: '三重早餐' }).click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('confirm-order').click();
    await drawer.getByText(`豪雨停班（三重區）（${Number(typhoonDay.slice(5, 7))}/${Number(typhoonDay.slice(8))}）不配送`, { exact: false }).waitFor({ timeout: 20_000 });
    await drawer.getByText('請勾選「仍要緊急配送」並說明原因', { exact: false }).waitFor();
    await expect(db.collection('orders').doc('ord-sanchong-asks').get().then((d) => d.get('status'))).resolves.toBe('pending');
    await page.keyboard.press('Escape');

    await notice.getByTestId('board-closure-move-after').click();
    const question = page.locator('.el-message-box');
    await question.getByText('颱風假（烏來區、坪林區）、豪雨停班（三重區）', { exact: false }).waitFor();
    await question.getByRole('button', { name: '移動訂單' }).click();
    // The trucks out keep theirs until called back; 中和 is not closed.
    await page.getByTestId('board-closure-moved').getByText('颱風假（烏來區、坪林區）、豪雨停班（三重區）：已改期 3 筆，未改期 2 筆').waitFor({ timeout: 30_000 });
    const dayOf = async (id: string) => (await db.collection('orders').doc(id).get()).get('requestedDate') as string;
    await expect(Promise.all(['ord-wulai', 'ord-sanchong', 'ord-zhonghe', 'ord-sanchong-out'].map(dayOf))).resolves.toEqual([addDays(typhoonDay, 1), addDays(typhoonDay, 1), typhoonDay, typhoonDay]);
    await context.close();
  }, 120_000);

  it('called off today where one of a truck’s stops is, tags that stop on the driver’s phone not to deliver and sends the driver on to the others, not back to the depot', async () => {
    const db = stack.container.db;
    const driverId = 'drv-two-districts';
    await seedUser(db, 'driver3', '林先生', { role: 'driver', driverId });
    const customers = [inDistrict('cust-wulai-stop', 'C00811', '烏來茶行', '烏來區'), inDistrict('cust-sanchong-stop', 'C00812', '三重麵攤', '三重區')];
    const route = { id: 'route-two-districts', date: today, depotId: 'depot-zhonghe', driverId };
    const orders = customers.map((c) => anOrder().withId(`ord-${c.id}`).forCustomer(c).onDriver(driverId).inStatus('scheduled').with({ requestedDate: today }).build());
    for (const [i, order] of orders.entries()) await seedPublishedStop(db, route, order, { customerName: customers[i]?.name, version: 1 });
    const doc = db.collection('routes').doc(route.id);
    const [stop] = (await doc.get()).data()?.['stops'] as Record<string, unknown>[];
    await doc.update({ stops: orders.map((o, i) => ({ ...stop, orderId: o.id, customerId: o.customerId, seq: i + 1 })) });
    await db.collection('closures').doc('cl-wulai-today').set({ id: 'cl-wulai-today', name: '颱風停班停課', from: today, to: today, districts: ['烏來區'], createdAt: new Date().toISOString(), createdBy: 'u-admin' });

    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'driver3', /\/driver$/);
    const card = (name: string) => page.getByTestId('stop').filter({ hasText: name });
    await card('烏來茶行').getByTestId('stop-called-off').getByText('颱風停班停課（烏來區）：停止配送，請勿送達').waitFor({ timeout: 20_000 });
    await page.getByTestId('driver-closed-today').getByText('今天颱風停班停課（烏來區）：標示「停止配送」的站點請勿再送，訂單由辦公室改期；其他站點照常配送。').waitFor();
    await expect(card('三重麵攤').getByTestId('stop-called-off').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-driver-closure-districts.png'), fullPage: true });
    await page.context().close();
  }, 120_000);
});

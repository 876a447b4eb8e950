import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import { DEPOTS, DRIVERS, VEHICLES } from '../../functions/src/local/seed/fleet';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of the phone-order form's full-day warning (audit 23 F6): the office picking a day the customer's depot
 * already has as many orders as its trucks make stops is told the figures and the next day with room, and may still
 * book the day. The customer's portal marks the day in its calendar and says it is full when picked, with no figure of
 * anyone's orders, and books it all the same.
 */

// Far-future days with fixed bookings: the warning holds whatever the day and hour the suite runs. 2030-12-02 is a Monday.
const DAY = '2030-12-02';
const NEXT = '2030-12-03';
const slashed = (day: string) => day.replaceAll('-', '/');
const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const customer = aCustomer().withId('cust-full').withCode('C00401').with({ name: '寒流小吃', closedDays: [] }).build();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-order-day-full', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedUser(db, 'c00401', '寒流小吃', { role: 'customer', customerId: customer.id });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  await db.collection('customers').doc(customer.id).set(customer);
  // 中和站: one truck with its driver making one stop a day, already taken on DAY.
  const depot = DEPOTS.find((d) => d.id === 'depot-zhonghe');
  const truck = VEHICLES.find((v) => v.depotId === depot?.id);
  const driver = DRIVERS.find((d) => d.vehicleId === truck?.id);
  if (!depot || !truck || !driver) throw new Error('the seed has 中和站 with a truck and its driver');
  await db.collection('depots').doc(depot.id).set({ ...depot, stopsPerTruck: 1 });
  await db.collection('vehicles').doc(truck.id).set(truck);
  await db.collection('drivers').doc(driver.id).set(driver);
  const booked = anOrder().withId('ord-booked').forCustomer(customer).inStatus('confirmed').with({ requestedDate: DAY, items: [{ size: 20, quantity: 2 }] }).build();
  await db.collection('orders').doc(booked.id).set({ ...booked, version: 1 });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe("the phone-order form's full-day warning", () => {
  it('tells the office a full day with its figures and the next day with room, says nothing of a day with room, and still books the full day', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/orders/new?customer=${customer.id}&items=20x1`);
    await page.getByTestId('order-empties-hint').waitFor({ timeout: 20_000 });
    const dateField = page.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    const warning = page.getByTestId('order-day-full');

    await dateField.fill(slashed(DAY));
    await dateField.press('Enter');
    await warning.getByText('幸福氣 中和站 12/2（一）已訂 1 筆（2 瓶）／約可送 1 筆，已額滿；建議改約 12/3（二）（仍可照訂）').waitFor({ timeout: 20_000 });

    await dateField.fill(slashed(NEXT));
    await dateField.press('Enter');
    await warning.waitFor({ state: 'detached' });

    await dateField.fill(slashed(DAY));
    await dateField.press('Enter');
    await warning.waitFor();
    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', customer.id).where('requestedDate', '==', DAY).get();
    expect(placed.size).toBe(2);
    await page.context().close();
  }, 120_000);

  it("marks the full day in the customer's calendar and says so when picked, without the depot's figures, and still books it", async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00401', /\/portal$/);
    await phone.locator('[data-test="portal-nav-new"]:visible').click();
    const dateField = phone.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dateField.waitFor({ timeout: 20_000 });
    const notice = phone.getByTestId('order-day-full-own');

    await dateField.fill(slashed(DAY));
    await dateField.press('Enter');
    await notice.getByText('12/2（一）訂單已滿，仍可預約，但可能無法如期送達；想準時收到，請改選日曆上沒有橘點的日子', { exact: true }).waitFor({ timeout: 20_000 });
    await dateField.click();
    const marked = phone.locator('.el-date-table td.lg-full-day');
    await marked.first().waitFor();
    await expect(marked.allInnerTexts()).resolves.toEqual(['2']);
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-full-day.png') });
    await dateField.press('Escape');

    await dateField.fill(slashed(NEXT));
    await dateField.press('Enter');
    await notice.waitFor({ state: 'detached' });
    await phone.getByTestId('full-days-hint').getByText('日曆上有橘點的日子訂單已滿，仍可預約，但可能無法如期送達').waitFor();

    await dateField.fill(slashed(DAY));
    await dateField.press('Enter');
    await notice.waitFor();
    await phone.locator('#pane-new [data-test=qty-20] .el-input-number__increase').click();
    await phone.getByTestId('create-order').click();
    const placed = () => stack.container.db.collection('orders').where('customerId', '==', customer.id).where('requestedDate', '==', DAY).where('source', '==', 'portal').get();
    for (let tries = 0; tries < 40 && (await placed()).empty; tries += 1) await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await placed()).size).toBe(1);

    // 修改 of that order: the same calendar, the full day marked and said while it stays picked, gone once moved off it.
    const [order] = (await placed()).docs;
    // 進行中訂單, the portal's first section.
    await phone.goto(`${stack.url}/portal`);
    await phone.getByTestId(`reschedule-${order!.id}`).click({ timeout: 20_000 });
    const dialog = phone.getByRole('dialog', { name: '修改訂單' });
    const changeNotice = dialog.getByTestId('order-day-full-own');
    await changeNotice.getByText('12/2（一）訂單已滿', { exact: false }).waitFor({ timeout: 20_000 });
    const changeDate = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await changeDate.click();
    const changeMarked = phone.locator('.el-date-table td.lg-full-day');
    await changeMarked.first().waitFor();
    await expect(changeMarked.allInnerTexts()).resolves.toEqual(['2']);
    await changeDate.press('Escape');
    await changeDate.fill(slashed(NEXT));
    await changeDate.press('Enter');
    await changeNotice.waitFor({ state: 'detached' });
    await dialog.getByTestId('full-days-hint').waitFor();
    await phone.context().close();
  }, 120_000);
});

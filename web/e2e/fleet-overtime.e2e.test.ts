import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { aDriver, aDraftRoute, aVehicle } from '../../functions/src/domain/routes/test-support/fleet-mother';
import { planningDay, seedPlanningDay } from '../../functions/src/functions/test-support/planning-day';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatDateRange } from '../src/lib/closures';
import { closeBrowserStack, login, officePage, openAdminPage, openBrowserStack, rangePickerDay, seedUser } from './browser';

/**
 * Browser test of 延長工時 on 車隊管理: the admin keeps one driver of 幸福氣 測試站 until 19:00 on a day, choosing among
 * that depot's drivers only; the office's 路線規劃 then says 加班至 19:00 on that driver's route; a stretch longer than
 * 14 days is refused under the days; deleting asks first. The office has no 車隊管理, as the API lets it only read. The
 * day is three days ahead: any hour will do.
 */

let stack: TestStack;
let browser: Browser;
const day = planningDay();
const at = (i: number) => ({ order: day.orders[i]!, customer: day.customers[i]! });
const OTHER_DEPOT = { id: 'depot-b', name: '幸福氣 板橋站', address: '新北市板橋區文化路一段1號', location: { lat: 25.01, lng: 121.46 } };

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-fleet-overtime', subscriptions: [] }));
  const db = stack.container.db;
  await seedPlanningDay(db, day);
  const elsewhere = aVehicle('veh-b', { plate: 'KLB-2000', depotId: OTHER_DEPOT.id });
  const routes = [
    aDraftRoute({ id: 'job-fo-1', jobId: 'job-fo', date: day.date, vehicle: day.vehicles[0]!, driver: day.drivers[0]!, stops: [at(0), at(1)] }),
    aDraftRoute({ id: 'job-fo-2', jobId: 'job-fo', date: day.date, vehicle: day.vehicles[1]!, driver: day.drivers[1]!, stops: [at(2), at(3)] }),
  ];
  await Promise.all([
    seedUser(db, 'admin', '李經理', { role: 'admin' }),
    seedUser(db, 'office', '王小姐', { role: 'office' }),
    db.collection('depots').doc(OTHER_DEPOT.id).set(OTHER_DEPOT),
    db.collection('vehicles').doc(elsewhere.id).set(elsewhere),
    db.collection('drivers').doc('drv-b').set(aDriver('drv-b', elsewhere.id, { name: '林志明' })),
    ...routes.map((r) => db.collection('routes').doc(r.id).set({ ...r, version: 1 })),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function overtimeTab(): Promise<Page> {
  // Taipei time in the browser too: the range picker's "this month" is the business's.
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Taipei' });
  const page = await context.newPage();
  await login(page, stack.url, 'admin', /\/office$/);
  await openAdminPage(page, '車隊管理');
  await page.getByRole('tab', { name: '延長工時' }).click();
  return page;
}

async function pickDays(page: Page, from: string, to: string): Promise<void> {
  await page.getByPlaceholder('開始日').click();
  await rangePickerDay(page, from).click();
  await rangePickerDay(page, to).click();
}

const storedOvertimes = async () => (await stack.container.db.collection('overtimes').get()).docs.map((d) => d.data());

describe('車隊管理 延長工時', () => {
  it('adds one driver’s overtime, which 路線規劃 shows, refuses more than 14 days under the days, and deletes it once confirmed', async () => {
    const page = await overtimeTab();
    const table = page.getByTestId('overtimes-table');
    await table.getByText('沒有延長工時').waitFor({ timeout: 20_000 });

    await page.getByTestId('overtime-depot').click();
    await page.getByRole('option', { name: '幸福氣 測試站' }).click();
    await page.getByTestId('overtime-drivers').click();
    await page.getByRole('option', { name: '司機 drv-2' }).waitFor({ timeout: 5_000 });
    await expect(page.getByRole('option', { name: '林志明' }).count()).resolves.toBe(0);
    await page.getByRole('option', { name: '司機 drv-1' }).click();
    await page.keyboard.press('Escape');
    await pickDays(page, day.date, day.date);
    await expect(page.getByTestId('overtime-end').innerText()).resolves.toBe('19:00');
    await page.getByTestId('overtime-reason').fill('寒流');
    await page.getByTestId('add-overtime').click();

    const row = table.locator('.el-table__row', { hasText: '寒流' });
    await row.waitFor({ timeout: 20_000 });
    await expect(row.locator('td').allInnerTexts()).resolves.toEqual(['幸福氣 測試站', '司機 drv-1', formatDateRange({ from: day.date, to: day.date }), '19:00', '寒流', '李經理', '刪除']);
    expect(await storedOvertimes()).toEqual([
      expect.objectContaining({ depotId: day.depot.id, driverIds: ['drv-1'], from: day.date, to: day.date, end: '19:00', reason: '寒流', createdBy: { uid: 'u-admin', role: 'admin' } }),
    ]);

    const office = await officePage(browser, stack.url);
    await office.goto(`${stack.url}/office/routes?date=${day.date}`);
    const tags = office.locator('[data-test="route-overtime"]');
    await tags.first().waitFor({ timeout: 20_000 });
    await expect(tags.allInnerTexts()).resolves.toEqual(['加班至 19:00']);
    await office.context().close();

    // Fifteen days: the API's message stands under the days, nothing is stored.
    await pickDays(page, day.date, addDays(day.date, 14));
    await page.getByTestId('overtime-reason').fill('寒流');
    await page.getByTestId('add-overtime').click();
    const days = page.getByTestId('overtime-form').locator('.el-form-item', { hasText: '日期' });
    await days.locator('.el-form-item__error').getByText('結束日不可早於開始日，且最多 14 天').waitFor({ timeout: 20_000 });
    expect(await storedOvertimes()).toHaveLength(1);

    await row.getByTestId('delete-overtime').click();
    const box = page.locator('.el-message-box');
    await box.getByText('確定刪除「幸福氣 測試站」').waitFor({ timeout: 5_000 });
    await box.getByRole('button', { name: '刪除' }).click();
    await table.getByText('沒有延長工時').waitFor({ timeout: 20_000 });
    expect(await storedOvertimes()).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('is not offered to the office, which may only read overtimes: no 管理 menu, and 車隊管理 leads back to the board', async () => {
    const page = await officePage(browser, stack.url);
    await expect(page.getByTestId('nav-admin').count()).resolves.toBe(0);
    await page.goto(`${stack.url}/admin/fleet`);
    await page.waitForURL(/\/office$/);
    await expect(page.getByRole('tab', { name: '延長工時' }).count()).resolves.toBe(0);
    await page.context().close();
  }, 90_000);
});

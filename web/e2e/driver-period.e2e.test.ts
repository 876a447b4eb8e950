import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { taipeiInstant } from '../../functions/src/domain/calendar';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import { seedDemoData } from '../../functions/src/local/seed';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { lastClosedMonth } from '../src/components/billing/statement-month';
import { monthPeriod, type DriverPeriod } from '../src/lib/driver-period';
import { addDays, formatMoney, formatShortDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, PASSWORD } from './browser';

/**
 * Browser test of 報表's 配送失敗 and 司機統計 tabs on the demo data: last month's failed deliveries and drivers' figures
 * as the API answers them, in zh-TW, and the English page fitting a 1366 px laptop.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const PERIOD = monthPeriod(lastClosedMonth(), taipeiDate());

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-driver-period', subscriptions: [] }));
  await seedDemoData(stack.container.db, { password: PASSWORD });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function apiPeriod(): Promise<DriverPeriod> {
  const res = await apiClient(stack.url, stack.container)('GET', `/api/settlements/period?from=${PERIOD.from}&to=${PERIOD.to}`, { as: 'office' });
  expect(res.status).toBe(200);
  return res.body as DriverPeriod;
}

/** Opens a tab of 報表 and picks 月 (last month). */
async function openMonth(page: Page, tab: string, testId: string) {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  const view = page.getByTestId(testId);
  await view.getByTestId('period-kind').locator('label').nth(1).click();
  return view;
}

describe('配送失敗 and 司機統計 in the browser', () => {
  it('lists last month’s failed deliveries with their reasons and counts, and each driver’s figures, as the API answers them', async () => {
    const report = await apiPeriod();
    expect(report.failed.length).toBeGreaterThan(0);
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/reports`);
    const failed = await openMonth(page, '配送失敗', 'driver-period-failed');
    const rows = failed.getByTestId('failed-table').locator('tbody tr');
    await expect(rows.first().waitFor({ timeout: 90_000 }).then(() => rows.count())).resolves.toBe(report.failed.length);
    const first = report.failed[0]!;
    const firstRow = await rows.first().textContent();
    expect(firstRow).toContain(first.customerCode);
    expect(firstRow).toContain(first.driverName);
    const outcomes = { open: '未處理', delivered: '已補送', cancelled: '已取消', rescheduled: '已延後至', failed_again: '再次未送達' } as const;
    expect(firstRow).toContain(outcomes[first.outcome]);
    const byReason = await failed.getByTestId('failed-by-reason').locator('tbody tr').count();
    expect(byReason).toBe(report.failedByReason.length);
    const [download] = await Promise.all([page.waitForEvent('download'), failed.getByTestId('failed-csv').click()]);
    expect(download.suggestedFilename()).toBe(`配送失敗-${PERIOD.from}-${PERIOD.to}.csv`);

    const drivers = await openMonth(page, '司機統計', 'driver-period-drivers');
    const driverRows = drivers.getByTestId('drivers-table').locator('.el-table__body-wrapper tbody tr');
    await driverRows.first().waitFor({ timeout: 90_000 });
    const busiest = [...report.drivers].sort((a, b) => b.deliveries - a.deliveries)[0]!;
    const row = await driverRows.filter({ hasText: busiest.driverName }).first().textContent();
    expect(row).toContain(formatMoney(busiest.revenue));
    expect(row).toContain(String(busiest.deliveries));
    await page.screenshot({ path: join(SHOTS, 'lg-reports-drivers.png'), fullPage: true });
    await page.context().close();
    // A month reads six months of days for the 短溢 (14 s on the demo on a loaded machine).
  }, 300_000);

  it('says at each failure of an order failed three times what came next: tried again that day, moved to a day, not handled', async () => {
    const db = stack.container.db;
    const customer = aCustomer().withId('c-failed-thrice').withCode('C07777').build();
    await db.collection('customers').doc(customer.id).set(customer);
    const driverId = (await db.collection('drivers').limit(1).get()).docs[0]!.id;
    // Last month: failed in the morning, sent out again that afternoon and failed, moved to the next day and failed there.
    const [day, next] = [addDays(PERIOD.from, 7), addDays(PERIOD.from, 8)];
    const failures = [taipeiInstant(day, '10:00'), taipeiInstant(day, '16:00'), taipeiInstant(next, '10:00')];
    const created = anOrder().withId('o-failed-thrice').forCustomer(customer).onDriver(driverId).build();
    const by = { uid: 'u-office', role: 'office' } as const;
    const timeline = [
      ...created.timeline,
      ...failures.flatMap((at, i) => [
        ...(i > 0 ? [{ at, by, from: 'failed', to: 'pending' }] : []),
        { at, by, from: 'out_for_delivery', to: 'failed', reason: 'no_one_home' },
      ]),
    ];
    await db.collection('orders').doc(created.id).set({ ...created, status: 'failed', requestedDate: next, driverId, failureReason: 'no_one_home', timeline });
    await Promise.all(
      failures.map((at, i) =>
        db
          .collection('routes')
          .doc(`r-failed-thrice-${i}`)
          .set({
            id: `r-failed-thrice-${i}`,
            date: i < 2 ? day : next,
            depotId: 'depot-1',
            driverId,
            vehicleId: 'veh-01',
            status: 'completed',
            stops: [{ orderId: created.id, customerId: customer.id, seq: 1, trip: 0, eta: at, lat: 25.0, lng: 121.5, serviceMin: 5, demand: [], windows: [], requiredSkills: [], outcome: { status: 'failed', at, actionId: `a-${i}` } }],
            distanceKm: 8,
            durationMin: 30,
            violations: [],
            createdAt: at,
            updatedAt: at,
            version: 1,
          }),
      ),
    );
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/reports`);
    const failed = await openMonth(page, '配送失敗', 'driver-period-failed');
    const rows = failed.getByTestId('failed-table').locator('tbody tr').filter({ hasText: 'C07777' });
    await rows.first().waitFor({ timeout: 90_000 });
    const outcomes = await rows.locator('td').evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
    expect(outcomes.filter((t) => t.includes('未送達') || t === '未處理')).toEqual(['當天重送後再次未送達', `改期至 ${formatShortDate(next, 'zh-TW')} 後再次未送達`, '未處理']);
    await page.context().close();
  }, 300_000);

  it('fits a 1366 px laptop in English, tab list and both views', async () => {
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1366, height: 900 } });
    // The language the app was last switched to (web/src/modules/i18n.ts).
    await context.addInitScript(() => localStorage.setItem('lg.locale', 'en'));
    const page = await context.newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);
    const failed = await openMonth(page, 'Failed', 'driver-period-failed');
    await failed.getByTestId('failed-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(SHOTS, 'lg-reports-failed-en.png'), fullPage: true });
    const drivers = await openMonth(page, 'Drivers', 'driver-period-drivers');
    await drivers.getByTestId('drivers-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(SHOTS, 'lg-reports-drivers-en.png'), fullPage: true });
    await context.close();
  }, 300_000);
});

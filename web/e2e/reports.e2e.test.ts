import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { seedDemoData } from '../../functions/src/local/seed';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { lastClosedMonth } from '../src/components/billing/statement-month';
import type { MonthlySales, WeeklySales } from '../src/composables/useMonthlySales.figures';
import { formatDateRange } from '../src/lib/closures';
import type { SettlementMonth } from '../src/composables/useSettlements';
import { addDays, formatCalendarDate, formatMoney, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, PASSWORD } from './browser';

/**
 * Browser test of 月報 on the demo data (320 customers, a year of orders), the built SPA, the local gateway and the
 * emulators: the office opens the reports page's 月報 tab and reads last month's figures as the API answers them, and
 * the 司機現金月報 tab the drivers' cash of last month; the trend's and 準時率's CSVs say what their cards say.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const MONTH = lastClosedMonth();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-reports', subscriptions: [] }));
  await seedDemoData(stack.container.db, { password: PASSWORD });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function apiReport(): Promise<MonthlySales> {
  const res = await apiClient(stack.url, stack.container)('GET', `/api/reports/monthly?month=${MONTH}`, { as: 'office' });
  expect(res.status).toBe(200);
  return res.body as MonthlySales;
}

describe('月報 in the browser', () => {
  it('shows last month’s revenue, cylinders, comparisons and top customer as the API answers them', async () => {
    const report = await apiReport();
    expect(report.totals.orders).toBeGreaterThan(0);

    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);
    await page.getByRole('tab', { name: '月報', exact: true }).click();

    const revenue = page.getByTestId('sales-revenue');
    await expect(revenue.locator('.el-statistic__content').textContent({ timeout: 15_000 }).then((s) => s?.trim())).resolves.toBe(formatMoney(report.totals.revenue));
    // The month as Taiwanese dates are written (2026/10), in the picker and in the comparisons (較上月（2026 年 9 月）).
    await expect(page.getByRole('combobox', { name: '月份' }).inputValue()).resolves.toBe(MONTH.replace('-', '/'));
    const previous = report.previousMonth.month;
    await expect(revenue.textContent()).resolves.toContain(`較上月（${previous.slice(0, 4)} 年 ${Number(previous.slice(5))} 月）`);
    const cylinders = (await page.getByTestId('sales-cylinders').locator('.el-statistic__content').textContent())?.replace(/\D/g, '');
    expect(Number(cylinders)).toBe(report.totals.cylinders);
    const change = report.previousMonth.change.revenue;
    if (change !== null && change !== 0) await expect(revenue.textContent()).resolves.toContain(`${change > 0 ? '▲' : '▼'}${Math.abs(change).toFixed(1)}%`);

    const top = report.topCustomers[0];
    expect(top).toBeDefined();
    const firstRow = page.getByTestId('sales-top-customers').locator('tbody tr').first();
    await expect(firstRow.textContent()).resolves.toContain(top?.name ?? '');
    await expect(firstRow.textContent()).resolves.toContain(formatMoney(top?.revenue ?? 0));
    await expect(page.getByTestId('sales-top-customers').locator('tbody tr').count()).resolves.toBe(Math.min(20, report.topCustomers.length));
    await page.screenshot({ path: join(SHOTS, 'lg-reports-monthly.png'), fullPage: true });
    await context.close();
  });

  it('fits the day’s charts to a 390 px phone, one under the other, nothing scrolling sideways', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);
    const cards = page.getByTestId('reports-charts').locator('.el-card');
    await cards.first().locator('canvas').waitFor({ timeout: 15_000 });
    const boxes = await cards.evaluateAll((els) => els.map((el) => ({ left: el.getBoundingClientRect().left, right: el.getBoundingClientRect().right })));
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box.right).toBeLessThanOrEqual(390);
    expect(boxes[0]?.left).toBe(boxes[1]?.left);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'lg-reports-phone.png'), fullPage: true });
    await context.close();
  });
});

describe('週報 in the browser', () => {
  it('shows last week against the week before as the API answers them, steps back a week and exports it', async () => {
    const call = apiClient(stack.url, stack.container);
    const last = (await call('GET', '/api/reports/weekly', { as: 'admin' })).body as WeeklySales;
    const before = (await call('GET', `/api/reports/weekly?week=${last.previousWeek.week}`, { as: 'admin' })).body as WeeklySales;
    expect(last.totals.orders).toBeGreaterThan(0);
    expect(before.week).toBe(addDays(last.week, -7));

    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);
    await page.getByRole('tab', { name: '週報', exact: true }).click();
    const weekly = page.getByTestId('weekly-sales');
    const revenue = weekly.getByTestId('sales-revenue');
    await expect(revenue.locator('.el-statistic__content').textContent({ timeout: 15_000 }).then((s) => s?.trim())).resolves.toBe(formatMoney(last.totals.revenue));
    await expect(weekly.getByTestId('week-range').textContent()).resolves.toBe(formatDateRange({ from: last.week, to: addDays(last.week, 6) }));
    await expect(revenue.textContent()).resolves.toContain(`較上週（${formatDateRange({ from: before.week, to: addDays(before.week, 6) }, 'zh-TW', false)}）`);
    const yearBack = last.lastYear.week;
    await expect(revenue.textContent()).resolves.toContain(`較去年同週（${yearBack.slice(0, 4)}/${formatDateRange({ from: yearBack, to: addDays(yearBack, 6) }, 'zh-TW', false)}）`);
    const change = last.previousWeek.change.revenue;
    if (change !== null && change !== 0) await expect(revenue.textContent()).resolves.toContain(`${change > 0 ? '▲' : '▼'}${Math.abs(change).toFixed(1)}%`);
    const cylinders = (await weekly.getByTestId('sales-cylinders').locator('.el-statistic__content').textContent())?.replace(/\D/g, '');
    expect(Number(cylinders)).toBe(last.totals.cylinders);
    const size20 = last.bySize.find((s) => s.size === 20);
    const size20Row = await weekly.getByTestId('sales-by-size').locator('tbody tr').filter({ hasText: '20 公斤' }).textContent();
    expect(size20Row).toContain(formatMoney(size20?.revenue ?? 0));
    // The row against the week before's 20 kg, as the card's caption says (▲▼ 較上週).
    await expect(weekly.locator('.el-card', { has: page.getByTestId('sales-by-size') }).locator('.el-card__header').textContent()).resolves.toContain('▲▼ 較上週');
    const rowChange = size20?.change.cylinders ?? null;
    expect(rowChange).not.toBeNull();
    if (rowChange !== null && rowChange !== 0) expect(size20Row).toContain(`${rowChange > 0 ? '▲' : '▼'}${Math.abs(rowChange).toFixed(1)}%`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(SHOTS, 'lg-reports-weekly.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), weekly.getByTestId('weekly-csv').click()]);
    expect(download.suggestedFilename()).toBe(`週報-${last.week}.csv`);
    const rows = readFileSync(await download.path()).subarray(3).toString('utf8').split('\r\n');
    expect(rows[0]).toBe(`週報,${last.week}`);

    await weekly.getByTestId('week-previous').click();
    await weekly.getByTestId('week-range').filter({ hasText: formatDateRange({ from: before.week, to: addDays(before.week, 6) }) }).waitFor({ timeout: 15_000 });
    await expect(revenue.locator('.el-statistic__content').textContent().then((s) => s?.trim())).resolves.toBe(formatMoney(before.totals.revenue));
    await context.close();
  });
});

describe('準時率 and the 30-day trend in the browser', () => {
  /** A downloaded CSV's lines, its byte order mark checked and taken off. */
  const csvLines = (file: Buffer): string[] => {
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return file.subarray(3).toString('utf8').trimEnd().split('\r\n');
  };

  it('downloads the trend and each driver’s 準時率 as CSVs that say what the cards say', async () => {
    const today = taipeiDate();
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);

    // The overview's trend, 30 days by default: a line a day, then the totals the card shows.
    const trend = page.getByTestId('daily-trend');
    const booked = trend.getByTestId('trend-booked').locator('.el-statistic__content');
    // The demo's last 30 days have orders: the card reads 0 only until the counters come.
    await booked.filter({ hasText: /[1-9]/ }).waitFor({ timeout: 20_000 });
    const [trendFile] = await Promise.all([page.waitForEvent('download'), trend.getByTestId('trend-csv').click()]);
    const from = addDays(today, -29);
    expect(trendFile.suggestedFilename()).toBe(`每日趨勢-${from}-${today}.csv`);
    const trendLines = csvLines(readFileSync(await trendFile.path()));
    expect(trendLines.slice(0, 4)).toEqual(['幸福氣 每日趨勢', `期間,${from},${today}`, '日期,接單數,送達數,取消數,送達營業額', expect.stringMatching(new RegExp(`^${from},`))]);
    expect(trendLines.filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l))).toHaveLength(30);
    expect(trendLines.find((l) => l.startsWith('合計,'))?.split(',')[1]).toBe((await booked.textContent())?.replace(/\D/g, ''));

    // 準時率 over the last 7 days: the file's drivers in the table's order, and everyone's rate as the card shows it.
    await page.getByRole('tab', { name: '準時率' }).click();
    const card = page.getByTestId('punctuality');
    await card.getByText('7 天', { exact: true }).click();
    const week = addDays(today, -6);
    // The card names the new window in the render that starts its read: once that read's mask is gone, the figures are the week's.
    await card.getByText(formatCalendarDate(week, 'zh-TW'), { exact: false }).waitFor({ timeout: 15_000 });
    await card.locator('.el-loading-mask').waitFor({ state: 'hidden', timeout: 20_000 });
    const rows = card.locator('[data-test=punctuality-table] .el-table__row');
    await rows.first().waitFor({ timeout: 20_000 });
    const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent?.trim() ?? ''));
    const rate = (await card.getByTestId('punctuality-rate').locator('.el-statistic__content').textContent())?.trim();
    const [punctualityFile] = await Promise.all([page.waitForEvent('download'), card.getByTestId('punctuality-csv').click()]);
    expect(punctualityFile.suggestedFilename()).toBe(`準時率-${week}-${today}.csv`);
    const lines = csvLines(readFileSync(await punctualityFile.path()));
    expect(lines.slice(0, 3)).toEqual(['幸福氣 準時率', `期間,${week},${today}`, '司機,送達,準時率,準時,遲到,平均遲到（分鐘）,提早,未約時段,失敗']);
    expect(lines.slice(3, -1).map((l) => l.split(',')[0])).toEqual(names);
    expect(lines.at(-1)?.split(',').slice(0, 3)).toEqual(['全部司機', expect.stringMatching(/^\d+$/), rate === '—' ? '' : rate]);
    await page.screenshot({ path: join(SHOTS, 'lg-reports-punctuality.png'), fullPage: true });
    await context.close();
  });
});

describe('司機現金月報 in the browser', () => {
  it('shows last month’s cash per driver as the API sums it, flags a day not handed in and opens that day’s 司機日結, and exports it', async () => {
    const call = apiClient(stack.url, stack.container);
    const before = (await call('GET', `/api/settlements/month?month=${MONTH}`, { as: 'office' })).body as SettlementMonth;
    // The seed settles every past day: one driver's first day of the month is left without its hand-in.
    const driver = before.drivers[0];
    const day = driver?.days.find((d) => d.cashCollected > 0);
    if (!driver || !day) throw new Error('the demo data has no driver cash last month');
    await stack.container.db.collection('settlements').doc(`${day.date}_${driver.driverId}`).delete();
    const res = await call('GET', `/api/settlements/month?month=${MONTH}`, { as: 'office' });
    expect(res.status).toBe(200);
    const report = res.body as SettlementMonth;
    const totals = report.drivers[0]!.totals;
    expect(totals.unsettledDays).toBe(1);

    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);
    await page.getByRole('tab', { name: '司機現金月報' }).click();
    await expect(page.getByRole('combobox', { name: '月份' }).inputValue()).resolves.toBe(MONTH.replace('-', '/'));
    const table = page.getByTestId('settlement-month-table');
    const row = table.locator('.el-table__row').filter({ hasText: driver.driverName }).first();
    await expect(row.getByTestId('settlement-month-difference').textContent({ timeout: 20_000 })).resolves.toBe(formatMoney(totals.difference));
    await expect(row.textContent()).resolves.toContain(formatMoney(totals.handedIn));
    await expect(row.textContent()).resolves.toContain('1 天');
    const footer = await table.locator('.el-table__footer').textContent();
    expect(footer).toContain('本月合計');
    expect(footer).toContain(formatMoney(report.totals.due));

    await row.locator('.el-table__expand-icon').click();
    const days = page.getByTestId(`settlement-month-days-${driver.driverId}`);
    await expect(days.getByTestId('settlement-month-unsettled').count()).resolves.toBe(1);
    const unsettled = days.locator('.el-table__row').filter({ has: page.getByTestId('settlement-month-unsettled') });
    await unsettled.getByTestId('settlement-month-day').click();
    // That day's 司機日結, where the hand-in is recorded: the driver's row not settled.
    await expect(page.getByRole('combobox', { name: '日期' }).inputValue()).resolves.toBe(day.date.replaceAll('-', '/'));
    const dayRow = page.getByTestId('settlement-table').locator('.el-table__row').filter({ hasText: driver.driverName }).first();
    await expect(dayRow.getByTestId('settlement-status').textContent({ timeout: 20_000 })).resolves.toContain('未結算');

    await page.getByRole('tab', { name: '司機現金月報' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settlement-month-csv').click()]);
    expect(download.suggestedFilename()).toBe(`司機現金月報-${MONTH}.csv`);
    const rows = readFileSync(await download.path()).subarray(3).toString('utf8').split('\r\n');
    expect(rows).toContain('未日結天數,1');
    await page.screenshot({ path: join(SHOTS, 'lg-reports-settlement-month.png'), fullPage: true });
    await context.close();
  });
});

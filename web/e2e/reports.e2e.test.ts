import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { seedDemoData } from '../../functions/src/local/seed';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { lastClosedMonth } from '../src/components/billing/statement-month';
import type { MonthlySales } from '../src/composables/useMonthlySales.figures';
import { formatMoney } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, PASSWORD } from './browser';

/**
 * Browser test of 月報 on the demo data (320 customers, a year of orders), the built SPA, the local gateway and the
 * emulators: the office opens the reports page's 月報 tab and reads last month's figures as the API answers them.
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
    await page.getByRole('tab', { name: '月報' }).click();

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

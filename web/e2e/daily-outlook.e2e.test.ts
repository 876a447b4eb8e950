import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 需求預測's 每日叫貨 (audit 21 F2): the filling plant's order a day at a time, the booked orders beside
 * the night's outlook, closures marked, and the days against the fulls in stock. Days count from the real Taipei day: no
 * shift or cut-off is involved, so it passes at any hour.
 */
let stack: TestStack;
let browser: Browser;
const TODAY = taipeiDate();
const TOMORROW = addDays(TODAY, 1);
const CLOSED = addDays(TODAY, 3);
const EARLY = addDays(TODAY, 4);
const DEPOT = { id: 'depot-do', name: '幸福氣 板橋站', address: '新北市板橋區文化路一段1號', location: { lat: 25.01, lng: 121.46 } };

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-daily-outlook', subscriptions: [] }));
  const db = stack.container.db;
  // What the night stored: 6.2 cylinders of 20 kg a day, none on the closed day (its orders moved to the days around it).
  const days = Array.from({ length: 15 }, (_, n) => addDays(TODAY, n)).map((from) => ({
    from,
    bySize: [from === CLOSED ? { size: 20, mean: 0, p10: 0, p90: 0 } : { size: 20, mean: 6.2, p10: 3.1, p90: 9.4 }],
  }));
  // The depot's customers buy every size: the widest the table gets.
  const everySize = days.map((day) => ({ ...day, bySize: [4, 10, 16, 20, 50].map((size) => ({ size, mean: 12.6, p10: 8.1, p90: 17.4 })) }));
  const customer = aCustomer().withId('cust-do-1').withCode('C09101').with({ name: '好鄰居小吃' }).build();
  const booked = anOrder().withId('ord-do-1').forCustomer(customer).inStatus('confirmed').with({ requestedDate: TOMORROW, items: [{ size: 20, quantity: 9 }] }).build();
  const createdAt = new Date().toISOString();
  await Promise.all([
    seedUser(db, 'office', '王小姐', { role: 'office' }),
    db.collection('depots').doc(DEPOT.id).set(DEPOT),
    db.collection('customers').doc(customer.id).set(customer),
    db.collection('orders').doc(booked.id).set({ ...booked, version: 1 }),
    db.collection('cylinderStock').doc(DEPOT.id).set({ depotId: DEPOT.id, lines: [{ size: 20, full: 30, empty: 5 }] }),
    db.collection('closures').doc('cl-do-rest').set({ id: 'cl-do-rest', name: '盤點', from: CLOSED, to: CLOSED, createdAt, createdBy: 'u-admin' }),
    db.collection('closures').doc('cl-do-early').set({ id: 'cl-do-early', name: '除夕', from: EARLY, to: EARLY, closesAt: '12:00', createdAt, createdBy: 'u-admin' }),
    db.collection('forecasts').doc('weekly-demand').set({
      asOf: TODAY,
      computedAt: createdAt,
      customers: 40,
      model: { name: 'lpg-refill-eb', version: 'v1' },
      weeks: [{ from: TODAY, bySize: [{ size: 20, mean: 37.2, p10: 30.1, p90: 44.3 }] }],
      days,
      depots: [{ depotId: DEPOT.id, depotName: DEPOT.name, customers: 40, weeks: [], days: everySize }],
    }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('需求預測 每日叫貨', () => {
  it('shows each day’s booked cylinders beside the outlook, closures marked, and what to order against the fulls; 14 days and the CSV', async () => {
    const page = await officePage(browser, stack.url);
    await page.getByRole('menuitem', { name: '需求預測' }).click();
    await page.getByRole('tab', { name: '每日叫貨（分裝場）' }).click();
    const table = page.getByTestId('daily-outlook');
    const rows = table.locator('.el-table__body-wrapper .el-table__row');
    const tomorrow = rows.filter({ hasText: formatCalendarDate(TOMORROW) });
    // 9 booked against a mean of 6: the day takes the 9 (booked orders are part of the outlook, not on top of it).
    await tomorrow.getByText('已訂 9／預測 6（3–10）→ 9').waitFor({ timeout: 20_000 });
    await expect(rows.count()).resolves.toBe(7);
    await rows.filter({ hasText: formatCalendarDate(CLOSED) }).getByTestId('daily-closure').getByText('盤點・休息').waitFor();
    await expect(rows.filter({ hasText: formatCalendarDate(CLOSED) }).textContent()).resolves.toContain('已訂 0／預測 0（0–0）→ 0');
    await rows.filter({ hasText: formatCalendarDate(EARLY) }).getByTestId('daily-closure').getByText('除夕・12:00 提早收工').waitFor();

    // Seven days: 9 + 5 × 6.2 expected, 30 fulls in the yard, 10 to order.
    const totals = page.getByTestId('daily-totals').locator('.el-table__body-wrapper .el-table__row');
    await expect(totals.first().locator('td').allInnerTexts()).resolves.toEqual(['20 公斤', '9', '37', '40', '30', '10']);

    await page.getByTestId('daily-days').getByText('未來 14 天').click();
    await rows.nth(13).waitFor({ timeout: 20_000 });
    await expect(totals.first().locator('td').allInnerTexts()).resolves.toEqual(['20 公斤', '9', '81', '84', '30', '54']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('daily-csv').click()]);
    expect(download.suggestedFilename()).toBe(`每日叫貨預估-${TOMORROW}.csv`);
    const csv = readFileSync(await download.path()).subarray(3).toString('utf8').split('\r\n');
    expect(csv).toContain('20 公斤,9,80.6,83.4,30,54');
  });

  it('fits a 1366 × 768 laptop in English with every size of a depot, nothing scrolling sideways', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 } })).newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.evaluate(() => localStorage.setItem('lg.locale', 'en'));
    await page.goto(`${stack.url}/office/predictions`);
    await page.getByRole('tab', { name: 'Daily order (filling plant)' }).click();
    await page.getByTestId('daily-area').click();
    await page.getByRole('option', { name: DEPOT.name, exact: true }).click();
    const table = page.getByTestId('daily-outlook');
    await table.getByText('9 booked / 13 (8–18) → 13').waitFor({ timeout: 20_000 });
    await expect(table.locator('thead th').allInnerTexts()).resolves.toEqual(['Date', '4 kg', '10 kg', '16 kg', '20 kg', '50 kg']);
    const fit = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      tables: [...document.querySelectorAll<HTMLElement>('[data-test^=daily] .el-table__body-wrapper .el-scrollbar__wrap')].some((w) => w.scrollWidth > w.clientWidth),
    }));
    expect(fit).toEqual({ page: false, tables: false });
    await page.context().close();
  });
});

import type { Browser } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, rangePickerDay, seedUser } from './browser';

/**
 * Browser test of 需求調整 on 每日叫貨 (audit 23 F1): the weather service announces a 寒流 and the office puts ×3 on its days,
 * which the outlook, its totals and 應叫貨 then take; removed, the days read as the night stored them. Days count from the
 * real Taipei day: no shift or cut-off is involved, so it passes at any hour.
 */
let stack: TestStack;
let browser: Browser;
const TODAY = taipeiDate();
const TOMORROW = addDays(TODAY, 1);
const COLD_FROM = addDays(TODAY, 2);
const COLD_TO = addDays(TODAY, 3);
const DEPOT = { id: 'depot-da', name: '幸福氣 板橋站', address: '新北市板橋區文化路一段1號', location: { lat: 25.01, lng: 121.46 } };

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-demand-adjustment', subscriptions: [] }));
  const db = stack.container.db;
  // What the night stored: 6.2 cylinders of 20 kg a day (3.1–9.4), a normal December's.
  const days = Array.from({ length: 15 }, (_, n) => ({ from: addDays(TODAY, n), bySize: [{ size: 20, mean: 6.2, p10: 3.1, p90: 9.4 }] }));
  const customer = aCustomer().withId('cust-da-1').withCode('C09201').with({ name: '阿明火鍋店' }).build();
  const booked = anOrder().withId('ord-da-1').forCustomer(customer).inStatus('confirmed').with({ requestedDate: TOMORROW, items: [{ size: 20, quantity: 9 }] }).build();
  await Promise.all([
    seedUser(db, 'office', '王小姐', { role: 'office' }),
    db.collection('depots').doc(DEPOT.id).set(DEPOT),
    db.collection('customers').doc(customer.id).set(customer),
    db.collection('orders').doc(booked.id).set({ ...booked, version: 1 }),
    db.collection('cylinderStock').doc(DEPOT.id).set({ depotId: DEPOT.id, lines: [{ size: 20, full: 30, empty: 5 }] }),
    db.collection('forecasts').doc('weekly-demand').set({
      asOf: TODAY,
      computedAt: new Date().toISOString(),
      customers: 40,
      model: { name: 'lpg-refill-eb', version: 'v1' },
      weeks: [],
      days,
      depots: [],
    }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('需求預測 每日叫貨 需求調整', () => {
  it('puts 寒流 ×3 on two days, which the days, their totals and 應叫貨 take, and takes it off again', async () => {
    // Taipei time in the browser too: the picker's "this month" is the business's.
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '需求預測' }).click();
    await page.getByRole('tab', { name: '每日叫貨（分裝場）' }).click();
    const rows = page.getByTestId('daily-outlook').locator('.el-table__body-wrapper .el-table__row');
    const row = (day: string) => rows.filter({ hasText: formatCalendarDate(day) });
    const totals = page.getByTestId('daily-totals').locator('.el-table__body-wrapper .el-table__row').first().locator('td');
    // Seven days: 9 booked tomorrow, then 6 × 6.2: 46.2 expected against 30 fulls.
    await row(COLD_FROM).getByText('已訂 0／預測 6（3–10）→ 7').waitFor({ timeout: 20_000 });
    await expect(totals.allInnerTexts()).resolves.toEqual(['20 公斤', '9', '43', '47', '30', '17']);

    await page.getByTestId('adjustment-add').click();
    await expect(page.getByTestId('adjustment-reason').inputValue()).resolves.toBe('寒流');
    await page.getByPlaceholder('開始日').click();
    await rangePickerDay(page, COLD_FROM).click();
    await rangePickerDay(page, COLD_TO).click();
    await page.getByTestId('adjustment-submit').click();

    // The two cold days at 3×: 18.6 (9.3–28.2) each; tomorrow keeps its booked 9.
    await row(COLD_FROM).getByText('已訂 0／預測 19（9–29）→ 19').waitFor({ timeout: 20_000 });
    await expect(row(COLD_TO).getByTestId('daily-adjustment').innerText()).resolves.toBe('寒流 ×3');
    await expect(row(TOMORROW).getByTestId('daily-adjustment').count()).resolves.toBe(0);
    await expect(row(TOMORROW).textContent()).resolves.toContain('已訂 9／預測 6（3–10）→ 9');
    await expect(totals.allInnerTexts()).resolves.toEqual(['20 公斤', '9', '68', '71', '30', '41']);
    await expect(page.getByTestId('adjustment').innerText()).resolves.toContain('寒流 ×3');

    await page.getByTestId('adjustment').locator('.el-tag__close').click();
    await page.getByRole('button', { name: '刪除需求調整' }).click();
    await row(COLD_FROM).getByText('已訂 0／預測 6（3–10）→ 7').waitFor({ timeout: 20_000 });
    await expect(totals.allInnerTexts()).resolves.toEqual(['20 公斤', '9', '43', '47', '30', '17']);
    await expect(page.getByTestId('adjustments').count()).resolves.toBe(0);
    await context.close();
  }, 120_000);
});

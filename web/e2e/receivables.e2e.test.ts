import { readFileSync } from 'node:fs';
import { Timestamp } from '@google-cloud/firestore';
import type { Browser } from 'playwright-core';
import { firestoreReceivableStore } from '../../functions/src/adapters/firestore/receivable-store';
import { monthBounds, previousMonth, taipeiMonth } from '../../functions/src/domain/billing';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer } from '../../functions/src/domain/test-support/customer-mother';
import { anOrder } from '../../functions/src/domain/test-support/order-mother';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatMoney } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of the receivables ledger's month-end figures: the credits owed back to customers apart from what is owed,
 * and the aging exported as the bookkeeper's CSV (應收帳款帳齡表).
 */

let stack: TestStack;
let browser: Browser;

const today = taipeiDate(new Date());
const line = (customerId: string, code: string, name: string, balance: number, late: { days31to60?: number; over90?: number; oldestUnpaidMonth?: string } = {}) => {
  const { days31to60 = 0, over90 = 0, oldestUnpaidMonth } = late;
  return {
    customerId,
    customerCode: code,
    customerName: name,
    paymentTerms: 'monthly' as const,
    balance,
    aging: { notDue: Math.max(0, balance - days31to60 - over90), days1to30: 0, days31to60, days61to90: 0, over90 },
    ...(oldestUnpaidMonth ? { oldestUnpaidMonth } : {}),
    asOf: today,
    computedAt: new Date().toISOString(),
  };
};

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-receivables', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '辦公室 小美', { role: 'office' });
  const store = firestoreReceivableStore(db);
  await store.save(line('cust-rv-1', 'C00301', '林記麵館', 12400, { days31to60: 2400, oldestUnpaidMonth: '2026-09' }));
  // Paid more than owed: a credit, owed back.
  await store.save(line('cust-rv-2', 'C00302', '王家小吃', -500));
  // Less money late than 林記, but for far longer.
  await store.save(line('cust-rv-3', 'C00303', '陳先生', 800, { over90: 800, oldestUnpaidMonth: '2026-03' }));
  // 林記's last reminder was refused by the SMS gateway: its reason is the ledger's longest text.
  await db.collection('notificationDispatch').doc(`payment-cust-rv-1-manual-${today}`).set({
    kind: 'payment-reminder',
    customerId: 'cust-rv-1',
    stage: 'second',
    manual: true,
    channel: 'sms',
    to: '0912345678',
    text: '幸福氣催款通知',
    status: 'failed',
    error: 'DomainError: SMS gateway rejected the message (statuscode v: 無效的手機號碼)',
    errorCode: 'SMS.INVALID_NUMBER',
    createdAt: Timestamp.now(),
  });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('應收帳款 in the browser', () => {
  it('shows the credits owed back apart from what is owed, sorts by the oldest unpaid month on demand, and exports the aging as CSV', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/receivables`);
    await page.getByTestId('receivables-total').getByText(formatMoney(13200)).waitFor({ timeout: 20_000 });
    await page.getByTestId('receivables-credits').getByText(formatMoney(500)).waitFor();
    const codes = () => page.locator('[data-test=receivables-table] .el-table__body-wrapper .el-table__row td:first-child').allTextContents();
    // The API's order (most money overdue first), then the longest overdue first at a click on 最早未付月份.
    await expect(codes()).resolves.toEqual(['C00301', 'C00303']);
    await page.locator('[data-test=receivables-table] th', { hasText: '最早未付月份' }).click();
    await expect(codes()).resolves.toEqual(['C00303', 'C00301']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receivables-export').click()]);
    expect(download.suggestedFilename()).toBe(`應收帳款帳齡表-${today}.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(rows[0]).toBe('幸福氣 應收帳款帳齡表');
    expect(rows).toContain('C00301,林記麵館,,月結,12400,10000,0,2400,0,0,2026-09,');
    expect(rows).toContain('應收合計,,,,13200,10000,0,2400,0,800');
    expect(rows).toContain('溢收合計（應退客戶）,,,,500');
    await page.context().close();
  }, 90_000);

  it('fits a 1366 × 768 laptop in either language, every header on one line, sort arrows and all, every action whole, with why a reminder failed in the reader’s words', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 } })).newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/receivables`);
    const row = page.locator('[data-test=receivables-table] .el-table__row', { hasText: '林記麵館' });
    const reasons: Record<string, string> = {
      en: 'Not delivered: the SMS gateway says the mobile number is not valid; check it with the customer',
      'zh-TW': '未送達：簡訊商表示此手機號碼無效，請向客戶確認號碼',
    };
    for (const language of ['en', 'zh-TW']) {
      await page.evaluate((l) => localStorage.setItem('lg.locale', l), language);
      await page.reload();
      await row.waitFor({ timeout: 20_000 });
      expect((await row.getByTestId('receivable-reminder-status').textContent())?.trim()).toBe(reasons[language]);
      const table = page.getByTestId('receivables-table');
      const fit = await table.evaluate((t) => ({
        wrappedHeaders: [...t.querySelectorAll<HTMLElement>('.el-table__header-wrapper th .cell')]
          .filter((cell) => cell.scrollHeight > parseFloat(getComputedStyle(cell).lineHeight))
          .map((cell) => cell.textContent),
        sideways: [...t.querySelectorAll<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap')].some((w) => w.scrollWidth > w.clientWidth),
      }));
      // The fixed 操作 column: each action whole and on one line, none cut off at the column's edge (對帳單 once read 對／帳／單 and 記錄聯絡 ended at 記錄).
      const actions = await row.locator('.el-table-fixed-column--right .cell').evaluate((cell) => {
        const edge = cell.getBoundingClientRect();
        return [...cell.querySelectorAll<HTMLElement>('a, button')].map((action) => {
          const box = action.getBoundingClientRect();
          const text = action.textContent?.trim() ?? '';
          const range = document.createRange();
          range.selectNodeContents(action);
          const [first, ...rest] = [...range.getClientRects()].filter((r) => r.width > 0);
          const oneLine = first !== undefined && rest.every((r) => Math.abs(r.top - first.top) < first.height / 2);
          return { text, whole: oneLine && box.left >= edge.left - 0.5 && box.right <= edge.right + 0.5 };
        });
      });
      expect(actions).toEqual(actions.map(({ text }) => ({ text, whole: true })));
      expect(actions).toHaveLength(3);
      expect({ language, ...fit }).toEqual({ language, wrappedHeaders: [], sideways: false });
    }
    await page.context().close();
  }, 90_000);

  it('exports the ledger as it stood at the end of an ended month, the 應收帳款 of its books, where the table is today’s', async () => {
    const db = stack.container.db;
    const lastMonth = previousMonth(taipeiMonth(new Date()));
    const { lastDay } = monthBounds(lastMonth);
    const customer = aCustomer().withId('cust-rv-9').withCode('C00309').with({ name: '月底麵館', paymentTerms: 'monthly' }).build();
    await db.collection('customers').doc(customer.id).set(customer);
    const order = anOrder().withId('ord-rv-9').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod: 'monthly' }).inStatus('delivered').build();
    await db.collection('orders').doc(order.id).set({ ...order, delivery: { at: `${lastDay}T15:30:00.000Z`, delivered: order.items, emptiesCollected: [], cashCollected: 0 }, version: 1 });
    const earlier = { ...order, id: 'ord-rv-9-before', delivery: { at: `${lastMonth}-01T15:30:00.000Z`, delivered: order.items, emptiesCollected: [], cashCollected: 0 }, version: 1 };
    await db.collection('orders').doc(earlier.id).set(earlier);

    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 }, acceptDownloads: true })).newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/receivables`);
    await page.getByTestId('receivables-total').getByText(formatMoney(13200)).waitFor({ timeout: 20_000 });
    // The picker opens on the last month ended: the one being closed.
    await expect(page.getByLabel('月底帳齡表的月份').inputValue()).resolves.toBe(lastMonth.replace('-', '/'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '匯出月底帳齡表' }).click()]);
    expect(download.suggestedFilename()).toBe(`應收帳款帳齡表-${lastDay}.csv`);
    const rows = readFileSync(await download.path()).subarray(3).toString('utf8').split('\r\n');
    expect(rows[1]).toBe(`基準日,${lastDay}`);
    // Both deliveries of the month, the one at 23:30 on its last day (Taipei) too; the ledger's lines of today are not in it.
    expect(rows).toContain(`C00309,月底麵館,${customer.phones[0]},月結,${order.total * 2},${order.total * 2},0,0,0,0,${lastMonth},`);
    expect(rows).toContain(`應收合計,,,,${order.total * 2},${order.total * 2},0,0,0,0`);
    await page.context().close();
  }, 90_000);
});

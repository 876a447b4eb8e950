import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { Customer } from '../../functions/src/domain/customers';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatMoney, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 退款 on the built SPA, the local gateway and the emulators: a cash customer paid two 20 kg cylinders at
 * the door and an allowance (折讓) for one returned cylinder left NT$880 in credit. The customer drawer shows the credit
 * and offers 退款; the office pays it back, the balance is NT$0 and the month's statement lists the refund; voided there
 * with a reason, the credit is back.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const CUSTOMER = 'cust-refund-1';
const MONTH = taipeiDate().slice(0, 7);

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-refunds', subscriptions: [] }));
  const db = stack.container.db;
  const customer: Customer = aCustomer().withId(CUSTOMER).withCode('C00501').with({ name: '退款測試麵館', paymentTerms: 'cash' }).build();
  const built = anOrder().withId('ord-refund-1').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod: 'cash' }).inStatus('delivered').build();
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const order = {
    ...built,
    items: [{ size: 20, quantity: 2, unitPrice: 880, subtotal: 1760 }],
    total: 1760,
    delivery: { at, delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: 1760 },
  };
  // A live allowance of NT$880 on the order's invoice, as 開立折讓 leaves it: the account's credit.
  const allowance = { id: 'alw-refund-1', invoiceId: 'inv-ord-refund-1', customer: { id: CUSTOMER, code: 'C00501', name: '退款測試麵館' }, status: 'issued', issuedAt: at, amounts: { totalAmount: 880 } };
  await Promise.all([
    db.collection('customers').doc(CUSTOMER).set(customer),
    db.collection('orders').doc(order.id).set({ ...order, version: 1 }),
    db.collection('invoiceAllowances').doc(allowance.id).set(allowance),
    seedUser(db, 'refund-office', '會計小姐', { role: 'office' }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('退款 in the browser', () => {
  it('the office pays a credit back from the customer drawer, sees it on the statement and voids it there', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'refund-office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '退款測試麵館' }).click();
    const drawer = page.getByTestId('customer-drawer');
    await drawer.getByTestId('customer-credit').waitFor({ timeout: 20_000 });
    await expect(drawer.getByTestId('customer-balance-amount').textContent()).resolves.toBe(formatMoney(-880));
    await expect(drawer.getByTestId('customer-credit').textContent()).resolves.toContain('溢收 NT$880');

    await drawer.getByTestId('refund-open').click();
    const form = page.getByTestId('refund-form');
    await form.waitFor();
    expect(await form.getByTestId('refund-amount').locator('input').inputValue()).toBe('880');
    await form.getByTestId('refund-reason').fill('退回鋼瓶折讓款');
    await page.screenshot({ path: join(SHOTS, 'lg-office-refund-dialog.png') });
    await page.getByTestId('refund-submit').click();
    await page.getByText('已登記退款').waitFor({ timeout: 20_000 });
    await drawer.getByTestId('customer-balance-amount').filter({ hasText: formatMoney(0) }).waitFor({ timeout: 20_000 });
    expect(await drawer.getByTestId('refund-open').count()).toBe(0);

    await page.goto(`${stack.url}/office/customers/${CUSTOMER}/statement?month=${MONTH}`);
    const row = page.getByTestId('statement-refund');
    await row.waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toContain('退回鋼瓶折讓款');
    await expect(page.getByTestId('statement-refunds-total').textContent()).resolves.toBe(formatMoney(880));
    await expect(page.getByTestId('statement-closing').textContent()).resolves.toBe(formatMoney(0));
    await page.screenshot({ path: join(SHOTS, 'lg-office-statement-refund.png'), fullPage: true });

    await row.getByTestId('refund-void').click();
    await page.locator('.el-message-box input').fill('金額登記錯誤');
    await page.locator('.el-message-box').getByRole('button', { name: '作廢' }).click();
    await page.getByText('已作廢退款').waitFor({ timeout: 20_000 });
    await page.getByTestId('statement-closing').filter({ hasText: formatMoney(-880) }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('statement-refund').count()).toBe(0);
    const stored = (await stack.container.db.collection('refunds').where('customerId', '==', CUSTOMER).get()).docs.map((d) => d.data());
    expect(stored).toEqual([expect.objectContaining({ amount: 880, method: 'transfer', status: 'voided', voidReason: '金額登記錯誤' })]);
    await context.close();
  }, 120_000);
});

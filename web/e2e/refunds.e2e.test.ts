import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { aCustomer, anIssuedInvoice, anOrder } from '../../functions/src/domain/test-support';
import type { Customer } from '../../functions/src/domain/customers';
import { b2cAmounts, periodOfInstant, rocPeriodLabel, voidDeadline, type Allowance, type Invoice } from '../../functions/src/domain/invoicing';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate, formatMoney, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 退款 on the built SPA, the local gateway and the emulators: a cash customer paid two 20 kg cylinders at
 * the door and two live allowances (折讓: NT$880 for a returned cylinder, NT$300 off the price) left NT$1,180 in credit; a
 * cancelled allowance of theirs and another customer's live one count for nothing. The customer drawer shows the credit
 * and offers 退款, whose allowance picker lists only this customer's two live allowances; the office pays the NT$880 one
 * back (the amount follows the pick), the refund stored names it, NT$300 stays in credit and the month's statement lists
 * the refund; voided there with a reason, the whole credit is back.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const CUSTOMER = 'cust-refund-1';
const OTHER = 'cust-refund-2';
const MONTH = taipeiDate().slice(0, 7);
/** When the order was delivered and the allowances issued (minutes later). */
const AT = new Date(Date.now() - 3_600_000).toISOString();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-refunds', subscriptions: [] }));
  const db = stack.container.db;
  const customer: Customer = aCustomer().withId(CUSTOMER).withCode('C00501').with({ name: '退款測試麵館', paymentTerms: 'cash' }).build();
  const built = anOrder().withId('ord-refund-1').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod: 'cash' }).inStatus('delivered').build();
  const at = AT;
  const order = {
    ...built,
    items: [{ size: 20, quantity: 2, unitPrice: 880, subtotal: 1760 }],
    total: 1760,
    delivery: { at, delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: 1760 },
  };
  const other: Customer = aCustomer().withId(OTHER).withCode('C00502').with({ name: '隔壁小吃' }).build();
  const invoice = (c: Customer, id: string, number: string, allowedTotal: number): Invoice => ({ ...anIssuedInvoice(id, c, number, { amounts: b2cAmounts(1760), issuedAt: at }), allowedTotal });
  const period = periodOfInstant(new Date(at));
  // Allowances as 開立折讓 stores them; minutes apart so the picker's order (newest first) is known.
  const allowance = (inv: Invoice, id: string, number: string, total: number, minutes: number, status: 'issued' | 'void' = 'issued'): Allowance => ({
    id,
    invoiceId: inv.id,
    invoiceNumber: inv.number,
    invoiceIssuedAt: inv.issuedAt,
    kind: 'B2C',
    customer: { id: inv.customer.id, code: inv.customer.code, name: inv.customer.name },
    buyer: inv.buyer,
    lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: total, amount: total }],
    amounts: b2cAmounts(total),
    reason: '退回鋼瓶',
    issuedBy: { uid: 'refund-office', role: 'office' },
    number,
    issuedAt: new Date(Date.parse(at) + minutes * 60_000).toISOString(),
    period,
    periodLabel: rocPeriodLabel(period),
    status,
    cancellableUntil: voidDeadline(period),
    ...(status === 'void' ? { cancelledAt: at, cancelReason: '開錯' } : {}),
    provider: 'local-book',
    providerRef: `ref-${id}`,
  });
  const theirs = invoice(customer, 'inv-ord-refund-1', 'RF00000001', 1180);
  const another = invoice(other, 'inv-ord-refund-2', 'RF00000002', 500);
  // Two live allowances of NT$880 and NT$300 on the order's invoice are the account's credit; the cancelled one and the
  // other customer's are not the customer's to be paid back.
  const allowances = [
    allowance(theirs, 'alw-refund-1', 'AL000000000001', 880, 1),
    allowance(theirs, 'alw-refund-2', 'AL000000000002', 300, 2),
    allowance(theirs, 'alw-refund-3', 'AL000000000003', 200, 3, 'void'),
    allowance(another, 'alw-refund-9', 'AL000000000009', 500, 4),
  ];
  await Promise.all([
    db.collection('customers').doc(CUSTOMER).set(customer),
    db.collection('customers').doc(OTHER).set(other),
    db.collection('orders').doc(order.id).set({ ...order, version: 1 }),
    ...[theirs, another].map((i) => db.collection('invoices').doc(i.id).set(i)),
    ...allowances.map((a) => db.collection('invoiceAllowances').doc(a.id).set(a)),
    seedUser(db, 'refund-office', '會計小姐', { role: 'office' }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('退款 in the browser', () => {
  it('the office pays an allowance back from the customer drawer, sees it on the statement and voids it there', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'refund-office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '退款測試麵館' }).click();
    const drawer = page.getByTestId('customer-drawer');
    await drawer.getByTestId('customer-credit').waitFor({ timeout: 20_000 });
    await expect(drawer.getByTestId('customer-balance-amount').textContent()).resolves.toBe(formatMoney(-1180));
    await expect(drawer.getByTestId('customer-credit').textContent()).resolves.toContain('溢收 NT$1,180');

    await drawer.getByTestId('refund-open').click();
    const form = page.getByTestId('refund-form');
    await form.waitFor();
    const amount = form.getByTestId('refund-amount').locator('input');
    expect(await amount.inputValue()).toBe('1180');
    // No allowance unless one is picked; the list is this customer's live allowances only, newest first.
    await expect(form.getByTestId('refund-allowance').locator('input').inputValue()).resolves.toBe('');
    await form.getByTestId('refund-allowance').click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await options.first().waitFor();
    const day = formatCalendarDate(taipeiDate(new Date(AT)), 'zh-TW');
    await expect(options.allTextContents()).resolves.toEqual([`AL000000000002（${day}，NT$300）`, `AL000000000001（${day}，NT$880）`]);
    await page.getByTestId('refund-allowance-alw-refund-1').click();
    await expect(amount.inputValue()).resolves.toBe('880');
    await form.getByTestId('refund-reason').fill('退回鋼瓶折讓款');
    await page.screenshot({ path: join(SHOTS, 'lg-office-refund-dialog.png') });
    await page.getByTestId('refund-submit').click();
    await page.getByText('已登記退款').waitFor({ timeout: 20_000 });
    await drawer.getByTestId('customer-balance-amount').filter({ hasText: formatMoney(-300) }).waitFor({ timeout: 20_000 });
    const stored = () => stack.container.db.collection('refunds').where('customerId', '==', CUSTOMER).get().then((q) => q.docs.map((d) => d.data()));
    expect(await stored()).toEqual([expect.objectContaining({ amount: 880, allowanceId: 'alw-refund-1', status: 'paid' })]);

    // With less credit left than the allowance picked, the amount proposed is the credit.
    await drawer.getByTestId('refund-open').click();
    await form.waitFor();
    expect(await amount.inputValue()).toBe('300');
    await form.getByTestId('refund-allowance').click();
    await page.getByTestId('refund-allowance-alw-refund-1').click();
    await expect(amount.inputValue()).resolves.toBe('300');
    await page.locator('.el-dialog').getByRole('button', { name: '取消', exact: true }).click();

    await page.goto(`${stack.url}/office/customers/${CUSTOMER}/statement?month=${MONTH}`);
    const row = page.getByTestId('statement-refund');
    await row.waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toContain('退回鋼瓶折讓款');
    await expect(page.getByTestId('statement-refunds-total').textContent()).resolves.toBe(formatMoney(880));
    await expect(page.getByTestId('statement-closing').textContent()).resolves.toBe(formatMoney(-300));
    await page.screenshot({ path: join(SHOTS, 'lg-office-statement-refund.png'), fullPage: true });

    await row.getByTestId('refund-void').click();
    await page.locator('.el-message-box input').fill('金額登記錯誤');
    await page.locator('.el-message-box').getByRole('button', { name: '作廢' }).click();
    await page.getByText('已作廢退款').waitFor({ timeout: 20_000 });
    await page.getByTestId('statement-closing').filter({ hasText: formatMoney(-1180) }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('statement-refund').count()).toBe(0);
    expect(await stored()).toEqual([expect.objectContaining({ amount: 880, method: 'transfer', allowanceId: 'alw-refund-1', status: 'voided', voidReason: '金額登記錯誤' })]);
    await context.close();
  }, 120_000);
});

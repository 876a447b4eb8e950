import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { Customer } from '../../functions/src/domain/customers';
import { b2bAmountsFromTotal, rocPeriodLabel, voidDeadline, type Invoice } from '../../functions/src/domain/invoicing';
import type { TestStack } from '../../functions/src/local/test-support';
import { currentInvoicePeriod } from '../src/components/invoices/invoice-period';
import { formatMoney, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 折讓 (allowances) on the built SPA, the local gateway and the emulators: the office issues an allowance
 * for one returned cylinder of a B2B invoice from the 發票 page (the split shown before it is sent), sees the marker, the
 * allowance under the invoice and the period's allowances apart from its sales, exports them, and finds it on the
 * customer's statement of the month as a credit; a void of the invoice is refused while the allowance lives; the customer
 * reads it under 我的發票; the office cancels it (作廢折讓) and it leaves the statement.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const PERIOD = currentInvoicePeriod();
const CUSTOMER = 'cust-alw-1';
const INVOICE_ID = 'inv-ord-alw-1';
const NUMBER = 'XY20000001';
const TODAY = taipeiDate().replace(/-/g, '');
const STATEMENT = `/office/customers/${CUSTOMER}/statement?month=${taipeiDate().slice(0, 7)}`;

let stack: TestStack;
let browser: Browser;
let customer: Customer;

/** A B2B invoice of this period, two 20 kg cylinders, written as the consumer would have. */
async function seedInvoice(): Promise<Invoice> {
  const invoice: Invoice = {
    id: INVOICE_ID,
    kind: 'B2B',
    customer: { id: CUSTOMER, code: customer.code, name: customer.name, address: customer.address.full },
    buyer: { type: 'business', taxId: '22099131', title: '折讓測試麵館有限公司' },
    lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 }],
    amounts: b2bAmountsFromTotal(1760),
    source: { orderId: 'ord-alw-1' },
    number: NUMBER,
    randomNumber: '0427',
    period: PERIOD,
    periodLabel: rocPeriodLabel(PERIOD),
    issuedAt: new Date().toISOString(),
    status: 'issued',
    voidableUntil: voidDeadline(PERIOD),
    provider: 'local-book',
    providerRef: `invoiceBooks/${PERIOD.replace('/', '-')}#${NUMBER}`,
  };
  await stack.container.db.collection('invoices').doc(invoice.id).set(invoice);
  return invoice;
}

const desk = () => browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 }, acceptDownloads: true }).then((c) => c.newPage());

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-allowances' }));
  const db = stack.container.db;
  customer = await firestoreCustomerStore(db).create(CUSTOMER, (code) =>
    aCustomer().withId(CUSTOMER).withCode(code).with({ name: '折讓測試麵館', paymentTerms: 'transfer', invoice: { taxId: '22099131', companyTitle: '折讓測試麵館有限公司' } }).build(),
  );
  await Promise.all([seedUser(db, 'office', '王小姐', { role: 'office' }), seedUser(db, 'customer1', '折讓測試麵館', { role: 'customer', customerId: CUSTOMER }), seedInvoice()]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('折讓 in the browser', () => {
  it('the office issues an allowance for a returned cylinder: the split first, then the marker, the list, the period’s allowances and their CSV', async () => {
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const row = page.getByTestId('invoice-table').locator('.el-table__row', { hasText: NUMBER });
    await row.getByTestId('invoice-allowance').click({ timeout: 20_000 });
    const form = page.getByTestId('allowance-form');
    await expect(form.getByTestId('allowance-remaining').textContent()).resolves.toContain(`尚可折讓 ${formatMoney(1760)}`);
    await form.getByTestId('allowance-quantity-0').locator('input').fill('1');
    await form.getByTestId('allowance-quantity-0').locator('input').blur();
    // B2B: 5 % on the whole-NT$ sales, as the invoice was split.
    await expect(form.getByTestId('allowance-split').textContent()).resolves.toMatch(/838.*42.*880/);
    await page.getByTestId('allowance-submit').click();
    await form.getByText('請填寫原因').waitFor();
    await form.getByTestId('allowance-reason').fill('退回一支未使用的鋼瓶');
    await page.screenshot({ path: join(SHOTS, 'lg-office-allowance-dialog.png'), fullPage: true });
    await page.getByTestId('allowance-submit').click();

    await expect(row.getByTestId('invoice-allowance-marker').textContent({ timeout: 20_000 })).resolves.toContain(`折讓 ${formatMoney(880)}`);
    await expect(page.getByTestId('allowance-total').textContent()).resolves.toContain(formatMoney(880));
    await expect(page.getByTestId('invoice-net-sales').textContent()).resolves.toContain(formatMoney(1676 - 838));
    await row.locator('.el-table__expand-icon').click();
    const listed = page.getByTestId('allowance-list');
    await expect(listed.getByTestId('allowance-number').textContent({ timeout: 20_000 })).resolves.toBe(`AL${TODAY}0001`);
    await expect(listed.getByTestId('allowance-left').textContent()).resolves.toContain(`尚可折讓 ${formatMoney(880)}`);
    await page.screenshot({ path: join(SHOTS, 'lg-office-allowances.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('allowance-export').click()]);
    expect(download.suggestedFilename()).toBe(`折讓_${PERIOD.replace('/', '-')}.csv`);
    const lines = readFileSync(await download.path()).subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('折讓單號,折讓日期,期別,狀態,原發票號碼')).toBe(true);
    expect(lines.some((l) => l.startsWith(`AL${TODAY}0001,`) && l.includes(`,${NUMBER},`) && l.includes(',838,42,880,'))).toBe(true);

    // Under the invoices, the period's allowances of every invoice, the original number finding its invoice.
    const periodList = page.getByTestId('period-allowances');
    await expect(periodList.textContent({ timeout: 20_000 })).resolves.toContain(`AL${TODAY}0001`);
    for (const part of [NUMBER, '退回一支未使用的鋼瓶', formatMoney(880), '已折讓']) await expect(periodList.textContent()).resolves.toContain(part);
    await expect(page.getByText('本期折讓（1 張）').count()).resolves.toBe(1);

    // The customer's statement of the month lists it as a credit off what they owe.
    await page.goto(`${stack.url}${STATEMENT}`);
    const credit = await page.getByTestId('statement-allowance').textContent({ timeout: 20_000 });
    for (const part of [`AL${TODAY}0001`, NUMBER, '退回一支未使用的鋼瓶', formatMoney(880)]) expect(credit).toContain(part);
    await expect(page.getByTestId('statement-allowances-total').textContent()).resolves.toBe(formatMoney(880));
    await page.context().close();
  }, 120_000);

  it('a void of the invoice is refused while the allowance lives, with the API’s reason', async () => {
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const row = page.getByTestId('invoice-table').locator('.el-table__row', { hasText: NUMBER });
    await row.getByTestId('invoice-void').click({ timeout: 20_000 });
    await page.getByTestId('invoice-void-reason').fill('開錯');
    await page.getByTestId('invoice-void-submit').click();
    await expect(page.getByTestId('invoice-void-error').textContent({ timeout: 20_000 })).resolves.toContain('請先作廢所有折讓單再作廢發票');
    await page.context().close();
  }, 60_000);

  it('the customer reads the allowance under 我的發票, read-only', async () => {
    const page = await desk();
    await login(page, stack.url, 'customer1', /\/portal$/);
    await page.getByRole('tab', { name: '我的發票' }).click();
    const mine = page.getByTestId('customer-invoices');
    const row = mine.locator('.el-table__row', { hasText: NUMBER });
    await expect(row.getByTestId('invoice-allowance-marker').textContent({ timeout: 20_000 })).resolves.toContain(formatMoney(880));
    await row.locator('.el-table__expand-icon').click();
    await expect(mine.getByTestId('allowance-number').textContent({ timeout: 20_000 })).resolves.toBe(`AL${TODAY}0001`);
    expect(await mine.getByTestId('allowance-cancel').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-portal-allowances.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('the office cancels the allowance (作廢折讓): the marker goes, the invoice has all its total left', async () => {
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const row = page.getByTestId('invoice-table').locator('.el-table__row', { hasText: NUMBER });
    await row.locator('.el-table__expand-icon').click({ timeout: 20_000 });
    await page.getByTestId('allowance-list').getByTestId('allowance-cancel').click({ timeout: 20_000 });
    const prompt = page.locator('.el-message-box');
    await prompt.locator('input').fill('數量開錯');
    await prompt.getByRole('button', { name: '作廢折讓' }).click();
    await row.getByTestId('invoice-allowance-marker').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('allowance-status').filter({ hasText: '已作廢' }).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('allowance-list').textContent()).resolves.toContain('作廢：數量開錯');
    await expect(page.getByTestId('allowance-total').textContent()).resolves.toContain(formatMoney(0));
    const stored = (await stack.container.db.collection('invoices').doc(INVOICE_ID).get()).data() as Invoice;
    expect(stored.allowedTotal).toBe(0);

    // A cancelled allowance credits nothing: it leaves the statement.
    await page.goto(`${stack.url}${STATEMENT}`);
    await page.getByTestId('statement-totals').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('statement-allowance').count()).toBe(0);
    expect(await page.getByTestId('statement-allowances-total').count()).toBe(0);
    await page.context().close();
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import { eventually } from '../../functions/src/functions/test-support/planning-day';
import { aCustomer, anIssuedInvoice, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { Customer } from '../../functions/src/domain/customers';
import { b2cAmounts, orderInvoiceId, rocPeriodLabel, voidDeadline, type Invoice as StoredInvoice } from '../../functions/src/domain/invoicing';
import type { TestStack } from '../../functions/src/local/test-support';
import { currentInvoicePeriod, invoicePeriodParams, previousInvoicePeriod } from '../src/components/invoices/invoice-period';
import type { Invoice } from '../src/composables/useInvoices';
import { formatCalendarDate, formatMoney, formatShortDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of 電子發票 on the built SPA, the local gateway and the emulators (the `issueInvoices` consumer pushed to
 * by Pub/Sub, numbers from a local 字軌 book): a driver delivers a cash customer's order and its invoice appears on the
 * office's 發票 page, on the order and on the statement; the office voids it with a reason (and is told why an
 * invoice of an old period cannot be); the customer reads it as void under 我的發票, the carrier masked; the office fixes
 * the customer's carrier and 重新開立: the new number is on the 發票 page, the order, the statement and the portal.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const TODAY = taipeiDate();
const PERIOD = currentInvoicePeriod();
const OLD_PERIOD = previousInvoicePeriod(previousInvoicePeriod(PERIOD));
const DRIVER = 'drv-inv-1';
const CUSTOMER = 'cust-inv-1';
const ORDER = 'ord-inv-1';
const CARRIER = '/ABC1234';
const FIXED_CARRIER = '/XYZ9876';

let stack: TestStack;
let browser: Browser;
let customer: Customer;

async function seedDriverRoute(): Promise<void> {
  const db = stack.container.db;
  const order = anOrder().withId(ORDER).forCustomer(customer).onDriver(DRIVER).inStatus('scheduled').with({ items: [{ size: 20, quantity: 2 }], paymentMethod: 'cash' }).build();
  await Promise.all([
    db
      .collection('drivers')
      .doc(DRIVER)
      .set({ id: DRIVER, name: '林志成', phone: '0912-000-333', skills: [], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-01', active: true }),
    seedPublishedStop(db, { id: 'route-inv-1', date: TODAY, depotId: 'depot-zhonghe', driverId: DRIVER }, order, { customerName: customer.name, version: 1 }),
  ]);
}

/** A B2B invoice of a period long closed, written as the consumer would have: its void deadline has passed. */
async function seedOldInvoice(): Promise<StoredInvoice> {
  const invoice: StoredInvoice = {
    id: 'inv-ord-inv-old',
    kind: 'B2B',
    customer: { id: CUSTOMER, code: customer.code, name: customer.name, address: customer.address.full },
    buyer: { type: 'business', taxId: '22099131', title: '林記麵館' },
    lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 850, amount: 850 }],
    amounts: { salesAmount: 810, taxAmount: 40, totalAmount: 850 },
    source: { orderId: 'ord-inv-old' },
    number: 'AB00000001',
    randomNumber: '0427',
    period: OLD_PERIOD,
    periodLabel: rocPeriodLabel(OLD_PERIOD),
    issuedAt: `${OLD_PERIOD.slice(0, 4)}-${OLD_PERIOD.slice(5, 7)}-10T02:00:00.000Z`,
    status: 'issued',
    voidableUntil: voidDeadline(OLD_PERIOD),
    provider: 'local-book',
    providerRef: `invoiceBooks/${OLD_PERIOD.replace('/', '-')}#00000001`,
  };
  await stack.container.db.collection('invoices').doc(invoice.id).set(invoice);
  return invoice;
}

const storedInvoice = async (id: string) => (await stack.container.db.collection('invoices').doc(id).get()).data() as Invoice | undefined;
const desk = () => browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 }, acceptDownloads: true }).then((c) => c.newPage());

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-invoices' }));
  const db = stack.container.db;
  customer = await firestoreCustomerStore(db).create(CUSTOMER, (code) =>
    aCustomer().withId(CUSTOMER).withCode(code).with({ name: '發票測試小吃店', paymentTerms: 'cash', invoice: { carrier: CARRIER } }).build(),
  );
  await Promise.all([
    seedUser(db, 'office', '王小姐', { role: 'office' }),
    seedUser(db, 'customer1', '發票測試小吃店', { role: 'customer', customerId: CUSTOMER }),
    ...aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)),
    // The 字軌 the tax office allotted for this period: the local book numbers invoices from it.
    db.collection('invoiceBooks').doc(PERIOD.replace('/', '-')).set({ period: PERIOD, prefix: 'XY', from: 10000000, to: 10000049, next: 10000000 }),
    seedDriverRoute(),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('電子發票 in the browser', () => {
  let invoice: Invoice;

  it('an invoice is issued for a delivered order: the office sees it in the period, on the order and on the statement', async () => {
    const call = apiClient(stack.url, stack.container);
    const delivered = await call('POST', `/api/driver/stops/${ORDER}/deliver`, {
      as: { uid: 'u-driver-inv', role: 'driver', driverId: DRIVER },
      body: { actionId: randomUUID(), delivered: [{ size: 20, quantity: 2 }], cashCollected: 1700 },
    });
    expect(delivered.status).toBe(200);
    invoice = await eventually(() => storedInvoice(orderInvoiceId(ORDER)), 30_000);
    expect(invoice).toMatchObject({ number: 'XY10000000', kind: 'B2C', period: PERIOD, status: 'issued', buyer: { type: 'carrier', carrierCode: CARRIER } });

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '發票' }).click();
    await page.waitForURL(/\/office\/invoices$/);
    // The period as the invoice prints it, the same label the API gives (115年11-12月).
    await expect(page.getByTestId('invoice-period').textContent()).resolves.toContain(rocPeriodLabel(PERIOD));
    const row = page.getByTestId('invoice-table').locator('.el-table__row', { hasText: invoice.number });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain(customer.name);
    expect(await row.textContent()).toContain(`手機條碼 ${CARRIER}`);
    // Its expand arrow is named in zh-TW for a screen reader (Element Plus' zh-tw leaves it English).
    expect(await row.getByRole('button', { name: '展開此列', exact: true }).count()).toBe(1);
    // What it bills reads as a clerk says it — the delivery day, the customer, the cylinders — not as the order's id, and opens the order.
    expect(invoice.source).toEqual({ orderId: ORDER, deliveredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const deliveredOn = 'deliveredOn' in invoice.source ? (invoice.source.deliveredOn ?? '') : '';
    await expect(row.getByTestId('invoice-source').textContent()).resolves.toBe(`訂單 ${formatShortDate(deliveredOn, 'zh-TW', false)} ${customer.name} 20 公斤 × 2`);
    expect(await row.textContent()).not.toContain(ORDER);
    await row.getByTestId('invoice-source').click();
    const orderDrawer = page.getByTestId('order-drawer');
    await expect(orderDrawer.getByTestId('order-invoice-number').textContent({ timeout: 20_000 })).resolves.toBe(invoice.number);
    expect(await orderDrawer.textContent()).toContain(customer.address.full);
    await page.keyboard.press('Escape');
    await orderDrawer.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('invoice-total').textContent()).resolves.toContain(formatMoney(invoice.amounts.totalAmount));
    await expect(page.getByTestId('invoice-total-tax').textContent()).resolves.toContain(formatMoney(invoice.amounts.taxAmount));
    await expect(page.getByTestId('invoice-total-sales').textContent()).resolves.toContain(formatMoney(invoice.amounts.salesAmount));
    await page.screenshot({ path: join(SHOTS, 'lg-office-invoices.png'), fullPage: true });

    // 匯出 CSV for the accountant: named after the period, BOM, zh-TW headers, the invoice's row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('invoice-export').click()]);
    expect(download.suggestedFilename()).toBe(`發票_${PERIOD.replace('/', '-')}.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('發票號碼,')).toBe(true);
    expect(lines.some((l) => l.startsWith(`${invoice.number},`))).toBe(true);

    // The order on the board: delivered, with its invoice number.
    await page.getByRole('menuitem', { name: '訂單看板' }).click();
    // On the board: the invoices page's 來源 buttons name the customer too, and may still be on screen.
    await page.getByTestId('board').getByRole('button', { name: new RegExp(customer.name) }).click();
    await expect(page.getByTestId('order-invoice-number').textContent({ timeout: 20_000 })).resolves.toBe(invoice.number);
    await page.keyboard.press('Escape');

    // The month's statement names it beside the order.
    await page.goto(`${stack.url}/office/customers/${CUSTOMER}/statement?month=${TODAY.slice(0, 7)}`);
    await expect(page.getByTestId('statement-line-invoice').first().textContent({ timeout: 20_000 }).then((s) => s?.trim())).resolves.toBe(invoice.number);

    // The customer drawer lists it under the invoice settings.
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: customer.name }).click({ timeout: 20_000 });
    const drawer = page.getByTestId('customer-drawer');
    const listed = drawer.getByTestId('customer-invoices').locator('.el-table__row', { hasText: invoice.number });
    await listed.getByTestId('invoice-status-issued').waitFor({ timeout: 20_000 });
    expect(await listed.textContent()).toContain(formatMoney(invoice.amounts.totalAmount));
    await expect(drawer.textContent()).resolves.toContain(CARRIER);
    await page.screenshot({ path: join(SHOTS, 'lg-office-customer-invoices.png'), fullPage: true });
    await page.context().close();
  }, 120_000);

  it('the office voids it with a reason; an invoice past its deadline is refused with the API’s reason', async () => {
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const row = page.getByTestId('invoice-table').locator('.el-table__row', { hasText: invoice.number });
    await row.getByTestId('invoice-void').click({ timeout: 20_000 });
    const form = page.getByTestId('invoice-void-form');
    await expect(form.getByTestId('invoice-void-deadline').textContent()).resolves.toContain(`可作廢至 ${formatCalendarDate(invoice.voidableUntil)}`);
    await page.getByTestId('invoice-void-submit').click();
    await form.getByText('請填寫作廢原因').waitFor();
    await form.getByTestId('invoice-void-reason').fill('客戶要求改開統一編號');
    await page.screenshot({ path: join(SHOTS, 'lg-office-invoice-void.png'), fullPage: true });
    await page.getByTestId('invoice-void-submit').click();
    await row.getByTestId('invoice-status-void').waitFor({ timeout: 20_000 });
    expect(await row.getByTestId('invoice-void').count()).toBe(0);
    await expect(row.getByTestId('invoice-not-reissued').textContent()).resolves.toBe('未重新開立');
    // Void ones are left out of the period's money.
    await expect(page.getByTestId('invoice-total').textContent()).resolves.toContain(formatMoney(0));
    await expect(page.getByTestId('invoice-count').textContent()).resolves.toContain('作廢 1 張');
    expect(await storedInvoice(invoice.id)).toMatchObject({ status: 'void', voidReason: '客戶要求改開統一編號', voidedBy: { uid: 'u-office', role: 'office' } });
    await page.getByTestId('invoice-status-filter').getByText('已開立').click();
    await row.waitFor({ state: 'detached' });

    // An invoice of a period long closed: the API refuses (422) and the dialog says why.
    const old = await seedOldInvoice();
    await page.goto(`${stack.url}/office/invoices?period=${encodeURIComponent(OLD_PERIOD)}`);
    const oldRow = page.getByTestId('invoice-table').locator('.el-table__row', { hasText: old.number });
    await oldRow.getByTestId('invoice-void').click({ timeout: 20_000 });
    await expect(page.getByTestId('invoice-void-deadline').textContent()).resolves.toContain(`作廢期限 ${formatCalendarDate(old.voidableUntil)} 已過`);
    await page.getByTestId('invoice-void-reason').fill('開錯');
    await page.getByTestId('invoice-void-submit').click();
    // The API's own words (its texts write a day as M/D).
    const deadline = `${Number(old.voidableUntil.slice(5, 7))}/${Number(old.voidableUntil.slice(8, 10))}`;
    await page.getByTestId('invoice-void-error').getByText(`已超過作廢期限（${deadline}），請改開折讓單`).waitFor({ timeout: 20_000 });
    expect(await storedInvoice(old.id)).toMatchObject({ status: 'issued' });
    await page.screenshot({ path: join(SHOTS, 'lg-office-invoice-void-refused.png'), fullPage: true });
    await page.context().close();
  }, 90_000);

  it('the office finds an invoice of another period by the number a caller reads out, without the period’s totals (— while they are read)', async () => {
    const old = await seedOldInvoice();
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    // While the period is still being read the cards say —, not NT$0, and the table does not say the period has none.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/invoices\?/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${stack.url}/office/invoices`);
    await page.getByTestId('invoice-total').getByText('—').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('invoice-table').getByText('本期沒有發票').count()).toBe(0);
    expect(await page.getByTestId('invoice-count').count()).toBe(0);
    // Let it through; the route stays, passing every later request on at once.
    release();
    await page.getByTestId('invoice-count').waitFor({ timeout: 20_000 });
    const search = page.getByTestId('invoice-number-search');
    await search.fill(old.number.slice(0, 6).toLowerCase());
    await page.getByTestId('invoice-number-hint').getByText('請輸入完整的發票號碼').waitFor();
    await search.fill(`${old.number.slice(0, 2).toLowerCase()}-${old.number.slice(2, 6)} ${old.number.slice(6)}`);
    const row = page.getByTestId('invoice-table').locator('.el-table__row', { hasText: old.number });
    await row.waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('invoice-number-found').textContent()).resolves.toBe(`發票號碼 ${old.number}：找到 1 張（不限期別）`);
    expect(await page.getByTestId('invoice-total').count()).toBe(0);
    expect(await page.getByTestId('invoice-table').locator('.el-table__row').count()).toBe(1);
    await search.fill('ZZ99999999');
    await page.getByTestId('invoice-table').getByText('找不到發票號碼 ZZ99999999').waitFor({ timeout: 20_000 });
    await search.fill('');
    await page.getByTestId('invoice-count').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  }, 90_000);

  it('the customer reads it as void under 我的發票, their carrier masked', async () => {
    const page = await desk();
    await login(page, stack.url, 'customer1', /\/portal$/);
    await page.getByRole('tab', { name: '我的發票' }).click();
    const mine = page.getByTestId('customer-invoices');
    const row = mine.locator('.el-table__row', { hasText: invoice.number });
    await row.getByTestId('invoice-status-void').waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('手機條碼 /AB***34');
    expect(await row.textContent()).toContain(formatMoney(invoice.amounts.totalAmount));
    expect(await mine.textContent()).not.toContain(CARRIER);
    expect(await page.getByTestId('invoice-void').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-portal-invoices.png'), fullPage: true });
    // On a phone the carrier sits under the number, so the status is still in view without scrolling the table.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => (document.querySelector('[data-test=customer-invoices] [data-test=invoice-status-void]')?.getBoundingClientRect().right ?? Infinity) <= 390, undefined, { timeout: 5_000 });
    await page.context().close();
  }, 60_000);

  it('the office fixes the carrier and reissues it: the new number is on the 發票 page, the order, the statement and the portal', async () => {
    const call = apiClient(stack.url, stack.container);
    expect((await call('PATCH', `/api/customers/${CUSTOMER}`, { as: 'office', body: { invoice: { carrier: FIXED_CARRIER } } })).status).toBe(200);

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const table = page.getByTestId('invoice-table');
    const voidRow = table.locator('.el-table__row', { hasText: invoice.number });
    await voidRow.getByTestId('invoice-reissue').click({ timeout: 20_000 });
    // Confirmed first, with the buyer as the customer's settings are now.
    await expect(page.getByTestId('invoice-reissue-buyer').textContent({ timeout: 20_000 })).resolves.toBe(`手機條碼 ${FIXED_CARRIER}`);
    await page.screenshot({ path: join(SHOTS, 'lg-office-invoice-reissue.png'), fullPage: true });
    await page.getByTestId('invoice-reissue-submit').click();

    const reissued = await eventually(() => storedInvoice(`${invoice.id}-r1`), 20_000);
    expect(reissued).toMatchObject({ number: 'XY10000001', status: 'issued', period: PERIOD, buyer: { type: 'carrier', carrierCode: FIXED_CARRIER }, amounts: invoice.amounts, source: { orderId: ORDER } });
    expect(await storedInvoice(invoice.id)).toMatchObject({ status: 'void', reissuedAs: reissued.id, reissuedNumber: reissued.number });
    // Both rows: the void one pointing at the new one, which is issued and cannot be reissued.
    await expect(voidRow.getByTestId('invoice-reissued-as').textContent({ timeout: 20_000 })).resolves.toBe(`已重開 ${reissued.number}`);
    expect(await voidRow.getByTestId('invoice-reissue').count()).toBe(0);
    expect(await voidRow.getByTestId('invoice-not-reissued').count()).toBe(0);
    const newRow = table.locator('.el-table__row', { has: page.getByTestId('invoice-status-issued') }).filter({ hasText: reissued.number });
    expect(await newRow.textContent()).toContain(`手機條碼 ${FIXED_CARRIER}`);
    await expect(page.getByTestId('invoice-total').textContent()).resolves.toContain(formatMoney(reissued.amounts.totalAmount));
    await page.screenshot({ path: join(SHOTS, 'lg-office-invoice-reissued.png'), fullPage: true });

    await page.getByRole('menuitem', { name: '訂單看板' }).click();
    // On the board: the invoices page's 來源 buttons name the customer too, and may still be on screen.
    await page.getByTestId('board').getByRole('button', { name: new RegExp(customer.name) }).click();
    await expect(page.getByTestId('order-invoice-number').textContent({ timeout: 20_000 })).resolves.toBe(reissued.number);
    await page.keyboard.press('Escape');
    await page.goto(`${stack.url}/office/customers/${CUSTOMER}/statement?month=${TODAY.slice(0, 7)}`);
    await expect(page.getByTestId('statement-line-invoice').first().textContent({ timeout: 20_000 }).then((s) => s?.trim())).resolves.toBe(reissued.number);
    await page.context().close();

    const portal = await desk();
    await login(portal, stack.url, 'customer1', /\/portal$/);
    await portal.getByRole('tab', { name: '我的發票' }).click();
    const mine = portal.getByTestId('customer-invoices');
    const issuedRow = mine.locator('.el-table__row', { has: portal.getByTestId('invoice-status-issued') }).filter({ hasText: reissued.number });
    await issuedRow.waitFor({ timeout: 20_000 });
    expect(await issuedRow.textContent()).toContain('手機條碼 /XY***76');
    await expect(mine.locator('.el-table__row', { hasText: invoice.number }).getByTestId('invoice-reissued-as').textContent()).resolves.toBe(`已重開 ${reissued.number}`);
    expect(await portal.getByTestId('invoice-reissue').count()).toBe(0);
    await portal.screenshot({ path: join(SHOTS, 'lg-portal-invoices-reissued.png'), fullPage: true });
    await portal.context().close();
  }, 120_000);

  it('the office prints a paper invoice’s 電子發票證明聯: number, barcode and two QR codes; opening and reloading the view count nothing, each 列印 counts one, the second a 補印', async () => {
    const paper: StoredInvoice = {
      ...(await seedOldInvoice()),
      id: 'inv-ord-inv-paper',
      kind: 'B2C',
      buyer: { type: 'print' },
      amounts: { salesAmount: 810, taxAmount: 40, totalAmount: 850 },
      source: { orderId: 'ord-inv-paper' },
      number: 'AB00000002',
      period: PERIOD,
      periodLabel: rocPeriodLabel(PERIOD),
      issuedAt: new Date().toISOString(),
      voidableUntil: voidDeadline(PERIOD),
    };
    await stack.container.db.collection('invoices').doc(paper.id).set(paper);
    const page = await desk();
    // The browser's print dialog, stubbed: it notes what the page said was counted when the paper went to the printer.
    await page.addInitScript(() => {
      window.print = () => void (document.body.dataset.printed = document.querySelector('[data-test="invoice-proof-count"]')?.textContent ?? 'nothing counted');
    });
    const printedAs = () => page.evaluate(() => document.body.dataset.printed ?? null);
    await login(page, stack.url, 'office', /\/office$/);
    const printFromList = async () => {
      await page.goto(`${stack.url}/office/invoices`);
      await page.getByTestId('invoice-table').locator('.el-table__row', { hasText: paper.number }).getByTestId('invoice-print').click({ timeout: 20_000 });
      await page.waitForURL(/\/office\/invoices\/inv-ord-inv-paper\/print$/);
      await expect(page.getByTestId('invoice-proof-number').textContent({ timeout: 20_000 })).resolves.toBe('AB-00000002');
    };
    await printFromList();
    expect(await page.getByTestId('invoice-proof-barcode').locator('rect').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('invoice-proof-qr').count()).toBe(2);
    expect(await page.getByTestId('invoice-proof-reprint').count()).toBe(0);
    await expect(page.getByTestId('invoice-proof-next').textContent()).resolves.toBe('尚未列印：按「列印」印出證明聯');
    // No office menu on the print view.
    expect(await page.getByRole('menuitem', { name: '訂單看板' }).count()).toBe(0);
    // Looking is not printing: opening the view and reloading it count nothing.
    await page.reload();
    await expect(page.getByTestId('invoice-proof-next').textContent({ timeout: 20_000 })).resolves.toBe('尚未列印：按「列印」印出證明聯');
    expect(await storedInvoice(paper.id)).not.toHaveProperty('printCount');

    await page.getByTestId('invoice-proof-print').click();
    await expect(page.getByTestId('invoice-proof-count').textContent({ timeout: 20_000 })).resolves.toBe('第 1 次列印');
    await expect(printedAs()).resolves.toBe('第 1 次列印');
    expect(await page.getByTestId('invoice-proof-reprint').count()).toBe(0);
    expect(await storedInvoice(paper.id)).toMatchObject({ printCount: 1 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-invoice-proof.png'), fullPage: true });

    // Opened again: the view says the next print is a 補印 and the paper shows it, still without counting.
    await printFromList();
    await expect(page.getByTestId('invoice-proof-next').textContent({ timeout: 20_000 })).resolves.toBe('已列印 1 次：再印為補印');
    await expect(page.getByTestId('invoice-proof-reprint').textContent()).resolves.toBe('補印');
    await expect(printedAs()).resolves.toBeNull();
    expect(await storedInvoice(paper.id)).toMatchObject({ printCount: 1 });
    await page.getByTestId('invoice-proof-print').click();
    await expect(page.getByTestId('invoice-proof-count').textContent({ timeout: 20_000 })).resolves.toBe('第 2 次列印');
    await expect(printedAs()).resolves.toBe('第 2 次列印');
    expect(await storedInvoice(paper.id)).toMatchObject({ printCount: 2 });
    await page.context().close();
  }, 120_000);

  it('the office is told, whatever period it reads, of a sale whose invoice was voided in an earlier period and never reissued, that its period was filed already, and finds it from there', async () => {
    const old = await seedOldInvoice();
    const issuedAt = `${OLD_PERIOD.slice(0, 4)}-${OLD_PERIOD.slice(5, 7)}-12T02:00:00.000Z`;
    const unreissued: StoredInvoice = { ...old, id: 'inv-ord-inv-unre', number: 'AB00000002', source: { orderId: 'ord-inv-unre' }, issuedAt, status: 'void', voidedAt: issuedAt, voidReason: '統一編號開錯' };
    await stack.container.db.collection('invoices').doc(unreissued.id).set(unreissued);
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const item = page.getByTestId('invoice-unreissued-item').filter({ hasText: unreissued.number });
    // Two periods back, its 401 was due by the 15th of the month after it: a return already filed (audit 29 F6).
    const { roc, from, to } = invoicePeriodParams(OLD_PERIOD);
    const filedPeriod = `${roc}年${from}-${to}月`;
    await expect(item.textContent({ timeout: 20_000 })).resolves.toContain(`${unreissued.number}（${formatCalendarDate(taipeiDate(new Date(issuedAt)))} 開立，${customer.code} ${customer.name}；屬已申報的 ${filedPeriod}）`);
    await expect(page.getByTestId('invoice-unreissued').textContent()).resolves.toContain('作廢發票尚未重新開立，這些銷售目前沒有有效發票');
    await expect(page.getByTestId('invoice-unreissued-filed').textContent()).resolves.toBe(`其中 1 張屬 ${filedPeriod}，該期 401 申報期限已過（應已申報）：重新開立須更正該期申報，不屬本期`);
    await page.screenshot({ path: join(SHOTS, 'lg-office-invoices-unreissued-filed.png') });
    await item.click();
    await page.getByTestId('invoice-table').locator('.el-table__row', { hasText: unreissued.number }).getByTestId('invoice-reissue').waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 90_000);
});

describe('發票 by month in the browser (audit 20 F6)', () => {
  it('subtotals a period per month and ties May’s invoices to its 月報 revenue, naming the void sale not reissued and the one not invoiced yet', async () => {
    // May 2025, long past whenever the suite runs: three cash sales of one 20 kg, one invoiced, one whose
    // invoice was voided and never reissued, one with no invoice yet.
    const db = stack.container.db;
    const sold = ['2025-05-10', '2025-05-20', '2025-05-25'].map((date, i) => {
      const built = anOrder().withId(`ord-inv-may-${i}`).forCustomer(customer).inStatus('delivered').with({ items: [{ size: 20, quantity: 1 }], paymentMethod: 'cash' }).build();
      return { ...built, delivery: { at: `${date}T02:00:00.000Z`, delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: built.total } };
    });
    const price = sold[0]!.total;
    const [kept, voided] = sold.map((o, i) => anIssuedInvoice(`inv-${o.id}`, customer, `AB0000010${i}`, { period: '2025-05/06', issuedAt: o.delivery.at, amounts: b2cAmounts(o.total) }));
    await Promise.all([
      ...sold.map((o) => db.collection('orders').doc(o.id).set(o)),
      db.collection('invoices').doc(kept!.id).set(kept!),
      db.collection('invoices').doc(voided!.id).set({ ...voided!, status: 'void', voidedAt: '2025-05-21T02:00:00.000Z', voidReason: '統一編號開錯' }),
    ]);
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices?period=${encodeURIComponent('2025-05/06')}`);

    const months = page.getByTestId('invoice-months-table');
    const may = months.locator('.el-table__row', { hasText: '2025 年 5 月' });
    await expect(may.getByTestId('invoice-month-total').textContent({ timeout: 20_000 })).resolves.toBe(formatMoney(price));
    await expect(may.textContent()).resolves.toContain(`1 張 ${formatMoney(price)}`);
    await expect(months.locator('.el-table__row', { hasText: '2025 年 6 月' }).getByTestId('invoice-month-total').textContent()).resolves.toBe(formatMoney(0));

    await may.locator('.el-table__expand-icon').click();
    const tie = page.getByTestId('invoice-reconciliation-2025-05');
    await expect(tie.getByTestId('reconciliation-voidNotReissued').textContent({ timeout: 20_000 })).resolves.toContain(`${voided!.number} ${formatMoney(price)}`);
    await expect(tie.getByTestId('reconciliation-notInvoiced').textContent()).resolves.toContain('尚未開立發票（1 筆');
    const revenue = tie.getByTestId('reconciliation-revenue');
    await expect(revenue.textContent()).resolves.toContain('等於月報營業額（3 筆送貨）');
    await expect(revenue.textContent()).resolves.toContain(formatMoney(3 * price));
    await expect(tie.getByTestId('reconciliation-forOtherMonths').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-invoices-months.png'), fullPage: true });
    await page.context().close();
  }, 90_000);
});

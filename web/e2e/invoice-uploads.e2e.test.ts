import type { Browser } from 'playwright-core';
import { EINVOICE_UPLOADS } from '../../functions/src/adapters/invoicing/einvoice-upload-store';
import { invoiceSchema } from '../../functions/src/domain/invoicing';
import { applyResult, blankUpload, issueUpload, markDelivered, voidUpload } from '../../functions/src/domain/invoicing/mig-upload';
import { exampleOf } from '../../functions/src/domain/schema';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 上傳財政部 on the office's 發票 page: an admin sees how many MIG messages wait for the Turnkey machine,
 * went to Turnkey or were refused, and each refused one with its error (a period's unused numbers, E0402, by 字軌 and
 * period), each void held back for its invoice with what it waits for and since when, and sends a refused one again
 * (重新上傳) with a reason; office staff do not see the section (the upload API is the admin's).
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const ERROR = 'E0501 作廢日期早於開立日期';
const BLANK_ERROR = 'E0402 空白發票區間重複';
/** When the held void was recorded: it shows as 等待自. */
const HELD_AT = new Date('2026-11-28T02:05:00.000Z');

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-invoice-uploads' }));
  const db = stack.container.db;
  const invoice = invoiceSchema.parse(exampleOf(invoiceSchema));
  const now = new Date();
  const waiting = [issueUpload({ ...invoice, number: 'TK00000001' }, now), issueUpload({ ...invoice, number: 'TK00000002' }, now)];
  const delivered = markDelivered(issueUpload({ ...invoice, number: 'TK00000003' }, now), now)!;
  const voided = voidUpload({ ...invoice, number: 'TK00000003' }, '開錯', now);
  const refused = applyResult(voided, { id: voided.id, status: 'rejected', error: ERROR }, now)!;
  // A void of a waiting invoice is held back (counted as waiting); a period's unused numbers were refused.
  const heldVoid = voidUpload({ ...invoice, number: 'TK00000001' }, '統編開錯', HELD_AT);
  const blank = blankUpload({ period: '2026-09/10', track: 'TK', ranges: [{ from: 5, to: 49 }] }, now);
  const blankRefused = applyResult(blank, { id: blank.id, status: 'rejected', error: BLANK_ERROR }, now)!;
  await Promise.all([
    seedUser(db, 'admin', '陳老闆', { role: 'admin' }),
    seedUser(db, 'office', '王小姐', { role: 'office' }),
    ...[...waiting, delivered, refused, heldVoid, blankRefused].map((u) => db.collection(EINVOICE_UPLOADS).doc(u.id).set(u)),
  ]);
}, 240_000);

afterAll(() => closeBrowserStack(stack, browser), 60_000);

const desk = () => browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } }).then((c) => c.newPage());

describe('上傳財政部 in the browser', () => {
  it('shows an admin the waiting, handed-over and refused counts and each refused message with its error', async () => {
    const page = await desk();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const section = page.getByTestId('invoice-uploads');
    await section.waitFor();
    await expect(section.getByText('上傳財政部', { exact: true }).isVisible()).resolves.toBe(true);
    // The refused list appears once the API answered, counts and all.
    const refused = page.getByTestId('invoice-uploads-refused').locator('tbody tr');
    await refused.first().waitFor();
    await expect(page.getByTestId('invoice-uploads-pending').locator('.el-statistic__number').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('invoice-uploads-delivered').locator('.el-statistic__number').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('invoice-uploads-rejected').locator('.el-statistic__number').textContent()).resolves.toBe('2');
    await expect(refused.count()).resolves.toBe(2);
    const row = (await refused.filter({ hasText: 'TK00000003' }).textContent()) ?? '';
    expect(row).toContain('作廢（F0501）');
    expect(row).toContain(ERROR);
    const blankRow = (await refused.filter({ hasText: 'E0402' }).textContent()) ?? '';
    expect(blankRow).toContain('空白字軌（E0402）');
    expect(blankRow).toContain('TK 字軌 115年09-10月');
    expect(blankRow).toContain(BLANK_ERROR);
    await page.screenshot({ path: `${SHOTS}/invoice-uploads.png`, fullPage: true });
  });

  it('lists a void held back for its invoice: which message, which invoice, waiting for what, since when', async () => {
    const page = await desk();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const held = page.getByTestId('invoice-uploads-held');
    await held.waitFor();
    await expect(held.getByText('等待中的作廢與折讓', { exact: true }).isVisible()).resolves.toBe(true);
    const rows = held.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('作廢（F0501）');
    expect(row).toContain('TK00000001');
    await expect(rows.first().getByTestId('invoice-upload-awaiting').textContent()).resolves.toBe('開立（F0401） TK00000001：待上傳');
    expect(row).toContain('2026/11/28（六）10:05');
    await page.context().close();
  });

  it('shows the held void in English too', async () => {
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    // The language the app was last switched to (web/src/modules/i18n.ts).
    await context.addInitScript(() => localStorage.setItem('lg.locale', 'en'));
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const held = page.getByTestId('invoice-uploads-held');
    await held.waitFor();
    await expect(held.getByTestId('invoice-upload-awaiting').textContent()).resolves.toBe('Issue (F0401) TK00000001: waiting to be sent');
    await page.context().close();
  });

  it('lets an admin send a refused message again with a reason: it leaves the refused list and waits again', async () => {
    const page = await desk();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    const refused = page.getByTestId('invoice-uploads-refused').locator('tbody tr');
    await refused.filter({ hasText: 'TK00000003' }).getByTestId('invoice-upload-requeue').click({ timeout: 20_000 });
    const prompt = page.locator('.el-message-box');
    await expect(prompt.textContent()).resolves.toContain('作廢（F0501） TK00000003');
    await prompt.locator('input').fill('原發票已被平台接受');
    await prompt.getByRole('button', { name: '重新上傳' }).click();
    await refused.filter({ hasText: 'TK00000003' }).waitFor({ state: 'detached', timeout: 20_000 });
    await expect(page.getByTestId('invoice-uploads-rejected').locator('.el-statistic__number').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('invoice-uploads-pending').locator('.el-statistic__number').textContent()).resolves.toBe('4');
    const stored = (await stack.container.db.collection(EINVOICE_UPLOADS).doc('F0501-TK00000003').get()).data();
    expect(stored).toMatchObject({ status: 'pending', requeues: [{ reason: '原發票已被平台接受', error: ERROR, by: { role: 'admin' } }] });
    await page.context().close();
  }, 60_000);

  it('does not show office staff the section', async () => {
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/invoices`);
    await page.getByTestId('invoice-table').waitFor();
    await expect(page.getByTestId('invoice-uploads').count()).resolves.toBe(0);
  });
});

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { Customer } from '../../functions/src/domain/customers';
import type { TestStack } from '../../functions/src/local/test-support';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 刪除個資 (個資法 §11) in the customer drawer on the built SPA: only the admin is offered it, for a
 * customer who has left; the dialog says what goes and what the tax law keeps and asks for a reason and the code typed
 * again; the server's refusal while cylinders are still on site is shown in the dialog; once erased the drawer says so
 * and offers no 編輯 or 重新啟用, and 帳號管理 says why her portal account cannot be enabled again.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;

const left = (c: Customer, extra: Partial<Customer> = {}): Customer => ({ ...c, status: 'inactive', deactivatedAt: '2026-11-20T02:00:00.000Z', cylindersOnSite: [], ...extra });
const forgotten = left(aCustomer().withId('cust-er-1').withCode('C00088').with({ name: '李家小館', phones: ['0933-123-456'], notes: '鐵門旁按電鈴' }).build());
const stillHolding = left(aCustomer().withId('cust-er-2').withCode('C00089').with({ name: '吳記炒飯', phones: ['0933-654-321'] }).build(), {
  cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }],
});

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-erasure', subscriptions: [] }));
  await seedUser(stack.container.db, 'er-admin', '陳經理', { role: 'admin' });
  await seedUser(stack.container.db, 'er-office', '辦公室 林小姐', { role: 'office' });
  await seedUser(stack.container.db, 'c00088', '李家小館', { role: 'customer', customerId: 'cust-er-1' });
  for (const c of [forgotten, stillHolding]) await stack.container.db.collection('customers').doc(c.id).set(c);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function openDrawer(page: Page, name: string): Promise<void> {
  await page.goto(`${stack.url}/office/customers`);
  await page.locator('.el-table__row', { hasText: name }).click({ timeout: 20_000 });
  await page.getByTestId('customer-drawer').getByText(name).first().waitFor();
}

async function fillErasure(page: Page, code: string): Promise<void> {
  await page.getByTestId('customer-drawer').getByTestId('erase-customer').click();
  const dialog = page.getByTestId('erase-dialog');
  await dialog.getByText('依稅法保留').waitFor();
  await expect(dialog.getByTestId('erase-confirm').isDisabled()).resolves.toBe(true);
  await dialog.getByTestId('erase-reason').fill('客戶 11/30 來電要求刪除個資');
  await dialog.getByTestId('erase-code').fill(code);
}

describe('刪除個資 in the customer drawer', () => {
  it('is not offered to the office', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'er-office', /\/office$/);
    await openDrawer(page, '李家小館');
    await page.getByTestId('customer-drawer').getByTestId('personal-data-copy').waitFor();
    await expect(page.getByTestId('erase-customer').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('shows the server’s refusal while the customer still has cylinders on site, and erases nothing', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'er-admin', /\/office$/);
    await openDrawer(page, '吳記炒飯');
    await fillErasure(page, 'C00089');
    await page.getByTestId('erase-dialog').getByTestId('erase-confirm').click();
    const error = page.getByTestId('erase-error');
    await error.getByText('現場鋼瓶 2 支、押金 NT$2,400').waitFor();
    await expect(error.textContent()).resolves.toContain('不能刪除個資');
    expect((await stack.container.db.doc('customers/cust-er-2').get()).data()).toMatchObject({ name: '吳記炒飯', phones: ['0933-654-321'] });
    await page.context().close();
  });

  it('erases a customer who has left once the admin gives a reason and types the code, the drawer then says so and 帳號管理 offers no 啟用 of her account', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'er-admin', /\/office$/);
    await openDrawer(page, '李家小館');
    await fillErasure(page, 'C00088');
    const inDialog = await blockingViolations(page, 'the erasure dialog', '[role=dialog][aria-label*="刪除個資"]');
    expect(inDialog).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'lg-customer-erasure-dialog.png') });
    await page.getByTestId('erase-dialog').getByTestId('erase-confirm').click();

    const drawer = page.getByTestId('customer-drawer');
    await drawer.getByTestId('customer-erased').getByText('個資已刪除').waitFor();
    await expect(drawer.getByTestId('customer-erased').textContent()).resolves.toContain('客戶 11/30 來電要求刪除個資');
    // Kept by kind (商業會計法 §38): the vouchers five years after the year's closing, the books ten.
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    await expect(drawer.getByTestId('customer-erased').textContent()).resolves.toMatch(new RegExp(`會計憑證（發票、折讓、銷貨與收款）保存至 ${year + 6}/12/31.*帳簿中的客戶代號與抬頭保存至 ${year + 11}/12/31`));
    await page.getByText('已刪除 C00088 的個資').waitFor();
    const text = await drawer.textContent();
    for (const gone of ['李家小館', '0933-123-456', '鐵門旁按電鈴']) expect(text).not.toContain(gone);
    for (const offered of ['edit-customer', 'reactivate-customer', 'erase-customer', 'portal-account-open']) await expect(drawer.getByTestId(offered).count()).resolves.toBe(0);
    // Her point is the district's now, on purpose: nothing asks the clerk to confirm it.
    await expect(drawer.textContent()).resolves.not.toContain('請拖曳標記確認');
    await page.screenshot({ path: join(SHOTS, 'lg-customer-erased.png') });
    expect((await stack.container.db.doc('customers/cust-er-1').get()).data()).toMatchObject({ name: 'C00088', phones: [], notes: '' });

    // The username she chose is gone with the rest (4ca6011a): her account is listed under the one the erasure gave it.
    const accounts = await stack.container.db.collection('users').where('customerId', '==', 'cust-er-1').get();
    const usernames = accounts.docs.map((d) => String(d.get('username')));
    expect(usernames).toEqual([expect.stringMatching(/^erased-/)]);
    const [username] = usernames;
    await page.goto(`${stack.url}/admin/users`);
    const account = page.getByTestId('users-table').locator('.el-table__row', { hasText: username });
    await account.getByTestId(`users-erased-${username}`).getByText('客戶個資已刪除，不能再啟用').waitFor();
    await expect(account.getByText('已停用').count()).resolves.toBe(1);
    await expect(account.getByTestId(`users-toggle-${username}`).count()).resolves.toBe(0);
    await expect(page.getByTestId('users-table').textContent()).resolves.not.toContain('c00088');
    await page.context().close();
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aDriver } from '../../functions/src/domain/routes/test-support/fleet-mother';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { axeViolations, blockingViolations, describeViolation, isBlocking } from './axe';
import { formatCalendarDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, PASSWORD, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of 變更密碼 on the built SPA and the local gateway: a wrong current password is pointed out at its field and
 * changes nothing; the right one signs the person out here (the login page says why) and on their other browser, and
 * only the new password signs in again. Signing out afterwards is not taken for an expired session. The office opens a
 * customer's portal account from the customer drawer and sets a new password for it when the customer forgets theirs.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const NEW_PASSWORD = 'a-brand-new-password';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-password', subscriptions: [] }));
  await seedUser(stack.container.db, 'pw-office', '辦公室 陳小姐', { role: 'office' });
  await seedUser(stack.container.db, 'pw-desk', '辦公室 林先生', { role: 'office' });
  await seedUser(stack.container.db, 'pw-leaver', '辦公室 離職的黃小姐', { role: 'office' });
  await seedUser(stack.container.db, 'pw-admin', '陳經理', { role: 'admin' });
  await seedUser(stack.container.db, 'pw-driver', '司機 阿明', { role: 'driver', driverId: 'drv-pw' });
  // Their own customer: 張記水餃 (cust-pw) must have no portal account for the office to open one.
  const own = aCustomer().withId('cust-pw-own').withCode('C00078').with({ name: '林家麵攤' }).build();
  await stack.container.db.collection('customers').doc(own.id).set(own);
  await seedUser(stack.container.db, 'pw-cust', '林家麵攤', { role: 'customer', customerId: own.id });
  const customer = aCustomer().withId('cust-pw').withCode('C00077').with({ name: '張記水餃' }).build();
  await stack.container.db.collection('customers').doc(customer.id).set(customer);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);


async function openDialog(page: Page): Promise<void> {
  await page.getByTestId('change-password').click();
  await page.getByRole('dialog', { name: '變更密碼' }).waitFor();
}

async function fillDialog(page: Page, current: string, next: string): Promise<void> {
  await page.getByTestId('current-password').fill(current);
  await page.getByTestId('new-password').fill(next);
  await page.getByTestId('confirm-password').fill(next);
  await page.getByTestId('change-password-submit').click();
}

describe('變更密碼 in the browser', () => {
  it('refuses a wrong current password at its field, then changes it and signs out everywhere', async () => {
    const here = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } })).newPage();
    const elsewhere = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(here, stack.url, 'pw-office', /\/office$/);
    await login(elsewhere, stack.url, 'pw-office', /\/office$/);
    // Tokens count whole seconds: both sign-ins must fall in an earlier second than the change.
    await here.waitForTimeout(1100);

    await openDialog(here);
    await fillDialog(here, 'not-my-password', NEW_PASSWORD);
    const dialog = here.getByRole('dialog', { name: '變更密碼' });
    await dialog.locator('.el-form-item', { hasText: '目前的密碼' }).getByText('目前的密碼不正確。').waitFor();
    await expect(dialog.locator('.el-alert').count()).resolves.toBe(0);
    // Judged as it rests: the pointer off the button it clicked, its loading state faded out.
    const inDialog = await blockingViolations(here, 'the 變更密碼 dialog', '[role=dialog]');
    expect(inDialog).toEqual([]);
    // Under the pointer too: a primary button darkens rather than fading its white text below 4.5:1.
    await here.getByTestId('change-password-submit').hover();
    await here.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    const hovered = (await axeViolations(here, '[data-test=change-password-submit]')).filter(isBlocking).map((v) => describeViolation(v, 'the hovered button'));
    expect(hovered).toEqual([]);
    await here.screenshot({ path: join(SHOTS, 'lg-change-password-wrong.png') });

    await here.getByTestId('current-password').fill(PASSWORD);
    await here.getByTestId('change-password-submit').click();
    await here.waitForURL(/\/login\?passwordChanged=1$/);
    await expect(here.getByTestId('login-password-changed').textContent()).resolves.toContain('密碼已變更，請用新密碼重新登入。');
    await here.screenshot({ path: join(SHOTS, 'lg-change-password-done.png') });
    const blocking = await blockingViolations(here, 'login after a password change');
    expect(blocking).toEqual([]);

    // The other browser's session ended with the change: its next call to the API is refused and it is back at login.
    await openDialog(elsewhere);
    await fillDialog(elsewhere, PASSWORD, 'yet-another-password');
    await elsewhere.waitForURL(/\/login\?redirect=\/office&expired=1$/);

    await here.locator('#username').fill('pw-office');
    await here.locator('#password').fill(PASSWORD);
    await here.getByTestId('login-submit').click();
    await expect(here.getByTestId('login-error').textContent()).resolves.toContain('帳號或密碼錯誤');
    await login(here, stack.url, 'pw-office', /\/office$/, NEW_PASSWORD);
    // Signed in after the change, the board's listener still reads: firestore.rules hold only earlier sign-ins against it.
    const order = anOrder().withId('ord-pw').forCustomer(aCustomer().withId('cust-pw').with({ name: '改密碼後的客戶' }).build()).with({ requestedDate: taipeiDate(new Date()) }).build();
    await stack.container.db.collection('orders').doc(order.id).set(order);
    await here.getByTestId('board').getByText('改密碼後的客戶').waitFor();

    // Signing out is not an expired session: the login page says nothing of the kind.
    await here.getByTestId('logout').click();
    await here.waitForURL(/\/login$/);
    await here.getByTestId('login-title').waitFor();
    await expect(here.getByText('登入已逾時').count()).resolves.toBe(0);
    await here.context().close();
    await elsewhere.context().close();
  });

  it('signs out a clerk whose account the admin disabled at their next request, and says so, then again at sign-in', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } })).newPage();
    await login(page, stack.url, 'pw-leaver', /\/office$/);
    // Off the board while the admin disables the account: a poll of the open board would otherwise meet the refusal first
    // and sign the clerk out before the request this test makes (seen under load).
    await page.goto('about:blank');
    const disabled = await apiClient(stack.url, stack.container)('PATCH', '/api/users/u-pw-leaver', { as: 'admin', body: { disabled: true } });
    expect(disabled.status).toBe(200);

    // The page's first API read is refused and the app leaves for login before the page has finished loading.
    await page.goto(`${stack.url}/office/customers`, { waitUntil: 'commit' });
    await page.waitForURL(/\/login\?accountDisabled=1$/);
    await expect(page.getByTestId('login-account-disabled').textContent()).resolves.toContain('此帳號已停用，已登出；如有疑問請洽公司。');
    await expect(page.getByText('登入已逾時').count()).resolves.toBe(0);

    // Their own password no longer reads as a wrong one: they are told the account is disabled, so they stop retrying.
    await page.locator('#username').fill('pw-leaver');
    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('此帳號已停用，無法登入；如有疑問請洽公司。');
    await page.screenshot({ path: join(SHOTS, 'lg-login-account-disabled.png') });
    await expect(page.url()).toMatch(/\/login/);
    await page.context().close();
  });

  it('the office hands a customer a copy of everything kept about them (個資複本) from the drawer, and the copy is in the audit log', async () => {
    const desk = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(desk, stack.url, 'pw-desk', /\/office$/);
    await desk.goto(`${stack.url}/office/customers`);
    await desk.locator('.el-table__row', { hasText: '張記水餃' }).click({ timeout: 20_000 });
    const [file] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('customer-drawer').getByTestId('personal-data-copy').click()]);
    expect(file.suggestedFilename()).toBe(`個資複本-C00077-${taipeiDate(new Date())}.json`);
    const copy = JSON.parse(await readFile(await file.path(), 'utf8')) as { customer: { id: string; name: string }; counts: Record<string, number> };
    expect(copy.customer).toMatchObject({ id: 'cust-pw', name: '張記水餃' });
    // The order the first test put on their account is theirs too.
    expect(copy.counts).toMatchObject({ orders: 1, invoices: 0 });
    const copies = (await stack.container.db.collection('auditLog').where('route', '==', '/:id/personal-data').get()).docs.map((d) => d.data());
    expect(copies).toEqual([expect.objectContaining({ actor: { uid: 'u-pw-desk', role: 'office' }, entityId: 'cust-pw' })]);
    await desk.context().close();
  });

  it('the office opens a customer’s portal account and later sets a new password the customer signs in with', async () => {
    const desk = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(desk, stack.url, 'pw-desk', /\/office$/);
    await desk.goto(`${stack.url}/office/customers`);
    await desk.locator('.el-table__row', { hasText: '張記水餃' }).click({ timeout: 20_000 });
    const accounts = desk.getByTestId('customer-drawer').getByTestId('portal-accounts');
    await accounts.getByText('尚未開通入口網站帳號。').waitFor();
    await accounts.getByTestId('portal-account-open').click();
    await expect(desk.getByTestId('portal-account-username').inputValue()).resolves.toBe('c00077');
    const dialog = '[role=dialog][aria-label*="入口網站帳號"]';
    await expect(desk.locator(dialog).count()).resolves.toBe(1);
    const inDialog = await blockingViolations(desk, 'the portal account dialog', dialog);
    expect(inDialog).toEqual([]);
    await desk.getByTestId('portal-account-password').fill('short');
    await desk.getByTestId('portal-account-submit').click();
    await desk.getByText('密碼至少 10 個字元').waitFor();
    await desk.getByTestId('portal-account-password').fill('dumplings-2026');
    await desk.getByTestId('portal-account-submit').click();
    await accounts.getByTestId('portal-account-c00077').waitFor();
    await expect(accounts.getByTestId('portal-account-c00077').textContent()).resolves.toContain('張記水餃');
    await desk.screenshot({ path: join(SHOTS, 'lg-office-portal-account.png') });

    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00077', /\/portal$/, 'dumplings-2026');

    await accounts.getByTestId('portal-account-c00077').getByTestId('portal-account-reset').click();
    await desk.getByTestId('reset-password-input').fill('dumplings-forever');
    await desk.getByTestId('reset-password-submit').click();
    await desk.getByText('密碼已重設').waitFor();
    await phone.context().close();
    const again = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(again, stack.url, 'c00077', /\/portal$/, 'dumplings-forever');
    await again.context().close();
    await desk.context().close();
  });

  it('names the routes a driver still has to drive before the admin disables his account', async () => {
    const today = taipeiDate(new Date());
    await seedPublishedStop(stack.container.db, { id: 'route-pw', date: today, depotId: 'depot-1', driverId: 'drv-pw' }, { id: 'ord-pw-stop', customerId: 'cust-pw', items: [{ size: 20, quantity: 1 }] });
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'pw-admin', /\/office$/);
    await page.goto(`${stack.url}/admin/users`);
    await page.getByTestId('users-toggle-pw-driver').click();
    const box = page.locator('.el-message-box');
    await box.getByText(`這位司機還有路線：${formatCalendarDate(today)}已發布（1 站）。停用後手機無法再回報配送`).waitFor();
    await box.getByText('再到路線規劃把這些路線改派給其他司機').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-admin-disable-driver.png') });
    await box.getByRole('button', { name: '停用' }).click();
    await page.locator('.el-message--success').getByText('已停用帳號「司機 阿明」').waitFor({ timeout: 20_000 });
    await page.context().close();
  });

  it('names the routes a driver still has to drive, and to hand them over, before the admin retires the driver on 車隊', async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    await db.collection('drivers').doc('drv-leaving').set(aDriver('drv-leaving', 'veh-leaving', { name: '司機 阿華' }));
    await seedPublishedStop(db, { id: 'route-leaving', date: today, depotId: 'depot-1', driverId: 'drv-leaving' }, { id: 'ord-leaving', customerId: 'cust-pw', items: [{ size: 20, quantity: 2 }] });
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'pw-admin', /\/office$/);
    await page.goto(`${stack.url}/admin/fleet`);
    await page.getByRole('tab', { name: '司機' }).click();
    await page.locator('[data-test=drivers-table] .el-table__row', { hasText: '司機 阿華' }).getByRole('button', { name: '停用' }).click();
    const box = page.locator('.el-message-box');
    await box.getByText(`確定停用司機「司機 阿華」？`).waitFor();
    await box.getByText(`這位司機還有路線：${formatCalendarDate(today)}已發布（1 站）`).waitFor();
    await box.getByText('再到路線規劃把這些路線改派給其他司機').waitFor();
    await box.getByRole('button', { name: '取消' }).click();
    expect((await db.collection('drivers').doc('drv-leaving').get()).get('active')).toBe(true);
    await page.context().close();
  });

  it('a customer takes their own copy of their personal data from the portal, recorded as theirs in the audit log', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'pw-cust', /\/portal$/);
    await phone.goto(`${stack.url}/portal?tab=notices`);
    const mine = phone.getByTestId('my-personal-data');
    await mine.getByText('我的個人資料').waitFor();
    const [file] = await Promise.all([phone.waitForEvent('download'), mine.getByTestId('my-personal-data-download').click()]);
    expect(file.suggestedFilename()).toBe(`我的個人資料-${taipeiDate(new Date())}.json`);
    const copy = JSON.parse(await readFile(await file.path(), 'utf8')) as { customer: { id: string } };
    expect(copy.customer.id).toBe('cust-pw-own');
    const copies = (await stack.container.db.collection('auditLog').where('actor.uid', '==', 'u-pw-cust').where('route', '==', '/:id/personal-data').get()).docs;
    expect(copies).toHaveLength(1);
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-personal-data.png'), fullPage: true });
    await phone.context().close();
  });
});

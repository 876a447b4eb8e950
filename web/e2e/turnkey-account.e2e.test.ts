import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, PASSWORD, seedUser } from './browser';

/**
 * The Turnkey machine's account (財政部上傳機) in the browser: the admin creates one on 帳號管理 (no driver or customer to
 * link), and it cannot sign in to the SPA: the login page says what the account is for and starts no session.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-turnkey-account' }));
  await Promise.all([seedUser(stack.container.db, 'admin', '陳老闆', { role: 'admin' }), seedUser(stack.container.db, 'turnkey', '財政部上傳機', { role: 'turnkey' })]);
}, 240_000);
afterAll(() => closeBrowserStack(stack, browser), 60_000);

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function signInAsTurnkey(page: Page): Promise<string> {
  await page.goto(`${stack.url}/login`);
  await page.locator('#username').fill('turnkey');
  await page.locator('#password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  return (await error.textContent())?.trim() ?? '';
}

describe('the Turnkey machine account', () => {
  it('is refused by the login page with what it is for, in zh-TW and in English, and no session starts', async () => {
    const page = await newPage('zh-TW');
    expect(await signInAsTurnkey(page)).toBe('此帳號僅供財政部電子發票 Turnkey 上傳機使用，無法登入本系統。');
    expect(page.url()).toMatch(/\/login$/);
    expect(await page.evaluate(() => sessionStorage.getItem('lg.session'))).toBeNull();
    // A page of the office sends it back to the login page: it holds no session.
    await page.goto(`${stack.url}/office/invoices`);
    await page.waitForURL(/\/login\?redirect=/);
    await page.screenshot({ path: join(SHOTS, 'lg-login-turnkey.png') });
    await page.context().close();

    const english = await newPage('en');
    await english.addInitScript(() => localStorage.setItem('lg.locale', 'en'));
    expect(await signInAsTurnkey(english)).toBe('This account is for the Turnkey machine (MOF e-invoice upload) only; it cannot sign in here.');
    await english.context().close();
  }, 90_000);

  it('is created by the admin on 帳號管理 with the role 財政部上傳機 and no link', async () => {
    const page = await newPage('zh-TW');
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/admin/users`);
    await page.locator('[data-test=users-table]').getByText('陳老闆').waitFor({ timeout: 20_000 });
    await page.getByTestId('new-username').fill('turnkey2');
    await page.getByTestId('new-display-name').fill('備援上傳機');
    await page.locator('[data-test=new-role]').click();
    await page.getByRole('option', { name: '財政部上傳機', exact: true }).click();
    await expect(page.locator('[data-test=new-driver]').count()).resolves.toBe(0);
    await page.getByTestId('new-password').fill('a-long-enough-password');
    await page.getByTestId('create-user').click();
    const row = page.locator('[data-test=users-table] .el-table__row', { hasText: 'turnkey2' });
    await row.getByText('財政部上傳機').waitFor({ timeout: 20_000 });
    const saved = (await stack.container.db.collection('users').doc('u-turnkey2').get()).data();
    expect(saved).toMatchObject({ role: 'turnkey', displayName: '備援上傳機', disabled: false });
    expect(saved).not.toHaveProperty('driverId');
    expect(saved).not.toHaveProperty('customerId');
    await page.screenshot({ path: join(SHOTS, 'lg-admin-users-turnkey.png'), fullPage: true });
    await page.context().close();
  }, 90_000);
});

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openAdminPage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 登入失敗紀錄 on 帳號管理 (audit 17, F11) and in 稽核紀錄's 登入失敗 tab: refused sign-ins made at the
 * real login page show for the admin with why and from where, and the username filter narrows them to one account.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-sign-in-failures', subscriptions: [] }));
  await seedUser(stack.container.db, 'sf-admin', '陳經理', { role: 'admin' });
  await seedUser(stack.container.db, 'sf-clerk', '辦公室 離職的黃小姐', { role: 'office' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('登入失敗紀錄', () => {
  it('shows the admin the sign-ins refused at the login page, why and from where, and one account’s alone when filtered', async () => {
    const outsider = await (await browser.newContext({ locale: 'zh-TW' })).newPage();
    for (const username of ['sf-clerk', 'ghost']) {
      await outsider.goto(`${stack.url}/login`);
      await outsider.locator('#username').fill(username);
      await outsider.locator('#password').fill('guessing-1234');
      await outsider.getByTestId('login-submit').click();
      await outsider.getByText('帳號或密碼錯誤').waitFor();
    }
    await outsider.context().close();

    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'sf-admin', /\/office$/);
    await openAdminPage(page, '帳號管理');
    const table = page.getByTestId('sign-in-failures-table');
    await table.locator('.el-table__row', { hasText: 'ghost' }).getByText('沒有這個帳號').waitFor();
    await table.locator('.el-table__row', { hasText: 'sf-clerk' }).getByText('密碼錯誤').waitFor();
    await expect(table.textContent()).resolves.not.toContain('guessing-1234');
    expect(await blockingViolations(page, 'the failed sign-ins card', '[data-test="sign-in-failures"]')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'lg-sign-in-failures.png'), fullPage: true });

    await page.getByTestId('sign-in-failures-username').fill('SF-Clerk');
    await page.getByTestId('sign-in-failures-search').click();
    await table.locator('.el-table__row', { hasText: 'ghost' }).waitFor({ state: 'detached' });
    await expect(table.locator('.el-table__row').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('shows them in 稽核紀錄 too, in its 登入失敗 tab beside the changes', async () => {
    const outsider = await (await browser.newContext({ locale: 'zh-TW' })).newPage();
    await outsider.goto(`${stack.url}/login`);
    await outsider.locator('#username').fill('sf-former');
    await outsider.locator('#password').fill('guessing-5678');
    await outsider.getByTestId('login-submit').click();
    await outsider.getByText('帳號或密碼錯誤').waitFor();
    await outsider.context().close();

    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'sf-admin', /\/office$/);
    await openAdminPage(page, '稽核紀錄');
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-tabs').getByRole('tab', { name: '登入失敗' }).click();
    const table = page.getByTestId('sign-in-failures-table');
    await table.locator('.el-table__row', { hasText: 'sf-former' }).getByText('沒有這個帳號').waitFor();
    expect(await blockingViolations(page, 'the audit log’s failed sign-ins tab', '[data-test="audit-tabs"]')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'lg-audit-log-sign-in-failures.png'), fullPage: true });
    await page.context().close();
  });
});

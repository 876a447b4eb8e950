import type { Browser } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openAdminPage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of an admin adding a depot (audit 10): its position is asked for, never taken from a default, since every
 * route of the depot starts and ends there.
 */

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-admin-onboarding', subscriptions: [] }));
  await seedUser(stack.container.db, 'admin', '李經理', { role: 'admin' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('a new depot', () => {
  it('is not saved without its own position, and is saved where the admin puts it', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await openAdminPage(page, '車隊管理');
    await page.getByRole('tab', { name: '站點' }).click();
    await page.getByTestId('new-depot').click();
    await page.getByTestId('depot-name').fill('幸福氣 板橋站');
    await page.getByTestId('depot-address').fill('新北市板橋區文化路一段100號');
    await expect(page.locator('[data-test=depot-lat] input').inputValue()).resolves.toBe('');
    await page.getByTestId('save-depots').click();
    const refused = page.getByText('請填入站點座標（每條路線由此出發、回到此處）');
    await refused.first().waitFor({ timeout: 10_000 });
    await expect(refused.count()).resolves.toBe(2);
    await expect(stack.container.db.collection('depots').get().then((s) => s.size)).resolves.toBe(0);

    await page.locator('[data-test=depot-lat] input').fill('25.0140');
    await page.locator('[data-test=depot-lng] input').fill('121.4650');
    await page.locator('[data-test=depot-lng] input').press('Tab');
    await page.getByTestId('save-depots').click();
    await page.locator('[data-test=depots-table] .el-table__row', { hasText: '幸福氣 板橋站' }).getByText('25.0140, 121.4650').waitFor({ timeout: 20_000 });
    const stored = await stack.container.db.collection('depots').get();
    expect(stored.docs.map((d) => d.data()['location'])).toEqual([{ lat: 25.014, lng: 121.465 }]);
    await page.context().close();
  }, 120_000);
});

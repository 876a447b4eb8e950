import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, openBrowserStack, PASSWORD, seedUser } from './browser';

/**
 * Browser test of a driver let go whose phone still holds a delivery it never uploaded (audit 17, F4): the account is
 * disabled, so the queue can never send it; signing in with his right password, he is told the account is disabled and
 * shown the delivery to phone in to the office (whom, what, the cash, when), and clears it from the phone once done.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;

const QUEUED = {
  pending: [
    {
      actionId: 'a-1',
      path: '/api/driver/stops/ord-st-1/deliver',
      body: { actionId: 'a-1', at: '2026-12-01T02:32:00.000Z', delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 1 }], cashCollected: 820 },
      subjectId: 'ord-st-1',
      label: '劉佩君',
      enqueuedAt: '2026-12-01T02:32:00.000Z',
      attempts: 4,
    },
  ],
  rejected: [],
};

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-stranded-uploads', subscriptions: [] }));
  await seedUser(stack.container.db, 'st-driver', '司機 阿明', { role: 'driver', driverId: 'drv-st' });
  await stack.container.db.doc('users/u-st-driver').update({ disabled: true });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('deliveries stranded on a disabled driver’s phone', () => {
  it('are shown to the driver to phone in once the login says his account is disabled, and cleared when he has', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 412, height: 900 } })).newPage();
    await phone.goto(`${stack.url}/login`);
    await phone.evaluate((queue) => localStorage.setItem('lg.driverQueue.u-st-driver', queue), JSON.stringify(QUEUED));
    await phone.reload();
    await expect(phone.getByTestId('stranded-uploads').count()).resolves.toBe(0);

    await phone.locator('#username').fill('st-driver');
    await phone.locator('#password').fill(PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('login-error').getByText('此帳號已停用').waitFor();
    const stranded = phone.getByTestId('stranded-uploads');
    await stranded.getByText('這支手機上還有配送紀錄沒有上傳').waitFor();
    await expect(stranded.getByTestId('stranded-upload').allTextContents()).resolves.toEqual(['劉佩君：送達 20 公斤 × 1，回收空瓶 20 公斤 × 1，收現 NT$820（10:32）']);
    await phone.screenshot({ path: join(SHOTS, 'lg-driver-stranded-uploads.png'), fullPage: true });

    await stranded.getByTestId('stranded-clear').click();
    await phone.getByRole('button', { name: '已告知公司，清除這些紀錄' }).last().click();
    await stranded.waitFor({ state: 'detached' });
    await expect(phone.evaluate(() => localStorage.getItem('lg.driverQueue.u-st-driver'))).resolves.toBeNull();
    await phone.context().close();
  });
});

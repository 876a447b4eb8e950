import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalMitakeServer } from '../../functions/src/adapters/notify/test-support/mitake-server';
import { SEND_CODES } from '../../functions/src/functions/send-codes';
import { eventually } from '../../functions/src/functions/test-support/planning-day';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openBrowserStackWithSms, seedUser } from './browser';

/**
 * Browser test of 忘記密碼 on the built SPA and the local gateway, the texts going to a local server that speaks
 * Mitake's SmSend: from the login page a customer asks for a code, a wrong one is pointed out at its field, the right
 * one with a new password typed twice brings them back to sign in with it. An unknown username looks the same and
 * texts nobody.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;
let mitake: LocalMitakeServer;

beforeAll(async () => {
  ({ stack, browser, mitake } = await openBrowserStackWithSms('web-forgot'));
  const customer = aCustomer().withId('cust-fp').withCode('C00088').with({ name: '陳記便當', phones: ['0933-222-111'] }).build();
  await stack.container.db.collection('customers').doc(customer.id).set(customer);
  await seedUser(stack.container.db, 'c00088', '陳記便當', { role: 'customer', customerId: 'cust-fp' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
  await mitake?.stop();
}, 60_000);


describe('忘記密碼 in the browser', () => {
  it('a customer gets a code by SMS from the login page, a wrong code is refused at its field, the right one sets the new password', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(`${stack.url}/login`);
    await phone.locator('#username').fill('c00088');
    await phone.getByTestId('forgot-password-link').click();
    await phone.waitForURL(/\/forgot-password\?username=c00088$/);
    await expect(phone.getByTestId('forgot-title').textContent()).resolves.toBe('忘記密碼');
    await expect(phone.getByTestId('forgot-username').inputValue()).resolves.toBe('c00088');
    await expect(phone.title()).resolves.toBe('忘記密碼 – 幸福氣');
    expect(await blockingViolations(phone, 'the 忘記密碼 form')).toEqual([]);

    await phone.getByTestId('forgot-send').click();
    await phone.getByTestId('forgot-sent').waitFor();
    await expect(phone.getByTestId('forgot-sent').textContent()).resolves.toContain('若此帳號有登記手機，驗證碼已以簡訊傳送；沒有手機的話，驗證碼寫在伺服器的記錄（log）裡（本機示範環境，沒有接上 LINE）。10 分鐘內有效。');
    await expect(phone.getByTestId('forgot-resend').isDisabled()).resolves.toBe(true);
    await expect(phone.getByTestId('forgot-resend').textContent()).resolves.toMatch(/重新傳送（\d+ 秒）/);
    expect((await mitake.waitForSent(1)).map((m) => m.dstaddr)).toEqual(['0933222111']);
    const code = /驗證碼：(\d{6})/.exec(mitake.sent[0]?.smbody ?? '')?.[1] ?? 'none';

    await phone.getByTestId('forgot-code').fill(code === '111111' ? '222222' : '111111');
    await phone.getByTestId('forgot-new-password').fill('my-new-bento-password');
    await phone.getByTestId('forgot-confirm-password').fill('my-new-bento-password');
    await phone.getByTestId('forgot-submit').click();
    await phone.locator('.el-form-item', { hasText: '驗證碼' }).getByText('驗證碼不正確或已過期，請重新取得驗證碼。').waitFor();
    await expect(phone.getByTestId('forgot-error').count()).resolves.toBe(0);
    expect(await blockingViolations(phone, 'the code step with a wrong code')).toEqual([]);
    await phone.screenshot({ path: join(SHOTS, 'lg-forgot-password-code.png') });

    await phone.getByTestId('forgot-code').fill(code);
    await phone.getByTestId('forgot-submit').click();
    await phone.waitForURL(/\/login\?passwordChanged=1$/);
    await expect(phone.getByTestId('login-password-changed').textContent()).resolves.toContain('密碼已變更');
    await login(phone, stack.url, 'c00088', /\/portal$/, 'my-new-bento-password');
    await phone.context().close();
  });

  it('answers an unknown username as it would a customer’s, in English too, and texts nobody', async () => {
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
    const sentBefore = mitake.sent.length;
    await page.goto(`${stack.url}/login`);
    await page.getByTestId('forgot-password-link').click();
    // The sign-in page has its own language menu: opened before the page changes, it goes with that page.
    await page.getByTestId('forgot-title').waitFor();
    await page.getByTestId('language').click();
    await page.getByRole('option', { name: 'English' }).click();
    await expect(page.getByTestId('forgot-title').textContent()).resolves.toBe('Forgot password');
    await page.getByTestId('forgot-username').fill('nobody-here');
    await page.getByTestId('forgot-send').click();
    await page.getByTestId('forgot-sent').waitFor();
    await expect(page.getByTestId('forgot-sent').textContent()).resolves.toContain(
      "If this account has a mobile phone on record, a code is on its way by text message; if not, the code is in the server's log (a local demo with no LINE connected). It works for 10 minutes.",
    );
    // Answered without a text: the consumer has taken both requests so far.
    await eventually(async () => ((await stack.container.db.collection('processedEvents').where('consumer', '==', SEND_CODES).get()).size >= 2 ? true : null));
    expect(mitake.sent.length).toBe(sentBefore);
    // Another account can be chosen, and the way back to sign in is there.
    await page.getByTestId('forgot-restart').click();
    await page.getByTestId('forgot-send').waitFor();
    await page.getByTestId('forgot-back').click();
    await page.waitForURL(/\/login$/);
    await page.context().close();
  });
});

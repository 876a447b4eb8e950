import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalMitakeServer } from '../../functions/src/adapters/notify/test-support/mitake-server';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { blockingViolations } from './axe';
import { closeBrowserStack, openBrowserStackWithSms, PASSWORD, seedUser } from './browser';

/**
 * Browser test of 開通帳號 on the built SPA and the local gateway, the texts going to a local server that speaks Mitake's
 * SmSend: from the login page a customer types their customer code and mobile, gets a code at that mobile, picks a
 * username (a taken one is shown at its field and the code still works) and a password, and signs in with them.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;
let mitake: LocalMitakeServer;

beforeAll(async () => {
  ({ stack, browser, mitake } = await openBrowserStackWithSms('web-signup'));
  const customer = aCustomer().withId('cust-su').withCode('C00066').with({ name: '吳家早餐', phones: ['0966-555-444'] }).build();
  await stack.container.db.collection('customers').doc(customer.id).set(customer);
  // Someone already has the customer code as a username: the default the page offers is taken.
  await seedUser(stack.container.db, 'c00066', '別的客戶', { role: 'customer', customerId: 'cust-other' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
  await mitake?.stop();
}, 60_000);


describe('開通帳號 in the browser', () => {
  it('a customer opens their account with their code and mobile, a taken username is shown at its field, and signs in', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(`${stack.url}/login`);
    await phone.getByTestId('signup-link').click();
    await phone.waitForURL(/\/signup$/);
    await expect(phone.title()).resolves.toBe('開通入口網站帳號 – 幸福氣');
    expect(await blockingViolations(phone, 'the 開通帳號 form')).toEqual([]);

    await phone.getByTestId('signup-customer-code').fill('c00066');
    await phone.getByTestId('signup-mobile').fill('0966 555 444');
    await phone.getByTestId('signup-send').click();
    await phone.getByTestId('signup-sent').waitFor();
    await expect(phone.getByTestId('signup-sent').textContent()).resolves.toContain('若客戶編號與手機 0966 555 444 相符，驗證碼已以簡訊傳到這支手機，10 分鐘內有效。');
    expect((await mitake.waitForSent(1)).map((m) => m.dstaddr)).toEqual(['0966555444']);
    const code = /驗證碼：(\d{6})/.exec(mitake.sent[0]?.smbody ?? '')?.[1] ?? 'none';
    await expect(phone.getByTestId('signup-username').inputValue()).resolves.toBe('c00066');

    await phone.getByTestId('signup-code').fill(code);
    await phone.getByTestId('signup-new-password').fill('breakfast-2026');
    await phone.getByTestId('signup-confirm-password').fill('breakfast-2026');
    await phone.getByTestId('signup-submit').click();
    await phone.locator('.el-form-item', { hasText: '帳號' }).getByText('此帳號已被使用').waitFor();
    expect(await blockingViolations(phone, 'the 開通帳號 code step')).toEqual([]);
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-signup.png') });

    await phone.getByTestId('signup-username').fill('wu-breakfast');
    await phone.getByTestId('signup-submit').click();
    await phone.waitForURL(/\/login\?accountOpened=1&username=wu-breakfast$/);
    await phone.getByTestId('login-account-opened').waitFor();
    await expect(phone.locator('#username').inputValue()).resolves.toBe('wu-breakfast');
    await phone.locator('#password').fill('breakfast-2026');
    await phone.getByTestId('login-submit').click();
    await phone.waitForURL(/\/portal$/);
    // The account that had the code as its username is untouched.
    await expect(stack.container.db.collection('users').doc('u-c00066').get().then((d) => d.get('customerId'))).resolves.toBe('cust-other');
    expect(PASSWORD).not.toBe('breakfast-2026');
    await phone.context().close();
  });
});

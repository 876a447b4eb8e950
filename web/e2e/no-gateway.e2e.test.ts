import { join } from 'node:path';
import { Timestamp } from '@google-cloud/firestore';
import type { Browser } from 'playwright-core';
import { firestoreReceivableStore } from '../../functions/src/adapters/firestore/receivable-store';
import { SUBSCRIPTIONS } from '../../functions/src/adapters/pubsub/subscriptions';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer } from '../../functions/src/domain/test-support';
import { SEND_CODES } from '../../functions/src/functions/send-codes';
import { eventually } from '../../functions/src/functions/test-support/planning-day';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of what the SPA says where no LINE or SMS gateway is configured (the local default): the portal's
 * 聯絡與收貨 says messages go to the page's 訊息通知, not by text to the mobile on record; 忘記密碼 and 開通帳號 say this
 * is a local demo with the code in the server's log, and the code printed there does set the password; where codes
 * cannot be sent at all the page says to call and asks for no code; the receivables ledger says a reminder nobody could
 * be reached with was 未送達, not only 傳送失敗.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;
/** What the server printed with console.info: the local stack runs in this process, so its log is here. */
let serverLog: jest.SpyInstance;

const customer = aCustomer().withId('cust-ng').withCode('C00077').with({ name: '周記豆漿', phones: ['0960-327-259'], paymentTerms: 'monthly' }).build();
const unreachable = aCustomer().withId('cust-nr').withCode('C00078').with({ name: '無帳號小吃', phones: ['02-2999-0000'], paymentTerms: 'monthly' }).build();

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-no-gateway', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === SEND_CODES) }));
  const db = stack.container.db;
  for (const c of [customer, unreachable]) await db.collection('customers').doc(c.id).set(c);
  await seedUser(db, 'c00077', '周記豆漿', { role: 'customer', customerId: customer.id });
  await seedUser(db, 'office', '王小姐', { role: 'office' });
}, 240_000);

beforeEach(() => {
  serverLog = jest.spyOn(console, 'info');
});
afterEach(() => serverLog.mockRestore());

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

/** The one-time code the sendCodes consumer printed for `customerId`, once it has. */
const printedCode = (customerId: string) =>
  eventually(async () => {
    for (const [line] of serverLog.mock.calls) {
      if (typeof line !== 'string' || !line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { customerId?: string; text?: string };
      const code = entry.customerId === customerId ? /(\d{6})/.exec(entry.text ?? '')?.[1] : undefined;
      if (code) return code;
    }
    return null;
  });

describe('with no LINE or SMS gateway', () => {
  it('the contact card says messages go to the portal’s 訊息通知, not by text to the mobile on record', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(page, stack.url, 'c00077', /\/portal$/);
    await page.locator('[data-test="portal-nav-notices"]:visible').click();
    const card = page.getByTestId('my-contact');
    await card.getByText('周記豆漿').waitFor();
    const texts = card.getByTestId('my-contact-texts');
    await texts.waitFor();
    await expect(texts.textContent()).resolves.toBe('通知放在本頁的「訊息通知」，不另傳簡訊。');
    await card.screenshot({ path: join(SHOTS, 'lg-portal-contact-no-gateway.png') });
    await page.context().close();
  });

  it('忘記密碼 says the code is in the server’s log of this local demo, and the code printed there sets the password', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${stack.url}/forgot-password?username=c00077`);
    await page.getByTestId('forgot-send').click();
    const hint = page.getByTestId('forgot-sent');
    await hint.waitFor();
    await expect(hint.textContent()).resolves.toContain('這是本機示範環境，沒有接上 LINE 或簡訊：若此帳號存在，驗證碼寫在伺服器的記錄（log）裡，10 分鐘內有效。');
    await expect(hint.textContent()).resolves.not.toContain('簡訊傳送');
    await page.getByTestId('forgot-code').fill(await printedCode(customer.id));
    await page.getByTestId('forgot-new-password').fill('soy-milk-2026');
    await page.getByTestId('forgot-confirm-password').fill('soy-milk-2026');
    await page.getByTestId('forgot-submit').click();
    await page.waitForURL(/\/login\?passwordChanged=1$/);
    await login(page, stack.url, 'c00077', /\/portal$/, 'soy-milk-2026');
    await page.context().close();
  });

  it('開通帳號 says so in English too', async () => {
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${stack.url}/signup`);
    await page.getByTestId('language').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByTestId('signup-customer-code').fill('C00078');
    await page.getByTestId('signup-mobile').fill('0911-222-333');
    await page.getByTestId('signup-send').click();
    await page.getByTestId('signup-sent').waitFor();
    await expect(page.getByTestId('signup-sent').textContent()).resolves.toContain(
      "This is a local demo with no SMS connected: if the customer code and the mobile 0911-222-333 match, the code is in the server's log. It works for 10 minutes.",
    );
    await page.context().close();
  });

  it('where codes cannot be sent at all, the page says to call the office and asks for no code', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    // What a deployment with Firebase sign-in and no gateway answers (auth-firebase.int.test.ts).
    await page.route('**/api/auth/password-reset', (route) => route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ codeValidForMinutes: 10, channel: 'none' }) }));
    await page.goto(`${stack.url}/forgot-password?username=c00077`);
    await page.getByTestId('forgot-send').click();
    await page.getByTestId('forgot-sent').waitFor();
    await expect(page.getByTestId('forgot-sent').textContent()).resolves.toContain('目前無法以 LINE 或簡訊傳送驗證碼，請致電門市重設密碼。');
    await expect(page.getByTestId('forgot-code').count()).resolves.toBe(0);
    await expect(page.getByTestId('forgot-submit').count()).resolves.toBe(0);
    await page.getByTestId('forgot-restart').click();
    await page.getByTestId('forgot-username').waitFor();
    await page.context().close();
  });

  it('the receivables ledger says a reminder nobody could be reached with was not delivered', async () => {
    const db = stack.container.db;
    const now = new Date();
    await firestoreReceivableStore(db).save({
      customerId: unreachable.id,
      customerCode: unreachable.code,
      customerName: unreachable.name,
      paymentTerms: 'monthly',
      balance: 2400,
      aging: { notDue: 0, days1to30: 0, days31to60: 2400, days61to90: 0, over90: 0 },
      asOf: taipeiDate(now),
      computedAt: now.toISOString(),
    });
    await db.collection('notificationDispatch').doc(`payment-${unreachable.id}-manual-${taipeiDate(now)}`).set({
      kind: 'payment-reminder',
      customerId: unreachable.id,
      stage: 'second',
      manual: true,
      channel: 'inbox',
      to: unreachable.id,
      text: '催款',
      status: 'failed',
      error: 'DomainError: the customer has no portal account to read the inbox',
      errorCode: 'INBOX.NO_ACCOUNT',
      createdAt: Timestamp.fromDate(now),
    });
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } })).newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/receivables`);
    const cell = page.getByTestId('receivable-last-reminder');
    await cell.waitFor();
    await expect(cell.textContent()).resolves.toContain('未送達：客戶沒有會員帳號、LINE 或可收簡訊的手機，請來電告知');
    await cell.screenshot({ path: join(SHOTS, 'lg-receivables-not-delivered.png') });
    await page.context().close();
  });
});

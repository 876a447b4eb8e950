import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalMitakeServer } from '../../functions/src/adapters/notify/test-support/mitake-server';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, openBrowserStackWithSms, seedUser } from './browser';

/**
 * Browser test of the office customer drawer's 通知方式: where this customer's messages go now, as the senders would
 * choose (GET /api/customers/:id/reach), so the clerk knows before relying on a reminder. With no gateway (the test
 * stack's default) a mobile texts nobody: a customer with a portal account reads the 會員專區訊息, one without cannot be
 * notified; with an SMS gateway the mobile on record takes the texts.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

const withMobileAndAccount = aCustomer().withId('cust-reach-1').withCode('C00601').with({ name: '有帳號麵館', phones: ['02-2999-1111', '0960-327-259'] }).build();
const withMobileOnly = aCustomer().withId('cust-reach-2').withCode('C00602').with({ name: '只有手機小吃', phones: ['0912-345-678'] }).build();
const landlineOnly = aCustomer().withId('cust-reach-3').withCode('C00603').with({ name: '只有市話餐廳', phones: ['02-2999-0000'] }).build();
const landlineAndAccount = aCustomer().withId('cust-reach-4').withCode('C00604').with({ name: '市話有帳號行號', phones: ['02-2999-2222'] }).build();
const CUSTOMERS = [withMobileAndAccount, withMobileOnly, landlineOnly, landlineAndAccount];

async function seed(stack: TestStack) {
  const db = stack.container.db;
  await Promise.all([
    ...CUSTOMERS.map((c) => db.collection('customers').doc(c.id).set(c)),
    seedUser(db, 'c00601', '有帳號麵館', { role: 'customer', customerId: withMobileAndAccount.id }),
    seedUser(db, 'c00604', '市話有帳號行號', { role: 'customer', customerId: landlineAndAccount.id }),
    seedUser(db, 'office', '王小姐', { role: 'office' }),
  ]);
}

/** The drawer's 通知方式 of the customer named `name`, as the office desk shows it. */
async function reachOf(page: Page, url: string, name: string): Promise<string | null> {
  await page.goto(`${url}/office/customers`);
  await page.locator('.el-table__row', { hasText: name }).click();
  const drawer = page.getByTestId('customer-drawer');
  const reach = drawer.getByTestId('customer-reach');
  await reach.waitFor({ timeout: 20_000 });
  return reach.textContent();
}

const desk = async (browser: Browser, url: string) => {
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
  await login(page, url, 'office', /\/office$/);
  return page;
};

describe('通知方式 in the customer drawer, with no LINE or SMS gateway', () => {
  let stack: TestStack;
  let browser: Browser;
  beforeAll(async () => {
    ({ stack, browser } = await openBrowserStack({ suite: 'web-customer-reach', subscriptions: [] }));
    await seed(stack);
  }, 240_000);
  afterAll(async () => {
    await closeBrowserStack(stack, browser);
  }, 60_000);

  it('says a customer with no mobile and no portal account cannot be notified, and no mobile is texted', async () => {
    const page = await desk(browser, stack.url);
    await expect(reachOf(page, stack.url, '只有市話餐廳')).resolves.toBe('無法通知（請來電）');
    await page.getByTestId('customer-drawer').screenshot({ path: join(SHOTS, 'lg-office-drawer-reach-none.png') });
    // No gateway texts: a mobile with no portal account reaches nobody either, and one with an account reads the portal.
    await expect(reachOf(page, stack.url, '只有手機小吃')).resolves.toBe('無法通知（請來電）');
    await expect(reachOf(page, stack.url, '有帳號麵館')).resolves.toBe('會員專區訊息（不傳簡訊）');
    await expect(reachOf(page, stack.url, '市話有帳號行號')).resolves.toBe('會員專區訊息（不傳簡訊）');
    await page.context().close();
  });

  it('says so in English too', async () => {
    const page = await desk(browser, stack.url);
    await page.evaluate(() => localStorage.setItem('lg.locale', 'en'));
    await page.reload();
    await expect(reachOf(page, stack.url, '只有市話餐廳')).resolves.toBe('Cannot be notified (call them)');
    await expect(reachOf(page, stack.url, '有帳號麵館')).resolves.toBe('Portal messages (no texts)');
    await page.context().close();
  });
});

describe('通知方式 in the customer drawer, with an SMS gateway', () => {
  let stack: TestStack;
  let browser: Browser;
  let mitake: LocalMitakeServer;
  beforeAll(async () => {
    ({ stack, browser, mitake } = await openBrowserStackWithSms('web-customer-reach-sms'));
    await seed(stack);
  }, 240_000);
  afterAll(async () => {
    await closeBrowserStack(stack, browser);
    await mitake.stop();
  }, 60_000);

  it('names the mobile the texts go to, and says a customer without one reads the portal or cannot be notified', async () => {
    const page = await desk(browser, stack.url);
    await expect(reachOf(page, stack.url, '有帳號麵館')).resolves.toBe('簡訊傳到 0960-327-259');
    await page.getByTestId('customer-drawer').screenshot({ path: join(SHOTS, 'lg-office-drawer-reach-sms.png') });
    await expect(reachOf(page, stack.url, '只有手機小吃')).resolves.toBe('簡訊傳到 0912-345-678');
    await expect(reachOf(page, stack.url, '市話有帳號行號')).resolves.toBe('會員專區訊息（沒有手機號碼，不傳簡訊）');
    await expect(reachOf(page, stack.url, '只有市話餐廳')).resolves.toBe('無法通知（請來電）');
    await page.context().close();
  });
});

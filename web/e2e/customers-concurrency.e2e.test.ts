import { FieldValue } from '@google-cloud/firestore';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { aCustomer, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of two clerks on one customer: the form open on the customer says what the other clerk saved meanwhile
 * (before → after) and saves only once its clerk goes on from the customer as it is now, keeping both changes, and the
 * customer drawer follows the customer; the order form's customer line follows the customer during the call and has the
 * clerk read a new address or new hours before the order is made. The customers list follows the rows it shows, on
 * every page and after a search, without searching again.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;
beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-customers-concurrency', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedUser(db, 'office2', '林小姐', { role: 'office' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const customers = [
    aCustomer().withId('cust-shared').withCode('C00501').with({ name: '兩位店員麵店', phones: ['0911-222-333'] }).build(),
    aCustomer().withId('cust-calling').withCode('C00502').with({ name: '來電小吃', deliveryWindows: [{ start: '09:00', end: '11:00' }] }).build(),
  ];
  await Promise.all(customers.map((c) => db.collection('customers').doc(c.id).set(c)));
  // Enough for a second page of the list (25 a page), sorted by code after the two above.
  const listed = Array.from({ length: 28 }, (_, i) =>
    aCustomer().withId(`cust-list-${i}`).withCode(`C006${String(i).padStart(2, '0')}`).with({ name: `名單客戶${i}`, phones: [`0933-000-${String(100 + i)}`] }).build(),
  );
  await Promise.all(listed.map((c) => db.collection('customers').doc(c.id).set(c)));
}, 240_000);
afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function openEdit(page: Page, name: string) {
  await page.goto(`${stack.url}/office/customers`);
  await page.locator('.el-table__row', { hasText: name }).click();
  await page.getByTestId('customer-drawer').getByTestId('edit-customer').click();
  return page.getByTestId('customer-form');
}

describe('two clerks editing one customer', () => {
  it('tells the one mid-edit what the other saved (電話 0911 → 0922, 備註) and saves on top of it: their own 備註 stays theirs, the other phone is kept', async () => {
    const first = await officePage(browser, stack.url);
    const second = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(second, stack.url, 'office2', /\/office$/);
    const mine = await openEdit(first, '兩位店員麵店');
    const theirs = await openEdit(second, '兩位店員麵店');
    const notes = mine.locator('.el-form-item', { hasText: '備註' }).locator('textarea');
    await notes.fill('後門進');

    await theirs.getByTestId('customer-phone-0').fill('0922-111-222');
    await theirs.locator('.el-form-item', { hasText: '備註' }).locator('textarea').fill('前門進');
    await theirs.getByTestId('save-customer').click();
    await theirs.waitFor({ state: 'detached', timeout: 20_000 });

    const notice = mine.getByTestId('customer-change-meanwhile');
    await notice.getByText('電話：0911-222-333 → 0922-111-222').waitFor({ timeout: 20_000 });
    await notice.getByText('備註：— → 前門進').waitFor();
    await expect(mine.getByTestId('save-customer').isDisabled()).resolves.toBe(true);
    await notice.scrollIntoViewIfNeeded();
    await first.screenshot({ path: join(SHOTS, 'lg-customer-changed-meanwhile.png') });
    await notice.getByTestId('customer-change-carry-over').click();
    await expect(mine.getByTestId('customer-phone-0').inputValue()).resolves.toBe('0922-111-222');
    await expect(notes.inputValue()).resolves.toBe('後門進');
    await mine.getByTestId('save-customer').click();
    await mine.waitFor({ state: 'detached', timeout: 20_000 });
    expect((await stack.container.db.collection('customers').doc('cust-shared').get()).data()).toMatchObject({ phones: ['0922-111-222'], notes: '後門進', version: 3 });
    // The other clerk's drawer, still open on the customer, follows it.
    await second.getByTestId('customer-drawer').getByText('後門進').waitFor({ timeout: 20_000 });
    await Promise.all([first.context().close(), second.context().close()]);
  }, 120_000);
});

describe("the order form's customer line", () => {
  it('follows the customer during the call, and a new address or new hours are read before the order is made', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/orders/new?customer=cust-calling`);
    const line = page.getByTestId('order-customer-line');
    await line.getByText('收貨 09:00–11:00').waitFor({ timeout: 20_000 });
    await page.locator('[data-test=qty-20] input').fill('1');

    await stack.container.db.collection('customers').doc('cust-calling').update({
      deliveryWindows: [{ start: '14:00', end: '16:00' }],
      address: { city: '新北市', district: '中和區', road: '中山路', section: 2, number: '102', full: '新北市中和區中山路二段102號' },
      version: FieldValue.increment(1),
    });
    await line.getByText('新北市中和區中山路二段102號 · 收貨 14:00–16:00').waitFor({ timeout: 20_000 });
    const notice = page.getByTestId('order-customer-meanwhile');
    await notice.getByText('地址：新北市中和區中山路二段100號 → 新北市中和區中山路二段102號').waitFor();
    await notice.getByText('可配送時段：09:00–11:00 → 14:00–16:00').waitFor();
    await expect(page.getByTestId('create-order').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'lg-order-customer-line-changed.png') });
    await notice.getByTestId('order-customer-carry-over').click();
    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', 'cust-calling').get();
    expect(placed.docs.map((d) => d.data()['address'])).toEqual(['新北市中和區中山路二段102號']);
    await page.context().close();
  }, 120_000);
});

describe('the customers list', () => {
  it('shows another clerk’s change in its row on the second page and after a search, without searching again', async () => {
    const page = await officePage(browser, stack.url);
    const searches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/customers') searches.push(r.url());
    });
    await page.goto(`${stack.url}/office/customers`);
    const table = page.getByTestId('customers-table');
    await table.getByText('名單客戶0', { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '載入更多' }).click();
    const lastRow = page.locator('.el-table__row', { hasText: 'C00627' });
    await lastRow.waitFor();
    const db = stack.container.db;
    const asked = searches.length;

    await db.collection('customers').doc('cust-list-27').update({ name: '改名豆漿店', status: 'inactive', version: FieldValue.increment(1) });
    await lastRow.getByText('改名豆漿店').waitFor({ timeout: 20_000 });
    await lastRow.getByText('停用', { exact: true }).waitFor();

    await page.getByTestId('customer-search').fill('名單客戶5');
    await page.locator('.el-table__row', { hasText: 'C00600' }).waitFor({ state: 'detached', timeout: 20_000 });
    const found = page.locator('.el-table__row', { hasText: 'C00605' });
    await found.waitFor();
    const searched = searches.length;
    await db.collection('customers').doc('cust-list-5').update({ phones: ['0955-666-777'], version: FieldValue.increment(1) });
    await found.getByText('0955-666-777').waitFor({ timeout: 20_000 });
    // The list searched when asked to (the second page, the box) and not because a customer changed.
    expect(searches.length - asked).toBeGreaterThan(0);
    expect(searches.length).toBe(searched);
    await page.context().close();
  }, 120_000);
});

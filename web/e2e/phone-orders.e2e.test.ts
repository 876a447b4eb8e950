import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatShortDate } from '../src/lib/format';
import { blockingViolations } from './axe';
import { closeBrowserStack, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of the office taking phone orders (audit 10): a regular caller found by the number they give and picked
 * with Enter, the order sent with Enter, the cursor back in the search for the next call; the next caller's number typed
 * whole and Enter pressed before its search answers, a caller found by their second number listed with it, a
 * restaurant's 「11 點前」 picked as 結束 alone, 建立訂單 in sight under a caller's warnings (audit 27); a caller changing an order already booked (2 → 3 cylinders)
 * from the board, which the API prices again; a caller who orders in the portal while the clerk is still taking their
 * call (audit 12).
 */

const today = taipeiDate(new Date());

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-phone-orders', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const regular = aCustomer().withId('cust-regular').withCode('C00401').with({ name: '劉佩君', phones: ['0960-327-259'], cylindersOnSite: [{ size: 20, count: 1, depositPaid: 1200 }] }).build();
  const noodles = aCustomer().withId('cust-noodles').withCode('C00404').with({ name: '巷口麵店', phones: ['(02)2940-1404', '0922-111-404'] }).build();
  await db.collection('customers').doc(noodles.id).set(noodles);
  const twice = aCustomer().withId('cust-twice').withCode('C00403').with({ name: '兩頭叫小吃', phones: ['0933-444-555'] }).build();
  await db.collection('customers').doc(twice.id).set(twice);
  const caller = aCustomer().withId('cust-caller').withCode('C00402').with({ name: '改量小吃', phones: ['0911-222-333'] }).build();
  await Promise.all([regular, caller].map((c) => db.collection('customers').doc(c.id).set(c)));
  const booked = anOrder().withId('ord-booked').forCustomer(caller).with({ items: [{ size: 20, quantity: 2 }] }).inStatus('pending').build();
  await db.collection('orders').doc(booked.id).set({ ...booked, requestedDate: today });
  const onRoute = anOrder().withId('ord-on-route').forCustomer(caller).inStatus('scheduled').build();
  await db.collection('orders').doc(onRoute.id).set({ ...onRoute, customerName: '已排路線小吃', requestedDate: today, routeId: 'route-x' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

const focusedTest = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-test]')?.getAttribute('data-test') ?? document.activeElement?.tagName);

/** The office's 新增訂單 with the caller picked: their number typed whole, their line waited for in the list, Enter. */
async function newOrderFor(digits: string, option: RegExp, phoneShown: string): Promise<Page> {
  const page = await officePage(browser, stack.url);
  await page.goto(`${stack.url}/office/orders/new`);
  await page.getByTestId('customer-picker').click();
  await page.keyboard.type(digits);
  await page.getByRole('option', { name: option }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.customer-line').getByText(`${phoneShown} · `).waitFor({ timeout: 5_000 });
  return page;
}

describe('a phone order taken from the keyboard', () => {
  it('picks the caller found by their number with Enter, sends with Enter, and puts the cursor back in the search', async () => {
    const page = await newOrderFor('0960327259', /C00401 劉佩君/, '0960-327-259');

    await page.locator('[data-test=qty-20] input').focus();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.getByTestId('order-created').getByText('已為 劉佩君 建立訂單').waitFor({ timeout: 20_000 });
    await expect(focusedTest(page)).resolves.toBe('customer-picker');
    const placed = await stack.container.db.collection('orders').where('customerId', '==', 'cust-regular').get();
    expect(placed.docs.map((d) => d.data()['items'])).toEqual([[{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }]]);
    await page.context().close();
  }, 120_000);
});

describe('a caller giving their second number', () => {
  it('is listed with the number they gave, not the first on file', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/orders/new`);
    await page.getByTestId('customer-picker').click();
    await page.keyboard.type('111404');
    await page.getByRole('option', { name: /C00404 巷口麵店\s*0922-111-404 · / }).waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 120_000);
});

describe('the next caller typed whole and Enter at once', () => {
  it('picks the next caller once their search answers, not the last caller still listed', async () => {
    const page = await newOrderFor('0960327259', /C00401 劉佩君/, '0960-327-259');

    await page.getByTestId('customer-picker').click();
    await page.keyboard.type('0922111404');
    await page.keyboard.press('Enter');
    await page.locator('.customer-line').getByText('0922-111-404 · ').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('customer-picker').locator('input').inputValue()).resolves.toBe('');
    await page.context().close();
  }, 120_000);
});

describe('a restaurant ordering for "before 11"', () => {
  it('keeps 結束 11:00 picked alone as 07:00–11:00, shown in the fields and saved with the order', async () => {
    const page = await newOrderFor('0922111404', /C00404 巷口麵店/, '0922-111-404');

    await page.locator('[data-test=qty-50] input').fill('3');
    await page.locator('[data-test=qty-20] input').fill('2');
    await page.getByRole('combobox', { name: '結束' }).focus();
    await page.keyboard.type('11:00');
    await page.keyboard.press('Enter');
    await page.locator('.el-select', { has: page.getByRole('combobox', { name: '開始' }) }).getByText('07:00').waitFor({ timeout: 5_000 });

    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').getByText('已為 巷口麵店 建立訂單').waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', 'cust-noodles').get();
    expect(placed.docs.map((d) => d.data()['timeWindow'])).toEqual([{ start: '07:00', end: '11:00' }]);
    // What the clerk reads back before hanging up: the day and the hours saved, with the total.
    const day = formatShortDate(placed.docs[0]?.get('requestedDate') as string);
    await expect(page.getByTestId('order-created').textContent()).resolves.toContain(`配送日 ${day} 07:00–11:00，總金額 NT$`);
    await page.context().close();
  }, 120_000);
});

describe('a caller who also orders in the portal', () => {
  it('shows the clerk still on the call the order the customer placed meanwhile, before a second delivery is booked', async () => {
    const page = await newOrderFor('0933444555', /C00403 兩頭叫小吃/, '0933-444-555');
    await expect(page.getByTestId('order-open-orders').count()).resolves.toBe(0);

    const asCustomer = { uid: 'u-twice', role: 'customer', customerId: 'cust-twice' } as const;
    const placed = await apiClient(stack.url, stack.container)('POST', '/api/orders', {
      as: asCustomer,
      key: 'portal-meanwhile',
      body: { items: [{ size: 20, quantity: 1 }], requestedDate: addDays(today, 1) },
    });
    expect(placed.status).toBe(201);
    await page.getByTestId('order-open-orders').getByText(/^此客戶已有進行中的訂單：.*待確認/).waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 120_000);
});

describe('a caller with warnings, on a 1366×768 laptop', () => {
  it('keeps 建立訂單 in sight and clickable without scrolling, under the warnings', async () => {
    const page = await newOrderFor('0911222333', /C00402 改量小吃/, '0911-222-333');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('order-open-orders').waitFor();
    await page.locator('[data-test=qty-20] .el-input-number__increase').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    const button = page.getByTestId('create-order');
    await expect(button.isEnabled()).resolves.toBe(true);
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    const topmost = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-test]')?.getAttribute('data-test'), { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 });
    expect(topmost).toBe('create-order');
    await page.context().close();
  }, 120_000);
});

describe('a booked order the caller changes', () => {
  it('is changed from the board (2 → 3 × 20 kg, priced again); an order on a route offers no change', async () => {
    const page = await officePage(browser, stack.url);
    await page.locator('.column[data-status=pending]').getByText('改量小吃').click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('change-order').click();
    const dialog = page.getByRole('dialog', { name: '修改訂單：改量小吃' });
    await expect(dialog.getByTestId('order-change-submit').isDisabled()).resolves.toBe(true);
    await expect(dialog.locator('[data-test=change-qty-20] input').inputValue()).resolves.toBe('2');
    expect(await blockingViolations(page, 'the 修改訂單 dialog', '[role=dialog]')).toEqual([]);
    await dialog.locator('[data-test=change-qty-20] .el-input-number__increase').click();
    await dialog.getByTestId('order-change-submit').click();
    await page.getByText('訂單已修改').waitFor({ timeout: 20_000 });
    await drawer.getByText('NT$2,550', { exact: true }).waitFor({ timeout: 20_000 });
    const order = (await stack.container.db.collection('orders').doc('ord-booked').get()).data();
    expect(order).toMatchObject({ items: [{ size: 20, quantity: 3, unitPrice: 850, subtotal: 2550 }], total: 2550, status: 'pending', requestedDate: today });

    await page.keyboard.press('Escape');
    await page.locator('.column[data-status=scheduled]').getByText('已排路線小吃').click();
    await drawer.getByText('已排路線小吃').waitFor();
    await expect(drawer.getByTestId('change-order').count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);
});

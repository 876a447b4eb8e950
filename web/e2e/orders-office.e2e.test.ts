import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate, formatShortDate } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of what an order starts with and where it is planned: the order form's empties follow the cylinders
 * ordered up to the customer's cylinders on site (office and portal) until changed; 緊急 moves the day to today, or says
 * why it cannot (in the portal, after the same-day cut-off); the board keeps its day in the address; route planning and the 派車單 mark a stop whose customer is
 * located only at a district's centre; two clerks changing one order, the one mid-change told what the other changed (audit 12).
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const slashed = (day: string) => day.replaceAll('-', '/');
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-orders-office', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedUser(db, 'office2', '林小姐', { role: 'office' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const customers = [
    aCustomer().withId('cust-one').withCode('C00301').with({ name: '一瓶小吃', cylindersOnSite: [{ size: 20, count: 1, depositPaid: 1200 }] }).build(),
    aCustomer().withId('cust-shut').withCode('C00302').with({ name: '今天公休麵店', closedDays: [weekdayOf(today)] }).build(),
    aCustomer().withId('cust-home').withCode('C00303').with({ name: '林家', cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] }).build(),
  ];
  for (const c of customers) await db.collection('customers').doc(c.id).set(c);
  await seedUser(db, 'c00303', '林家', { role: 'customer', customerId: 'cust-home' });

  // Tomorrow's plan: one customer found only at the district's centre (the gazetteer's answer), one at the address.
  const rough = anOrder().withId('ord-rough').forCustomer(customers[0]!).inStatus('confirmed').build();
  const exact = anOrder().withId('ord-exact').forCustomer(customers[2]!).inStatus('confirmed').build();
  await db.collection('orders').doc(rough.id).set({ ...rough, customerName: '大安麵館', requestedDate: tomorrow, locationPrecision: 'district' });
  await db.collection('orders').doc(exact.id).set({ ...exact, requestedDate: tomorrow, locationPrecision: 'address' });
  await db.collection('orders').doc('ord-rough-2').set({ ...rough, id: 'ord-rough-2', customerName: '信義早餐', requestedDate: tomorrow, status: 'pending', locationPrecision: 'street' });
  const fought = anOrder().withId('ord-two-clerks').forCustomer(customers[0]!).with({ items: [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }] }).inStatus('pending').build();
  await db.collection('orders').doc(fought.id).set({ ...fought, customerName: '兩位店員小吃', requestedDate: tomorrow, version: 1 });
  const now = new Date().toISOString();
  const stop = (orderId: string, seq: number) => ({ orderId, customerId: 'c', seq, trip: 0, eta: now, lat: 25.03, lng: 121.54, serviceMin: 5, demand: [], windows: [], requiredSkills: [] });
  await db.collection('routes').doc('opt-e2e-1').set({
    id: 'opt-e2e-1', date: tomorrow, depotId: 'depot-a', vehicleId: 'veh-01', status: 'draft',
    stops: [stop('ord-rough', 1), stop('ord-exact', 2)], distanceKm: 8.1, durationMin: 30, violations: [], createdAt: now, updatedAt: now, version: 1,
  });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

const valueOf = (page: Page, test: string) => page.locator(`[data-test=${test}] input`).inputValue();
const dateField = (page: Page) => page.locator('.el-form-item', { hasText: '配送日期' }).locator('input');

describe('a new order', () => {
  it('takes back by default one empty per full up to the cylinders on site, until the clerk changes them; 緊急 moves it to today', async () => {
    const page = await officePage(browser, stack.url);
    // As 需求預測's call list opens it: the customer and two 20 kg counted in.
    await page.goto(`${stack.url}/office/orders/new?customer=cust-one&items=20x2`);
    await page.getByTestId('order-empties-hint').getByText('現場：20 公斤 × 1').waitFor({ timeout: 20_000 });
    await expect(valueOf(page, 'empties-20')).resolves.toBe('1');
    await page.locator('[data-test=qty-50] .el-input-number__increase').click();
    await expect(valueOf(page, 'empties-50')).resolves.toBe('0');
    await page.locator('[data-test=qty-50] .el-input-number__decrease').click();
    // Changed by hand: the empties stay as the clerk set them.
    await page.locator('[data-test=empties-20] .el-input-number__increase').click();
    await page.locator('[data-test=qty-20] .el-input-number__increase').click();
    await expect(valueOf(page, 'empties-20')).resolves.toBe('2');
    await expect(valueOf(page, 'qty-20')).resolves.toBe('3');

    await expect(dateField(page).inputValue()).resolves.toBe(slashed(tomorrow));
    await page.getByTestId('urgent').click();
    await expect(dateField(page).inputValue()).resolves.toBe(slashed(today));
    await expect(page.getByTestId('order-urgent-later').count()).resolves.toBe(0);
    await page.getByTestId('urgent').click();
    await expect(dateField(page).inputValue()).resolves.toBe(slashed(tomorrow));
    await page.getByTestId('urgent').click();
    await page.screenshot({ path: join(SHOTS, 'lg-office-order-urgent.png'), fullPage: true });
    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', 'cust-one').get();
    const seeded = ['ord-rough', 'ord-rough-2', 'ord-two-clerks'];
    expect(placed.docs.filter((d) => !seeded.includes(d.id)).map((d) => d.data()).map((o) => [o['requestedDate'], o['priority'], o['emptiesToCollect']])).toEqual([[today, 'urgent', [{ size: 20, quantity: 2 }]]]);

    // A customer closed today: 緊急 cannot move the day, and says so.
    await page.goto(`${stack.url}/office/orders/new?customer=cust-shut&items=20x1`);
    await page.getByTestId('order-empties-hint').getByText('客戶現場沒有登記的鋼瓶：預設不收空瓶，首次送瓶須收押金').waitFor({ timeout: 20_000 });
    await page.getByTestId('urgent').click();
    const warning = page.getByTestId('order-urgent-later');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(/^緊急訂單的配送日期是 .+，不是今天。客戶今天公休，無法配送。$/);
    await expect(dateField(page).inputValue()).resolves.not.toBe(slashed(today));
    await page.context().close();
  }, 120_000);

  it('in the portal, starts from the cylinders at the customer’s home', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'c00303', /\/portal/);
    await page.getByRole('tab', { name: '叫瓦斯' }).click();
    const more = page.locator('[data-test=qty-20] .el-input-number__increase');
    for (let i = 0; i < 3; i++) await more.click();
    await page.getByTestId('order-empties-hint').getByText('預設每送一瓶收回一支空瓶（您家中的鋼瓶：20 公斤 × 2）').waitFor({ timeout: 20_000 });
    await expect(valueOf(page, 'empties-20')).resolves.toBe('2');
    await page.getByTestId('create-order').click();
    await page.getByText(/已送出訂單/).waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', 'cust-home').where('source', '==', 'portal').get();
    expect(placed.docs.map((d) => d.data()['emptiesToCollect'])).toEqual([[{ size: 20, quantity: 2 }]]);
    await page.context().close();
  }, 120_000);
});

describe('a collection-only order (回收空瓶)', () => {
  it('is made by the office with empties and no cylinders, said to charge nothing, at NT$0', async () => {
    const leaving = aCustomer().withId('cust-leaving').withCode('C00304').with({ name: '搬走小吃', cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] }).build();
    await stack.container.db.collection('customers').doc(leaving.id).set(leaving);
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/orders/new?customer=${leaving.id}`);
    await page.getByTestId('order-empties-hint').getByText('現場：20 公斤 × 2').waitFor({ timeout: 20_000 });
    // Nothing to deliver nor to collect yet: nothing to send.
    await expect(page.getByTestId('create-order').isDisabled()).resolves.toBe(true);
    const more = page.locator('[data-test=empties-20] .el-input-number__increase');
    for (let i = 0; i < 2; i++) await more.click();
    await expect(page.getByTestId('order-collection-only').textContent()).resolves.toBe('只回收空瓶：不收費、不開發票，司機只把空瓶收回');
    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', leaving.id).get();
    expect(placed.docs.map((d) => d.data()).map((o) => [o['items'], o['total'], o['emptiesToCollect']])).toEqual([[[], 0, [{ size: 20, quantity: 2 }]]]);
    await page.context().close();
  }, 120_000);

  it('is made of an ordinary order in 修改訂單 by taking its cylinders off, said to charge nothing, at NT$0', async () => {
    const db = stack.container.db;
    const sale = anOrder().withId('ord-to-collect').forCustomer(aCustomer().withId('cust-home').build()).inStatus('pending').with({ emptiesToCollect: [{ size: 20, quantity: 1 }] }).build();
    await db.collection('orders').doc(sale.id).set({ ...sale, customerName: '改回收小吃', requestedDate: tomorrow, version: 1 });
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office?date=${tomorrow}`);
    await page.locator('.column[data-status=pending]').getByText('改回收小吃').click();
    await page.getByTestId('order-drawer').getByTestId('change-order').click();
    const dialog = page.getByRole('dialog', { name: '修改訂單：改回收小吃' });
    await dialog.locator('[data-test=change-qty-20] input').fill('0');
    await dialog.locator('[data-test=change-qty-20] input').blur();
    await expect(dialog.getByTestId('order-change-collection-only').innerText({ timeout: 20_000 })).resolves.toBe('只回收空瓶：不收費、不開發票，司機只把空瓶收回');
    await dialog.getByTestId('order-change-submit').click();
    await page.getByText('訂單已修改').waitFor({ timeout: 20_000 });
    expect((await db.collection('orders').doc(sale.id).get()).data()).toMatchObject({ items: [], total: 0, emptiesToCollect: [{ size: 20, quantity: 1 }], version: 2 });
    await page.context().close();
  }, 120_000);
});

describe('after the same-day cut-off', () => {
  it('the portal offers no today and says why, 緊急 there too; the office still books today, warned to phone the driver', async () => {
    const depots = stack.container.db.collection('depots');
    // A cut-off at midnight has always passed, whatever time the suite runs.
    await depots.doc('depot-cutoff').set({ id: 'depot-cutoff', name: '幸福氣 中和站', address: '新北市中和區中山路二段168號', location: { lat: 24.9978, lng: 121.4935 }, sameDayCutoff: '00:00' });
    try {
      const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
      await login(phone, stack.url, 'c00303', /\/portal/);
      await phone.getByRole('tab', { name: '叫瓦斯' }).click();
      const notice = phone.getByTestId('order-same-day-closed');
      await notice.waitFor({ timeout: 20_000 });
      await expect(notice.textContent()).resolves.toBe(`今日訂單已於 00:00 截止，最快可選 ${formatShortDate(tomorrow, 'zh-TW')} 送達；急需請來電。`);
      await phone.getByTestId('urgent').click();
      await expect(phone.getByTestId('order-urgent-later').textContent()).resolves.toContain('今日訂單已於 00:00 截止，急需請來電。');
      await expect(dateField(phone).inputValue()).resolves.toBe(slashed(tomorrow));
      await phone.screenshot({ path: join(SHOTS, 'lg-portal-order-cutoff.png'), fullPage: true });
      // The picker takes no today: typed in, it goes back to the day it had.
      await dateField(phone).fill(slashed(today));
      await dateField(phone).press('Enter');
      await dateField(phone).blur();
      await expect(dateField(phone).inputValue()).resolves.toBe(slashed(tomorrow));
      await phone.context().close();

      const page = await officePage(browser, stack.url);
      await page.goto(`${stack.url}/office/orders/new?customer=cust-one&items=20x1`);
      await page.getByTestId('order-empties-hint').waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('order-same-day-closed').count()).resolves.toBe(0);
      await page.getByTestId('urgent').click();
      await expect(dateField(page).inputValue()).resolves.toBe(slashed(today));
      const warning = page.getByTestId('order-same-day-closed');
      await warning.waitFor();
      await expect(warning.textContent()).resolves.toBe('今日訂單已於 00:00 截止；如仍要今天送，請先電話聯絡司機。');
      await page.context().close();
    } finally {
      await depots.doc('depot-cutoff').delete();
    }
  }, 120_000);
});

describe('the orders board', () => {
  it('keeps the day chosen in the address, through a reload and Back', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/orders`);
    const picker = page.locator('.toolbar .el-date-editor input');
    await picker.waitFor({ timeout: 20_000 });
    await expect(picker.inputValue()).resolves.toBe(slashed(today));
    await picker.fill(slashed(tomorrow));
    await picker.press('Enter');
    await page.waitForURL(new RegExp(`date=${tomorrow}`));
    await page.getByText('大安麵館').waitFor({ timeout: 20_000 });
    await page.reload();
    await page.getByText('大安麵館').waitFor({ timeout: 20_000 });
    await expect(page.locator('.toolbar .el-date-editor input').inputValue()).resolves.toBe(slashed(tomorrow));
    await page.goto(`${stack.url}/office/customers`);
    await page.goBack();
    await page.getByText('大安麵館').waitFor({ timeout: 20_000 });
    await expect(page.locator('.toolbar .el-date-editor input').inputValue()).resolves.toBe(slashed(tomorrow));
    await page.context().close();
  }, 120_000);
});

describe('two clerks changing one order', () => {
  it('tells the one mid-change what the other changed (20 kg × 2 → × 5) and saves their own change on top of it, never over it; the drawer follows the order to its new day', async () => {
    const first = await officePage(browser, stack.url);
    const second = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(second, stack.url, 'office2', /\/office$/);
    const openChange = async (page: Page) => {
      await page.goto(`${stack.url}/office?date=${tomorrow}`);
      await page.locator('.column[data-status=pending]').getByText('兩位店員小吃').click();
      await page.getByTestId('order-drawer').getByTestId('change-order').click();
      return page.getByRole('dialog', { name: '修改訂單：兩位店員小吃' });
    };
    const mine = await openChange(first);
    const theirs = await openChange(second);
    // A note added meanwhile changes nothing the dialog shows: nothing to tell, and the change goes on from it.
    const order = stack.container.db.collection('orders').doc('ord-two-clerks');
    await order.update({ notes: '後門進', version: 2 });
    await first.getByTestId('order-drawer').getByText('後門進').waitFor({ timeout: 20_000 });
    await expect(mine.getByTestId('order-change-meanwhile').count()).resolves.toBe(0);
    const later = addDays(tomorrow, 2);
    const dateInput = mine.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dateInput.fill(slashed(later));
    await dateInput.press('Enter');

    await theirs.locator('[data-test=change-qty-20] input').fill('5');
    await theirs.getByTestId('order-change-submit').click();
    await second.getByText('訂單已修改').waitFor({ timeout: 20_000 });

    const notice = mine.getByTestId('order-change-meanwhile');
    await notice.getByText('訂購鋼瓶：20 公斤 × 2 → 20 公斤 × 5').waitFor({ timeout: 20_000 });
    await expect(mine.getByTestId('order-change-submit').isDisabled()).resolves.toBe(true);
    await first.screenshot({ path: join(SHOTS, 'lg-order-changed-meanwhile.png') });
    await notice.getByTestId('order-change-carry-over').click();
    await expect(mine.locator('[data-test=change-qty-20] input').inputValue()).resolves.toBe('5');
    await expect(dateInput.inputValue()).resolves.toBe(slashed(later));

    // Another change lands while the save is on its way: the API refuses it (ORDER.CHANGED) and the dialog says what changed.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await first.route('**/api/orders/ord-two-clerks', async (route) => {
      if (route.request().method() === 'PATCH') await held;
      await route.continue();
    });
    await mine.getByTestId('order-change-submit').click();
    await order.update({ timeWindow: { start: '13:00', end: '17:00' }, version: 4 });
    release();
    await mine.getByTestId('order-change-error').getByText('這張訂單在您開啟後已有人修改（目前是「待確認」），請看過最新內容再儲存').waitFor({ timeout: 20_000 });
    await notice.getByText(/^配送時段：.* → 13:00–17:00$/).waitFor({ timeout: 20_000 });
    await notice.getByTestId('order-change-carry-over').click();
    await expect(mine.getByTestId('order-change-error').count()).resolves.toBe(0);
    await mine.getByTestId('order-change-submit').click();
    await first.getByText('訂單已修改').waitFor({ timeout: 20_000 });
    const drawer = first.getByTestId('order-drawer');
    await drawer.getByText(formatCalendarDate(later)).waitFor({ timeout: 20_000 });
    expect((await order.get()).data()).toMatchObject({
      items: [{ size: 20, quantity: 5, unitPrice: 850, subtotal: 4250 }],
      requestedDate: later,
      notes: '後門進',
      timeWindow: { start: '13:00', end: '17:00' },
      version: 5,
    });
    await Promise.all([first.context().close(), second.context().close()]);
  }, 120_000);
});

describe('route planning', () => {
  it('marks the stops whose customer is located only roughly, before planning, on the route and on the 派車單', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/routes?date=${tomorrow}`);
    const before = page.getByTestId('routes-approximate');
    await before.waitFor({ timeout: 20_000 });
    await expect(before.textContent()).resolves.toContain('2 筆訂單的客戶只定位到路段或行政區中心');
    await expect(before.textContent()).resolves.toMatch(/大安麵館.*信義早餐|信義早餐.*大安麵館/);
    await expect(page.getByTestId('route-approximate').textContent().then((s) => s?.trim())).resolves.toBe('1 站位置約略');
    await page.getByTestId('route-open').click();
    const sheet = page.getByTestId('route-sheet');
    await expect(sheet.getByTestId('stop-approximate').allTextContents()).resolves.toEqual(['位置約略（行政區中心）']);
    await expect(sheet.getByTestId('route-sheet-approximate').textContent()).resolves.toBe('1 站位置約略');
    await page.screenshot({ path: join(SHOTS, 'lg-office-routes-approximate.png'), fullPage: true });
    await page.context().close();
  }, 120_000);
});

import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import type { Customer } from '../../functions/src/domain/customers';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import { trackRoute } from '../../functions/src/adapters/firestore/order-tracking-store';
import { aDriver, aTimedStop } from '../../functions/src/domain/routes/test-support/fleet-mother';
import type { TestStack } from '../../functions/src/local/test-support';
import { lastClosedMonth } from '../src/components/billing/statement-month';
import { formatDateRange } from '../src/lib/closures';
import { formatCalendarDate, formatMoney, formatShortDate } from '../src/lib/format';
import { closeBrowserStack, login, openAdminPage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of the customer portal on a phone (390 × 844, audit 10): 進行中訂單 starts with the next delivery;
 * 我的對帳單's delivery lines have more columns than the screen is wide, and every one of them can still be read; where the
 * portal asks the customer to call, the number the admin gave their depot is one tap away, also before sign-in; a pending
 * order's cylinders are changed from the card (buttons a thumb's height) and a confirmed one says whom to call; the counters
 * show the sizes the customer takes, the rest behind 其他規格; an order on a day since closed says it must move, and how.
 * A phone that reaches the API but not Firestore says its orders are not up to date, never that there are none; 我的對帳單
 * holds its place while the month is added up; 意見反映 is sent about a delivered order from its card (audit 26). On the
 * day, the card of an order out for delivery says how many stops come before it, who brings it with their number one tap
 * away, and the time the driver is now expected, later once running late (audit 26 F5).
 */

const [soon, later] = [addDays(taipeiDate(new Date()), 1), addDays(taipeiDate(new Date()), 3)];

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-portal-phone', subscriptions: [] }));
  const db = stack.container.db;
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const customer = aCustomer().withId('cust-phone').withCode('C00501').with({ name: '手機林家' }).build();
  await db.collection('customers').doc(customer.id).set(customer);
  await seedUser(db, 'c00501', '林家', { role: 'customer', customerId: customer.id });
  await seedUser(db, 'admin', '李經理', { role: 'admin' });
  // A cut-off at midnight has always passed, whatever time the suite runs: the order form says so, with whom to call.
  await db.collection('depots').doc('depot-phone').set({ id: 'depot-phone', name: '幸福氣 中和站', address: '新北市中和區中山路二段168號', location: { lat: 24.9978, lng: 121.4935 }, sameDayCutoff: '00:00' });
  const order = anOrder().withId('ord-phone-1').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }] }).inStatus('delivered').build();
  const at = new Date(`${lastClosedMonth()}-05T03:00:00Z`).toISOString();
  await db.collection('orders').doc(order.id).set({ ...order, delivery: { at, delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: 1700 } });
  // Booked in this order: the later delivery after the sooner one, as when a customer orders again before the first came.
  const first = anOrder().withId('ord-phone-soon').forCustomer(customer).build();
  // Confirmed by the office: the portal can no longer change it.
  const second = anOrder().withId('ord-phone-later').forCustomer(customer).inStatus('confirmed').build();
  await db.collection('orders').doc(first.id).set({ ...first, requestedDate: soon, createdAt: '2026-11-20T01:00:00.000Z' });
  await db.collection('orders').doc(second.id).set({ ...second, requestedDate: later, createdAt: '2026-11-21T01:00:00.000Z' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('the portal on a phone', () => {
  it('lists the open orders soonest delivery first', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    const cards = page.getByTestId('portal-order');
    await cards.nth(1).waitFor({ timeout: 20_000 });
    const days = (await cards.locator('strong').allTextContents()).map((d) => d.trim());
    expect(days).toEqual([formatCalendarDate(soon), formatCalendarDate(later)]);
    await page.context().close();
  }, 120_000);

  it('lets every column of the statement’s lines be read, the table scrolling sideways', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    await page.getByTestId('portal-nav-more').click();
    await page.locator('[data-test=portal-nav-statement]:visible').click();
    await page.getByTestId('statement-line').waitFor({ timeout: 20_000 });
    const last = page.locator('[data-test=statement-lines] th').last();
    await expect(last.textContent()).resolves.toBe('現場收現');
    const right = async () => {
      const box = await last.boundingBox();
      return box ? box.x + box.width : Infinity;
    };
    // Wider than the phone: the last column starts out of sight, and a sideways swipe over the table brings it in.
    await expect(right()).resolves.toBeGreaterThan(390);
    // The swipe is tried again where the table is now: on a loaded machine the page can still move under the pointer
    // (a late answer adding a line above), and a wheel over something else scrolls nothing.
    for (let attempt = 0; attempt < 5 && (await right()) > 390; attempt++) {
      await page.getByTestId('statement-lines').scrollIntoViewIfNeeded();
      const table = await page.getByTestId('statement-lines').boundingBox();
      if (!table) throw new Error('no statement lines table');
      await page.mouse.move(table.x + 100, table.y + 20);
      await page.mouse.wheel(600, 0);
      await page.waitForTimeout(500);
    }
    await expect(right()).resolves.toBeLessThanOrEqual(390);
    // The page itself does not scroll sideways: only the table does.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390);
    await page.context().close();
  }, 120_000);

  it('holds the statement’s place while it is added up, so a slow month does not read as an empty one', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/statements/**', async (route) => {
      await answered;
      await route.continue();
    });
    await login(page, stack.url, 'c00501', /\/portal/);
    await page.getByTestId('portal-nav-more').click();
    await page.locator('[data-test=portal-nav-statement]:visible').click();
    await page.getByRole('status', { name: '對帳單載入中' }).waitFor({ timeout: 20_000 });
    answer();
    await page.getByTestId('statement-line').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('statement-loading').count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);

  it('tells 意見反映 which delivery it is about from the delivered order’s card, and the office reads it against that order', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    await page.getByTestId('portal-nav-more').click();
    await page.locator('[data-test=portal-nav-history]:visible').click();
    await page.getByTestId('feedback-ord-phone-1').click();
    const about = page.getByTestId('complaint-about');
    const delivered = (await stack.container.db.collection('orders').doc('ord-phone-1').get()).get('requestedDate') as string;
    await expect(about.textContent().then((text) => text?.trim())).resolves.toBe(`${formatCalendarDate(delivered)}的訂單`);
    await page.getByTestId('complaint-category').click();
    await page.getByRole('option', { name: '配送延誤', exact: true }).click();
    await page.getByTestId('complaint-note').fill('說好下午兩點，五點才到');
    await page.getByTestId('record-complaint').click();
    await page.getByTestId('complaint-item').getByText('說好下午兩點，五點才到').waitFor({ timeout: 20_000 });
    await expect(about.count()).resolves.toBe(0);
    const stored = await stack.container.db.collection('complaints').where('customerId', '==', 'cust-phone').get();
    expect(stored.docs.map((d) => [d.get('category'), d.get('orderId')])).toEqual([['late_delivery', 'ord-phone-1']]);
    // The list names the order as she knows it, the day it came and what it brought, not by its id.
    const named = `訂單 ${formatShortDate(`${lastClosedMonth()}-05`)} 20 公斤 × 2`;
    const label = async (where: Page) => (await where.getByTestId('complaint-order').textContent())?.replace(/\s+/g, ' ').trim();
    await expect(label(page)).resolves.toBe(named);
    await page.context().close();

    // The office's customer drawer names it the same, the id a hover away for looking it up.
    const office = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(office, stack.url, 'admin', /\/office$/);
    await office.goto(`${stack.url}/office/customers`);
    await office.locator('[data-test=customers-table] tbody tr', { hasText: '手機林家' }).click();
    await office.getByTestId('customer-drawer').getByTestId('complaint-order').waitFor({ timeout: 20_000 });
    await expect(label(office)).resolves.toBe(named);
    await expect(office.getByTestId('complaint-order').getAttribute('title')).resolves.toBe('ord-phone-1');
    await office.context().close();
  }, 120_000);

  it('dials the depot’s phone, set by the admin on the fleet page, from the same-day notice and from 聯絡與收貨, beside messages that promise no LINE', async () => {
    const admin = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(admin, stack.url, 'admin', /\/office$/);
    await openAdminPage(admin, '車隊管理');
    await admin.getByRole('tab', { name: '站點' }).click();
    await admin.locator('[data-test=depots-table] .el-table__row', { hasText: '幸福氣 中和站' }).getByRole('button', { name: '編輯' }).click();
    await admin.getByTestId('depot-phone-input').fill('0222481234');
    await admin.getByTestId('save-depots').click();
    await admin.locator('.el-dialog').waitFor({ state: 'hidden', timeout: 20_000 });
    await expect(stack.container.db.collection('depots').doc('depot-phone').get().then((d) => d.get('phone'))).resolves.toBe('(02)2248-1234');
    await admin.context().close();

    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    await page.getByTestId('portal-nav-new').click();
    const notice = page.locator('#pane-new [data-test=order-same-day-closed]');
    await notice.getByText('今日訂單已於 00:00 截止').waitFor({ timeout: 20_000 });
    const link = notice.getByTestId('depot-phone');
    await expect(link.textContent()).resolves.toBe('門市電話 (02)2248-1234');
    await expect(link.getAttribute('href')).resolves.toBe('tel:0222481234');
    const box = await link.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);

    await page.getByTestId('portal-nav-notices').click();
    await expect(page.locator('[data-test=depot-phone]:visible').getAttribute('href')).resolves.toBe('tel:0222481234');
    // No messages yet: the empty list points to 聯絡與收貨 above it, which says where they go (here: this page, no gateway),
    // rather than promising LINE or texts to a customer with a mobile.
    await page.getByText('目前沒有訊息。訊息送到哪裡，請看上方「聯絡與收貨」。').waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 120_000);

  // After the admin gave 中和站 its phone (the test above).
  it('changes the cylinders of a pending order from a thumb-sized button, says the new total, and names whom to call for a confirmed one', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    const change = page.getByTestId('reschedule-ord-phone-soon');
    await change.waitFor({ timeout: 20_000 });
    for (const button of [change, page.getByTestId('cancel-order-ord-phone-soon')]) expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await expect(page.getByTestId('reschedule-ord-phone-later').count()).resolves.toBe(0);
    const confirmed = page.getByTestId('call-to-change-ord-phone-later');
    await confirmed.getByText('門市已確認這張訂單，無法在網站上修改或取消').waitFor({ timeout: 20_000 });
    await expect(confirmed.getByTestId('depot-phone').getAttribute('href')).resolves.toBe('tel:0222481234');

    // A cancel that gets no answer says 或致電門市: with the number to tap.
    const cancelUrl = '**/api/orders/ord-phone-soon/cancel';
    await page.route(cancelUrl, (r) => r.abort('failed'));
    await page.getByTestId('cancel-order-ord-phone-soon').click();
    const ask = page.getByRole('dialog', { name: '取消訂單' });
    await ask.getByText('瓦斯還有', { exact: true }).click();
    await ask.getByTestId('cancel-confirm').click();
    const failed = page.getByTestId('cancel-failed-ord-phone-soon');
    await failed.waitFor({ timeout: 20_000 });
    await expect(failed.getByTestId('depot-phone').getAttribute('href')).resolves.toBe('tel:0222481234');
    await page.unroute(cancelUrl);

    await change.click();
    const dialog = page.getByRole('dialog', { name: '修改訂單' });
    // The customer takes 20 kg only: the other sizes wait behind 其他規格.
    await expect(dialog.getByTestId('change-qty-4').count()).resolves.toBe(0);
    const twenty = dialog.locator('[data-test=change-qty-20] input');
    await twenty.fill('3');
    await twenty.blur();
    await dialog.getByTestId('order-change-submit').click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    const stored = (await stack.container.db.collection('orders').doc('ord-phone-soon').get()).data();
    expect(stored?.items).toMatchObject([{ size: 20, quantity: 3 }]);
    expect(stored?.total).toBe(3 * (stored?.items[0].unitPrice as number));
    await page.getByText(`訂單已修改，總金額 ${formatMoney(stored?.total as number)}`).waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 120_000);

  it('offers the sizes the customer takes first in the order form, the rest behind 其他規格, counters a thumb’s height', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    await page.getByTestId('portal-nav-new').click();
    const form = page.locator('#pane-new');
    await form.getByTestId('qty-20').waitFor({ timeout: 20_000 });
    await expect(form.locator('[data-test^=qty-]:not([data-test=qty-other-sizes]):visible').count()).resolves.toBe(1);
    expect((await form.getByTestId('qty-20').boundingBox())?.height).toBeGreaterThanOrEqual(44);
    const other = form.getByTestId('qty-other-sizes');
    expect((await other.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await other.click();
    await expect(form.locator('[data-test^=qty-]:not([data-test=qty-other-sizes]):visible').count()).resolves.toBe(5);
    await page.context().close();
  }, 120_000);

  it('gives the depots’ phones on 忘記密碼 and 開通帳號, where the customer is not known yet', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    for (const path of ['/forgot-password', '/signup']) {
      await page.goto(`${stack.url}${path}`);
      const link = page.getByTestId('depot-contacts').getByTestId('depot-phone');
      await link.waitFor({ timeout: 20_000 });
      await expect(link.textContent()).resolves.toBe('幸福氣 中和站 (02)2248-1234');
      await expect(link.getAttribute('href')).resolves.toBe('tel:0222481234');
    }
    await page.context().close();
  }, 120_000);

  it('says on an order for a day since closed (休息日) that it must move, how, and moves it off with 修改訂單; the notice names the closure once and the eve\'s cut-off', async () => {
    const db = stack.container.db;
    const [from, to] = [addDays(taipeiDate(new Date()), 5), addDays(taipeiDate(new Date()), 6)];
    const customer = (await db.collection('customers').doc('cust-phone').get()).data() as Customer;
    const booked = anOrder().withId('ord-phone-closed').forCustomer(customer).build();
    const confirmed = anOrder().withId('ord-phone-closed-confirmed').forCustomer(customer).inStatus('confirmed').build();
    await db.collection('orders').doc(booked.id).set({ ...booked, requestedDate: from });
    await db.collection('orders').doc(confirmed.id).set({ ...confirmed, requestedDate: to });
    // Declared after both were booked; its name already says 休息.
    await db.collection('closures').doc('cl-phone').set({ id: 'cl-phone', name: '年終休息', from, to, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    const range = formatDateRange({ from, to });
    await page.getByTestId('closed-day-ord-phone-closed').getByText(`年終休息（${range}）不配送，這張訂單需要改期：請按「修改訂單」選擇其他日子。`).waitFor({ timeout: 20_000 });
    await page.getByTestId('closed-day-ord-phone-closed-confirmed').getByText(`年終休息（${range}）不配送，這張訂單需要改期：門市會為您改到其他日子並通知您，也可以致電門市。`).waitFor();
    // The eve's orders close at the depot's cut-off (this suite's depot: midnight), which the notice names.
    const orderBy = formatDateRange({ from: addDays(from, -1), to: addDays(from, -1) });
    await page.getByTestId('closure-notice').getByText(`年終休息（${range}）不配送。假期中可能用完瓦斯的話，請於 ${orderBy}00:00 前訂購。`).waitFor();

    await page.getByTestId('reschedule-ord-phone-closed').click();
    const dialog = page.getByRole('dialog', { name: '修改訂單' });
    await dialog.getByTestId('closure-hint').getByText(`年終休息（${formatDateRange({ from, to }, 'zh-TW', false)}）不配送`).waitFor({ timeout: 20_000 });
    const dateInput = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dateInput.fill(addDays(to, 1).replaceAll('-', '/'));
    await dateInput.press('Enter');
    await dialog.getByTestId('order-change-submit').click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    expect((await db.collection('orders').doc(booked.id).get()).get('requestedDate')).toBe(addDays(to, 1));
    await page.getByTestId('closed-day-ord-phone-closed').waitFor({ state: 'detached', timeout: 20_000 });
    await page.context().close();
  }, 120_000);

  it('says the orders cannot be brought up to date while Firestore is out of reach, never 「目前沒有進行中的訂單」, and lists them once it answers', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // Weak signal as the portal meets it: the API answers, Firestore's listen channel does not (the SDK goes offline and
    // answers from its memory, which holds nothing on a fresh page).
    const listen = /google\.firestore\.v1\.Firestore\/Listen/;
    await context.route(listen, (route) => route.abort('internetdisconnected'));
    const page = await context.newPage();
    await login(page, stack.url, 'c00501', /\/portal/);
    await page.getByTestId('portal-orders-stale').getByText('訂單資料暫時連不上').waitFor({ timeout: 30_000 });
    await expect(page.getByText('目前沒有進行中的訂單').count()).resolves.toBe(0);
    await expect(page.getByTestId('portal-nav-open').textContent()).resolves.toBe('進行中訂單');
    await page.getByTestId('portal-nav-more').click();
    await page.locator('[data-test=portal-nav-history]:visible').click();
    await page.getByTestId('portal-section-title').getByText('歷史訂單').waitFor();
    await expect(page.getByText('還沒有送達或取消的訂單').count()).resolves.toBe(0);

    await context.unroute(listen);
    // The SDK tries the channel again on its own (backing off), and the delivered order it could not read shows.
    await page.getByTestId('portal-history-order').first().waitFor({ timeout: 90_000 });
    await page.getByTestId('portal-orders-stale').waitFor({ state: 'detached' });
    await context.close();
  }, 180_000);

  it('says on the day how many stops come before hers, who brings it with a tap to call, and the later time once the driver runs late, on a 390 px card', async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    const at = (hhmm: string) => new Date(`${today}T${hhmm}:00+08:00`).toISOString();
    // Her own account: an order out today would come first in the other tests' lists of c00501's orders.
    const customer = aCustomer().withId('cust-phone-out').withCode('C00502').with({ name: '手機陳家' }).build();
    await db.collection('customers').doc(customer.id).set(customer);
    await seedUser(db, 'c00502', '陳家', { role: 'customer', customerId: customer.id });
    await db.collection('drivers').doc('drv-phone').set(aDriver('drv-phone', 'veh-phone', { name: '王大明', phone: '0912-345-678' }));
    // As the admin sets it on the fleet page above: set here as well, for this test to stand alone.
    await db.collection('depots').doc('depot-phone').update({ phone: '(02)2248-1234' });
    const stops = [aTimedStop('ord-out-1', at('13:00'), 1), aTimedStop('ord-out-2', at('13:30'), 2), { ...aTimedStop('ord-out-mine', at('14:00'), 3), customerId: customer.id }];
    for (const s of stops) {
      const order = anOrder().withId(s.orderId).forCustomer(s.customerId === customer.id ? customer : aCustomer().withId(s.customerId).build()).inStatus('out_for_delivery').build();
      await db.collection('orders').doc(s.orderId).set({ ...order, requestedDate: today, routeId: 'route-phone', driverId: 'drv-phone', eta: s.eta });
    }
    await db.collection('routes').doc('route-phone').set({ id: 'route-phone', date: today, depotId: 'depot-phone', driverId: 'drv-phone', status: 'in_progress', stops, version: 2 });
    await trackRoute(db, 'route-phone', new Date());

    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await login(page, stack.url, 'c00502', /\/portal/);
    const card = page.getByTestId('tracking-ord-out-mine');
    await card.waitFor({ timeout: 20_000 });
    const text = async (test: string) => (await card.getByTestId(test).textContent())?.trim();
    await expect(text('tracking-stops')).resolves.toBe('前面還有 2 站');
    await expect(text('tracking-eta')).resolves.toBe('預計 14:00 送達');
    await expect(text('tracking-driver')).resolves.toBe('司機 王師傅');
    await expect(card.getByTestId('tracking-call').getAttribute('href')).resolves.toBe('tel:0912-345-678');
    const call = await card.getByTestId('tracking-call').boundingBox();
    expect(call?.height).toBeGreaterThanOrEqual(44);
    // Nothing of the card runs past the phone's width.
    const widths = await page.getByTestId('portal-order').evaluate((el) => [el.scrollWidth, el.clientWidth, el.getBoundingClientRect().right]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    expect(widths[2]).toBeLessThanOrEqual(390);

    // The first stop done an hour late: one stop before hers now, and the time she was told (14:00) an hour later, as the
    // delay notice tells it.
    await db.collection('orders').doc('ord-out-1').update({ status: 'delivered' });
    await db.collection('routes').doc('route-phone').update({ stops: [{ ...stops[0]!, outcome: { status: 'delivered', at: at('14:00'), actionId: 'a-0' } }, ...stops.slice(1)], version: 3 });
    await trackRoute(db, 'route-phone', new Date());
    await card.getByTestId('tracking-stops').getByText('前面還有 1 站').waitFor({ timeout: 20_000 });
    await expect(text('tracking-eta')).resolves.toBe('預計 15:00 送達（原預計 14:00）');
    // The second one done 65 minutes late: hers is next, five minutes later still.
    await db.collection('orders').doc('ord-out-2').update({ status: 'delivered' });
    const done = (i: number, hhmm: string) => ({ ...stops[i]!, outcome: { status: 'delivered', at: at(hhmm), actionId: `a-${i}` } });
    await db.collection('routes').doc('route-phone').update({ stops: [done(0, '14:00'), done(1, '14:35'), stops[2]], version: 4 });
    await trackRoute(db, 'route-phone', new Date());
    await card.getByTestId('tracking-stops').getByText('下一站就是您').waitFor({ timeout: 20_000 });
    await expect(text('tracking-eta')).resolves.toBe('預計 15:05 送達（原預計 14:00）');

    // The fleet's record of the driver loses the phone: the card says so and gives the depot's, one tap away.
    const { phone: _phone, ...unlisted } = aDriver('drv-phone', 'veh-phone', { name: '王大明' });
    await db.collection('drivers').doc('drv-phone').set(unlisted);
    await trackRoute(db, 'route-phone', new Date());
    await card.getByText('司機電話未登錄，請撥門市電話').waitFor({ timeout: 20_000 });
    await expect(card.getByTestId('tracking-call').count()).resolves.toBe(0);
    await expect(card.getByTestId('depot-phone').getAttribute('href')).resolves.toBe('tel:0222481234');
    expect((await card.getByTestId('depot-phone').boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await page.context().close();
  }, 120_000);
});

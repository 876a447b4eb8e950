import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { firestoreCylinderStockStore } from '../../functions/src/adapters/firestore/cylinder-stock-store';
import { firestoreReceivableStore } from '../../functions/src/adapters/firestore/receivable-store';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import { DISTRICT_CENTRES } from '../../functions/src/domain/customers';
import { buildEvent } from '../../functions/src/domain/events';
import { domainMessages } from '../../functions/src/domain/messages';
import { taipeiInstant } from '../../functions/src/domain/calendar';
import { generateDemoWorld, writeDocuments } from '../../functions/src/local/seed';
import { eventually } from '../../functions/src/functions/test-support/planning-day';
import type { TestStack } from '../../functions/src/local/test-support';
import { byGivenOut } from '../src/components/routes/route-sheet';
import type { DeliveryRoute } from '../src/lib/types';
import { formatDateRange } from '../src/lib/closures';
import { lastClosedMonth } from '../src/components/billing/statement-month';
import { addDays, formatCalendarDate, formatMoney, formatShortDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openAdminPage, openBrowserStack, rangePickerDay, seedInvoiceBooks, seedPublishedStop, seedUser } from './browser';

/**
 * Browser smoke test: the built SPA served by the local gateway on the emulators, in Debian's
 * Chromium. The zh-TW login page, a refused login in the user's language, the office login, and the
 * orders board fed by a live Firestore listener (an order written after the page loaded appears).
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;

const DRIVER_ID = 'drv-01';
const CUSTOMER_ID = 'cust-smoke';
/** A driver with no account yet: the admin creates one for them. */
const NEW_DRIVER_ID = 'drv-smoke-9';


async function seedOrder(id: string, customerName: string, extra: Record<string, unknown> = {}): Promise<void> {
  const order = anOrder().withId(id).build();
  await stack.container.db
    .collection('orders')
    .doc(id)
    .set({ ...order, customerName, requestedDate: taipeiDate(), ...extra });
}

/**
 * A nightly prediction (the customer is due tomorrow and swaps two to four 20 kg cylinders, usually
 * three) and the weekly outlook the same run writes.
 */
async function seedPrediction(): Promise<void> {
  const today = taipeiDate();
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const model = { name: 'lpg-refill-eb', version: 'smoke' };
  await stack.container.db
    .collection('predictions')
    .doc(CUSTOMER_ID)
    .set({
      customerId: CUSTOMER_ID,
      customerName: '陳記自助餐',
      customerType: 'restaurant',
      autoDelivery: false,
      asOf: today,
      computedAt: new Date().toISOString(),
      lastDeliveryDate: today,
      nextRefill: {
        p10: tomorrow,
        p50: tomorrow,
        p90: tomorrow,
        safeDeliveryDate: tomorrow,
        expectedIntervalDays: 4,
        burnRateKgPerDay: 14,
        expectedQuantity: [{ size: 20, quantity: 2.9, range: { p10: 2, p50: 3, p90: 4 } }],
        ownHistoryWeight: 0.9,
        behaviourChangeDetected: false,
        model,
        source: 'local',
      },
      churn: { risk: 0.02, reasons: [], model, source: 'local' },
    });
  await stack.container.db
    .collection('forecasts')
    .doc('weekly-demand')
    .set({
      asOf: today,
      computedAt: new Date().toISOString(),
      customers: 1,
      model,
      weeks: [{ from: today, bySize: [{ size: 20, mean: 118.4, p10: 104.2, p90: 132.6 }] }],
      depots: [{ depotId: 'depot-zhonghe', depotName: '幸福氣 中和站', customers: 1, weeks: [{ from: today, bySize: [{ size: 20, mean: 61.2, p10: 50.3, p90: 72.1 }] }] }],
    });
}

/** Today's published route for the driver with one scheduled stop, at a new customer: no cylinders there, no deposit yet. */
async function seedDriverRoute(): Promise<void> {
  const order = anOrder().withId('ord-route-1').onDriver(DRIVER_ID).inStatus('scheduled').build();
  await firestoreCustomerStore(stack.container.db).create(order.customerId, (code) =>
    aCustomer().withId(order.customerId).withCode(code).with({ name: '永和豆漿店', cylindersOnSite: [] }).build(),
  );
  await seedPublishedStop(stack.container.db, { id: 'route-smoke', date: taipeiDate(), depotId: 'depot-zhonghe', driverId: DRIVER_ID }, order, {
    customerName: '永和豆漿店',
    phone: '02-2923-4567',
  });
}

/** Tomorrow's draft route (route planning defaults to tomorrow), three stops in Zhonghe. */
async function seedDraftRoute(): Promise<void> {
  const stops = [
    [24.9985, 121.4932],
    [25.0012, 121.4989],
    [24.9951, 121.5043],
  ].map(([lat, lng], i) => ({ orderId: `ord-d${i}`, customerId: CUSTOMER_ID, seq: i + 1, eta: new Date().toISOString(), lat, lng }));
  await stack.container.db
    .collection('routes')
    .doc('route-draft')
    .set({ id: 'route-draft', date: addDays(taipeiDate(), 1), depotId: 'depot-zhonghe', status: 'draft', stops, distanceKm: 7.2, durationMin: 35 });
}


async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-smoke' }));
  await Promise.all([
    seedUser(stack.container.db, 'office', '王小姐', { role: 'office' }),
    seedUser(stack.container.db, 'admin', '李經理', { role: 'admin' }),
    seedUser(stack.container.db, 'driver1', '林司機', { role: 'driver', driverId: DRIVER_ID }),
    seedUser(stack.container.db, 'customer1', '陳先生', { role: 'customer', customerId: CUSTOMER_ID }),
    ...aPriceList().map((entry) => stack.container.db.collection('priceList').doc(`price-${entry.size}`).set({ ...entry, id: `price-${entry.size}` })),
    stack.container.db
      .collection('drivers')
      .doc(NEW_DRIVER_ID)
      .set({ id: NEW_DRIVER_ID, name: '張志明', phone: '0912-345-678', skills: [], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-01', active: true }),
    firestoreCustomerStore(stack.container.db).create(CUSTOMER_ID, (code) => aCustomer().withId(CUSTOMER_ID).withCode(code).build()),
    seedInvoiceBooks(stack.container.db, taipeiDate()),
  ]);
}, 240_000);

/**
 * Waits until the event consumers stop recording processed events (ARCHITECTURE: consumers record
 * processed event ids), so closing the stack does not cut a Pub/Sub push off mid-flight.
 */
async function eventsSettled(quietMs = 1_500, maxMs = 30_000): Promise<void> {
  const processed = stack.container.db.collection('processedEvents');
  const started = Date.now();
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() - started < maxMs) {
    const count = (await processed.count().get()).data().count;
    if (count !== last) {
      last = count;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

afterAll(async () => {
  if (stack) await eventsSettled();
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('web smoke', () => {
  it('serves the zh-TW login page by default', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/login`);
    await expect(page.getByTestId('login-title').textContent()).resolves.toBe('幸福氣 登入');
    await expect(page.getByText('帳號', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText('密碼', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('登入');
    await page.screenshot({ path: join(SHOTS, 'lg-login.png') });
    await page.context().close();
  }, 60_000);

  it('switches to English and remembers the choice', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/login`);
    await page.getByTestId('language').click();
    await page.getByRole('option', { name: 'English' }).click();
    await expect(page.getByTestId('login-title').textContent()).resolves.toBe('Lucky Gas sign in');
    await page.reload();
    await expect(page.getByTestId('login-title').textContent()).resolves.toBe('Lucky Gas sign in');
    await page.context().close();
  }, 60_000);

  it('shows a refused login with the API message in the chosen language', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/login`);
    await page.locator('#username').fill('office');
    await page.locator('#password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/[\u3400-\u9fff]/);
    expect(page.url()).toContain('/login');
    await page.context().close();
  }, 60_000);

  it('logs the office in and shows the live orders board', async () => {
    await seedOrder('ord-smoke-1', '幸福小吃店');
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await expect(page.getByTestId('board-title').textContent()).resolves.toBe('訂單看板');
    await page.getByText('幸福小吃店').waitFor({ timeout: 20_000 });

    // Written after the page loaded: it appears through the listener, without a reload. Its customer has a record of
    // their own (confirming reads it, 停止供氣), named apart from the suite's 陳記自助餐 that later pages look for.
    const customer = aCustomer().withId('cust-smoke-board').withCode('C09902').with({ name: '大安麵館' }).build();
    await stack.container.db.collection('customers').doc(customer.id).set(customer);
    await seedOrder('ord-smoke-2', '大安麵館', { customerId: customer.id });
    await page.getByText('大安麵館').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-board.png'), fullPage: true });

    // Confirming through the API moves the card to the confirmed column, again through the listener. The API's answer
    // is checked first: a confirm refused or never answered is named as such, not as a card that did not move.
    const confirmed = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/orders/ord-smoke-2/confirm'));
    await page.getByText('大安麵館').click();
    await page.getByTestId('confirm-order').click();
    const answer = await confirmed;
    expect(`${answer.status()} ${await answer.text()}`).toMatch(/^200 .*"status":"confirmed"/);
    await page.locator('[data-test="board"] .column[data-status="confirmed"]').getByText('大安麵館').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-drawer.png') });

    // A customer who took one cylinder fewer than ordered: the drawer shows what was delivered and what was ordered.
    const ordered = [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }];
    await seedOrder('ord-smoke-3', '信義小館', { status: 'delivered', items: [{ size: 20, quantity: 1, unitPrice: 850, subtotal: 850 }], orderedItems: ordered, total: 850 });
    await page.keyboard.press('Escape');
    await page.getByText('信義小館').click({ timeout: 20_000 });
    const drawer = page.getByTestId('order-drawer');
    await drawer.locator('.el-descriptions__cell', { hasText: '實送鋼瓶' }).first().waitFor({ timeout: 20_000 });
    await expect(drawer.getByTestId('ordered-items').textContent()).resolves.toContain('× 2');
    await expect(drawer.textContent()).resolves.toContain('NT$850');
    await page.context().close();
  }, 90_000);

  it('opens every office page in zh-TW, the customer list from the API', async () => {
    await seedDraftRoute();
    await seedPrediction();
    // A stock-taking closure in the outlook's week, named on that week's row.
    const closed = { from: addDays(taipeiDate(), 2), to: addDays(taipeiDate(), 3) };
    const closure = stack.container.db.collection('closures').doc('cl-smoke-week');
    await closure.set({ id: 'cl-smoke-week', name: '盤點', ...closed, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    const pages: [string, string][] = [
      ['orders/new', '新增訂單'],
      ['customers', '客戶'],
      ['routes', '路線規劃'],
      ['predictions', '需求預測'],
      ['reports', '報表'],
    ];
    for (const [path, title] of pages) {
      await page.goto(`${stack.url}/office/${path}`);
      await page.locator('h2.page-title', { hasText: title }).waitFor();
      if (path === 'customers') await page.getByText('陳記自助餐').waitFor({ timeout: 20_000 });
      // Whole cylinders as a suggested order brings them, and the usual range of this customer's orders.
      if (path === 'predictions') {
        await page.getByText('20 公斤 × 3（2–4）').waitFor({ timeout: 20_000 });
        // Once the customer has an order, the default list (still to order for) drops them; all customers show the order.
        await seedOrder('ord-due-1', '陳記自助餐', { customerId: CUSTOMER_ID, status: 'confirmed' });
        await page.getByRole('button', { name: '重新整理' }).click();
        await page.getByText('20 公斤 × 3（2–4）').waitFor({ state: 'detached', timeout: 20_000 });
        await page.getByTestId('due-without-order').click();
        const dueRow = page.locator('.el-table__row', { hasText: '20 公斤 × 3（2–4）' });
        await dueRow.getByText('已確認').waitFor({ timeout: 20_000 });
        // A failed delivery awaiting its new day is the open order: named as the board names it, and moved on with
        // 重新安排 rather than ordered again (下單 would send a second truck).
        await stack.container.db.collection('orders').doc('ord-due-1').update({ status: 'failed', failureReason: '客戶不在家' });
        await page.getByRole('button', { name: '重新整理' }).click();
        await dueRow.getByText('配送失敗').waitFor({ timeout: 20_000 });
        await expect(dueRow.getByTestId('due-new-order').count()).resolves.toBe(0);
        await dueRow.getByTestId('due-reschedule').click();
        await page.getByRole('dialog', { name: '重新安排：陳記自助餐' }).getByTestId('reschedule-failed-submit').click();
        await page.getByText(/^已重新安排到/).waitFor({ timeout: 20_000 });
        await dueRow.getByText('待確認').waitFor({ timeout: 20_000 });
        await dueRow.getByTestId('due-new-order').waitFor();
        const moved = (await stack.container.db.collection('orders').doc('ord-due-1').get()).data();
        expect(moved?.['status']).toBe('pending');
        expect(moved?.['requestedDate'] > taipeiDate()).toBe(true);
        await page.getByTestId('due-without-order').click();
        await stack.container.db.collection('orders').doc('ord-due-1').delete();
        // The weekly outlook for the filling plant: whole cylinders, the band rounded outwards.
        await page.getByRole('tab', { name: '每週需求（鋼瓶）' }).click();
        await page.locator('[data-test=weekly-outlook]').getByText('118（104–133）').waitFor({ timeout: 20_000 });
        const tag = page.locator('[data-test=weekly-outlook] .el-table__row', { hasText: '118（104–133）' }).getByTestId('weekly-closure');
        await expect(tag.textContent()).resolves.toContain(`盤點（${formatDateRange(closed, 'zh-TW', false)}）不配送`);
        // One depot's yard: its own customers only.
        await page.locator('[data-test=weekly-area]').click();
        await page.getByRole('option', { name: '幸福氣 中和站', exact: true }).click();
        await page.locator('[data-test=weekly-outlook]').getByText('61（50–73）').waitFor({ timeout: 20_000 });
        await page.getByRole('option', { name: '幸福氣 中和站', exact: true }).waitFor({ state: 'hidden' });
      }
      if (path === 'reports') {
        // The trend reads the report consumer's daily counters live: yesterday's count joins the 30 days, one
        // from 40 days ago only the 90.
        const booked = page.locator('[data-test=trend-booked] .el-statistic__content');
        const before = Number((await booked.textContent())?.replace(/\D/g, ''));
        const reports = stack.container.db.collection('reports');
        const [yesterday, longAgo] = [addDays(taipeiDate(), -1), addDays(taipeiDate(), -40)];
        await reports.doc(`daily-${yesterday}`).set({ day: yesterday, orders: { created: 7, delivered: 5 }, revenue: { delivered: 4100 } });
        await reports.doc(`daily-${longAgo}`).set({ day: longAgo, orders: { created: 100 } });
        await page.locator('[data-test=trend-booked]', { hasText: String(before + 7) }).waitFor({ timeout: 20_000 });
        await page.getByRole('radio', { name: '90 天' }).click({ force: true });
        await page.locator('[data-test=trend-booked]', { hasText: String(before + 107) }).waitFor({ timeout: 20_000 });
        await Promise.all([reports.doc(`daily-${yesterday}`).delete(), reports.doc(`daily-${longAgo}`).delete()]);
      }
      if (path === 'routes') {
        // A route's 派車單 opens with its map, which draws stops and path even when the OSM tiles cannot load.
        await page.getByTestId('route-open').first().click();
        await page.getByTestId('route-map').waitFor();
        await expect(page.locator('[data-test=route-map] path.leaflet-interactive').count()).resolves.toBe(4);
      }
      await page.screenshot({ path: join(SHOTS, `lg-office-${path.replace('/', '-')}.png`), fullPage: true });
    }
    await closure.delete();
    await page.context().close();
  }, 120_000);

  it('sends a customer to their portal, reminds them when to order, orders their usual cylinders from the reminder, lets them order gas, and keeps them out of the office', async () => {
    await seedPrediction();
    // A closure in ten days: the portal tells the customer to order before it; one in a month is not yet news.
    const soon = { from: addDays(taipeiDate(), 10), to: addDays(taipeiDate(), 11) };
    const closures = stack.container.db.collection('closures');
    await closures.doc('cl-portal-soon').set({ id: 'cl-portal-soon', name: '盤點', ...soon, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const later = { from: addDays(taipeiDate(), 30), to: addDays(taipeiDate(), 30) };
    await closures.doc('cl-portal-later').set({ id: 'cl-portal-later', name: '颱風', ...later, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const page = await newPage();
    await login(page, stack.url, 'customer1', /\/portal$/);
    const notice = page.getByTestId('closure-notice');
    await notice.getByText(`盤點（${formatDateRange(soon)}）不配送。假期中可能用完瓦斯的話，請於 ${formatDateRange({ from: addDays(soon.from, -1), to: addDays(soon.from, -1) })}前訂購。`).waitFor({ timeout: 20_000 });
    await expect(notice.count()).resolves.toBe(1);
    await Promise.all([closures.doc('cl-portal-soon').delete(), closures.doc('cl-portal-later').delete()]);
    // Nothing on order yet: the nightly prediction reminds them when to order and what they usually take.
    const reminder = page.getByTestId('refill-reminder');
    await reminder.getByText(/瓦斯約在 .+ 前後需要補充/).waitFor({ timeout: 20_000 });
    await reminder.getByText('20 公斤 × 3').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-portal-reminder.png'), fullPage: true });

    // 現在叫瓦斯: the order form with what they usually take counted in, sent as it is.
    await reminder.getByTestId('order-usual').click();
    await expect(page.locator('[data-test=qty-20] input').inputValue()).resolves.toBe('3');
    await page.getByTestId('create-order').click();
    await page.getByText('已送出訂單，總金額 NT$2,550').waitFor({ timeout: 20_000 });
    // Once an order is on its way the reminder goes.
    await page.getByRole('tab', { name: '進行中訂單' }).click();
    await page.getByTestId('portal-order').first().waitFor({ timeout: 20_000 });
    await reminder.waitFor({ state: 'detached' });

    // Ordering for themself: no customer picker, the API fills in their own id.
    await page.getByRole('tab', { name: '叫瓦斯' }).click();
    expect(await page.getByTestId('customer-picker').count()).toBe(0);
    // Nor how they pay: the API applies their own payment terms.
    expect(await page.getByTestId('order-payment-method').count()).toBe(0);
    // Worded for the customer, not the clerk: their own gas ran out, they place the order.
    await page.getByTestId('urgent').getByText('緊急（家裡已經沒瓦斯了）').waitFor();
    await page.getByTestId('create-order').getByText('送出訂單').waitFor();
    await page.locator('[data-test=qty-20] .el-input-number__increase').click();
    await page.getByTestId('create-order').click();
    await page.getByText('已送出訂單，總金額 NT$850').waitFor({ timeout: 20_000 });
    await page.getByTestId('portal-order').nth(1).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-portal.png'), fullPage: true });

    // Nothing delivered yet: the history says so. All nine tabs fit the laptop's width, none behind a scroll arrow.
    await page.getByRole('tab', { name: '歷史訂單' }).click();
    await page.getByText('還沒有送達或取消的訂單').waitFor();
    expect(await page.locator('.el-tabs__nav-wrap.is-scrollable').count()).toBe(0);

    // Feedback in their own words, recorded as the customer (the churn model counts it like the office's).
    await page.getByRole('tab', { name: '意見反映' }).click();
    const feedback = page.getByTestId('customer-complaints');
    await feedback.getByText('您尚未反映過意見').waitFor({ timeout: 20_000 });
    await feedback.getByTestId('complaint-category').click();
    await page.getByRole('option', { name: '配送延誤', exact: true }).click();
    await feedback.getByTestId('complaint-note').fill('約好上午，下午才送到');
    await feedback.getByTestId('record-complaint').click();
    await feedback.getByTestId('complaint-item').getByText('約好上午，下午才送到').waitFor({ timeout: 20_000 });
    const stored = await stack.container.db.collection('complaints').where('customerId', '==', CUSTOMER_ID).get();
    expect(stored.docs.map((d) => d.get('by'))).toEqual([{ uid: 'u-customer1', role: 'customer' }]);

    await page.goto(`${stack.url}/office`);
    await page.waitForURL(/\/portal$/);
    await page.context().close();
  }, 60_000);

  it('a customer on a phone reaches every portal section from the bar at the bottom and its 更多 sheet, nothing scrolling sideways, the unread count always in sight', async () => {
    const db = stack.container.db;
    const id = 'cust-smoke-phone';
    await firestoreCustomerStore(db).create(id, (code) => aCustomer().withId(id).withCode(code).with({ name: '手機下單小吃店' }).build());
    await seedUser(db, 'customer-phone', '手機客戶', { role: 'customer', customerId: id });
    await db.collection('notifications').doc('notice-smoke-phone').set({ customerId: id, channel: 'inbox', text: '您的訂單已確認', idempotencyKey: 'notice-smoke-phone', createdAt: new Date(), readAt: null });
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await login(page, stack.url, 'customer-phone', /\/portal$/);
    const bar = page.getByTestId('portal-nav');
    const sheet = page.getByTestId('portal-nav-sheet');
    // No tab header to scroll sideways on a phone: the bar stands in for it, the unread count on 訊息通知.
    await bar.getByRole('button', { name: '訊息通知（1 則未讀）' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('tab').count()).toBe(0);
    // Section, where it is (the bar or 更多), its name there and its heading on the page (訊息通知 read once opened).
    const sections: [string, 'bar' | 'more', string, string][] = [
      ['open', 'bar', '進行中訂單（0）', '進行中訂單（0）'],
      ['new', 'bar', '叫瓦斯', '叫瓦斯'],
      ['history', 'more', '歷史訂單', '歷史訂單'],
      ['statement', 'more', '我的對帳單', '我的對帳單'],
      ['invoices', 'more', '我的發票', '我的發票'],
      ['cylinders', 'more', '我的鋼瓶與押金', '我的鋼瓶與押金'],
      ['safety', 'more', '安全檢查', '安全檢查'],
      ['notices', 'bar', '訊息通知（1 則未讀）', '訊息通知'],
      ['feedback', 'more', '意見反映', '意見反映'],
    ];
    for (const [name, where, label, heading] of sections) {
      if (where === 'more') {
        await bar.getByRole('button', { name: '更多' }).click();
        await sheet.getByRole('button', { name: label, exact: true }).click();
        await sheet.waitFor({ state: 'hidden' });
      } else {
        await bar.getByRole('button', { name: label, exact: true }).click();
      }
      await page.locator(`#pane-${name}`).waitFor();
      await page.getByTestId('portal-section-title').getByText(heading, { exact: true }).waitFor({ timeout: 20_000 });
      await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'detached', timeout: 20_000 });
      expect({ name, sideways: await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth) }).toEqual({ name, sideways: false });
      // The bar stays at the bottom of the screen, each control a thumb's size.
      const box = await bar.boundingBox();
      expect(box && Math.round(box.y + box.height)).toBe(844);
      for (const button of await bar.getByRole('button').all()) expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    }
    // Read once opened: the count has left the bar.
    await bar.getByRole('button', { name: '訊息通知', exact: true }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-portal-phone.png') });
    await bar.getByRole('button', { name: '更多' }).click();
    await sheet.getByRole('button', { name: '歷史訂單', exact: true }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-portal-phone-more.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    // A tablet held sideways keeps the bar: the tab row would hide its last tabs behind a scroll arrow.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await bar.isVisible()).toBe(true);
    // From 1152 px the nine tabs come back, the bar goes, and all of them fit one row in either language.
    await page.setViewportSize({ width: 1152, height: 800 });
    await page.getByRole('tab', { name: '意見反映' }).waitFor();
    expect(await page.getByRole('tab').count()).toBe(9);
    expect(await bar.isVisible()).toBe(false);
    const tabsScroll = () => page.locator('.el-tabs__nav-wrap.is-scrollable').count();
    expect(await tabsScroll()).toBe(0);
    await page.getByTestId('language').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Feedback' }).waitFor();
    expect(await tabsScroll()).toBe(0);
    await context.close();
  }, 90_000);

  it('driver: today\'s route, a delivery recorded offline waits in the queue and uploads once back online', async () => {
    await seedDriverRoute();
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const firstSums = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/settlements');
    await login(page, stack.url, 'driver1', /\/driver$/);
    await page.getByText('永和豆漿店').waitFor({ timeout: 20_000 });
    expect(await page.locator('a[href="tel:02-2923-4567"]').count()).toBe(1);
    // A phone in the truck, worked with one thumb: nothing scrolls sideways, and the stop's controls are 44 px high or more.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const control of [page.getByTestId('deliver'), page.getByTestId('fail'), page.locator('a[href="tel:02-2923-4567"]')]) {
      expect((await control.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    }
    // A new customer's cylinder needs its deposit (押金): the stop says so while the phone still has signal.
    await page.getByTestId('stop-deposit-due').getByText('押金待收 NT$1,200').waitFor({ timeout: 20_000 });
    // 今日結算 before any stop is done: nothing to sum yet, though the route is out (the office's 司機日結 has a row for it).
    expect((await firstSums).status()).toBe(200);
    await page.getByText('今天還沒有完成的配送').waitFor();
    expect(await page.getByTestId('driver-day-cash').count()).toBe(0);

    await context.setOffline(true);
    await page.getByTestId('deliver').click();
    // The cash asked follows the counts at the order's price (NT$850 a 20 kg) until the driver types it themselves.
    const cash = page.getByTestId('deliver-cash').locator('input');
    const twenties = page.locator('.el-form-item', { hasText: '交付鋼瓶' }).locator('label', { hasText: '20 公斤' });
    await expect(cash.inputValue()).resolves.toBe('850');
    await twenties.locator('.el-input-number__increase').click();
    await expect(cash.inputValue()).resolves.toBe('1700');
    await expect(page.getByTestId('deliver-amount-due').textContent()).resolves.toBe('應收 NT$1,700（貨到付款）');
    await cash.fill('1000');
    await twenties.locator('.el-input-number__decrease').click();
    await expect(page.getByTestId('deliver-amount-due').textContent()).resolves.toBe('應收 NT$850（貨到付款）');
    await expect(cash.inputValue()).resolves.toBe('1000');
    await cash.fill('850');
    await page.getByTestId('deposit-due-20').getByText('已收押金 NT$1,200').click();
    // The dialog fills the phone and its confirm button stays on screen however long the form.
    const confirm = await page.getByTestId('deliver-confirm').boundingBox();
    expect((confirm?.y ?? Infinity) + (confirm?.height ?? 0)).toBeLessThanOrEqual(844);
    await page.getByTestId('deliver-confirm').click();
    await page.getByTestId('deliver-confirm').waitFor({ state: 'hidden' });
    await expect(page.getByTestId('pending-uploads').textContent()).resolves.toContain('待上傳 1 筆');
    await page.screenshot({ path: join(SHOTS, 'lg-driver-offline.png'), fullPage: true });
    const stored = await page.evaluate(() => localStorage.getItem('lg.driverQueue.u-driver1'));
    expect(JSON.parse(stored ?? '{}').pending).toHaveLength(1);

    // Back online: the queue uploads by itself and the stop turns delivered through the listener.
    await context.setOffline(false);
    await page.getByTestId('pending-uploads').waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-test=stop]', { hasText: '已送達' }).waitFor({ timeout: 20_000 });
    const delivered = (await stack.container.db.collection('orders').doc('ord-route-1').get()).data();
    expect(delivered?.status).toBe('delivered');
    expect(delivered?.delivery?.delivered).toEqual([{ size: 20, quantity: 1 }]);
    // The deposit ticked offline travelled with the delivery: one cash record at the customer, held on their 20 kg line.
    const customerId = delivered?.customerId as string;
    const deposits = (await stack.container.db.collection('customers').doc(customerId).collection('deposits').get()).docs.map((d) => d.data());
    expect(deposits).toEqual([expect.objectContaining({ kind: 'collect', method: 'cash', size: 20, count: 1, amount: 1200, orderId: 'ord-route-1', by: '林司機' })]);
    expect((await firestoreCustomerStore(stack.container.db).get(customerId)).cylindersOnSite).toEqual([{ size: 20, count: 1, depositPaid: 1200 }]);
    // 今日結算: the driver's own day from the API, read again once the stop is done.
    await page.getByTestId('driver-day-cash').filter({ hasText: formatMoney(delivered?.delivery?.cashCollected) }).waitFor({ timeout: 20_000 });
    await page.getByTestId('driver-day-deposits').filter({ hasText: 'NT$1,200' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-driver-delivered.png'), fullPage: true });
    // A cash delivery gets its e-invoice (電子發票) from the issueInvoices consumer, for what was collected for gas.
    const invoiceDoc = stack.container.db.collection('invoices').doc(`inv-${delivered?.id as string}`);
    const invoice = await eventually(async () => (await invoiceDoc.get()).data());
    expect(invoice).toMatchObject({ status: 'issued', kind: 'B2C', amounts: { totalAmount: delivered?.total }, number: expect.stringMatching(/^LG\d{8}$/) });
    await context.close();
  }, 90_000);

  it('office settles the driver’s day (司機日結): the day’s cash and the deposit taken at the door, the hand-in pre-filled with both, then shown settled', async () => {
    await stack.container.db
      .collection('drivers')
      .doc(DRIVER_ID)
      .set({ id: DRIVER_ID, name: '林志成', phone: '0912-000-111', skills: [], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-01', active: true });
    const collected = (await stack.container.db.collection('orders').doc('ord-route-1').get()).get('delivery.cashCollected') as number;
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);
    await page.getByRole('tab', { name: '司機日結' }).click();
    const row = page.locator('[data-test=settlement-table] .el-table__row', { hasText: '林志成' });
    await row.getByText('未結算').waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toContain(formatMoney(collected));
    await expect(row.getByTestId('settlement-deposits').textContent()).resolves.toBe('NT$1,200');
    await row.getByTestId('settlement-record').click();
    await expect(page.locator('[data-test=settlement-cash] input').inputValue()).resolves.toBe(String(collected + 1200));
    await page.getByTestId('settlement-note').fill('點收無誤');
    await page.getByTestId('settlement-submit').click();
    await row.getByTestId('settlement-status').getByText('✓ 王小姐').waitFor({ timeout: 20_000 });
    expect((await stack.container.db.collection('settlements').doc(`${taipeiDate()}_${DRIVER_ID}`).get()).data()).toMatchObject({
      cashReceived: collected + 1200,
      note: '點收無誤',
      by: { uid: 'u-office', role: 'office' },
    });
    await page.screenshot({ path: join(SHOTS, 'lg-office-settlement.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('office sees an urgent order raised as an alert (警示) by the alerts consumer, and acknowledges it', async () => {
    const db = stack.container.db;
    const event = buildEvent({
      id: 'evt-smoke-urgent',
      type: 'order.created',
      occurredAt: new Date(),
      actor: { uid: 'u-office', role: 'office' },
      subject: 'orders/ord-smoke-urgent',
      sequence: 1,
      data: { orderId: 'ord-smoke-urgent', customerId: CUSTOMER_ID, requestedDate: taipeiDate(), total: 1700, priority: 'urgent' },
    });
    // Through Pub/Sub and the system-alerts consumer's push subscription, as an order taken as urgent would go.
    await stack.container.publisher.publish('order-events', event);
    const alert = db.collection('alerts').doc(event.id);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await alert.get()).exists) await new Promise((r) => setTimeout(r, 250));

    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByTestId('alerts-open').click();
    const item = page.getByTestId('alert').filter({ hasText: '急件訂單：陳記自助餐' });
    await expect(item.textContent()).resolves.toContain(formatMoney(1700));
    await page.screenshot({ path: join(SHOTS, 'lg-office-alerts.png'), fullPage: true });
    await item.getByTestId('alert-ack').click();
    await item.getByText('已處理').waitFor({ timeout: 20_000 });
    // The screen shows the write at once (the SDK's local view); the server has it when the rules let it through.
    const until = Date.now() + 20_000;
    while (Date.now() < until && !(await alert.get()).get('acknowledged')) await new Promise((r) => setTimeout(r, 250));
    expect((await alert.get()).data()).toMatchObject({ acknowledged: true, acknowledgedBy: 'u-office' });
    await page.context().close();
  }, 60_000);

  it('office reads how the suggestions a closure piled on its first open day were spread, and how many of them past their latest day', async () => {
    const db = stack.container.db;
    const firstOpen = addDays(taipeiDate(), 8);
    const event = buildEvent({
      id: 'evt-smoke-after-closure',
      type: 'system.suggestions_after_closure',
      occurredAt: new Date(),
      actor: { uid: 'system:forecast', role: 'system' },
      subject: 'predictions',
      sequence: 1,
      data: { severity: 'warning', requestedDate: firstOpen, customers: 5, reason: '颱風假', kept: 3, spread: 2, until: addDays(firstOpen, 1), pastLatest: 1 },
    });
    await stack.container.publisher.publish('system-alerts', event);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await db.collection('alerts').doc(event.id).get()).exists) await new Promise((r) => setTimeout(r, 250));

    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByTestId('alerts-open').click();
    const item = page.getByTestId('alert').filter({ hasText: '颱風假之後的第一個營業日' });
    const text = await item.textContent();
    expect(text).toContain('有 5 位客戶的建議訂單等著配送，超過車隊當天可送的量：最急的 3 位留在');
    expect(text).toContain(`其餘 2 位依用完日先後排入之後的營業日（至 ${formatShortDate(addDays(firstOpen, 1), 'zh-TW')}）`);
    expect(text).toContain('其中 1 位晚於預估最晚叫氣日，瓦斯可能已用完，請先電話聯絡');
    await page.context().close();
  }, 60_000);

  it('office reads each driver’s punctuality (準時率), counted from the driver’s stop events by the report consumer', async () => {
    const db = stack.container.db;
    // The stop delivered in the driver step reached the consumer through the outbox, Pub/Sub and its push subscription.
    const doc = db.collection('reports').doc(`punctuality-${taipeiDate()}`);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await doc.get()).get(`drivers.${DRIVER_ID}.delivered`)) await new Promise((r) => setTimeout(r, 250));
    const counters = (await doc.get()).get(`drivers.${DRIVER_ID}`) as Record<string, number>;
    expect(counters['delivered']).toBeGreaterThanOrEqual(1);

    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/reports`);
    await page.getByRole('tab', { name: '準時率' }).click();
    const row = page.locator('[data-test=punctuality-table] .el-table__row', { hasText: '林志成' });
    await row.waitFor({ timeout: 20_000 });
    const cells = await row.locator('td').allTextContents();
    // Name, then deliveries: the same count the consumer kept.
    expect(cells.slice(0, 2)).toEqual(['林志成', String(counters['delivered'])]);
    // Its CSV, summed on the server by the same function, says what the row says (a rate the page shows as — left empty).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('punctuality-csv').click()]);
    expect(download.suggestedFilename()).toBe(`準時率-${addDays(taipeiDate(), -29)}-${taipeiDate()}.csv`);
    const lines = readFileSync(await download.path()).subarray(3).toString('utf8').split('\r\n');
    expect(lines.find((l) => l.startsWith('林志成,'))?.split(',').slice(0, 3)).toEqual(['林志成', String(counters['delivered']), cells[2] === '—' ? '' : cells[2]]);
    await page.screenshot({ path: join(SHOTS, 'lg-office-punctuality.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('takes a phone order: customer search, cylinders, the total priced by the server', async () => {
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/orders/new`);
    await page.locator('[data-test=customer-picker] input').fill('陳記');
    await page.getByRole('option', { name: /陳記自助餐/ }).click();
    const increase = page.locator('[data-test=qty-20] .el-input-number__increase');
    await increase.click();
    await increase.click();
    await page.getByTestId('create-order').click();
    const created = page.getByTestId('order-created');
    await created.waitFor({ timeout: 20_000 });
    // aPriceList: 20 kg at NT$850, two cylinders.
    expect(await created.textContent()).toContain('NT$1,700');
    await page.screenshot({ path: join(SHOTS, 'lg-office-order-created.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('books a customer from the call list: 下單 opens 新增訂單 with them and the cylinders their prediction expects; the customer list’s 下單 with them alone', async () => {
    await seedPrediction();
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/predictions`);
    // The phone order taken above is still open: every due customer, not only those still to order for.
    await page.getByTestId('due-without-order').click();
    await page.locator('.el-table__row', { hasText: '20 公斤 × 3（2–4）' }).getByTestId('due-new-order').click();
    await page.waitForURL(/\/office\/orders\/new\?/);
    await page.locator('[data-test=customer-picker]').getByText('陳記自助餐').waitFor({ timeout: 20_000 });
    // The phone order above is named, so a second delivery is not booked by mistake.
    await page.getByTestId('order-open-orders').getByText(/^此客戶已有進行中的訂單：.*待確認/).waitFor({ timeout: 20_000 });
    // The usual order (the median of 2–4), not the fractional mean 2.9.
    expect(await page.locator('[data-test=qty-20] input').inputValue()).toBe('3');
    const customerOrders = async () => (await stack.container.db.collection('orders').where('customerId', '==', CUSTOMER_ID).get()).docs;
    const before = new Set((await customerOrders()).map((d) => d.id));
    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').waitFor({ timeout: 20_000 });
    const booked = (await customerOrders()).filter((d) => !before.has(d.id));
    expect(booked.map((d) => d.data())).toEqual([expect.objectContaining({ items: [expect.objectContaining({ size: 20, quantity: 3 })] })]);
    // The other tests read this customer's orders as they seeded them.
    await Promise.all(booked.map((d) => d.ref.delete()));
    await page.getByTestId('back-to-call-list').click();
    await page.locator('h2.page-title', { hasText: '需求預測' }).waitFor();
    // The customer list's 下單 picks the customer alone: the clerk counts the cylinders.
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '陳記自助餐' }).getByTestId('customer-new-order').click();
    await page.locator('[data-test=customer-picker]').getByText('陳記自助餐').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-test=qty-20] input').inputValue()).toBe('0');
    await page.context().close();
  }, 60_000);

  it('a caller not on file: the clerk adds them from the order form, which then orders for them', async () => {
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/orders/new`);
    await page.locator('[data-test=customer-picker] input').fill('0912555777');
    await page.locator('.el-select-dropdown__empty').waitFor({ timeout: 20_000 }); // searched: nobody
    await page.getByTestId('picker-new-customer').click();
    const form = page.getByTestId('customer-form');
    // What the clerk searched for is the caller's number.
    expect(await form.getByTestId('customer-phone-0').inputValue()).toBe('0912555777');
    await form.getByTestId('customer-name').fill('林佳蓉');
    await form.getByTestId('address-city').fill('臺北市');
    await form.getByTestId('address-district').fill('大安區');
    await form.getByTestId('address-road').fill('和平東路');
    await form.getByTestId('address-number').fill('25');
    await form.getByTestId('save-customer').click();
    // 和平東路 in 大安區 is divided into 一至三段: the form asks for one and offers exactly those.
    await form.getByText('和平東路有分段，請選擇段別').waitFor();
    await form.getByTestId('address-section').click();
    const sections = page.locator('.el-select-dropdown__item:visible');
    await sections.first().waitFor();
    expect(await sections.allTextContents()).toEqual(['1 段', '2 段', '3 段']);
    await sections.getByText('2 段').click();
    await form.getByTestId('save-customer').click();
    await page.locator('[data-test=customer-picker]').getByText('林佳蓉').waitFor({ timeout: 20_000 });
    await page.locator('[data-test=qty-20] .el-input-number__increase').click();
    await page.getByTestId('create-order').click();
    await page.getByTestId('order-created').waitFor({ timeout: 20_000 });
    const [customer] = (await stack.container.db.collection('customers').where('name', '==', '林佳蓉').get()).docs.map((d) => d.data());
    expect(customer?.address).toMatchObject({ road: '和平東路', section: 2, full: '台北市大安區和平東路二段25號' });
    const orders = await stack.container.db.collection('orders').where('customerId', '==', customer?.id ?? 'none').get();
    expect(orders.docs.map((d) => d.data())).toEqual([expect.objectContaining({ total: 850, items: [expect.objectContaining({ size: 20, quantity: 1 })] })]);
    await page.context().close();
  }, 90_000);

  it('office adds a new household: the API\'s 統一編號 message beside the field, then found in the search', async () => {
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.setViewportSize({ width: 1280, height: 1500 }); // the whole form in the screenshot
    await page.goto(`${stack.url}/office/customers`);
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByTestId('customer-name').fill('吳美玲');
    await form.getByTestId('customer-phone-0').fill('0933123456');
    await form.getByTestId('customer-type').getByText('家庭').click();
    await form.getByTestId('address-city').fill('新北市');
    await form.getByTestId('address-district').fill('永和區');
    await form.getByTestId('address-road').fill('中正路');
    await form.getByTestId('address-number').fill('100');
    await form.getByTestId('address-floor').fill('3');
    // No Maps key in the test stack: the gazetteer answers the district centre, flagged as rough.
    await form.getByTestId('locate-address').click();
    await form.getByTestId('location-precision').getByText('行政區中心（約略，請拖曳標記確認）').waitFor({ timeout: 20_000 });
    await form.getByTestId('add-cylinders').click();
    await form.locator('[data-test=cylinder-row-0] [data-test=cylinder-deposit] input').fill('1500');
    await form.getByTestId('invoice-kind').getByText('統一編號＋抬頭').click();
    // Eight digits pass the form's own check; only the API knows the checksum is wrong.
    await form.getByTestId('invoice-tax-id').fill('12345678');
    await form.getByTestId('invoice-company-title').fill('吳美玲');
    await form.getByTestId('save-customer').click();
    const taxIdItem = form.locator('.el-form-item', { has: page.getByTestId('invoice-tax-id') });
    await taxIdItem.locator('.el-form-item__error').getByText(domainMessages['CUSTOMER.TAX_ID_INVALID']?.['zh-TW'] ?? 'missing message').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-customer-form.png'), animations: 'disabled' });

    // A slip does not throw the typed form away: a click beside the dialog does nothing, and Esc asks first.
    await page.locator('.el-overlay-dialog:has([data-test=customer-dialog])').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    const discard = page.locator('.el-message-box');
    await discard.getByText('表單中有尚未儲存的內容，關閉後就會遺失。').waitFor({ timeout: 5_000 });
    await discard.getByRole('button', { name: '繼續編輯' }).click();
    await discard.waitFor({ state: 'hidden' });
    await expect(form.getByTestId('customer-name').inputValue()).resolves.toBe('吳美玲');

    await form.getByTestId('invoice-tax-id').fill('22099131');
    await form.getByTestId('save-customer').click();
    // Saved: the dialog closes and the new record opens.
    await page.getByTestId('customer-drawer').getByText('新北市永和區中正路100號3樓').waitFor({ timeout: 20_000 });
    await page.getByTestId('customer-drawer').getByText('20 公斤 × 1').waitFor();
    await page.getByTestId('customer-drawer').getByTestId('location-precision').getByText('行政區中心（約略，請拖曳標記確認）').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-office-customer-created.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');

    await page.getByTestId('customer-search').fill('0933123456');
    await page.getByRole('button', { name: '搜尋' }).click();
    await page.locator('[data-test=customers-table] .el-table__row', { hasText: '吳美玲' }).getByText('0933-123-456').waitFor({ timeout: 20_000 });
    const stored = await stack.container.db.collection('customers').where('name', '==', '吳美玲').get();
    expect(stored.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({
        phones: ['0933-123-456'],
        type: 'household',
        status: 'active',
        address: { city: '新北市', district: '永和區', road: '中正路', number: '100', floor: '3', full: '新北市永和區中正路100號3樓' },
        cylindersOnSite: [{ size: 20, count: 1, depositPaid: 1500 }],
        invoice: { taxId: '22099131', companyTitle: '吳美玲' },
        location: DISTRICT_CENTRES.新北市.永和區,
        locationPrecision: 'district',
      }),
    ]);
    await page.context().close();
  }, 90_000);

  it('office imports customers from a CSV file (匯入客戶): checked row by row first, the invalid row skipped, the rest created and found', async () => {
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.goto(`${stack.url}/office/customers`);
    await page.getByTestId('import-customers').click();
    const dialog = page.getByTestId('customer-import-dialog');
    const file = [
      '\uFEFF客戶名稱,電話,地址,類型,付款方式',
      '匯入麵店,(02)2999-1234,台北縣三重市重新路三段100號,餐廳,月結',
      '匯入住戶,0988-765-432,新北市永和區中正路200號5樓之1,家庭,',
      '地址有誤,0988-000-111,台北市永和區中正路1號,家庭,',
    ].join('\r\n');
    await dialog.getByTestId('import-file').setInputFiles({ name: '客戶.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    await dialog.getByTestId('import-summary').getByText('可匯入 2 筆').waitFor({ timeout: 20_000 });
    await dialog.getByTestId('import-summary').getByText('有誤 1 筆').waitFor();
    await dialog.getByTestId('import-problem').getByText('地址：台北市沒有這個鄉鎮市區').waitFor();
    await dialog.getByText('舊制地址「台北縣三重市」已改為「新北市三重區」').waitFor();
    expect(await dialog.getByTestId('import-run').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'lg-office-customer-import-check.png'), animations: 'disabled' });

    await dialog.getByTestId('import-skip-invalid').click();
    await dialog.getByTestId('import-run').click();
    await dialog.getByTestId('import-summary').getByText('已建立 2 筆').waitFor({ timeout: 20_000 });
    await dialog.getByTestId('import-rows').getByTestId('location-precision').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-office-customer-import-done.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: '關閉', exact: true }).click();

    await page.getByTestId('customer-search').fill('匯入麵店');
    await page.getByRole('button', { name: '搜尋' }).click();
    const row = page.locator('[data-test=customers-table] .el-table__row', { hasText: '匯入麵店' });
    await row.getByText('新北市三重區重新路三段100號').waitFor({ timeout: 20_000 });
    // Located to the district centre only: listed among the pins to confirm.
    await page.getByTestId('customer-search').fill('');
    await page.getByTestId('customers-approximate').click();
    await row.getByTestId('location-precision').getByText('約略').waitFor({ timeout: 20_000 });
    // The other imported customer appears only once the filtered list has replaced the search result.
    await page.locator('[data-test=customers-table] .el-table__row', { hasText: '匯入住戶' }).getByTestId('location-precision').getByText('約略').waitFor({ timeout: 20_000 });
    // Every row listed is located only approximately (waited for: the filtered answer replaces the rows in one go).
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-test=customers-table] .el-table__row')];
        return rows.length >= 2 && rows.every((r) => /^(約略|路段)$/.test(r.querySelector('[data-test=location-precision]')?.textContent?.trim() ?? ''));
      },
      undefined,
      { timeout: 20_000 },
    );
    const stored = await stack.container.db.collection('customers').where('name', 'in', ['匯入麵店', '匯入住戶', '地址有誤']).get();
    expect(stored.docs.map((d) => d.data()).sort((a, b) => String(a.code).localeCompare(String(b.code)))).toEqual([
      expect.objectContaining({ name: '匯入麵店', type: 'restaurant', paymentTerms: 'monthly', phones: ['(02)2999-1234'], location: DISTRICT_CENTRES.新北市.三重區 }),
      expect.objectContaining({ name: '匯入住戶', type: 'household', address: expect.objectContaining({ number: '200', floor: '5之1' }), locationPrecision: 'district' }),
    ]);

    // The list goes out in the import's own columns: the imported customers come back as rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-customers').click()]);
    expect(download.suggestedFilename()).toMatch(/^客戶名單-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = readFileSync(await download.path());
    expect([...exported.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = exported.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('客戶編號,客戶名稱,聯絡人,電話,地址,類型,付款方式,統一編號,發票抬頭,愛心碼,配送時段,公休日,無電梯樓層,鋼瓶,自動配送,備註,緯度,經度');
    expect(lines.find((l) => l.includes('匯入麵店'))).toMatch(/^C\d{5},匯入麵店,,\(02\)2999-1234,新北市三重區重新路三段100號,餐廳,月結,/);
    await page.context().close();
  }, 90_000);

  it('office logs a complaint in the customer drawer: the API\'s note message beside the field, then listed newest first', async () => {
    // From a customer without complaints: the portal step may have sent feedback for this one.
    const earlier = await stack.container.db.collection('complaints').where('customerId', '==', CUSTOMER_ID).get();
    await Promise.all(earlier.docs.map((d) => d.ref.delete()));
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    const openDrawer = () => page.locator('[data-test=customers-table] .el-table__row', { hasText: '陳記自助餐' }).click({ timeout: 20_000 });
    await openDrawer();
    const complaints = page.getByTestId('customer-drawer').getByTestId('customer-complaints');
    await complaints.getByTestId('complaints-empty').waitFor({ timeout: 20_000 });
    // The drawer leads to this customer's statement too.
    await expect(page.getByTestId('drawer-statement').getAttribute('href')).resolves.toBe(`/office/customers/${CUSTOMER_ID}/statement`);
    await complaints.getByTestId('complaint-category').click();
    await page.getByRole('option', { name: '瓦斯品質', exact: true }).click();

    // A blank note passes the form; the API refuses it and its message lands beside the note.
    await complaints.getByTestId('complaint-note').fill('   ');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/customers/${CUSTOMER_ID}/complaints`));
    await complaints.getByTestId('record-complaint').click();
    const answer = await refused;
    expect(answer.status()).toBe(400);
    const { error } = (await answer.json()) as { error: { fields: { path: string; message: string }[] } };
    const noteMessage = error.fields.find((f) => f.path === 'body.note')?.message ?? 'missing message';
    expect(noteMessage).toMatch(/[\u3400-\u9fff]/);
    await complaints.locator('.el-form-item', { has: page.getByTestId('complaint-note') }).locator('.el-form-item__error').getByText(noteMessage).waitFor();

    await complaints.getByTestId('complaint-note').fill('瓦斯燃燒時有異味，火焰偏紅');
    await complaints.getByTestId('record-complaint').click();
    const first = complaints.getByTestId('complaint-item').first();
    await first.getByText('瓦斯燃燒時有異味，火焰偏紅').waitFor({ timeout: 20_000 });
    await expect(first.textContent()).resolves.toContain('瓦斯品質');
    await expect(first.textContent()).resolves.toContain(taipeiDate().replaceAll('-', '/'));
    await expect(complaints.getByTestId('complaint-item').count()).resolves.toBe(1);
    // The form is blank again for the next one, with no message of its own about the emptied fields
    // (the select would validate its emptied value a moment later: give it that moment).
    await expect(complaints.getByTestId('complaint-note').inputValue()).resolves.toBe('');
    await page.waitForTimeout(500);
    await expect(complaints.locator('.el-form-item.is-error').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-office-complaints.png'), animations: 'disabled' });

    // A second one goes on top, and reopening the drawer reads both back from the API in that order.
    await complaints.getByTestId('complaint-category').click();
    await page.getByRole('option', { name: '配送延誤', exact: true }).click();
    await complaints.getByTestId('complaint-note').fill('約好上午送達，下午三點才到');
    await complaints.getByTestId('record-complaint').click();
    await first.getByText('約好上午送達，下午三點才到').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await complaints.waitFor({ state: 'detached' });
    await openDrawer();
    await complaints.getByTestId('complaint-item').nth(1).getByText('瓦斯燃燒時有異味，火焰偏紅').waitFor({ timeout: 20_000 });
    await expect(complaints.getByTestId('complaint-item').allTextContents()).resolves.toEqual([
      expect.stringContaining('配送延誤'),
      expect.stringContaining('瓦斯品質'),
    ]);

    // Closing the newest with what was done: it shows 已結案 and the resolution; the other stays open.
    await complaints.getByTestId('complaint-item').first().getByTestId('resolve-complaint').click();
    await page.locator('.el-message-box__input input').fill('已致電道歉，明早優先配送');
    await page.locator('.el-message-box').getByRole('button', { name: '結案' }).click();
    await first.getByTestId('complaint-resolution').getByText('處理方式：已致電道歉，明早優先配送').waitFor({ timeout: 20_000 });
    await expect(first.getByTestId('complaint-status').textContent()).resolves.toContain('已結案');
    await expect(complaints.getByTestId('complaint-item').nth(1).getByTestId('complaint-status').textContent()).resolves.toContain('處理中');
    await page.context().close();
  }, 90_000);

  it('plans tomorrow: optimisation with live progress, draft routes named by depot, a route’s 派車單 (stops, load, printed alone), publish refused for an order moved meanwhile, then publish', async () => {
    // The demo fleet, customers and tomorrow's orders (not the year of history: it is not needed here), as they stand
    // at 19:30, the day's calls taken and the evening plan (20:00) still to make.
    const world = generateDemoWorld({ today: taipeiDate(), now: taipeiInstant(taipeiDate(), '19:30') });
    const tomorrow = addDays(taipeiDate(), 1);
    const db = stack.container.db;
    // In batches, as the demo seed writes: hundreds of single writes at once outlasted the 60 s deadline on a loaded CI.
    await writeDocuments(db, [
      ...world.depots.map((d) => ({ path: `depots/${d.id}`, data: d })),
      ...world.vehicles.map((v) => ({ path: `vehicles/${v.id}`, data: v })),
      ...world.drivers.map((d) => ({ path: `drivers/${d.id}`, data: d })),
      ...world.customers.map((c) => ({ path: `customers/${c.id}`, data: c })),
      ...world.upcomingOrders.filter((o) => o.requestedDate === tomorrow).map((o) => ({ path: `orders/${o.id}`, data: o })),
    ]);
    const depot = world.depots.find((d) => d.id === 'depot-zhonghe') ?? world.depots[0];
    if (!depot) throw new Error('the demo world has no depot');
    // An order no truck can carry, at the depot's door: the plan leaves it out and says why.
    const tooBig = db.collection('orders').doc('ord-route-too-big');
    await tooBig.set({
      ...anOrder().withId(tooBig.id).build(),
      customerName: '大量訂購行',
      requestedDate: tomorrow,
      status: 'confirmed',
      location: depot.location,
      items: [{ size: 20, quantity: 500, unitPrice: 850, subtotal: 425_000 }],
    });

    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/routes`);
    await page.locator('[data-test=depot] input').click();
    await page.getByRole('option', { name: depot.name }).click();
    await page.locator('[data-test=time-limit] input').fill('5');
    // The admin is planning the same depot and day (their job running, its heartbeat fresh): the office is told who and
    // since when and follows that plan instead of starting a second one; once it has stopped, the office's plan starts.
    const startedAt = new Date();
    const rival = db.collection('optimizationJobs').doc('opt-rival');
    const request = { date: tomorrow, depotId: depot.id, orderIds: [tooBig.id], timeLimitSeconds: 30 };
    const rivalJob = { id: rival.id, status: 'running', request, createdBy: { uid: 'u-admin', role: 'admin' }, createdAt: startedAt.toISOString(), updatedAt: new Date().toISOString(), heartbeatAt: new Date().toISOString(), attempt: 1, version: 1 };
    await rival.set(rivalJob);
    await db.collection('planLocks').doc(`${depot.id}_${tomorrow}`).set({ id: `${depot.id}_${tomorrow}`, depotId: depot.id, date: tomorrow, jobId: rival.id, startedBy: { uid: 'u-admin', role: 'admin', name: '李經理' }, startedAt: startedAt.toISOString(), version: 1 });
    await page.getByTestId('optimize').click();
    const since = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(startedAt);
    await page.getByTestId('following-plan').getByText(`李經理 已於 ${since} 開始排此營業所這一天的路線`, { exact: false }).waitFor({ timeout: 20_000 });
    await page.getByTestId('optimization-progress').getByText('計算中').waitFor({ timeout: 20_000 });
    await rival.update({ status: 'cancelled', finishedAt: new Date().toISOString() });
    await page.getByTestId('optimization-progress').getByText('已取消').waitFor({ timeout: 20_000 });
    await page.getByTestId('optimize').click();
    await page.getByTestId('following-plan').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('optimization-progress').getByText('完成').waitFor({ timeout: 90_000 });
    // Named by its customer, not its id, and why in words, not the planner's code.
    await page.getByTestId('left-out-orders').getByText('大量訂購行：超過每一輛車的載重或載量').waitFor({ timeout: 5_000 });
    // The test stack has no Maps key: the plan says it was made on straight lines.
    await page.getByTestId('travel-times').getByText('以直線距離估算（地圖服務未設定或無法連線）').waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-routes-planned.png'), fullPage: true });
    // The routes record which travel times they were timed with, so the note outlives the job's progress.
    await page.reload();
    await page.getByTestId('routes-travel-times').getByText('以直線距離估算（地圖服務未設定或無法連線）').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('optimization-progress').count()).toBe(0);
    // What the plan left out is still named after the reload, until the order no longer waits for a truck.
    await page.getByTestId('left-out-orders').getByText('大量訂購行：超過每一輛車的載重或載量').waitFor({ timeout: 20_000 });
    await tooBig.delete();
    await page.getByTestId('left-out-orders').waitFor({ state: 'detached', timeout: 20_000 });

    const draft = page.locator('.el-table__row', { hasText: '草稿' }).first();
    await draft.waitFor({ timeout: 20_000 });
    // Named for people: the depot and the route's number among its routes of the day, not the planner's id.
    const label = (await draft.locator('td').first().textContent())?.trim() ?? '';
    expect(label).toMatch(new RegExp(`^${depot.name} \\d+$`));
    const planned = (await db.collection('routes').where('date', '==', tomorrow).where('depotId', '==', depot.id).get()).docs
      .map((d) => ({ ...(d.data() as DeliveryRoute & { driverId: string }), id: d.id }))
      .sort(byGivenOut);
    const route = planned[Number(label.split(' ').pop()) - 1];
    if (!route) throw new Error(`no route behind ${label}`);

    // Its 派車單: every stop in order with its customer, and the truck's load added up from the stops' orders.
    await draft.getByTestId('route-open').click();
    const sheet = page.getByTestId('route-sheet');
    await sheet.waitFor({ timeout: 20_000 });
    const ordersById = new Map(world.upcomingOrders.map((o) => [o.id, o]));
    const onRoute = [...route.stops].sort((a, b) => a.seq - b.seq).map((s) => ordersById.get(s.orderId));
    const rows = sheet.locator('[data-test=route-sheet-stop]');
    await expect(rows.count()).resolves.toBe(onRoute.length);
    // When the truck leaves and is back, in Taipei time, and a line before each further trip, where it reloads at the depot.
    const taipeiClock = (iso: string | undefined) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso ?? NaN));
    await expect(sheet.getByTestId('route-sheet-departs').textContent()).resolves.toBe(taipeiClock(route.startsAt));
    await expect(sheet.getByTestId('route-sheet-returns').textContent()).resolves.toBe(taipeiClock(route.endsAt));
    await expect(sheet.getByTestId('route-sheet-summary').textContent()).resolves.toContain(`出車${taipeiClock(route.startsAt)}`);
    // Each further trip's line says when the truck is back to reload and out again: the route stores every trip's times.
    const tripCount = new Set(route.stops.map((s) => s.trip)).size;
    expect(route.trips?.length).toBe(tripCount);
    expect([route.trips?.[0]?.departsAt, route.trips?.at(-1)?.returnsAt]).toEqual([route.startsAt, route.endsAt]);
    const reloads = (route.trips ?? []).slice(1).map((trip, k) => `第 ${k + 2} 趟：${taipeiClock(route.trips?.[k]?.returnsAt)} 回站裝貨，${taipeiClock(trip.departsAt)} 再出車`);
    await expect(sheet.getByTestId('route-sheet-trip').allTextContents()).resolves.toEqual(reloads);
    for (const [i, o] of onRoute.entries()) await expect(rows.nth(i).textContent()).resolves.toContain(o?.customerName ?? 'missing');
    const load = new Map<number, number>();
    for (const item of onRoute.flatMap((o) => o?.items ?? [])) load.set(item.size, (load.get(item.size) ?? 0) + item.quantity);
    const loadText = [...load].sort(([a], [b]) => a - b).map(([size, n]) => `${size} 公斤 × ${n}`).join('、');
    await expect(sheet.getByTestId('route-sheet-load').textContent()).resolves.toBe(loadText);
    // On paper the sheet alone: no planner, no list of the day's routes, no buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('optimize').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('route-sheet-print').isVisible()).resolves.toBe(false);
    await expect(rows.first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'lg-office-route-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // An order moved to the day after once planned: publishing is refused, naming its customer and the day it moved
    // to (read, since that day's orders are not the page's), not only the API's message.
    const first = onRoute[0];
    if (!first) throw new Error(`${label} has no stops`);
    const dayAfter = addDays(tomorrow, 1);
    await db.collection('orders').doc(first.id).update({ requestedDate: dayAfter });
    await draft.getByRole('button', { name: '發布' }).click();
    const refused = page.getByTestId('publish-refused');
    await refused.getByText(`${first.customerName}：已改到 ${formatShortDate(dayAfter)}`).waitFor({ timeout: 20_000 });
    await expect(refused.textContent()).resolves.toContain(`${label}：路線中有訂單在規劃後已變更`);
    await page.screenshot({ path: join(SHOTS, 'lg-office-route-publish-refused.png'), fullPage: true });
    await db.collection('orders').doc(first.id).update({ requestedDate: tomorrow });
    // Its driver deactivated meanwhile: refused again, naming the driver and why instead of the generic message alone.
    const routeDriver = db.collection('drivers').doc(route.driverId);
    const routeDriverName = String((await routeDriver.get()).get('name'));
    await routeDriver.update({ active: false });
    await draft.getByRole('button', { name: '發布' }).click();
    await refused.getByText(`司機 ${routeDriverName} 已停用`, { exact: true }).waitFor({ timeout: 20_000 });
    await expect(refused.textContent()).resolves.toContain(`${label}：此司機或車輛無法負責這條路線，原因見明細。`);
    await routeDriver.update({ active: true });

    await draft.getByRole('button', { name: '發布' }).click();
    await page.locator('.el-table__row', { hasText: label }).getByText('已發布').waitFor({ timeout: 20_000 });
    await expect(refused.count()).resolves.toBe(0);
    expect((await db.collection('routes').doc(route.id).get()).data()?.status).toBe('published');
    await page.context().close();
  }, 180_000);

  it('admin: the menu fits a 1280–1366 px laptop in English and Chinese, the admin pages grouped under 管理, opened by mouse or keyboard', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    const menu = page.getByRole('menubar');
    for (const language of ['en', 'zh-TW']) {
      await page.evaluate((l) => localStorage.setItem('lg.locale', l), language);
      for (const width of [1366, 1280]) {
        await page.setViewportSize({ width, height: 768 });
        await page.reload();
        await menu.waitFor();
        // Every item in sight on one row: none scrolled away, wrapped to a second row or folded under Element Plus' "…".
        const fit = await menu.evaluate((m) => ({
          sideways: m.scrollWidth > m.clientWidth,
          rows: new Set([...m.children].map((item) => item.getBoundingClientRect().top)).size,
          ellipsis: m.querySelector('.el-sub-menu__hide-arrow') !== null,
          items: m.children.length,
        }));
        expect({ language, width, ...fit }).toEqual({ language, width, sideways: false, rows: 1, ellipsis: false, items: 14 });
      }
    }
    const group = page.getByTestId('nav-admin');
    const item = (name: string) => page.getByRole('menuitem', { name, exact: true });
    await expect(item('休息日').isVisible()).resolves.toBe(false);
    await group.click();
    await item('休息日').click();
    await page.waitForURL(/\/admin\/closures$/);
    // On an admin page the group shows as the active item.
    await expect(group.getAttribute('class')).resolves.toMatch(/\bis-active\b/);

    // From the keyboard: Enter opens the group on its first page, ↓ moves on, Enter follows; Escape closes it back on the group.
    await group.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === '帳號管理', undefined, { timeout: 5_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/prices$/);
    // At once, as a script does: within the 200 ms the list's tooltip takes to hide after the focus left it, OfficeLayout
    // waits before opening (reopened at once the list used to be hidden again in about one try in four). Escape pressed
    // during that wait cancels the open: it used to arrive afterwards and take the focus back into the list.
    const focusedItem = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    const groupState = () =>
      group.evaluate((g) => ({ expanded: g.getAttribute('aria-expanded'), focused: g === document.activeElement }));
    await group.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    await expect(groupState()).resolves.toEqual({ expanded: 'false', focused: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === '帳號管理', undefined, { timeout: 5_000 });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/users$/);
    await group.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === '帳號管理', undefined, { timeout: 5_000 });
    await page.waitForTimeout(500);
    await expect(item('帳號管理').isVisible()).resolves.toBe(true);
    await expect(focusedItem()).resolves.toBe('帳號管理');
    await page.keyboard.press('Escape');
    await expect(groupState()).resolves.toEqual({ expanded: 'false', focused: true });
    // Tab leaves the open group for the next control, closing it.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'alerts-open', undefined, { timeout: 5_000 });
    await expect(group.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.screenshot({ path: join(SHOTS, 'lg-admin-menu.png') });
    await context.close();
  }, 60_000);

  it('admin: creates a driver account linked to its driver, sets a price shown in NT$', async () => {
    const page = await newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await openAdminPage(page, '帳號管理');
    await page.waitForURL(/\/admin\/users$/);
    await page.locator('[data-test=users-table]').getByText('王小姐').waitFor({ timeout: 20_000 });

    await page.getByTestId('new-username').fill('driver9');
    await page.getByTestId('new-display-name').fill('張志明');
    await page.locator('[data-test=new-role]').click();
    await page.getByRole('option', { name: '司機', exact: true }).click();
    await page.locator('[data-test=new-driver]').click();
    await page.getByRole('option', { name: `張志明 (${NEW_DRIVER_ID})` }).click();
    // The API's field message lands beside the field it is about.
    await page.getByTestId('new-password').fill('short');
    await page.getByTestId('create-user').click();
    await page.locator('.el-form-item', { has: page.getByTestId('new-password') }).locator('.el-form-item__error').getByText(domainMessages['USER.PASSWORD_TOO_SHORT']?.['zh-TW'] ?? 'missing message').waitFor();
    await page.getByTestId('new-password').fill('a-long-enough-password');
    await page.getByTestId('create-user').click();
    const userRow = (username: string) => page.locator('[data-test=users-table] .el-table__row', { hasText: username });
    const row = userRow('driver9');
    // 連結對象 names the driver and the customer an account is for, not their ids.
    const linkCell = (username: string) => userRow(username).locator('td').nth(3);
    await linkCell('driver9').getByText('張志明', { exact: true }).waitFor({ timeout: 20_000 });
    expect((await stack.container.db.collection('users').doc('u-driver9').get()).data()).toMatchObject({ role: 'driver', driverId: NEW_DRIVER_ID, disabled: false });
    const customer = (await stack.container.db.collection('customers').doc(CUSTOMER_ID).get()).data() as { code: string; name: string };
    await linkCell('customer1').getByText(`${customer.code} ${customer.name}`, { exact: true }).waitFor({ timeout: 20_000 });
    await expect(page.locator('[data-test=users-table]').textContent()).resolves.not.toMatch(new RegExp(`${NEW_DRIVER_ID}|${CUSTOMER_ID}`));
    // The signed-in admin's own row offers no 停用: it would lock them out.
    await userRow('李經理').getByTestId('users-own').getByText('您的帳號').waitFor();
    await expect(userRow('李經理').getByRole('button', { name: '停用' }).count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-admin-users.png'), fullPage: true });

    // 停用 asks first: backing out leaves the account as it was, going on disables it and says so.
    const box = page.locator('.el-message-box');
    await page.getByTestId('users-toggle-driver9').click();
    await box.getByText('確定停用帳號「張志明」？').waitFor();
    await box.getByRole('button', { name: '取消' }).click();
    await box.waitFor({ state: 'hidden' });
    expect((await stack.container.db.collection('users').doc('u-driver9').get()).data()).toMatchObject({ disabled: false });
    await page.getByTestId('users-toggle-driver9').click();
    await box.getByRole('button', { name: '停用' }).click();
    await page.locator('.el-message--success').getByText('已停用帳號「張志明」').waitFor({ timeout: 20_000 });
    await row.getByText('已停用', { exact: true }).waitFor({ timeout: 20_000 });
    expect((await stack.container.db.collection('users').doc('u-driver9').get()).data()).toMatchObject({ disabled: true });
    // 啟用 takes one click: nothing is lost by it.
    await page.getByTestId('users-toggle-driver9').click();
    await page.locator('.el-message--success').getByText('已啟用帳號「張志明」').waitFor({ timeout: 20_000 });
    await row.getByText('啟用中', { exact: true }).waitFor({ timeout: 20_000 });

    // Today's 50 kg price: the entry and the price in force both show it.
    await page.goto(`${stack.url}/admin/prices`);
    await page.locator('h2.page-title', { hasText: '價格管理' }).waitFor();
    await page.locator('[data-test=price-size]').click();
    await page.getByRole('option', { name: '50 公斤', exact: true }).click();
    await page.locator('[data-test=price-amount] input').fill('2345');
    await page.getByTestId('add-price').click();
    await page.locator('[data-test=price-entries] .el-table__row', { hasText: 'NT$2,345' }).getByText('50 公斤').waitFor({ timeout: 20_000 });
    // Set by the admin, named as the team knows them (not by the account id).
    await page.locator('[data-test=price-entries] .el-table__row', { hasText: 'NT$2,345' }).getByText('李經理').waitFor({ timeout: 20_000 });
    await page.locator('[data-test=current-prices]').getByText('NT$2,345').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-admin-prices.png'), fullPage: true });
    await page.context().close();
  }, 90_000);

  it('admin: adds a truck to the fleet and sees it in the list, then sets a depot’s yard hours and same-day cut-off and a driver’s hourly cost', async () => {
    const db = stack.container.db;
    await db.collection('depots').doc('depot-smoke').set({ id: 'depot-smoke', name: '幸福氣 永和站', address: '新北市永和區中正路100號', location: { lat: 25.0085, lng: 121.5158 } });
    const page = await newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    await openAdminPage(page, '車隊管理');
    await page.waitForURL(/\/admin\/fleet$/);
    await page.getByTestId('new-vehicle').click();
    await page.getByTestId('vehicle-plate').fill('klz-3301');
    await page.locator('[data-test=vehicle-depot]').click();
    await page.getByRole('option', { name: '幸福氣 永和站', exact: true }).click();
    await page.locator('[data-test=vehicle-capacity] input').fill('1800');
    await page.getByTestId('save-vehicles').click();
    const row = page.locator('[data-test=vehicles-table] .el-table__row', { hasText: 'KLZ-3301' });
    await row.getByText('幸福氣 永和站').waitFor({ timeout: 20_000 });
    await row.getByText('使用中').waitFor();
    const stored = await db.collection('vehicles').where('plate', '==', 'KLZ-3301').get();
    expect(stored.docs.map((d) => d.data())).toEqual([expect.objectContaining({ capacityKg: 1800, depotId: 'depot-smoke', active: true, createdBy: 'u-admin' })]);
    await page.locator('.el-dialog').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(SHOTS, 'lg-admin-fleet.png'), fullPage: true });

    // The depot's yard hours bound every truck's day there (planning intersects them with the shifts).
    await page.getByRole('tab', { name: '站點' }).click();
    const depotRow = page.locator('[data-test=depots-table] .el-table__row', { hasText: '幸福氣 永和站' });
    await depotRow.getByText('依司機班表').waitFor({ timeout: 20_000 });
    await depotRow.getByRole('button', { name: '編輯' }).click();
    await page.locator('[data-test=depot-opens]').click();
    await page.getByRole('option', { name: '06:30', exact: true }).click();
    await page.locator('[data-test=depot-closes]').click();
    await page.getByRole('option', { name: '18:00', exact: true }).click();
    await page.getByTestId('save-depots').click();
    await depotRow.getByText('06:30–18:00').waitFor({ timeout: 20_000 });
    expect((await db.collection('depots').doc('depot-smoke').get()).get('hours')).toEqual({ start: '06:30', end: '18:00' });

    // 當日訂單截止: from then on the depot's customers cannot order for today in the portal.
    await depotRow.getByRole('button', { name: '編輯' }).click();
    await page.locator('[data-test=depot-same-day-cutoff]').click();
    await page.getByRole('option', { name: '15:00', exact: true }).click();
    await page.getByTestId('save-depots').click();
    await depotRow.getByText('15:00', { exact: true }).waitFor({ timeout: 20_000 });
    expect((await db.collection('depots').doc('depot-smoke').get()).data()).toMatchObject({ sameDayCutoff: '15:00', hours: { start: '06:30', end: '18:00' } });

    // Stops per truck a day bound the nightly suggestions put on a day; blank, the default the hint names.
    await depotRow.getByRole('button', { name: '編輯' }).click();
    await page.getByText('空白則以每車 20 站計').waitFor();
    await page.locator('[data-test=depot-stops-per-truck] input').fill('25');
    await page.getByTestId('save-depots').click();
    await page.locator('.el-dialog').waitFor({ state: 'hidden', timeout: 20_000 });
    expect((await db.collection('depots').doc('depot-smoke').get()).get('stopsPerTruck')).toBe(25);

    // A driver's hourly cost prices their truck's time in route planning; without one, the default.
    await page.getByRole('tab', { name: '司機' }).click();
    const driverRow = page.locator('[data-test=drivers-table] .el-table__row', { hasText: '張志明' });
    await driverRow.getByText('預設 NT$250').waitFor({ timeout: 20_000 });
    await driverRow.getByRole('button', { name: '編輯' }).click();
    await page.getByTestId('driver-hourly-cost-hint').getByText('路線規劃以此衡量司機的時間（含等候）與行駛里程；空白則以預設每小時 NT$250 計').waitFor();
    await page.locator('[data-test=driver-hourly-cost] input').fill('320');
    await page.getByTestId('save-drivers').click();
    await driverRow.getByText('NT$320', { exact: true }).waitFor({ timeout: 20_000 });
    expect((await db.collection('drivers').doc(NEW_DRIVER_ID).get()).get('hourlyCost')).toBe(320);
    await page.context().close();
  }, 90_000);

  it('admin: closes tomorrow and the day after (休息日), sees the orders already on them, and the order form then refuses those days', async () => {
    const db = stack.container.db;
    const [from, to] = [addDays(taipeiDate(), 1), addDays(taipeiDate(), 2)];
    await seedOrder('ord-closure', '林記麵店', { requestedDate: from, customerId: CUSTOMER_ID });
    // Taipei time in the browser too: the pickers' "this month" is the business's.
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    const pickRange = async () => {
      await page.getByPlaceholder('開始日期').click();
      for (const day of [from, to]) await rangePickerDay(page, day).click();
    };
    await login(page, stack.url, 'admin', /\/office$/);
    await openAdminPage(page, '休息日');
    await page.waitForURL(/\/admin\/closures$/);
    await page.getByTestId('closure-name').fill('盤點');
    await pickRange();
    await page.getByTestId('add-closure').click();
    const row = page.locator('[data-test=closures-table] .el-table__row', { hasText: '盤點' });
    await row.getByText(formatDateRange({ from, to })).waitFor({ timeout: 20_000 });
    await row.getByText('李經理').waitFor();
    // The order already on the first day is not moved: the admin is told it needs a new date.
    await page.locator('[data-test=closure-affected-orders]').getByText('林記麵店').waitFor();
    const stored = await db.collection('closures').where('from', '==', from).get();
    expect(stored.docs.map((d) => d.data())).toEqual([expect.objectContaining({ name: '盤點', from, to })]);
    await page.screenshot({ path: join(SHOTS, 'lg-admin-closures.png'), fullPage: true, animations: 'disabled' });
    // Moved after the closure in one go, once confirmed: the table says to which day.
    await page.getByTestId('move-after').click();
    await page.locator('.el-message-box').getByRole('button', { name: '移動訂單' }).click();
    const movedRow = page.locator('[data-test=closure-moved-orders] .el-table__row', { hasText: '林記麵店' });
    await movedRow.getByText(formatCalendarDate(addDays(to, 1))).waitFor({ timeout: 20_000 });
    expect((await db.collection('orders').doc('ord-closure').get()).get('requestedDate')).toBe(addDays(to, 1));
    await page.screenshot({ path: join(SHOTS, 'lg-admin-closures-moved.png'), fullPage: true, animations: 'disabled' });
    // An order taken on the closure's last day since: the closure's row moves it before the closure (today).
    await seedOrder('ord-closure-2', '大同麵店', { requestedDate: to, customerId: CUSTOMER_ID, status: 'confirmed' });
    await row.getByTestId('move-closure-orders').getByRole('button', { name: '移動訂單' }).click();
    await page.getByRole('menuitem', { name: '全部移到休息前' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '移動訂單' }).click();
    await page.locator('[data-test=closure-moved-orders] .el-table__row', { hasText: '大同麵店' }).getByText(formatCalendarDate(taipeiDate())).waitFor({ timeout: 20_000 });
    expect((await db.collection('orders').doc('ord-closure-2').get()).get('requestedDate')).toBe(taipeiDate());

    // The same days again: refused with the API's message.
    await page.getByTestId('closure-name').fill('春節');
    await pickRange();
    await page.getByTestId('add-closure').click();
    await page.getByTestId('closure-error').waitFor();

    // The order form starts on the first open day, greys out the closed ones and names the closure.
    await page.goto(`${stack.url}/office/orders/new`);
    await page.getByTestId('closure-hint').getByText(`盤點（${formatDateRange({ from, to }, 'zh-TW', false)}）不配送`).waitFor({ timeout: 20_000 });
    const dateInput = page.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await expect(dateInput.inputValue()).resolves.toBe(addDays(to, 1).replaceAll('-', '/'));
    await dateInput.click();
    const closedCells = page.locator('.el-date-picker td.disabled').filter({ hasText: new RegExp(`^\\s*${Number(from.slice(8))}\\s*$`) });
    await closedCells.first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-office-order-closed.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');

    // A closure added while the form is open: the API's refusal, and the date moved past the closure.
    const late = addDays(to, 1);
    await db.collection('closures').doc('cl-smoke-late').set({ id: 'cl-smoke-late', name: '臨時', from: late, to: late, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    await page.locator('[data-test=customer-picker] input').fill('陳記');
    await page.getByRole('option', { name: /陳記自助餐/ }).click();
    await page.locator('[data-test=qty-20] .el-input-number__increase').click();
    await page.getByTestId('create-order').click();
    const moved = formatShortDate(addDays(late, 1));
    await page.locator('.el-alert').getByText(`臨時（${formatDateRange({ from: late, to: late }, 'zh-TW', false)}）不配送，${formatShortDate(addDays(late, 1), 'zh-TW', false)} 起恢復配送，請選擇其他日期；如須當天送達，請勾選「仍要緊急配送」並說明原因；配送日期已改為 ${moved}`, { exact: false }).waitFor({ timeout: 20_000 });
    await page.getByTestId('closure-hint').getByText(`臨時（${formatDateRange({ from: late, to: late }, 'zh-TW', false)}）不配送`).waitFor({ timeout: 20_000 });
    await expect(dateInput.inputValue()).resolves.toBe(addDays(late, 1).replaceAll('-', '/'));
    // The field's own message went with the refused date: the moved one is open (waited for: the message fades out).
    await page.locator('.el-form-item', { hasText: '配送日期' }).locator('.el-form-item__error').waitFor({ state: 'detached', timeout: 5_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-order-business-closed.png'), animations: 'disabled' });
    await db.collection('closures').doc('cl-smoke-late').delete();

    // Removed again (after a confirm), the days are open for the steps and runs that follow.
    await page.goto(`${stack.url}/admin/closures`);
    await row.getByTestId('delete-closure').click();
    await page.locator('.el-message-box').getByRole('button', { name: '刪除' }).click();
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    expect((await db.collection('closures').where('from', '==', from).get()).size).toBe(0);
    await context.close();
  }, 90_000);

  it('office reads the cylinder stock (鋼瓶庫存) the API gives, with tomorrow’s shortfalls, and records a refill', async () => {
    const db = stack.container.db;
    // A stocktake sets 中和's 20 kg figures, whatever the driver's settlement moved earlier.
    await firestoreCylinderStockStore(db).apply({
      id: 'count-smoke',
      depotId: 'depot-zhonghe',
      by: { uid: 'u-admin', role: 'admin' },
      at: new Date(),
      detail: { kind: 'count', counted: [{ size: 20, full: 40, empty: 30 }], note: '' },
    });
    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    const answer = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/cylinder-stock');
    await page.goto(`${stack.url}/office/cylinders`);
    await page.locator('h2.page-title', { hasText: '鋼瓶庫存' }).waitFor();
    const stock = (await (await answer).json()) as {
      depots: { depotId: string; depotName: string; lines: { size: number; full: number; empty: number }[] }[];
      cover: { size: number; shortfall: number }[];
      atCustomers: { size: number; count: number; withoutDeposit: number }[];
    };
    expect(stock.depots.find((d) => d.depotId === 'depot-zhonghe')?.lines.find((l) => l.size === 20)).toEqual({ size: 20, full: 40, empty: 30 });
    const card = page.getByTestId('stock-depot-depot-zhonghe');
    await card.getByTestId('stock-full-20').getByText('40', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(card.getByTestId('stock-empty-20').textContent()).resolves.toBe('30');
    for (const line of stock.cover.filter((l) => l.shortfall > 0)) {
      await expect(page.getByTestId(`stock-shortfall-${line.size}`).textContent()).resolves.toBe(String(line.shortfall));
    }
    // The cylinders at customers (客戶端鋼瓶) are the active customers' records summed, shown beside the depots.
    const onSite = (await db.collection('customers').where('status', '==', 'active').select('cylindersOnSite').get()).docs.flatMap(
      (d) => (d.get('cylindersOnSite') ?? []) as { size: number; count: number }[],
    );
    const twenties = stock.atCustomers.find((l) => l.size === 20);
    expect(twenties?.count).toBe(onSite.filter((l) => l.size === 20).reduce((sum, l) => sum + l.count, 0));
    expect(twenties?.count).toBeGreaterThan(0);
    const atCustomers = page.getByTestId('stock-at-customers');
    for (const line of stock.atCustomers) {
      await expect(atCustomers.getByTestId(`stock-at-customers-${line.size}`).textContent()).resolves.toBe(String(line.count));
      await expect(atCustomers.getByTestId(`stock-without-deposit-${line.size}`).textContent()).resolves.toBe(String(line.withoutDeposit));
    }

    await card.getByTestId('stock-record-depot-zhonghe').click();
    const form = page.getByTestId('stock-form');
    await form.getByTestId('stock-a-20').locator('input').fill('30');
    await form.getByTestId('stock-b-20').locator('input').fill('28');
    await form.getByTestId('stock-note').fill('灌裝場 A');
    await page.getByTestId('stock-submit').click();
    await card.getByTestId('stock-full-20').getByText('68', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(card.getByTestId('stock-empty-20').textContent()).resolves.toBe('0');
    // The plant filled 28 of the 30 empties: the other 2 wait there (在分裝場), not gone from the books.
    await expect(card.getByTestId('stock-at-plant-20').textContent()).resolves.toBe('2');
    await page.getByTestId('stock-movements').getByText('灌裝場 A').waitFor({ timeout: 20_000 });
    // The driver's settlement earlier today moved the stock of its truck's depot, and names the driver as the office knows them.
    const settled = (await db.collectionGroup('movements').where('kind', '==', 'settlement').where('driverId', '==', DRIVER_ID).get()).docs[0];
    const settledDepot = stock.depots.find((d) => d.depotId === settled?.get('depotId'));
    expect(settledDepot).toBeDefined();
    await page.getByTestId('stock-movements-depot').getByText(settledDepot?.depotName ?? '', { exact: true }).click();
    const driverName = (await db.collection('drivers').doc(DRIVER_ID).get()).get('name') as string;
    await page.getByTestId('stock-movements').getByText(`司機日結（司機 ${driverName}，${formatCalendarDate(taipeiDate())}）`).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('stock-movements').textContent()).resolves.not.toContain(DRIVER_ID);
    const lines = (await db.collection('cylinderStock').doc('depot-zhonghe').get()).get('lines') as { size: number; full: number; empty: number }[];
    expect(lines.find((l) => l.size === 20)).toEqual({ size: 20, full: 68, empty: 0, atPlant: 2 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-cylinder-stock.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('office opens a customer’s statement (對帳單) for last month, prints it without the menu, downloads the CSV and records a payment (登記收款); the customer sees it in the portal', async () => {
    const db = stack.container.db;
    const customer = await firestoreCustomerStore(db).get(CUSTOMER_ID);
    const month = lastClosedMonth();
    const deliver = async (id: string, quantity: number, cashCollected: number, day: string) => {
      const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }] }).inStatus('delivered').build();
      const at = new Date(`${month}-${day}T03:00:00Z`).toISOString();
      await db.collection('orders').doc(id).set({ ...order, delivery: { at, delivered: order.items.map(({ size, quantity: q }) => ({ size, quantity: q })), emptiesCollected: [], cashCollected } });
    };
    await deliver('ord-stmt-1', 2, 0, '05');
    await deliver('ord-stmt-2', 1, 850, '20');
    // A payment entered wrongly, for the office to void (作廢).
    await db
      .collection('payments')
      .doc('pay-stmt-wrong')
      .set({ id: 'pay-stmt-wrong', customerId: CUSTOMER_ID, amount: 300, method: 'cash', receivedOn: `${month}-10`, note: '', status: 'received', by: { uid: 'u-office', role: 'office' }, at: new Date().toISOString() });

    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    // The demo world seeded by an earlier step has its own C00001: the row is this customer's code and name.
    await page.locator('.el-table__row', { hasText: customer.code }).filter({ hasText: customer.name }).getByTestId('customer-statement').click();
    await page.waitForURL(new RegExp(`/office/customers/${CUSTOMER_ID}/statement$`));
    const sheet = page.getByTestId('statement');
    await sheet.getByText(`${Number(month.slice(0, 4))} 年 ${Number(month.slice(5))} 月 對帳單`).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('statement-line').allTextContents()).resolves.toEqual([
      expect.stringContaining(`${formatCalendarDate(`${month}-05`)}ord-stmt-1`),
      expect.stringContaining(`${formatCalendarDate(`${month}-20`)}ord-stmt-2`),
    ]);
    await sheet.getByText('20 公斤 × 2，單價 NT$850，小計 NT$1,700').waitFor();
    await expect(page.getByTestId('statement-due').textContent()).resolves.toBe('NT$1,700');
    expect(await page.getByTestId('statement-open').count()).toBe(0);

    // Print: the browser's dialog (stubbed here), and on paper the statement without the menu or buttons.
    await page.evaluate(() => {
      window.print = () => void (document.body.dataset.printed = 'yes');
    });
    await page.getByTestId('statement-print').click();
    await expect(page.evaluate(() => document.body.dataset.printed)).resolves.toBe('yes');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.el-menu').first().isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('statement-csv').isVisible()).resolves.toBe(false);
    await expect(sheet.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'lg-office-statement-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The CSV for Excel: UTF-8 with a byte order mark, zh-TW headers, one row per item.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
    expect(download.suggestedFilename()).toBe(`對帳單-${customer.code}-${month}.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(rows).toContain('送達日期,訂單編號,規格,數量,單價,小計,訂單金額,付款方式,現場收現,發票號碼');
    expect(rows).toContain('本期應付,1700');

    // 作廢 asks for a reason and takes the payment out of the balance; the record stays, voided.
    const amountOf = async (testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d-]/g, ''));
    const opening = await amountOf('statement-opening');
    await expect(amountOf('statement-closing')).resolves.toBe(opening + 1700 - 300);
    await page.getByTestId('statement-payment').filter({ hasText: formatMoney(300) }).getByTestId('payment-void').click();
    const box = page.locator('.el-message-box');
    await box.locator('input').fill('重複登記');
    await box.getByRole('button', { name: '作廢' }).click();
    await page.getByTestId('statement-no-payments').waitFor({ timeout: 20_000 });
    const closingBefore = await amountOf('statement-closing');
    expect(closingBefore).toBe(opening + 1700);
    await expect(db.collection('payments').doc('pay-stmt-wrong').get().then((d) => d.data())).resolves.toMatchObject({ status: 'voided', voidReason: '重複登記', amount: 300 });

    // 登記收款: the amount starts at the closing balance; a transfer received on the 25th lowers it, and shows in the month's payments.
    await page.getByTestId('payment-record').click();
    const form = page.getByTestId('payment-form');
    await expect(form.getByTestId('payment-amount').locator('input').inputValue()).resolves.toBe(String(closingBefore));
    const received = form.locator('.el-form-item', { hasText: '收款日期' }).locator('input');
    await expect(received.inputValue()).resolves.toBe(taipeiDate().replaceAll('-', '/'));
    // More than is owed now (a zero too many) is said before it is saved: the extra would become a credit to pay back.
    await form.getByTestId('payment-amount').locator('input').fill('999999');
    await expect(form.getByTestId('payment-overpaid').textContent({ timeout: 20_000 })).resolves.toContain('多收的部分會成為溢收');
    await form.getByTestId('payment-amount').locator('input').fill('1000');
    await form.getByTestId('payment-overpaid').waitFor({ state: 'detached' });
    await received.fill(`${month}-25`.replaceAll('-', '/'));
    await received.press('Enter');
    await form.getByTestId('payment-reference').fill('54321');
    await page.getByTestId('payment-submit').click();
    await page.getByTestId('statement-payment').filter({ hasText: '54321' }).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('statement-payment').first().textContent()).resolves.toContain('轉帳');
    await expect(amountOf('statement-payments-total')).resolves.toBe(1000);
    await expect(amountOf('statement-closing')).resolves.toBe(closingBefore - 1000);
    await page.screenshot({ path: join(SHOTS, 'lg-office-statement-payment.png'), fullPage: true });

    // 應收帳款: the payment worked the customer's line out again at once (no nightly run here), with its day.
    await page.getByRole('menuitem', { name: '應收帳款' }).click();
    const line = page.locator('[data-test=receivables-table] .el-table__row', { hasText: '陳記自助餐' });
    await line.getByText(formatCalendarDate(`${month}-25`)).waitFor({ timeout: 20_000 });
    const stored = (await firestoreReceivableStore(db).list()).find((r) => r.customerId === CUSTOMER_ID);
    await expect(line.textContent()).resolves.toContain(formatMoney(stored?.balance ?? NaN));
    await page.screenshot({ path: join(SHOTS, 'lg-office-receivables.png'), fullPage: true });
    await page.context().close();

    const portal = await newPage();
    await login(portal, stack.url, 'customer1', /\/portal$/);
    await portal.getByRole('tab', { name: '我的對帳單' }).click();
    await portal.getByTestId('statement-line').nth(1).waitFor({ timeout: 20_000 });
    await expect(portal.getByTestId('statement-due').textContent()).resolves.toBe('NT$1,700');
    // Read-only for the customer: their payment and balance, nothing to record or void.
    await expect(portal.getByTestId('statement-payment').textContent()).resolves.toContain(formatMoney(1000));
    expect(await portal.getByTestId('payment-record').count()).toBe(0);
    expect(await portal.getByTestId('payment-void').count()).toBe(0);
    await portal.screenshot({ path: join(SHOTS, 'lg-portal-statement.png'), fullPage: true });
    await portal.context().close();
  }, 60_000);

  it('office collects a deposit (收押金) in the customer drawer: the held amount goes up, the record is listed, and that month’s statement shows it apart from the amount due', async () => {
    const db = stack.container.db;
    const id = 'cust-smoke-deposit';
    const customer = await firestoreCustomerStore(db).create(id, (code) =>
      aCustomer().withId(id).withCode(code).with({ name: '押金測試麵店', cylindersOnSite: [{ size: 20, count: 2, depositPaid: 1200 }] }).build(),
    );
    const month = lastClosedMonth();

    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.getByTestId('customer-search').fill('押金測試');
    await page.getByRole('button', { name: '搜尋' }).click();
    await page.locator('[data-test=customers-table] .el-table__row', { hasText: customer.name }).click({ timeout: 20_000 });
    const drawer = page.getByTestId('customer-drawer');
    await drawer.getByTestId('on-site-20').getByText('押金 NT$1,200').waitFor({ timeout: 20_000 });
    await drawer.getByTestId('without-deposit-20').getByText('1 支未收押金').waitFor({ timeout: 20_000 });
    await drawer.getByTestId('deposit-open').click();
    const form = page.getByTestId('deposit-form');
    // One more 20 kg cylinder at the standard deposit, taken in cash on the 15th of last month.
    await expect(form.getByTestId('deposit-amount').locator('input').inputValue()).resolves.toBe('1200');
    const day = form.locator('.el-form-item', { hasText: '日期' }).locator('input');
    await day.fill(`${month}-15`.replaceAll('-', '/'));
    await day.press('Enter');
    await form.getByTestId('deposit-note').fill('加一支 20 公斤');
    await page.getByTestId('deposit-submit').click();
    await drawer.getByTestId('on-site-20').getByText('押金 NT$2,400').waitFor({ timeout: 20_000 });
    // Both cylinders are covered now: the flag for the one without a deposit goes.
    await drawer.getByTestId('without-deposit-20').waitFor({ state: 'detached', timeout: 20_000 });
    await expect(drawer.getByTestId('deposit-record').first().textContent()).resolves.toContain(`收押金 20 公斤 × 1 +${formatMoney(1200)}`);
    const records = await db.collection('customers').doc(id).collection('deposits').get();
    expect(records.docs.map((d) => d.data())).toEqual([expect.objectContaining({ kind: 'collect', size: 20, count: 1, amount: 1200, receivedOn: `${month}-15`, by: '王小姐' })]);
    await page.screenshot({ path: join(SHOTS, 'lg-office-deposit.png'), fullPage: true });

    await page.goto(`${stack.url}/office/customers/${id}/statement`);
    const deposits = page.getByTestId('statement-deposits');
    await deposits.getByText('押金為代客戶保管的款項').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('statement-deposit').textContent()).resolves.toContain('加一支 20 公斤');
    await expect(page.getByTestId('statement-deposit-held').textContent()).resolves.toBe('NT$2,400');
    await expect(page.getByTestId('statement-due').textContent()).resolves.toBe('NT$0');
    await page.screenshot({ path: join(SHOTS, 'lg-office-statement-deposits.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('a customer reads their cylinders and deposits (我的鋼瓶與押金) in the portal, read-only, and the API refuses them another customer’s', async () => {
    const db = stack.container.db;
    const id = 'cust-smoke-portal-deposit';
    await firestoreCustomerStore(db).create(id, (code) =>
      aCustomer().withId(id).withCode(code).with({ name: '搬家前的小吃店', cylindersOnSite: [{ size: 50, count: 1, depositPaid: 0 }, { size: 20, count: 2, depositPaid: 2400 }] }).build(),
    );
    const deposits = db.collection('customers').doc(id).collection('deposits');
    const record = (n: number, kind: 'collect' | 'refund', count: number, amount: number, receivedOn: string) =>
      deposits.doc(`dep-portal-${n}`).set({ id: `dep-portal-${n}`, customerId: id, kind, size: 20, count, amount, method: 'cash', receivedOn, by: '王小姐', at: new Date().toISOString() });
    await record(1, 'collect', 3, 3600, addDays(taipeiDate(), -40));
    await record(2, 'refund', 1, 1200, addDays(taipeiDate(), -3));
    await seedUser(stack.container.db, 'customer-deposit', '搬家前的小吃店', { role: 'customer', customerId: id });

    const portal = await newPage();
    await login(portal, stack.url, 'customer-deposit', /\/portal$/);
    await portal.getByRole('tab', { name: '我的鋼瓶與押金' }).click();
    const section = portal.getByTestId('my-cylinders');
    const rows = section.locator('.el-table__row');
    await rows.first().waitFor({ timeout: 20_000 });
    await expect(rows.allTextContents()).resolves.toEqual(['20 公斤2NT$2,400', '50 公斤1NT$0']);
    await expect(section.getByTestId('my-deposit-total').textContent()).resolves.toBe('押金合計 NT$2,400');
    // Newest first: the refund three days ago, then the collection.
    await expect(section.getByTestId('my-deposit-record').allTextContents()).resolves.toEqual([
      expect.stringMatching(new RegExp(`^${formatCalendarDate(addDays(taipeiDate(), -3))} 退押金 20 公斤 × 1\\s*−NT\\$1,200$`)),
      expect.stringMatching(new RegExp(`^${formatCalendarDate(addDays(taipeiDate(), -40))} 收押金 20 公斤 × 3\\s*\\+NT\\$3,600$`)),
    ]);
    await section.getByTestId('my-deposit-hint').getByText('押金於鋼瓶退還時退還').waitFor();
    // Nothing to change: no deposit buttons for a customer.
    expect(await portal.getByTestId('deposit-open').count()).toBe(0);
    await portal.screenshot({ path: join(SHOTS, 'lg-portal-cylinders.png'), fullPage: true });

    // With the same session, another customer's record and deposits are "not found".
    const statusOf = (path: string) =>
      portal.evaluate(async (url) => {
        const { token } = JSON.parse(sessionStorage.getItem('lg.session') ?? '{}') as { token?: string };
        return (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;
      }, path);
    await expect(statusOf(`/api/customers/${id}/deposits`)).resolves.toBe(200);
    await expect(statusOf(`/api/customers/${CUSTOMER_ID}/deposits`)).resolves.toBe(404);
    await expect(statusOf(`/api/customers/${CUSTOMER_ID}`)).resolves.toBe(404);
    await portal.context().close();
  }, 60_000);

  it('office sends a customer whose bill is two months late a payment reminder (催款) from the receivables ledger, and the customer reads it in the portal', async () => {
    const db = stack.container.db;
    const late = aCustomer().withId('cust-smoke-late').withCode('C09901').with({ name: '遲繳小吃店', paymentTerms: 'monthly' }).build();
    await db.collection('customers').doc(late.id).set(late);
    const twoMonthsAgo = addDays(`${lastClosedMonth()}-01`, -1).slice(0, 7);
    const order = anOrder().withId('ord-smoke-late').forCustomer(late).with({ items: [{ size: 20, quantity: 2 }], paymentMethod: 'monthly' }).inStatus('delivered').build();
    await db.collection('orders').doc(order.id).set({ ...order, delivery: { at: `${twoMonthsAgo}-10T03:00:00.000Z`, delivered: order.items, emptiesCollected: [], cashCollected: 0 } });
    await seedUser(stack.container.db, 'customer-late', '遲繳小吃店', { role: 'customer', customerId: late.id });
    const store = firestoreReceivableStore(db);
    await store.save(await store.compute(late, new Date()));

    const page = await newPage();
    await login(page, stack.url, 'office', /\/office$/);
    const since = `${Number(twoMonthsAgo.slice(0, 4))} 年 ${Number(twoMonthsAgo.slice(5))} 月`;
    // Taking their next phone order, the clerk sees what is past due, to raise it on the call.
    await page.goto(`${stack.url}/office/orders/new`);
    await page.locator('[data-test=customer-picker] input').fill('遲繳');
    await page.getByRole('option', { name: /遲繳小吃店/ }).click();
    await expect(page.getByTestId('order-customer-overdue').textContent()).resolves.toContain(`此客戶有逾期帳款 ${formatMoney(order.total)}（最早為 ${since}帳款）`);
    // The customer list shows the balance, in red when part of it is past due.
    await page.goto(`${stack.url}/office/customers`);
    await page.getByTestId('customer-search').fill('遲繳');
    await page.getByTestId('customer-search').press('Enter');
    const listed = page.locator('[data-test=customers-table] .el-table__row', { hasText: '遲繳小吃店' }).getByTestId('customer-row-balance');
    await listed.waitFor({ timeout: 20_000 });
    await expect(listed.textContent()).resolves.toBe(formatMoney(order.total));
    await expect(listed.getAttribute('class')).resolves.toContain('overdue');
    await page.getByRole('menuitem', { name: '應收帳款' }).click();
    const row = page.locator('[data-test=receivables-table] .el-table__row', { hasText: '遲繳小吃店' });
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('receivable-remind').click();
    const box = page.locator('.el-message-box');
    await expect(box.textContent()).resolves.toContain(`目前逾期 ${formatMoney(order.total)}`);
    await box.getByRole('button', { name: '催款' }).click();
    await page.locator('.el-message', { hasText: '已以會員專區訊息傳送催款通知給「遲繳小吃店」' }).waitFor({ timeout: 20_000 });
    // The ledger read again shows it, on today's date.
    await row.getByTestId('receivable-last-reminder').filter({ hasText: `${formatShortDate(taipeiDate(), 'zh-TW', false)} ` }).waitFor({ timeout: 20_000 });
    await expect(row.getByTestId('receivable-last-reminder').textContent()).resolves.toMatch(/（手動）/);
    await page.screenshot({ path: join(SHOTS, 'lg-office-receivables-reminder.png'), fullPage: true });
    // The customer's 通知紀錄 in their drawer says what was sent, how, and that it went out.
    await page.goto(`${stack.url}/office/customers`);
    await page.getByTestId('customer-search').fill('遲繳');
    await page.getByTestId('customer-search').press('Enter');
    await page.locator('[data-test=customers-table] .el-table__row', { hasText: '遲繳小吃店' }).click({ timeout: 20_000 });
    await page.getByTestId('customer-messages-load').click();
    const sent = page.getByTestId('customer-messages').locator('.el-table__row').first();
    await sent.waitFor({ timeout: 20_000 });
    await expect(sent.textContent()).resolves.toMatch(/繳款提醒 · 會員專區.*已逾期未付.*已送出/);
    await page.context().close();

    const portal = await newPage();
    await login(portal, stack.url, 'customer-late', /\/portal$/);
    // The portal itself says what is past due, and takes them to that month's statement.
    await expect(portal.getByTestId('portal-overdue').textContent()).resolves.toContain(`您有逾期帳款 ${formatMoney(order.total)}（最早為 ${since}帳款）`);
    await portal.getByTestId('portal-overdue').getByRole('button', { name: '查看對帳單' }).click();
    await portal.getByTestId('statement').getByText(`${since} 月結對帳單`).waitFor({ timeout: 20_000 });
    // Without LINE or SMS the reminder waits in the portal's messages, unread until the tab is opened.
    await portal.getByRole('tab', { name: '訊息通知（1 則未讀）' }).click();
    const notice = portal.getByTestId('portal-notice').first();
    await expect(notice.textContent()).resolves.toContain(`已逾期未付（最早為 ${Number(twoMonthsAgo.slice(0, 4))} 年 ${Number(twoMonthsAgo.slice(5))} 月帳款`);
    await portal.getByRole('tab', { name: '訊息通知', exact: true }).waitFor({ timeout: 20_000 });
    const stored = await db.collection('notifications').where('customerId', '==', late.id).get();
    expect(stored.docs.map((d) => d.get('readAt') !== null)).toEqual([true]);
    await portal.screenshot({ path: join(SHOTS, 'lg-portal-notices.png'), fullPage: true });
    await portal.context().close();
  }, 60_000);
});

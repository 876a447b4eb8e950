import type { Browser } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { taipeiInstant } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatMoney } from '../src/lib/format';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import { closeBrowserStack, login, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of a driver's stop card: an order on account (月結) says nothing is collected at the door, and a stop
 * the driver could not deliver keeps its reason on the card. The reason picked goes as its code, so a driver working in
 * English and the office in Chinese each read it in their own language. A route of two trips heads each with when the
 * truck leaves the depot and is back, and its 派車單 says when the truck reloads between them. A stop the office cancels
 * while the driver has its 送達 open at the door closes it and says not to deliver (audit 12). A day called off (颱風停班停課)
 * says so on the phone, and to come back, as the office moves its stops away (audit 14). 開始配送 on the phone starts a
 * published route, its customers then told their gas is on its way (audit 30).
 */

const DRIVER = 'drv-stops';
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-driver-stops', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'driver7', 'Mr Chen', { role: 'driver', driverId: DRIVER });
  const order = { ...anOrder().withId('ord-monthly').onDriver(DRIVER).inStatus('scheduled').build(), paymentMethod: 'monthly' as const };
  await firestoreCustomerStore(db).create(order.customerId, (code) => aCustomer().withId(order.customerId).withCode(code).with({ name: '月結麵館', paymentTerms: 'monthly' }).build());
  await seedPublishedStop(db, { id: 'route-stops', date: taipeiDate(new Date()), depotId: 'depot-zhonghe', driverId: DRIVER }, order, { customerName: '月結麵館' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

const stored = async () => (await stack.container.db.collection('orders').doc('ord-monthly').get()).data();

it('a monthly stop reads as nothing to collect; failed, it keeps its reason, stored as a code each reader sees in their language, and the driver’s words beside it', async () => {
  const total = (await stored())?.['total'] as number;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript(() => localStorage.setItem('lg.locale', 'en'));
  const page = await context.newPage();
  await login(page, stack.url, 'driver7', /\/driver$/);
  const stop = page.getByTestId('stop').filter({ hasText: '月結麵館' });
  await expect(stop.getByTestId('stop-payment').textContent()).resolves.toBe(`Monthly account (collect no cash) · order total ${formatMoney(total)}`);

  await stop.getByTestId('fail').click();
  // No reason picked for the driver: a hurried confirm would record one nobody chose (audit 30 F6).
  await expect(page.getByTestId('fail-confirm').isDisabled()).resolves.toBe(true);
  await expect(page.locator('.el-dialog:visible .el-radio-button.is-active').count()).resolves.toBe(0);
  await page.getByTestId('fail-reason-no_one_home').click();
  await page.getByTestId('fail-words').fill('Dog at the gate, bell unanswered');
  await page.getByTestId('fail-confirm').click();
  await stop.getByTestId('stop-failure-reason').getByText('Not delivered: Nobody home').waitFor({ timeout: 20_000 });
  await expect(stored()).resolves.toMatchObject({ status: 'failed', failureReason: 'no_one_home', failureNote: 'Dog at the gate, bell unanswered' });
  await context.close();

  // The same stop in Chinese: the reason in Chinese, not in the words the driver's phone spoke.
  const zh = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
  await login(zh, stack.url, 'driver7', /\/driver$/);
  await zh.getByTestId('stop-failure-reason').getByText('未送達原因：無人在家').waitFor({ timeout: 20_000 });
  await zh.context().close();
}, 90_000);

it('heads each trip of the day with when the truck leaves the depot and is back (Taipei) and what to load for it; the 派車單 says when it reloads between them', async () => {
  const db = stack.container.db;
  const driverId = 'drv-trips';
  await seedUser(db, 'driver8', '林先生', { role: 'driver', driverId });
  const date = taipeiDate(new Date());
  const at = (hhmm: string) => taipeiInstant(date, hhmm);
  const route = { id: 'route-trips', date, depotId: 'depot-trips', driverId };
  const loads = [
    [
      { size: 50, quantity: 1 },
      { size: 20, quantity: 2 },
    ],
    [{ size: 16, quantity: 1 }],
  ];
  const orders = ['ord-trip-1', 'ord-trip-2'].map((id, i) => anOrder().withId(id).onDriver(driverId).inStatus('scheduled').with({ items: loads[i] }).build());
  for (const [i, o] of orders.entries()) await seedPublishedStop(db, route, o, { customerName: `第${i + 1}趟客戶` });
  const doc = db.collection('routes').doc(route.id);
  const [stop] = (await doc.get()).data()?.['stops'] as Record<string, unknown>[];
  await doc.update({
    stops: orders.map((o, i) => ({ ...stop, orderId: o.id, customerId: o.customerId, seq: i + 1, trip: i, eta: at(i === 0 ? '09:00' : '11:00') })),
    trips: [
      { departsAt: at('08:30'), returnsAt: at('10:05') },
      { departsAt: at('10:20'), returnsAt: at('12:10') },
    ],
    startsAt: at('08:30'),
    endsAt: at('12:10'),
  });
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
  await login(page, stack.url, 'driver8', /\/driver$/);
  await page.getByTestId('stop').filter({ hasText: '第2趟客戶' }).waitFor({ timeout: 20_000 });
  await expect(page.getByTestId('driver-trip').allTextContents()).resolves.toEqual(['第 1 趟：08:30 出車，約 10:05 回站', '第 2 趟：10:20 出車，約 12:10 回站'].map((text) => expect.stringContaining(text)));
  // What to load at the depot for each trip, smallest size first, which the cards leave the driver to add up (audit 30 F2).
  await expect(page.getByTestId('driver-trip-load').allTextContents()).resolves.toEqual(['裝車：20 公斤 × 2、50 公斤 × 1', '裝車：16 公斤 × 1']);
  await page.context().close();

  // The office's 派車單 of the same route: out and back for the day, and the reload between the trips with its times.
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  const office = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
  await login(office, stack.url, 'office', /\/office$/);
  await office.goto(`${stack.url}/office/routes?date=${date}`);
  await office.locator('.el-table__row', { hasText: 'depot-trips 1' }).getByTestId('route-open').click();
  const sheet = office.getByTestId('route-sheet');
  await expect(sheet.getByTestId('route-sheet-departs').textContent()).resolves.toBe('08:30');
  await expect(sheet.getByTestId('route-sheet-returns').textContent()).resolves.toBe('12:10');
  await expect(sheet.getByTestId('route-sheet-trip').allTextContents()).resolves.toEqual(['第 2 趟：10:05 回站裝貨，10:20 再出車']);
  await office.context().close();
}, 90_000);

it('開始配送 on a published route puts its orders out for delivery before any stop is made, and goes once the route has started (audit 30 F1)', async () => {
  const db = stack.container.db;
  const driverId = 'drv-start';
  await seedUser(db, 'driver4', '張先生', { role: 'driver', driverId });
  const order = anOrder().withId('ord-start').onDriver(driverId).inStatus('scheduled').build();
  await seedPublishedStop(db, { id: 'route-start', date: taipeiDate(new Date()), depotId: 'depot-zhonghe', driverId }, order, { customerName: '早班早餐店', version: 1 });
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await login(page, stack.url, 'driver4', /\/driver$/);
  const start = page.getByTestId('driver-start');
  await expect(start.innerText({ timeout: 20_000 })).resolves.toContain('這條路線 1 站的客戶會收到「配送中」通知與預計送達時間，辦公室也會看到您已出車。');
  const button = start.getByTestId('driver-start-route');
  // A thumb's target, like the stop's own buttons.
  expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(44);

  await button.click();
  await start.waitFor({ state: 'detached', timeout: 20_000 });
  await page.getByTestId('stop').filter({ hasText: '早班早餐店' }).getByText('配送中').waitFor({ timeout: 20_000 });
  expect((await db.collection('orders').doc(order.id).get()).get('status')).toBe('out_for_delivery');
  expect((await db.collection('routes').doc('route-start').get()).get('status')).toBe('in_progress');
  await page.context().close();
}, 90_000);

it('closes the 送達 of a stop the office cancels meanwhile and says not to deliver, instead of taking a delivery the API refuses', async () => {
  const db = stack.container.db;
  const driverId = 'drv-withdrawn';
  await seedUser(db, 'driver6', '王先生', { role: 'driver', driverId });
  const order = anOrder().withId('ord-withdrawn').onDriver(driverId).inStatus('scheduled').build();
  await seedPublishedStop(db, { id: 'route-withdrawn', date: taipeiDate(new Date()), depotId: 'depot-zhonghe', driverId }, order, { customerName: '改口小吃', version: 1 });
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await login(page, stack.url, 'driver6', /\/driver$/);
  await page.getByTestId('stop').filter({ hasText: '改口小吃' }).getByTestId('deliver').click();
  await page.getByTestId('deliver-confirm').waitFor();

  const cancelled = await apiClient(stack.url, stack.container)('POST', '/api/orders/ord-withdrawn/cancel', { as: 'office', body: { reason: '客戶來電取消' } });
  expect(cancelled.status).toBe(200);
  const notice = page.getByRole('dialog', { name: '這一站不用送了' });
  await notice.getByText('辦公室已取消「改口小吃」這一站，或已移出您的路線：請勿送達。若鋼瓶已經留下，請致電辦公室。').waitFor({ timeout: 20_000 });
  await page.getByTestId('deliver-confirm').waitFor({ state: 'hidden' });
  await notice.getByRole('button', { name: '知道了' }).click();
  await expect(page.getByTestId('stop').filter({ hasText: '改口小吃' }).count()).resolves.toBe(0);
  await page.context().close();
}, 90_000);

it('says the day is called off (颱風停班停課) and to come back once the office moves its stops off the closure, and no more once the day is reopened', async () => {
  const db = stack.container.db;
  const driverId = 'drv-typhoon';
  const today = taipeiDate(new Date());
  await seedUser(db, 'driver5', '陳先生', { role: 'driver', driverId });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const order = anOrder().withId('ord-typhoon').onDriver(driverId).inStatus('scheduled').with({ requestedDate: today }).build();
  await firestoreCustomerStore(db).create(order.customerId, (code) => aCustomer().withId(order.customerId).withCode(code).with({ name: '颱風天餐廳', closedDays: [] }).build());
  await seedPublishedStop(db, { id: 'route-typhoon', date: today, depotId: 'depot-zhonghe', driverId }, order, { customerName: '颱風天餐廳', version: 1 });
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await login(page, stack.url, 'driver5', /\/driver$/);
  await page.getByTestId('stop').filter({ hasText: '颱風天餐廳' }).waitFor({ timeout: 20_000 });
  await expect(page.getByTestId('driver-closed-today').count()).resolves.toBe(0);

  const call = apiClient(stack.url, stack.container);
  const closed = await call('POST', '/api/closures', { as: 'admin', body: { name: '颱風停班停課', from: today, to: today } });
  expect(closed.status).toBe(201);
  const moved = await call('POST', `/api/closures/${closed.body.closure.id}/move-orders`, { as: 'office', body: { direction: 'after' } });
  // The suite's other drivers' stops of today move too.
  expect(moved.body.moved.map((m: { id: string }) => m.id)).toContain('ord-typhoon');
  const notice = page.getByTestId('driver-closed-today');
  await notice.getByText('今天颱風停班停課，停止配送：未送達的站點請勿再送，請聯絡辦公室並返回站所，訂單由辦公室改期。').waitFor({ timeout: 20_000 });
  await expect(page.getByTestId('stop').count()).resolves.toBe(0);

  // Reopened meanwhile: the phone reads the days again when the driver looks at it.
  expect((await call('DELETE', `/api/closures/${closed.body.closure.id}`, { as: 'admin' })).status).toBe(204);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await notice.waitFor({ state: 'detached', timeout: 20_000 });
  await page.context().close();
}, 90_000);

it('a collection-only stop (回收空瓶) reads as the empties to take back with nothing to charge, and 送達 records them: off the customer, nothing billed', async () => {
  const db = stack.container.db;
  const driverId = 'drv-collect';
  const today = taipeiDate(new Date());
  await seedUser(db, 'driver9', '黃先生', { role: 'driver', driverId });
  const three16 = [{ size: 16, quantity: 3 }];
  const order = anOrder().withId('ord-collect').onDriver(driverId).inStatus('scheduled').with({ items: [], emptiesToCollect: three16, requestedDate: today }).build();
  await firestoreCustomerStore(db).create(order.customerId, (code) =>
    aCustomer().withId(order.customerId).withCode(code).with({ name: '搬走小吃', cylindersOnSite: [{ size: 16, count: 3, depositPaid: 0 }] }).build(),
  );
  await seedPublishedStop(db, { id: 'route-collect', date: today, depotId: 'depot-zhonghe', driverId }, order, { customerName: '搬走小吃', version: 1 });
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await login(page, stack.url, 'driver9', /\/driver$/);
  const stop = page.getByTestId('stop').filter({ hasText: '搬走小吃' });
  await expect(stop.getByTestId('stop-collection-only').locator('..').innerText({ timeout: 20_000 })).resolves.toBe('回收空瓶\n16 公斤 × 3');
  await expect(stop.getByTestId('stop-payment').count()).resolves.toBe(0);

  await stop.getByTestId('deliver').click();
  // The 送達 dialog says it is a collection: nothing to leave nor to take money for, only the empties to count.
  const dialog = page.getByRole('dialog', { name: '回收空瓶：搬走小吃' });
  await expect(dialog.getByTestId('deliver-collection-only').innerText()).resolves.toBe('只收回空瓶：不留瓶、不收錢。請點收回的空瓶數。');
  await expect(dialog.getByText('交付鋼瓶').count()).resolves.toBe(0);
  await expect(dialog.getByTestId('deliver-cash').count()).resolves.toBe(0);
  await expect(page.getByTestId('deliver-confirm').innerText()).resolves.toBe('確認已回收');
  await page.getByTestId('deliver-confirm').click();
  await stop.getByText('已送達').waitFor({ timeout: 30_000 });
  expect((await db.collection('orders').doc(order.id).get()).data()).toMatchObject({ items: [], total: 0, delivery: { delivered: [], emptiesCollected: three16, cashCollected: 0 } });
  expect((await db.collection('customers').doc(order.customerId).get()).get('cylindersOnSite')).toEqual([]);
  // 今日結算 counts it as a collection, not a delivery.
  await expect(page.getByTestId('driver-day-collected').innerText({ timeout: 20_000 })).resolves.toBe('回收空瓶 1 站');
  await expect(page.getByTestId('driver-day-settlement').innerText()).resolves.toContain('送達 0 站，失敗 0 站');
  await page.context().close();
}, 90_000);

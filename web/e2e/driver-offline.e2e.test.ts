import type { Browser } from 'playwright-core';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aRegisteredCylinder, anOrder } from '../../functions/src/domain/test-support';
import { firestoreEmulatorHost, type TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of the driver's app reopened without signal: the route and its orders come from the copy the phone
 * kept (Firestore's IndexedDB cache), not 「今天沒有已發布的路線」. Firestore and the API are cut off for the page
 * (the shell loads as the service worker would serve it, offline-shell.e2e covers that part). Without signal, a cylinder
 * at the route's depot past its 檢驗期限 is refused in the deliver dialog at once, by the deadline the phone was given.
 */

const DRIVER = 'drv-offline';
const DEPOT = 'depot-zhonghe';
/** At the route's depot, its deadline (2025-05-01) long past: loaded by mistake, it must not be left. */
const OVERDUE = aRegisteredCylinder('TW20-OFF001', { lastInspectedOn: '2020-05-01', location: { kind: 'depot', depotId: DEPOT } });
/** Inspected today: five years to go. */
const VALID = aRegisteredCylinder('TW20-OFF002', { lastInspectedOn: taipeiDate(new Date()), location: { kind: 'depot', depotId: DEPOT } });
const order = anOrder().withId('ord-offline').onDriver(DRIVER).inStatus('scheduled').build();
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-driver-offline', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'driver6', '吳司機', { role: 'driver', driverId: DRIVER });
  await seedPublishedStop(db, { id: 'route-offline', date: taipeiDate(new Date()), depotId: DEPOT, driverId: DRIVER }, order, { customerName: '山上小吃店' });
  for (const c of [OVERDUE, VALID]) await db.collection('cylinders').doc(c.serial).set(c);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

it("reopened without signal, the driver's app still lists the day's stops it had", async () => {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await login(page, stack.url, 'driver6', /\/driver$/);
  const stop = page.getByTestId('stop').filter({ hasText: '山上小吃店' });
  await stop.getByTestId('deliver').waitFor({ timeout: 20_000 });
  // Time for the cache to write what the listeners brought.
  await page.waitForTimeout(1_000);

  const firestore = firestoreEmulatorHost();
  await context.route(
    (url) => url.host === firestore || url.pathname.startsWith('/api/'),
    (route) => route.abort('internetdisconnected'),
  );
  await page.reload();
  await stop.getByTestId('deliver').waitFor({ timeout: 20_000 });
  await expect(page.getByText('今天沒有已發布的路線').count()).resolves.toBe(0);
  await context.close();
}, 90_000);

it('without signal, a cylinder past its 檢驗期限 is refused at the door at once, naming it and its deadline; a valid one queues as before', async () => {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const deadlines = page.waitForResponse((r) => r.url().endsWith('/cylinders-to-collect') && r.ok(), { timeout: 30_000 });
  await login(page, stack.url, 'driver6', /\/driver$/);
  const stop = page.getByTestId('stop').filter({ hasText: '山上小吃店' });
  await stop.getByTestId('deliver').waitFor({ timeout: 20_000 });
  await deadlines;

  await context.setOffline(true);
  await stop.getByTestId('deliver').click();
  const section = page.getByTestId('delivery-serials');
  await section.locator('.el-collapse-item__header').click();
  await section.getByTestId('serials-input-delivered').fill(OVERDUE.serial.toLowerCase());
  const refused = `鋼瓶 ${OVERDUE.serial} 檢驗期限 ${formatCalendarDate(OVERDUE.nextInspectionDue, 'zh-TW')} 已過，不可配送，請帶回送驗`;
  await expect(section.getByTestId('serials-overdue').textContent({ timeout: 5_000 })).resolves.toBe(refused);
  await expect(page.getByTestId('deliver-confirm').isDisabled()).resolves.toBe(true);

  await section.getByTestId('serials-input-delivered').fill(VALID.serial);
  await section.getByTestId('serials-overdue').waitFor({ state: 'detached' });
  await page.getByTestId('deliver-confirm').click();
  await expect(page.getByTestId('pending-uploads').textContent({ timeout: 10_000 })).resolves.toContain('待上傳 1 筆');
  await stop.getByText('待上傳').waitFor();

  // Back in signal, the queue uploads it and the register follows the delivery.
  await context.setOffline(false);
  await page.getByTestId('pending-uploads').waitFor({ state: 'detached', timeout: 30_000 });
  const at = async (serial: string) => (await stack.container.db.collection('cylinders').doc(serial).get()).get('location');
  await expect(at(VALID.serial)).resolves.toEqual({ kind: 'customer', customerId: order.customerId });
  await expect(at(OVERDUE.serial)).resolves.toEqual({ kind: 'depot', depotId: DEPOT });
  await context.close();
}, 120_000);

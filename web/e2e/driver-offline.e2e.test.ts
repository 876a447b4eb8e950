import type { Browser } from 'playwright-core';
import { taipeiDate } from '../../functions/src/domain/clock';
import { anOrder } from '../../functions/src/domain/test-support';
import { firestoreEmulatorHost, type TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of the driver's app reopened without signal: the route and its orders come from the copy the phone
 * kept (Firestore's IndexedDB cache), not 「今天沒有已發布的路線」. Firestore and the API are cut off for the page
 * (the shell loads as the service worker would serve it, offline-shell.e2e covers that part).
 */

const DRIVER = 'drv-offline';
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-driver-offline', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'driver6', '吳司機', { role: 'driver', driverId: DRIVER });
  const order = anOrder().withId('ord-offline').onDriver(DRIVER).inStatus('scheduled').build();
  await seedPublishedStop(db, { id: 'route-offline', date: taipeiDate(new Date()), depotId: 'depot-zhonghe', driverId: DRIVER }, order, { customerName: '山上小吃店' });
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

import type { Browser } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of the production build's service worker (web/public/sw.js): after one visit with signal, the driver's
 * app opens again with none — the server really gone, not an emulated offline switch, which Chromium does not apply to
 * a service worker's own fetches — while API calls are never answered from a cache. The Firebase config is, so a reload
 * out of reach can open the persisted Firebase session (production sign-in).
 */

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-offline-shell', subscriptions: [] }));
  await seedUser(stack.container.db, 'driver1', '林司機', { role: 'driver', driverId: 'drv-01' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

it('opens the driver app from the service worker’s cache once the server is gone, and answers no API call from it', async () => {
  if (!stack || !browser) throw new Error('the browser stack did not start');
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await login(page, stack.url, 'driver1', /\/driver$/);
  await page.getByTestId('share-location').waitFor();
  // Installed (the app shell cached under precache.json's version) and in control of the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  const cached = await page.evaluate(async () => {
    const manifest = (await (await fetch('/precache.json')).json()) as { files: string[] };
    const shells = (await caches.keys()).filter((key) => key.startsWith('lucky-gas-shell-'));
    const cache = shells.length === 1 ? await caches.open(shells[0] ?? '') : null;
    const missing = cache ? (await Promise.all(manifest.files.map(async (f) => ((await cache.match(f)) ? null : f)))).filter((f) => f !== null) : manifest.files;
    return { shells: shells.length, files: manifest.files.length, missing };
  });
  expect(cached).toEqual({ shells: 1, files: expect.any(Number), missing: [] });
  expect(cached.files).toBeGreaterThan(10);

  // The signal gone for real: nothing listens at the app's address any more.
  const { projectId } = stack;
  await stack.close();
  stack = undefined;
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await page.getByTestId('share-location').waitFor({ timeout: 20_000 });
  await expect(page.evaluate(() => fetch('/api/health').then(() => 'answered', () => 'refused'))).resolves.toBe('refused');
  const init = () => fetch('/__/firebase/init.json').then((r) => r.json() as Promise<{ projectId?: string }>, () => ({ projectId: 'refused' }));
  await expect(page.evaluate(init)).resolves.toMatchObject({ projectId });
  await context.close();
}, 120_000);

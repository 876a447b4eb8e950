import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { create as createQrCode } from 'qrcode';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from '../../functions/src/functions/test-support/planning-day';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from '../../functions/src/domain/routes/test-support/fleet-mother';
import { addYears } from '../../functions/src/domain/safety';
import type { TestStack } from '../../functions/src/local/test-support';
import { taipeiDate } from '../src/lib/format';
import { axeViolations, describeViolation, isBlocking } from './axe';
import { closeBrowserStack, launchChromium, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of the serial scanner (掃描) with a camera feed: Chromium's fake camera plays a video this test writes,
 * a cylinder label's QR code held still, and the driver scans it at the door. Chromium on desktop Linux has no
 * `BarcodeDetector`, so the code is read by the ZXing polyfill: its chunk and WebAssembly fetched from our own assets
 * only once 掃描 is pressed, compiled under the production CSP (a refusal fails the test, `browser.ts`). The serial lands
 * in the 交付實瓶 list once however long it is held there, the open dialog passes axe, and the delivery records the
 * cylinder at the customer as a typed serial would. When the WebAssembly does not come, or the site's camera permission
 * is denied, the dialog says which and the serials are typed instead.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const TODAY = taipeiDate();
const SERIAL = 'TW20-SCAN01';
const WIDTH = 640;
const HEIGHT = 480;
/** Pixels per QR module: the code fills about a third of the frame, as a label held a hand's width from the lens. */
const MODULE_PX = 8;
/** Chromium loops the file: a few identical frames are a label held still. */
const FRAMES = 5;

/**
 * A YUV4MPEG2 video of `text` as a QR code, black on white: 4:2:0, the luma plane the code, both chroma planes grey
 * (128), each frame after a bare `FRAME` line, as Chromium's `--use-file-for-fake-video-capture` reads it.
 */
function qrCodeVideo(text: string): Buffer {
  const { size, data } = createQrCode(text, { errorCorrectionLevel: 'M' }).modules;
  const side = size * MODULE_PX;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (data[Math.floor(y / MODULE_PX) * size + Math.floor(x / MODULE_PX)]) luma[(top + y) * WIDTH + left + x] = 0;
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: FRAMES }, () => frame)]);
}

const customer = aNearbyCustomer('cust-scan', 1, { name: '掃描測試麵店' });
const order = aConfirmedOrder('ord-scan', customer, TODAY, { items: [{ size: 20, quantity: 1 }], emptiesToCollect: [], paymentMethod: 'monthly' });
const route = aDraftRoute({ id: 'route-scan', date: TODAY, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: [{ order, customer }] });

let videoDir: string;
/** Chromium's fake camera playing the label's video. */
let cameraArgs: string[];
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  videoDir = mkdtempSync(join(tmpdir(), 'lg-serial-scan-'));
  const video = join(videoDir, 'label.y4m');
  writeFileSync(video, qrCodeVideo(SERIAL));
  cameraArgs = ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`];
  // This suite's browser says yes to the camera prompt, as a driver does the first time.
  ({ stack, browser } = await openBrowserStack({ suite: 'web-serial-scan', subscriptions: [] }, ['--use-fake-ui-for-media-stream', ...cameraArgs]));
  const db = stack.container.db;
  const call = apiClient(stack.url, stack.container);
  await seedPlanningDay(db, { ...planningDay(), date: TODAY, customers: [customer], orders: [order] });
  await db.collection('routes').doc(route.id).set({ ...route, version: 1 });
  await seedUser(db, 'driver1', '林司機', { role: 'driver', driverId: FLEET.drivers[0]!.id });
  expect((await call('POST', `/api/routes/${route.id}/publish`, { as: 'office' })).status).toBe(200);
  const registered = await call('POST', '/api/cylinders', {
    as: 'office',
    body: { depotId: DEPOT.id, cylinders: [{ serial: SERIAL, size: 20, factoryTestedOn: addYears(TODAY, -3) }] },
    key: randomUUID(),
  });
  expect(registered.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
  rmSync(videoDir, { recursive: true, force: true });
}, 60_000);

/** The WebAssembly files the browser asked for, page and service worker alike. */
const wasmRequested = (urls: readonly string[]) => urls.filter((u) => new URL(u).pathname.endsWith('.wasm'));

/** A driver's phone, signed in, the deliver dialog open at the stop with its 鋼瓶號碼 unfolded. */
async function deliverDialog(context: BrowserContext) {
  const page = await context.newPage();
  await login(page, stack.url, 'driver1', /\/driver$/);
  const stop = page.locator('[data-test=stop]', { hasText: customer.name });
  await stop.getByTestId('deliver').click({ timeout: 20_000 });
  const section = page.getByTestId('delivery-serials');
  await section.locator('.el-collapse-item__header').click();
  const scanner = page.locator('.el-dialog:visible', { has: page.getByTestId('scanner-read') });
  return { page, stop, section, scanner };
}

const PHONE = { locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const phone = () => browser.newContext(PHONE);

describe('serial scanner (掃描) with a camera', () => {
  it('says the scanner could not be loaded when its WebAssembly does not come (no signal), and the serials are typed instead', async () => {
    const context = await phone();
    await context.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
    const { page, section, scanner } = await deliverDialog(context);
    await section.getByTestId('serials-scan-delivered').click();
    await expect(scanner.getByTestId('scanner-failed').textContent({ timeout: 30_000 })).resolves.toContain('掃描程式無法載入');
    await scanner.getByTestId('scanner-done').click();
    await section.getByTestId('serials-input-delivered').fill(SERIAL.toLowerCase());
    await expect(section.textContent()).resolves.toContain('已填 1 支');
    await page.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click();
    await context.close();
  }, 120_000);

  it('says the camera was refused, and how to allow it, when the site may not use it; the serials are typed instead', async () => {
    // The same camera, in a Chromium that does not say yes to every prompt for it, and the site's camera permission
    // denied there: a driver who once answered 封鎖 to the prompt, so it never comes again.
    const refusing = await launchChromium(cameraArgs);
    try {
      const context = await refusing.newContext(PHONE);
      const { page, section, scanner } = await deliverDialog(context);
      const { targetInfo } = await (await context.newCDPSession(page)).send('Target.getTargetInfo');
      const cdp = await refusing.newBrowserCDPSession();
      await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting: 'denied', origin: stack.url, browserContextId: targetInfo.browserContextId });
      await section.getByTestId('serials-scan-delivered').click();
      await expect(scanner.getByTestId('scanner-failed').textContent({ timeout: 30_000 })).resolves.toContain('未獲准使用相機：請在瀏覽器的網站設定中允許相機');
      expect(await scanner.getByTestId('scanner-read').locator('li').count()).toBe(0);
      await scanner.getByTestId('scanner-done').click();
      await section.getByTestId('serials-input-delivered').fill(SERIAL);
      await expect(section.textContent()).resolves.toContain('已填 1 支');
    } finally {
      await refusing.close();
    }
  }, 120_000);

  it('driver scans a label held in front of the camera: the serial is added once, read by the polyfill from our own WebAssembly, the dialog passes axe, and the delivery records the cylinder', async () => {
    const context = await phone();
    const requested: string[] = [];
    context.on('request', (request) => requested.push(request.url()));
    const { page, stop, section, scanner } = await deliverDialog(context);
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    expect(wasmRequested(requested)).toEqual([]);
    // The service worker's precache list leaves the WebAssembly out: it keeps it once the scanner has fetched it.
    const precache = await page.evaluate(() => fetch('/precache.json').then((r) => r.json() as Promise<{ files: string[]; onDemand: string[] }>));
    expect(precache.files.filter((f) => f.endsWith('.wasm'))).toEqual([]);
    expect(precache.onDemand).toEqual([expect.stringMatching(/^\/assets\/zxing_reader-[\w-]+\.wasm$/)]);

    await section.getByTestId('serials-scan-delivered').click();
    const read = scanner.getByTestId('scanner-read').locator('li');
    await read.getByText(SERIAL, { exact: true }).waitFor({ timeout: 30_000 });
    // Still held there for eight more reads: listed, and handed to the list, once.
    await page.waitForTimeout(2_000);
    await expect(read.allTextContents()).resolves.toEqual([SERIAL]);
    await expect(scanner.getByTestId('scanner-done').textContent()).resolves.toContain('完成（1 支）');
    expect(await scanner.getByTestId('scanner-failed').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-driver-serial-scan.png') });

    const violations = await axeViolations(page, '.el-overlay-dialog:has([data-test="scanner-read"])');
    expect(violations.filter(isBlocking).map((v) => describeViolation(v, 'serial scanner'))).toEqual([]);

    // The one file, from our assets (never jsDelivr), asked for by the page and, under a service worker, by it too.
    expect([...new Set(wasmRequested(requested))]).toEqual([`${stack.url}${precache.onDemand[0]}`]);

    await scanner.getByTestId('scanner-done').click();
    await scanner.waitFor({ state: 'hidden' });
    await expect(section.getByTestId('serials-input-delivered').inputValue()).resolves.toBe(SERIAL);
    await expect(section.textContent()).resolves.toContain('已填 1 支');
    await page.getByTestId('deliver-confirm').click();
    await stop.getByText('已送達').waitFor({ timeout: 30_000 });
    const at = await eventually(async () => {
      const cylinder = (await stack.container.db.collection('cylinders').doc(SERIAL).get()).data();
      return cylinder?.location.kind === 'customer' ? cylinder.location : null;
    });
    expect(at).toEqual({ kind: 'customer', customerId: customer.id });
    await context.close();
  }, 120_000);
});

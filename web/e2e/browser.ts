import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { type Browser, type BrowserContext, chromium, type Locator, type Page, type Request, selectors } from 'playwright-core';
import { INVOICE_BOOKS } from '../../functions/src/adapters/invoicing/local-invoice-book';
import type { LocalMitakeServer } from '../../functions/src/adapters/notify/test-support/mitake-server';
import { SUBSCRIPTIONS } from '../../functions/src/adapters/pubsub/subscriptions';
import { taipeiDate } from '../../functions/src/domain/clock';
import { periodDocId } from '../../functions/src/domain/invoicing';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import { hashPassword } from '../../functions/src/domain/users';
import { SEND_CODES } from '../../functions/src/functions/send-codes';
import { startSmsGateway } from '../../functions/src/functions/test-support/sms-stack';
import { demoInvoiceBooks } from '../../functions/src/local/seed/invoice-books';
import { firestoreEmulatorHost, startTestStack, type TestStack, type TestStackOptions } from '../../functions/src/local/test-support';

/** What the browser tests share: the built SPA they serve and Debian's headless Chromium. */

const WEB = join(__dirname, '..');
export const DIST = join(WEB, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function isBuilt(): boolean {
  const index = join(DIST, 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'build'].map((p) => newestMtime(join(WEB, p)));
  return existsSync(index) && statSync(index).mtimeMs > Math.max(...sources);
}

// An empty directory: git does not list it, and creating it is atomic.
const BUILD_LOCK = join(WEB, '.e2e-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Builds the SPA unless web/dist is newer than every source it is built from. Browser suites may
 * start side by side in two workers: one builds while the other waits (Vite empties dist first).
 */
export function ensureBuilt(): void {
  if (isBuilt()) return;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed run would otherwise block every later one.
      const held = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    // The production build users get, whatever jest set NODE_ENV to ('test' would make Vite build for development:
    // Vue's development runtime and no service worker).
    if (!isBuilt()) execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: join(WEB, '..'), stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** What the pages of the browsers launched here were refused by the Content-Security-Policy, not yet reported. */
const cspViolations: string[] = [];

/**
 * Every page of `context` reports what the Content-Security-Policy refuses it (the `securitypolicyviolation` event,
 * from before the app's first script), so the production CSP the gateway serves is checked by every browser test.
 */
async function reportCspViolations(context: BrowserContext): Promise<void> {
  await context.exposeFunction('lgCspViolation', (violation: string) => void cspViolations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { lgCspViolation(violation: string): Promise<void> }).lgCspViolation;
      void report(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.href}:${e.lineNumber} on ${location.pathname}`);
    });
  });
}

/** Fails the test (or, for what came in after the last one, the suite) during which a page broke the CSP. */
function failOnCspViolations(): void {
  const seen = cspViolations.splice(0);
  if (seen.length > 0) throw new Error(`The Content-Security-Policy refused:\n${[...new Set(seen)].join('\n')}`);
}
afterEach(failOnCspViolations);
afterAll(failOnCspViolations);

/** What each context's pages have asked and not yet had answered in full (see `appRequestsAnswered`). */
const inFlight = new WeakMap<BrowserContext, Set<Request>>();

function trackRequests(context: BrowserContext): void {
  const pending = new Set<Request>();
  inFlight.set(context, pending);
  context.on('request', (request) => void pending.add(request));
  context.on('requestfinished', (request) => void pending.delete(request));
  context.on('requestfailed', (request) => void pending.delete(request));
}

/** What `page` asked of its own origin (the API, the app's files) and has not had answered in full yet. */
export function unansweredRequests(page: Page): Request[] {
  const pending = inFlight.get(page.context());
  if (!pending) throw new Error('unansweredRequests: the page is not from a browser launchChromium launched');
  const origin = new URL(page.url()).origin;
  return [...pending].filter((request) => new URL(request.url()).origin === origin);
}

/**
 * Until every request `page` sent to its own origin has been answered in full. A page whose read is still on its way
 * can look finished (the statement page's buttons wait disabled, nothing changing) until the answer lands; a Firestore
 * listener's channel, on the emulator's origin, never ends and is not waited for.
 */
export async function appRequestsAnswered(page: Page, timeoutMs = 30_000): Promise<void> {
  const context = page.context();
  const deadline = Date.now() + timeoutMs;
  for (let open = unansweredRequests(page); open.length > 0; open = unansweredRequests(page)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`Still unanswered after ${timeoutMs} ms: ${open.map((r) => `${r.method()} ${r.url()}`).join(', ')}`);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        context.off('requestfinished', done);
        context.off('requestfailed', done);
        resolve();
      };
      const timer = setTimeout(done, left);
      context.on('requestfinished', done);
      context.on('requestfailed', done);
    });
  }
}

/** Debian's headless Chromium; `extraArgs` are a suite's own switches (the serial scanner's fake camera). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
  // Every context the suites open (browser.newPage() opens one through newContext too) reports CSP violations, keeps
  // count of its requests in flight, and runs without the production build's service worker unless it asks for it
  // (offline-shell.e2e does): the worker would answer requests from its cache, past the test's network routes, and
  // download the whole app for every context.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext({ serviceWorkers: 'block', ...options });
    trackRequests(context);
    await reportCspViolations(context);
    return context;
  };
  return browser;
}

/**
 * A browser suite's world: a test stack serving the built SPA, and Chromium, with `data-test` as the test id attribute.
 * Fails with a clear message when run without the emulators (LG_SKIP_EMULATORS=1).
 */
export async function openBrowserStack(options: Omit<TestStackOptions, 'webDist'>, chromiumArgs: readonly string[] = []): Promise<{ stack: TestStack; browser: Browser }> {
  firestoreEmulatorHost();
  ensureBuilt();
  selectors.setTestIdAttribute('data-test');
  const stack = await startTestStack({ ...options, webDist: DIST });
  try {
    return { stack, browser: await launchChromium(chromiumArgs) };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

/** A browser suite whose text messages, the texted codes among them, go to a local server that speaks Mitake's SmSend (`mitake.sent`). */
export async function openBrowserStackWithSms(suite: string): Promise<{ stack: TestStack; browser: Browser; mitake: LocalMitakeServer }> {
  const { mitake, overrides } = await startSmsGateway();
  try {
    return { ...(await openBrowserStack({ suite, subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === SEND_CODES), overrides })), mitake };
  } catch (error) {
    await mitake.stop();
    throw error;
  }
}

/** Closes what `openBrowserStack` opened, as far as it got. */
export async function closeBrowserStack(stack: TestStack | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await stack?.close();
}

/** Every seeded account's password, as in the demo. */
export const PASSWORD = 'luckygas-demo';

/** An account that logs in with `PASSWORD`, with its role claims (`role`, `driverId`, `customerId`). */
export async function seedUser(db: Firestore, username: string, displayName: string, claims: Record<string, string>): Promise<void> {
  await db
    .collection('users')
    .doc(`u-${username}`)
    .set({ uid: `u-${username}`, username, displayName, passwordHash: await hashPassword(PASSWORD), disabled: false, ...claims });
}

/** The demo's 字軌 books around `today`, so a delivery in the browser tests gets its e-invoice as in the product. */
export async function seedInvoiceBooks(db: Firestore, today: string): Promise<void> {
  await Promise.all(demoInvoiceBooks(today).map((book) => db.collection(INVOICE_BOOKS).doc(periodDocId(book.period)).set(book)));
}

/**
 * The record of the customer `anOrder()` names, unless a test wrote one: every order in the product has its customer, and
 * confirming one reads it (停止供氣), so orders seeded from the builder need it too.
 */
export async function seedOrderBuilderCustomer(db: Firestore): Promise<void> {
  const customer = db.collection('customers').doc(anOrder().build().customerId);
  if (!(await customer.get()).exists) await customer.set(aCustomer().withId(customer.id).build());
}

/**
 * A scheduled order on a published one-stop route of `date`, as publishing leaves them: what the driver's page, the
 * board's drawer and the settlement read. `order` is stored with the route id, the day and `extra` on top.
 */
export async function seedPublishedStop(
  db: Firestore,
  route: { readonly id: string; readonly date: string; readonly depotId: string; readonly driverId: string },
  order: { readonly id: string; readonly customerId: string; readonly items: readonly { readonly size: number; readonly quantity: number }[] },
  extra: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const now = new Date().toISOString();
  await db.collection('orders').doc(order.id).set({ ...order, routeId: route.id, requestedDate: route.date, ...extra });
  const demand = order.items.map(({ size, quantity }) => ({ size, quantity }));
  await db.collection('routes').doc(route.id).set({
    ...route,
    vehicleId: 'veh-01',
    status: 'published',
    stops: [{ orderId: order.id, customerId: order.customerId, seq: 1, trip: 0, eta: now, lat: 25.0, lng: 121.5, serviceMin: 5, demand, windows: [], requiredSkills: [] }],
    distanceKm: 8.1,
    durationMin: 30,
    violations: [],
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
    version: 1,
  });
}

/** Opens an admin page from the office menu, where the admin's pages are grouped under 管理. */
export async function openAdminPage(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-admin').click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

/**
 * A day of an open Element Plus range picker with nothing chosen yet, which shows this (Taipei) month on the left and the
 * next on the right: `day` must fall in one of them. The browser context must run on Taipei time (`timezoneId`).
 */
export function rangePickerDay(page: Page, day: string): Locator {
  return page
    .locator(`.el-date-range-picker__content.${day.slice(0, 7) === taipeiDate(new Date()).slice(0, 7) ? 'is-left' : 'is-right'}`)
    .locator('td.available')
    .filter({ hasText: new RegExp(`^\\s*${Number(day.slice(8))}\\s*$`) });
}

/** Logs in through the login page and waits for the role's home page. */
export async function login(page: Page, baseUrl: string, username: string, home: RegExp, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(home);
}

/** A new zh-TW window signed in as the demo's office clerk, on the orders board; a laptop's size unless told. */
export async function officePage(browser: Browser, baseUrl: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport })).newPage();
  await login(page, baseUrl, 'office', /\/office$/);
  return page;
}

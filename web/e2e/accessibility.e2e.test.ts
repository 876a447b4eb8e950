import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoData } from '../../functions/src/local/seed';
import { isLunarHoliday } from '../../functions/src/local/seed/calendar-effects';
import type { TestStack } from '../../functions/src/local/test-support';
import { addDays, taipeiDate } from '../src/lib/format';
import { type AxeViolation, axeViolations, describeViolation, isBlocking, settled } from './axe';
import { closeBrowserStack, login, openBrowserStack, PASSWORD } from './browser';

/**
 * Accessibility of every screen: the built SPA on the demo data (`seedDemoData`), each role signed in in its own
 * browser context (office and admin at a desk, driver and customer on a 390×844 phone), every page the role has, each
 * tab of a page, the admin's menu group, the portal's 更多 sheet and the office's main dialogs and drawers, checked by
 * axe-core against the WCAG 2.0 / 2.1 A and AA rules and its best practices. A serious or critical WCAG violation fails
 * the suite, and so does any best-practice one (heading order, named table headers, one banner landmark…: none is left,
 * and none is to come back), named by rule, screen and element; every violation found, moderate and minor WCAG ones
 * included, is written to `lg-accessibility.json` in the screenshot directory.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * The day the demo is seeded for, at noon (the driver has stops done and stops still to deliver): today, unless the
 * demo is closed today for 春節 (no orders, no route), then the last open day before it.
 */
const lastOpenDay = (day: string): string => (isLunarHoliday(day) ? lastOpenDay(addDays(day, -1)) : day);
const DAY = lastOpenDay(taipeiDate());
const NOON = new Date(`${DAY}T12:00:00+08:00`);

/**
 * One screen to check: a path, then optionally a tab to open (Element Plus ids tabs `tab-<name>`), a portal section to
 * open from the phone's bar or its 更多 sheet (PortalNav: `portal-nav-<name>`), or a click.
 */
interface Screen {
  readonly name: string;
  readonly path: string;
  readonly tab?: string;
  readonly section?: string;
  /** Opens a dialog or drawer; `opened` is what appears. */
  readonly open?: { readonly click: string; readonly opened: string };
}

interface Violation extends AxeViolation {
  readonly screen: string;
}

const tabs = (name: string, path: string, names: readonly string[]): Screen[] => names.map((tab) => ({ name: `${name} · ${tab}`, path, tab }));

function officeScreens(statementOf: string, invoiceId: string): Screen[] {
  return [
    { name: 'orders board', path: '/office' },
    { name: 'order drawer', path: '/office', open: { click: '[data-test="board"] button.order', opened: '[data-test="order-drawer"]' } },
    { name: 'alerts drawer', path: '/office', open: { click: '[data-test="alerts-open"]', opened: '[data-test="alerts-drawer"]' } },
    { name: 'new order', path: '/office/orders/new' },
    { name: 'customers', path: '/office/customers' },
    { name: 'new customer dialog', path: '/office/customers', open: { click: '[data-test="new-customer"]', opened: '[data-test="customer-dialog"]' } },
    { name: 'customer drawer', path: '/office/customers', open: { click: '[data-test="customers-table"] tbody tr', opened: '[data-test="customer-drawer"]' } },
    { name: 'statement', path: `/office/customers/${encodeURIComponent(statementOf)}/statement` },
    { name: 'route planning', path: '/office/routes' },
    // The demo day's routes are on the road at noon: one opened to its map and 派車單.
    { name: 'route sheet', path: `/office/routes?date=${DAY}`, open: { click: '[data-test="route-open"]', opened: '[data-test="route-sheet"]' } },
    // The predictions page's panes have no names: Element Plus numbers them.
    ...tabs('predictions', '/office/predictions', ['0', '1', '2']),
    ...tabs('reports', '/office/reports', ['overview', 'settlement', 'settlementMonth', 'punctuality', 'weekly', 'monthly']),
    { name: 'receivables', path: '/office/receivables' },
    { name: 'payments journal', path: '/office/payments' },
    { name: 'invoices', path: '/office/invoices' },
    { name: 'invoice proof', path: `/office/invoices/${encodeURIComponent(invoiceId)}/print` },
    ...tabs('cylinders', '/office/cylinders', ['stock', 'register']),
    { name: 'safety inspections', path: '/office/safety' },
    { name: 'service calls', path: '/office/service-calls' },
    { name: 'announcements', path: '/office/announcements' },
    { name: 'new service call dialog', path: '/office/service-calls', open: { click: '[data-test="service-call-new"]', opened: '[data-test="service-call-dialog"]' } },
  ];
}

const ADMIN_SCREENS: Screen[] = [
  // The admin's pages are grouped in the menu, under 管理.
  { name: 'admin menu', path: '/office', open: { click: '[data-test="nav-admin"]', opened: '[data-test="nav-admin"] [role="menu"]' } },
  // Admins also see the MOF upload status on the invoices page.
  { name: 'invoices (admin)', path: '/office/invoices' },
  { name: 'accounts', path: '/admin/users' },
  { name: 'prices', path: '/admin/prices' },
  ...tabs('fleet', '/admin/fleet', ['vehicles', 'drivers', 'depots', 'overtimes']),
  { name: 'closed days', path: '/admin/closures' },
  { name: 'books closing', path: '/admin/books' },
  ...tabs('audit log', '/admin/audit-log', ['changes', 'signInFailures']),
];

const DRIVER_SCREENS: Screen[] = [
  { name: 'driver route', path: '/driver' },
  { name: 'deliver dialog', path: '/driver', open: { click: '[data-test="deliver"]', opened: '.el-dialog:visible' } },
];

const PORTAL_SCREENS: Screen[] = [
  ...['open', 'new', 'history', 'statement', 'invoices', 'cylinders', 'safety', 'notices', 'feedback'].map((section) => ({ name: `portal · ${section}`, path: '/portal', section })),
  { name: 'portal · more', path: '/portal', open: { click: '[data-test="portal-nav-more"]', opened: '[data-test="portal-nav-sheet"]' } },
];

let stack: TestStack;
let browser: Browser;
let statementOf: string;
let invoiceId: string;
const found: Violation[] = [];

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-accessibility', subscriptions: [] }));
  await seedDemoData(stack.container.db, { password: PASSWORD, now: NOON });
  const [customer1, invoice] = await Promise.all([
    stack.container.db.collection('users').doc('u-customer1').get(),
    stack.container.db.collection('invoices').limit(1).get(),
  ]);
  statementOf = String(customer1.get('customerId'));
  invoiceId = invoice.docs[0]?.id ?? '';
}, 240_000);

afterAll(async () => {
  writeFileSync(join(SHOTS, 'lg-accessibility.json'), `${JSON.stringify(found, null, 2)}\n`);
  await closeBrowserStack(stack, browser);
}, 60_000);

/** Runs axe on the page as it is and records what it finds under `screen`. */
async function audit(page: Page, screen: string): Promise<void> {
  found.push(...(await axeViolations(page)).map((v) => ({ screen, ...v })));
}

async function visit(page: Page, screen: Screen): Promise<void> {
  const url = `${stack.url}${screen.path}`;
  // The tabs or sections of a page are opened one after the other on it; anything else starts from the page afresh.
  if (!(screen.tab ?? screen.section) || page.url() !== url) {
    await page.goto(url);
    await settled(page);
  }
  if (screen.tab) {
    await page.locator(`#tab-${screen.tab}`).click();
    await settled(page);
  }
  if (screen.section) {
    const inBar = page.locator(`[data-test="portal-nav"] [data-test="portal-nav-${screen.section}"]`);
    if ((await inBar.count()) === 0) await page.locator('[data-test="portal-nav-more"]').click();
    await page.locator(`[data-test="portal-nav-${screen.section}"]:visible`).click();
    await page.locator(`#pane-${screen.section}`).waitFor();
    await settled(page);
  }
  if (screen.open) {
    await page.locator(screen.open.click).first().click();
    await page.locator(screen.open.opened).first().waitFor();
    await settled(page);
  }
  await audit(page, screen.name);
}

/** What fails the suite: the serious and critical violations and every best-practice one found on `screens`, one entry per rule and screen. */
function blocking(screens: readonly string[]): string[] {
  return found.filter((v) => screens.includes(v.screen) && isBlocking(v)).map((v) => describeViolation(v, v.screen));
}

/** A zh-TW browser living on DAY: its clock is set back to DAY's noon when that is not today (never ahead, or the session would expire). */
async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-TW', viewport });
  if (DAY !== taipeiDate()) {
    await context.clock.install({ time: NOON });
    await context.clock.resume();
  }
  return context;
}

/** Visits and audits every screen as `username`: the tab's title seen on each path, and what fails the suite there. */
async function checkScreens(
  username: string,
  home: RegExp,
  viewport: { width: number; height: number },
  screens: readonly Screen[],
): Promise<{ titles: Map<string, string>; violations: string[] }> {
  const page = await (await newContext(viewport)).newPage();
  await login(page, stack.url, username, home);
  const titles = new Map<string, string>();
  for (const screen of screens) {
    await visit(page, screen);
    // One title per page: its query (a day, a period) does not make it another page.
    titles.set(screen.path.split('?')[0] ?? screen.path, await page.title());
  }
  await page.screenshot({ path: join(SHOTS, `lg-accessibility-${username}.png`), fullPage: true });
  await page.context().close();
  return { titles, violations: blocking(screens.map((screen) => screen.name)) };
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it.concurrent('the login page in zh-TW and in English, the html lang and title following the language', async () => {
    const context = await newContext(DESK);
    const page = await context.newPage();
    await page.goto(`${stack.url}/login`);
    await settled(page);
    await audit(page, 'login');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-Hant-TW');
    await expect(page.title()).resolves.toBe('登入 – 幸福氣');

    await page.getByTestId('language').click();
    await page.getByRole('option', { name: 'English' }).click();
    await settled(page);
    await audit(page, 'login (en)');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await expect(page.title()).resolves.toBe('Sign in – Lucky Gas');
    // The language chosen is kept: a new visit starts in it, lang included.
    await page.reload();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await context.close();
    expect(blocking(['login', 'login (en)'])).toEqual([]);
  });

  it.concurrent('office: every page, tab, dialog and drawer', async () => {
    const { titles, violations } = await checkScreens('office', /\/office$/, DESK, officeScreens(statementOf, invoiceId));
    expect(violations).toEqual([]);
    // Each page names itself in the tab's title: no two paths share one.
    expect(new Set(titles.values()).size).toBe(titles.size);
    expect(titles.get('/office/customers')).toBe('客戶 – 幸福氣');
  }, 240_000);

  it.concurrent('admin: the admin pages', async () => {
    const { titles, violations } = await checkScreens('admin', /\/office$/, DESK, ADMIN_SCREENS);
    expect(violations).toEqual([]);
    expect(titles.get('/admin/fleet')).toBe('車隊管理 – 幸福氣');
  }, 240_000);

  it.concurrent('driver: the day’s route and the deliver dialog on a phone', async () => {
    const { titles, violations } = await checkScreens('driver1', /\/driver$/, PHONE, DRIVER_SCREENS);
    expect(violations).toEqual([]);
    expect(titles.get('/driver')).toBe('今日配送 – 幸福氣');
  }, 240_000);

  it.concurrent('customer: every tab of the portal on a phone', async () => {
    const { titles, violations } = await checkScreens('customer1', /\/portal$/, PHONE, PORTAL_SCREENS);
    expect(violations).toEqual([]);
    expect(titles.get('/portal')).toBe('我的瓦斯 – 幸福氣');
  }, 240_000);
});

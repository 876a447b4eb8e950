import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page, Route as RouteHandler } from 'playwright-core';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { OrderStatus } from '../../functions/src/domain/orders/status';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatDateRange } from '../src/lib/closures';
import { addDays, formatCalendarDate, formatShortDate, formatTime, taipeiDate } from '../src/lib/format';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openBrowserStack, seedOrderBuilderCustomer, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of the office's 訂單看板 on a real day's volume: the seven status columns in one row on a laptop, each
 * scrolling on its own while the page stays the window's height; the filter (part of a phone number, a customer's name,
 * live) and beside it 規格, 自動配送 and 緊急（已沒瓦斯）; 全部確認 on the pending cards shown, one refused because the order
 * was cancelled meanwhile; a stop its driver never reported marked 未送達 from the order drawer, then 重新安排 for another
 * day, each retried under its key after a call lost; a closure day's notice, which moves the closure's orders off it;
 * 標記未送達 and 重新安排 open while the driver's late upload or another clerk moves their order, told at once and no
 * longer offered; 延後 of the cards ticked (failed ones too), with a reason.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

let stack: TestStack;
let browser: Browser;

interface SeededOrder {
  readonly id: string;
  readonly customerName: string;
  readonly status?: OrderStatus;
  readonly fields?: Record<string, unknown>;
}

async function seedOrders(orders: readonly SeededOrder[]): Promise<void> {
  await seedOrderBuilderCustomer(stack.container.db);
  const batch = stack.container.db.batch();
  for (const { id, customerName, status = 'pending', fields = {} } of orders) {
    const order = anOrder().withId(id).inStatus(status).build();
    batch.set(stack.container.db.collection('orders').doc(id), { ...order, customerName, requestedDate: taipeiDate(), ...fields });
  }
  await batch.commit();
}

const statusOf = async (id: string): Promise<unknown> => (await stack.container.db.collection('orders').doc(id).get()).get('status');

/** A morning's confirmed orders: more than a laptop's column shows. */
const CONFIRMED = Array.from({ length: 30 }, (_, i) => ({
  id: `ord-conf-${String(i + 1).padStart(2, '0')}`,
  customerName: `板橋客戶 ${String(i + 1).padStart(2, '0')}`,
  status: 'confirmed' as const,
  fields: { district: '板橋區', phone: `02-2960-${String(1000 + i)}`, timeWindow: { start: '09:00', end: '12:00' } },
}));
const LONG_NAME = '新北市中和區景平路老字號手工水餃專賣店暨宴會餐廳';

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-board', subscriptions: [] }));
  await seedUser(stack.container.db, 'office', '王小姐', { role: 'office' });
  await seedOrders([
    ...CONFIRMED,
    {
      id: 'ord-long',
      customerName: LONG_NAME,
      fields: { items: [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }, { size: 16, quantity: 1, unitPrice: 690, subtotal: 690 }, { size: 50, quantity: 1, unitPrice: 2050, subtotal: 2050 }], total: 4440 },
    },
    { id: 'ord-wang', customerName: '王記牛肉麵', status: 'scheduled', fields: { phone: '0935-246-810', district: '永和區', address: '新北市永和區竹林路 12 號' } },
    { id: 'ord-delivered', customerName: '三重快炒', status: 'delivered', fields: { district: '三重區' } },
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function officeBoard(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width, height } });
  const page = await context.newPage();
  await login(page, stack.url, 'office', /\/office$/);
  await page.getByText('板橋客戶 30').waitFor({ timeout: 20_000 });
  return page;
}

const column = (page: Page, status: OrderStatus) => page.locator(`[data-test="board"] .column[data-status="${status}"]`);

/** Where the columns and the page's own scroll stand. */
function layout(page: Page) {
  return page.evaluate(() => {
    const columns = [...document.querySelectorAll('[data-test="board"] .column')].map((c) => c.getBoundingClientRect());
    const board = document.querySelector<HTMLElement>('[data-test="board"]');
    const root = document.documentElement;
    return {
      columns: columns.length,
      rows: new Set(columns.map((r) => Math.round(r.top))).size,
      narrowest: Math.min(...columns.map((r) => Math.round(r.width))),
      pageTaller: root.scrollHeight > root.clientHeight,
      pageWider: root.scrollWidth > root.clientWidth,
      boardWider: board ? board.scrollWidth > board.clientWidth : null,
    };
  });
}

describe('訂單看板 on a day of many orders', () => {
  it('shows the seven columns in one row on a laptop, the page the window’s height and each column scrolling on its own', async () => {
    const page = await officeBoard(1366, 768);
    for (const [width, height] of [[1366, 768], [1280, 800], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      const { narrowest, ...rest } = await layout(page);
      expect({ width, ...rest }).toEqual({ width, columns: 7, rows: 1, pageTaller: false, pageWider: false, boardWider: false });
      expect(narrowest).toBeGreaterThanOrEqual(170);
      await page.screenshot({ path: join(SHOTS, `lg-office-board-${width}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 768 });

    // 已確認 holds 30 cards: its list scrolls, its header (with the count) stays where it was.
    const confirmed = column(page, 'confirmed');
    await expect(confirmed.locator('.el-badge').textContent()).resolves.toContain('30');
    const list = confirmed.locator('.column-list');
    const headerTop = (await confirmed.locator('.el-card__header').boundingBox())?.y;
    /** Whether the last card lies inside the list's box, i.e. can be seen without scrolling it. */
    const lastInView = () =>
      list.evaluate((el) => {
        const [box, card] = [el.getBoundingClientRect(), el.lastElementChild?.getBoundingClientRect()];
        return card !== undefined && card.top >= box.top && card.bottom <= box.bottom;
      });
    await expect(lastInView()).resolves.toBe(false);
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(lastInView()).resolves.toBe(true);
    await expect(confirmed.locator('button.order').last().textContent()).resolves.toContain('板橋客戶 30');
    expect((await confirmed.locator('.el-card__header').boundingBox())?.y).toBe(headerTop);
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);

    // A long name and three sizes: cut with an ellipsis in the card, whole in its tooltip and its accessible name.
    const long = page.getByTestId('board').getByRole('button', { name: new RegExp(LONG_NAME) });
    const name = long.locator('strong');
    await expect(name.evaluate((el) => el.scrollWidth > el.clientWidth)).resolves.toBe(true);
    await expect(long.evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    await expect(long.getAttribute('title')).resolves.toBe(`${LONG_NAME} · 中和區 · 20 公斤 × 2、16 公斤 × 1、50 公斤 × 1 · NT$4,440`);
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-scrolled.png') });

    // A tablet: the board scrolls sideways, the page does not; each column 200 px wide (and its border).
    await page.setViewportSize({ width: 800, height: 1024 });
    await expect(layout(page)).resolves.toEqual({ columns: 7, rows: 1, narrowest: 202, pageTaller: false, pageWider: false, boardWider: true });
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-tablet.png') });
    await page.context().close();
  }, 120_000);

  it('filters the cards by part of a phone number or a name, live, and Esc clears it', async () => {
    const page = await officeBoard(1366, 768);
    const board = page.getByTestId('board');
    const count = page.getByTestId('board-count');
    const filter = page.getByRole('textbox', { name: '篩選訂單' });
    const cards = board.locator('button.order');
    await expect(count.textContent().then((s) => s?.trim())).resolves.toBe('共 33 筆');

    // As the caller reads it out, with other separators than the record's 0935-246-810.
    await filter.fill('246 81');
    await expect(count.textContent().then((s) => s?.trim())).resolves.toBe('顯示 1 / 共 33 筆');
    await expect(cards.count()).resolves.toBe(1);
    await expect(cards.first().textContent()).resolves.toContain('王記牛肉麵');
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-filtered.png') });

    // Part of a name; an order written while filtering appears when it matches, not otherwise.
    await filter.fill('水餃');
    await expect(count.textContent().then((s) => s?.trim())).resolves.toBe('顯示 1 / 共 33 筆');
    await expect(cards.first().textContent()).resolves.toContain(LONG_NAME);
    await seedOrders([
      { id: 'ord-live-match', customerName: '永和水餃館', fields: { district: '永和區' } },
      { id: 'ord-live-other', customerName: '蘆洲小吃', fields: { district: '蘆洲區' } },
    ]);
    await column(page, 'pending').getByText('永和水餃館').waitFor({ timeout: 20_000 });
    await expect(count.textContent().then((s) => s?.trim())).resolves.toBe('顯示 2 / 共 35 筆');
    await expect(board.getByText('蘆洲小吃').count()).resolves.toBe(0);

    await filter.press('Escape');
    await expect(filter.inputValue()).resolves.toBe('');
    await expect(count.textContent().then((s) => s?.trim())).resolves.toBe('共 35 筆');
    await expect(board.getByText('蘆洲小吃').isVisible()).resolves.toBe(true);

    // The clear button does the same.
    await filter.fill('三重');
    await expect(cards.count()).resolves.toBe(1);
    await page.locator('.el-input__clear').click();
    await expect(cards.count()).resolves.toBe(35);
    await page.context().close();
  }, 120_000);

  it('tags a restaurant’s card 餐廳 and finds the day’s cards by the customer type, so the office sees whom to serve first when fulls are short', async () => {
    // Delivered and cancelled: the closure test later moves the day's open orders and counts them.
    await seedOrders([
      { id: 'ord-type-restaurant', customerName: '晨光小吃', status: 'delivered', fields: { customerType: 'restaurant' } },
      { id: 'ord-type-household', customerName: '晨光住家', status: 'cancelled', fields: { customerType: 'household' } },
    ]);
    const page = await officeBoard(1366, 768);
    const board = page.getByTestId('board');
    await board.getByText('晨光住家').waitFor({ timeout: 20_000 });
    const filter = page.getByRole('textbox', { name: '篩選訂單' });
    const cards = board.locator('button.order');
    await filter.fill('晨光 餐廳');
    await expect(cards.allInnerTexts().then((texts) => texts.map((text) => text.split('\n')[0]))).resolves.toEqual(['晨光小吃']);
    await expect(cards.first().getByTestId('board-customer-type').innerText()).resolves.toBe('餐廳');
    await filter.fill('晨光 家庭');
    await expect(cards.allInnerTexts().then((texts) => texts.map((text) => text.split('\n')[0]))).resolves.toEqual(['晨光住家']);
    await expect(cards.first().getByTestId('board-customer-type').count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);

  it('narrows the cards to a size, to the customers on 自動配送 (live, as a customer is put on it) and to those out of gas (緊急), with the text', async () => {
    const db = stack.container.db;
    const customer = (id: string, autoDelivery: boolean) => db.collection('customers').doc(id).set({ ...aCustomer().withId(id).build(), autoDelivery });
    await Promise.all([customer('cust-facet-auto', true), customer('cust-facet-call', false)]);
    const line = (size: number, quantity = 1) => ({ size, quantity, unitPrice: 800, subtotal: 800 * quantity });
    // Delivered and cancelled, as the customer-type cards: the closure test later moves the day's open orders and counts them.
    await seedOrders([
      { id: 'ord-facet-1', customerName: '濱江自動 A', status: 'delivered', fields: { customerId: 'cust-facet-auto', items: [line(20, 2)], priority: 'normal' } },
      { id: 'ord-facet-2', customerName: '濱江急件 B', status: 'cancelled', fields: { customerId: 'cust-facet-call', items: [line(16)], priority: 'urgent' } },
      { id: 'ord-facet-3', customerName: '濱江自動急件 C', status: 'delivered', fields: { customerId: 'cust-facet-auto', items: [line(16), line(50)], priority: 'urgent' } },
      { id: 'ord-facet-4', customerName: '濱江來電 D', status: 'delivered', fields: { customerId: 'cust-facet-call', items: [line(20)], priority: 'normal' } },
    ]);
    const page = await officeBoard(1366, 768);
    const board = page.getByTestId('board');
    await board.getByText('濱江來電 D').waitFor({ timeout: 20_000 });
    const names = () => board.locator('button.order').allInnerTexts().then((texts) => texts.map((text) => text.split('\n')[0] ?? '').sort());
    const shownUntil = async (expected: string[]) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && JSON.stringify(await names()) !== JSON.stringify(expected)) await page.waitForTimeout(200);
      expect(await names()).toEqual(expected);
    };
    await page.getByRole('textbox', { name: '篩選訂單' }).fill('濱江');
    await shownUntil(['濱江來電 D', '濱江急件 B', '濱江自動 A', '濱江自動急件 C']);

    const size = page.getByTestId('board-filter-size');
    await size.click();
    await page.locator('.el-select-dropdown__item', { hasText: '16 公斤' }).click();
    await shownUntil(['濱江急件 B', '濱江自動急件 C']);
    await page.getByTestId('board-filter-auto').click();
    await shownUntil(['濱江自動急件 C']);
    await expect(page.getByTestId('board-count').innerText()).resolves.toMatch(/^顯示 1 \/ 共 \d+ 筆$/);
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-facets.png') });
    await size.hover();
    await size.locator('.el-select__clear').click();
    await shownUntil(['濱江自動 A', '濱江自動急件 C']);
    // Put on 自動配送 while the board is open: their cards join.
    await db.collection('customers').doc('cust-facet-call').update({ autoDelivery: true });
    await shownUntil(['濱江來電 D', '濱江急件 B', '濱江自動 A', '濱江自動急件 C']);
    await page.getByTestId('board-filter-out-of-gas').click();
    await shownUntil(['濱江急件 B', '濱江自動急件 C']);
    await page.getByTestId('board-filter-auto').click();
    await page.getByRole('textbox', { name: '篩選訂單' }).fill('');
    await expect(names().then((list) => list.filter((n) => n.startsWith('濱江')))).resolves.toEqual(['濱江急件 B', '濱江自動急件 C']);
    await page.context().close();
  }, 120_000);

  it('reads 自動配送 with one listener on the customers on it, however many customers the day has, and opens none as a new customer orders', async () => {
    const db = stack.container.db;
    // Its own day, far off: 40 customers are two listeners of 30 ids, as a 300-order day was ten.
    const day = addDays(taipeiDate(), 45);
    const ids = Array.from({ length: 41 }, (_, i) => String(i + 1).padStart(2, '0'));
    await Promise.all(ids.map((n, i) => db.collection('customers').doc(`cust-many-${n}`).set({ ...aCustomer().withId(`cust-many-${n}`).build(), autoDelivery: i % 10 === 0 })));
    const order = (n: string) => ({ id: `ord-many-${n}`, customerName: `汐止客戶 ${n}`, fields: { customerId: `cust-many-${n}`, requestedDate: day } });
    await seedOrders(ids.slice(0, 40).map(order));
    const page = await officeBoard(1366, 768);
    // The customers queries the page asks Firestore to listen to, by target: a target re-sent on a reconnect counts once.
    const customerTargets = new Set<number>();
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().includes('/google.firestore.v1.Firestore/Listen/channel')) return;
      for (const [key, value] of new URLSearchParams(request.postData() ?? '')) {
        if (!key.endsWith('__data__')) continue;
        const message = JSON.parse(value) as { addTarget?: { targetId: number; query?: { structuredQuery?: { from?: { collectionId: string }[] } } } };
        if (message.addTarget?.query?.structuredQuery?.from?.[0]?.collectionId === 'customers') customerTargets.add(message.addTarget.targetId);
      }
    });
    await page.goto(`${stack.url}/office?date=${day}`);
    const board = page.getByTestId('board');
    await board.getByText('汐止客戶 40').waitFor({ timeout: 20_000 });
    const names = () => board.locator('button.order').allInnerTexts().then((texts) => texts.map((text) => text.split('\n')[0] ?? '').sort());
    const shownUntil = async (expected: string[]) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && JSON.stringify(await names()) !== JSON.stringify(expected)) await page.waitForTimeout(200);
      expect(await names()).toEqual(expected);
    };
    await page.getByTestId('board-filter-auto').click();
    await shownUntil(['汐止客戶 01', '汐止客戶 11', '汐止客戶 21', '汐止客戶 31']);
    expect(customerTargets.size).toBe(1);
    // The 41st customer, on 自動配送, orders while the box is ticked: the card joins, no listener is opened again.
    await seedOrders([order('41')]);
    await shownUntil(['汐止客戶 01', '汐止客戶 11', '汐止客戶 21', '汐止客戶 31', '汐止客戶 41']);
    expect(customerTargets.size).toBe(1);
    await page.context().close();
  }, 120_000);

  it('confirms the pending cards shown in one go but the forecast’s suggestions, and names the one the API refused', async () => {
    const suggested = ['晨間建議 A', '晨間建議 B', '晨間建議 C', '晨間建議 D'].map((customerName, i) => ({ id: `ord-sugg-${i}`, customerName, fields: { district: '土城區' } }));
    // The nightly forecast's suggestion: nobody has ordered it yet, so it waits for a call, marked 建議.
    const forecast = { id: 'ord-sugg-forecast', customerName: '晨間建議 E', fields: { district: '土城區', source: 'forecast' } };
    await seedOrders([...suggested, forecast, { id: 'ord-sugg-other', customerName: '午後訂單', fields: { district: '土城區' } }]);
    const page = await officeBoard(1366, 768);
    const pending = column(page, 'pending');
    await pending.getByText('晨間建議 D').waitFor({ timeout: 20_000 });

    // Only the cards shown: the filter leaves 午後訂單 out.
    await page.getByRole('textbox', { name: '篩選訂單' }).fill('晨間建議');
    await expect(pending.locator('button.order').count()).resolves.toBe(5);
    await expect(pending.getByTestId('board-suggested').allInnerTexts()).resolves.toEqual(['建議']);
    await expect(pending.locator('button.order', { has: page.getByTestId('board-suggested') }).innerText()).resolves.toContain('晨間建議 E');
    await pending.getByTestId('board-confirm-all').click();
    const dialog = page.locator('.el-message-box');
    await expect(dialog.textContent()).resolves.toContain('確認目前顯示的 4 筆待確認訂單？ 系統建議的 1 筆不含在內');

    // Cancelled elsewhere while the dialog is open: its confirm call is refused.
    await stack.container.db.collection('orders').doc('ord-sugg-1').update({ status: 'cancelled', cancelReason: '客戶來電取消' });
    await column(page, 'cancelled').getByText('晨間建議 B').waitFor({ timeout: 20_000 });
    const confirmCalls: { url: string; key: string | undefined; body: unknown }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/orders\/.*confirm$/.test(request.url())) {
        confirmCalls.push({ url: new URL(request.url()).pathname, key: request.headers()['idempotency-key'], body: request.postDataJSON() });
      }
    });
    await dialog.getByRole('button', { name: '全部確認' }).click();

    const summary = page.getByTestId('board-confirm-summary');
    await summary.waitFor({ timeout: 30_000 });
    // The refusal says why: someone else cancelled it meanwhile.
    await expect(summary.innerText()).resolves.toBe('已確認 3 筆訂單\n未能確認 — 晨間建議 B：這張訂單目前是「已取消」，無法改為「已確認」');
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-confirm-all.png') });
    // One request for the four, under a key: the server confirms each, whatever becomes of the page meanwhile.
    expect(confirmCalls.map((c) => ({ ...c, body: [...(c.body as { ids: string[] }).ids].sort() }))).toEqual([
      { url: '/api/orders/confirm', key: expect.stringMatching(/^[0-9a-f-]{36}$/), body: ['ord-sugg-0', 'ord-sugg-1', 'ord-sugg-2', 'ord-sugg-3'] },
    ]);

    for (const id of ['ord-sugg-0', 'ord-sugg-2', 'ord-sugg-3']) await expect(statusOf(id)).resolves.toBe('confirmed');
    await expect(statusOf('ord-sugg-1')).resolves.toBe('cancelled');
    await expect(statusOf('ord-sugg-other')).resolves.toBe('pending');
    await expect(statusOf('ord-sugg-forecast')).resolves.toBe('pending');
    // The cards moved through the listener; with only the suggestion pending shown, the button goes.
    await column(page, 'confirmed').getByText('晨間建議 D').waitFor({ timeout: 20_000 });
    await expect(pending.locator('button.order').count()).resolves.toBe(1);
    await expect(pending.getByTestId('board-confirm-all').count()).resolves.toBe(0);
    // Its drawer says where it came from.
    await pending.getByText('晨間建議 E').click();
    await expect(page.getByTestId('order-source').innerText()).resolves.toBe('系統建議（客戶尚未訂購，請先致電確認）');
    await page.context().close();
  }, 120_000);

  it('延後: the cards ticked move to a later day with the reason picked, the others stay, the summary counts them and the timeline says why', async () => {
    const db = stack.container.db;
    await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
    await seedOrders([
      { id: 'ord-short-a', customerName: '缺氣小吃 A', status: 'confirmed', fields: { district: '蘆洲區' } },
      { id: 'ord-short-b', customerName: '缺氣住家 B', fields: { district: '蘆洲區' } },
      { id: 'ord-short-c', customerName: '缺氣餐廳 C', status: 'confirmed', fields: { district: '蘆洲區' } },
    ]);
    const page = await officeBoard(1366, 768);
    await page.getByRole('textbox', { name: '篩選訂單' }).fill('缺氣');
    await page.getByText('缺氣餐廳 C').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('board-reschedule').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-reschedule.png') });
    // The tick beside each open card, named for screen readers by the customer.
    for (const name of ['缺氣小吃 A', '缺氣住家 B']) await page.locator('.el-checkbox', { has: page.getByRole('checkbox', { name: `選取 ${name} 的訂單` }) }).click();
    await page.getByTestId('board-reschedule').click();

    const tomorrow = addDays(taipeiDate(), 1);
    const dialog = page.getByRole('dialog', { name: '延後 2 筆訂單' });
    // The first day after the orders' own, the reason most of a shortage's moves have.
    await expect(dialog.locator('.el-form-item', { hasText: '改到哪一天' }).locator('input').inputValue()).resolves.toBe(tomorrow.replaceAll('-', '/'));
    await expect(dialog.getByTestId('board-reschedule-reason').innerText()).resolves.toContain('分裝場供氣不足');
    await dialog.getByTestId('board-reschedule-submit').click();

    await expect(page.getByTestId('board-reschedule-summary').innerText()).resolves.toBe('已延後 2 筆訂單');
    // Off today's board by the listener; the one not ticked stays.
    await page.getByText('缺氣小吃 A').waitFor({ state: 'detached', timeout: 20_000 });
    await expect(page.locator('button.order').allInnerTexts().then((texts) => texts.map((text) => text.split('\n')[0]))).resolves.toEqual(['缺氣餐廳 C']);
    for (const id of ['ord-short-a', 'ord-short-b']) {
      const moved = (await db.collection('orders').doc(id).get()).data();
      expect(moved?.requestedDate).toBe(tomorrow);
      expect(moved?.timeline.at(-1)).toMatchObject({ reason: 'plant_shortage', rescheduled: { from: taipeiDate(), to: tomorrow } });
    }
    await expect(db.collection('orders').doc('ord-short-c').get().then((d) => d.get('requestedDate'))).resolves.toBe(taipeiDate());
    // On the new day, the drawer's timeline says when it moved from and why.
    await page.goto(`${stack.url}/office?date=${tomorrow}`);
    await page.getByText('缺氣小吃 A').click();
    await expect(page.getByTestId('timeline-moved').innerText()).resolves.toContain(
      `改期 ${formatShortDate(taipeiDate(), 'zh-TW')} → ${formatShortDate(tomorrow, 'zh-TW')}（分裝場供氣不足）`,
    );
    await page.context().close();
  }, 120_000);

  it('延後 takes the failed cards ticked too: a broken-down truck’s stops go to a later day together, back to 待確認, with the reason', async () => {
    const db = stack.container.db;
    await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
    await seedOrders(['拋錨站 A', '拋錨站 B'].map((customerName, i) => ({ id: `ord-truck-${i}`, customerName, status: 'failed' as const, fields: { district: '新莊區', failureReason: '配送車輛故障' } })));
    const page = await officeBoard(1366, 768);
    await page.getByRole('textbox', { name: '篩選訂單' }).fill('拋錨站');
    await column(page, 'failed').getByText('拋錨站 B').waitFor({ timeout: 20_000 });
    for (const name of ['拋錨站 A', '拋錨站 B']) await page.locator('.el-checkbox', { has: page.getByRole('checkbox', { name: `選取 ${name} 的訂單` }) }).click();
    await page.getByTestId('board-reschedule').click();
    const dialog = page.getByRole('dialog', { name: '延後 2 筆訂單' });
    await dialog.getByTestId('board-reschedule-reason').click();
    await page.getByRole('option', { name: '配送車輛故障', exact: true }).click();
    await dialog.getByTestId('board-reschedule-submit').click();
    await expect(page.getByTestId('board-reschedule-summary').innerText()).resolves.toBe('已延後 2 筆訂單');
    const tomorrow = addDays(taipeiDate(), 1);
    for (const id of ['ord-truck-0', 'ord-truck-1']) {
      const moved = (await db.collection('orders').doc(id).get()).data();
      expect(moved).toMatchObject({ status: 'pending', requestedDate: tomorrow });
      expect(moved?.['timeline'].at(-1)).toMatchObject({ reason: 'vehicle_breakdown', rescheduled: { from: taipeiDate(), to: tomorrow } });
    }
    await page.context().close();
  }, 120_000);

  it('marks a stop its driver never reported as not delivered, then reschedules it, each retried under the same key after a lost call', async () => {
    const db = stack.container.db;
    const today = taipeiDate();
    const tomorrow = addDays(today, 1);
    // Closed on tomorrow's weekday: the reschedule offers the day after.
    const customer = aCustomer().withId('cust-stop').with({ name: '中和麵館' }).build();
    await db.collection('customers').doc(customer.id).set({ ...customer, closedDays: [new Date(`${tomorrow}T12:00:00Z`).getUTCDay()] });
    await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
    const order = anOrder().withId('ord-stop').forCustomer(customer).onDriver('drv-stop').inStatus('scheduled').build();
    await seedPublishedStop(db, { id: 'route-stop', date: today, depotId: 'depot-a', driverId: 'drv-stop' }, order, { customerName: customer.name });

    const page = await officeBoard(1366, 768);
    /**
     * The first call to `path` fails for want of signal: after reaching the API (its answer lost on the way back) or
     * before. Gives the calls made, with their keys.
     */
    const failFirstCall = async (path: RegExp, reachesApi: boolean) => {
      const calls: { key: string | undefined; body: unknown }[] = [];
      await page.route(path, async (route: RouteHandler) => {
        const request = route.request();
        calls.push({ key: request.headers()['idempotency-key'], body: request.postDataJSON() });
        if (calls.length > 1) return route.continue();
        if (reachesApi) await route.fetch();
        await route.abort('connectionreset');
      });
      return calls;
    };

    await column(page, 'scheduled').getByText('中和麵館').click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('fail-stop').click();
    const failDialog = page.getByRole('dialog', { name: '標記未送達：中和麵館' });
    await expect(failDialog.getByTestId('fail-stop-submit').isDisabled()).resolves.toBe(true);
    expect(await blockingViolations(page, 'the 標記未送達 dialog', '[role=dialog]')).toEqual([]);
    // The reasons the driver picks, none chosen for the clerk: words alone are no reason.
    await expect(failDialog.getByTestId('fail-stop-reason').locator('label').allInnerTexts()).resolves.toEqual(['無人在家', '客戶拒收', '找不到地址', '無法進入（門禁或道路封閉）', '現場安裝環境不安全', '付款問題']);
    await failDialog.getByTestId('fail-stop-note').fill('客戶來電說昨天不在家，司機手機沒電沒回報');
    await expect(failDialog.getByTestId('fail-stop-submit').isDisabled()).resolves.toBe(true);
    await failDialog.getByTestId('fail-stop-reason-no_one_home').click();
    const failCalls = await failFirstCall(/\/api\/driver\/stops\/ord-stop\/fail$/, true);
    await failDialog.getByTestId('fail-stop-submit').click();
    await failDialog.locator('.el-alert').waitFor({ timeout: 20_000 });
    await failDialog.getByTestId('fail-stop-submit').click();
    await page.getByText('已標記為未送達').waitFor({ timeout: 20_000 });
    // One uuid, the driver action's id and the Idempotency-Key both, on the first try and the retry.
    expect(failCalls).toHaveLength(2);
    const actionId = failCalls[0]?.key ?? '';
    expect(actionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(failCalls.map((c) => [c.key, c.body])).toEqual([0, 1].map(() => [actionId, { actionId, reason: 'no_one_home', note: '客戶來電說昨天不在家，司機手機沒電沒回報' }]));
    await expect(statusOf('ord-stop')).resolves.toBe('failed');
    // Read as the driver's own: the code's words, the call's words under them.
    await expect(drawer.getByTestId('order-failure-reason').textContent({ timeout: 20_000 })).resolves.toBe('無人在家');
    await expect(drawer.getByTestId('order-failure-note').textContent()).resolves.toBe('客戶來電說昨天不在家，司機手機沒電沒回報');
    expect((await db.collection('driverActions').doc(actionId).get()).data()).toMatchObject({ driverId: 'drv-stop', orderId: 'ord-stop', kind: 'fail' });
    await expect(db.collection('routes').doc('route-stop').get().then((r) => r.get('status'))).resolves.toBe('completed');

    // Failed now, live in the drawer: 重新安排 instead of 標記未送達.
    await drawer.getByTestId('reschedule-order').waitFor({ timeout: 20_000 });
    await expect(drawer.getByTestId('fail-stop').count()).resolves.toBe(0);
    await drawer.getByTestId('reschedule-order').click();
    const moveDialog = page.getByRole('dialog', { name: '重新安排：中和麵館' });
    const dateInput = moveDialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    const dayAfter = addDays(today, 2);
    // Once the customer's record is read, the default moves off their closed weekday.
    await page.waitForFunction(
      (day) => [...document.querySelectorAll<HTMLInputElement>('[role=dialog] .el-date-editor input')].some((i) => i.value === day),
      dayAfter.replaceAll('-', '/'),
      { timeout: 20_000 },
    );
    await expect(dateInput.inputValue()).resolves.toBe(dayAfter.replaceAll('-', '/'));
    await expect(moveDialog.getByTestId('closed-days-hint').textContent()).resolves.toContain('中和麵館每週');
    await moveDialog.getByTestId('reschedule-failed-note').fill('客戶改約後天');
    expect(await blockingViolations(page, 'the 重新安排 dialog', '[role=dialog]')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'lg-office-order-reschedule.png') });
    // Not the answer lost this time: done, the order would leave today's board, and its drawer with it.
    const moveCalls = await failFirstCall(/\/api\/orders\/ord-stop\/reschedule$/, false);
    await moveDialog.getByTestId('reschedule-failed-submit').click();
    await moveDialog.locator('.el-alert').waitFor({ timeout: 20_000 });
    await moveDialog.getByTestId('reschedule-failed-submit').click();
    await page.getByText(/已重新安排到/).waitFor({ timeout: 20_000 });
    expect(moveCalls).toHaveLength(2);
    expect(moveCalls[1]?.key).toBe(moveCalls[0]?.key);
    expect(moveCalls[0]?.body).toEqual({ requestedDate: dayAfter, note: '客戶改約後天' });
    const moved = (await db.collection('orders').doc('ord-stop').get()).data();
    expect(moved).toMatchObject({ status: 'pending', requestedDate: dayAfter });
    expect(moved?.['timeline'].filter((e: { to: string }) => e.to === 'pending').at(-1)).toMatchObject({ from: 'failed', note: '客戶改約後天' });
    await page.context().close();
  }, 120_000);

  it('on a closure day says nobody delivers, offers no 全部確認, and moves the closure’s orders off it in one go, naming the one out for delivery and the customer it leaves with two orders on one day', async () => {
    const db = stack.container.db;
    const [from, to] = [addDays(taipeiDate(), 3), addDays(taipeiDate(), 4)];
    // Declared after these orders were booked: nothing moved them on its own.
    await db.collection('closures').doc('cl-board').set({ id: 'cl-board', name: '年終休息', from, to, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    const customer = aCustomer().withId('cust-closed-day').with({ name: '年前叫貨餐廳' }).build();
    await db.collection('customers').doc(customer.id).set({ ...customer, closedDays: [] });
    await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
    const other = aCustomer().withId('cust-closed-day-2').with({ name: '初二回娘家' }).build();
    await db.collection('customers').doc(other.id).set({ ...other, closedDays: [] });
    const onClosure = { requestedDate: from, customerId: customer.id };
    const reopens = addDays(to, 1);
    await seedOrders([
      { id: 'ord-closed-pending', customerName: '年前叫貨餐廳', fields: onClosure },
      { id: 'ord-closed-confirmed', customerName: '初二回娘家', status: 'confirmed', fields: { ...onClosure, customerId: other.id } },
      { id: 'ord-closed-truck', customerName: '已出車小吃', status: 'out_for_delivery', fields: onClosure },
      // Booked for the day deliveries resume: moving the closure's order there makes a second stop at the same door.
      { id: 'ord-reopens-booked', customerName: '年前叫貨餐廳', fields: { requestedDate: reopens, customerId: customer.id } },
    ]);
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office?date=${from}`);
    const pending = column(page, 'pending');
    await pending.getByText('年前叫貨餐廳').waitFor({ timeout: 20_000 });
    const banner = page.getByTestId('board-closure');
    await banner.getByText(`年終休息（${formatDateRange({ from, to })}）不配送`).waitFor({ timeout: 20_000 });
    await banner.getByText('這天還有 2 筆未配送的訂單', { exact: false }).waitFor();
    // Confirming them here would promise a delivery nobody makes.
    await expect(pending.getByTestId('board-confirm-all').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-closure.png') });

    await banner.getByTestId('board-closure-move-after').click();
    await page.locator('.el-message-box').getByRole('button', { name: '移動訂單' }).click();
    const moved = page.getByTestId('board-closure-moved');
    await moved.waitFor({ timeout: 30_000 });
    await expect(moved.innerText()).resolves.toBe(
      [
        '年終休息：已改期 2 筆，未改期 1 筆',
        '未改期 — 已出車小吃：已出車配送中：待司機回報，或在當天的訂單看板標記未送達後，再移動一次',
        `年前叫貨餐廳 ${formatShortDate(reopens, 'zh-TW', false)} 已有其他訂單（共 2 張），可合併為一趟配送`,
        `${formatShortDate(reopens, 'zh-TW')} 現有 3 筆待配送訂單（含改期移入 2 筆），請安排足夠車輛`,
      ].join('\n'),
    );
    for (const id of ['ord-closed-pending', 'ord-closed-confirmed']) {
      expect((await db.collection('orders').doc(id).get()).get('requestedDate')).toBe(reopens);
    }
    // The moved cards leave the closed day's board through the listener; the one on the truck stays, nothing left to move.
    await column(page, 'confirmed').getByText('初二回娘家').waitFor({ state: 'detached', timeout: 20_000 });
    await banner.getByText('這天還有', { exact: false }).waitFor({ state: 'detached', timeout: 20_000 });
    await column(page, 'out_for_delivery').getByText('已出車小吃').waitFor();
    await db.collection('closures').doc('cl-board').delete();
    await context.close();
  }, 120_000);
});

describe('標記未送達 and 重新安排 open while someone else moves their order', () => {
  /** Another clerk than the one signed in (the dialogs say nothing of the clerk's own move). */
  const OTHER_CLERK = { uid: 'u-office-lin', role: 'office' } as const;
  const noticeLines = (dialog: ReturnType<Page['getByRole']>) => dialog.getByTestId('order-moved-meanwhile').locator('.el-alert__description > *').allTextContents();

  async function seedCustomer(id: string, name: string) {
    const db = stack.container.db;
    const customer = aCustomer().withId(id).with({ name }).build();
    await db.collection('customers').doc(customer.id).set({ ...customer, closedDays: [] });
    await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
    return customer;
  }

  it('標記未送達 says at once that the driver’s late upload delivered the stop, when, and no longer sends the reason picked', async () => {
    const customer = await seedCustomer('cust-late-upload', '遲傳小吃');
    const order = anOrder().withId('ord-late-upload').forCustomer(customer).onDriver('drv-late').inStatus('scheduled').build();
    await seedPublishedStop(stack.container.db, { id: 'route-late-upload', date: taipeiDate(), depotId: 'depot-a', driverId: 'drv-late' }, order, { customerName: customer.name });
    const page = await officeBoard(1366, 768);
    await column(page, 'scheduled').getByText('遲傳小吃').click();
    await page.getByTestId('order-drawer').getByTestId('fail-stop').click();
    const dialog = page.getByRole('dialog', { name: '標記未送達：遲傳小吃' });
    await dialog.getByTestId('fail-stop-reason-no_one_home').click();
    await dialog.getByTestId('fail-stop-note').fill('司機手機沒電');

    // The driver's phone comes back on: the delivery made at the door ten minutes ago uploads now.
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    const driver = { uid: 'u-drv-late', role: 'driver', driverId: 'drv-late' } as const;
    const upload = await apiClient(stack.url, stack.container)('POST', '/api/driver/stops/ord-late-upload/deliver', { as: driver, body: { actionId: randomUUID(), at, delivered: [{ size: 20, quantity: 1 }] } });
    expect(upload.status).toBe(200);
    await dialog.getByTestId('order-moved-meanwhile').waitFor({ timeout: 20_000 });
    await expect(noticeLines(dialog)).resolves.toEqual([`司機於 ${formatTime(at)} 把這張訂單改為「已送達」。`, '這一站已不能標記未送達。']);
    await expect(dialog.getByTestId('fail-stop-submit').isDisabled()).resolves.toBe(true);
    await expect(dialog.getByTestId('fail-stop-reason-no_one_home').isDisabled()).resolves.toBe(true);
    await expect(dialog.getByTestId('fail-stop-note').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'lg-office-mark-failed-moved.png') });
    await dialog.getByRole('button', { name: '關閉', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(statusOf('ord-late-upload')).resolves.toBe('delivered');
    await page.context().close();
  }, 120_000);

  it('標記未送達 says at once that another clerk cancelled the order, taking its stop off the route', async () => {
    const customer = await seedCustomer('cust-cancelled-stop', '改口火鍋');
    const order = anOrder().withId('ord-cancelled-stop').forCustomer(customer).onDriver('drv-cancel').inStatus('scheduled').build();
    await seedPublishedStop(stack.container.db, { id: 'route-cancelled-stop', date: taipeiDate(), depotId: 'depot-a', driverId: 'drv-cancel' }, order, { customerName: customer.name });
    const page = await officeBoard(1366, 768);
    await column(page, 'scheduled').getByText('改口火鍋').click();
    await page.getByTestId('order-drawer').getByTestId('fail-stop').click();
    const dialog = page.getByRole('dialog', { name: '標記未送達：改口火鍋' });
    await dialog.getByTestId('fail-stop-reason-customer_refused').click();

    const cancelled = await apiClient(stack.url, stack.container)('POST', '/api/orders/ord-cancelled-stop/cancel', { as: OTHER_CLERK, body: { reason: '客戶來電取消' } });
    expect(cancelled.status).toBe(200);
    await dialog.getByTestId('order-moved-meanwhile').waitFor({ timeout: 20_000 });
    await expect(noticeLines(dialog)).resolves.toEqual([`辦公室於 ${formatTime(cancelled.body.timeline.at(-1).at)} 把這張訂單改為「已取消」。`, '這一站已不能標記未送達。']);
    await expect(dialog.getByTestId('fail-stop-submit').isDisabled()).resolves.toBe(true);
    await page.context().close();
  }, 120_000);

  it('重新安排 says at once that another clerk rescheduled the failed order, to which day, points to 修改訂單, and no longer sends its own day', async () => {
    const customer = await seedCustomer('cust-two-moves', '兩次改約麵店');
    const order = anOrder().withId('ord-two-moves').forCustomer(customer).inStatus('failed').build();
    await stack.container.db.collection('orders').doc(order.id).set({ ...order, customerName: customer.name, requestedDate: taipeiDate() });
    const page = await officeBoard(1366, 768);
    await column(page, 'failed').getByText('兩次改約麵店').click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('reschedule-order').click();
    const dialog = page.getByRole('dialog', { name: '重新安排：兩次改約麵店' });
    await dialog.getByTestId('reschedule-failed-note').fill('客戶改約明天');

    const dayAfter = addDays(taipeiDate(), 2);
    const moved = await apiClient(stack.url, stack.container)('POST', '/api/orders/ord-two-moves/reschedule', { as: OTHER_CLERK, key: randomUUID(), body: { requestedDate: dayAfter } });
    expect(moved.status).toBe(200);
    await dialog.getByTestId('order-moved-meanwhile').waitFor({ timeout: 20_000 });
    await expect(noticeLines(dialog)).resolves.toEqual([
      `辦公室於 ${formatTime(moved.body.timeline.at(-1).at)} 把這張訂單改為「待確認」。`,
      `配送日期：${formatCalendarDate(dayAfter, 'zh-TW')}`,
      '已不需要重新安排。',
      '要改配送日期或數量，請關閉後在訂單上按「修改訂單」。',
    ]);
    await expect(dialog.getByTestId('reschedule-failed-submit').isDisabled()).resolves.toBe(true);
    expect(await blockingViolations(page, 'the 重新安排 dialog told of another clerk’s move', '[role=dialog]')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'lg-office-reschedule-moved.png') });
    // The drawer followed the order off today's board: 修改訂單 is where the notice says.
    await dialog.getByRole('button', { name: '關閉', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await drawer.getByTestId('change-order').waitFor({ timeout: 20_000 });
    expect((await stack.container.db.collection('orders').doc('ord-two-moves').get()).get('requestedDate')).toBe(dayAfter);
    await page.context().close();
  }, 120_000);
});

it('says the board cannot be brought up to date while Firestore is out of reach, never 無 under every column, and shows the day once it answers', async () => {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 } });
  // The API answers sign-in, Firestore's listen channel does not: the SDK goes offline and answers from its empty memory.
  const listen = /google\.firestore\.v1\.Firestore\/Listen/;
  await context.route(listen, (route) => route.abort('internetdisconnected'));
  const page = await context.newPage();
  await login(page, stack.url, 'office', /\/office$/);
  await page.getByTestId('board-stale').getByText('看板資料暫時連不上', { exact: false }).waitFor({ timeout: 30_000 });
  await expect(page.locator('[data-test=board] .empty').count()).resolves.toBe(0);

  await context.unroute(listen);
  // The SDK tries the channel again on its own (backing off), and the day's orders show.
  await page.locator('[data-status=scheduled] .card', { hasText: '王記牛肉麵' }).waitFor({ timeout: 90_000 });
  await page.getByTestId('board-stale').waitFor({ state: 'detached' });
  await context.close();
}, 180_000);

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { anOrder } from '../../functions/src/domain/test-support';
import type { OrderStatus } from '../../functions/src/domain/orders/status';
import type { TestStack } from '../../functions/src/local/test-support';
import { taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of the office's 訂單看板 on a real day's volume: the seven status columns in one row on a laptop, each
 * scrolling on its own while the page stays the window's height; the filter (part of a phone number, a customer's name,
 * live); 全部確認 on the pending cards shown, one refused because the order was cancelled meanwhile.
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

  it('confirms the pending cards shown in one go and names the one the API refused', async () => {
    const suggested = ['晨間建議 A', '晨間建議 B', '晨間建議 C', '晨間建議 D'].map((customerName, i) => ({ id: `ord-sugg-${i}`, customerName, fields: { district: '土城區' } }));
    await seedOrders([...suggested, { id: 'ord-sugg-other', customerName: '午後訂單', fields: { district: '土城區' } }]);
    const page = await officeBoard(1366, 768);
    const pending = column(page, 'pending');
    await pending.getByText('晨間建議 D').waitFor({ timeout: 20_000 });

    // Only the cards shown: the filter leaves 午後訂單 out.
    await page.getByRole('textbox', { name: '篩選訂單' }).fill('晨間建議');
    await expect(pending.locator('button.order').count()).resolves.toBe(4);
    await pending.getByTestId('board-confirm-all').click();
    const dialog = page.locator('.el-message-box');
    await expect(dialog.textContent()).resolves.toContain('確認目前顯示的 4 筆待確認訂單？');

    // Cancelled elsewhere while the dialog is open: its confirm call is refused.
    await stack.container.db.collection('orders').doc('ord-sugg-1').update({ status: 'cancelled', cancelReason: '客戶來電取消' });
    await column(page, 'cancelled').getByText('晨間建議 B').waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: '全部確認' }).click();

    const summary = page.getByTestId('board-confirm-summary');
    await summary.waitFor({ timeout: 30_000 });
    // The refusal says why: someone else cancelled it meanwhile.
    await expect(summary.innerText()).resolves.toBe('已確認 3 筆訂單\n1 筆未能確認 — 晨間建議 B：這張訂單目前是「已取消」，無法改為「已確認」');
    await page.screenshot({ path: join(SHOTS, 'lg-office-board-confirm-all.png') });

    for (const id of ['ord-sugg-0', 'ord-sugg-2', 'ord-sugg-3']) await expect(statusOf(id)).resolves.toBe('confirmed');
    await expect(statusOf('ord-sugg-1')).resolves.toBe('cancelled');
    await expect(statusOf('ord-sugg-other')).resolves.toBe('pending');
    // The cards moved through the listener; with none pending shown, the button goes.
    await column(page, 'confirmed').getByText('晨間建議 D').waitFor({ timeout: 20_000 });
    await expect(pending.locator('button.order').count()).resolves.toBe(0);
    await expect(pending.getByTestId('board-confirm-all').count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);
});

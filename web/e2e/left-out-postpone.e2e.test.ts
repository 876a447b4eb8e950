import type { Browser } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { aPriceList } from '../../functions/src/domain/test-support';
import { planningDay, seedPlanningDay } from '../../functions/src/functions/test-support/planning-day';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 路線規劃's 未排入 list (audit 23 F3): on a 寒流's three-fold day the plan leaves out what no truck can
 * take, and the dispatcher moves those orders to the next day from the list itself, each customer told why, instead of
 * finding the names again among the board's cards. The planning day is three days ahead: any hour will do.
 */
let stack: TestStack;
let browser: Browser;
const day = planningDay();
const [full1, full2, planned] = day.orders as [(typeof day.orders)[number], (typeof day.orders)[number], (typeof day.orders)[number]];

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-left-out-postpone', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedPlanningDay(db, day);
  // 延後 prices the order for its new day.
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  const finishedAt = new Date().toISOString();
  const job = {
    id: 'job-cold',
    status: 'succeeded',
    request: { date: day.date, depotId: day.depot.id, timeLimitSeconds: 30 },
    createdBy: { uid: 'u-office', role: 'office' },
    createdAt: finishedAt,
    updatedAt: finishedAt,
    finishedAt,
    attempt: 1,
    routeIds: [],
    unassigned: [
      { orderId: full1.id, reason: 'NO_VEHICLE' },
      { orderId: full2.id, reason: 'NO_VEHICLE' },
    ],
  };
  await db.collection('optimizationJobs').doc(job.id).set({ ...job, version: 1 });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('路線規劃 未排入', () => {
  it('moves the orders no truck could take to the next day from the list, with the reason their customers are told', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/routes?date=${day.date}`);
    const leftOut = page.getByTestId('left-out-orders');
    await leftOut.locator('li').nth(1).waitFor({ timeout: 20_000 });
    await leftOut.getByTestId('left-out-postpone').click();

    const next = addDays(day.date, 1);
    const dialog = page.getByRole('dialog', { name: '延後 2 筆訂單' });
    await expect(dialog.locator('.el-form-item', { hasText: '改到哪一天' }).locator('input').inputValue()).resolves.toBe(next.replaceAll('-', '/'));
    await dialog.getByTestId('board-reschedule-reason').click();
    await page.getByRole('option', { name: '天候不佳', exact: true }).click();
    await dialog.getByTestId('board-reschedule-submit').click();
    await expect(page.getByTestId('board-reschedule-summary').innerText()).resolves.toBe('已延後 2 筆訂單');

    // Off the day's list by the orders' listener: nothing waits for a truck on it any more.
    await leftOut.waitFor({ state: 'detached', timeout: 20_000 });
    const db = stack.container.db;
    for (const id of [full1.id, full2.id]) {
      const moved = (await db.collection('orders').doc(id).get()).data();
      expect(moved?.requestedDate).toBe(next);
      expect(moved?.timeline.at(-1)).toMatchObject({ reason: 'weather', rescheduled: { from: day.date, to: next } });
    }
    await expect(db.collection('orders').doc(planned.id).get().then((d) => d.get('requestedDate'))).resolves.toBe(day.date);
    await page.context().close();
  }, 120_000);
});

import type { Browser } from 'playwright-core';
import { aDraftRoute } from '../../functions/src/domain/routes/test-support/fleet-mother';
import { planningDay, seedPlanningDay } from '../../functions/src/functions/test-support/planning-day';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 路線規劃 on a day under a 延長工時 for one driver: that driver's route says 加班至 19:00, so the dispatcher
 * sees why it may end after the usual hour; the other driver's says nothing. The day is three days ahead: any hour will do.
 */

let stack: TestStack;
let browser: Browser;
const day = planningDay();
const at = (i: number) => ({ order: day.orders[i]!, customer: day.customers[i]! });

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-route-overtime', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedPlanningDay(db, day);
  const routes = [
    aDraftRoute({ id: 'job-ot-1', jobId: 'job-ot', date: day.date, vehicle: day.vehicles[0]!, driver: day.drivers[0]!, stops: [at(0), at(1)] }),
    aDraftRoute({ id: 'job-ot-2', jobId: 'job-ot', date: day.date, vehicle: day.vehicles[1]!, driver: day.drivers[1]!, stops: [at(2), at(3)] }),
  ];
  for (const r of routes) await db.collection('routes').doc(r.id).set({ ...r, version: 1 });
  await db.collection('overtimes').doc('ot-cold').set({
    id: 'ot-cold',
    depotId: day.depot.id,
    driverIds: ['drv-1'],
    from: day.date,
    to: day.date,
    end: '19:00',
    reason: '寒流',
    createdBy: { uid: 'u-admin', role: 'admin' },
    createdAt: new Date().toISOString(),
  });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('路線規劃 under a 延長工時', () => {
  it("marks the route of the driver kept later 加班至 19:00, and not the other driver's", async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/routes?date=${day.date}`);
    await page.locator('.el-table__row').nth(1).waitFor({ timeout: 20_000 });
    const tags = page.locator('[data-test="route-overtime"]');
    await tags.first().waitFor({ timeout: 10_000 });
    expect(await tags.allInnerTexts()).toEqual(['加班至 19:00']);
    await page.context().close();
  }, 90_000);
});

import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { systemClock, taipeiDate } from '../../functions/src/domain/clock';
import type { Order } from '../../functions/src/domain/orders';
import { aConfirmedOrder, aDraftRoute, aDriver, aVehicle } from '../../functions/src/domain/routes/test-support/fleet-mother';
import type { Route } from '../../functions/src/domain/routes';
import { runOptimization } from '../../functions/src/functions/optimize-routes';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from '../../functions/src/functions/test-support/planning-day';
import { taipeiClockAt, type TestStack } from '../../functions/src/local/test-support';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of the dispatcher editing the day's drafts on 路線規劃: a stop moved down its route and onto another draft
 * (what the server stored), another truck for a draft, a move the other driver cannot do said in words, and stops taken
 * off a draft (listed with the orders left out, why said, whether or not a plan made the draft; the emptied draft says
 * so); a published route offers no editing. And two dispatchers planning one depot's day: the one refused follows the
 * other's plan to its end.
 */

let stack: TestStack;
let browser: Browser;
const day = planningDay();
const [veh1, veh2] = day.vehicles as [(typeof day.vehicles)[number], (typeof day.vehicles)[number]];
const [drv1, drv2] = day.drivers as [(typeof day.drivers)[number], (typeof day.drivers)[number]];
const veh3 = aVehicle('veh-3', { plate: 'KLB-3003' });
const at = (i: number) => ({ order: day.orders[i]!, customer: day.customers[i]! });
/** Route 1 carries the 50 kg order (ord-1): only drv-1 has the skill. */
const r1 = { ...aDraftRoute({ id: 'job-x-1', jobId: 'job-x', date: day.date, vehicle: veh1, driver: drv1, stops: [at(0), at(1)] }), createdAt: '2026-11-28T01:00:00.000Z' };
const r2 = { ...aDraftRoute({ id: 'job-x-2', jobId: 'job-x', date: day.date, vehicle: veh2, driver: drv2, stops: [at(2), at(3), at(4)] }), createdAt: '2026-11-28T01:00:01.000Z' };
const customerOf = (orderId: string) => day.orders.find((o) => o.id === orderId)!.customerName;

beforeAll(async () => {
  // A hand-over is timed from now (its first stop 30 minutes on), so the functions run at 10:00 Taipei: late in the evening
  // the drivers' shift would refuse it. Sign-in tokens keep the real time, which the browser's session is checked against.
  ({ stack, browser } = await openBrowserStack({ suite: 'web-route-editing', subscriptions: [], clock: taipeiClockAt('10:00') }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  const published = aConfirmedOrder('ord-pub', day.customers[0]!, day.date);
  await seedPlanningDay(db, { ...day, vehicles: [...day.vehicles, veh3] });
  for (const r of [r1, r2]) await db.collection('routes').doc(r.id).set({ ...r, version: 1 });
  const finishedAt = stack.container.clock.now().toISOString();
  const orderIds = day.orders.map((o) => o.id);
  const job = { id: 'job-x', status: 'succeeded', request: { date: day.date, depotId: day.depot.id, orderIds, timeLimitSeconds: 30 }, createdBy: { uid: 'u-office', role: 'office' }, createdAt: finishedAt, updatedAt: finishedAt, finishedAt, attempt: 1, routeIds: [r1.id, r2.id], unassigned: [] };
  await db.collection('optimizationJobs').doc(job.id).set({ ...job, version: 1 });
  await seedPublishedStop(db, { id: 'job-w-1', date: day.date, depotId: day.depot.id, driverId: 'drv-1' }, published);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

/** 路線規劃 of `date` once its `rows` routes are listed (the fixture day's: one published, two drafts; none: at once). */
async function planningPage(date = day.date, rows = 3): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
  await login(page, stack.url, 'office', /\/office$/);
  await page.goto(`${stack.url}/office/routes?date=${date}`);
  if (rows > 0) await page.locator('.el-table__row').nth(rows - 1).waitFor({ timeout: 20_000 });
  return page;
}

/** Confirmed orders of `date` for the fixture's first customers, stored. */
async function seedOrdersOn(date: string, prefix: string, n: number): Promise<Order[]> {
  const orders = day.customers.slice(0, n).map((c, i) => aConfirmedOrder(`${prefix}-${i + 1}`, c, date));
  for (const o of orders) await stack.container.db.collection('orders').doc(o.id).set({ ...o, version: 1 });
  return orders;
}

const stored = async (id: string) => (await stack.container.db.collection('routes').doc(id).get()).data() as Route & { version: number };
const stopsOf = (r: Route) => [...r.stops].sort((a, b) => a.seq - b.seq).map((s) => s.orderId);
/** Until the stored route has these stops in this order (the page's POST answered first). */
const storedStops = (id: string, expected: string[]) => eventually(async () => (JSON.stringify(stopsOf(await stored(id))) === JSON.stringify(expected) ? true : null));

/**
 * A started route of today on `vehicleId`: its first stop (`day.orders[2]`, customer named `names[0]`) delivered, the
 * next ones (`day.orders[3]`, `day.orders[4]`, named by the rest of `names`) still to make.
 */
async function seedStartedRoute(route: { id: string; date: string; depotId: string; driverId: string }, vehicleId: string, names: [string, string, ...string[]]): Promise<void> {
  const db = stack.container.db;
  const [doneName, ...leftNames] = names;
  const doneId = `ord-${route.id}-done`;
  const leftIds = leftNames.map((_, i) => (i === 0 ? `ord-${route.id}-left` : `ord-${route.id}-left-${i + 1}`));
  for (const [i, leftId] of leftIds.entries()) {
    await seedPublishedStop(db, { ...route, id: `${leftId}-route` }, { ...day.orders[3 + i]!, id: leftId }, { driverId: route.driverId, status: 'scheduled', customerName: leftNames[i] });
  }
  await seedPublishedStop(db, route, { ...day.orders[2]!, id: doneId }, { driverId: route.driverId, status: 'delivered', customerName: doneName });
  const done = await stored(route.id);
  const left = await Promise.all(leftIds.map((id) => stored(`${id}-route`)));
  for (const id of leftIds) {
    await db.collection('routes').doc(`${id}-route`).delete();
    await db.collection('orders').doc(id).update({ routeId: route.id });
  }
  const at = stack.container.clock.now().toISOString();
  const stops = [{ ...done.stops[0]!, outcome: { status: 'delivered', at, actionId: `act-${route.id}` } }, ...left.map((r, i) => ({ ...r.stops[0]!, seq: i + 2 }))];
  await db.collection('routes').doc(route.id).update({ stops, status: 'in_progress', startedAt: at, vehicleId });
}
const stopRow = (page: Page, orderId: string) => page.locator(`[data-test=draft-stop][data-order=${orderId}]`);
/**
 * Until the editor's last request answered: the server may store an edit well before its answer reaches a loaded
 * machine's page, and the editor's controls stay disabled until then.
 */
const editorIdle = (page: Page) => page.waitForFunction(() => document.querySelectorAll('[data-test=draft-editor] .is-loading').length === 0);

describe('editing the drafts of a day', () => {
  it('reorders a stop, moves one to the other draft and gives a draft another truck; a published route stays read-only', async () => {
    const page = await planningPage();
    // The published route (listed first) has no edit button nor truck select; the two drafts have.
    await expect(page.getByTestId('route-edit').count()).resolves.toBe(2);
    await expect(page.getByTestId('route-vehicle').count()).resolves.toBe(2);

    await page.getByTestId('route-edit').nth(1).click();
    await page.getByTestId('draft-editor').getByText('幸福氣 測試站 3 的站點').waitFor();
    // The truck selects and the editor's buttons and selects are named for a screen reader.
    await expect(blockingViolations(page, 'route editing')).resolves.toEqual([]);
    const eta = await stopRow(page, 'ord-4').locator('td').nth(1).textContent();
    await stopRow(page, 'ord-3').getByTestId('stop-down').click();
    await storedStops(r2.id, ['ord-4', 'ord-3', 'ord-5']);
    await editorIdle(page);
    // Re-timed: ord-4 is now visited first, earlier than planned, and the list shows it.
    await page.waitForFunction(() => document.querySelector('[data-test=draft-stop][data-order=ord-4] td')?.textContent === '1');
    await page.waitForFunction(([before]) => document.querySelector('[data-test=draft-stop][data-order=ord-4] td:nth-child(2)')?.textContent !== before, [eta]);

    await stopRow(page, 'ord-5').getByTestId('stop-move').click();
    await page.getByRole('option', { name: '幸福氣 測試站 2', exact: true }).click();
    await storedStops(r1.id, ['ord-1', 'ord-2', 'ord-5']);
    await storedStops(r2.id, ['ord-4', 'ord-3']);
    await stopRow(page, 'ord-5').waitFor({ state: 'detached' });
    await editorIdle(page);
    await expect(page.getByTestId('move-violations').count()).resolves.toBe(0);

    await page.getByTestId('route-vehicle').nth(1).click();
    await page.getByRole('option', { name: 'KLB-3003', exact: true }).click();
    await eventually(async () => ((await stored(r2.id)).vehicleId === 'veh-3' ? true : null));
    await page.getByText('已改派車輛 KLB-3003').waitFor();
  });

  it("says in words what a move breaks: the 50 kg stop on a driver without the skill (the move itself is stored)", async () => {
    const page = await planningPage();
    await page.getByTestId('route-edit').first().click();
    await page.getByTestId('draft-editor').getByText('幸福氣 測試站 2 的站點').waitFor();
    await stopRow(page, 'ord-1').getByTestId('stop-move').click();
    await page.getByRole('option', { name: '幸福氣 測試站 3', exact: true }).click();
    const violations = page.getByTestId('move-violations');
    await violations.waitFor({ timeout: 20_000 });
    await expect(violations.textContent()).resolves.toContain(`幸福氣 測試站 3：${customerOf('ord-1')}：司機沒有這一站需要的資格（50 公斤鋼瓶或工業用戶）`);
    const target = await stored(r2.id);
    expect(stopsOf(target)).toContain('ord-1');
    expect(target.violations).toContainEqual(expect.objectContaining({ code: 'SKILL_MISSING', stopId: 'ord-1' }));
  });

  it('takes stops off a draft after a confirm: each listed with the orders to plan, 已從路線移除; the emptied draft says so', async () => {
    const page = await planningPage();
    await page.getByTestId('route-edit').first().click();
    await page.getByTestId('draft-editor').getByText('幸福氣 測試站 2 的站點').waitFor();
    const [first, second] = stopsOf(await stored(r1.id)) as [string, string];
    // Cancelling the confirm changes nothing.
    await stopRow(page, first).getByTestId('stop-remove').click();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await expect(stored(r1.id).then(stopsOf)).resolves.toEqual([first, second]);

    await stopRow(page, first).getByTestId('stop-remove').click();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain(`把 ${customerOf(first)} 從 幸福氣 測試站 2 移除？`);
    await page.getByRole('dialog').getByRole('button', { name: '移除' }).click();
    await storedStops(r1.id, [second]);
    await stopRow(page, first).waitFor({ state: 'detached' });
    await editorIdle(page);
    const leftOut = page.getByTestId('left-out-orders');
    await leftOut.getByText(`${customerOf(first)}：已從路線移除`).waitFor({ timeout: 20_000 });

    await stopRow(page, second).getByTestId('stop-remove').click();
    await page.getByRole('dialog').getByRole('button', { name: '移除' }).click();
    await storedStops(r1.id, []);
    await page.getByTestId('draft-empty').waitFor();
    await leftOut.locator('li').nth(1).waitFor();
    await expect(leftOut.locator('li').allTextContents()).resolves.toEqual([first, second].map((id) => `${customerOf(id)}：已從路線移除`));
    await expect(blockingViolations(page, 'route editing, an emptied draft')).resolves.toEqual([]);
  });

  it('lists a stop taken off a draft made by hand, with no plan behind it, as 已從路線移除 all the same', async () => {
    const date = addDays(day.date, 1);
    const [kept, taken] = (await seedOrdersOn(date, 'ord-hand', 2)) as [Order, Order];
    const byHand = aDraftRoute({ id: 'hand-1', date, vehicle: veh1, driver: drv1, stops: [kept, taken].map((order, i) => ({ order, customer: day.customers[i]! })) });
    await stack.container.db.collection('routes').doc(byHand.id).set({ ...byHand, version: 1 });
    const page = await planningPage(date, 1);
    await page.getByTestId('route-edit').click();
    await stopRow(page, taken.id).getByTestId('stop-remove').click();
    await page.getByRole('dialog').getByRole('button', { name: '移除' }).click();
    await storedStops(byHand.id, [kept.id]);
    await expect(page.getByTestId('left-out-orders').locator('li').first().textContent({ timeout: 20_000 })).resolves.toBe(`${taken.customerName}：已從路線移除`);
  });

  it("follows another dispatcher's running plan of the depot's day when its own start is refused: the progress, then the plan", async () => {
    const date = addDays(day.date, 2);
    const orders = await seedOrdersOn(date, 'ord-both', 3);
    await seedUser(stack.container.db, 'planner', '陳小美', { role: 'office' });
    const started = await apiClient(stack.url, stack.container)('POST', '/api/optimize', { as: { uid: 'u-planner', role: 'office' }, body: { date, depotId: day.depot.id, timeLimitSeconds: 5 } });
    expect(started.status).toBe(202);
    const page = await planningPage(date, 0);
    await page.getByTestId('optimize').click();
    const lock = (await stack.container.db.collection('planLocks').doc(`${day.depot.id}_${date}`).get()).data()!;
    const since = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(lock.startedAt));
    await page.getByTestId('following-plan').getByText(`陳小美 已於 ${since} 開始排此營業所這一天的路線`, { exact: false }).waitFor({ timeout: 20_000 });
    const progress = page.getByTestId('optimization-progress');
    await progress.getByText('排隊中').waitFor({ timeout: 20_000 });
    // Every status the page shows from here on: a small plan may be 計算中 for less than a frame of a loaded browser,
    // too short for a waitFor's polling to catch, but never too short for the DOM's mutations.
    await progress.evaluate((el) => {
      const statusOf = () => el.querySelector('.el-tag')?.textContent?.trim() ?? '';
      const seen = [statusOf()];
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        if (seen.at(-1) !== statusOf()) seen.push(statusOf());
      }).observe(el, { subtree: true, childList: true, characterData: true });
    });
    // Stands in for Pub/Sub, which this stack does not run: the planner's job runs for real. It beats by the real clock,
    // as in production, where the browser and the functions share one: the page calls a running job whose heartbeat is
    // 30 s older than the browser's now 失敗 (stale), and the suite's pinned 10:00 is hours off whenever CI runs.
    await runOptimization({ ...stack.container, clock: systemClock }, started.body.jobId);
    await progress.getByText('完成').waitFor({ timeout: 20_000 });
    await expect(page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).resolves.toEqual(['排隊中', '計算中', '完成']);
    const drafts = (await stack.container.db.collection('routes').where('jobId', '==', started.body.jobId).get()).docs;
    expect(drafts.flatMap((d) => (d.data() as Route).stops.map((st) => st.orderId)).sort()).toEqual(orders.map((o) => o.id).sort());
    await page.locator('.el-table__row').nth(drafts.length - 1).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('route-edit').count()).resolves.toBe(drafts.length);
    // The refusal said all there was to say: no error beside the plan followed.
    await expect(page.locator('.el-alert--error').count()).resolves.toBe(0);
  });

  it("says when a later plan replaced the plan on screen, and lists the day's left-out orders instead of its own", async () => {
    const page = await planningPage();
    await page.getByTestId('optimize').click();
    await page.getByTestId('optimization-progress').waitFor();
    const jobs = stack.container.db.collection('optimizationJobs');
    const id = await eventually(async () => (await jobs.where('request.date', '==', day.date).where('status', '==', 'queued').get()).docs[0]?.id);
    // Stands in for its runner (this stack runs none), then for another office's plan of the depot's day replacing its
    // drafts: job-x stays the day's latest plan, its left-out orders the day's word.
    await jobs.doc(id).update({ status: 'succeeded', finishedAt: '2026-01-01T00:00:00.000Z', routeIds: [], replacedRouteIds: [`${id}-1`], replacedBy: 'job-later', unassigned: [{ orderId: 'ord-3', reason: 'CAPACITY' }] });
    await page.getByTestId('job-replaced').getByText('之後的規劃已取代這次規劃的草稿').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('optimization-progress').count()).resolves.toBe(0);
    const leftOut = page.getByTestId('left-out-orders');
    await expect(leftOut.locator('li').allTextContents()).resolves.toEqual(['ord-2', 'ord-5'].map((o) => `${customerOf(o)}：已從路線移除`));
  });
});

describe('handing a published or started route to another driver (改派)', () => {
  it("gives the published route to the driver chosen on its row after a confirm, with its truck and what is loaded on it; the order names the new driver", async () => {
    await stack.container.db.collection('routes').doc('job-w-1').update({ vehicleId: veh1.id });
    const page = await planningPage();
    await page.getByTestId('route-hand-over').click();
    await page.getByRole('option', { name: '司機 drv-2', exact: true }).click();
    const box = page.locator('.el-message-box');
    await box.getByText('司機 drv-1 的手機會移除這條路線').waitFor();
    await box.getByText(`司機 drv-2 接手原車 ${veh1.plate} 與車上已裝的鋼瓶，不必搬車`).waitFor();
    await box.getByRole('button', { name: '改派司機' }).click();
    await eventually(async () => ((await stored('job-w-1')).driverId === 'drv-2' ? true : null));
    await page.getByText('已改派給 司機 drv-2').waitFor();
    expect((await stored('job-w-1')).vehicleId).toBe(veh1.id);
    await expect(page.getByText('鋼瓶要搬車').count()).resolves.toBe(0);
    expect((await stack.container.db.collection('orders').doc('ord-pub').get()).get('driverId')).toBe('drv-2');
  });

  it("moves the route handed over today from the first driver's open phone, which says it went to another driver, to the new one's, which says it is theirs; its truck out of service, the office is told what to carry across", async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    await seedUser(db, 'driver1', '司機一', { role: 'driver', driverId: 'drv-1' });
    await seedUser(db, 'driver2', '司機二', { role: 'driver', driverId: 'drv-2' });
    const order = { ...day.orders[1]!, id: 'ord-today' };
    await seedPublishedStop(db, { id: 'today-1', date: today, depotId: day.depot.id, driverId: 'drv-1' }, order, { driverId: 'drv-1', status: 'scheduled', customerName: '今天的客戶' });
    await db.collection('routes').doc('today-1').update({ vehicleId: veh3.id });
    await db.collection('vehicles').doc(veh3.id).update({ active: false });
    const phone = async (username: string) => {
      const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
      await login(page, stack.url, username, /\/driver$/);
      return page;
    };
    const first = await phone('driver1');
    await first.getByText('今天的客戶').waitFor();
    const second = await phone('driver2');
    await second.getByText('今天沒有已發布的路線').waitFor();
    const office = await planningPage(today, 1);
    await office.getByTestId('route-hand-over').click();
    await office.getByRole('option', { name: '司機 drv-2', exact: true }).click();
    const box = office.locator('.el-message-box');
    await box.getByText('司機 drv-1 的手機會移除這條路線，並告知已改派').waitFor();
    await box.getByText(`原車 ${veh3.plate} 已停用，改開 司機 drv-2 的車`).waitFor();
    await box.getByRole('button', { name: '改派司機' }).click();
    const cylinders = order.items.map((i) => `${i.size} 公斤 × ${i.quantity}`).join('、');
    await office.getByText(`請將 ${veh3.plate} 車上的 ${cylinders} 搬到 ${veh2.plate}。`).waitFor();
    await second.getByText('辦公室派給你新的路線').waitFor();
    await second.getByText('多了 1 站').waitFor();
    await second.getByText('今天的客戶').waitFor();
    // The route and its order change hands in one commit: the first phone's listeners take both off, none fails.
    await first.getByText('此路線已改派給其他司機').waitFor();
    await first.getByText('辦公室已將你還沒送的 1 站改派給其他司機').waitFor();
    await first.getByText('今天的客戶').waitFor({ state: 'detached' });
    await first.getByText('今天沒有已發布的路線').waitFor();
  });

  it("takes the stops a started route had left off the first driver's open phone, saying how many went, and leaves the delivered one", async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    await seedUser(db, 'driver2', '司機二', { role: 'driver', driverId: 'drv-2' });
    await seedStartedRoute({ id: 'today-run', date: today, depotId: day.depot.id, driverId: 'drv-2' }, veh1.id, ['已送到的客戶', '還沒送的客戶']);
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'driver2', /\/driver$/);
    await phone.getByText('還沒送的客戶').waitFor();
    await phone.getByText('已送到的客戶').waitFor();
    const office = await planningPage(today, 0);
    const row = office.locator('.el-table__row', { hasText: '配送中' });
    await row.getByTestId('route-hand-over').click();
    await office.getByRole('option', { name: '司機 drv-1', exact: true }).click();
    const box = office.locator('.el-message-box');
    await box.getByText('將 司機 drv-2 還沒送的站改派給 司機 drv-1').waitFor();
    await box.getByRole('button', { name: '改派司機' }).click();
    await phone.getByText('此路線已改派給其他司機').waitFor();
    await phone.getByText('辦公室已將你還沒送的 1 站改派給其他司機').waitFor();
    await phone.getByText('還沒送的客戶').waitFor({ state: 'detached' });
    await phone.getByText('已送到的客戶').waitFor();
  });

  it("hands a started route whose truck broke down on the road (still in service on the fleet page) over with the new driver's own truck when the office says so in the confirm, and says what to carry across", async () => {
    const db = stack.container.db;
    const veh4 = aVehicle('veh-4', { plate: 'KLB-4004' });
    await db.collection('vehicles').doc(veh4.id).set(veh4);
    await db.collection('drivers').doc('drv-4').set(aDriver('drv-4', veh4.id));
    await seedStartedRoute({ id: 'broke-run', date: taipeiDate(new Date()), depotId: day.depot.id, driverId: 'drv-1' }, veh1.id, ['拋錨前的客戶', '拋錨後的客戶']);
    const office = await planningPage(taipeiDate(new Date()), 0);
    await office.locator('.el-table__row', { hasText: '配送中' }).getByTestId('route-hand-over').click();
    await office.getByRole('option', { name: '司機 drv-4', exact: true }).click();
    const box = office.locator('.el-message-box');
    await box.getByText(`司機 drv-4 接手原車 ${veh1.plate} 與車上已裝的鋼瓶，不必搬車`).waitFor();
    await box.getByText(`原車 ${veh1.plate} 故障不能開，改開 ${veh4.plate}`).click();
    await box.getByText(`原車 ${veh1.plate} 故障，改開 司機 drv-4 的車 ${veh4.plate}，車上已裝的鋼瓶要搬過去`).waitFor();
    await box.getByRole('button', { name: '改派司機' }).click();
    const cylinders = day.orders[3]!.items.map((i) => `${i.size} 公斤 × ${i.quantity}`).join('、');
    await office.getByText(`請將 ${veh1.plate} 車上的 ${cylinders} 搬到 ${veh4.plate}。`).waitFor();
    expect((await stored('broke-run~drv-4')).vehicleId).toBe(veh4.id);
  });

  it("shows the new driver after 改派 whose route they took over, the truck, the fulls to fetch from the first truck and the hand-over time instead of the first driver's departure", async () => {
    const db = stack.container.db;
    const veh6 = aVehicle('veh-6', { plate: 'KLB-6006' });
    await db.collection('vehicles').doc(veh6.id).set(veh6);
    await db.collection('drivers').doc('drv-6').set(aDriver('drv-6', veh6.id));
    await seedUser(db, 'driver6', '司機六', { role: 'driver', driverId: 'drv-6' });
    const today = taipeiDate(new Date());
    await seedStartedRoute({ id: 'taken-run', date: today, depotId: day.depot.id, driverId: 'drv-1' }, veh1.id, ['接手前的客戶', '接手後的客戶']);
    // The first driver's morning plan: out two hours before the functions' now (the hand-over's), which the new driver never was.
    const hour = 3_600_000;
    const now = stack.container.clock.now().getTime();
    const morning = { departsAt: new Date(now - 2 * hour).toISOString(), returnsAt: new Date(now + hour).toISOString() };
    await db.collection('routes').doc('taken-run').update({ trips: [morning] });
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'driver6', /\/driver$/);
    await phone.getByText('今天沒有已發布的路線').waitFor();
    const office = await planningPage(today, 0);
    await office.locator('.el-table__row', { hasText: '配送中' }).getByTestId('route-hand-over').click();
    await office.getByRole('option', { name: '司機 drv-6', exact: true }).click();
    const box = office.locator('.el-message-box');
    await box.getByText(`原車 ${veh1.plate} 故障不能開，改開 ${veh6.plate}`).click();
    await box.getByRole('button', { name: '改派司機' }).click();
    await phone.getByText('接手後的客戶').waitFor();
    const card = phone.getByTestId('driver-taken-over');
    await card.getByText(/^接手 司機 drv-1 的路線（\d\d:\d\d 改派）$/).waitFor();
    await card.getByText(`開 ${veh6.plate}。`).waitFor();
    const cylinders = day.orders[3]!.items.map((i) => `${i.size} 公斤 × ${i.quantity}`).join('、');
    await phone.getByTestId('driver-pickup').getByText(`向 司機 drv-1 拿 ${veh1.plate} 車上的 ${cylinders}`).waitFor();
    await expect(phone.getByTestId('driver-trip').textContent()).resolves.toMatch(/^\s*第 1 趟：\d\d:\d\d 接手\s*$/);
  });

  it("hands the stops ticked of a started route to a driver with their own truck, the others staying on the first driver's route and phone, and a second 改派 hands those", async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    const [veh7, veh8] = [aVehicle('veh-7', { plate: 'KLB-7007' }), aVehicle('veh-8', { plate: 'KLB-8008' })];
    for (const v of [veh7, veh8]) {
      await db.collection('vehicles').doc(v.id).set(v);
      await db.collection('drivers').doc(`drv-${v.id.slice(4)}`).set(aDriver(`drv-${v.id.slice(4)}`, v.id));
    }
    await seedUser(db, 'driver1', '司機一', { role: 'driver', driverId: 'drv-1' });
    await seedStartedRoute({ id: 'split-run', date: today, depotId: day.depot.id, driverId: 'drv-1' }, veh1.id, ['拆分前的客戶', '給新司機的客戶', '留下的客戶']);
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'driver1', /\/driver$/);
    await phone.getByText('留下的客戶').waitFor();
    const office = await planningPage(today, 0);
    const row = () => office.locator('.el-table__row', { hasText: '配送中' });
    await row().getByTestId('route-hand-over').click();
    await office.getByRole('option', { name: '司機 drv-7', exact: true }).click();
    const box = office.locator('.el-message-box');
    await box.getByTestId('hand-over-stop').filter({ hasText: '給新司機的客戶' }).waitFor();
    await box.getByTestId('hand-over-stop').filter({ hasText: '留下的客戶' }).click();
    await box.getByText('未勾選的 1 站留在 司機 drv-1 的路線上，之後可再改派。').waitFor();
    await box.getByText(`司機 drv-7 開自己的車 ${veh7.plate}，勾選各站的鋼瓶要從 ${veh1.plate} 搬過去`, { exact: false }).waitFor();
    await expect(box.getByTestId('hand-over-truck-broken').count()).resolves.toBe(0);
    await box.getByRole('button', { name: '改派司機' }).click();
    await box.waitFor({ state: 'hidden' });
    const cylinders = day.orders[3]!.items.map((i) => `${i.size} 公斤 × ${i.quantity}`).join('、');
    await office.getByText(`請將 ${veh1.plate} 車上的 ${cylinders} 搬到 ${veh7.plate}。`).waitFor();
    const handed = await eventually(async () => (await db.collection('routes').doc('split-run~drv-7').get()).data() as Route | undefined);
    expect([handed.vehicleId, handed.stops.map((s) => s.orderId)]).toEqual([veh7.id, ['ord-split-run-left']]);
    expect(await stored('split-run')).toMatchObject({ status: 'in_progress', driverId: 'drv-1' });
    await phone.getByText('辦公室已將你還沒送的 1 站改派給其他司機').waitFor();
    await phone.getByText('給新司機的客戶').waitFor({ state: 'detached' });
    await phone.getByText('留下的客戶').waitFor();
    // The stop kept goes later in a second 改派, the broken truck staying: the phone says that one too, the route then done.
    await office.locator('.el-notification__closeBtn').first().click();
    await phone.locator('.el-notification__closeBtn').first().click();
    await row().getByTestId('route-hand-over').click();
    await office.getByRole('option', { name: '司機 drv-8', exact: true }).click();
    await box.getByText(`原車 ${veh1.plate} 故障不能開，改開 ${veh8.plate}`).click();
    await box.getByRole('button', { name: '改派司機' }).click();
    await phone.getByText('辦公室已將你還沒送的 1 站改派給其他司機').waitFor();
    await phone.getByText('留下的客戶').waitFor({ state: 'detached' });
    await eventually(async () => ((await stored('split-run')).status === 'completed' ? true : null));
    expect(await stored('split-run~drv-8')).toMatchObject({ vehicleId: veh8.id, stops: [expect.objectContaining({ orderId: 'ord-split-run-left-2' })] });
  });

  it("hands the stops a started route had left to a driver out on their own route today onto it, as the confirm says, their phone saying so and showing them after their own stop", async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    const veh9 = aVehicle('veh-9', { plate: 'KLB-9009' });
    await db.collection('vehicles').doc(veh9.id).set(veh9);
    await db.collection('drivers').doc('drv-9').set(aDriver('drv-9', veh9.id));
    await seedUser(db, 'driver9', '司機九', { role: 'driver', driverId: 'drv-9' });
    await seedPublishedStop(db, { id: 'own-9', date: today, depotId: day.depot.id, driverId: 'drv-9' }, { ...day.orders[1]!, id: 'ord-own-9' }, { driverId: 'drv-9', status: 'scheduled', customerName: '司機九自己的客戶' });
    await db.collection('routes').doc('own-9').update({ vehicleId: veh9.id });
    await seedStartedRoute({ id: 'join-run', date: today, depotId: day.depot.id, driverId: 'drv-1' }, veh1.id, ['併入前的客戶', '併入的客戶', '第二趟的客戶']);
    // The last stop on the truck's second trip: its fulls are still at the depot.
    const seeded = await stored('join-run');
    await db.collection('routes').doc('join-run').update({ stops: seeded.stops.map((s, i) => (i === 2 ? { ...s, trip: 1 } : s)) });
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'driver9', /\/driver$/);
    await phone.getByText('司機九自己的客戶').waitFor();
    const office = await planningPage(today, 0);
    await office.locator('.el-table__row', { hasText: '配送中' }).getByTestId('route-hand-over').click();
    await office.getByRole('option', { name: '司機 drv-9', exact: true }).click();
    const box = office.locator('.el-message-box');
    await box.getByText('要改派的站交給 司機 drv-9？司機 drv-9 當天已有', { exact: false }).waitFor();
    await box.getByText(`這些站加在其還沒送的站之後，開 ${veh9.plate}，各站的鋼瓶要從 ${veh1.plate} 搬過去`, { exact: false }).waitFor();
    await expect(box.getByTestId('hand-over-truck-broken').count()).resolves.toBe(0);
    await box.getByRole('button', { name: '改派司機' }).click();
    const cylinders = (k: number) => day.orders[k]!.items.map((i) => `${i.size} 公斤 × ${i.quantity}`).join('、');
    const told = office.locator('.el-notification', { hasText: '鋼瓶要搬車' });
    await told.getByText(`請將 ${veh1.plate} 車上的 ${cylinders(3)} 搬到 ${veh9.plate}。`).waitFor();
    await told.getByText(`${cylinders(4)} 還沒裝車，司機 drv-9 要回營業所裝。`).waitFor();
    await phone.getByText('辦公室把其他司機的站改派給你').waitFor();
    // The notice and the card say which fulls to fetch from whose truck, and where it is, so drv-9 need not phone drv-1.
    const fetch = `向 司機 drv-1 拿 ${veh1.plate} 車上的 ${cylinders(3)}`;
    const atDepot = `回營業所裝 ${cylinders(4)}（原車還沒裝）`;
    const notice = phone.locator('.el-notification', { hasText: '辦公室把其他司機的站改派給你' });
    for (const line of ['多了 2 站，已加入下方清單。', '另要拿實瓶：', fetch, atDepot]) await notice.getByText(line, { exact: true }).waitFor();
    await phone.getByText('併入的客戶').waitFor();
    await phone.getByText('司機九自己的客戶').waitFor();
    const pickup = phone.getByTestId('driver-pickup');
    await pickup.getByText(/^改派來的站要先拿實瓶（司機 drv-1，\d\d:\d\d 改派）$/).waitFor();
    await pickup.getByText(fetch).waitFor();
    await pickup.getByText(atDepot).waitFor();
    const done = (await stored('join-run')).stops[0]!;
    await expect(pickup.getByRole('link', { name: `${veh1.plate} 的位置` }).getAttribute('href')).resolves.toBe(`https://www.google.com/maps/dir/?api=1&destination=${done.lat},${done.lng}`);
    await pickup.getByRole('button', { name: '實瓶已搬上車' }).click();
    await pickup.getByText(/^實瓶已搬上車（\d\d:\d\d）$/).waitFor();
    await expect(pickup.getByRole('button', { name: '實瓶已搬上車' }).count()).resolves.toBe(0);
    expect((await stored('own-9')).pickups).toEqual([expect.objectContaining({ fromRouteId: 'join-run', moved: { at: expect.any(String), byDriverId: 'drv-9' } })]);
    expect(stopsOf(await stored('own-9'))).toEqual(['ord-own-9', 'ord-join-run-left', 'ord-join-run-left-2']);
    expect(await stored('join-run')).toMatchObject({ status: 'completed', handedOver: { driverId: 'drv-9', routeId: 'own-9', stops: 2 } });
  });

  it("shows the first driver of stops handed over who comes for the fulls on their truck, with that driver's phone, and takes their word that they moved, which the new driver's card then says; a third driver sees none of it", async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    const [vehA, vehB] = [aVehicle('veh-12', { plate: 'KLB-1212' }), aVehicle('veh-13', { plate: 'KLB-1313' })];
    for (const v of [vehA, vehB]) await db.collection('vehicles').doc(v.id).set(v);
    await db.collection('drivers').doc('drv-12').set(aDriver('drv-12', vehA.id));
    await db.collection('drivers').doc('drv-13').set(aDriver('drv-13', vehB.id, { phone: '0912-131-313' }));
    await seedUser(db, 'driver12', '司機十二', { role: 'driver', driverId: 'drv-12' });
    await seedUser(db, 'driver13', '司機十三', { role: 'driver', driverId: 'drv-13' });
    await seedUser(db, 'driver14', '司機十四', { role: 'driver', driverId: 'drv-14' });
    await seedPublishedStop(db, { id: 'own-14', date: today, depotId: day.depot.id, driverId: 'drv-14' }, { ...day.orders[1]!, id: 'ord-own-14' }, { driverId: 'drv-14', status: 'scheduled', customerName: '司機十四自己的客戶' });
    await seedStartedRoute({ id: 'give-run', date: today, depotId: day.depot.id, driverId: 'drv-12' }, vehA.id, ['交車前的客戶', '交出去的客戶']);
    const handOver = await apiClient(stack.url, stack.container)('POST', '/api/routes/give-run/hand-over', { as: { uid: 'u-office', role: 'office' }, body: { driverId: 'drv-13', vehicleId: vehB.id } });
    expect(handOver.status).toBe(200);
    const phoneOf = async (username: string) => {
      const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
      await login(phone, stack.url, username, /\/driver$/);
      return phone;
    };
    const [first, next, third] = [await phoneOf('driver12'), await phoneOf('driver13'), await phoneOf('driver14')];
    const cylinders = day.orders[3]!.items.map((i) => `${i.size} 公斤 × ${i.quantity}`).join('、');
    const given = first.getByTestId('driver-pickup');
    await given.getByText(/^改派出去的站要交實瓶（\d\d:\d\d 改派）$/).waitFor();
    await given.getByText(`司機 drv-13 會來拿你車上的 ${cylinders}`).waitFor();
    await expect(given.getByRole('link', { name: '打電話給 司機 drv-13：0912-131-313' }).getAttribute('href')).resolves.toBe('tel:0912-131-313');
    const fetching = next.getByTestId('driver-pickup');
    await fetching.getByText(`向 司機 drv-12 拿 ${vehA.plate} 車上的 ${cylinders}`).waitFor();
    await given.getByRole('button', { name: '實瓶已搬上車' }).click();
    await given.getByText(/^實瓶已搬上車（\d\d:\d\d）$/).waitFor();
    await fetching.getByText(/^實瓶已搬上車（\d\d:\d\d）$/).waitFor();
    await expect(fetching.getByRole('button', { name: '實瓶已搬上車' }).count()).resolves.toBe(0);
    await expect(given.getByRole('button', { name: '實瓶已搬上車' }).count()).resolves.toBe(0);
    const moved = { at: expect.any(String), byDriverId: 'drv-12' };
    expect((await stored('give-run~drv-13')).pickups).toEqual([expect.objectContaining({ fromRouteId: 'give-run', moved })]);
    expect((await stored('give-run')).handedPickups).toEqual([expect.objectContaining({ toRouteId: 'give-run~drv-13', n: 0, moved })]);
    await third.getByText('司機十四自己的客戶').waitFor();
    await expect(third.getByTestId('driver-pickup').count()).resolves.toBe(0);
  });

  it("does not tell a driver whose phone could not reach Firestore at sign-in that their own route is new once it connects, and still tells one published afterwards", async () => {
    const db = stack.container.db;
    const today = taipeiDate(new Date());
    await seedUser(db, 'driver5', '司機五', { role: 'driver', driverId: 'drv-5' });
    await seedPublishedStop(db, { id: 'own-5', date: today, depotId: day.depot.id, driverId: 'drv-5' }, { ...day.orders[4]!, id: 'ord-own-5' }, { driverId: 'drv-5', status: 'scheduled', customerName: '自己的客戶' });
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    let offline = true;
    await phone.route('**/google.firestore.v1.Firestore/Listen/**', (r) => (offline ? r.abort() : r.continue()));
    await login(phone, stack.url, 'driver5', /\/driver$/);
    // Answered from the phone's cache alone: nothing yet.
    await phone.getByText('今天沒有已發布的路線').waitFor();
    offline = false;
    await phone.evaluate(() => window.dispatchEvent(new Event('online')));
    await phone.getByText('自己的客戶').waitFor();
    await seedPublishedStop(db, { id: 'new-5', date: today, depotId: day.depot.id, driverId: 'drv-5' }, { ...day.orders[2]!, id: 'ord-new-5' }, { driverId: 'drv-5', status: 'scheduled', customerName: '新的客戶' });
    await phone.getByText('新的客戶').waitFor();
    await phone.getByText('多了 1 站').waitFor();
    await expect(phone.getByText('辦公室派給你新的路線').count()).resolves.toBe(1);
    // Reopened, the phone is answered from its cache (the routes it had), the server then agreeing with no change.
    await phone.reload();
    await phone.getByText('新的客戶').waitFor();
    await seedPublishedStop(db, { id: 'later-5', date: today, depotId: day.depot.id, driverId: 'drv-5' }, { ...day.orders[1]!, id: 'ord-later-5' }, { driverId: 'drv-5', status: 'scheduled', customerName: '後來的客戶' });
    await phone.getByText('後來的客戶').waitFor();
    await phone.getByText('多了 1 站').waitFor();
  });

  it('replays the hand-over when the office, offline, chooses the driver again after the answer was lost, instead of refusing it', async () => {
    const db = stack.container.db;
    const date = addDays(day.date, 3);
    await seedPublishedStop(db, { id: 'retry-1', date, depotId: day.depot.id, driverId: 'drv-1' }, { ...day.orders[4]!, id: 'ord-retry' }, { driverId: 'drv-1', status: 'scheduled' });
    await db.collection('routes').doc('retry-1').update({ vehicleId: veh1.id });
    const office = await planningPage(date, 1);
    const keys: string[] = [];
    let answered: number | undefined;
    // Offline once the first try reached the server: its answer is lost, and the row, no longer listened to, still shows drv-1.
    await office.route('**/api/routes/retry-1/hand-over', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) await office.context().setOffline(true);
      const response = await route.fetch();
      answered = response.status();
      if (keys.length === 1) {
        await route.abort('internetdisconnected');
      } else {
        await route.fulfill({ response });
      }
    });
    const handOver = async () => {
      await office.getByTestId('route-hand-over').click();
      await office.getByRole('option', { name: '司機 drv-2', exact: true }).click();
      await office.locator('.el-message-box').getByRole('button', { name: '改派司機' }).click();
    };
    await handOver();
    await eventually(async () => ((await stored('retry-1')).driverId === 'drv-2' ? true : null));
    await office.locator('.el-message--error').first().waitFor();
    await handOver();
    await office.getByText('已改派給 司機 drv-2').waitFor();
    expect([keys.length, keys[1], answered]).toEqual([2, keys[0], 200]);
  });
});

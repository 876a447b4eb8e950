import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { firestoreCylinderStockStore } from '../../functions/src/adapters/firestore/cylinder-stock-store';
import { addDays, taipeiInstant } from '../../functions/src/domain/calendar';
import { standardDeposit } from '../../functions/src/domain/cylinders';
import { nextInspectionDue, withDerived } from '../../functions/src/domain/cylinders/register';
import { addYears } from '../../functions/src/domain/safety';
import { aDriver, aVehicle } from '../../functions/src/domain/routes/test-support/fleet-mother';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { Customer } from '../../functions/src/domain/customers';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openAdminPage, openBrowserStack, seedInvoiceBooks, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of 容器管理 (消防法 §15-4) on the built SPA, the local gateway and the emulators: the office registers two
 * cylinders from a pasted list, sends one to inspection and records it passed (a new deadline), reads its history and the
 * 容器管理資料 file, and the depot's stock moves with it; it moves a cylinder to another depot as an empty, and both depots'
 * stock moves; tomorrow's cover takes off the fulls on today's trucks until the settlement, and names yesterday's truck left
 * unsettled and a delivery uploaded after its day was settled, linking to that day's 司機日結, where 更正 books it; the office's order names the customer's cylinders due for inspection,
 * the driver's deliver dialog has them ticked as collected, the empties raised to cover them; a driver names cylinders at the door — one past its deadline is refused there with
 * nothing recorded, the one inspected is left and then stands at the customer, and the driver is told the empty taken back
 * with it is not on the register.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const TODAY = taipeiDate();
const DRIVER = 'drv-cyl-1';
const DEPOT = { id: 'depot-cyl', name: '幸福氣 中和站', address: '新北市中和區中正路1號', location: { lat: 25.0, lng: 121.5 } };
/** Factory-tested 2015-03-10: steel on the post-2005 table, so its first period ended 2020-03-10, long past. */
const FACTORY = '2015-03-10';
const PASSES = 'TW20-E2E001';
const OVERDUE = 'TW20-E2E002';
/** Registered at the customer, past its deadline: the driver's stop asks for it back. */
const AT_CUSTOMER = 'TW20-E2E050';
/** Registered at the customer, due in 10 days: asked for too, but the driver does not find it. */
const NOT_FOUND = 'TW20-E2E051';
/** Never registered. */
const STRAY = 'TW20-E2E099';
const STATION = '新北容器檢驗場';
/** Registered at the depot and moved, as an empty, to the other depot. */
const MOVED = 'TW20-E2E070';
const OTHER_DEPOT = { ...DEPOT, id: 'depot-cyl-b', name: '幸福氣 三重站' };

let stack: TestStack;
let browser: Browser;
let customer: Customer;

const cylinder = async (serial: string) => (await stack.container.db.collection('cylinders').doc(serial).get()).data();
const daysLate = (due: string) => Math.round((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);

/** Today's published route for the driver with one scheduled stop at the customer, starting from the depot. */
async function seedRoute(): Promise<string> {
  const order = anOrder().withId('ord-cyl-1').forCustomer(customer).onDriver(DRIVER).inStatus('scheduled').build();
  await seedPublishedStop(stack.container.db, { id: 'route-cyl-1', date: TODAY, depotId: DEPOT.id, driverId: DRIVER }, order, { customerName: customer.name });
  return order.id;
}

const desk = () => browser.newContext({ locale: 'zh-TW', viewport: { width: 1400, height: 900 } }).then((c) => c.newPage());

/** The office's 容器管理 tab, through the menu and the tab. */
async function openRegister(page: Page) {
  await login(page, stack.url, 'office', /\/office$/);
  await page.getByRole('menuitem', { name: '鋼瓶庫存' }).click();
  await page.getByRole('tab', { name: '容器管理' }).click();
  await page.waitForURL(/\/office\/cylinders\?tab=register$/);
}

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-cylinders' }));
  const db = stack.container.db;
  await Promise.all([
    seedUser(db, 'office', '王小姐', { role: 'office' }),
    seedUser(db, 'driver1', '林司機', { role: 'driver', driverId: DRIVER }),
    db.collection('depots').doc(DEPOT.id).set(DEPOT),
    db.collection('depots').doc(OTHER_DEPOT.id).set(OTHER_DEPOT),
    seedInvoiceBooks(db, TODAY),
  ]);
  customer = await firestoreCustomerStore(db).create('cust-cyl-1', (code) => aCustomer().withId('cust-cyl-1').withCode(code).with({ name: '鋼瓶測試麵店' }).build());
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('cylinder register (容器管理)', () => {
  it('office registers two cylinders from a pasted list, sends one to inspection and records it passed: a new deadline', async () => {
    const page = await desk();
    await openRegister(page);
    const table = page.getByTestId('cylinder-table');
    const rowOf = (serial: string) => table.locator('.el-table__row', { hasText: serial });

    // 登錄鋼瓶: pasted lower-case with a blank line and an entry that is no serial, fixed before sending.
    await page.getByTestId('cylinder-register-open').click();
    const form = page.locator('[data-test=cylinder-register-form]:visible');
    const serials = form.getByTestId('cylinder-register-serials');
    await serials.fill(`${PASSES.toLowerCase()}\n\nTW#1\n${OVERDUE}`);
    await form.getByTestId('cylinder-register-invalid').getByText('TW#1').waitFor();
    await expect(page.getByTestId('cylinder-register-submit').isDisabled()).resolves.toBe(true);
    await serials.fill(`${PASSES.toLowerCase()}\n\n${OVERDUE}\n`);
    await expect(form.getByTestId('cylinder-register-count').textContent()).resolves.toBe('共 2 支');
    const factory = form.locator('.el-form-item', { hasText: '出廠耐壓試驗日期' }).locator('input');
    await factory.fill(FACTORY.replaceAll('-', '/'));
    await factory.press('Enter');
    await page.screenshot({ path: join(SHOTS, 'lg-office-cylinders-register.png'), fullPage: true });
    await page.getByTestId('cylinder-register-submit').click();

    // Both past their first deadline: red, with the days late, and counted on the card.
    const firstDue = nextInspectionDue({ size: 20, material: 'steel', factoryTestedOn: FACTORY, lastInspectedOn: null });
    await rowOf(PASSES).getByTestId('cylinder-overdue').getByText(`逾期 ${daysLate(firstDue)} 天`).waitFor({ timeout: 20_000 });
    await rowOf(OVERDUE).getByTestId('cylinder-overdue').waitFor();
    await page.getByTestId('cylinder-card-overdue').getByText('2', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await cylinder(PASSES)).toMatchObject({ size: 20, material: 'steel', factoryTestedOn: FACTORY, lastInspectedOn: null, status: 'inService', location: { kind: 'depot', depotId: DEPOT.id } });
    await expect(rowOf(PASSES).getByTestId('cylinder-location').textContent()).resolves.toBe(DEPOT.name);

    // 送驗: the one selected goes to the station.
    await rowOf(PASSES).locator('.el-checkbox').click();
    await page.getByTestId('cylinder-batch-send').click();
    await page.getByTestId('cylinder-batch-station').fill(STATION);
    await page.getByTestId('cylinder-batch-submit').click();
    await rowOf(PASSES).getByTestId('cylinder-status').getByText('送驗中').waitFor({ timeout: 20_000 });
    await expect(rowOf(PASSES).getByTestId('cylinder-location').textContent()).resolves.toBe(`檢驗場：${STATION}`);

    // 檢驗結果 on both: the one still at the depot is named and left out, the one at the station passes today.
    await rowOf(PASSES).locator('.el-checkbox').click();
    await rowOf(OVERDUE).locator('.el-checkbox').click();
    await page.getByTestId('cylinder-batch-result').click();
    await page.getByTestId('cylinder-batch-refused').getByText(`${OVERDUE} 未送驗`).waitFor();
    await expect(page.getByTestId('cylinder-batch-submit').textContent()).resolves.toContain('處理 1 支');
    await page.screenshot({ path: join(SHOTS, 'lg-office-cylinders-result.png'), fullPage: true });
    await page.getByTestId('cylinder-batch-submit').click();
    const newDue = nextInspectionDue({ size: 20, material: 'steel', factoryTestedOn: FACTORY, lastInspectedOn: TODAY });
    await rowOf(PASSES).getByTestId('cylinder-next').getByText(formatCalendarDate(newDue)).waitFor({ timeout: 20_000 });
    await expect(rowOf(PASSES).getByTestId('cylinder-status').textContent()).resolves.toBe('使用中');
    expect(await rowOf(PASSES).getByTestId('cylinder-overdue').count()).toBe(0);
    expect(await cylinder(PASSES)).toMatchObject({ lastInspectedOn: TODAY, nextInspectionDue: newDue, status: 'inService', location: { kind: 'depot', depotId: DEPOT.id } });
    expect(await cylinder(OVERDUE)).toMatchObject({ status: 'inService', lastInspectedOn: null });
    await page.getByTestId('cylinder-card-overdue').getByText('1', { exact: true }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-cylinders.png'), fullPage: true });

    // 報廢 names the cylinders it would take, not only how many; backing out scraps nothing.
    await rowOf(PASSES).locator('.el-checkbox').click();
    await rowOf(OVERDUE).locator('.el-checkbox').click();
    await page.getByTestId('cylinder-batch-scrap').click();
    const scrapList = page.getByTestId('cylinder-batch-scrap-list');
    await scrapList.getByText('以下 2 支將報廢，報廢後無法復原：').waitFor();
    await expect(scrapList.locator('li').allTextContents()).resolves.toEqual([PASSES, OVERDUE]);
    await page.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click();
    await scrapList.waitFor({ state: 'hidden' });
    // A selection does not outlive what is on screen: another card shows other cylinders, and the ticks go with the rows.
    await expect(page.getByTestId('cylinder-selected').textContent()).resolves.toBe('已選 2 支');
    await page.getByTestId('cylinder-card-scrapped').click();
    await page.getByTestId('cylinder-selected').getByText('已選 0 支').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('cylinder-batch-scrap').isDisabled()).resolves.toBe(true);
    await page.getByTestId('cylinder-card-inService').click();
    await rowOf(OVERDUE).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('cylinder-selected').textContent()).resolves.toBe('已選 0 支');
    await expect(page.getByTestId('cylinder-batch-scrap').isDisabled()).resolves.toBe(true);
    expect(await cylinder(PASSES)).toMatchObject({ status: 'inService' });

    // The cylinder's history: registered, sent, passed, newest first.
    await rowOf(PASSES).getByTestId('cylinder-serial').click();
    const drawer = page.getByTestId('cylinder-drawer');
    await drawer.getByTestId('cylinder-next').getByText(formatCalendarDate(newDue)).waitFor({ timeout: 20_000 });
    await expect(drawer.getByTestId('cylinder-last').textContent()).resolves.toBe(formatCalendarDate(TODAY));
    const history = drawer.getByTestId('cylinder-history').locator('.el-table__row');
    await expect(history.allTextContents()).resolves.toEqual([expect.stringContaining('檢驗合格'), expect.stringContaining('送驗'), expect.stringContaining('登錄')]);
    await expect(history.first().textContent()).resolves.toContain(`檢驗日期 ${formatCalendarDate(TODAY)}`);
    // 經手: the person who did it, by their account's name, never an account id.
    await expect(history.locator('td:last-child').allTextContents()).resolves.toEqual(['王小姐', '王小姐', '王小姐']);
    await page.keyboard.press('Escape');

    // 匯出容器管理資料: the file the retailer keeps, in zh-TW columns.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cylinder-export').click()]);
    expect(download.suggestedFilename()).toBe(`容器管理資料_${TODAY}.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('鋼印號碼,容量,材質,出廠耐壓試驗日期,最近檢驗日期,下次檢驗期限,狀態,所在位置');
    expect(lines).toContain(`${PASSES},20公斤,鋼製,${FACTORY},${TODAY},${newDue},使用中,${DEPOT.name}`);

    // The file takes what the list shows: from the 已逾檢驗期限 card, the overdue alone (audit 22 F7).
    await page.getByTestId('cylinder-card-overdue').click();
    await rowOf(OVERDUE).waitFor({ timeout: 20_000 });
    const [overdueFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cylinder-export').click()]);
    const overdueRows = readFileSync(await overdueFile.path()).subarray(3).toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(overdueRows.map((l) => l.split(',')[0])).toEqual([OVERDUE]);

    // The depot's stock moved with the register: out to the station, back in when it passed, the cylinder named.
    await page.getByRole('tab', { name: '庫存' }).click();
    const movements = page.getByTestId('stock-movements').locator('.el-table__row');
    await movements.first().getByText('檢驗合格返回（容器管理）').waitFor({ timeout: 20_000 });
    await expect(movements.locator('[data-test=stock-movement-serials]').allTextContents()).resolves.toEqual([`鋼瓶 ${PASSES}`, `鋼瓶 ${PASSES}`]);
    await expect(movements.nth(1).textContent()).resolves.toContain('送驗（容器管理）');
    await expect(movements.nth(1).textContent()).resolves.toContain('20 公斤：實瓶 0、空瓶 -1');
    await expect(movements.first().textContent()).resolves.toContain('20 公斤：實瓶 0、空瓶 +1');
    await page.context().close();
  }, 120_000);

  it('office moves a cylinder to another depot, asked whether it goes full or empty: the empties of both depots move, the movement naming it', async () => {
    const db = stack.container.db;
    const at = new Date().toISOString();
    await db.collection('cylinders').doc(MOVED).set(withDerived({ serial: MOVED, size: 20, material: 'steel', factoryTestedOn: TODAY, lastInspectedOn: null, status: 'inService', location: { kind: 'depot', depotId: DEPOT.id }, registeredAt: at, updatedAt: at }));
    await firestoreCylinderStockStore(db).apply({ id: 'mov-e2e-count', depotId: DEPOT.id, by: { uid: 'u-office', role: 'office' }, at: new Date(), detail: { kind: 'count', counted: [{ size: 20, full: 2, empty: 3 }], note: '' } });

    const page = await desk();
    await openRegister(page);
    const row = page.getByTestId('cylinder-table').locator('.el-table__row', { hasText: MOVED });
    await row.locator('.el-checkbox').click();
    await page.getByTestId('cylinder-batch-move').click();
    await page.getByTestId('cylinder-batch-to').click();
    await page.getByRole('option', { name: OTHER_DEPOT.name }).click();
    // Full or empty has no default: the stock moves by it, and only the clerk knows.
    const state = page.getByTestId('cylinder-batch-state');
    await expect(state.locator('.el-radio-button').allTextContents()).resolves.toEqual(['實瓶', '空瓶']);
    await expect(page.getByTestId('cylinder-batch-submit').isDisabled()).resolves.toBe(true);
    await state.getByText('空瓶').click();
    await page.screenshot({ path: join(SHOTS, 'lg-office-cylinders-move.png'), fullPage: true });
    await page.getByTestId('cylinder-batch-submit').click();
    await row.getByTestId('cylinder-location').getByText(OTHER_DEPOT.name).waitFor({ timeout: 20_000 });
    // Its history says it went as an empty.
    await row.getByTestId('cylinder-serial').click();
    const latest = page.getByTestId('cylinder-drawer').getByTestId('cylinder-history').locator('.el-table__row').first();
    await latest.getByText('移轉營業所').waitFor({ timeout: 20_000 });
    await expect(latest.textContent()).resolves.toContain('空瓶');
    await page.keyboard.press('Escape');

    // Back on 庫存 the figures are read again: waited for, not read at once.
    await page.getByRole('tab', { name: '庫存' }).click();
    const figure = (depotId: string, testId: string, value: number) => page.getByTestId(`stock-depot-${depotId}`).locator(`[data-test=${testId}]`, { hasText: new RegExp(`^${value}$`) }).waitFor({ timeout: 20_000 });
    await figure(DEPOT.id, 'stock-empty-20', 2);
    await figure(DEPOT.id, 'stock-full-20', 2);
    await figure(OTHER_DEPOT.id, 'stock-empty-20', 1);
    await figure(OTHER_DEPOT.id, 'stock-full-20', 0);
    await page.getByTestId('stock-movements-depot').getByText(DEPOT.name).click();
    const out = page.getByTestId('stock-movements').locator('.el-table__row').first();
    await out.getByText(`移轉營業所：空瓶移至${OTHER_DEPOT.name}（容器管理）`).waitFor({ timeout: 20_000 });
    await expect(out.textContent()).resolves.toContain('20 公斤：實瓶 0、空瓶 -1');
    await expect(out.getByTestId('stock-movement-serials').textContent()).resolves.toBe(`鋼瓶 ${MOVED}`);
    await page.getByTestId('stock-movements-depot').getByText(OTHER_DEPOT.name).click();
    await page.getByTestId('stock-movements').locator('.el-table__row').first().getByText(`移轉營業所：空瓶來自${DEPOT.name}（容器管理）`).waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 120_000);

  it('office’s cover for tomorrow takes off the fulls on today’s trucks: the stock keeps them until the driver’s day is settled', async () => {
    const db = stack.container.db;
    const stocktake = (depotId: string, full: number) =>
      firestoreCylinderStockStore(db).apply({ id: `mov-e2e-cover-${depotId}`, depotId, by: { uid: 'u-office', role: 'office' }, at: new Date(), detail: { kind: 'count', counted: [{ size: 20, full, empty: 0 }], note: '' } });
    await Promise.all([stocktake(DEPOT.id, 4), stocktake(OTHER_DEPOT.id, 0)]);
    // Another driver's route today carries 20 kg × 3; tomorrow's order wants 20 kg × 2.
    const elsewhere = aCustomer().withId('cust-cyl-2').with({ name: '車上測試行' }).build();
    const loaded = anOrder().withId('ord-cyl-loaded').forCustomer(elsewhere).onDriver('drv-cyl-2').inStatus('scheduled').with({ items: [{ size: 20, quantity: 3 }] }).build();
    await seedPublishedStop(db, { id: 'route-cyl-2', date: TODAY, depotId: DEPOT.id, driverId: 'drv-cyl-2' }, loaded, { customerName: elsewhere.name });
    const wanted = anOrder().withId('ord-cyl-tomorrow').forCustomer(elsewhere).inStatus('confirmed').with({ requestedDate: addDays(TODAY, 1), items: [{ size: 20, quantity: 2 }] }).build();
    await db.collection('orders').doc(wanted.id).set(wanted);

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '鋼瓶庫存' }).click();
    const row = page.getByTestId('stock-cover').locator('.el-table__row', { hasText: '20 公斤' });
    await row.getByTestId('stock-on-trucks-20').getByText('-3', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(row.locator('td').allTextContents()).resolves.toEqual(['20 公斤', '2', '4', '-3', '1']);
    await expect(page.getByTestId('stock-short-alert').textContent()).resolves.toContain('20 公斤 實瓶不足');
    await expect(page.getByTestId('stock-cover-hint').textContent()).resolves.toBe('司機日結後才會從庫存扣除當天送出的實瓶；不足數已先扣除今日路線上已送達及仍在車上的實瓶。');
    await page.screenshot({ path: join(SHOTS, 'lg-office-stock-cover-on-trucks.png'), fullPage: true });
    await page.context().close();
    // The later tests' board and driver pages start without them.
    await Promise.all([db.collection('orders').doc(loaded.id).delete(), db.collection('orders').doc(wanted.id).delete(), db.collection('routes').doc('route-cyl-2').delete()]);
  }, 120_000);

  it('office’s cover names yesterday’s truck nobody settled and a delivery uploaded after its day was settled, each linking to that day’s 司機日結, where 更正 books it', async () => {
    const db = stack.container.db;
    const call = apiClient(stack.url, stack.container);
    const yesterday = addDays(TODAY, -1);
    const truck = aVehicle('veh-cyl-y', { plate: 'KLC-3003', depotId: DEPOT.id });
    const [unsettled, late] = [aDriver('drv-cyl-y', truck.id, { name: '陳司機' }), aDriver('drv-cyl-z', truck.id, { name: '黃司機' })];
    await Promise.all([db.collection('vehicles').doc(truck.id).set(truck), ...[unsettled, late].map((d) => db.collection('drivers').doc(d.id).set(d))]);
    const elsewhere = aCustomer().withId('cust-cyl-y').with({ name: '昨日測試行' }).build();
    const stopOf = async (routeId: string, orderId: string, driverId: string, quantity: number) => {
      const order = anOrder().withId(orderId).forCustomer(elsewhere).onDriver(driverId).inStatus('scheduled').with({ items: [{ size: 20, quantity }] }).build();
      await seedPublishedStop(db, { id: routeId, date: yesterday, depotId: DEPOT.id, driverId }, order, { customerName: elsewhere.name });
      await db.collection('routes').doc(routeId).update({ vehicleId: truck.id });
    };
    // 陳司機's truck left yesterday with 20 kg × 1 and 20 kg × 2, delivered the first, and nobody settled the day; 黃司機
    // delivered 20 kg × 1, was settled, and then the phone uploaded the second stop, done yesterday at the door.
    await stopOf('route-cyl-y1', 'ord-cyl-y1', unsettled.id, 1);
    await stopOf('route-cyl-y2', 'ord-cyl-y2', unsettled.id, 2);
    await stopOf('route-cyl-z1', 'ord-cyl-z1', late.id, 1);
    await stopOf('route-cyl-z2', 'ord-cyl-z2', late.id, 1);
    const deliver = (orderId: string, driverId: string, hour: string) =>
      call('POST', `/api/driver/stops/${orderId}/deliver`, { as: { uid: `u-${driverId}`, role: 'driver', driverId }, body: { actionId: randomUUID(), at: taipeiInstant(yesterday, hour), delivered: [{ size: 20, quantity: 1 }] } });
    const settle = () => call('POST', '/api/settlements', { as: 'office', body: { date: yesterday, driverId: late.id, cashReceived: 0 } });
    expect((await deliver('ord-cyl-y1', unsettled.id, '09:00')).status).toBe(200);
    expect((await deliver('ord-cyl-z1', late.id, '10:00')).status).toBe(200);
    expect((await settle()).status).toBe(200);
    expect((await deliver('ord-cyl-z2', late.id, '11:00')).status).toBe(200);

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '鋼瓶庫存' }).click();
    const row = page.getByTestId('stock-cover').locator('.el-table__row', { hasText: '20 公斤' });
    await row.getByTestId('stock-unbooked-20').getByText('-4', { exact: true }).waitFor({ timeout: 20_000 });
    const unsettledAlert = page.getByTestId('stock-unsettled');
    await expect(unsettledAlert.textContent()).resolves.toContain('昨日尚未日結：KLC-3003 號車（陳司機）已送出或載出 20 公斤 × 3，庫存仍計入，不足數已先扣除。');
    await expect(unsettledAlert.getByTestId('stock-to-settlement').getAttribute('href')).resolves.toBe(`/office/reports?tab=settlement&date=${yesterday}`);
    const lateAlert = page.getByTestId('stock-delivered-after-settlement');
    await expect(lateAlert.textContent()).resolves.toContain(`日結後補傳：黃司機 ${formatCalendarDate(yesterday, 'zh-TW')} 點收後才上傳的送達 20 公斤 × 1，庫存尚未扣除，不足數已先扣除；請重新點收。`);
    await page.screenshot({ path: join(SHOTS, 'lg-office-stock-cover-unbooked.png'), fullPage: true });

    await lateAlert.getByTestId('stock-to-settlement').click();
    await page.waitForURL(new RegExp(`/office/reports\\?tab=settlement&date=${yesterday}$`));
    await expect(page.getByTestId('settlement-table').locator('.el-table__row', { hasText: '陳司機' }).getByTestId('settlement-status').textContent()).resolves.toBe('未結算');
    const settled = page.getByTestId('settlement-table').locator('.el-table__row', { hasText: '黃司機' });
    await expect(settled.getByTestId('settlement-late-upload').locator('.el-tag').textContent({ timeout: 20_000 })).resolves.toBe('日結後補傳 20 公斤 × 1');
    await page.screenshot({ path: join(SHOTS, 'lg-office-settlement-late-upload.png'), fullPage: true });
    // 更正 with the same hand-in: the settlement's movement now takes the late delivery out of the stock.
    await settled.getByTestId('settlement-record').click();
    await page.getByTestId('settlement-submit').click();
    await settled.getByTestId('settlement-late-upload').waitFor({ state: 'detached', timeout: 20_000 });
    await page.context().close();
    await Promise.all(
      ['ord-cyl-y1', 'ord-cyl-y2', 'ord-cyl-z1', 'ord-cyl-z2'].flatMap((id) => [db.collection('orders').doc(id).delete(), db.collection('routes').doc(id.replace('ord-', 'route-')).delete()]),
    );
  }, 120_000);

  it('office’s cover names a truck left unsettled three days ago by its day, whose 司機日結 row (no stop recorded) says the fulls to come back and settles it', async () => {
    const db = stack.container.db;
    const day = addDays(TODAY, -3);
    const truck = aVehicle('veh-cyl-w', { plate: 'KLC-3005', depotId: DEPOT.id });
    const driver = aDriver('drv-cyl-w', truck.id, { name: '林司機' });
    await Promise.all([db.collection('vehicles').doc(truck.id).set(truck), db.collection('drivers').doc(driver.id).set(driver)]);
    // 林司機's truck left with 20 kg × 2 for one stop; the phone never sent its outcome and nobody settled the day.
    const customer = aCustomer().withId('cust-cyl-w').with({ name: '三天前測試行' }).build();
    const order = anOrder().withId('ord-cyl-w').forCustomer(customer).onDriver(driver.id).inStatus('scheduled').with({ items: [{ size: 20, quantity: 2 }] }).build();
    await seedPublishedStop(db, { id: 'route-cyl-w', date: day, depotId: DEPOT.id, driverId: driver.id }, order, { customerName: customer.name });
    await db.collection('routes').doc('route-cyl-w').update({ vehicleId: truck.id });

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '鋼瓶庫存' }).click();
    const alert = page.getByTestId('stock-unsettled').filter({ hasText: '林司機' });
    await alert.waitFor({ timeout: 20_000 });
    await expect(alert.textContent()).resolves.toContain(`${formatCalendarDate(day, 'zh-TW')} 尚未日結：KLC-3005 號車（林司機）已送出或載出 20 公斤 × 2，庫存仍計入，不足數已先扣除。`);
    await alert.getByTestId('stock-to-settlement').click();
    await page.waitForURL(new RegExp(`/office/reports\\?tab=settlement&date=${day}$`));
    const row = page.getByTestId('settlement-table').locator('.el-table__row', { hasText: '林司機' });
    await expect(row.getByTestId('settlement-undelivered').textContent({ timeout: 20_000 })).resolves.toContain('1 站未回報結果，車上 20 公斤 × 2 應帶回');
    await page.screenshot({ path: join(SHOTS, 'lg-office-settlement-undelivered.png'), fullPage: true });
    await row.getByTestId('settlement-record').click();
    await page.getByTestId('settlement-submit').click();
    await row.getByTestId('settlement-status').getByText('✓', { exact: false }).waitFor({ timeout: 20_000 });
    await page.getByRole('menuitem', { name: '鋼瓶庫存' }).click();
    await page.getByTestId('stock-cover').waitFor();
    await page.getByTestId('stock-unsettled').filter({ hasText: '林司機' }).waitFor({ state: 'detached', timeout: 20_000 });
    await page.context().close();
    await Promise.all([db.collection('orders').doc(order.id).delete(), db.collection('routes').doc('route-cyl-w').delete()]);
  }, 120_000);

  it('driver’s stop names the register’s cylinders at the customer past or near their deadline, the office’s order too, and the deliver dialog takes them back ticked', async () => {
    const orderId = await seedRoute();
    // Two 20 kg at the customer, their deposits paid; the order leaves one full and takes no empty back.
    const onSite = [{ size: 20, count: 2, depositPaid: 2 * standardDeposit(20) }];
    await stack.container.db.collection('customers').doc(customer.id).update({ cylindersOnSite: onSite });
    const facts = { serial: AT_CUSTOMER, size: 20 as const, material: 'steel' as const, factoryTestedOn: FACTORY, lastInspectedOn: null };
    // Inspected five years and ten days before: due in ten days.
    const soon = { ...facts, serial: NOT_FOUND, lastInspectedOn: addYears(addDays(TODAY, 10), -5) };
    const at = new Date().toISOString();
    for (const c of [facts, soon]) {
      await stack.container.db
        .collection('cylinders')
        .doc(c.serial)
        .set(withDerived({ ...c, status: 'inService', location: { kind: 'customer', customerId: customer.id }, registeredAt: at, updatedAt: at }));
    }
    const overdueLine = `${AT_CUSTOMER}（20 公斤）檢驗期限 ${formatCalendarDate(nextInspectionDue(facts))} 已過`;
    const soonLine = `${NOT_FOUND}（20 公斤）${formatCalendarDate(nextInspectionDue(soon))} 檢驗到期`;

    // The office, taking the customer's call, sees them on the order.
    const office = await desk();
    await login(office, stack.url, 'office', /\/office$/);
    await office.getByRole('menuitem', { name: '訂單看板' }).click();
    await office.getByRole('button', { name: new RegExp(customer.name) }).click();
    await office.getByTestId('order-to-collect').first().waitFor({ timeout: 20_000 });
    await expect(office.getByTestId('order-to-collect').allTextContents()).resolves.toEqual([overdueLine, soonLine]);
    await office.context().close();

    // The register's 已逾檢驗期限 at 客戶處, no customer picked: those to call back wherever they are, not the one waiting
    // at the depot for inspection (OVERDUE).
    const register = await desk();
    await openRegister(register);
    await register.getByTestId('cylinder-card-overdue').click();
    const rows = register.getByTestId('cylinder-table').locator('.el-table__row');
    await rows.filter({ hasText: OVERDUE }).waitFor({ timeout: 20_000 });
    await register.getByTestId('cylinder-filter-place').click();
    await register.locator('.el-select-dropdown__item:visible', { hasText: '客戶處' }).click();
    await rows.filter({ hasText: OVERDUE }).waitFor({ state: 'detached', timeout: 20_000 });
    await expect(rows.getByTestId('cylinder-serial').allTextContents()).resolves.toEqual([AT_CUSTOMER]);
    await expect(rows.getByTestId('cylinder-location').allTextContents()).resolves.toEqual([`客戶 ${customer.code} ${customer.name}`]);
    await register.context().close();

    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await login(page, stack.url, 'driver1', /\/driver$/);
    const stop = page.locator('[data-test=stop]', { hasText: customer.name });
    await expect(stop.getByTestId('stop-to-collect').innerText({ timeout: 20_000 })).resolves.toBe(
      `鋼瓶 ${AT_CUSTOMER}（20 公斤）檢驗期限 ${formatCalendarDate(nextInspectionDue(facts))} 已過：請換瓶並帶回送驗\n鋼瓶 ${NOT_FOUND}（20 公斤）${formatCalendarDate(nextInspectionDue(soon))} 檢驗到期：請本次換瓶帶回送驗`,
    );
    await page.screenshot({ path: join(SHOTS, 'lg-driver-cylinder-to-collect.png') });

    // 送達: the section is open with both ticked as collected; the order takes no empty back, so the empties are raised to
    // cover them and the dialog says so instead of warning that more serials than empties were named.
    await stop.getByTestId('deliver').click();
    const ticked = page.getByTestId('serials-to-collect');
    await expect(ticked.locator('.el-checkbox').allTextContents()).resolves.toEqual([overdueLine, soonLine]);
    await expect(ticked.locator('.el-checkbox.is-checked').count()).resolves.toBe(2);
    await expect(page.getByTestId('delivery-serials').textContent()).resolves.toContain('已填 2 支');
    const empties20 = page.getByTestId('deliver-empties').getByTestId('size-count-20').locator('input');
    await expect(empties20.inputValue()).resolves.toBe('2');
    await expect(page.getByTestId('deliver-empties-raised').textContent()).resolves.toBe('已依回收鋼瓶調整空瓶數');
    expect(await page.getByText('號碼比上面填的').count()).toBe(0);
    await page.getByTestId('delivery-serials').screenshot({ path: join(SHOTS, 'lg-driver-cylinder-to-collect-ticked.png') });
    // The one not found unticked: the count follows, and the full left for the one taken back is a swap, no deposit due.
    await page.getByTestId(`serials-to-collect-${NOT_FOUND}`).click();
    await expect(page.getByTestId('delivery-serials').textContent()).resolves.toContain('已填 1 支');
    await expect(empties20.inputValue()).resolves.toBe('1');
    expect(await page.getByTestId('deposit-due-20').count()).toBe(0);
    await page.getByTestId('deliver-confirm').click();
    await stop.getByText('已送達').waitFor({ timeout: 30_000 });
    expect(await cylinder(AT_CUSTOMER)).toMatchObject({ location: { kind: 'depot', depotId: DEPOT.id } });
    expect(await cylinder(NOT_FOUND)).toMatchObject({ location: { kind: 'customer', customerId: customer.id } });
    const delivered = (await stack.container.db.collection('orders').doc(orderId).get()).data();
    expect(delivered).toMatchObject({ emptiesToCollect: [], delivery: { delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 1 }] } });
    expect((await stack.container.db.collection('customers').doc(customer.id).get()).get('cylindersOnSite')).toEqual(onSite);
    await context.close();
    // The next test's stop starts with nothing to bring back.
    await stack.container.db.collection('cylinders').doc(NOT_FOUND).delete();
  }, 120_000);

  it('driver names the cylinders left: one past its deadline is refused with nothing recorded, the inspected one then stands at the customer, a stray collected one named on the stop after a reload and on the office’s order', async () => {
    const orderId = await seedRoute();
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await login(page, stack.url, 'driver1', /\/driver$/);
    const stop = page.locator('[data-test=stop]', { hasText: customer.name });

    async function deliverWith(serial: string, collected?: string) {
      await stop.getByTestId('deliver').click({ timeout: 20_000 });
      const section = page.getByTestId('delivery-serials');
      // Folded away until asked for: the usual delivery stays one tap.
      expect(await section.getByTestId('serials-input-delivered').isVisible()).toBe(false);
      await section.locator('.el-collapse-item__header').click();
      await section.getByTestId('serials-input-delivered').fill(serial.toLowerCase());
      if (collected) await section.getByTestId('serials-input-collected').fill(collected);
      await expect(section.textContent()).resolves.toContain(`已填 ${collected ? 2 : 1} 支`);
      await page.screenshot({ path: join(SHOTS, 'lg-driver-cylinder-serials.png'), fullPage: true });
      await page.getByTestId('deliver-confirm').click();
      await page.getByTestId('deliver-confirm').waitFor({ state: 'hidden' });
    }

    // 掃描 is offered wherever the browser has a camera API, BarcodeDetector or not (serial-scan.e2e.test.ts scans).
    await stop.getByTestId('deliver').click({ timeout: 20_000 });
    await page.getByTestId('delivery-serials').locator('.el-collapse-item__header').click();
    expect(await page.getByTestId('serials-scan-delivered').count()).toBe(1);
    await page.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click();

    // Past its deadline at the route's depot: the phone knows it from the stop's list and refuses it at the door.
    await stop.getByTestId('deliver').click({ timeout: 20_000 });
    await page.getByTestId('delivery-serials').locator('.el-collapse-item__header').click();
    await page.getByTestId('serials-input-delivered').fill(OVERDUE.toLowerCase());
    const due = (await cylinder(OVERDUE))?.['nextInspectionDue'] as string;
    await page.getByTestId('serials-overdue').getByText(`鋼瓶 ${OVERDUE} 檢驗期限 ${formatCalendarDate(due, 'zh-TW')} 已過，不可配送，請帶回送驗`).waitFor();
    await expect(page.getByTestId('deliver-confirm').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'lg-driver-cylinder-refused.png'), fullPage: true });
    await page.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click();
    expect((await stack.container.db.collection('orders').doc(orderId).get()).get('status')).toBe('scheduled');
    expect(await cylinder(OVERDUE)).toMatchObject({ location: { kind: 'depot', depotId: DEPOT.id } });

    // An empty taken back that the register does not know: delivered all the same, the driver told after the upload.
    await deliverWith(PASSES, STRAY);
    await stop.getByText('已送達').waitFor({ timeout: 30_000 });
    await page.getByTestId('upload-notice').getByText(`${customer.name}：回收鋼瓶 ${STRAY} 不在容器登錄，已通知辦公室`).waitFor({ timeout: 20_000 });
    expect(await cylinder(PASSES)).toMatchObject({ status: 'inService', location: { kind: 'customer', customerId: customer.id } });
    const events = (await stack.container.db.collection('cylinders').doc(PASSES).collection('events').where('type', '==', 'delivered').get()).docs.map((d) => d.data());
    expect(events).toEqual([expect.objectContaining({ orderId, customerId: customer.id, by: { uid: 'u-driver1', role: 'driver' } })]);
    // The upload's notice lives on this page only; the delivered stop keeps naming the stray after a reload.
    const stopNotice = `回收鋼瓶 ${STRAY} 不在容器登錄，已通知辦公室`;
    await expect(stop.getByTestId('stop-unknown-serials').textContent({ timeout: 20_000 })).resolves.toBe(stopNotice);
    await page.reload();
    await expect(stop.getByTestId('stop-unknown-serials').textContent({ timeout: 20_000 })).resolves.toBe(stopNotice);
    expect(await page.getByTestId('upload-notice').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lg-driver-stop-unknown-serials.png'), fullPage: true });
    await context.close();

    // The office sees it there, by the customer's code and name as the list answers them (no request per customer), and
    // the stray on the order.
    const office = await desk();
    const customerReads: string[] = [];
    office.on('request', (r) => {
      if (/\/api\/customers\/[^/?]+$/.test(new URL(r.url()).pathname)) customerReads.push(r.url());
    });
    await openRegister(office);
    const row = office.getByTestId('cylinder-table').locator('.el-table__row', { hasText: PASSES });
    await row.getByTestId('cylinder-location').getByText(`客戶 ${customer.code} ${customer.name}`).waitFor({ timeout: 20_000 });
    await row.getByTestId('cylinder-serial').click();
    await office.getByTestId('cylinder-drawer').getByTestId('cylinder-location').getByText(`客戶 ${customer.code} ${customer.name}`).waitFor({ timeout: 20_000 });
    await expect(office.getByTestId('cylinder-history').textContent()).resolves.toContain(`客戶 ${customer.code} ${customer.name}`);
    await office.keyboard.press('Escape');
    expect(customerReads).toEqual([]);
    await office.getByRole('menuitem', { name: '訂單看板' }).click();
    await office.getByRole('button', { name: new RegExp(customer.name) }).click();
    await expect(office.getByTestId('order-unknown-serials').textContent({ timeout: 20_000 })).resolves.toBe(STRAY);
    await office.context().close();
  }, 120_000);

  it('office’s cover of the day after tomorrow gives the fulls to tomorrow’s orders first (之前各日訂單), so a shortage of several days shows on its later days', async () => {
    const db = stack.container.db;
    const stocktake = (depotId: string, full: number) =>
      firestoreCylinderStockStore(db).apply({ id: `mov-e2e-earlier-${depotId}`, depotId, by: { uid: 'u-office', role: 'office' }, at: new Date(), detail: { kind: 'count', counted: [{ size: 20, full, empty: 0 }], note: '' } });
    await Promise.all([stocktake(DEPOT.id, 10), stocktake(OTHER_DEPOT.id, 0)]);
    // 10 fulls: tomorrow's order wants 8 of them, the day after's 5.
    const buyer = aCustomer().withId('cust-cyl-earlier').with({ name: '分裝場缺氣測試行' }).build();
    const [tomorrow, dayAfter] = [addDays(TODAY, 1), addDays(TODAY, 2)];
    const orders = [
      anOrder().withId('ord-cyl-earlier-1').forCustomer(buyer).inStatus('confirmed').with({ requestedDate: tomorrow, items: [{ size: 20, quantity: 8 }] }).build(),
      anOrder().withId('ord-cyl-earlier-2').forCustomer(buyer).inStatus('confirmed').with({ requestedDate: dayAfter, items: [{ size: 20, quantity: 5 }] }).build(),
    ];
    await Promise.all(orders.map((o) => db.collection('orders').doc(o.id).set(o)));

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '鋼瓶庫存' }).click();
    const row = page.getByTestId('stock-cover').locator('.el-table__row', { hasText: '20 公斤' });
    await row.waitFor({ timeout: 20_000 });
    const date = page.locator('#stock-date');
    await date.fill(dayAfter.replaceAll('-', '/'));
    await date.press('Enter');
    await row.getByTestId('stock-earlier-20').getByText('-8', { exact: true }).waitFor({ timeout: 20_000 });
    // Whatever today's trucks still carry comes off too: 10 less 8 leaves 2 for the day's 5 at most.
    const onTrucks = -Number(await row.getByTestId('stock-on-trucks-20').textContent());
    await expect(row.getByTestId('stock-shortfall-20').textContent()).resolves.toBe(String(5 - Math.max(0, 10 - onTrucks - 8)));
    await expect(page.getByTestId('stock-earlier-hint').textContent()).resolves.toBe(
      `實瓶先供 ${formatCalendarDate(tomorrow, 'zh-TW')} 至 ${formatCalendarDate(tomorrow, 'zh-TW')} 的訂單，不足數已先扣除；灌裝入庫（記錄異動）後實瓶會增加。`,
    );
    await page.screenshot({ path: join(SHOTS, 'lg-office-stock-cover-earlier-days.png'), fullPage: true });
    await page.context().close();
    await Promise.all(orders.map((o) => db.collection('orders').doc(o.id).delete()));
  }, 120_000);

  it('office records a refill the plant filled half of: the other half shows 在分裝場, more back than is there is refused in the dialog, and the rest come back full or unfilled', async () => {
    const db = stack.container.db;
    await firestoreCylinderStockStore(db).apply({ id: 'mov-e2e-plant-count', depotId: DEPOT.id, by: { uid: 'u-office', role: 'office' }, at: new Date(), detail: { kind: 'count', counted: [{ size: 20, full: 0, empty: 28 }], note: '' } });

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '鋼瓶庫存' }).click();
    const card = page.getByTestId(`stock-depot-${DEPOT.id}`);
    const figures = async (full: number, empty: number, atPlant: number) => {
      await card.locator('[data-test=stock-at-plant-20]', { hasText: new RegExp(`^${atPlant}$`) }).waitFor({ timeout: 20_000 });
      await expect(Promise.all([card.getByTestId('stock-full-20').textContent(), card.getByTestId('stock-empty-20').textContent()])).resolves.toEqual([String(full), String(empty)]);
    };
    await figures(0, 28, 0);
    const form = page.getByTestId('stock-form');
    const fill = async (values: Record<'a' | 'b' | 'c', number>) => {
      for (const [key, value] of Object.entries(values)) await form.getByTestId(`stock-${key}-20`).locator('input').fill(String(value));
    };

    await card.getByTestId(`stock-record-${DEPOT.id}`).click();
    await expect(form.locator('thead th').allTextContents()).resolves.toEqual(['尺寸', '送灌空瓶', '收回實瓶', '未灌退回空瓶']);
    await fill({ a: 28, b: 14, c: 0 });
    await form.getByTestId('stock-note').fill('分裝場缺氣，只灌一半');
    await page.getByTestId('stock-submit').click();
    await figures(14, 0, 14);
    const latest = page.getByTestId('stock-movements').locator('.el-table__row').first();
    await latest.getByText('分裝場缺氣，只灌一半').waitFor({ timeout: 20_000 });
    await expect(latest.textContent()).resolves.toContain('20 公斤：實瓶 +14、空瓶 -28、在分裝場 +14');
    await expect(page.getByTestId('stock-at-plant-hint').textContent()).resolves.toContain('在分裝場：送往分裝場尚未收回的鋼瓶');
    await page.screenshot({ path: join(SHOTS, 'lg-office-stock-at-plant.png'), fullPage: true });

    await card.getByTestId(`stock-record-${DEPOT.id}`).click();
    await fill({ a: 0, b: 15, c: 0 });
    await page.getByTestId('stock-submit').click();
    await page.getByTestId('stock-error').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('stock-error').textContent()).resolves.toContain('20 公斤在分裝場只有 14 支（含這次送出的空瓶），收回實瓶與退回空瓶共 15 支');
    await fill({ a: 0, b: 10, c: 4 });
    await page.getByTestId('stock-submit').click();
    await figures(24, 4, 0);
    await latest.getByText('20 公斤：實瓶 +10、空瓶 +4、在分裝場 -14').waitFor({ timeout: 20_000 });
    const stored = (await db.collection('cylinderStock').doc(DEPOT.id).get()).get('lines') as { size: number }[];
    expect(stored.find((l) => l.size === 20)).toEqual({ size: 20, full: 24, empty: 4 });
    await page.context().close();
  }, 120_000);

  it('admin sets a depot’s permitted storage (許可儲存量) and 鋼瓶庫存 weighs its fulls in kg against it, red above it (audit 22 F5)', async () => {
    const db = stack.container.db;
    const yard = { ...DEPOT, id: 'depot-cyl-permit', name: '幸福氣 板橋站' };
    await db.collection('depots').doc(yard.id).set(yard);
    // 20 kg × 40 + 50 kg × 4 fulls = 1,000 kg; the 30 empties are not counted.
    await db.collection('cylinderStock').doc(yard.id).set({ depotId: yard.id, lines: [{ size: 20, full: 40, empty: 30 }, { size: 50, full: 4, empty: 0 }] });
    await seedUser(db, 'admin', '陳經理', { role: 'admin' });
    const page = await desk();
    await login(page, stack.url, 'admin', /\/office$/);
    await openAdminPage(page, '車隊管理');
    await page.getByRole('tab', { name: '站點' }).click();
    const row = page.locator('[data-test=depots-table] .el-table__row', { hasText: yard.name });
    await row.getByRole('button', { name: '編輯' }).click();
    await page.locator('[data-test=depot-permitted-storage] input').fill('900');
    await page.getByTestId('save-depots').click();
    await page.locator('.el-dialog').waitFor({ state: 'hidden', timeout: 20_000 });
    expect((await db.collection('depots').doc(yard.id).get()).get('permittedStorageKg')).toBe(900);

    await page.goto(`${stack.url}/office/cylinders`);
    const card = page.getByTestId(`stock-depot-${yard.id}`);
    await expect(card.getByTestId('stock-storage-held').textContent({ timeout: 20_000 })).resolves.toBe('液化石油氣存量 1,000 公斤／許可儲存量 900 公斤（只計實瓶，空瓶僅有殘氣不計）');
    await expect(card.getByTestId('stock-storage-over').textContent()).resolves.toContain('超過許可儲存量 100 公斤');
    await expect(page.getByTestId(`stock-depot-${DEPOT.id}`).getByTestId('stock-storage-over').count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { Customer } from '../../functions/src/domain/customers';
import { withSafetyDueKey } from '../../functions/src/domain/safety';
import type { TestStack } from '../../functions/src/local/test-support';
import { addDays, formatCalendarDate, formatShortDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of 用戶安全檢查 (消防法 §15-1) on the built SPA, the local gateway and the emulators: the office types in a
 * paper form from the due list and the due list and the customer drawer follow; the fire-department CSV; a driver with a
 * certificate inspects at a due stop through the offline queue and the badge goes; a driver whose certificate lapsed is
 * told why the API refuses; the customer reads it in the portal; the admin sets a driver's certificate.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const TODAY = taipeiDate();
const DRIVER = 'drv-safe-1';
const LAPSED = 'drv-safe-2';
const UNCERTIFIED = 'drv-safe-3';
const STOPPER = 'drv-safe-4';
/** The first hose item and the rest of the checklist as the zh-TW screen words them. */
const HOSE = '橡皮管（老化、長度、管束／安全夾）';

let stack: TestStack;
let browser: Browser;


async function seedCustomer(id: string, name: string, extra: Record<string, unknown> = {}): Promise<Customer> {
  const customer = await firestoreCustomerStore(stack.container.db).create(id, (code) => aCustomer().withId(id).withCode(code).with({ name }).build());
  // A summary written here, as the inspection's transaction would, moves the due list's key with it.
  if (Object.keys(extra).length > 0) await stack.container.db.collection('customers').doc(id).update(withSafetyDueKey({ ...customer, ...extra }));
  return customer;
}

async function seedDriver(id: string, name: string, certificate?: { number: string; validUntil: string }): Promise<void> {
  await stack.container.db
    .collection('drivers')
    .doc(id)
    .set({
      id,
      name,
      phone: '0912-000-222',
      skills: [],
      shift: { start: '08:00', end: '17:00' },
      vehicleId: 'veh-01',
      active: true,
      ...(certificate ? { safetyCertificate: certificate } : {}),
    });
}

/** Today's published route for `driverId` with one scheduled stop at `customer`. */
async function seedRoute(routeId: string, driverId: string, customer: Customer): Promise<string> {
  const order = anOrder().withId(`ord-${routeId}`).forCustomer(customer).onDriver(driverId).inStatus('scheduled').build();
  await seedPublishedStop(stack.container.db, { id: routeId, date: TODAY, depotId: 'depot-zhonghe', driverId }, order, { customerName: customer.name });
  return order.id;
}


/** Draws a stroke across the signature box in `scope`, as a finger would, and names who signed. */
async function sign(page: Page, scope: Locator, name: string): Promise<void> {
  await scope.getByTestId('confirmation-signature').click();
  await scope.getByTestId('confirmation-name').fill(name);
  const canvas = scope.getByTestId('signature-canvas');
  // The mouse draws at the window's coordinates: the box must be in view, not below the dialog's fold.
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no signature box');
  await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [x, y] of [[0.3, 0.3], [0.45, 0.7], [0.6, 0.35], [0.8, 0.55]] as const) await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 4 });
  await page.mouse.up();
  await scope.getByTestId('signature-clear').and(page.locator(':enabled')).waitFor();
}

/** The paper form the office types in was signed there, by `name`. */
async function signedOnPaper(scope: Locator, name: string): Promise<void> {
  await scope.getByTestId('confirmation-paper').click();
  await scope.getByTestId('confirmation-name').fill(name);
}

const desk = () => browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } }).then((c) => c.newPage());
const phone = () => browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const inspections = async (customerId: string) =>
  (await stack.container.db.collection('safetyInspections').where('customerId', '==', customerId).get()).docs.map((d) => d.data());

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-safety' }));
  await Promise.all([
    seedUser(stack.container.db, 'office', '王小姐', { role: 'office' }),
    seedUser(stack.container.db, 'admin', '李經理', { role: 'admin' }),
    seedUser(stack.container.db, 'driver1', '林司機', { role: 'driver', driverId: DRIVER }),
    seedUser(stack.container.db, 'driver2', '黃司機', { role: 'driver', driverId: LAPSED }),
    seedUser(stack.container.db, 'driver4', '吳司機', { role: 'driver', driverId: STOPPER }),
    seedDriver(DRIVER, '林志成', { number: '北市消安字第 1120456 號', validUntil: addDays(TODAY, 400) }),
    seedDriver(LAPSED, '黃建國', { number: '新北消安字第 0990001 號', validUntil: addDays(TODAY, 200) }),
    seedDriver(UNCERTIFIED, '張志明'),
    seedDriver(STOPPER, '吳俊傑', { number: '北市消安字第 1120888 號', validUntil: addDays(TODAY, 400) }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('safety inspections (用戶安全檢查)', () => {
  it('office types in a paper form from the due list: the list and the customer drawer follow, and the filing CSV has it', async () => {
    const never = await seedCustomer('cust-safe-never', '從未檢查麵店');
    const overdue = await seedCustomer('cust-safe-overdue', '逾期小吃店', {
      safety: { inspectionId: 'si-old', lastInspectedOn: addDays(TODAY, -745), result: 'pass', nextDueOn: addDays(TODAY, -15), openItems: [] },
      // The daily job told them of this due day three days ago.
      safetyReminder: { dueOn: addDays(TODAY, -15), sentOn: addDays(TODAY, -3) },
    });
    await seedCustomer('cust-safe-fine', '剛檢查完的店', {
      safety: { inspectionId: 'si-new', lastInspectedOn: addDays(TODAY, -10), result: 'pass', nextDueOn: addDays(TODAY, 720), openItems: [] },
    });

    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '安全檢查' }).click();
    await page.waitForURL(/\/office\/safety$/);
    const table = page.getByTestId('safety-due-table');
    const rowOf = (name: string) => table.locator('.el-table__row', { hasText: name });
    // Most overdue first: 15 days late, then never inspected (due today); the customer inspected ten days ago is not due.
    await rowOf(overdue.name).getByText('逾期 15 天').waitFor({ timeout: 20_000 });
    await rowOf(never.name).getByTestId('safety-never').waitFor();
    await expect(rowOf(overdue.name).getByTestId('safety-reminded').textContent()).resolves.toContain(`已通知 ${formatShortDate(addDays(TODAY, -3), 'zh-TW', false)}`);
    expect(await rowOf(never.name).getByTestId('safety-reminded').count()).toBe(0);
    const names = await table.locator('.el-table__row').allTextContents();
    expect(names.findIndex((r) => r.includes(overdue.name))).toBeLessThan(names.findIndex((r) => r.includes(never.name)));
    expect(names.some((r) => r.includes('剛檢查完的店'))).toBe(false);

    // 登錄檢查 from the row: the customer is given; the hose needs fixing, everything else passes.
    await rowOf(never.name).getByTestId('safety-row-record').click();
    const form = page.locator('[data-test=safety-form]:visible');
    await expect(page.locator('.el-dialog:visible .el-dialog__title').textContent()).resolves.toContain(never.name);
    await expect(page.getByTestId('safety-submit').isDisabled()).resolves.toBe(true);
    const hose = form.getByTestId('safety-item-hose');
    await hose.getByTestId('safety-answer-needsFix').click();
    await hose.getByTestId('safety-item-note').fill('橡皮管龜裂，請更換');
    await form.getByTestId('safety-rest-ok').click();
    await form.getByTestId('safety-technician').fill('陳建宏');
    await form.getByTestId('safety-certificate').fill('北市消安字第 1120999 號');
    // Every item answered and the technician named: still not recorded until someone confirmed it, or why nobody did.
    await expect(page.getByTestId('safety-submit').isDisabled()).resolves.toBe(true);
    await page.getByTestId('safety-confirmation-missing').getByText('請取得在場人員簽名，或選擇未簽名的原因').waitFor();
    await signedOnPaper(form, '林美玲');
    await page.screenshot({ path: join(SHOTS, 'lg-office-safety-form.png'), fullPage: true });
    await page.locator('[data-test=safety-submit]:visible').click();
    // Failed: re-checked within 30 days, so the customer stays on the list, now with the item to re-check.
    await rowOf(never.name).getByTestId('safety-recheck').getByText('待復查 1 項').waitFor({ timeout: 20_000 });
    await expect(rowOf(never.name).textContent()).resolves.toContain(formatCalendarDate(addDays(TODAY, 30)));
    await expect(rowOf(never.name).textContent()).resolves.toContain(HOSE);
    const [recorded] = await inspections(never.id);
    expect(recorded).toMatchObject({ inspectedOn: TODAY, result: 'needsFix', openItems: ['hose'], technician: { name: '陳建宏', certificateNo: '北市消安字第 1120999 號' }, confirmation: { kind: 'paper', name: '林美玲' } });
    await page.screenshot({ path: join(SHOTS, 'lg-office-safety.png'), fullPage: true });

    // The drawer: the summary and the history; the re-check recorded there passes, and the customer leaves the due list.
    await rowOf(never.name).locator('td').nth(2).click();
    const drawer = page.getByTestId('customer-drawer');
    const section = drawer.getByTestId('customer-safety');
    await section.getByTestId('safety-result').getByText('需改善').waitFor({ timeout: 20_000 });
    await expect(section.getByTestId('safety-last').textContent()).resolves.toBe(formatCalendarDate(TODAY));
    await expect(section.getByTestId('safety-open-items').textContent()).resolves.toBe(HOSE);
    await expect(section.getByTestId('safety-history').locator('.el-table__row').count()).resolves.toBe(1);
    await expect(section.getByTestId('safety-history').textContent()).resolves.toContain('橡皮管龜裂，請更換');
    await expect(section.getByTestId('safety-confirmed-by').textContent()).resolves.toBe('林美玲 於紙本簽名');
    await section.getByTestId('safety-record').click();
    const recheck = page.locator('[data-test=safety-form]:visible');
    await recheck.getByTestId('safety-rest-ok').click();
    // The technician of the last form comes back: a clerk types in a pile of forms from the same one.
    await expect(recheck.getByTestId('safety-technician').inputValue()).resolves.toBe('陳建宏');
    await signedOnPaper(recheck, '林美玲');
    await page.locator('[data-test=safety-submit]:visible').click();
    await section.getByTestId('safety-result').getByText('合格').waitFor({ timeout: 20_000 });
    await expect(section.getByTestId('safety-next').textContent()).resolves.toBe(formatCalendarDate(`${Number(TODAY.slice(0, 4)) + 2}${TODAY.slice(4)}`));
    await expect(section.getByTestId('safety-open-items').count()).resolves.toBe(0);
    // The summary comes on the customer's listener, the history from its own read after the save: wait for that too.
    await section.getByTestId('safety-history').locator('.el-table__row').nth(1).waitFor({ timeout: 20_000 });
    await expect(section.getByTestId('safety-history').locator('.el-table__row').count()).resolves.toBe(2);
    await page.screenshot({ path: join(SHOTS, 'lg-office-safety-drawer.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await rowOf(never.name).waitFor({ state: 'detached', timeout: 20_000 });
    await rowOf(overdue.name).waitFor();

    // The range picker keeps Element Plus' width in the toolbar (data-test does not reach its root): not stretched across the page.
    expect((await page.locator('.toolbar .el-range-editor').boundingBox())?.width).toBeLessThanOrEqual(400);
    // 匯出申報資料: the range names the file; both forms of today are in it, in zh-TW columns.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('safety-export').click()]);
    expect(download.suggestedFilename()).toBe(`用戶安全檢查_${addDays(TODAY, -90)}_${TODAY}.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('用戶編號,用戶名稱,地址,電話,檢查日期,檢查結果,不合格項目,改善情形,安全技術人員,證書字號');
    expect(lines.filter((l) => l.startsWith(`${never.code},${never.name},`))).toHaveLength(2);
    await page.context().close();
  }, 120_000);

  it('office records a failed leak test: the form says before saving that it stops the supply, and the drawer then says the inspection stopped it', async () => {
    const leaking = await seedCustomer('cust-safe-leak', '漏氣測試麵店');
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.getByRole('menuitem', { name: '安全檢查' }).click();
    const row = page.getByTestId('safety-due-table').locator('.el-table__row', { hasText: leaking.name });
    await row.getByTestId('safety-row-record').click();
    const form = page.locator('[data-test=safety-form]:visible');
    const leakTest = form.getByTestId('safety-item-leakTest');
    // Another failure warns of nothing: the supply goes on until the re-check, unless the inspector stops it by hand.
    await form.getByTestId('safety-item-hose').getByTestId('safety-answer-needsFix').click();
    expect(await form.getByTestId('safety-stops-supply').count()).toBe(0);
    await form.getByTestId('safety-stop').waitFor();
    await leakTest.getByTestId('safety-answer-needsFix').click();
    await leakTest.getByTestId('safety-item-note').fill('調整器接頭漏氣');
    await expect(form.getByTestId('safety-stops-supply').textContent()).resolves.toContain('未通過：登錄後即停止供氣');
    // The failed leak test stops it already: nothing left to stop by hand.
    expect(await form.getByTestId('safety-stop').count()).toBe(0);
    await form.getByTestId('safety-rest-ok').click();
    await form.getByTestId('safety-technician').fill('陳建宏');
    await form.getByTestId('safety-certificate').fill('北市消安字第 1120999 號');
    await signedOnPaper(form, '漏氣測試麵店老闆');
    await page.locator('[data-test=safety-submit]:visible').click();
    await row.getByTestId('safety-recheck').waitFor({ timeout: 20_000 });
    await row.locator('td').nth(2).click();
    const stopped = page.getByTestId('customer-drawer').getByTestId('customer-supply-stopped');
    await stopped.waitFor({ timeout: 20_000 });
    await expect(stopped.textContent()).resolves.toContain(`${formatCalendarDate(TODAY)} 安全檢查發現不安全`);
    await page.screenshot({ path: join(SHOTS, 'lg-office-safety-leak.png'), fullPage: true });
    await page.context().close();
  }, 120_000);

  it('office stops the supply by hand on a failed hose: the form asks why and warns before saving, and the stop holds the reason', async () => {
    const customer = await seedCustomer('cust-safe-stop-hand', '手動停氣麵店');
    const reason = '橡皮管嚴重龜裂，已聞到瓦斯味';
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/safety`);
    const row = page.getByTestId('safety-due-table').locator('.el-table__row', { hasText: customer.name });
    await row.getByTestId('safety-row-record').click({ timeout: 20_000 });
    const form = page.locator('[data-test=safety-form]:visible');
    // Nothing needs fixing yet: a stop would have nothing for the re-check to lift it on.
    expect(await form.getByTestId('safety-stop').count()).toBe(0);
    const hose = form.getByTestId('safety-item-hose');
    await hose.getByTestId('safety-answer-needsFix').click();
    await hose.getByTestId('safety-item-note').fill('橡皮管龜裂');
    await form.getByTestId('safety-stop-check').click();
    await form.getByTestId('safety-rest-ok').click();
    await form.getByTestId('safety-technician').fill('陳建宏');
    await form.getByTestId('safety-certificate').fill('北市消安字第 1120999 號');
    await signedOnPaper(form, '手動停氣麵店老闆');
    // Ticked without words: not recorded until the inspector says why.
    await page.locator('[data-test=safety-stop-reason-missing]:visible').getByText('請說明停止供氣的原因').waitFor();
    await expect(page.locator('[data-test=safety-submit]:visible').isDisabled()).resolves.toBe(true);
    await form.getByTestId('safety-stop-reason').fill(reason);
    await page.locator('[data-test=safety-stop-warning]:visible').getByText('登錄後即停止供氣，復查合格前不能送瓦斯').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-office-safety-stop.png'), fullPage: true });
    await page.locator('[data-test=safety-submit]:visible').click();
    await row.getByTestId('safety-recheck').waitFor({ timeout: 20_000 });
    const [recorded] = await inspections(customer.id);
    expect(recorded).toMatchObject({ result: 'needsFix', openItems: ['hose'], supplyStopReason: reason });
    expect((await stack.container.db.collection('customers').doc(customer.id).get()).get('supplyStop')).toMatchObject({ since: TODAY, items: ['hose'], reason });
    await row.locator('td').nth(2).click();
    const stopped = page.getByTestId('customer-drawer').getByTestId('customer-supply-stopped');
    await stopped.waitFor({ timeout: 20_000 });
    await expect(stopped.textContent()).resolves.toContain(`${formatCalendarDate(TODAY)} 安全檢查發現不安全`);
    await page.context().close();
  }, 120_000);

  it('office exports the 用戶名冊 of one district: each customer with the last inspection and whether they are in date', async () => {
    const yonghe = await seedCustomer('cust-safe-yonghe', '永和豆漿店', {
      address: { city: '新北市', district: '永和區', road: '永和路', section: 2, number: '10', full: '新北市永和區永和路二段10號' },
      safety: { inspectionId: 'si-yonghe', lastInspectedOn: addDays(TODAY, -540), result: 'pass', nextDueOn: addDays(TODAY, 190), openItems: [] },
    });
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/safety`);
    await page.getByTestId('safety-register-districts').click();
    await page.keyboard.type('永和');
    await page.locator('.el-select-dropdown__item', { hasText: '永和區' }).first().click();
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('safety-register-export').click()]);
    expect(download.suggestedFilename()).toBe(`安全檢查用戶名冊_${TODAY}.csv`);
    const lines = readFileSync(await download.path()).subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toEqual([
      '用戶編號,用戶名稱,行政區,地址,電話,上次檢查日期,檢查結果,待改善項目,下次檢查期限,狀態',
      `${yonghe.code},永和豆漿店,永和區,新北市永和區永和路二段10號,${yonghe.phones[0]},${addDays(TODAY, -540)},合格,,${addDays(TODAY, 190)},期限內`,
    ]);
    await page.context().close();
  }, 120_000);

  it('the customer reads their last inspection, the next one due and who inspected (by name only) in the portal', async () => {
    await seedUser(stack.container.db, 'customer1', '從未檢查麵店', { role: 'customer', customerId: 'cust-safe-never' });
    const portal = await desk();
    await login(portal, stack.url, 'customer1', /\/portal$/);
    await portal.getByRole('tab', { name: '安全檢查' }).click();
    const mine = portal.getByTestId('my-safety');
    await mine.getByTestId('safety-result').getByText('合格').waitFor({ timeout: 20_000 });
    await expect(mine.getByTestId('safety-last').textContent()).resolves.toBe(formatCalendarDate(TODAY));
    await expect(mine.getByTestId('safety-history').textContent()).resolves.toContain('陳建宏');
    expect(await mine.textContent()).not.toContain('北市消安字第 1120999 號');
    // On a phone the history's columns all fit: nothing scrolled out of view sideways.
    await portal.setViewportSize({ width: 390, height: 844 });
    await portal.waitForFunction(() => { const wrap = document.querySelector('[data-test=safety-history] .el-scrollbar__wrap'); return wrap !== null && wrap.scrollWidth <= wrap.clientWidth; }, undefined, { timeout: 5_000 });
    await mine.getByTestId('my-safety-hint').getByText('每兩年至少').waitFor();
    expect(await portal.getByTestId('safety-record').count()).toBe(0);
    await portal.screenshot({ path: join(SHOTS, 'lg-portal-safety.png'), fullPage: true });
    // Their copy of the record: the latest inspection's sheet, confirmed on the paper form.
    await mine.getByTestId('safety-print').first().click();
    const sheet = portal.getByTestId('safety-print-sheet');
    await sheet.waitFor({ timeout: 20_000 });
    await expect(sheet.getByTestId('safety-print-customer').textContent()).resolves.toBe('從未檢查麵店');
    await expect(sheet.getByTestId('safety-print-confirmed').textContent()).resolves.toBe('林美玲 於紙本簽名');
    await portal.context().close();
  }, 60_000);

  it('office prints one inspection’s record on A4: every item with its remark, the signature drawn on screen, the next due day; an older record says what it lacked', async () => {
    const customer = await seedCustomer('cust-safe-print', '列印紀錄小吃店');
    const old = addDays(TODAY, -1100);
    // Recorded before 管線／開關 was on the checklist and before confirmations were kept.
    await stack.container.db.collection('safetyInspections').doc('si-print-old').set({
      id: 'si-print-old',
      customerId: customer.id,
      customer: { code: customer.code, name: customer.name, address: customer.address.full, phone: customer.phones[0] },
      inspectedOn: old,
      items: ['cylinderPlacement', 'cylinderSecured', 'cylinderInspectionDate', 'regulator', 'hose', 'leakTest', 'appliances', 'waterHeater', 'ventilation', 'storedQuantity', 'gasAlarm'].map((item) => ({ item, result: 'ok' })),
      result: 'pass',
      openItems: [],
      nextDueOn: addDays(old, 730),
      technician: { name: '陳建宏', certificateNo: '北市消安字第 1120999 號' },
      by: { uid: 'u-office', role: 'office' },
      createdAt: `${old}T03:00:00.000Z`,
    });
    const page = await desk();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/safety`);
    const row = page.getByTestId('safety-due-table').locator('.el-table__row', { hasText: customer.name });
    await row.getByTestId('safety-row-record').click({ timeout: 20_000 });
    const form = page.locator('[data-test=safety-form]:visible');
    const piping = form.getByTestId('safety-item-piping');
    await piping.getByTestId('safety-answer-needsFix').click();
    await piping.getByTestId('safety-item-note').fill('管線老化，請更換');
    // Piping to replace waits for the re-check with the supply on: a valve leaking now fails the leak test instead.
    expect(await form.getByTestId('safety-stops-supply').count()).toBe(0);
    await form.getByTestId('safety-rest-ok').click();
    await form.getByTestId('safety-technician').fill('陳建宏');
    await form.getByTestId('safety-certificate').fill('北市消安字第 1120999 號');
    await sign(page, form, '林美玲');
    await page.locator('[data-test=safety-submit]:visible').click();
    await row.getByTestId('safety-recheck').waitFor({ timeout: 20_000 });

    await row.locator('td').nth(2).click();
    const history = page.getByTestId('customer-drawer').getByTestId('customer-safety').getByTestId('safety-history');
    await history.locator('.el-table__row').nth(1).waitFor({ timeout: 20_000 });
    await expect(history.getByTestId('safety-confirmed-by').allTextContents()).resolves.toEqual(['林美玲 簽名確認', '未記錄（此功能啟用前）']);
    await history.getByTestId('safety-print').first().click();
    await page.waitForURL(/\/safety-inspections\/[^/]+\/print$/);
    const sheet = page.getByTestId('safety-print-sheet');
    await sheet.waitFor({ timeout: 20_000 });
    await expect(sheet.getByTestId('safety-print-customer').textContent()).resolves.toBe('列印紀錄小吃店');
    await expect(sheet.getByTestId('safety-print-date').textContent()).resolves.toBe(formatCalendarDate(TODAY));
    await expect(sheet.getByTestId('safety-print-items').locator('tbody tr').count()).resolves.toBe(12);
    await expect(sheet.getByTestId('safety-print-item-piping').textContent()).resolves.toBe('6管線／開關（管線老化、開關漏氣）需改善管線老化，請更換');
    await expect(sheet.getByTestId('safety-print-result').textContent()).resolves.toBe('需改善');
    await expect(sheet.getByTestId('safety-print-next').textContent()).resolves.toBe(formatCalendarDate(addDays(TODAY, 30)));
    await expect(sheet.getByTestId('safety-print-confirmed').textContent()).resolves.toBe('林美玲 簽名確認');
    // The stroke drawn on the form, as an image the printer gets: loaded, and not a blank canvas.
    const signature = sheet.getByTestId('safety-print-signature');
    await page.waitForFunction(() => ((document.querySelector('[data-test=safety-print-signature]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    const inked = await signature.evaluate((img: HTMLImageElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, canvas.width, canvas.height).data.filter((_v, i) => i % 4 === 3).some((alpha) => alpha > 0);
    });
    expect(inked).toBe(true);
    // On paper only the sheet: the buttons are not printed.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('safety-print-print').isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'lg-safety-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${stack.url}/safety-inspections/si-print-old/print`);
    await sheet.waitFor({ timeout: 20_000 });
    await expect(sheet.getByTestId('safety-print-item-piping').textContent()).resolves.toContain('當時檢查表無此項');
    await expect(sheet.getByTestId('safety-print-confirmed').textContent()).resolves.toBe('未記錄（此功能啟用前）');
    expect(await sheet.getByTestId('safety-print-signature').count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('a certified driver inspects at a due stop, offline: every item answered with one tap, queued, uploaded, and the badge goes', async () => {
    const customer = await seedCustomer('cust-safe-stop', '停靠站早餐店');
    const orderId = await seedRoute('route-safe-1', DRIVER, customer);
    const context = await phone();
    const page = await context.newPage();
    await login(page, stack.url, 'driver1', /\/driver$/);
    const stop = page.locator('[data-test=stop]', { hasText: customer.name });
    await stop.getByTestId('stop-safety-due').getByText('安全檢查到期').waitFor({ timeout: 20_000 });

    await context.setOffline(true);
    await stop.getByTestId('stop-safety-open').click();
    const dialog = page.getByTestId('driver-safety-dialog');
    await dialog.getByText('北市消安字第 1120456 號').waitFor();
    await expect(page.getByTestId('driver-safety-submit').isDisabled()).resolves.toBe(true);
    for (const item of await dialog.locator('li[data-test^=safety-item-]').all()) {
      const code = (await item.getAttribute('data-test')) ?? '';
      await item.getByTestId(code === 'safety-item-hose' ? 'safety-answer-fixedOnSite' : 'safety-answer-ok').click();
    }
    await dialog.getByTestId('safety-item-hose').getByTestId('safety-item-note').fill('更換安全夾');
    await expect(page.getByTestId('driver-safety-remaining').count()).resolves.toBe(0);
    // Answered, but nobody has confirmed it yet: the person present signs on the phone.
    await expect(page.getByTestId('driver-safety-submit').isDisabled()).resolves.toBe(true);
    await page.getByTestId('driver-safety-unconfirmed').waitFor();
    await sign(page, dialog, '早餐店老闆娘');
    await page.screenshot({ path: join(SHOTS, 'lg-driver-safety.png'), fullPage: true });
    await page.getByTestId('driver-safety-submit').click();
    // Waiting to upload: counted with the deliveries, and the stop no longer asks for it.
    await expect(page.getByTestId('pending-uploads').textContent()).resolves.toContain('待上傳 1 筆');
    await stop.getByTestId('stop-safety-due').waitFor({ state: 'detached' });
    expect(await inspections(customer.id)).toEqual([]);

    await context.setOffline(false);
    await page.getByTestId('pending-uploads').waitFor({ state: 'detached', timeout: 30_000 });
    const [recorded] = await inspections(customer.id);
    expect(recorded).toMatchObject({
      inspectedOn: TODAY,
      result: 'pass',
      orderId,
      technician: { name: '林志成', certificateNo: '北市消安字第 1120456 號' },
      by: { uid: 'u-driver1', role: 'driver' },
      confirmation: { kind: 'signature', name: '早餐店老闆娘', signature: expect.stringMatching(/^data:image\/png;base64,/) },
    });
    expect(recorded?.items).toContainEqual({ item: 'hose', result: 'fixedOnSite', note: '更換安全夾' });
    // Read again after the upload: the customer is not due for two years, so the badge stays away after a reload too.
    await page.reload();
    await page.waitForFunction(
      ({ key, id }) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { customers?: Record<string, { due: boolean }> }).customers?.[id]?.due === false,
      { key: `lg.driverSafety.u-driver1.${TODAY}`, id: customer.id },
      { timeout: 20_000 },
    );
    await stop.waitFor();
    expect(await stop.getByTestId('stop-safety-due').count()).toBe(0);
    await context.close();
  }, 90_000);

  it('a driver stops the supply by hand on the phone for a failed hose, with why: uploaded, the stop holds the reason', async () => {
    const customer = await seedCustomer('cust-safe-stop-phone', '手機停氣小吃店');
    await seedRoute('route-safe-4', STOPPER, customer);
    const reason = '橡皮管被老鼠咬破';
    const context = await phone();
    const page = await context.newPage();
    await login(page, stack.url, 'driver4', /\/driver$/);
    const stop = page.locator('[data-test=stop]', { hasText: customer.name });
    await stop.getByTestId('stop-safety-open').click({ timeout: 20_000 });
    const dialog = page.getByTestId('driver-safety-dialog');
    for (const item of await dialog.locator('li[data-test^=safety-item-]').all()) {
      const code = (await item.getAttribute('data-test')) ?? '';
      await item.getByTestId(code === 'safety-item-hose' ? 'safety-answer-needsFix' : 'safety-answer-ok').click();
    }
    await dialog.getByTestId('safety-stop-check').click();
    await dialog.getByTestId('confirmation-none').click();
    await dialog.getByTestId('confirmation-reason-customerAbsent').click();
    await page.getByTestId('safety-stop-reason-missing').waitFor();
    await expect(page.getByTestId('driver-safety-submit').isDisabled()).resolves.toBe(true);
    await dialog.getByTestId('safety-stop-reason').fill(reason);
    await page.getByTestId('safety-stop-warning').getByText('登錄後即停止供氣').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-driver-safety-stop.png'), fullPage: true });
    await page.getByTestId('driver-safety-submit').click();
    await page.getByTestId('pending-uploads').waitFor({ state: 'detached', timeout: 30_000 });
    const [recorded] = await inspections(customer.id);
    expect(recorded).toMatchObject({ openItems: ['hose'], supplyStopReason: reason, by: { uid: 'u-driver4', role: 'driver' } });
    expect((await stack.container.db.collection('customers').doc(customer.id).get()).get('supplyStop')).toMatchObject({ items: ['hose'], reason });
    await context.close();
  }, 90_000);

  it('a driver whose certificate lapsed sees the API’s reason, and after a reload is told before filling anything in', async () => {
    const customer = await seedCustomer('cust-safe-lapsed', '憑證過期測試店');
    await seedRoute('route-safe-2', LAPSED, customer);
    const context = await phone();
    const page = await context.newPage();
    await login(page, stack.url, 'driver2', /\/driver$/);
    const stop = page.locator('[data-test=stop]', { hasText: customer.name });
    await stop.getByTestId('stop-safety-due').waitFor({ timeout: 20_000 });
    // The office lets the certificate lapse while the app still holds this morning's answer.
    await stack.container.db.collection('drivers').doc(LAPSED).update({ 'safetyCertificate.validUntil': addDays(TODAY, -1) });

    await stop.getByTestId('stop-safety-open').click();
    const dialog = page.getByTestId('driver-safety-dialog');
    for (const item of await dialog.locator('li[data-test^=safety-item-]').all()) await item.getByTestId('safety-answer-ok').click();
    await dialog.getByTestId('confirmation-none').click();
    await dialog.getByTestId('confirmation-reason-customerAbsent').click();
    await page.getByTestId('driver-safety-submit').click();
    await page.getByText('您沒有有效的安全技術人員合格證書，無法登錄安全檢查，請洽辦公室').waitFor({ timeout: 30_000 });
    await stop.getByTestId('stop-safety-due').waitFor();
    expect(await inspections(customer.id)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'lg-driver-safety-refused.png'), fullPage: true });

    await page.reload();
    await stop.getByTestId('stop-safety-open').click({ timeout: 20_000 });
    await page.getByTestId('driver-safety-refused').getByText(`您的安全技術人員證書已於 ${formatCalendarDate(addDays(TODAY, -1))} 到期`).waitFor();
    expect(await page.getByTestId('driver-safety-submit').count()).toBe(0);
    await context.close();
  }, 90_000);

  it('admin gives a driver their safety technician certificate on the fleet page', async () => {
    const page = await desk();
    await login(page, stack.url, 'admin', /\/office$/);
    await page.goto(`${stack.url}/admin/fleet`);
    await page.getByRole('tab', { name: '司機' }).click();
    const row = page.locator('[data-test=drivers-table] .el-table__row', { hasText: '張志明' });
    await row.getByTestId('driver-certificate').getByText('無').waitFor({ timeout: 20_000 });
    const lapsed = page.locator('[data-test=drivers-table] .el-table__row', { hasText: '黃建國' });
    await lapsed.getByText('已過期').waitFor();
    await row.getByTestId('driver-certificate-edit').click();
    const form = page.getByTestId('certificate-form');
    await form.getByTestId('certificate-number').fill('北市消安字第 1130777 號');
    const validUntil = addDays(TODAY, 365);
    const day = form.locator('.el-form-item', { hasText: '有效期限' }).locator('input');
    await day.fill(validUntil.replaceAll('-', '/'));
    await day.press('Enter');
    await page.getByTestId('certificate-save').click();
    await row.getByText('北市消安字第 1130777 號').waitFor({ timeout: 20_000 });
    await expect(row.getByTestId('driver-certificate').textContent()).resolves.toContain(formatCalendarDate(validUntil));
    expect((await stack.container.db.collection('drivers').doc(UNCERTIFIED).get()).get('safetyCertificate')).toEqual({ number: '北市消安字第 1130777 號', validUntil });
    await page.screenshot({ path: join(SHOTS, 'lg-admin-fleet-certificate.png'), fullPage: true });
    await page.context().close();
  }, 60_000);
});

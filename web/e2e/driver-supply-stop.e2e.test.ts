import type { Browser, BrowserContext, Page } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { buildEvent } from '../../functions/src/domain/events';
import { alertDocument } from '../../functions/src/domain/reports/alerts';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, seedPublishedStop, seedUser } from './browser';

/**
 * Browser test of 報修 and 停止供氣 on the driver's phone, on the built SPA, the local gateway and the emulators: a call
 * closed in a basement without signal waits in the phone's offline queue (待上傳) and, once signal is back, lands and stops
 * the supply; at a customer whose supply is stopped the 送達 dialog itself says so and offers only the empties back or the
 * stop failed; a delivery the phone sent before it knew of the stop is refused while the driver is at the door, saying
 * why, and recorded as the empties taken back only; one uploaded from the queue later is the office's critical alert. Moving such a customer (搬家) does not lift the stop, and the
 * office's form says so as the new address is typed.
 */
const BASEMENT_DRIVER = 'drv-basement';
const BASEMENT = 'cust-basement';
const BASEMENT_NAME = '地下室張家';
const DOOR_DRIVER = 'drv-door';
const STOPPED = 'cust-door-stopped';
const STOPPED_NAME = '停氣吳家';
const today = taipeiDate();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-driver-supply-stop' }));
  const db = stack.container.db;
  const customers = firestoreCustomerStore(db);
  const basement = await customers.create(BASEMENT, (code) => aCustomer().withId(BASEMENT).withCode(code).with({ name: BASEMENT_NAME }).build());
  // Two 20 kg cylinders there with no deposit paid: a swap leaves both due, which the driver may tick; one empty taken back
  // alone leaves one there, still due.
  const stopped = await customers.create(STOPPED, (code) =>
    aCustomer().withId(STOPPED).withCode(code).with({ name: STOPPED_NAME, cylindersOnSite: [{ size: 20, count: 2, depositPaid: 0 }] }).build(),
  );
  const basementOrder = anOrder().withId('ord-basement').forCustomer(basement).onDriver(BASEMENT_DRIVER).inStatus('scheduled').build();
  await seedPublishedStop(db, { id: 'route-basement', date: today, depotId: 'depot-zhonghe', driverId: BASEMENT_DRIVER }, basementOrder, { customerName: BASEMENT_NAME });
  // Booked and routed before a service call found the installation unsafe, which then wrote the stop.
  const doorOrder = anOrder()
    .withId('ord-door')
    .forCustomer(stopped)
    .with({ emptiesToCollect: [{ size: 20, quantity: 1 }] })
    .onDriver(DOOR_DRIVER)
    .inStatus('scheduled')
    .build();
  await seedPublishedStop(db, { id: 'route-door', date: today, depotId: 'depot-zhonghe', driverId: DOOR_DRIVER }, doorOrder, { customerName: STOPPED_NAME });
  const now = new Date().toISOString();
  const office = { uid: 'u-office', role: 'office' };
  await Promise.all([
    seedUser(db, 'office', '王小姐', { role: 'office' }),
    seedUser(db, 'driver7', '張司機', { role: 'driver', driverId: BASEMENT_DRIVER }),
    seedUser(db, 'driver8', '吳司機', { role: 'driver', driverId: DOOR_DRIVER }),
    ...[
      [BASEMENT_DRIVER, '張志明'],
      [DOOR_DRIVER, '吳建國'],
    ].map(([id, name]) => db.collection('drivers').doc(id!).set({ id, name, phone: '0912-000-777', skills: [], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-01', active: true })),
    // A hose problem the office sent the driver to.
    db.collection('serviceCalls').doc('svc-basement').set({
      id: 'svc-basement',
      customerId: BASEMENT,
      customer: { code: basement.code, name: BASEMENT_NAME, address: basement.address.full, phone: basement.phones[0] },
      kind: 'hose',
      urgent: false,
      description: '地下室管線有裂痕',
      someoneHome: true,
      status: 'assigned',
      openedAt: now,
      openedBy: office,
      driverId: BASEMENT_DRIVER,
      assignment: { driverId: BASEMENT_DRIVER, driverName: '張志明', scheduledAt: now, at: now, by: office },
    }),
  ]);
}, 240_000);
afterAll(() => closeBrowserStack(stack, browser));

async function driverPhone(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await login(page, stack.url, username, /\/driver$/);
  return { context, page };
}

describe('停止供氣 on the driver’s phone', () => {
  it('closes a call without signal into the offline queue (待上傳), and once back online it lands, stopping the supply', async () => {
    const { context, page } = await driverPhone('driver7');
    const calls = page.getByTestId('driver-service-calls');
    await calls.getByText(BASEMENT_NAME, { exact: false }).waitFor();
    await page.getByTestId('deliver').waitFor();
    // Time for the cache to write what the listeners brought.
    await page.waitForTimeout(1_000);

    await context.setOffline(true);
    await calls.getByTestId('driver-service-call-close').click();
    const closing = page.getByTestId('close-service-call');
    await closing.getByTestId('close-outcome-unsafe').click();
    await closing.getByTestId('close-save').click();
    await closing.waitFor({ state: 'hidden' });
    await calls.getByTestId('driver-service-call-queued').getByText('待上傳').waitFor();
    expect((await stack.container.db.collection('serviceCalls').doc('svc-basement').get()).get('status')).toBe('assigned');

    const backOnline = new Date().toISOString();
    await context.setOffline(false);
    await calls.waitFor({ state: 'detached', timeout: 45_000 });
    const closed = (await stack.container.db.collection('serviceCalls').doc('svc-basement').get()).data();
    expect(closed).toMatchObject({ status: 'closed', result: { outcome: 'unsafe', unsafeItems: ['hose'], by: { role: 'driver' } } });
    // Dated when the driver closed it in the basement, not when the upload got through.
    expect(closed?.['result'].at < backOnline).toBe(true);
    expect((await stack.container.db.collection('customers').doc(BASEMENT).get()).get('supplyStop')).toMatchObject({ serviceCallId: 'svc-basement', items: ['hose'] });
    // The stop at that customer says so once the upload went through.
    await page.getByTestId('stop-supply-stopped').waitFor();
    await context.close();
  }, 120_000);

  it('warns of the stop in the 送達 dialog before anything is sent, offering only the empties back or the stop failed for the unsafe installation', async () => {
    const { context, page } = await driverPhone('driver7');
    const stop = page.getByTestId('stop').filter({ hasText: BASEMENT_NAME });
    await stop.getByTestId('stop-supply-stopped').waitFor();
    await stop.getByTestId('deliver').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('deliver-supply-stopped').getByText('報修判定設備不安全，安全檢查合格前不能留下鋼瓶。請只回收空瓶，或記為無法送達').waitFor();
    // No cylinders to count nor cash to take: what the server would refuse is not offered.
    expect(await dialog.getByText('交付鋼瓶', { exact: true }).count()).toBe(0);
    expect(await dialog.getByTestId('deliver-cash').count()).toBe(0);
    // Nothing to take back on this order: the empties alone would record nothing until one is counted.
    const collect = dialog.getByTestId('deliver-confirm');
    expect(await collect.textContent()).toContain('改為只回收空瓶');
    expect(await collect.isDisabled()).toBe(true);
    const empties20 = dialog.getByTestId('deliver-empties').getByTestId('size-count-20').locator('input');
    await empties20.fill('1');
    await empties20.blur();
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('[data-test="deliver-confirm"]')?.disabled);
    await dialog.getByTestId('deliver-fail-unsafe').click();
    await stop.getByTestId('deliver').waitFor({ state: 'detached' });
    await page.getByTestId('pending-uploads').first().waitFor({ state: 'detached' });
    expect((await stack.container.db.collection('orders').doc('ord-basement').get()).data()).toMatchObject({ status: 'failed', failureReason: 'unsafe_installation' });
    await context.close();
  }, 90_000);

  it('refuses cylinders the phone left at a customer whose supply was stopped after it read its stops, saying why and the money to hand back, and records the empties taken back only with the deposit of the cylinder staying', async () => {
    const { context, page } = await driverPhone('driver8');
    const stop = page.getByTestId('stop').filter({ hasText: STOPPED_NAME });
    await stop.getByTestId('deliver').waitFor();
    // Time for the phone to have read its stops' safety, before the stop is written.
    await page.waitForTimeout(1_000);
    expect(await stop.getByTestId('stop-supply-stopped').count()).toBe(0);
    await stack.container.db.collection('customers').doc(STOPPED).update({ supplyStop: { serviceCallId: 'svc-earlier', since: today, items: ['hose'] } });
    await stop.getByTestId('deliver').click();
    await page.getByTestId('deposit-due-20').getByTestId('deposit-taken').click();
    await page.getByTestId('deliver-confirm').click();
    const refused = page.getByTestId('upload-supply-stopped');
    await refused.getByText('已停止供氣，安全檢查合格前不能送瓦斯；請勿留下鋼瓶，可改記為只回收空瓶或無法送達', { exact: false }).waitFor();
    // The cash for the gas and the deposit of two cylinders were taken at the door: the cylinder brought goes back, and the
    // deposit of the one that stays without one is all the empties-only redo keeps.
    const [all, kept] = await refused.getByTestId('upload-hand-back').allTextContents();
    expect(all).toMatch(/^鋼瓶帶回，不收費也不收押金：請將已收的 NT\$[\d,]+（貨款 NT\$[\d,]+、押金 NT\$[\d,]+）當場退還客戶$/);
    expect(kept).toMatch(/^改為只回收空瓶時，現場仍留有未收押金的鋼瓶，押金 NT\$[\d,]+ 照收入帳，只退還 NT\$[\d,]+；記為無法送達則全數退還$/);
    expect((await stack.container.db.collection('orders').doc('ord-door').get()).get('status')).toBe('scheduled');

    await refused.getByTestId('upload-collect-only').click();
    await refused.waitFor({ state: 'detached' });
    await stop.getByTestId('deliver').waitFor({ state: 'detached' });
    // The queue's tag may be leaving and coming back (the redone delivery queued) at once: none left is what counts.
    await page.getByTestId('pending-uploads').first().waitFor({ state: 'detached' });
    const order = (await stack.container.db.collection('orders').doc('ord-door').get()).data();
    expect(order).toMatchObject({ status: 'delivered', items: [], total: 0, delivery: { delivered: [], emptiesCollected: [{ size: 20, quantity: 1 }] } });
    const deposits = (await stack.container.db.collection('customers').doc(STOPPED).collection('deposits').get()).docs.map((d) => d.data());
    expect(deposits).toEqual([expect.objectContaining({ kind: 'collect', size: 20, count: 1, orderId: 'ord-door' })]);
    await context.close();
  }, 90_000);

  it('moving a stopped customer (搬家) keeps the stop, and the office’s form says an inspection at the new address lifts it', async () => {
    const office = await officePage(browser, stack.url);
    await office.goto(`${stack.url}/office/customers`);
    await office.locator('tr', { hasText: STOPPED_NAME }).click();
    await office.getByTestId('edit-customer').click();
    const form = office.getByTestId('customer-form');
    // Another floor is the same installation: nothing to say.
    await form.getByTestId('address-floor').fill('5');
    expect(await form.getByTestId('customer-move-supply-stopped').count()).toBe(0);
    await form.getByTestId('address-road').fill('民生路');
    await form
      .getByTestId('customer-move-supply-stopped')
      .getByText('搬家不會解除停止供氣：不安全的設備可能一起搬到新地址，請安排在新地址做安全檢查，合格後才恢復供氣', { exact: false })
      .waitFor();
    await form.getByTestId('save-customer').click();
    await form.waitFor({ state: 'detached' });
    const moved = (await stack.container.db.collection('customers').doc(STOPPED).get()).data();
    expect(moved).toMatchObject({ address: expect.objectContaining({ road: '民生路' }), supplyStop: { serviceCallId: 'svc-earlier', since: today, items: ['hose'] } });
    await office.context().close();
  }, 90_000);

  it('tells the office, as a critical alert, of cylinders an upload from the queue left at a stopped customer, naming driver, cylinders and customer', async () => {
    const event = buildEvent({
      id: 'stop-delivered-1',
      type: 'system.supply_stop_delivered',
      occurredAt: new Date(),
      actor: { uid: 'u-driver8', role: 'driver' },
      subject: 'orders/ord-door',
      sequence: 3,
      data: { severity: 'critical', customerId: STOPPED, orderId: 'ord-door', driverId: DOOR_DRIVER, driverName: '吳司機', delivered: [{ size: 20, quantity: 2 }], at: new Date().toISOString(), since: today, serviceCallId: 'svc-earlier' },
    });
    await stack.container.db.collection('alerts').doc(event.id).set(alertDocument(event, STOPPED_NAME) ?? {});
    const office = await officePage(browser, stack.url);
    await office.getByTestId('alerts-open').click();
    const alert = office.getByTestId('alert').filter({ hasText: STOPPED_NAME });
    await alert.getByText('停止供氣中仍留下瓦斯：吳司機 離線時在停氣吳家留下 20 公斤 × 2，上傳時才知道已停止供氣。請立即聯絡客戶，取回鋼瓶或安排安全檢查').waitFor();
    await alert.getByText('緊急').waitFor();
    await office.context().close();
  }, 60_000);
});

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatShortDate } from '../src/lib/format';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of a customer's open orders in the portal: while the office has not confirmed one, they move it to
 * another day and hours (改日期/時段, the days the API refuses greyed out) or cancel it with one tap on a reason (取消訂單: busy on the card until the answer, a failure said in words); a
 * confirmed one offers neither. Saying, in 聯絡與收貨, that they are closed on an order's weekday points the order out.
 * A cancel tapped just as the office confirms the order is said to be refused, and why, not to be tried again (audit 12).
 * A customer whose service the office ended (退戶) is told so and offered no order form (audit 16).
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const later = addDays(today, 2);
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

const customer = aCustomer().withId('cust-po').withCode('C00111').with({ name: '阿美小吃', phones: ['0912-111-222'] }).build();
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-portal-orders', subscriptions: [] }));
  const db = stack.container.db;
  await db.collection('customers').doc(customer.id).set(customer);
  await seedUser(db, 'c00111', '阿美小吃', { role: 'customer', customerId: customer.id });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  for (const [id, status] of [['ord-move', 'pending'], ['ord-drop', 'pending'], ['ord-fixed', 'confirmed']] as const) {
    const order = anOrder().withId(id).forCustomer(customer).inStatus(status).with({ requestedDate: tomorrow }).build();
    // The one to drop is a suggestion of the nightly job's.
    await db.collection('orders').doc(id).set(id === 'ord-drop' ? { ...order, source: 'forecast' } : order);
  }
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

const stored = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data();

describe('open orders in the portal', () => {
  it('a customer moves a pending order to another day, cancels another with a reason, and cannot touch a confirmed one', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00111', /\/portal$/);
    await phone.getByTestId('reschedule-ord-move').waitFor();
    await expect(phone.getByTestId('reschedule-ord-fixed').count()).resolves.toBe(0);
    await expect(phone.getByTestId('cancel-order-ord-fixed').count()).resolves.toBe(0);
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-open-orders.png') });

    await phone.getByTestId('reschedule-ord-move').click();
    const dialog = phone.getByRole('dialog', { name: '修改訂單' });
    // Nothing changed yet, nothing to save.
    await expect(dialog.getByTestId('order-change-submit').isDisabled()).resolves.toBe(true);
    expect(await blockingViolations(phone, 'the 改日期/時段 dialog', '[role=dialog]')).toEqual([]);
    const dateInput = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await expect(dateInput.inputValue()).resolves.toBe(tomorrow.replaceAll('-', '/'));
    await dateInput.fill(later.replaceAll('-', '/'));
    await dateInput.press('Enter');
    // One list open at a time: each pick waits for its list to close (hidden options are no longer offered).
    const pick = async (field: string, time: string) => {
      await dialog.getByLabel(field, { exact: true }).click();
      await phone.getByRole('option', { name: time, exact: true }).click();
      await phone.getByRole('option', { name: time, exact: true }).waitFor({ state: 'hidden' });
    };
    await pick('開始', '14:00');
    // The start alone is 「兩點後」: the window runs to the last hour offered until the end is picked.
    await dialog.locator('.el-select', { has: phone.getByRole('combobox', { name: '結束' }) }).getByText('21:30').waitFor();
    await pick('結束', '17:00');
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-reschedule.png') });
    await dialog.getByTestId('order-change-submit').click();
    await phone.getByText(/^訂單已修改，總金額 NT\$/).waitFor();
    expect(await stored('ord-move')).toMatchObject({ requestedDate: later, timeWindow: { start: '14:00', end: '17:00' }, status: 'pending' });

    // The first try never gets an answer: the card says in words that the order is still there.
    const cancelUrl = '**/api/orders/ord-drop/cancel';
    await phone.route(cancelUrl, (r) => r.abort('failed'));
    await phone.getByTestId('cancel-order-ord-drop').click();
    const box = phone.getByRole('dialog', { name: '取消訂單' });
    // One tap on a reason is all it takes; nothing to type.
    await expect(box.getByTestId('cancel-confirm').isDisabled()).resolves.toBe(true);
    await box.getByText('瓦斯還有', { exact: true }).click();
    expect(await blockingViolations(phone, 'the 取消訂單 dialog', '[role=dialog]')).toEqual([]);
    await box.getByTestId('cancel-confirm').click();
    const failed = phone.getByTestId('cancel-failed-ord-drop');
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain('訂單沒有取消');
    await expect(stored('ord-drop')).resolves.toMatchObject({ status: 'pending' });
    await phone.unroute(cancelUrl);

    // The second, with a few words, answers slowly: until it does the card says 取消中… and offers nothing to press.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await phone.route(cancelUrl, async (r) => {
      await held;
      await r.continue();
    });
    await phone.getByTestId('cancel-order-ord-drop').click();
    await box.getByText('改天再叫', { exact: true }).click();
    await box.locator('textarea').fill('下週出國');
    await box.getByTestId('cancel-confirm').click();
    const dropCard = phone.locator('[data-test=portal-order]', { has: phone.getByTestId('cancel-order-ord-drop') });
    await dropCard.getByTestId('cancel-busy').getByText('取消中…').waitFor();
    await expect(phone.getByTestId('cancel-order-ord-drop').isDisabled()).resolves.toBe(true);
    await expect(phone.getByTestId('reschedule-ord-drop').isDisabled()).resolves.toBe(true);
    await expect(failed.count()).resolves.toBe(0);
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-cancelling.png') });
    release();
    await phone.getByText('已取消系統建議的訂單；一週內不會再建議您叫氣。').waitFor();
    await phone.unroute(cancelUrl);
    const dropped = await stored('ord-drop');
    // The reason picked is stored as its code, for the office to read in its own language; the words as typed.
    expect(dropped).toMatchObject({ status: 'cancelled', cancelReason: 'order_later' });
    expect(dropped?.['timeline'].at(-1)).toMatchObject({ to: 'cancelled', reason: 'order_later', note: '下週出國', by: { uid: 'u-c00111', role: 'customer' } });
    await expect(stored('ord-fixed')).resolves.toMatchObject({ status: 'confirmed', requestedDate: tomorrow });

    // 叫瓦斯 names the two still open before a third is booked by mistake.
    await phone.locator('[data-test="portal-nav-new"]:visible').click();
    const open = await phone.getByTestId('order-open-orders').textContent();
    expect(open).toContain('您已有進行中的訂單');
    expect(open).toContain(`${formatShortDate(tomorrow)} 已確認`);
    expect(open).toContain(`${formatShortDate(later)} 待確認`);

    // Closed, now, on the weekday the moved order falls on: 聯絡與收貨 points it out.
    await phone.locator('[data-test="portal-nav-notices"]:visible').click();
    const card = phone.getByTestId('my-contact');
    await card.getByTestId('my-delivery-closed-days').getByText('日一二三四五六'.charAt(weekdayOf(later)), { exact: true }).click();
    await card.getByTestId('my-contact-save').click();
    await expect(card.getByTestId('my-orders-on-closed-days').textContent()).resolves.toContain(formatShortDate(later));
    await phone.context().close();
  });

  it('each section is a step in the address: a reload stays in it, the phone’s Back returns to the one before', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00111', /\/portal$/);
    const title = phone.getByTestId('portal-section-title');
    await title.getByText('進行中訂單', { exact: false }).waitFor();
    await phone.locator('[data-test="portal-nav-notices"]:visible').click();
    await phone.waitForURL(/\/portal\?tab=notices$/);
    await phone.getByTestId('portal-nav-more').click();
    await phone.locator('[data-test="portal-nav-history"]:visible').click();
    await phone.waitForURL(/\/portal\?tab=history$/);
    await title.getByText('歷史訂單').waitFor();

    await phone.reload();
    await title.getByText('歷史訂單').waitFor();

    await phone.goBack();
    await phone.waitForURL(/\/portal\?tab=notices$/);
    await title.getByText('訊息通知').waitFor();
    await phone.goBack();
    await phone.waitForURL(/\/portal$/);
    await title.getByText('進行中訂單', { exact: false }).waitFor();
    await phone.context().close();
  });
  it('tells a customer whose service the office ended (退戶) so, and offers no order form, which the API would refuse', async () => {
    const db = stack.container.db;
    const closed = { ...aCustomer().withId('cust-po-closed').withCode('C00112').with({ name: '收店的茶飲店' }).build(), status: 'inactive' as const };
    await db.collection('customers').doc(closed.id).set(closed);
    await seedUser(db, 'c00112', '收店的茶飲店', { role: 'customer', customerId: closed.id });
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00112', /\/portal$/);
    await phone.getByTestId('portal-service-ended').getByText('您的帳戶已停止配送服務，無法再叫瓦斯；對帳單、發票與押金紀錄仍可在這裡查看', { exact: false }).waitFor();

    await phone.goto(`${stack.url}/portal?tab=new`);
    await phone.getByText('帳戶已停止配送服務，無法叫瓦斯', { exact: true }).waitFor();
    await expect(phone.getByRole('button', { name: '送出訂單' }).count()).resolves.toBe(0);
    await phone.context().close();
  });

  it('after the same-day cut-off 改日期 offers no today, which the API would refuse', async () => {
    const depots = stack.container.db.collection('depots');
    // A cut-off at midnight has always passed, whatever time the suite runs.
    await depots.doc('depot-cutoff').set({ id: 'depot-cutoff', name: '幸福氣 中和站', address: '新北市中和區中山路二段168號', location: { lat: 24.9978, lng: 121.4935 }, sameDayCutoff: '00:00' });
    try {
      const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
      await login(phone, stack.url, 'c00111', /\/portal$/);
      // The cut-off is asked when the dialog opens, which then says why today is not offered. (Waiting for a same-day
      // answer is not enough: the portal page asks the same for its own notice.)
      await phone.getByTestId('reschedule-ord-move').click();
      const dialog = phone.getByRole('dialog', { name: '修改訂單' });
      await expect(dialog.getByTestId('change-same-day-closed').textContent({ timeout: 20_000 })).resolves.toBe('今日訂單已於 00:00 截止，無法改到今天送達。');
      const dateInput = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
      const before = await dateInput.inputValue();
      expect(before).not.toBe(today.replaceAll('-', '/'));
      await dateInput.fill(today.replaceAll('-', '/'));
      await dateInput.press('Enter');
      await dateInput.blur();
      await expect(dateInput.inputValue()).resolves.toBe(before);
      await expect(dialog.getByTestId('order-change-submit').isDisabled()).resolves.toBe(true);
      await phone.context().close();
    } finally {
      await depots.doc('depot-cutoff').delete();
    }
  });

  it('says a cancel tapped just as the office confirms the order was refused and why, not to try again', async () => {
    const order = anOrder().withId('ord-raced').forCustomer(customer).inStatus('pending').build();
    await stack.container.db.collection('orders').doc(order.id).set({ ...order, requestedDate: later, version: 1 });
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00111', /\/portal$/);
    await phone.getByTestId('cancel-order-ord-raced').click();
    const box = phone.getByRole('dialog', { name: '取消訂單' });
    await box.getByText('瓦斯還有', { exact: true }).click();
    // The office confirms it while the customer's cancel is on its way.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await phone.route('**/api/orders/ord-raced/cancel', async (r) => {
      await held;
      await r.continue();
    });
    await box.getByTestId('cancel-confirm').click();
    const confirmed = await apiClient(stack.url, stack.container)('POST', '/api/orders/ord-raced/confirm', { as: 'office' });
    expect(confirmed.status).toBe(200);
    release();
    await expect(phone.getByTestId('cancel-failed-ord-raced').textContent({ timeout: 20_000 })).resolves.toBe(
      '訂單沒有取消：這張訂單目前是「已確認」，已無法在線上修改或取消；如需變更，請致電門市',
    );
    await expect(stored('ord-raced')).resolves.toMatchObject({ status: 'confirmed' });
    await phone.context().close();
  });

  it('reads a collection-only order (回收空瓶) as the empties taken back, with no amount, and lets the customer move only its day', async () => {
    const db = stack.container.db;
    const leaving = aCustomer().withId('cust-po-leaving').withCode('C00112').with({ name: '搬家麵店', cylindersOnSite: [{ size: 16, count: 3, depositPaid: 0 }] }).build();
    await db.collection('customers').doc(leaving.id).set(leaving);
    await seedUser(db, 'c00112', '搬家麵店', { role: 'customer', customerId: leaving.id });
    const three16 = [{ size: 16, quantity: 3 }];
    const collection = anOrder().withId('ord-collect').forCustomer(leaving).inStatus('pending').with({ items: [], emptiesToCollect: three16 }).build();
    await db.collection('orders').doc(collection.id).set({ ...collection, requestedDate: tomorrow, version: 1 });
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00112', /\/portal$/);
    const card = phone.getByTestId('portal-order').filter({ has: phone.getByTestId('reschedule-ord-collect') });
    await expect(card.getByTestId('portal-collection-only').innerText({ timeout: 20_000 })).resolves.toBe('回收空瓶\n16 公斤 × 3\n門市派車收回空瓶，不收費');
    await expect(card.innerText()).resolves.not.toContain('NT$');

    await phone.getByTestId('reschedule-ord-collect').click();
    const dialog = phone.getByRole('dialog', { name: '修改訂單' });
    await expect(dialog.getByTestId('change-collection-only').innerText()).resolves.toBe('16 公斤 × 3');
    await expect(dialog.locator('[data-test^=change-qty-]').count()).resolves.toBe(0);
    const dateInput = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dateInput.fill(later.replaceAll('-', '/'));
    await dateInput.press('Enter');
    await dialog.getByTestId('order-change-submit').click();
    await phone.getByText('回收空瓶已修改', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await stored('ord-collect')).toMatchObject({ requestedDate: later, items: [], total: 0, emptiesToCollect: three16, status: 'pending' });
    await phone.context().close();
  }, 90_000);
});

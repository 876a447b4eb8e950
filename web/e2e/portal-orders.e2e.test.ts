import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatShortDate } from '../src/lib/format';
import { blockingViolations } from './axe';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of a customer's open orders in the portal: while the office has not confirmed one, they move it to
 * another day and hours (改日期/時段, the days the API refuses greyed out) or cancel it with a reason (取消訂單, refused without one); a
 * confirmed one offers neither. Saying, in 聯絡與收貨, that they are closed on an order's weekday points the order out.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const later = addDays(today, 2);
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-portal-orders', subscriptions: [] }));
  const db = stack.container.db;
  const customer = aCustomer().withId('cust-po').withCode('C00111').with({ name: '阿美小吃', phones: ['0912-111-222'] }).build();
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
    const dialog = phone.getByRole('dialog', { name: '更改配送日期或時段' });
    // Nothing changed yet, nothing to save.
    await expect(dialog.getByTestId('reschedule-submit').isDisabled()).resolves.toBe(true);
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
    // Only the start of the hours: not yet a change to send.
    await expect(dialog.getByTestId('reschedule-submit').isDisabled()).resolves.toBe(true);
    await pick('結束', '17:00');
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-reschedule.png') });
    await dialog.getByTestId('reschedule-submit').click();
    await phone.getByText('配送日期與時段已更新').waitFor();
    expect(await stored('ord-move')).toMatchObject({ requestedDate: later, timeWindow: { start: '14:00', end: '17:00' }, status: 'pending' });

    await phone.getByTestId('cancel-order-ord-drop').click();
    const box = phone.getByRole('dialog', { name: '取消訂單' });
    await box.getByRole('button', { name: '取消訂單' }).click();
    await box.getByText('請填寫原因').waitFor();
    expect(await blockingViolations(phone, 'the 取消訂單 box with its refusal', '[role=dialog]')).toEqual([]);
    await box.locator('input').fill('瓦斯還夠用');
    await box.getByRole('button', { name: '取消訂單' }).click();
    await phone.getByText('已取消系統建議的訂單；一週內不會再建議您叫氣。').waitFor();
    const dropped = await stored('ord-drop');
    expect(dropped).toMatchObject({ status: 'cancelled' });
    expect(dropped?.['timeline'].at(-1)).toMatchObject({ to: 'cancelled', reason: '瓦斯還夠用', by: { uid: 'u-c00111', role: 'customer' } });
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
});

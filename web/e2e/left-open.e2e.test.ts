import type { Browser } from 'playwright-core';
import { taipeiInstant } from '../../functions/src/domain/calendar';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import { apiClient } from '../../functions/src/functions/test-support/api-client';
import type { TestStack } from '../../functions/src/local/test-support';
import { taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 停用待結清 following what happens while it is open: another clerk collecting a closed shop's cylinders and
 * refunding its deposit, deactivating a customer who still has cylinders, and a payment taken while a row's drawer is
 * open, each shown without reloading the page.
 */

const TODAY = taipeiDate();
const shut = (id: string, code: string, name: string, over: Record<string, unknown> = {}) => ({
  ...aCustomer().withId(id).withCode(code).with({ name, ...over }).build(),
  status: 'inactive' as const,
  deactivatedAt: new Date().toISOString(),
});
const teaShop = shut('cust-lo-tea', 'C00811', '收店的茶飲店', { cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] });
const debtor = shut('cust-lo-debt', 'C00812', '欠款麵攤');
const leaving = aCustomer().withId('cust-lo-leave').withCode('C00813').with({ name: '要搬走的燒臘', cylindersOnSite: [{ size: 16, count: 1, depositPaid: 0 }] }).build();
const unpaid = (() => {
  const o = anOrder().withId('ord-lo-unpaid').forCustomer({ ...debtor, status: 'active' }).with({ items: [{ size: 20, quantity: 1 }], paymentMethod: 'cash' }).inStatus('delivered').build();
  return { ...o, delivery: { at: taipeiInstant(TODAY, '00:01'), delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 0 } };
})();

let stack: TestStack;
let browser: Browser;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-left-open', subscriptions: [] }));
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await Promise.all([
    ...[teaShop, debtor, leaving].map((c) => db.collection('customers').doc(c.id).set(c)),
    db.collection('orders').doc(unpaid.id).set({ ...unpaid, version: 1 }),
    seedUser(db, 'left-open-office', '王小姐', { role: 'office' }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('停用待結清, live', () => {
  it('follows cylinders collected, a deposit refunded, a customer deactivated meanwhile and a payment taken in a drawer, without reloading', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(page, stack.url, 'left-open-office', /\/office$/);
    await page.goto(`${stack.url}/office/customers?leftOpen=1`);
    const list = page.getByTestId('customers-left-open');
    const row = (name: string) => list.locator('.el-table__row', { hasText: name });
    await row('收店的茶飲店').getByText('現場鋼瓶 20 公斤 × 2、押金 NT$2,400 待退').waitFor({ timeout: 20_000 });
    await row('欠款麵攤').getByText(`結欠 NT$${unpaid.total.toLocaleString('en-US')}`).waitFor();
    await expect(row('要搬走的燒臘').count()).resolves.toBe(0);

    // Another clerk: the two cylinders are back (the count corrected), then the deposit refunded.
    expect((await call('PATCH', `/api/customers/${teaShop.id}`, { as: 'office', body: { cylindersOnSite: [{ size: 20, count: 0, depositPaid: 2400 }] } })).status).toBe(200);
    await row('收店的茶飲店').getByText('押金 NT$2,400 待退', { exact: true }).waitFor({ timeout: 20_000 });
    const refund = await call('POST', `/api/customers/${teaShop.id}/deposits`, { as: 'office', body: { kind: 'refund', size: 20, count: 2, method: 'cash', receivedOn: TODAY } });
    expect(refund.status).toBe(201);
    await row('收店的茶飲店').waitFor({ state: 'detached', timeout: 20_000 });

    // Another clerk deactivates a customer whose cylinder is still at their place.
    expect((await call('POST', `/api/customers/${leaving.id}/deactivate`, { as: 'office', body: {} })).status).toBe(200);
    await row('要搬走的燒臘').getByText('現場鋼瓶 16 公斤 × 1').waitFor({ timeout: 20_000 });

    // The debtor pays while their drawer is open; closing it shows them settled.
    await row('欠款麵攤').click();
    const drawer = page.getByTestId('customer-drawer');
    await drawer.getByText('C00812 欠款麵攤').waitFor({ timeout: 20_000 });
    const paid = await call('POST', `/api/customers/${debtor.id}/payments`, { as: 'office', key: 'lo-pay', body: { amount: unpaid.total, method: 'cash', receivedOn: TODAY } });
    expect(paid.status).toBe(201);
    await page.keyboard.press('Escape');
    await row('欠款麵攤').waitFor({ state: 'detached', timeout: 20_000 });
    await page.context().close();
  }, 120_000);
});

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 過戶 in the office's customer drawer: the clerk opens 過戶 on a restaurant sold to a new owner, is told
 * what moves (the cylinders on site, the deposit as chosen, the open orders) and what does not (合約價, the seller's
 * deliveries and balance), gives the new owner's details and transfers; the drawer then shows the seller closed, linked
 * to the new customer, which opens with the cylinders. A seller with an order on a truck is refused in the dialog.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const TODAY = taipeiDate();
const moon = aCustomer()
  .withId('cust-xfer-1')
  .withCode('C00801')
  .with({ name: '新月小吃店', paymentTerms: 'monthly', invoice: { taxId: '40139466', companyTitle: '新月小吃店' }, cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }], autoDelivery: true })
  .build();
const busy = aCustomer().withId('cust-xfer-2').withCode('C00802').with({ name: '阿德快炒', cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] }).build();

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-customer-transfer', subscriptions: [] }));
  const db = stack.container.db;
  const onTruck = { ...anOrder().withId('ord-xfer-truck').forCustomer(busy).inStatus('scheduled').build(), requestedDate: TODAY };
  await Promise.all([
    ...[moon, busy].map((c) => db.collection('customers').doc(c.id).set(c)),
    db.collection('counters').doc('customers').set({ next: 900 }),
    db.collection('orders').doc(onTruck.id).set({ ...onTruck, version: 1 }),
    seedUser(db, 'transfer-office', '王小姐', { role: 'office' }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('過戶 in the customer drawer', () => {
  it('says what moves and what does not, transfers the shop to the new owner, and links the closed seller to the new customer', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(page, stack.url, 'transfer-office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '新月小吃店' }).click();
    const drawer = page.getByTestId('customer-drawer');
    await drawer.getByTestId('transfer-customer').click();

    const dialog = page.getByRole('dialog', { name: '過戶：新月小吃店 轉給新負責人' });
    await dialog.getByTestId('transfer-cylinders').getByText('現場鋼瓶轉給新客戶：20 公斤 × 3').waitFor();
    const notMoving = dialog.getByTestId('transfer-not-moving');
    await notMoving.getByText('合約價不會轉移：新客戶以牌價計價，需要時請另設合約價。').waitFor();
    await notMoving.getByText('原客戶在過戶日前的送貨，仍開立發票給原統一編號（月結客戶於當月月底開立），帳款也留在原客戶。').waitFor();
    await expect(dialog.getByTestId('transfer-handover').locator('input').inputValue()).resolves.toBe(TODAY.replaceAll('-', '/'));
    await dialog.getByTestId('transfer-name').fill('滿月麵食館');
    await dialog.getByTestId('transfer-contact').fill('陳老闆');
    await dialog.getByTestId('transfer-phone-0').fill('0933 222 111');
    await dialog.getByTestId('transfer-tax-id').fill('22099131');
    await dialog.getByTestId('transfer-company-title').fill('滿月餐飲有限公司');
    await dialog.getByTestId('transfer-deposit').getByText('轉給新負責人（雙方各留一筆押金紀錄）').waitFor();
    // 定期配送 and 自動配送 are the seller's arrangements: they end unless the clerk ticks them over, which the dialog says.
    await expect(dialog.getByTestId('transfer-move-recurring').locator('input').isChecked()).resolves.toBe(false);
    await dialog.getByTestId('transfer-recurring-hint').getByText('不勾選（預設）：原客戶的定期配送規則停止，新客戶不自動配送，需要時請與新負責人另行約定。').waitFor();
    await dialog.getByTestId('transfer-move-recurring').click();
    await dialog.getByTestId('transfer-recurring-hint').getByText('勾選：原客戶的定期配送規則改為新客戶的，自動配送也照舊。').waitFor();
    await page.screenshot({ path: join(SHOTS, 'lg-office-customer-transfer.png') });
    await dialog.getByTestId('transfer-submit').click();
    await page.locator('.el-message--success').getByText('已過戶：新客戶 C00900 滿月麵食館').waitFor({ timeout: 20_000 });

    await drawer.locator('.el-tag', { hasText: '停用' }).first().waitFor();
    const link = drawer.getByTestId('transferred-to');
    await link.getByText(`C00900（${formatCalendarDate(TODAY, 'zh-TW')}）`).waitFor();
    await expect(drawer.getByTestId('transfer-customer').count()).resolves.toBe(0);
    await expect(drawer.getByTestId('reactivate-customer').count()).resolves.toBe(0);
    await link.click();
    await page.getByTestId('customer-drawer').getByText('C00900 滿月麵食館').waitFor({ timeout: 20_000 });
    await page.getByTestId('customer-drawer').getByTestId('transferred-from').getByText('C00801', { exact: false }).waitFor();
    await page.getByTestId('customer-drawer').getByTestId('on-site-20').getByText('20 公斤 × 3', { exact: false }).waitFor();
    const buyer = (await stack.container.db.collection('customers').where('code', '==', 'C00900').get()).docs[0]?.data();
    expect(buyer).toMatchObject({ name: '滿月麵食館', phones: ['0933-222-111'], invoice: { taxId: '22099131', companyTitle: '滿月餐飲有限公司' }, autoDelivery: true, transferredFrom: { customerId: moon.id } });
    await page.context().close();
  }, 120_000);

  it('shows the refusal of a seller with an order on a truck in the dialog, naming the order, and transfers nothing', async () => {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(page, stack.url, 'transfer-office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '阿德快炒' }).click();
    await page.getByTestId('customer-drawer').getByTestId('transfer-customer').click();
    const dialog = page.getByRole('dialog', { name: '過戶：阿德快炒 轉給新負責人' });
    await dialog.getByTestId('transfer-name').fill('德記熱炒');
    await dialog.getByTestId('transfer-phone-0').fill('0922-111-333');
    await dialog.getByTestId('transfer-submit').click();
    await dialog
      .getByTestId('transfer-error')
      .getByText(`賣方有 1 筆訂單已排入已發布的路線或正在配送：${Number(TODAY.slice(5, 7))}/${Number(TODAY.slice(8, 10))} 已排程（ord-xfer-truck）`, { exact: false })
      .waitFor({ timeout: 20_000 });
    expect((await stack.container.db.collection('customers').doc(busy.id).get()).get('status')).toBe('active');
    await page.context().close();
  }, 120_000);
});

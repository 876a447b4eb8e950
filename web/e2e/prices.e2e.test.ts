import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SUBSCRIPTIONS } from '../../functions/src/adapters/pubsub/subscriptions';
import type { Customer } from '../../functions/src/domain/customers';
import { aCustomer, anOrder } from '../../functions/src/domain/test-support';
import { eventually } from '../../functions/src/functions/test-support/planning-day';
import type { TestStack } from '../../functions/src/local/test-support';
import { addDays, formatCalendarDate, formatShortDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openAdminPage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 調價通知 on the built SPA, the local gateway and the emulators (the `notifyPriceChange` and `repriceOrders` consumers pushed to
 * by Pub/Sub, the in-app inbox as the channel): the admin sets next week's 20 kg price with 通知客戶, sees the customer's
 * order booked for that week re-priced and how many customers were told, and finds the change in 稽核紀錄; the customer, who
 * buys 20 kg, sees the coming price above their orders.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const TODAY = taipeiDate();
const CHANGE_DAY = addDays(TODAY, 6);
const CUSTOMER = 'cust-price-1';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-prices', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyPriceChange' || s.consumer === 'repriceOrders') }));
  const db = stack.container.db;
  const customer: Customer = aCustomer().withId(CUSTOMER).withCode('C00001').with({ name: '林記麵館', phones: ['0912-345-678'] }).build();
  const order = { ...anOrder().withId('ord-price-1').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }] }).inStatus('delivered').build(), requestedDate: addDays(TODAY, -12) };
  // Booked at NT$860 for a day the new price covers.
  const booked = {
    ...anOrder().withId('ord-price-2').forCustomer(customer).build(),
    items: [{ size: 20, quantity: 1, unitPrice: 860, subtotal: 860 }],
    total: 860,
    requestedDate: addDays(CHANGE_DAY, 1),
  };
  await Promise.all([
    db.collection('customers').doc(CUSTOMER).set(customer),
    db.collection('orders').doc(order.id).set({ ...order, version: 1 }),
    db.collection('orders').doc(booked.id).set({ ...booked, version: 1 }),
    ...[20, 50].map((size) =>
      db
        .collection('priceList')
        .doc(`price-${size}-${addDays(TODAY, -40)}`)
        .set({ id: `price-${size}-${addDays(TODAY, -40)}`, size, unitPrice: size === 20 ? 860 : 2100, effectiveFrom: addDays(TODAY, -40), createdAt: new Date().toISOString(), createdBy: 'seed' }),
    ),
    seedUser(db, 'price-admin', '價格管理員', { role: 'admin' }),
    seedUser(db, 'price-customer', '林老闆', { role: 'customer', customerId: CUSTOMER }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('調價通知 in the browser', () => {
  it('the admin announces next week’s price and sees the order booked for it re-priced and the customer told; the customer sees it coming', async () => {
    const admin = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await admin.newPage();
    await login(page, stack.url, 'price-admin', /\/office$/);
    await page.goto(`${stack.url}/admin/prices`);
    await page.locator('h2.page-title', { hasText: '價格管理' }).waitFor();
    await expect(page.getByTestId('price-notify').count()).resolves.toBe(0);
    await page.locator('[data-test=price-amount] input').fill('880');
    const day = page.getByTestId('price-form').locator('.el-form-item', { hasText: '生效日期' }).locator('input');
    await day.fill(CHANGE_DAY.replaceAll('-', '/'));
    await day.press('Enter');
    await page.getByTestId('price-notify').click();
    await page.getByTestId('add-price').click();

    const row = page.locator('[data-test=price-entries] .el-table__row', { hasText: 'NT$880' });
    await row.waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('price-saved').textContent()).resolves.toContain('已儲存。尚未排車的訂單隨後改用新價格');
    // The order is re-priced by the repriceOrders consumer after the answer; the page reads the list again until it is done.
    await row.getByTestId('price-repriced').filter({ hasText: '1 筆' }).waitFor({ timeout: 20_000 });
    expect((await stack.container.db.collection('orders').doc('ord-price-2').get()).data()).toMatchObject({ items: [{ size: 20, quantity: 1, unitPrice: 880, subtotal: 880 }], total: 880, version: 2 });
    // The notice goes out from the consumer after the answer: the count shows once it has.
    await eventually(async () => {
      await page.getByRole('button', { name: '重新整理' }).click();
      return (await row.getByTestId('price-notified').textContent({ timeout: 5_000 }))?.includes('1 位客戶') ? true : null;
    });
    await page.screenshot({ path: join(SHOTS, 'lg-admin-price-notice.png'), fullPage: true });

    // 稽核紀錄 names who set the price, on which entry, with what was sent.
    await openAdminPage(page, '稽核紀錄');
    const entry = page.locator('[data-test=audit-table] .el-table__row', { hasText: '設定價格' });
    await entry.waitFor({ timeout: 20_000 });
    await expect(entry.getByTestId('audit-who').textContent()).resolves.toBe('價格管理員');
    await expect(entry.getByTestId('audit-entity-id').textContent()).resolves.toBe(`price-20-${CHANGE_DAY}`);
    await entry.locator('.el-table__expand-icon').click();
    await expect(page.getByTestId('audit-body').textContent()).resolves.toContain('"unitPrice": 880');
    await page.screenshot({ path: join(SHOTS, 'lg-admin-audit-log.png'), fullPage: true });
    await admin.close();

    const told = await stack.container.db.collection('notifications').where('customerId', '==', CUSTOMER).get();
    expect(told.docs.map((d) => d.get('text'))).toEqual([expect.stringContaining('20 公斤桶裝瓦斯每桶 NT$880（原 NT$860，調漲 NT$20）')]);

    const portal = await browser.newContext({ locale: 'zh-TW', viewport: { width: 420, height: 860 } });
    const mine = await portal.newPage();
    await login(mine, stack.url, 'price-customer', /\/portal$/);
    const banner = mine.getByTestId('price-notice');
    await banner.waitFor({ timeout: 20_000 });
    await expect(banner.count()).resolves.toBe(1);
    await expect(banner.textContent()).resolves.toContain(`${formatShortDate(CHANGE_DAY, 'zh-TW', false)} 起 20 公斤每桶 NT$880`);
    await mine.screenshot({ path: join(SHOTS, 'lg-portal-price-notice.png'), fullPage: true });
    await portal.close();
  }, 120_000);

  it('the admin who types a 50 kg price ten times too high is shown it against the price before and goes back to fix it; a real large change is saved once confirmed', async () => {
    const day = addDays(TODAY, 9);
    const admin = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await admin.newPage();
    await login(page, stack.url, 'price-admin', /\/office$/);
    await page.goto(`${stack.url}/admin/prices`);
    await page.locator('h2.page-title', { hasText: '價格管理' }).waitFor();
    await page.locator('[data-test=price-size]').click();
    await page.getByRole('option', { name: '50 公斤', exact: true }).click();
    const amount = page.locator('[data-test=price-amount] input');
    await page.waitForFunction(() => (document.querySelector('[data-test=price-amount] input') as HTMLInputElement | null)?.value === '2100');
    await amount.fill('21000');
    const dayInput = page.getByTestId('price-form').locator('.el-form-item', { hasText: '生效日期' }).locator('input');
    await dayInput.fill(day.replaceAll('-', '/'));
    await dayInput.press('Enter');
    await page.getByTestId('add-price').click();

    const box = page.locator('.el-message-box');
    await box.getByText(`50 公斤自 ${formatCalendarDate(day, 'zh-TW')} 起每桶 NT$21,000，比前一天的 NT$2,100 調漲 900%。請確認沒有多打或少打一位數。`).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-admin-price-large-change.png'), fullPage: true });
    await box.getByRole('button', { name: '返回修改' }).click();
    await box.waitFor({ state: 'hidden' });
    // Under the price, where the digit is to be fixed.
    await page.getByTestId('price-form').locator('.el-form-item', { hasText: '單價' }).locator('.el-form-item__error').getByText('50 公斤每桶 NT$21,000 與前一天的 NT$2,100 相差超過兩成，請確認金額沒有打錯').waitFor();
    const stored = () => stack.container.db.collection('priceList').doc(`price-50-${day}`).get();
    expect((await stored()).exists).toBe(false);

    await amount.fill('2600');
    await page.getByTestId('add-price').click();
    await box.getByText('比前一天的 NT$2,100 調漲 24%').waitFor({ timeout: 20_000 });
    await box.getByRole('button', { name: '金額正確，儲存' }).click();
    await page.locator('[data-test=price-entries] .el-table__row', { hasText: 'NT$2,600' }).getByText('50 公斤').waitFor({ timeout: 20_000 });
    expect((await stored()).data()).toMatchObject({ size: 50, unitPrice: 2600, effectiveFrom: day, createdBy: 'u-price-admin' });
    await admin.close();
  }, 120_000);

  it('the admin posting a 20 kg price a customer’s 合約價 discount would leave nothing of is told which customers, under the price, and nothing is saved', async () => {
    const day = addDays(TODAY, 12);
    const onTerms = aCustomer().withId('cust-price-terms').withCode('C00002').with({ name: '王家小吃' }).build();
    await stack.container.db.collection('customers').doc(onTerms.id).set({ ...onTerms, contractPrices: [{ size: 20, kind: 'discount', amount: 100, effectiveFrom: TODAY }] });
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'price-admin', /\/office$/);
    await page.goto(`${stack.url}/admin/prices`);
    await page.locator('h2.page-title', { hasText: '價格管理' }).waitFor();
    // The form offers the price in force once the list is read: typed after it.
    await page.waitForFunction(() => (document.querySelector('[data-test=price-amount] input') as HTMLInputElement | null)?.value === '860');
    await page.locator('[data-test=price-amount] input').fill('90');
    const dayInput = page.getByTestId('price-form').locator('.el-form-item', { hasText: '生效日期' }).locator('input');
    await dayInput.fill(day.replaceAll('-', '/'));
    await dayInput.press('Enter');
    await page.getByTestId('add-price').click();
    await page
      .getByTestId('price-form')
      .locator('.el-form-item', { hasText: '單價' })
      .locator('.el-form-item__error')
      .getByText('20 公斤牌價 NT$90 不高於 王家小吃 的合約折讓（最多 NT$100），折讓後沒有金額；請先調整這些客戶的合約價')
      .waitFor({ timeout: 20_000 });
    await expect(page.locator('.el-message-box').count()).resolves.toBe(0);
    expect((await stack.container.db.collection('priceList').doc(`price-20-${day}`).get()).exists).toBe(false);
    await page.context().close();
  }, 120_000);

  it('the customer ordering sees what the cylinders come to at the prices of the day they pick, across a coming change, and is charged that; moving the order back before the change, too', async () => {
    const later = addDays(TODAY, 20);
    await stack.container.db.collection('priceList').doc(`price-20-${later}`).set({ id: `price-20-${later}`, size: 20, unitPrice: 900, effectiveFrom: later, createdAt: new Date().toISOString(), createdBy: 'seed' });
    const portal = await browser.newContext({ locale: 'zh-TW', viewport: { width: 420, height: 860 } });
    const mine = await portal.newPage();
    await login(mine, stack.url, 'price-customer', /\/portal$/);
    await mine.locator('[data-test="portal-nav-new"]:visible').click();
    await mine.locator('[data-test=qty-20] input').fill('2');
    await mine.locator('[data-test=qty-20] input').press('Tab');
    const quote = mine.getByTestId('order-quote');
    await quote.getByText(`預估金額 NT$1,720（20 公斤每桶 NT$860 × 2），依配送日 ${formatShortDate(addDays(TODAY, 1), 'zh-TW')} 的價格計算`).waitFor({ timeout: 20_000 });

    const dayInput = mine.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await dayInput.fill(later.replaceAll('-', '/'));
    await dayInput.press('Enter');
    await quote.getByText(`預估金額 NT$1,800（20 公斤每桶 NT$900 × 2），依配送日 ${formatShortDate(later, 'zh-TW')} 的價格計算`).waitFor({ timeout: 20_000 });
    await mine.screenshot({ path: join(SHOTS, 'lg-portal-order-quote.png'), fullPage: true });

    await mine.getByTestId('create-order').click();
    await mine.locator('.el-message--success').getByText('已送出訂單，總金額 NT$1,800').waitFor({ timeout: 20_000 });
    const placed = await stack.container.db.collection('orders').where('customerId', '==', CUSTOMER).where('requestedDate', '==', later).get();
    expect(placed.docs.map((d) => d.data())).toEqual([expect.objectContaining({ items: [{ size: 20, quantity: 2, unitPrice: 900, subtotal: 1800 }], total: 1800 })]);

    // 修改訂單 says the same for the day the order moves to, before it is saved.
    const id = placed.docs[0]?.id ?? '';
    await mine.locator('[data-test="portal-nav-open"]:visible').click();
    await mine.getByTestId(`reschedule-${id}`).click();
    const dialog = mine.getByRole('dialog', { name: '修改訂單' });
    const newDay = dialog.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await newDay.fill(addDays(TODAY, 2).replaceAll('-', '/'));
    await newDay.press('Enter');
    await dialog.getByTestId('order-quote').getByText(`預估金額 NT$1,720（20 公斤每桶 NT$860 × 2），依配送日 ${formatShortDate(addDays(TODAY, 2), 'zh-TW')} 的價格計算`).waitFor({ timeout: 20_000 });
    await dialog.getByTestId('order-change-submit').click();
    await mine.getByText('訂單已修改，總金額 NT$1,720').waitFor({ timeout: 20_000 });
    expect((await stack.container.db.collection('orders').doc(id).get()).data()).toMatchObject({ requestedDate: addDays(TODAY, 2), total: 1720 });
    await portal.close();
  }, 120_000);

  it('the admin undoes a 16 kg change entered for the wrong day: its row reads 已撤銷 with the price it had struck out, the order it re-priced goes back and the customer told of it hears the price stays', async () => {
    const db = stack.container.db;
    const [base, wrong] = [addDays(TODAY, -40), addDays(TODAY, 8)];
    const entry = (day: string, unitPrice: number) => ({ id: `price-16-${day}`, size: 16, unitPrice, effectiveFrom: day, createdAt: new Date().toISOString(), createdBy: 'seed' });
    // The change was announced to the customer, and their 16 kg order for the day after took it.
    const customer = (await db.collection('customers').doc(CUSTOMER).get()).data() as Customer;
    const booked = { ...anOrder().withId('ord-price-16').forCustomer(customer).build(), items: [{ size: 16, quantity: 1, unitPrice: 740, subtotal: 740 }], total: 740, requestedDate: addDays(wrong, 1) };
    await Promise.all([
      db.collection('priceList').doc(`price-16-${base}`).set(entry(base, 700)),
      db.collection('priceList').doc(`price-16-${wrong}`).set(entry(wrong, 740)),
      db.collection('priceNotices').doc(`price-16-${wrong}`).set({ entryId: `price-16-${wrong}`, told: { [CUSTOMER]: 740 } }),
      db.collection('orders').doc(booked.id).set({ ...booked, version: 1 }),
    ]);
    const admin = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await admin.newPage();
    await login(page, stack.url, 'price-admin', /\/office$/);
    await page.goto(`${stack.url}/admin/prices`);
    const row = page.locator('[data-test=price-entries] .el-table__row', { hasText: formatCalendarDate(wrong, 'zh-TW') }).filter({ hasText: '16 公斤' });
    await row.getByTestId('price-undo').click();
    const box = page.locator('.el-message-box');
    await box
      .getByText(`撤銷 ${formatCalendarDate(wrong, 'zh-TW')} 起 16 公斤每桶 NT$740 的調價？此日起維持原價 NT$700，已改價的訂單改回原價，已通知的客戶會收到價格不變的更正。`)
      .waitFor({ timeout: 20_000 });
    await box.getByRole('button', { name: '撤銷調價' }).click();

    await row.getByTestId('price-revoked').getByText('已撤銷，維持 NT$700').waitFor({ timeout: 20_000 });
    await expect(row.locator('s.money').textContent()).resolves.toBe('NT$740');
    await expect(row.getByTestId('price-undo').count()).resolves.toBe(0);
    expect((await db.collection('priceList').doc(`price-16-${wrong}`).get()).data()).toMatchObject({ unitPrice: 700, revokedPrice: 740 });
    await row.getByTestId('price-repriced').filter({ hasText: '1 筆' }).waitFor({ timeout: 20_000 });
    expect((await db.collection('orders').doc(booked.id).get()).data()).toMatchObject({ items: [{ size: 16, quantity: 1, unitPrice: 700, subtotal: 700 }], total: 700 });
    const corrected = await eventually(async () => {
      const texts = (await db.collection('notifications').where('customerId', '==', CUSTOMER).get()).docs.map((d) => String(d.get('text')));
      return texts.find((text) => text.startsWith('幸福氣更正') && text.includes('16 公斤')) ?? null;
    });
    expect(corrected).toContain('價格不變，仍為每桶 NT$700');
    await admin.close();
  }, 120_000);
});

import type { Browser, Page } from 'playwright-core';
import { DISTRICT_CENTRES } from '../../functions/src/domain/customers';
import { aDriver, aVehicle, DEPOT } from '../../functions/src/domain/routes/test-support/fleet-mother';
import { aCustomer, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatDateRange } from '../src/lib/closures';
import { addDays, formatCalendarDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, openAdminPage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of audit 10's follow-ups in the office's and the admin's forms: the next caller found by the first digits
 * of their number as the clerk types along, which also takes the last order's banner away; a new caller's address typed
 * in one line and split into the fields; a depot located from its address with the pin on the map; the trucks offered to
 * a new driver, free ones first, and where the driver's sign-in is made; a driver's 對客稱呼 set and cleared; a number field's message in the office's words
 * that goes once the value is corrected; the price form starting at the size's current price; on 休息日 the closure
 * reminders' outcome, with the customers nobody could tell and their numbers to call; a new 統一編號 on a monthly customer
 * whose month is not yet invoiced (過戶) held back until the clerk says it is a correction.
 */

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-office-admin-forms', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedUser(db, 'admin', '李經理', { role: 'admin' });
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set({ ...p, id: `p-${p.size}`, createdAt: '2020-01-01T00:00:00.000Z', createdBy: 'seed' })));
  const regular = aCustomer().withId('cust-regular').withCode('C00501').with({ name: '劉佩君', phones: ['0960-327-259'] }).build();
  const next = aCustomer().withId('cust-next').withCode('C00502').with({ name: '陳美玲', phones: ['0911-222-333'] }).build();
  await Promise.all([regular, next].map((c) => db.collection('customers').doc(c.id).set(c)));
  const taken = aVehicle('veh-taken', { plate: 'AAA-1111' });
  const free = aVehicle('veh-free', { plate: 'ZZZ-9999' });
  await Promise.all([
    db.collection('depots').doc(DEPOT.id).set(DEPOT),
    db.collection('vehicles').doc(taken.id).set(taken),
    db.collection('vehicles').doc(free.id).set(free),
    db.collection('drivers').doc('drv-wang').set(aDriver('drv-wang', taken.id, { name: '王建民' })),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function signedIn(who: 'office' | 'admin'): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
  await login(page, stack.url, who, /\/office$/);
  return page;
}

describe('the office taking calls', () => {
  it('finds the next caller by the first digits of their number as the clerk types along, and the last order’s banner goes', async () => {
    const page = await signedIn('office');
    await page.goto(`${stack.url}/office/orders/new`);
    await page.getByTestId('customer-picker').click();
    await page.keyboard.type('0960327');
    await page.getByRole('option', { name: /C00501 劉佩君/ }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.customer-line').getByText('0960-327-259 · ').waitFor({ timeout: 5_000 });
    await page.locator('[data-test=qty-20] input').focus();
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.getByTestId('order-created').getByText('已為 劉佩君 建立訂單').waitFor({ timeout: 20_000 });

    // The next call: the cursor is back in the search, the caller says 0911-222…
    await page.keyboard.type('0911-222');
    await page.getByRole('option', { name: /C00502 陳美玲/ }).waitFor({ timeout: 20_000 });
    await page.getByTestId('order-created').waitFor({ state: 'detached', timeout: 5_000 });
    await page.context().close();
  }, 120_000);

  it('adds a new caller from the order form: the dialog opens on 名稱, an address said in one line fills its fields', async () => {
    const page = await signedIn('office');
    await page.goto(`${stack.url}/office/orders/new`);
    await page.getByTestId('picker-new-customer').click();
    const form = page.getByTestId('customer-form');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'customer-name', undefined, { timeout: 10_000 });
    await page.keyboard.type('板橋王記小吃');
    await form.getByTestId('customer-phone-0').fill('0922333444');

    await form.getByTestId('address-whole').fill('文化路一段20號3樓');
    await form.getByTestId('address-whole').press('Enter');
    await form.getByText('地址缺少縣市或鄉鎮市區（例：新北市中和區…）').waitFor({ timeout: 20_000 });
    await form.getByTestId('address-whole').fill('新北市板橋區文化路一段20號3樓');
    await expect(form.getByText('地址缺少縣市或鄉鎮市區（例：新北市中和區…）').count()).resolves.toBe(0);
    await form.getByTestId('address-whole').press('Enter');
    await page.waitForFunction(() => (document.querySelector('[data-test=address-district]') as HTMLInputElement | null)?.value === '板橋區', undefined, { timeout: 20_000 });
    const value = (test: string) => form.getByTestId(test).inputValue();
    await expect(Promise.all(['address-city', 'address-road', 'address-number', 'address-floor'].map(value))).resolves.toEqual(['新北市', '文化路', '20', '3']);
    await form.getByTestId('address-section').getByText('1 段').waitFor();
    // Enter in the one-line field split the address; it did not save the form.
    expect((await stack.container.db.collection('customers').where('name', '==', '板橋王記小吃').get()).size).toBe(0);

    await form.getByTestId('address-floor').fill('2');
    await form.getByTestId('save-customer').click();
    await page.getByTestId('customer-form').waitFor({ state: 'detached', timeout: 20_000 });
    const stored = await stack.container.db.collection('customers').where('name', '==', '板橋王記小吃').get();
    expect(stored.docs.map((d) => d.data()['address'])).toEqual([expect.objectContaining({ full: '新北市板橋區文化路一段20號2樓' })]);
    await page.context().close();
  }, 120_000);
});

describe('the office told a restaurant was sold (過戶)', () => {
  it('holds back a new 統一編號 while the month’s deliveries on account are not invoiced, saying to use 過戶 for a new owner, and saves it as a correction when told', async () => {
    const db = stack.container.db;
    const sold = aCustomer().withId('cust-sold').withCode('C00510').with({ name: '新月小吃店', paymentTerms: 'monthly', invoice: { taxId: '40139466', companyTitle: '新月小吃店' } }).build();
    const order = anOrder().withId('ord-seller').forCustomer(sold).with({ items: [{ size: 20, quantity: 3 }], paymentMethod: 'monthly' }).inStatus('delivered').build();
    await db.collection('customers').doc(sold.id).set(sold);
    const delivery = { at: new Date().toISOString(), delivered: [{ size: 20, quantity: 3 }], emptiesCollected: [], cashCollected: 0 };
    await db.collection('orders').doc(order.id).set({ ...order, requestedDate: taipeiDate(), delivery, version: 1 });

    const page = await signedIn('office');
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '新月小吃店' }).click();
    await page.getByTestId('customer-drawer').getByTestId('edit-customer').click();
    const form = page.getByTestId('customer-form');
    await form.getByTestId('invoice-tax-id').fill('24536806');
    await form.getByTestId('invoice-company-title').fill('好味道餐飲有限公司');
    await form.getByTestId('save-customer').click();

    const ask = page.locator('.el-message-box');
    await ask.getByText('若是過戶給新負責人，請改用客戶資料的「過戶」', { exact: false }).waitFor();
    await ask.getByRole('button', { name: '返回' }).click();
    await form.getByText('1 筆月結送貨尚未開立發票', { exact: false }).waitFor();
    await expect(db.collection('customers').doc(sold.id).get().then((d) => d.get('invoice'))).resolves.toEqual(sold.invoice);

    await form.getByTestId('save-customer').click();
    await ask.getByRole('button', { name: '是更正，儲存' }).click();
    await form.waitFor({ state: 'detached' });
    await expect(db.collection('customers').doc(sold.id).get().then((d) => d.get('invoice'))).resolves.toEqual({ taxId: '24536806', companyTitle: '好味道餐飲有限公司' });
    await page.context().close();
  }, 90_000);
});

describe('the admin’s fleet and price forms', () => {
  it('locates a new depot from its address and pins it on the map; the position is what is saved', async () => {
    const page = await signedIn('admin');
    await openAdminPage(page, '車隊管理');
    await page.getByRole('tab', { name: '站點' }).click();
    await page.getByTestId('new-depot').click();
    await page.getByTestId('depot-name').fill('幸福氣 板橋站');
    await page.getByTestId('depot-address').fill('新北市板橋區文化路一段100號');
    await page.getByTestId('locate-address').click();
    const centre = DISTRICT_CENTRES['新北市']['板橋區'];
    await page.waitForFunction((lat) => (document.querySelector('[data-test=depot-lat] input') as HTMLInputElement | null)?.value === lat, centre.lat.toFixed(4), { timeout: 20_000 });
    await expect(page.locator('[data-test=depot-lng] input').inputValue()).resolves.toBe(centre.lng.toFixed(4));
    await page.locator('[data-test=location-map] .location-pin').waitFor();
    await page.getByTestId('save-depots').click();
    await page.locator('[data-test=depots-table] .el-table__row', { hasText: '幸福氣 板橋站' }).waitFor({ timeout: 20_000 });
    const stored = await stack.container.db.collection('depots').where('name', '==', '幸福氣 板橋站').get();
    expect(stored.docs.map((d) => d.data()['location'])).toEqual([centre]);
    await page.context().close();
  }, 120_000);

  it('offers a new driver the free trucks first, marks one already driven, and says where the sign-in is made', async () => {
    const page = await signedIn('admin');
    await openAdminPage(page, '車隊管理');
    await page.getByRole('tab', { name: '司機' }).click();
    const hint = page.getByTestId('driver-account-hint');
    await hint.getByText('司機的登入帳號請到').waitFor();
    await expect(hint.getByRole('link', { name: '帳號管理' }).getAttribute('href')).resolves.toBe('/admin/users');
    await page.getByTestId('new-driver').click();
    await page.getByTestId('driver-vehicle').click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await options.first().waitFor();
    await expect(options.allInnerTexts()).resolves.toEqual(['ZZZ-9999', expect.stringMatching(/^AAA-1111\s*已由 王建民 固定駕駛$/)]);
    await page.context().close();
  }, 120_000);

  it("sets a driver's 對客稱呼 (what 報修通知 tells the customer) and clears it again, so the name is derived from theirs", async () => {
    const page = await signedIn('admin');
    await openAdminPage(page, '車隊管理');
    await page.getByRole('tab', { name: '司機' }).click();
    const driver = () => stack.container.db.collection('drivers').doc('drv-wang').get();
    const editWang = async () => {
      await page.locator('[data-test=drivers-table] .el-table__row', { hasText: '王建民' }).getByRole('button', { name: '編輯' }).click();
      return page.getByTestId('drivers-form');
    };
    let form = await editWang();
    await form.getByText('報修通知告訴客戶由誰前往；空白則由姓名帶出（陳志豪 → 陳師傅），複姓或暱稱請在此填寫').waitFor();
    await form.getByTestId('driver-addressed-as').fill('建民哥');
    await form.getByTestId('save-drivers').click();
    await form.waitFor({ state: 'detached' });
    expect((await driver()).get('addressedAs')).toBe('建民哥');

    form = await editWang();
    const field = form.getByTestId('driver-addressed-as');
    await expect(field.inputValue()).resolves.toBe('建民哥');
    await field.fill('');
    await form.getByTestId('save-drivers').click();
    await form.waitFor({ state: 'detached' });
    expect((await driver()).data()).not.toHaveProperty('addressedAs');
    await page.context().close();
  }, 120_000);

  it('says what is wrong with a number in the office’s words, and the message goes once it is corrected', async () => {
    const page = await signedIn('admin');
    await openAdminPage(page, '車隊管理');
    await page.waitForURL(/\/admin\/fleet$/);
    await page.getByTestId('new-vehicle').click();
    await page.getByTestId('vehicle-plate').fill('KLJ-5566');
    await page.getByTestId('vehicle-depot').click();
    await page.locator('.el-select-dropdown__item:visible').getByText(DEPOT.name).click();
    await page.locator('[data-test=vehicle-capacity] input').fill('');
    await page.getByTestId('save-vehicles').click();
    const form = page.getByTestId('vehicles-form');
    await form.getByText('請填寫數字').waitFor({ timeout: 20_000 });
    await form.getByTestId('vehicles-error').waitFor();
    await page.locator('[data-test=vehicle-capacity] input').fill('1800');
    await page.locator('[data-test=vehicle-capacity] input').press('Tab');
    await form.getByText('請填寫數字').waitFor({ state: 'detached', timeout: 5_000 });
    await expect(form.getByTestId('vehicles-error').count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);

  it('starts a new price at the size’s current one, not NT$0', async () => {
    const page = await signedIn('admin');
    await openAdminPage(page, '價格管理');
    const current = (size: number) => String(aPriceList().find((p) => p.size === size)?.unitPrice);
    await page.waitForFunction((v) => (document.querySelector('[data-test=price-amount] input') as HTMLInputElement | null)?.value === v, current(20), { timeout: 20_000 });
    await page.getByTestId('price-size').click();
    await page.locator('.el-select-dropdown__item:visible').getByText('50 公斤').click();
    await page.waitForFunction((v) => (document.querySelector('[data-test=price-amount] input') as HTMLInputElement | null)?.value === v, current(50), { timeout: 5_000 });
    await page.context().close();
  }, 120_000);
});

describe('the admin the week before a closure', () => {
  it('sees on 休息日 how many customers the reminders told and whom they could not reach, with the number to call', async () => {
    const db = stack.container.db;
    const [from, to] = [addDays(taipeiDate(), 3), addDays(taipeiDate(), 7)];
    await db.collection('closures').doc('cl-forms').set({ id: 'cl-forms', name: '春節', from, to, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    // As the reminders job leaves them: 劉佩君 read hers in the portal, 陳美玲 has nothing to be told by.
    const reminder = { kind: 'closure-reminder', closureId: 'cl-forms', channel: 'inbox', text: '幸福氣提醒', createdAt: new Date() };
    await db.collection('notificationDispatch').doc('closure-cl-forms-cust-regular').set({ ...reminder, customerId: 'cust-regular', to: 'cust-regular', orderBy: addDays(from, -1), status: 'sent' });
    await db.collection('notificationDispatch').doc('closure-cl-forms-cust-next').set({ ...reminder, customerId: 'cust-next', to: 'cust-next', orderBy: addDays(from, -2), status: 'failed', errorCode: 'INBOX.NO_ACCOUNT' });
    const page = await signedIn('admin');
    await openAdminPage(page, '休息日');
    const row = page.getByTestId('closure-reminders-cl-forms');
    await row.getByText('已通知 1 位').waitFor({ timeout: 20_000 });
    await row.getByTestId('closure-unreached-open').getByText('1 位無法通知').click();
    const list = page.getByTestId('closure-unreached');
    await list.getByText(`${formatDateRange({ from, to })} 春節：1 位客戶無法通知`).waitFor({ timeout: 5_000 });
    const line = list.locator('.el-table__row', { hasText: '陳美玲' });
    await expect(line.getByRole('link').getAttribute('href')).resolves.toBe('tel:0911-222-333');
    await line.getByText(formatCalendarDate(addDays(from, -2))).waitFor();
    await line.getByText('待聯絡').waitFor();
    await expect(list.locator('.el-table__row').count()).resolves.toBe(1);
    await page.context().close();
  }, 120_000);
});

import { FieldValue } from '@google-cloud/firestore';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalMitakeServer } from '../../functions/src/adapters/notify/test-support/mitake-server';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStackWithSms, seedUser } from './browser';

/**
 * Browser test of 聯絡與收貨 in the portal: a customer whose record has only a landline (so no texts, and no code for a
 * forgotten password) adds their mobile, is told texts now go there, and a 忘記密碼 code then arrives at it, through a
 * local server that speaks Mitake's SmSend. A bad number is pointed out at its row and saves nothing. The hours they
 * take deliveries and the weekday they are closed are saved with them. The office changing the record meanwhile is
 * followed, and told before the customer's own change is saved on top of it. A customer whose service the office ended sees
 * their details and cannot change them (audit 16).
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
/** The order form opens on tomorrow (no closures here); the customer makes its weekday a closed one. */
const tomorrowWeekday = new Date(`${addDays(taipeiDate(new Date()), 1)}T12:00:00Z`).getUTCDay();

let stack: TestStack;
let browser: Browser;
let mitake: LocalMitakeServer;

beforeAll(async () => {
  ({ stack, browser, mitake } = await openBrowserStackWithSms('web-contact'));
  const customer = aCustomer().withId('cust-ct').withCode('C00099').with({ name: '黃家麵店', phones: ['02-2999-1234'] }).build();
  await stack.container.db.collection('customers').doc(customer.id).set(customer);
  await seedUser(stack.container.db, 'c00099', '黃家麵店', { role: 'customer', customerId: 'cust-ct' });
  const shared = aCustomer().withId('cust-ct2').withCode('C00098').with({ name: '周記豆花', phones: ['0911-222-333'] }).build();
  await stack.container.db.collection('customers').doc(shared.id).set(shared);
  await seedUser(stack.container.db, 'c00098', '周記豆花', { role: 'customer', customerId: 'cust-ct2' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
  await mitake?.stop();
}, 60_000);

describe('聯絡與收貨 in the portal', () => {
  it('a customer adds their mobile, a bad number is refused at its row, and a reset code then reaches the mobile', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00099', /\/portal$/);
    await phone.locator('[data-test="portal-nav-notices"]:visible').click();
    const card = phone.getByTestId('my-contact');
    await card.getByText('黃家麵店').waitFor();
    await expect(card.getByTestId('my-contact-texts').textContent()).resolves.toContain('沒有手機號碼');
    await expect(card.getByTestId('my-contact-line').textContent()).resolves.toContain('未綁定');

    await card.getByTestId('my-phone-add').click();
    await card.getByTestId('my-phone-1').fill('12345');
    await card.getByTestId('my-contact-save').click();
    await card.locator('.el-form-item__error').first().waitFor();
    expect((await stack.container.db.collection('customers').doc('cust-ct').get()).get('phones')).toEqual(['(02)2999-1234']);

    await card.getByTestId('my-phone-1').fill('0955 123 456');
    await card.getByTestId('my-contact-name').fill('黃太太');
    await card.getByTestId('my-delivery-add-window').click();
    await card.getByTestId('my-delivery-window-0').waitFor();
    await card.getByTestId('my-delivery-closed-days').getByText('日一二三四五六'.charAt(tomorrowWeekday), { exact: true }).click();
    await card.getByTestId('my-contact-save').click();
    await phone.getByText('資料已更新').waitFor();
    await expect(card.getByTestId('my-phone-1').inputValue()).resolves.toBe('0955-123-456');
    await expect(card.getByTestId('my-contact-texts').textContent()).resolves.toContain('簡訊傳到 0955-123-456');
    expect((await stack.container.db.collection('customers').doc('cust-ct').get()).data()).toMatchObject({
      phones: ['(02)2999-1234', '0955-123-456'],
      contactName: '黃太太',
      deliveryWindows: [{ start: '09:00', end: '12:00' }],
      closedDays: [tomorrowWeekday],
    });
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-contact.png'), fullPage: true });

    // 叫瓦斯 would open on tomorrow, now a closed day of theirs, which the API refuses: it opens on the day after, and says why.
    await phone.locator('[data-test="portal-nav-new"]:visible').click();
    await expect(phone.getByTestId('closed-days-hint').textContent()).resolves.toContain('您登記的公休日');
    const dateInput = phone.locator('.el-form-item', { hasText: '配送日期' }).locator('input');
    await expect(dateInput.inputValue()).resolves.toBe(addDays(taipeiDate(new Date()), 2).replaceAll('-', '/'));

    await phone.getByTestId('logout').click();
    await phone.getByTestId('forgot-password-link').click();
    await phone.getByTestId('forgot-username').fill('c00099');
    await phone.getByTestId('forgot-send').click();
    await phone.getByTestId('forgot-sent').waitFor();
    expect((await mitake.waitForSent(1)).map((m) => m.dstaddr)).toEqual(['0955123456']);
    await phone.context().close();
  });

  it('follows the office’s change while the customer has not typed, and once they have, says what the office changed and saves their change on top of it', async () => {
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00098', /\/portal$/);
    await phone.locator('[data-test="portal-nav-notices"]:visible').click();
    const card = phone.getByTestId('my-contact');
    const record = stack.container.db.collection('customers').doc('cust-ct2');
    await card.getByText('周記豆花').waitFor();
    await expect(card.getByTestId('my-phone-0').inputValue()).resolves.toBe('0911-222-333');

    // The office takes a call: a contact name. Nothing typed yet, so the page simply shows it.
    await record.update({ contactName: '周先生', version: FieldValue.increment(1) });
    await phone.waitForFunction(() => (document.querySelector('[data-test="my-contact-name"]') as HTMLInputElement | null)?.value === '周先生', null, { timeout: 20_000 });

    // The customer adds a closed weekday; meanwhile the office changes their phone.
    await card.getByTestId('my-delivery-closed-days').getByText('日', { exact: true }).click();
    await record.update({ phones: ['0922-333-444'], version: FieldValue.increment(1) });
    const notice = card.getByTestId('my-contact-meanwhile');
    await notice.getByText('電話：0911-222-333 → 0922-333-444').waitFor({ timeout: 20_000 });
    await expect(card.getByTestId('my-contact-save').isDisabled()).resolves.toBe(true);
    await expect(card.getByTestId('my-phone-0').inputValue()).resolves.toBe('0911-222-333');
    // Texts already go to the office's number: the page says so before the customer goes on.
    await card.getByTestId('my-contact-texts').getByText('簡訊傳到 0922-333-444').waitFor({ timeout: 20_000 });
    await phone.screenshot({ path: join(SHOTS, 'lg-portal-contact-changed-meanwhile.png'), fullPage: true });

    await notice.getByTestId('my-contact-carry-over').click();
    await expect(card.getByTestId('my-phone-0').inputValue()).resolves.toBe('0922-333-444');
    const officeVersion = (await record.get()).get('version') as number;
    await card.getByTestId('my-contact-save').click();
    await phone.getByText('資料已更新').waitFor();
    expect((await record.get()).data()).toMatchObject({ phones: ['0922-333-444'], contactName: '周先生', closedDays: [0], version: officeVersion + 1 });
    await phone.context().close();
  }, 120_000);

  it('shows a customer whose service the office ended (退戶) their details read-only, with no 儲存, which the API would refuse', async () => {
    const ended = { ...aCustomer().withId('cust-ct3').withCode('C00097').with({ name: '收店的茶飲店', phones: ['0933-444-555'] }).build(), status: 'inactive' as const };
    await stack.container.db.collection('customers').doc(ended.id).set(ended);
    await seedUser(stack.container.db, 'c00097', '收店的茶飲店', { role: 'customer', customerId: ended.id });
    const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(phone, stack.url, 'c00097', /\/portal$/);
    await phone.locator('[data-test="portal-nav-notices"]:visible').click();
    const card = phone.getByTestId('my-contact');
    await card.getByTestId('my-contact-call').getByText('帳戶已停止配送服務，這些資料不再更改；如需恢復供氣，請致電門市。').waitFor();
    await expect(card.getByTestId('my-phone-0').inputValue()).resolves.toBe('0933-444-555');
    await expect(card.getByTestId('my-phone-0').isDisabled()).resolves.toBe(true);
    await expect(card.getByTestId('my-contact-name').isDisabled()).resolves.toBe(true);
    await expect(card.getByTestId('my-phone-add').isDisabled()).resolves.toBe(true);
    await expect(card.getByTestId('my-contact-save').count()).resolves.toBe(0);
    await phone.context().close();
  }, 120_000);
});

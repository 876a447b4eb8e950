import { Timestamp } from '@google-cloud/firestore';
import type { Browser } from 'playwright-core';
import { firestoreReceivableStore } from '../../functions/src/adapters/firestore/receivable-store';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 催款聯絡紀錄 (audit 20 F9): on 應收帳款 the office records a phone call with what was said and the day
 * promised, and the line shows it; a promised day gone by with no payment since is marked in red. The customer drawer
 * lists the same contacts for whoever takes the customer's call, and its 通知紀錄 says why a 催款 did not arrive.
 */
let stack: TestStack;
let browser: Browser;

const now = new Date();
const today = taipeiDate(now);
const overdue = aCustomer().withId('cust-cc1').withCode('C00161').with({ name: '林記麵館', paymentTerms: 'monthly' }).build();
const promised = aCustomer().withId('cust-cc2').withCode('C00162').with({ name: '王家小吃', paymentTerms: 'monthly' }).build();
// A branch (分店) 王家小吃 pays for, so chased on 王家小吃's line.
const branch = { ...aCustomer().withId('cust-cc3').withCode('C00163').with({ name: '板橋分店', paymentTerms: 'monthly' }).build(), payerId: promised.id, payerSince: now.toISOString() };
const slashed = (day: string) => day.replaceAll('-', '/');

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-collection-contacts', subscriptions: [] }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  for (const c of [overdue, promised]) {
    await db.collection('customers').doc(c.id).set(c);
    await firestoreReceivableStore(db).save({
      customerId: c.id,
      customerCode: c.code,
      customerName: c.name,
      paymentTerms: 'monthly',
      balance: 9000,
      aging: { notDue: 0, days1to30: 0, days31to60: 9000, days61to90: 0, over90: 0 },
      lastPaymentOn: addDays(today, -40),
      asOf: today,
      computedAt: now.toISOString(),
    });
  }
  // Called ten days ago, promised three days ago, nothing paid since: recorded then, so seeded as it was stored.
  await db.collection('customers').doc(branch.id).set(branch);
  await db.collection('collectionContacts').doc('coc-old').set({
    id: 'coc-old',
    customerId: promised.id,
    method: 'phone',
    note: '老闆說週五匯款',
    promisedOn: addDays(today, -3),
    at: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
    by: { uid: 'u-office', role: 'office' },
  });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('催款聯絡紀錄 on 應收帳款', () => {
  it('records a call with the day promised on the line, and marks a promised day gone by without payment', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/receivables`);
    const row = (name: string) => page.getByTestId('receivables-table').locator('.el-table__body-wrapper tr', { hasText: name });

    const broken = row('王家小吃').getByTestId('receivable-promise');
    await broken.waitFor();
    await expect(broken.textContent()).resolves.toContain('尚未收到');
    await expect(broken.getAttribute('class')).resolves.toContain('el-tag--danger');
    await expect(row('王家小吃').getByTestId('receivable-last-contact').textContent()).resolves.toContain('老闆說週五匯款');

    // The action column is fixed: its button is clicked in the fixed copy of the row.
    await page.locator('.el-table__fixed-right, .el-table__body-wrapper').locator('tr', { hasText: '林記麵館' }).getByTestId('receivable-contact').first().click();
    const form = page.getByTestId('collection-contact-form');
    await form.waitFor();
    await form.getByText('電話').click();
    await page.getByTestId('collection-contact-note').fill('老闆娘說月底週轉，會匯款');
    const picker = form.locator('.el-date-editor input');
    await picker.fill(slashed(addDays(today, 9)));
    await picker.press('Enter');
    await page.getByTestId('collection-contact-submit').click();

    const contact = row('林記麵館').getByTestId('receivable-last-contact');
    await contact.waitFor();
    await expect(contact.textContent()).resolves.toContain('老闆娘說月底週轉，會匯款');
    const promise = contact.getByTestId('receivable-promise');
    await expect(promise.textContent()).resolves.toMatch(/^\s*承諾 .+ 付款\s*$/);
    await expect(promise.getAttribute('class')).resolves.not.toContain('el-tag--danger');
    const stored = await stack.container.db.collection('collectionContacts').where('customerId', '==', overdue.id).get();
    expect(stored.docs.map((d) => d.data())).toEqual([expect.objectContaining({ method: 'phone', note: '老闆娘說月底週轉，會匯款', promisedOn: addDays(today, 9) })]);
    await page.context().close();
  });

  it('shows the 催款 calls and visits in the customer drawer: how, when, who, what was said and the promise, in red once broken', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '王家小吃' }).click();
    const contact = page.getByTestId('customer-drawer').getByTestId('customer-collection-contact');
    await contact.waitFor({ timeout: 20_000 });
    const text = await contact.textContent();
    expect(text).toContain('電話');
    expect(text).toContain('王小姐');
    expect(text).toContain('老闆說週五匯款');
    const promise = contact.getByTestId('customer-collection-promise');
    await expect(promise.textContent()).resolves.toContain('尚未收到');
    await expect(promise.getAttribute('class')).resolves.toContain('el-tag--danger');
    await page.context().close();
  });

  it('shows a branch’s drawer its head office’s 催款 contacts, under the head office’s name', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '板橋分店' }).click();
    const headOffice = page.getByTestId('customer-drawer').getByTestId('customer-collection-contacts-headOffice');
    await headOffice.waitFor({ timeout: 20_000 });
    await expect(headOffice.locator('.drawer-section-head').textContent()).resolves.toBe('總公司 C00162 王家小吃 的催款聯絡紀錄');
    const contact = headOffice.getByTestId('customer-collection-contact');
    await expect(contact.textContent()).resolves.toContain('老闆說週五匯款');
    await expect(contact.getByTestId('customer-collection-promise').getAttribute('class')).resolves.toContain('el-tag--danger');
    await expect(page.getByTestId('customer-drawer').getByTestId('customer-collection-contacts-own').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('says in the drawer’s 通知紀錄 why a 催款 SMS did not arrive in the reader’s words, the gateway’s own text below for support', async () => {
    await stack.container.db.collection('notificationDispatch').doc(`payment-${promised.id}-manual-${today}`).set({
      kind: 'payment-reminder',
      customerId: promised.id,
      stage: 'second',
      manual: true,
      channel: 'sms',
      to: '0912345678',
      text: '幸福氣催款通知',
      status: 'failed',
      error: 'DomainError: SMS gateway rejected the message (statuscode v: 無效的手機號碼)',
      errorCode: 'SMS.INVALID_NUMBER',
      createdAt: Timestamp.fromDate(now),
    });
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/customers`);
    await page.locator('.el-table__row', { hasText: '王家小吃' }).click();
    const messages = page.getByTestId('customer-drawer').getByTestId('customer-messages');
    await messages.getByTestId('customer-messages-load').click();
    const failure = messages.getByTestId('message-failure');
    await failure.waitFor({ timeout: 20_000 });
    await expect(failure.textContent()).resolves.toBe('未送達：簡訊商表示此手機號碼無效，請向客戶確認號碼');
    await expect(messages.getByTestId('message-error-detail').textContent()).resolves.toBe('技術訊息：DomainError: SMS gateway rejected the message (statuscode v: 無效的手機號碼)');
    await page.context().close();
  });
});

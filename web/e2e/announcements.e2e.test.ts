import type { Browser } from 'playwright-core';
import { SUBSCRIPTIONS } from '../../functions/src/adapters/pubsub/subscriptions';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { blockingViolations, settled } from './axe';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 公告 (audit 19 F6): the office writes a shortage notice for the restaurants, counts whom it reaches and
 * what a text costs before it can send it, sends it, and sees it delivered to the portal inbox (no LINE or SMS gateway
 * here); the restaurant's portal home shows it as a banner, which its user closes for good, while a household it is not
 * for sees nothing; withdrawn by the office (撤下), it leaves the portal.
 */

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-announcements', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyAnnouncements') }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  const restaurant = aCustomer().withId('cust-ann-r').withCode('C00091').ofType('restaurant').with({ name: '林記麵館' }).build();
  const household = aCustomer().withId('cust-ann-h').withCode('C00092').ofType('household').with({ name: '陳家' }).build();
  for (const c of [restaurant, household]) await db.collection('customers').doc(c.id).set(c);
  await seedUser(db, 'c00091', '林記麵館', { role: 'customer', customerId: restaurant.id });
  await seedUser(db, 'c00092', '陳家', { role: 'customer', customerId: household.id });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('公告', () => {
  it('the office counts, then sends a notice to the restaurants; their portal shows it until its user closes it, a household sees none, and it leaves the portal when withdrawn', async () => {
    const office = await officePage(browser, stack.url);
    await office.getByRole('menuitem', { name: '公告', exact: true }).click();
    await office.waitForURL(/\/office\/announcements$/);
    await office.getByTestId('announcement-title').fill('分裝場供氣不足');
    await office.getByTestId('announcement-body').fill('本週分裝場供氣不足，部分訂單將延後一天配送，造成不便敬請見諒。如有急需請來電，我們會優先安排，並於恢復供氣後另行通知。');
    await office.getByTestId('announcement-audience').getByText('依客戶類型').click();
    await office.getByTestId('announcement-types').getByText('餐廳').click();
    // Nothing can be sent before the count.
    await expect(office.getByTestId('announcement-send').isDisabled()).resolves.toBe(true);
    await office.getByTestId('announcement-count').click();
    const preview = office.getByTestId('announcement-preview');
    await preview.getByText('將傳給 1 位客戶').waitFor();
    await preview.getByText('LINE 0 位、簡訊 0 位、站內訊息 1 位').waitFor();
    // 「幸福氣公告：」, the title and the body come to 73 characters: two texts by SMS.
    await preview.getByText('每則簡訊以 2 則計費，全部共 0 則').waitFor();
    await settled(office);
    await expect(blockingViolations(office, 'the 公告 page with its count')).resolves.toEqual([]);
    await office.getByTestId('announcement-send').click();
    const list = office.getByTestId('announcement-list');
    await list.getByText('分裝場供氣不足').waitFor();
    await list.getByText('LINE 0、簡訊 0、站內訊息 1').waitFor({ timeout: 30_000 });
    await expect(stack.container.db.collection('notifications').where('customerId', '==', 'cust-ann-r').get().then((s) => s.docs.map((d) => d.get('text')))).resolves.toEqual([
      '幸福氣公告：分裝場供氣不足\n本週分裝場供氣不足，部分訂單將延後一天配送，造成不便敬請見諒。如有急需請來電，我們會優先安排，並於恢復供氣後另行通知。',
    ]);

    const portal = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(portal, stack.url, 'c00091', /\/portal$/);
    const banner = portal.getByTestId('portal-announcement');
    await banner.getByText('分裝場供氣不足', { exact: true }).waitFor();
    await banner.getByText('部分訂單將延後一天配送', { exact: false }).waitFor();
    await settled(portal);
    await expect(blockingViolations(portal, 'the portal home with an announcement')).resolves.toEqual([]);
    await banner.locator('.el-alert__close-btn').click();
    await banner.waitFor({ state: 'detached' });
    // Closed for good: the home read again still has it, and does not show it.
    const readAgain = portal.waitForResponse((r) => r.url().endsWith('/api/announcements/current'));
    await portal.reload();
    await expect(readAgain.then((r) => r.json())).resolves.toMatchObject({ announcements: [{ title: '分裝場供氣不足' }] });
    await portal.getByTestId('portal-section-title').waitFor({ state: 'attached' });
    await expect(banner.count()).resolves.toBe(0);

    const household = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    const householdRead = household.waitForResponse((r) => r.url().endsWith('/api/announcements/current'));
    await login(household, stack.url, 'c00092', /\/portal$/);
    await expect(householdRead.then((r) => r.json())).resolves.toEqual({ announcements: [] });
    await expect(household.getByTestId('portal-announcement').count()).resolves.toBe(0);

    // 撤下: the office takes it off the portal; the restaurant's home no longer has it.
    await list.getByTestId('announcement-withdraw').click();
    await office.locator('.el-message-box').getByRole('button', { name: '撤下' }).click();
    await list.getByTestId('announcement-withdrawn').waitFor();
    await expect(list.getByTestId('announcement-withdraw').count()).resolves.toBe(0);
    const afterWithdrawal = portal.waitForResponse((r) => r.url().endsWith('/api/announcements/current'));
    await portal.reload();
    await expect(afterWithdrawal.then((r) => r.json())).resolves.toEqual({ announcements: [] });
  });
});

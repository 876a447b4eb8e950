import type { Browser } from 'playwright-core';
import { SUBSCRIPTIONS } from '../../functions/src/adapters/pubsub/subscriptions';
import { MARKETING_OPT_OUT_LINE } from '../../functions/src/domain/announcements';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { blockingViolations, settled } from './axe';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 公告 (audit 19 F6): the office writes a shortage notice for the restaurants, counts whom it reaches and
 * what a text costs before it can send it, sends it, and sees it delivered to the portal inbox (no LINE or SMS gateway
 * here); the restaurant's portal home shows it as a banner, which its user closes for good on every device (another
 * account of the restaurant still sees it), while a household it is not for sees nothing; withdrawn by the office (撤下),
 * it leaves the portal. Marketing (個資法 §20): the household turns offers off in its portal, the office's count of a
 * marketing notice leaves it out, the restaurant is sent it with how to object, and the office records the restaurant's
 * objection on the phone. One depot's customers (依營業所): the office picks the depot by name, the list and the staff
 * banner name it, and the portal shows it to that depot's customer alone.
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
  await seedUser(db, 'c00091b', '林記麵館 二店長', { role: 'customer', customerId: restaurant.id });
  await seedUser(db, 'c00092', '陳家', { role: 'customer', customerId: household.id });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('公告', () => {
  it('the office counts, then sends a notice to the restaurants; their portal shows it until its user closes it, on the phone and the laptop alike, a household sees none, and it leaves the portal when withdrawn', async () => {
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
    const told = portal.waitForResponse((r) => r.url().endsWith('/dismiss'));
    await banner.locator('.el-alert__close-btn').click();
    await banner.waitFor({ state: 'detached' });
    expect((await told).status()).toBe(200);
    // Closed for the account, not the phone: the same user on a laptop is not shown it; another account of the restaurant is.
    const laptop = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    const laptopRead = laptop.waitForResponse((r) => r.url().endsWith('/api/announcements/current'));
    await login(laptop, stack.url, 'c00091', /\/portal$/);
    await expect(laptopRead.then((r) => r.json())).resolves.toEqual({ announcements: [] });
    await laptop.getByTestId('portal-section-title').waitFor({ state: 'attached' });
    await expect(laptop.getByTestId('portal-announcement').count()).resolves.toBe(0);
    const colleague = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(colleague, stack.url, 'c00091b', /\/portal$/);
    await colleague.getByTestId('portal-announcement').getByText('分裝場供氣不足', { exact: true }).waitFor();

    const household = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    const householdRead = household.waitForResponse((r) => r.url().endsWith('/api/announcements/current'));
    await login(household, stack.url, 'c00092', /\/portal$/);
    await expect(householdRead.then((r) => r.json())).resolves.toEqual({ announcements: [] });
    await expect(household.getByTestId('portal-announcement').count()).resolves.toBe(0);

    // 撤下: the office takes it off the portal; the home of the restaurant's account that kept it no longer has it.
    await list.getByTestId('announcement-withdraw').click();
    await office.locator('.el-message-box').getByRole('button', { name: '撤下' }).click();
    await list.getByTestId('announcement-withdrawn').waitFor();
    await expect(list.getByTestId('announcement-withdraw').count()).resolves.toBe(0);
    const afterWithdrawal = colleague.waitForResponse((r) => r.url().endsWith('/api/announcements/current'));
    await colleague.reload();
    await expect(afterWithdrawal.then((r) => r.json())).resolves.toEqual({ announcements: [] });
  });

  it('a household turns offers off in its portal; the office’s count of a marketing notice leaves it out, the restaurant is sent it with how to object, and the office records the restaurant’s objection on the phone', async () => {
    const household = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } })).newPage();
    await login(household, stack.url, 'c00092', /\/portal$/);
    await household.goto(`${stack.url}/portal?tab=notices`);
    const mine = household.getByTestId('marketing-preference');
    const takes = mine.getByRole('checkbox', { name: '我願意接收幸福氣的優惠與活動訊息' });
    await expect(takes.isChecked()).resolves.toBe(true);
    await mine.getByText('停氣、安全、休息日等服務通知不受影響，仍會通知您。').waitFor();
    await mine.getByText('我願意接收幸福氣的優惠與活動訊息').click();
    await mine.getByTestId('marketing-objected').waitFor();
    await settled(household);
    await expect(blockingViolations(household, 'the portal’s offers setting')).resolves.toEqual([]);
    await household.reload();
    await household.getByTestId('marketing-objected').waitFor();
    await expect(household.getByTestId('marketing-preference').getByRole('checkbox').isChecked()).resolves.toBe(false);
    await expect(stack.container.db.collection('customers').doc('cust-ann-h').get().then((d) => d.get('marketingOptOut.by.role'))).resolves.toBe('customer');

    const office = await officePage(browser, stack.url);
    await office.goto(`${stack.url}/office/announcements`);
    await office.getByTestId('announcement-kind').getByText('行銷訊息').click();
    await office.getByTestId('announcement-title').fill('換錶優惠');
    await office.getByTestId('announcement-body').fill('本月換新調整器九折。');
    await office.getByTestId('announcement-count').click();
    const preview = office.getByTestId('announcement-preview');
    await preview.getByText('將傳給 1 位客戶').waitFor();
    await preview.getByText('1 位客戶已拒絕行銷，不會收到也不會看到').waitFor();
    await office.getByTestId('announcement-send').click();
    const list = office.getByTestId('announcement-list');
    const row = list.locator('tr', { hasText: '換錶優惠' });
    await row.getByTestId('announcement-marketing').waitFor();
    await row.getByText('LINE 0、簡訊 0、站內訊息 1').waitFor({ timeout: 30_000 });
    const sent = await stack.container.db.collection('notifications').where('customerId', 'in', ['cust-ann-r', 'cust-ann-h']).get();
    expect(sent.docs.map((d) => [d.get('customerId'), d.get('text')]).filter(([, text]) => String(text).includes('換錶優惠'))).toEqual([
      ['cust-ann-r', `幸福氣公告：換錶優惠\n本月換新調整器九折。\n${MARKETING_OPT_OUT_LINE['zh-TW']}`],
    ]);

    // The restaurant phones: no more offers. The office finds it and records it, audited.
    const record = office.getByTestId('marketing-preference');
    await record.getByTestId('customer-picker').click();
    await office.keyboard.type('C00091');
    await office.getByRole('option', { name: /C00091 林記麵館/ }).click();
    const restaurantTakes = record.getByRole('checkbox', { name: '林記麵館 接收優惠與活動訊息' });
    await expect(restaurantTakes.isChecked()).resolves.toBe(true);
    await record.getByText('林記麵館 接收優惠與活動訊息').click();
    await record.getByTestId('marketing-objected').waitFor();
    await settled(office);
    await expect(blockingViolations(office, 'the 公告 page recording an objection')).resolves.toEqual([]);
    await expect(stack.container.db.collection('customers').doc('cust-ann-r').get().then((d) => d.get('marketingOptOut.by.role'))).resolves.toBe('office');
    const audited = await stack.container.db.collection('auditLog').where('route', '==', '/:id/marketing').get();
    expect(audited.docs.map((d) => [d.get('actor.role'), d.get('entityId')]).sort()).toEqual([
      ['customer', 'cust-ann-h'],
      ['office', 'cust-ann-r'],
    ]);
  });
  it("the office counts and sends a notice to one depot's customers, chosen by name among the depots in service; the list and the staff banner say whose it is, and only that depot's customer sees it in the portal", async () => {
    const db = stack.container.db;
    // The fixture's customers are pinned in 中和, beside 中和站; 三重站's only customer is across the river.
    const depot = (id: string, name: string, lat: number, lng: number, active = true) => ({ id, name, address: name, location: { lat, lng }, active });
    for (const d of [depot('dep-ann-zh', '幸福氣 中和站', 24.999, 121.494), depot('dep-ann-sc', '幸福氣 三重站', 25.06, 121.49), depot('dep-ann-old', '幸福氣 舊站', 25.07, 121.5, false)]) {
      await db.collection('depots').doc(d.id).set(d);
    }
    const sanchong = aCustomer().withId('cust-ann-s').withCode('C00093').with({ name: '三重張家', location: { lat: 25.0612, lng: 121.4892 } }).build();
    await db.collection('customers').doc(sanchong.id).set(sanchong);
    await seedUser(db, 'c00093', '三重張家', { role: 'customer', customerId: sanchong.id });
    const office = await officePage(browser, stack.url);
    await office.getByRole('menuitem', { name: '公告', exact: true }).click();
    await office.waitForURL(/\/office\/announcements$/);
    await office.getByTestId('announcement-title').fill('三重站搬遷');
    await office.getByTestId('announcement-body').fill('三重站下週一起搬到新址，配送照常。');
    await office.getByTestId('announcement-audience').getByText('依營業所').click();
    await office.getByTestId('announcement-depot').click();
    await expect(office.getByRole('option', { name: '幸福氣 舊站' }).count()).resolves.toBe(0);
    await office.getByRole('option', { name: '幸福氣 三重站' }).click();
    await office.getByTestId('announcement-count').click();
    await office.getByTestId('announcement-preview').getByText('將傳給 1 位客戶').waitFor();
    await office.getByTestId('announcement-send').click();
    const row = office.getByTestId('announcement-list').locator('.el-table__row', { hasText: '三重站搬遷' });
    await row.getByText('幸福氣 三重站的客戶').waitFor();
    await expect(db.collection('announcements').where('zh-TW.title', '==', '三重站搬遷').get().then((q) => q.docs.map((d) => d.get('audience')))).resolves.toEqual([{ kind: 'depot', depotId: 'dep-ann-sc' }]);

    // Every page of the office's shell but 公告 shows staff it, naming the depot whose customers it concerns.
    await office.getByRole('menuitem', { name: '客戶', exact: true }).click();
    await office.waitForURL(/\/office\/customers$/);
    await office.getByTestId('staff-announcement').filter({ hasText: '公告：三重站搬遷' }).getByText('對象：幸福氣 三重站的客戶', { exact: false }).waitFor();

    const customerOfTheDepot = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    await login(customerOfTheDepot, stack.url, 'c00093', /\/portal$/);
    await customerOfTheDepot.getByTestId('portal-announcement').getByText('三重站搬遷', { exact: true }).waitFor();
    // 陳家 is pinned in 中和: 中和站's customer, not 三重站's.
    const otherDepots = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 } })).newPage();
    const otherRead = otherDepots.waitForResponse((r) => r.url().endsWith('/api/announcements/current'));
    await login(otherDepots, stack.url, 'c00092', /\/portal$/);
    await expect(otherRead.then(async (r) => ((await r.json()) as { announcements: { title: string }[] }).announcements.map((a) => a.title))).resolves.not.toContain('三重站搬遷');
    await otherDepots.getByTestId('portal-section-title').waitFor({ state: 'attached' });
    await expect(otherDepots.getByTestId('portal-announcement').filter({ hasText: '三重站搬遷' }).count()).resolves.toBe(0);
  });
});

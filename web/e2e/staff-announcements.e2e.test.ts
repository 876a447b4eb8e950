import type { Browser } from 'playwright-core';
import type { Announcement } from '../../functions/src/domain/announcements';
import { addDays } from '../../functions/src/domain/calendar';
import { anAnnouncement } from '../../functions/src/domain/announcements/test-support/announcement-mother';
import { taipeiDate } from '../../functions/src/domain/clock';
import { firestoreEmulatorHost, taipeiClockAt, type TestStack } from '../../functions/src/local/test-support';
import { formatDateRange } from '../src/lib/closures';
import { taipeiDate as browserDay } from '../src/lib/format';
import { keptAt } from '../src/lib/kept-announcements';
import { blockingViolations, settled } from './axe';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 公告 for staff: the driver's app on the road and the office's shell show the service announcement in
 * force today, with whom it is for and its days, so a customer asking the driver about it at the door is not news to
 * them; not a marketing one, nor one withdrawn. The office closes it for the session: it stays closed from page to page,
 * and a new sign-in shows it again. The driver's phone keeps the last it read: reopened without signal it shows them,
 * marked with when they were read, replaces them once the signal is back, and keeps none past the sign-out.
 */

// Mid-morning whenever the suite runs: the API's "today" is the day the announcements are stored for.
const clock = taipeiClockAt('10:00');
const today = taipeiDate(clock.now());
let stack: TestStack;
let browser: Browser;

const announcement = (id: string, title: string, overrides: Partial<Announcement> = {}): Announcement =>
  anAnnouncement(id, today, { 'zh-TW': { title, body: '颱風來襲，中和區明日暫停配送，已通知客戶改期。' }, audience: { kind: 'districts', districts: ['中和區'] }, ...overrides });

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-staff-announcements', subscriptions: [], clock }));
  const db = stack.container.db;
  await seedUser(db, 'office', '王小姐', { role: 'office' });
  await seedUser(db, 'driver1', '李司機', { role: 'driver', driverId: 'drv-1' });
  for (const a of [
    announcement('ann-typhoon', '颱風停止配送'),
    announcement('ann-sale', '冬季優惠', { kind: 'marketing' }),
    announcement('ann-withdrawn', '分裝場供氣不足', { withdrawnAt: '2026-11-30T02:00:00.000Z', withdrawnBy: 'u-office' }),
  ])
    await db.collection('announcements').doc(a.id).set(a);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

const about = `對象：中和區；顯示期間 ${formatDateRange({ from: today, to: addDays(today, 2) }, 'zh-TW')}`;

it("shows the driver on the road today's service announcement, whom it is for and its days, and not a marketing or withdrawn one", async () => {
  const phone = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, timezoneId: 'Asia/Taipei' })).newPage();
  await login(phone, stack.url, 'driver1', /\/driver$/);
  const banner = phone.getByTestId('staff-announcement');
  await banner.getByText('公告：颱風停止配送').waitFor();
  await banner.getByText('颱風來襲，中和區明日暫停配送，已通知客戶改期。').waitFor();
  await banner.getByText(about).waitFor();
  await expect(banner.count()).resolves.toBe(1);
  await settled(phone);
  await expect(blockingViolations(phone, "the driver's app with an announcement")).resolves.toEqual([]);
});

it('shows the office it on every page until closed for the session, and again at the next sign-in', async () => {
  const office = await officePage(browser, stack.url);
  const banner = office.getByTestId('staff-announcement');
  await banner.getByText(about).waitFor();
  await expect(banner.count()).resolves.toBe(1);
  await banner.locator('.el-alert__close-btn').click();
  await banner.waitFor({ state: 'detached' });
  await office.getByRole('menuitem', { name: '客戶', exact: true }).click();
  await office.waitForURL(/\/office\/customers$/);
  // Read again after the reload, and still closed.
  const read = office.waitForResponse((r) => r.url().endsWith('/api/announcements/staff'));
  await office.reload();
  expect((await read).status()).toBe(200);
  await office.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await expect(banner.count()).resolves.toBe(0);
  const again = await officePage(browser, stack.url);
  await again.getByTestId('staff-announcement').getByText('公告：颱風停止配送').waitFor();
});

it('reopened without signal, the driver app shows the announcements it last read, marked so; back online they are replaced; signed out, none is kept', async () => {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Taipei' });
  const phone = await context.newPage();
  await login(phone, stack.url, 'driver1', /\/driver$/);
  const banner = phone.getByTestId('staff-announcement');
  const kept = phone.getByTestId('staff-announcements-kept');
  await banner.getByText('公告：颱風停止配送').waitFor();
  await expect(kept.count()).resolves.toBe(0);
  const keptCopy = () => phone.evaluate(() => localStorage.getItem('lg.staffAnnouncements.kept'));
  await phone.waitForFunction(() => localStorage.getItem('lg.staffAnnouncements.kept') !== null);
  const { fetchedAt } = JSON.parse((await keptCopy()) ?? '{}') as { fetchedAt: string };

  // No signal in the mountains: neither the API nor Firestore answers, and the app is opened again.
  const firestore = firestoreEmulatorHost();
  const cutOff = (url: URL) => url.host === firestore || url.pathname.startsWith('/api/');
  await context.route(cutOff, (route) => route.abort('internetdisconnected'));
  await phone.reload();
  await banner.getByText('公告：颱風停止配送').waitFor({ timeout: 20_000 });
  await banner.getByText(about).waitFor();
  await expect(kept.textContent()).resolves.toBe(`離線：${keptAt(fetchedAt, browserDay(), 'zh-TW')} 取得的公告`);

  // Meanwhile the office withdrew it and published another; the signal comes back.
  const db = stack.container.db;
  await db.collection('announcements').doc('ann-typhoon').update({ withdrawnAt: new Date().toISOString(), withdrawnBy: 'u-office' });
  await db.collection('announcements').doc('ann-road').set(announcement('ann-road', '中和區道路封閉'));
  await context.setOffline(true);
  await context.unroute(cutOff);
  await context.setOffline(false);
  await banner.getByText('公告：中和區道路封閉').waitFor({ timeout: 20_000 });
  await expect(banner.count()).resolves.toBe(1);
  await expect(kept.count()).resolves.toBe(0);
  await expect(keptCopy()).resolves.toContain('ann-road');

  await phone.getByTestId('logout').click();
  await phone.waitForURL(/\/login/);
  await expect(keptCopy()).resolves.toBeNull();
  await context.close();
}, 120_000);

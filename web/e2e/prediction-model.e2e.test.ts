import type { Browser } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatCalendarDate, taipeiDate } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 需求預測's word on the model (audit 28 F2): the owner asks whether the predictions have been right lately,
 * and the page says which model serves, when it was trained and how right it was on the weeks it was scored on.
 */
let stack: TestStack;
let browser: Browser;
const TODAY = taipeiDate();

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-prediction-model', subscriptions: [] }));
  await seedUser(stack.container.db, 'office', '王小姐', { role: 'office' });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

/** The active model as train-models stores it, with the hold-out figures of the demo's first training. */
const storeActiveModel = () =>
  stack.container.db
    .collection('models')
    .doc('1.1.0+20261202T023640Z-2f09')
    .set({
      name: 'lpg-refill-eb',
      version: '1.1.0+20261202T023640Z-2f09',
      codeVersion: '1.1.0',
      status: 'active',
      settings: {},
      params: {},
      // 10:36 in Taipei: today there, whatever the hour the test runs.
      trainedAt: `${TODAY}T02:36:40.544Z`,
      activatedAt: `${TODAY}T02:36:40.544Z`,
      metrics: { cases: 1899, maeDays: 2.8167, biasDays: -0.386, coverageP10P90: 0.8557, ranOutBeforeP10: 0.0311, ranOutBeforeSafeDate: 0.0311, safeLeadDays: 4.33 },
      activeMetrics: null,
      window: { from: '2025-12-02', to: '2026-12-01', customers: 320, deliveries: 9774, holdoutFrom: '2026-10-06', holdoutTo: '2026-12-01', holdoutCases: 1899 },
      decision: { activate: true, reason: 'NO_ACTIVE_MODEL', metric: 'maeDays', candidate: 2.8167, active: null, activeVersion: null, activeScoredBy: null },
    });

describe('需求預測 the model', () => {
  it('says no model is trained yet, then which serves, when trained and how right it was on its hold-out weeks, in both languages', async () => {
    const page = await officePage(browser, stack.url, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '需求預測' }).click();
    const record = page.getByTestId('prediction-model');
    await record.getByText('尚未訓練預測模型：每週的模型訓練排程執行後才有預測').waitFor({ timeout: 20_000 });

    await storeActiveModel();
    await page.getByRole('button', { name: '重新整理' }).click();
    const trained = formatCalendarDate(TODAY);
    await record
      .getByText(`預測模型 ${trained} 訓練：以 10/6–12/1 共 1,899 次叫氣回測，預計日平均差 2.8 天，86% 在可能訂購期間（八成機率）內，3% 早於建議最晚配送日就叫氣（瓦斯用完的不超過此數）`)
      .waitFor({ timeout: 20_000 });
    await expect(record.getAttribute('title')).resolves.toBe('lpg-refill-eb 1.1.0+20261202T023640Z-2f09');

    const english = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 } })).newPage();
    await login(english, stack.url, 'office', /\/office$/);
    await english.evaluate(() => localStorage.setItem('lg.locale', 'en'));
    await english.goto(`${stack.url}/office/predictions`);
    await english
      .getByTestId('prediction-model')
      .getByText(
        `Prediction model trained ${formatCalendarDate(TODAY, 'en')}: backtested on 1,899 refills 10/6–12/1, the predicted day 2.8 days off on average, 86% ordered inside the 80% window, 3% ordered before the deliver-by day (at most that many ran out before it)`,
      )
      .waitFor({ timeout: 20_000 });
  });
});

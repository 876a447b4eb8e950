import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { monthBounds, previousMonth, taipeiMonth } from '../../functions/src/domain/billing';
import { addDays } from '../../functions/src/domain/calendar';
import { taipeiDate } from '../../functions/src/domain/clock';
import type { Customer } from '../../functions/src/domain/customers';
import type { Order } from '../../functions/src/domain/orders';
import { aCustomer, anIssuedInvoice, anOrder, aPriceList } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { formatMoney } from '../src/lib/format';
import { closeBrowserStack, login, officePage, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of 分店／總公司付款 on the built SPA, the local gateway and the emulators: the office links a branch to
 * its head office in the customer drawer (a customer not on 月結 refused in words first), and the drawers link both
 * ways; the head office reads, in the portal, last month's statement of the whole chain with each branch apart, and
 * follows its branches' orders, invoices and cylinders, orders gas for a branch, and changes and cancels a branch's order,
 * each estimate at the branch's prices.
 */

const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';
const lastMonth = previousMonth(taipeiMonth(new Date()));
const monthBefore = previousMonth(lastMonth);
const inMonth = (month: string, day: number) => new Date(Date.parse(monthBounds(month).from) + (day - 1) * 86_400_000 + 3 * 3_600_000).toISOString();

const headOffice = aCustomer().withId('cust-chain-hq').withCode('C00810').with({ name: '林記餐飲總公司', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '林記餐飲股份有限公司' } }).build();
const banqiao = aCustomer().withId('cust-chain-b1').withCode('C00811').with({ name: '林記板橋店', paymentTerms: 'monthly' }).build();
const zhonghe: Customer = {
  ...aCustomer().withId('cust-chain-b2').withCode('C00812').with({ name: '林記中和店', paymentTerms: 'monthly' }).build(),
  payerId: headOffice.id,
  payerSince: monthBounds(previousMonth(lastMonth)).from,
  cylindersOnSite: [{ size: 20, count: 4, depositPaid: 4800 }],
};
/**
 * 中和's own 合約價, which prices its orders whoever books or changes them: the estimates the head office sees say it.
 * Given only from the booking on, so last month's statements above stay at the list price.
 */
const giveZhongheContract = () =>
  stack.container.db.collection('customers').doc(zhonghe.id).update({ contractPrices: [{ size: 20, kind: 'fixed', amount: 700, effectiveFrom: '2020-01-01' }] });
/** 預估金額 at 中和's 合約價 (20 kg at NT$700, the list NT$850), as the portal quotes it before an order is sent. */
const zhongheQuote = (quantity: number) => `預估金額 ${formatMoney(700 * quantity)}（20 公斤每桶 ${formatMoney(700)}（合約價，牌價 ${formatMoney(850)}）× ${quantity}）`;
const cashShop = aCustomer().withId('cust-chain-cash').withCode('C00813').with({ name: '林記水餃攤', paymentTerms: 'cash' }).build();
// Another chain, whose branch's month before last is past due (the 15th of last month) and unpaid.
const dafuHq = aCustomer().withId('cust-dafu-hq').withCode('C00820').with({ name: '大福小館 總店', paymentTerms: 'monthly' }).build();
const xinyi: Customer = {
  ...aCustomer().withId('cust-dafu-b1').withCode('C00821').with({ name: '大福小館 信義店', paymentTerms: 'monthly' }).build(),
  payerId: dafuHq.id,
  payerSince: monthBounds(previousMonth(monthBefore)).from,
};

const delivered = (id: string, customer: Customer, day: number, quantity: number, month = lastMonth): Order => {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }], paymentMethod: 'monthly' }).inStatus('delivered').build();
  return { ...order, delivery: { at: inMonth(month, day), delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: 0 } };
};
const xinyiLate = delivered('ord-dafu-b1', xinyi, 10, 2, monthBefore);

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-chain-customers', subscriptions: [] }));
  const db = stack.container.db;
  await Promise.all([
    ...[headOffice, banqiao, zhonghe, cashShop, dafuHq, xinyi].map((c) => db.collection('customers').doc(c.id).set(c)),
    ...[delivered('ord-chain-hq', headOffice, 4, 1), delivered('ord-chain-b2', zhonghe, 9, 2), xinyiLate].map((o) => db.collection('orders').doc(o.id).set({ ...o, version: 1 })),
    // 中和's month, made out to the head office as the monthly run makes it.
    db
      .collection('invoices')
      .doc(`inv-${zhonghe.id}-${lastMonth}`)
      .set(
        anIssuedInvoice(`inv-${zhonghe.id}-${lastMonth}`, zhonghe, 'LG00000777', {
          buyer: { type: 'business', taxId: '22099131', title: '林記餐飲股份有限公司' },
          source: { customerId: zhonghe.id, month: lastMonth, orderIds: ['ord-chain-b2'] },
        }),
      ),
    ...aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)),
    seedUser(db, 'office', '辦公室 小美', { role: 'office' }),
    seedUser(db, 'c00810', '林董', { role: 'customer', customerId: headOffice.id }),
  ]);
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

describe('分店／總公司付款 in the browser', () => {
  it('the office links a branch to its head office in the drawer, after a refusal in words, and the drawers link both ways', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/customers`);
    const asked: URL[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith(`/api/customers/${banqiao.id}`)) asked.push(url);
    });
    await page.locator('.el-table__row', { hasText: '林記板橋店' }).click();
    const drawer = page.getByTestId('customer-drawer');
    const section = drawer.getByTestId('customer-chain');
    await section.getByText('自行付款').waitFor({ timeout: 20_000 });
    // The drawer reads the chain with the customer, not in a request of its own.
    expect(asked.filter((u) => u.pathname.endsWith('/chain'))).toEqual([]);
    expect(asked.filter((u) => u.pathname === `/api/customers/${banqiao.id}`).map((u) => u.searchParams.get('include'))).toEqual(['chain']);
    await section.getByTestId('chain-set-payer').click();

    const dialog = page.getByRole('dialog', { name: '設定 林記板橋店 的付款客戶' });
    const pick = async (query: string, option: RegExp) => {
      await dialog.getByTestId('customer-picker').click();
      await page.keyboard.type(query);
      await page.getByRole('option', { name: option }).click();
    };
    await pick('林記水餃', /C00813 林記水餃攤/);
    await dialog.getByTestId('chain-save').click();
    await dialog.getByTestId('chain-error').getByText('C00813 林記水餃攤 不是月結客戶；總公司付款須為月結，請先將其付款條件改為月結').waitFor({ timeout: 20_000 });
    await pick('林記餐飲', /C00810 林記餐飲總公司/);
    await dialog.getByTestId('chain-save').click();
    await page.locator('.el-message--success').getByText('已設定由 林記餐飲總公司 付款').waitFor({ timeout: 20_000 });
    await section.getByTestId('chain-payer').getByText('C00810 林記餐飲總公司').waitFor();
    expect((await stack.container.db.collection('customers').doc(banqiao.id).get()).get('payerId')).toBe(headOffice.id);
    // Opened again, the branch owes nothing of its own: its balance says who carries it.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('.el-table__row', { hasText: '林記板橋店' }).click();
    await drawer.getByTestId('customer-balance-carried').getByText('由總公司 C00810 林記餐飲總公司 付款').waitFor({ timeout: 20_000 });

    await section.getByTestId('chain-payer-open').click();
    await drawer.getByText('C00810 林記餐飲總公司').first().waitFor();
    const branches = drawer.getByTestId('customer-chain').getByTestId('chain-branches');
    await branches.getByText('為 2 間分店付款').waitFor({ timeout: 20_000 });
    await expect(branches.getByTestId('chain-branch').allInnerTexts()).resolves.toEqual(['C00811 林記板橋店', 'C00812 林記中和店']);
    await branches.scrollIntoViewIfNeeded();
    await drawer.screenshot({ path: join(SHOTS, 'lg-office-drawer-chain.png') });
    await page.context().close();
  }, 120_000);

  it('the head office reads in the portal last month’s statement of its chain, each branch apart, totals for all, and its branches’ orders and invoices', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const chainAsked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/customers/') && (url.pathname.endsWith('/chain') || url.searchParams.get('include') === 'chain')) chainAsked.push(url.pathname + url.search);
    });
    await login(page, stack.url, 'c00810', /\/portal$/);
    await page.goto(`${stack.url}/portal?tab=statement`);
    const sheet = page.getByTestId('statement');
    await sheet.getByTestId('statement-line').getByText('ord-chain-hq').waitFor({ timeout: 20_000 });
    await sheet.getByTestId('statement-branch').getByText('林記中和店（C00812）').waitFor();
    await sheet.getByTestId('statement-branch-line').getByText('ord-chain-b2').waitFor();
    await sheet.getByTestId('statement-branch-totals').getByText('本期應收 NT$1,700，已收現金 NT$0，本期應付 NT$1,700').waitFor();
    await sheet.getByTestId('statement-chain-totals').waitFor();
    // 板橋, linked today, is not in last month's: only 中和 was the head office's then.
    await expect(sheet.getByTestId('statement-branch').count()).resolves.toBe(1);
    await expect(sheet.getByTestId('statement-due').innerText()).resolves.toBe('NT$2,550');
    await page.screenshot({ path: join(SHOTS, 'lg-portal-chain-statement.png'), fullPage: true });

    // 歷史訂單 follows the branches' orders too (firestore.rules let the head office read them), each under its branch.
    await page.goto(`${stack.url}/portal?tab=history`);
    const branches = page.getByTestId('portal-branch-orders');
    const zhongheOrders = branches.getByTestId('portal-branch').filter({ hasText: '林記中和店（C00812）' });
    await zhongheOrders.getByTestId('portal-branch-order').filter({ hasText: 'NT$1,700' }).getByText('已送達').waitFor({ timeout: 20_000 });
    await branches.getByTestId('portal-branch').filter({ hasText: '林記板橋店（C00811）' }).getByText('近期沒有訂單').waitFor();

    // 我的發票 adds the branches' invoices, the head office being their buyer.
    await page.goto(`${stack.url}/portal?tab=invoices`);
    const invoices = page.getByTestId('portal-branch-invoices').getByTestId('portal-branch-invoices-of').filter({ hasText: '林記中和店（C00812）' });
    await invoices.getByText('LG00000777').waitFor({ timeout: 20_000 });
    // The branches come with the customer the portal reads on each load, not in requests of their own.
    expect(chainAsked.filter((p) => p.endsWith('/chain'))).toEqual([]);
    expect(chainAsked.length).toBeGreaterThan(0);
    await context.close();
  }, 120_000);

  it('taking a branch’s order, the clerk is told what its head office owes past due, the branch owing nothing of its own', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/orders/new`);
    await page.locator('[data-test=customer-picker] input').fill('大福小館 信義');
    await page.getByRole('option', { name: /C00821 大福小館 信義店/ }).click();
    const since = `${Number(monthBefore.slice(0, 4))} 年 ${Number(monthBefore.slice(5))} 月`;
    await page
      .getByTestId('order-customer-overdue')
      .getByText(`總公司 大福小館 總店 有逾期帳款 ${formatMoney(xinyiLate.total)}（最早為 ${since}帳款），請提醒總公司繳款`)
      .waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 120_000);

  it('a branch’s statement says who pays it, with no balance of its own and no payment to record at the branch', async () => {
    const page = await officePage(browser, stack.url);
    await page.goto(`${stack.url}/office/customers/${zhonghe.id}/statement?month=${lastMonth}`);
    const sheet = page.getByTestId('statement');
    await sheet.getByTestId('statement-line').getByText('ord-chain-b2').waitFor({ timeout: 20_000 });
    await sheet.getByTestId('statement-paid-by').getByText('本對帳單的帳款由總公司 林記餐飲總公司（C00810）支付，請勿另行付款').waitFor();
    await expect(sheet.getByTestId('statement-due').innerText()).resolves.toBe('NT$1,700');
    for (const hidden of ['statement-opening', 'statement-closing']) await expect(sheet.getByTestId(hidden).count()).resolves.toBe(0);
    await expect(page.getByTestId('payment-record').count()).resolves.toBe(0);
    await page.context().close();
  }, 120_000);

  it('the head office orders gas for a branch in the portal, booked as the branch’s own order, which 分店訂單 then shows', async () => {
    await giveZhongheContract();
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'c00810', /\/portal$/);
    await page.goto(`${stack.url}/portal?tab=new`);
    // Until a branch is picked the order is the head office's own, and the field says so rather than 「請選擇」.
    await page.getByTestId('portal-order-for').getByText('本店（總公司）').waitFor({ timeout: 20_000 });
    await page.getByTestId('portal-order-for').click();
    await page.getByRole('option', { name: '林記中和店（C00812）' }).click();
    await page.getByTestId('order-empties-hint').getByText('預設每送一瓶收回一支空瓶，以林記中和店現場的鋼瓶為限').waitFor();
    await page.locator('[data-test=qty-20] input').fill('2');
    await page.locator('[data-test=qty-20] input').press('Tab');
    await page.getByTestId('order-quote').getByText(zhongheQuote(2), { exact: false }).waitFor();
    await page.getByRole('button', { name: '送出訂單' }).click();
    await page.locator('.el-message--success').getByText('已為 林記中和店 送出訂單', { exact: false }).waitFor({ timeout: 20_000 });
    const booked = (await stack.container.db.collection('orders').where('customerId', '==', zhonghe.id).where('status', '==', 'pending').get()).docs.map((d) => d.data() as Order);
    expect(booked).toEqual([
      expect.objectContaining({ customerName: '林記中和店', source: 'portal', createdBy: expect.objectContaining({ role: 'customer' }), items: [expect.objectContaining({ size: 20, quantity: 2 })] }),
    ]);
    // In place of the form, 歷史訂單, where 分店訂單 lists it under the branch.
    const zhongheOrders = page.getByTestId('portal-branch-orders').getByTestId('portal-branch').filter({ hasText: '林記中和店（C00812）' });
    await zhongheOrders.getByTestId('portal-branch-order').filter({ hasText: '待確認' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-portal-chain-branch-order.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('the head office changes the cylinders of one of its branch’s orders and cancels another from 分店訂單, as the branch could', async () => {
    await giveZhongheContract();
    const db = stack.container.db;
    const pendingOf = (id: string, days: number, quantity: number): Order => ({
      ...anOrder().withId(id).forCustomer(zhonghe).with({ items: [{ size: 20, quantity }], paymentMethod: 'monthly', requestedDate: addDays(taipeiDate(new Date()), days) }).build(),
      createdAt: new Date().toISOString(),
    });
    await Promise.all([pendingOf('ord-chain-b2-change', 3, 2), pendingOf('ord-chain-b2-cancel', 5, 1)].map((o) => db.collection('orders').doc(o.id).set({ ...o, version: 1 })));
    const stored = async (id: string) => (await db.collection('orders').doc(id).get()).data() as Order;
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'c00810', /\/portal$/);
    await page.goto(`${stack.url}/portal?tab=history`);
    const zhongheOrders = page.getByTestId('portal-branch-orders').getByTestId('portal-branch').filter({ hasText: '林記中和店（C00812）' });
    await zhongheOrders.getByTestId('reschedule-ord-chain-b2-change').click({ timeout: 20_000 });
    const dialog = page.getByRole('dialog', { name: '修改訂單' });
    await dialog.locator('[data-test=change-qty-20] input').fill('3');
    await dialog.locator('[data-test=change-qty-20] input').press('Tab');
    // The estimate is the branch's, as the change is priced, not the head office's list price.
    await dialog.getByTestId('order-quote').getByText(zhongheQuote(3), { exact: false }).waitFor();
    await dialog.getByTestId('order-change-submit').click();
    await page.getByText(`訂單已修改，總金額 ${formatMoney(2100)}`).waitFor({ timeout: 20_000 });
    expect(await stored('ord-chain-b2-change')).toMatchObject({ customerId: zhonghe.id, status: 'pending', items: [expect.objectContaining({ size: 20, quantity: 3, unitPrice: 700 })], total: 2100 });

    await zhongheOrders.getByTestId('cancel-order-ord-chain-b2-cancel').click();
    const box = page.getByRole('dialog', { name: '取消訂單' });
    await box.getByText('叫錯了', { exact: true }).click();
    await box.getByTestId('cancel-confirm').click();
    // Closed, it joins the branch's latest orders below those still to come.
    await zhongheOrders.getByTestId('portal-branch-order').filter({ hasText: '已取消' }).waitFor({ timeout: 20_000 });
    const cancelled = await stored('ord-chain-b2-cancel');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'ordered_by_mistake' });
    expect(cancelled.timeline.at(-1)).toMatchObject({ to: 'cancelled', by: { uid: 'u-c00810', role: 'customer' } });
    await page.screenshot({ path: join(SHOTS, 'lg-portal-chain-branch-order-changed.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('the head office’s 我的鋼瓶與押金 lists the cylinders and deposit standing at each branch after its own', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, stack.url, 'c00810', /\/portal$/);
    await page.goto(`${stack.url}/portal?tab=cylinders`);
    const atBranches = page.getByTestId('portal-branch-cylinders');
    await atBranches.locator('.el-table__row', { hasText: '林記中和店（C00812）' }).filter({ hasText: '20 公斤' }).filter({ hasText: 'NT$4,800' }).waitFor({ timeout: 20_000 });
    await expect(atBranches.locator('.el-table__row').count()).resolves.toBe(1);
    await expect(atBranches.getByTestId('portal-branch-deposit-total').innerText()).resolves.toBe('分店押金合計 NT$4,800');
    await page.screenshot({ path: join(SHOTS, 'lg-portal-chain-cylinders.png'), fullPage: true });
    await context.close();
  }, 120_000);
});

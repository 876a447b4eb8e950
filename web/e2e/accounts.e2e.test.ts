import type { Browser } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * 帳號管理 with many portal accounts: each names its customer (code and name) from the one list request, where the page
 * used to read every linked customer on its own, a request per row.
 */

let stack: TestStack;
let browser: Browser;
const CUSTOMERS = [1, 2, 3, 4, 5, 6].map((k) => ({ id: `cust-acct-${k}`, code: `C00${50 + k}`, name: `帳號測試商行${k}` }));

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-accounts' }));
  const db = stack.container.db;
  await Promise.all([
    seedUser(db, 'admin', '陳老闆', { role: 'admin' }),
    ...CUSTOMERS.flatMap((c, i) => [
      db.collection('customers').doc(c.id).set({ ...c, phones: ['0912345678'], active: true }),
      seedUser(db, `portal${i + 1}`, `${c.name} 老闆`, { role: 'customer', customerId: c.id }),
    ]),
  ]);
}, 240_000);
afterAll(() => closeBrowserStack(stack, browser), 60_000);

describe('帳號管理', () => {
  it('names every portal account’s customer from the accounts list alone, with no request per customer', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await login(page, stack.url, 'admin', /\/office$/);
    const calls: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/')) calls.push(`${request.method()} ${path}`);
    });
    await page.goto(`${stack.url}/admin/users`);
    const linkCell = (username: string) => page.locator('[data-test=users-table] .el-table__row', { hasText: username }).locator('td').nth(3);
    for (const [i, c] of CUSTOMERS.entries()) await linkCell(`portal${i + 1}`).getByText(`${c.code} ${c.name}`, { exact: true }).waitFor({ timeout: 20_000 });
    expect(calls.filter((call) => call.startsWith('GET /api/customers'))).toEqual([]);
    expect(calls.filter((call) => call === 'GET /api/users')).toHaveLength(1);
    await context.close();
  }, 90_000);
});

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page, selectors } from 'playwright-core';
import { anOrder } from '../../functions/src/domain/test-support';
import { hashPassword } from '../../functions/src/domain/users';
import { startTestStack, type TestStack } from '../../functions/src/local/test-support';
import { taipeiDate } from '../src/lib/format';

/**
 * Browser smoke test: the built SPA served by the local gateway on the emulators, in Debian's
 * Chromium. The zh-TW login page, a refused login in the user's language, the office login, and the
 * orders board fed by a live Firestore listener (an order written after the page loaded appears).
 */

const WEB = join(__dirname, '..');
const DIST = join(WEB, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'luckygas-demo';
const SHOTS = process.env.LG_SCREENSHOT_DIR ?? '/tmp';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the SPA unless web/dist is newer than every source it is built from. */
function ensureBuilt(): void {
  const index = join(DIST, 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'build'].map((p) => newestMtime(join(WEB, p)));
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...sources)) return;
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: join(WEB, '..'), stdio: 'pipe' });
}

let stack: TestStack;
let browser: Browser;

async function seedOfficeUser(): Promise<void> {
  await stack.container.db.collection('users').doc('u-office').set({
    uid: 'u-office',
    username: 'office',
    displayName: '王小姐',
    role: 'office',
    passwordHash: await hashPassword(PASSWORD),
    disabled: false,
  });
}

async function seedOrder(id: string, customerName: string): Promise<void> {
  const order = anOrder().withId(id).build();
  await stack.container.db
    .collection('orders')
    .doc(id)
    .set({ ...order, customerName, requestedDate: taipeiDate() });
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

beforeAll(async () => {
  ensureBuilt();
  selectors.setTestIdAttribute('data-test');
  stack = await startTestStack({ suite: 'web-smoke', webDist: DIST });
  await seedOfficeUser();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('web smoke', () => {
  it('serves the zh-TW login page by default', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/login`);
    await expect(page.getByTestId('login-title').textContent()).resolves.toBe('幸福氣 登入');
    await expect(page.getByText('帳號', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText('密碼', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('登入');
    await page.screenshot({ path: join(SHOTS, 'lg-login.png') });
    await page.context().close();
  }, 60_000);

  it('shows a refused login with the API message in the chosen language', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/login`);
    await page.locator('#username').fill('office');
    await page.locator('#password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/[\u3400-\u9fff]/);
    expect(page.url()).toContain('/login');
    await page.context().close();
  }, 60_000);

  it('logs the office in and shows the live orders board', async () => {
    await seedOrder('ord-smoke-1', '幸福小吃店');
    const page = await newPage();
    await page.goto(`${stack.url}/login`);
    await page.locator('#username').fill('office');
    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/office$/);
    await expect(page.getByTestId('board-title').textContent()).resolves.toBe('訂單看板');
    await page.getByText('幸福小吃店').waitFor({ timeout: 20_000 });

    // Written after the page loaded: it appears through the listener, without a reload.
    await seedOrder('ord-smoke-2', '大安麵館');
    await page.getByText('大安麵館').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'lg-office-board.png'), fullPage: true });
    await page.context().close();
  }, 90_000);
});

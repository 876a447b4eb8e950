import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { anOrder } from '../../functions/src/domain/test-support';
import { hashPassword } from '../../functions/src/domain/users';
import type { TestStack } from '../../functions/src/local/test-support';
import { startFirebaseAuthStandIns, type FirebaseAuthStandIns } from '../../functions/src/local/test-support/firebase-auth';
import { taipeiDate } from '../src/lib/format';
import { startFirebaseAuthServer, type LocalFirebaseAuth } from '../src/modules/test-support/firebase-auth-server';
import { closeBrowserStack, openBrowserStack, seedOrderBuilderCustomer } from './browser';

/**
 * The production sign-in across a page reload, in Debian's Chromium: the built SPA on the local
 * gateway with the API in firebase mode (it takes only Firebase ID tokens, checked against the
 * securetoken stand-in's keys), Firebase Auth a local Identity Toolkit stand-in minting ID tokens
 * with that key, and the Firestore emulator judging the same ID tokens with firestore.rules.
 * A reload keeps `lg.session` (without a local token) and Firebase Auth's user, both in the tab's sessionStorage.
 */

const PASSWORD = 'luckygas-demo';
const API_KEY = 'test-web-api-key';
const OFFICE_UID = 'u-office';

let google: FirebaseAuthStandIns;
let firebaseAuth: LocalFirebaseAuth;
let stack: TestStack;
let browser: Browser;

async function seedOrder(id: string, customerName: string): Promise<void> {
  const order = anOrder().withId(id).build();
  await seedOrderBuilderCustomer(stack.container.db);
  await stack.container.db
    .collection('orders')
    .doc(id)
    .set({ ...order, customerName, requestedDate: taipeiDate() });
}

const signIns = () => firebaseAuth.calls.filter((c) => c.path.endsWith('/accounts:signInWithCustomToken'));

/** The users Firebase Auth keeps for the next page load of this tab (session persistence), by storage key. */
const persistedFirebaseUsers = (page: Page): Promise<string[]> =>
  page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('firebase:authUser:')));

/** Firebase Auth users kept in IndexedDB, which outlives the tab (its default persistence). */
function firebaseUsersInIndexedDb(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('firebaseLocalStorageDb');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('firebaseLocalStorage')) {
            db.close();
            resolve([]);
            return;
          }
          const keys = db.transaction('firebaseLocalStorage', 'readonly').objectStore('firebaseLocalStorage').getAllKeys();
          keys.onerror = () => reject(keys.error);
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.map(String).filter((key) => key.startsWith('firebase:authUser:')));
          };
        };
      }),
  );
}

const storedSession = (page: Page) => page.evaluate(() => sessionStorage.getItem('lg.session'));

beforeAll(async () => {
  google = await startFirebaseAuthStandIns('session-restore');
  firebaseAuth = await startFirebaseAuthServer(google.overrides.projectId, { signIn: google.signInWithCustomToken });
  ({ stack, browser } = await openBrowserStack({
    suite: 'session-restore',
    subscriptions: [],
    overrides: google.overrides,
    firebaseAuth: { apiKey: API_KEY, emulator: firebaseAuth.host },
  }));
  await stack.container.db
    .collection('users')
    .doc(OFFICE_UID)
    .set({ uid: OFFICE_UID, username: 'office', displayName: '王小姐', role: 'office', passwordHash: await hashPassword(PASSWORD), disabled: false });
}, 240_000);

afterAll(async () => {
  await closeBrowserStack(stack, browser);
  await firebaseAuth?.stop();
  await google?.stop();
}, 60_000);

it('an office session comes back after a reload from the persisted Firebase sign-in, and logout ends it for good', async () => {
  await seedOrder('ord-restore-1', '幸福小吃店');
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const apiBearers: { path: string; bearer: string | null }[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) apiBearers.push({ path: pathname, bearer: request.headers()['authorization'] ?? null });
  });

  // Signed in: one custom-token sign-in, and the board lists the order through the listener.
  await page.goto(`${stack.url}/login`);
  await page.locator('#username').fill('office');
  await page.locator('#password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/office$/);
  await page.getByText('幸福小吃店').waitFor({ timeout: 20_000 });
  expect(signIns()).toEqual([expect.objectContaining({ key: API_KEY })]);
  const session = JSON.parse((await storedSession(page)) ?? '{}') as Record<string, unknown>;
  expect(session).toEqual(expect.objectContaining({ firebaseToken: expect.any(String), user: expect.objectContaining({ uid: OFFICE_UID }) }));
  expect(session['token']).toBeUndefined();
  expect(await persistedFirebaseUsers(page)).toEqual([`firebase:authUser:${API_KEY}:lucky-gas-${OFFICE_UID}`]);
  // Nothing of the sign-in outlives the tab (a shared office PC): another tab starts signed out.
  expect(await firebaseUsersInIndexedDb(page)).toEqual([]);
  const otherTab = await context.newPage();
  await otherTab.goto(`${stack.url}/office`);
  await otherTab.waitForURL(/\/login/);
  expect(await persistedFirebaseUsers(otherTab)).toEqual([]);
  await otherTab.close();

  // Reloaded: still on the board, the listener runs again and delivers an order written afterwards.
  const callsBeforeReload = firebaseAuth.calls.length;
  await page.reload();
  await page.getByText('幸福小吃店').waitFor({ timeout: 20_000 });
  expect(page.url()).toMatch(/\/office$/);
  await seedOrder('ord-restore-2', '大安麵館');
  await page.getByText('大安麵館').waitFor({ timeout: 20_000 });

  // The API call after the reload carries an ID token of the persisted session, and the API takes it.
  const confirmed = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/orders/ord-restore-2/confirm'));
  await page.getByText('大安麵館').click();
  await page.getByTestId('confirm-order').click();
  const answer = await confirmed;
  expect(answer.status()).toBe(200);
  const bearer = (await answer.request().headerValue('authorization')) ?? '';
  expect(bearer).toMatch(/^Bearer /);
  expect(decodeJwt(bearer.slice('Bearer '.length))).toMatchObject({
    iss: `https://securetoken.google.com/${stack.projectId}`,
    aud: stack.projectId,
    sub: OFFICE_UID,
    role: 'office',
  });
  await page.locator('.el-card', { hasText: '已確認' }).getByText('大安麵館').waitFor({ timeout: 20_000 });
  expect((await stack.container.db.collection('orders').doc('ord-restore-2').get()).get('status')).toBe('confirmed');

  // The persisted user was reused: Firebase Auth only looked it up, nobody signed in again.
  const afterReload = firebaseAuth.calls.slice(callsBeforeReload).map((c) => c.path);
  expect(afterReload).toContain('/identitytoolkit.googleapis.com/v1/accounts:lookup');
  expect(afterReload).not.toContain('/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken');
  expect(signIns()).toHaveLength(1);

  // Logged out, then reloaded: the login page, no session of ours nor Firebase's left to restore.
  await page.keyboard.press('Escape');
  await page.getByTestId('order-drawer').waitFor({ state: 'hidden' });
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
  const apiCallsAtLogout = apiBearers.length;
  await page.reload();
  await page.getByTestId('login-title').waitFor();
  expect(page.url()).toMatch(/\/login/);
  expect(await storedSession(page)).toBeNull();
  expect(await persistedFirebaseUsers(page)).toEqual([]);
  await page.goto(`${stack.url}/office`);
  await page.waitForURL(/\/login/);
  await page.getByTestId('login-title').waitFor();
  expect(apiBearers.slice(apiCallsAtLogout).filter((call) => call.bearer !== null)).toEqual([]);
  expect(signIns()).toHaveLength(1);
  await context.close();
}, 120_000);

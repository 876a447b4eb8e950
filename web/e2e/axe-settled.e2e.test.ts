import type { Browser } from 'playwright-core';
import { firestoreCustomerStore } from '../../functions/src/adapters/firestore/customer-store';
import { aCustomer } from '../../functions/src/domain/test-support';
import type { TestStack } from '../../functions/src/local/test-support';
import { axeViolations, settled } from './axe';
import { closeBrowserStack, officePage, openBrowserStack, seedUser } from './browser';

/**
 * What the accessibility checks measure is a page at rest. A statement page's 登記收款 waits disabled (its light tint,
 * white on it 2.2:1) until the statement is read, then eases to its colour in 0.1 s: measured while the read was on its
 * way and its answer landed mid-measure, axe reported it failing contrast in one CI run.
 */

let stack: TestStack;
let browser: Browser;
const CUSTOMER = 'cust-axe';
const STATEMENT = `/office/customers/${CUSTOMER}/statement`;

beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-axe-settled', subscriptions: [] }));
  await Promise.all([
    seedUser(stack.container.db, 'office', '王小姐', { role: 'office' }),
    firestoreCustomerStore(stack.container.db).create(CUSTOMER, (code) => aCustomer().withId(CUSTOMER).withCode(code).build()),
  ]);
}, 240_000);

afterAll(async () => closeBrowserStack(stack, browser), 60_000);

describe('axe on a page at rest', () => {
  it('settled waits for the page’s reads: a statement answered slowly is there, its buttons enabled', async () => {
    const page = await officePage(browser, stack.url, { width: 1280, height: 800 });
    // A slow network: long enough for the page to sit still, disabled, while it waits.
    await page.route('**/api/statements/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto(`${stack.url}${STATEMENT}`);
    await settled(page);
    await expect(page.getByTestId('payment-record').isEnabled()).resolves.toBe(true);
    await page.context().close();
  }, 60_000);

  it('a page that changed while axe measured it is measured again, at rest', async () => {
    const page = await officePage(browser, stack.url, { width: 1280, height: 800 });
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/statements/**', async (route) => {
      await answered;
      await route.continue();
    });
    // The statement lands as axe starts its first run, which measures 登記收款 the moment it is enabled.
    await page.exposeFunction('lgLandStatement', () => answer());
    await page.addInitScript(() => {
      type Axe = { run: (...args: unknown[]) => Promise<unknown> };
      const w = window as unknown as { lgLandStatement: () => Promise<void>; lgLanded?: boolean };
      let current: Axe | undefined;
      // axe-core sets itself on window before it has its methods: `run` is wrapped when the test's code reads it.
      let wrapped: Axe | undefined;
      const land = async () => {
        if (w.lgLanded) return;
        w.lgLanded = true;
        const button = document.querySelector('[data-test=payment-record]') as HTMLElement;
        const enabled = new Promise<void>((resolve) =>
          new MutationObserver((_, observer) => {
            if (button.hasAttribute('disabled')) return;
            observer.disconnect();
            resolve();
          }).observe(button, { attributes: true }),
        );
        await w.lgLandStatement();
        await enabled;
      };
      Object.defineProperty(window, 'axe', {
        configurable: true,
        get: () => {
          if (current && wrapped !== current) {
            const run = current.run.bind(current);
            current.run = async (...args) => {
              await land();
              return run(...args);
            };
            wrapped = current;
          }
          return current;
        },
        set: (axe: Axe) => void (current = axe),
      });
    });
    await page.goto(`${stack.url}${STATEMENT}`);
    await page.locator('[data-test=payment-record][disabled]').waitFor();
    const contrast = (await axeViolations(page, '[data-test=payment-record]')).filter((v) => v.rule === 'color-contrast');
    await expect(page.evaluate(() => (window as unknown as { lgLanded?: boolean }).lgLanded)).resolves.toBe(true);
    expect(contrast).toEqual([]);
    await page.context().close();
  }, 60_000);
});

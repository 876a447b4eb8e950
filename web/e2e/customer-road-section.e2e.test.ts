import type { Browser, Page } from 'playwright-core';
import type { TestStack } from '../../functions/src/local/test-support';
import { closeBrowserStack, login, openBrowserStack, seedUser } from './browser';

/**
 * Browser test of a 段 typed into the customer form's road (和平東路2段): leaving the field moves it to the 段 select,
 * as the API would, so the clerk sees it there and the customer is stored on the table's road; a road naming another
 * 段 than the one chosen comes back as the API's message on the 段. The form opening on 名稱 leaves alone a clerk already
 * typing in another field when its open animation ends.
 */

let stack: TestStack;
let browser: Browser;
beforeAll(async () => {
  ({ stack, browser } = await openBrowserStack({ suite: 'web-customer-road-section', subscriptions: [] }));
  await seedUser(stack.container.db, 'office', '王小姐', { role: 'office' });
}, 240_000);
afterAll(async () => {
  await closeBrowserStack(stack, browser);
}, 60_000);

async function newCustomerForm(name: string, phone: string): Promise<{ page: Page; form: ReturnType<Page['getByTestId']> }> {
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
  await login(page, stack.url, 'office', /\/office$/);
  await page.goto(`${stack.url}/office/customers`);
  await page.getByTestId('new-customer').click();
  const form = page.getByTestId('customer-form');
  await form.getByTestId('customer-name').fill(name);
  await form.getByTestId('customer-phone-0').fill(phone);
  await form.getByTestId('address-city').fill('臺北市');
  await form.getByTestId('address-district').fill('大安區');
  await form.getByTestId('address-number').fill('25');
  return { page, form };
}

const stored = async (name: string) => (await stack.container.db.collection('customers').where('name', '==', name).get()).docs.map((d) => d.data().address);

describe('a 段 typed into the road in the customer form', () => {
  it('goes to the 段 select when the clerk leaves the road, and the customer is stored on the road with that 段', async () => {
    const { page, form } = await newCustomerForm('陳淑芬', '0912555888');
    await form.getByTestId('address-road').fill('和平東路2段');
    await form.getByTestId('address-road').press('Tab');
    await form.getByTestId('address-section').getByText('2 段').waitFor();
    expect(await form.getByTestId('address-road').inputValue()).toBe('和平東路');
    await form.getByTestId('save-customer').click();
    await page.getByTestId('customer-form').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await stored('陳淑芬')).toEqual([expect.objectContaining({ road: '和平東路', section: 2, full: '台北市大安區和平東路二段25號' })]);
    await page.context().close();
  }, 60_000);

  it("shows the API's refusal on the 段 when the road names another 段 than the one chosen", async () => {
    const { page, form } = await newCustomerForm('黃志明', '0912555999');
    await form.getByTestId('address-road').fill('和平東路');
    await form.getByTestId('address-section').click();
    await page.locator('.el-select-dropdown__item:visible').getByText('3 段').click();
    await form.getByTestId('address-road').fill('和平東路二段');
    await form.getByTestId('address-road').press('Tab');
    expect(await form.getByTestId('address-road').inputValue()).toBe('和平東路二段');
    await form.getByTestId('save-customer').click();
    await form.getByText('路名寫的段別與所選的段別不同，段別請只填一處').waitFor({ timeout: 20_000 });
    expect(await stored('黃志明')).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('新增客戶 opening on 名稱', () => {
  /**
   * The dialog says it is open only once its animation ends, which on a loaded machine came after the clerk's first
   * keystrokes in another field (clean-clone CI, fixed in 21d59be). Here the animation is held (made ten minutes long) until
   * the clerk has typed, then let end: whether the machine is loaded no longer decides what the test sees.
   */
  async function openHeld(): Promise<{ page: Page; form: ReturnType<Page['getByTestId']>; release: () => Promise<void> }> {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, stack.url, 'office', /\/office$/);
    await page.goto(`${stack.url}/office/customers`);
    // Through the CSSOM: the SPA's Content-Security-Policy refuses a style tag.
    const held = await page.evaluateHandle(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('.dialog-fade-enter-active { animation-duration: 600s !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      return sheet;
    });
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.waitFor();
    const release = async () => {
      await held.evaluate((sheet) => sheet.replaceSync(''));
      // The animation ends at its normal length, long past: the dialog says it is open (`opened`, then focusName).
      await page.waitForFunction(() => document.querySelector('.dialog-fade-enter-active') === null);
    };
    return { page, form, release };
  }
  const focused = (field: ReturnType<Page['getByTestId']>) => field.evaluate((input) => input === document.activeElement);

  it('keeps the cursor, and the keystrokes, in the field the clerk is already typing in when its open animation ends', async () => {
    const { page, form, release } = await openHeld();
    const phone = form.getByTestId('customer-phone-0');
    await phone.click();
    await page.keyboard.type('0912');
    // Typed while the dialog was still opening.
    await expect(page.locator('.dialog-fade-enter-active').count()).resolves.toBe(1);
    await release();
    await page.keyboard.type('555777');
    expect([await phone.inputValue(), await form.getByTestId('customer-name').inputValue(), await focused(phone)]).toEqual(['0912555777', '', true]);
    await page.context().close();
  }, 60_000);

  it('puts the cursor on 名稱 when its open animation ends and the clerk has not started typing', async () => {
    const { page, form, release } = await openHeld();
    const name = form.getByTestId('customer-name');
    await expect(focused(name)).resolves.toBe(false);
    await release();
    await expect(focused(name)).resolves.toBe(true);
    await page.context().close();
  }, 60_000);
});

import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const today = taipeiDate(new Date());
const yesterday = addDays(today, -1);

const customerA = aCustomer()
  .withId('cust-a')
  .withCode('C00001')
  .with({ name: '林記麵館', cylindersOnSite: [{ size: 20, count: 2, depositPaid: 1200 }] })
  .build();
const customerB = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃', cylindersOnSite: [] }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'deposits', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of [customerA, customerB]) await db.collection('customers').doc(c.id).set(c);
  await db.collection('users').doc('u-office').set({ uid: 'u-office', username: 'office', displayName: '辦公室 小美', role: 'office', disabled: false });
});
afterAll(() => stack.close());

const deposit = (body: Json, opts: { key?: string; lang?: string; customer?: string } = {}) =>
  call('POST', `/api/customers/${opts.customer ?? 'cust-a'}/deposits`, { as: 'office', body, ...(opts.key ? { key: opts.key } : {}), ...(opts.lang ? { lang: opts.lang } : {}) });

const depositsOf = async (customerId: string) => (await stack.container.db.collection('customers').doc(customerId).collection('deposits').get()).docs.map((d) => d.data());
const onSiteOf = async (customerId: string) => (await stack.container.db.collection('customers').doc(customerId).get()).get('cylindersOnSite') as Json[];

describe('customer deposits on the emulators', () => {
  it('collects a deposit at the standard rate: the held amount goes up on the customer and the record is listed, by the clerk’s name', async () => {
    const res = await deposit({ kind: 'collect', size: 20, count: 1, method: 'cash', receivedOn: yesterday }, { key: 'dep-collect-1' });
    expect(res.status).toBe(201);
    expect(res.body.deposit).toMatchObject({ customerId: 'cust-a', kind: 'collect', size: 20, count: 1, amount: 1200, method: 'cash', receivedOn: yesterday, by: '辦公室 小美' });
    expect(res.body.held).toEqual([{ size: 20, amount: 2400 }]);
    await expect(onSiteOf('cust-a')).resolves.toEqual([{ size: 20, count: 2, depositPaid: 2400 }]);

    const later = await deposit({ kind: 'collect', size: 16, count: 1, amount: 900, method: 'transfer', receivedOn: today, note: '新增 16 公斤' }, { key: 'dep-collect-2' });
    expect(later.status).toBe(201);
    const listed = await call('GET', '/api/customers/cust-a/deposits', { as: 'office' });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: Json) => [d.size, d.amount, d.receivedOn])).toEqual([
      [16, 900, today],
      [20, 1200, yesterday],
    ]);
    expect(listed.body.held).toEqual([
      { size: 16, amount: 900 },
      { size: 20, amount: 2400 },
    ]);
    expect(listed.body.standard).toContainEqual({ size: 20, amount: 1200 });
    await expect(onSiteOf('cust-a')).resolves.toEqual([
      { size: 16, count: 0, depositPaid: 900 },
      { size: 20, count: 2, depositPaid: 2400 },
    ]);
  });

  it('refuses a refund of more than held with 422 in zh-TW and en, and writes nothing', async () => {
    const before = { records: (await depositsOf('cust-a')).length, onSite: await onSiteOf('cust-a') };
    const body = { kind: 'refund', size: 20, count: 3, method: 'cash', receivedOn: today };
    const zh = await deposit(body, { key: 'dep-too-much-zh' });
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'DEPOSIT.REFUND_EXCEEDS_HELD', message: '退還押金 NT$3,600 超過 20 公斤鋼瓶目前收取的押金 NT$2,400' });
    const en = await deposit(body, { key: 'dep-too-much-en', lang: 'en' });
    expect(en.status).toBe(422);
    expect(en.body.error.message).toBe('A refund of NT$3,600 is more than the NT$2,400 deposit held for 20 kg cylinders');
    await expect(depositsOf('cust-a')).resolves.toHaveLength(before.records);
    await expect(onSiteOf('cust-a')).resolves.toEqual(before.onSite);
  });

  it('refuses a collection above count × the standard deposit (12000 typed for 1200) with 422 naming the most, and writes nothing', async () => {
    const before = { records: (await depositsOf('cust-a')).length, onSite: await onSiteOf('cust-a') };
    const zh = await deposit({ kind: 'collect', size: 20, count: 1, amount: 12000, method: 'cash', receivedOn: today }, { key: 'dep-above-zh' });
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({
      code: 'DEPOSIT.ABOVE_STANDARD',
      message: '20 公斤鋼瓶 1 支的押金最多 NT$1,200（每支標準押金 NT$1,200），不能收 NT$12,000',
      fields: [{ path: 'body.amount' }],
    });
    const en = await deposit({ kind: 'collect', size: 20, count: 2, amount: 2500, method: 'cash', receivedOn: today }, { key: 'dep-above-en', lang: 'en' });
    expect(en.body.error.message).toBe('The deposit for 2 × 20 kg cylinders is at most NT$2,400 (NT$1,200 each as standard), not NT$2,500');
    await expect(depositsOf('cust-a')).resolves.toHaveLength(before.records);
    await expect(onSiteOf('cust-a')).resolves.toEqual(before.onSite);
  });

  it('refunds what is held, and drops a size left with neither cylinders nor deposit', async () => {
    const res = await deposit({ kind: 'refund', size: 16, count: 1, amount: 900, method: 'cash', receivedOn: today }, { key: 'dep-refund-16' });
    expect(res.status).toBe(201);
    expect(res.body.held).toEqual([{ size: 20, amount: 2400 }]);
    await expect(onSiteOf('cust-a')).resolves.toEqual([{ size: 20, count: 2, depositPaid: 2400 }]);
  });

  it('records a retry with the same Idempotency-Key once, and moves the deposit once', async () => {
    const body = { kind: 'collect', size: 10, count: 2, method: 'cash', receivedOn: today };
    const first = await deposit(body, { key: 'dep-retry', customer: 'cust-b' });
    const again = await deposit(body, { key: 'dep-retry', customer: 'cust-b' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    await expect(depositsOf('cust-b')).resolves.toHaveLength(1);
    await expect(onSiteOf('cust-b')).resolves.toEqual([{ size: 10, count: 0, depositPaid: 1600 }]);
  });

  it('refuses a future day with 422, a count of zero with 400 and an unknown customer with 404', async () => {
    const future = await deposit({ kind: 'collect', size: 20, count: 1, method: 'cash', receivedOn: addDays(today, 1) }, { key: 'dep-future' });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'DEPOSIT.FUTURE_DATE', message: '押金收退日期不可晚於今天' });
    const zero = await deposit({ kind: 'collect', size: 20, count: 0, method: 'cash', receivedOn: today }, { key: 'dep-zero' });
    expect(zero.status).toBe(400);
    const nobody = await deposit({ kind: 'collect', size: 20, count: 1, method: 'cash', receivedOn: today }, { key: 'dep-nobody', customer: 'cust-nobody' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    expect((await stack.container.db.collection('customers').doc('cust-nobody').get()).exists).toBe(false);
  });

  it('refuses to refund the deposit of cylinders still at a customer who leaves (退戶) until they come back, writing nothing', async () => {
    const leaving = aCustomer().withId('cust-leaving').withCode('C00003').with({ name: '張記茶飲店', cylindersOnSite: [{ size: 16, count: 3, depositPaid: 3000 }] }).build();
    await stack.container.db.collection('customers').doc(leaving.id).set(leaving);
    const body = { kind: 'refund', size: 16, count: 3, method: 'cash', receivedOn: today };
    const zh = await deposit(body, { customer: leaving.id, key: 'dep-leaving-zh' });
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({
      code: 'DEPOSIT.CYLINDERS_ON_SITE',
      message: '16 公斤鋼瓶還有 3 支在客戶處，押金須留 NT$3,000，目前最多可退 NT$0；鋼瓶收回後再退其餘押金',
      fields: [{ path: 'body.amount' }],
    });
    const en = await deposit(body, { customer: leaving.id, key: 'dep-leaving-en', lang: 'en' });
    expect(en.body.error.message).toBe("3 × 16 kg cylinders are still at the customer's and keep NT$3,000 of the deposit: at most NT$0 can be refunded until they come back");
    await expect(depositsOf(leaving.id)).resolves.toEqual([]);
    await expect(onSiteOf(leaving.id)).resolves.toEqual([{ size: 16, count: 3, depositPaid: 3000 }]);

    // The driver brought the three back; the clerk counts them off, then the deposit goes back whole.
    const counted = await call('PATCH', `/api/customers/${leaving.id}`, { as: 'office', body: { cylindersOnSite: [{ size: 16, count: 0, depositPaid: 3000 }] } });
    expect(counted.status).toBe(200);
    const refunded = await deposit(body, { customer: leaving.id, key: 'dep-leaving-back' });
    expect(refunded.status).toBe(201);
    expect(refunded.body).toMatchObject({ deposit: { amount: 3000 }, held: [] });
  });

  it('lets a customer read their own deposits, answers another’s with 404, and lets neither customers nor drivers record', async () => {
    const own = await call('GET', '/api/customers/cust-b/deposits', { as: 'customerB' });
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.held).toEqual([{ size: 10, amount: 1600 }]);
    const other = await call('GET', '/api/customers/cust-b/deposits', { as: 'customerA' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    expect((await call('GET', '/api/customers/cust-a/deposits', { as: 'driver1' })).status).toBe(403);
    const body = { kind: 'refund', size: 10, count: 2, method: 'cash', receivedOn: today };
    expect((await call('POST', '/api/customers/cust-b/deposits', { as: 'customerB', body })).status).toBe(403);
    expect((await call('POST', '/api/customers/cust-b/deposits', { as: 'driver1', body })).status).toBe(403);
    await expect(depositsOf('cust-b')).resolves.toHaveLength(1);
  });
});

import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const customerA = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館', phones: ['02-2345-6789'], notes: '後門進出' }).build();
const customerB = aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃', phones: ['0922-111-222'] }).build();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customer-contact', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  for (const c of [customerA, customerB]) await stack.container.db.collection('customers').doc(c.id).set(c);
});
afterAll(() => stack.close());

const stored = async (id: string) => (await stack.container.db.collection('customers').doc(id).get()).data();
const patch = (id: string, body: unknown, as: 'customerA' | 'customerB' | 'office' | 'driver1' | 'admin' = 'customerA', lang?: string) =>
  call('PATCH', `/api/customers/${id}/contact`, { as, body, ...(lang ? { lang } : {}) });

describe('聯絡與收貨: a customer keeps their own contact details and delivery hours', () => {
  it('stores new phones, contact name and language on their own record alone, and audits it', async () => {
    const res = await patch('cust-a', { phones: ['0912 345 678', '02-2345-6789'], contactName: '林小姐', notificationLocale: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'cust-a', phones: ['0912-345-678', '(02)2345-6789'], contactName: '林小姐', notificationLocale: 'en', notes: '後門進出', name: '林記麵館' });
    expect(await stored('cust-a')).toMatchObject({ phones: ['0912-345-678', '(02)2345-6789'], contactName: '林小姐', notificationLocale: 'en' });
    expect((await stored('cust-b'))?.['phones']).toEqual(['0922-111-222']);
    // The contact name can be taken away again.
    expect((await patch('cust-a', { contactName: null })).body.contactName).toBeUndefined();
    const audit = (await stack.container.db.collection('auditLog').where('route', '==', '/:id/contact').get()).docs.map((d) => d.data());
    expect(audit.map((e) => [e['actor'].uid, e['entityId']])).toEqual([
      ['u-cust-a', 'cust-a'],
      ['u-cust-a', 'cust-a'],
    ]);
    expect(audit.every((e) => e['status'] === 200)).toBe(true);
  });

  it('stores the hours they take deliveries and the weekdays they are closed, and refuses a window that ends before it starts', async () => {
    const res = await patch('cust-a', { deliveryWindows: [{ start: '14:00', end: '17:00' }, { start: '09:00', end: '11:30' }], closedDays: [0, 3] });
    expect(res.status).toBe(200);
    expect(await stored('cust-a')).toMatchObject({ deliveryWindows: [{ start: '14:00', end: '17:00' }, { start: '09:00', end: '11:30' }], closedDays: [0, 3], notes: '後門進出' });
    const before = await stored('cust-a');
    const backwards = await patch('cust-a', { deliveryWindows: [{ start: '11:00', end: '09:00' }] }, 'customerA', 'en');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields[0]).toMatchObject({ path: 'body.deliveryWindows.0.end', message: 'The end must be after the start' });
    const twice = await patch('cust-a', { closedDays: [1, 1] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields[0]).toMatchObject({ path: 'body.closedDays', message: '公休日重複' });
    expect((await patch('cust-a', { closedDays: [7] })).status).toBe(400);
    expect(await stored('cust-a')).toEqual(before);
    // Open every day again, at any hour.
    expect((await patch('cust-a', { deliveryWindows: [], closedDays: [] })).body).toMatchObject({ deliveryWindows: [], closedDays: [] });
  });

  it('refuses another customer’s record as not found and every staff or driver caller, changing nothing', async () => {
    const before = await stored('cust-b');
    const other = await patch('cust-b', { phones: ['0911-000-000'] });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('CUSTOMER.NOT_FOUND');
    for (const who of ['office', 'admin', 'driver1'] as const) expect({ who, status: (await patch('cust-b', { phones: ['0911-000-000'] }, who)).status }).toEqual({ who, status: 403 });
    expect(await stored('cust-b')).toEqual(before);
  });

  it('refuses, in the caller’s language, an office-kept field, a bad phone, too many or none, and an empty change', async () => {
    const before = await stored('cust-a');
    const address = await patch('cust-a', { phones: ['0912-345-678'], name: '新名字' });
    expect(address.status).toBe(400);
    expect(address.body.error.code).toBe('REQUEST.VALIDATION');
    const badPhone = await patch('cust-a', { phones: ['12345'] }, 'customerA', 'en');
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.fields[0]).toMatchObject({ path: 'body.phones.0' });
    expect((await patch('cust-a', { phones: [] })).status).toBe(400);
    expect((await patch('cust-a', { phones: Array.from({ length: 6 }, (_, i) => `0912-345-67${i}`) })).status).toBe(400);
    const empty = await patch('cust-a', {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].message).toBe('沒有要更新的欄位');
    expect(await stored('cust-a')).toEqual(before);
  });

  it('refuses a change made on the version before an office edit (409 CUSTOMER.CHANGED in the customer’s language, the version now), writing nothing; made on the version now it saves', async () => {
    const seen = (await stored('cust-b'))?.['version'] as number | undefined;
    const office = await call('PATCH', '/api/customers/cust-b', { as: 'office', body: { phones: ['0922-333-444'], version: seen ?? 0 } });
    expect(office.status).toBe(200);
    const before = await stored('cust-b');
    const stale = await patch('cust-b', { phones: ['0911-000-000'], version: seen ?? 0 }, 'customerB', 'en');
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CUSTOMER.CHANGED', message: "Someone changed this customer's details after you opened them; look at them as they are now and save again", details: { version: office.body.version } });
    expect(await stored('cust-b')).toEqual(before);
    const redone = await patch('cust-b', { phones: ['0922-333-444', '0911-000-000'], version: office.body.version }, 'customerB');
    expect(redone.status).toBe(200);
    expect(redone.body).toMatchObject({ phones: ['0922-333-444', '0911-000-000'], version: office.body.version + 1 });
    expect((await patch('cust-b', { version: redone.body.version }, 'customerB')).status).toBe(400);
  });

  it('refuses a customer whose service the office ended (停用) in their language, 409 CUSTOMER.SERVICE_ENDED, writing nothing; reactivated, they may again', async () => {
    const ended = { ...aCustomer().withId('cust-ended').withCode('C00003').with({ name: '收店的茶飲店', phones: ['0933-444-555'] }).build(), status: 'inactive' as const };
    await stack.container.db.collection('customers').doc(ended.id).set(ended);
    const own = { uid: 'u-cust-ended', role: 'customer', customerId: ended.id } as const;
    const before = await stored(ended.id);
    const zh = await call('PATCH', `/api/customers/${ended.id}/contact`, { as: own, body: { phones: ['0911-000-000'] } });
    expect(zh.status).toBe(409);
    expect(zh.body.error).toMatchObject({ code: 'CUSTOMER.SERVICE_ENDED', message: '您的帳戶已停止配送服務，聯絡與收貨資料無法再更改；如需恢復供氣，請來電門市' });
    const en = await call('PATCH', `/api/customers/${ended.id}/contact`, { as: own, body: { closedDays: [0] }, lang: 'en' });
    expect(en.body.error.message).toBe('Deliveries to your account have ended, so your contact and delivery details can no longer be changed; to have gas again, please call the depot');
    expect(await stored(ended.id)).toEqual(before);

    expect((await call('POST', `/api/customers/${ended.id}/reactivate`, { as: 'office' })).status).toBe(200);
    expect((await call('PATCH', `/api/customers/${ended.id}/contact`, { as: own, body: { phones: ['0911-000-000'] } })).body.phones).toEqual(['0911-000-000']);
  });
});

import { Timestamp, type CollectionReference } from '@google-cloud/firestore';
import { throttleDocId } from '../adapters/firestore/login-throttle-store';
import { sweepOutbox } from '../adapters/firestore/outbox';
import { firestorePasswordResetStore } from '../adapters/firestore/password-reset-store';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import type { Order } from '../domain/orders';
import { aCustomer, anIssuedInvoice, anOrder, aPriceList } from '../domain/test-support';
import { hashPassword, newPasswordReset } from '../domain/users';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { sendRequestedCode } from './use-cases/text-codes';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customer-erasure', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());
beforeEach(() => stack.clear());

const db = () => stack.container.db;
const doc = async (path: string): Promise<Json | undefined> => (await db().doc(path).get()).data() as Json | undefined;
const left = (c: Customer): Customer => ({ ...c, status: 'inactive', deactivatedAt: '2026-11-20T02:00:00.000Z', cylindersOnSite: [] });

/** 劉佩君, who stopped buying and asked to be forgotten: years of the usual records naming her, and nothing open. */
const served = aCustomer()
    .withId('cust-gone')
    .withCode('C00001')
    .with({
      name: '劉佩君',
      contactName: '劉小姐',
      phones: ['0960-327-259', '02-2365-1234'],
      address: { city: '台北市', district: '大安區', road: '師大路', number: '74', floor: '2' },
      location: { lat: 25.0257, lng: 121.5426 },
      lineUserId: `U${'a'.repeat(32)}`,
      notes: '狗會叫，請按電鈴',
      invoice: { carrier: '/ABC1234' },
    })
    .build();
const gone = left(served);
/** A restaurant that closed: its invoices were made out to its company, which the books keep. */
const servedCompany = aCustomer().withId('cust-co').withCode('C00002').with({ name: '林記麵館', phones: ['0912-345-678'], invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } }).build();
const company = left(servedCompany);
const neighbour = aCustomer().withId('cust-next').withCode('C00003').with({ name: '王家小吃', phones: ['0922-111-222'] }).build();

const delivered = (id: string, c: Customer): Order => ({
  ...anOrder().withId(id).forCustomer(c).inStatus('delivered').with({ notes: '放後門' }).build(),
  timeline: [{ at: '2026-11-01T01:00:00.000Z', by: { uid: 'u-office', role: 'office' }, from: null, to: 'pending', note: '劉小姐說下午在家' }],
  routeId: 'route-1',
});

async function seed(): Promise<void> {
  const b = db().batch();
  const set = (path: string, data: object) => b.set(db().doc(path), data);
  for (const c of [gone, company, neighbour]) set(`customers/${c.id}`, c);
  set('orders/ord-gone', { ...delivered('ord-gone', served), version: 1 });
  set('orders/ord-next', { ...delivered('ord-next', neighbour), version: 1 });
  set('routes/route-1', {
    id: 'route-1',
    stops: [
      { seq: 1, orderId: 'ord-gone', customerId: 'cust-gone', lat: 25.0257, lng: 121.5426 },
      { seq: 2, orderId: 'ord-next', customerId: 'cust-next', lat: 25.01, lng: 121.46 },
    ],
  });
  set('invoices/inv-gone', { ...anIssuedInvoice('inv-gone', served, 'AB00000001'), customer: { id: 'cust-gone', code: 'C00001', name: '劉佩君', address: gone.address.full, phone: '0960-327-259' }, buyer: { type: 'carrier', carrier: '/ABC1234' } });
  set('invoices/inv-co', { ...anIssuedInvoice('inv-co', servedCompany, 'AB00000002'), kind: 'B2B', buyer: { type: 'business', taxId: '22099131', title: '林記麵館有限公司' } });
  set('einvoiceUploads/F0401-AB00000001', { id: 'F0401-AB00000001', invoiceId: 'inv-gone', invoice: { customer: { id: 'cust-gone', code: 'C00001', name: '劉佩君', address: gone.address.full, phone: '0960-327-259' } } });
  set('safetyInspections/si-gone', {
    id: 'si-gone',
    customerId: 'cust-gone',
    result: 'pass',
    customer: { code: 'C00001', name: '劉佩君', address: gone.address.full, phone: '0960-327-259' },
    confirmation: { kind: 'signature', name: '劉佩君', signature: 'data:image/png;base64,iVBORw0KGgo=' },
  });
  set('alerts/al-gone', { id: 'al-gone', kind: 'order.urgent', customerName: '劉佩君', data: { customerId: 'cust-gone', orderId: 'ord-gone' } });
  set('payments/pay-gone', { id: 'pay-gone', customerId: 'cust-gone', amount: 850, method: 'cash', receivedOn: '2026-11-01', note: '11 月貨款', status: 'voided' });
  set('notifications/n-gone', { id: 'n-gone', customerId: 'cust-gone', body: '劉佩君您好，瓦斯已送達' });
  set('notifications/n-next', { id: 'n-next', customerId: 'cust-next', body: '王家小吃您好' });
  set('notificationDispatch/d-gone', { customerId: 'cust-gone', channel: 'sms', to: '0960-327-259', text: '劉佩君您好，瓦斯明天送達', status: 'sent' });
  set('serviceCalls/sc-gone', { id: 'sc-gone', customerId: 'cust-gone', kind: 'gas_smell', description: '廚房有瓦斯味', status: 'closed', customer: { code: 'C00001', name: '劉佩君', address: gone.address.full, phone: '0960-327-259' } });
  set('churnCalls/cc-gone', { id: 'cc-gone', customerId: 'cust-gone', note: '搬去台中' });
  set('complaints/cmp-gone', { id: 'cmp-gone', customerId: 'cust-gone', note: '送太晚' });
  set('recurringRules/r-gone', { id: 'r-gone', customerId: 'cust-gone' });
  set('predictions/cust-gone', { customerId: 'cust-gone', customerPhone: '0960-327-259' });
  set('portalSignups/cust-gone', { customerId: 'cust-gone', mobile: '0960-327-259' });
  set('users/u-c00001', { uid: 'u-c00001', username: 'c00001', displayName: '劉佩君', role: 'customer', customerId: 'cust-gone', passwordHash: 'scrypt$x', disabled: false });
  set('passwordResets/u-c00001', { uid: 'u-c00001' });
  set('auditLog/req-create', { id: 'req-create', entityIds: ['cust-gone'], bodyJson: JSON.stringify({ name: '劉佩君', phones: ['0960-327-259'] }), actor: { uid: 'u-office', role: 'office' }, route: '/', function: 'customers' });
  set('auditLog/req-next', { id: 'req-next', entityIds: ['cust-next'], bodyJson: JSON.stringify({ name: '王家小吃' }) });
  set('closures/cl-typhoon/moves/ord-gone', { orderId: 'ord-gone', customerId: 'cust-gone', customerName: '劉佩君', district: '大安區', from: '2026-11-05', to: '2026-11-06', at: '2026-11-05T00:00:00.000Z', version: 1 });
  set('closures/cl-typhoon/moves/ord-next', { orderId: 'ord-next', customerId: 'cust-next', customerName: '王家小吃', district: '板橋區', from: '2026-11-05', to: '2026-11-06', at: '2026-11-05T00:00:00.000Z', version: 1 });
  set('orderTracking/ord-gone', { orderId: 'ord-gone', customerId: 'cust-gone', routeId: 'route-1', stopsBefore: 1 });
  await b.commit();
}

/** Every stored document, in every collection and sub-collection, that holds 劉佩君's name, phone or street, in its id or its fields: by path. */
async function namingHer(): Promise<string[]> {
  const found: string[] = [];
  const scan = async (collections: CollectionReference[]): Promise<void> => {
    for (const col of collections) {
      for (const d of (await col.get()).docs) {
        if (/劉佩君|劉小姐|0960-?327-?259|師大路/.test(`${d.ref.path} ${JSON.stringify(d.data())}`)) found.push(d.ref.path);
        await scan(await d.ref.listCollections());
      }
    }
  };
  await scan(await db().listCollections());
  return found.sort();
}

const erase = (id: string, code: string, as: 'admin' | 'office' | 'driver1' | 'customerA' | 'turnkey' = 'admin', lang?: string) =>
  call('POST', `/api/customers/${id}/erase`, { as, body: { confirmCode: code, reason: '客戶 11/30 來電要求刪除個資' }, ...(lang ? { lang } : {}) });

describe('erasing a customer’s personal data (個資法 §11, 刪除個資)', () => {
  it('replaces who and where she is in her record and every copy, keeps the sales, invoices and payments, and deletes what no law keeps', async () => {
    await seed();
    const res = await erase('cust-gone', 'C00001');
    expect(res.status).toBe(200);

    const record = await doc('customers/cust-gone');
    expect(record).toMatchObject({ code: 'C00001', name: 'C00001', phones: [], notes: '', invoice: {}, status: 'inactive', address: { city: '台北市', district: '大安區', road: '', number: '', full: '台北市大安區' } });
    expect(record?.erasure).toMatchObject({ by: { uid: 'u-admin', role: 'admin' }, reason: '客戶 11/30 來電要求刪除個資', retainUntil: expect.stringMatching(/^\d{4}-12-31$/), completedAt: expect.any(String) });
    const recordText = JSON.stringify(record);
    for (const personal of ['劉佩君', '劉小姐', '0960', '327259', '師大路', '狗會叫', '/ABC1234', 'Uaaaa', '25.0257']) expect(recordText).not.toContain(personal);
    expect(res.body.name).toBe('C00001');

    const order = await doc('orders/ord-gone');
    expect(order).toMatchObject({ customerId: 'cust-gone', customerName: 'C00001', address: '台北市大安區', notes: '', status: 'delivered', total: expect.any(Number) });
    expect(order?.phone).toBeUndefined();
    expect(JSON.stringify(order)).not.toMatch(/劉|師大路|放後門|25\.0257/);
    const stops = (await doc('routes/route-1'))?.stops as Json[];
    expect(stops[0]).toMatchObject({ customerId: 'cust-gone', lat: 25.03, lng: 121.54 });
    expect(stops[1]).toMatchObject({ customerId: 'cust-next', lat: 25.01, lng: 121.46 });

    expect(await doc('invoices/inv-gone')).toMatchObject({ number: 'AB00000001', amounts: expect.any(Object), customer: { id: 'cust-gone', code: 'C00001', name: 'C00001', address: '台北市大安區', phone: '' } });
    expect((await doc('einvoiceUploads/F0401-AB00000001'))?.invoice.customer).toMatchObject({ name: 'C00001', address: '台北市大安區', phone: '' });
    expect((await doc('safetyInspections/si-gone'))).toMatchObject({ result: 'pass', customer: { code: 'C00001', name: 'C00001', address: '台北市大安區', phone: '' } });
    // That she signed the inspection stays with the safety record; her name and her signature go.
    expect((await doc('safetyInspections/si-gone'))?.confirmation).toStrictEqual({ kind: 'signature', name: '' });
    expect((await doc('alerts/al-gone'))?.customerName).toBe('C00001');
    expect(await doc('closures/cl-typhoon/moves/ord-gone')).toMatchObject({ orderId: 'ord-gone', customerName: 'C00001', from: '2026-11-05', to: '2026-11-06' });
    expect(await doc('serviceCalls/sc-gone')).toMatchObject({ kind: 'gas_smell', description: '', status: 'closed', customer: { code: 'C00001', name: 'C00001', address: '台北市大安區', phone: '' } });
    expect(await doc('payments/pay-gone')).toMatchObject({ amount: 850, method: 'cash', receivedOn: '2026-11-01', note: '' });
    expect(JSON.parse(String((await doc('auditLog/req-create'))?.bodyJson))).toEqual({ erased: true });
    expect(await doc('auditLog/req-create')).toMatchObject({ actor: { uid: 'u-office' }, function: 'customers' });

    for (const path of ['notifications/n-gone', 'notificationDispatch/d-gone', 'churnCalls/cc-gone', 'complaints/cmp-gone', 'recurringRules/r-gone', 'predictions/cust-gone', 'portalSignups/cust-gone', 'passwordResets/u-c00001', 'orderTracking/ord-gone']) {
      expect([path, await doc(path)]).toEqual([path, undefined]);
    }
    expect(await doc('users/u-c00001')).toMatchObject({ disabled: true, displayName: 'C00001', sessionsValidFrom: expect.any(String) });

    // Nobody else's records move.
    expect(await doc('orders/ord-next')).toMatchObject({ customerName: '王家小吃', notes: '放後門' });
    expect(await doc('notifications/n-next')).toBeDefined();
    expect((await doc('closures/cl-typhoon/moves/ord-next'))?.customerName).toBe('王家小吃');
    expect((await doc('auditLog/req-next'))?.bodyJson).toContain('王家小吃');
    expect(await doc('customers/cust-next')).toMatchObject({ name: '王家小吃', phones: ['0922-111-222'] });
  });

  it('keeps a company’s 統一編號 and 抬頭 on its record and invoices, the name it then goes by', async () => {
    await seed();
    expect((await erase('cust-co', 'C00002')).status).toBe(200);
    expect(await doc('customers/cust-co')).toMatchObject({ name: '林記麵館有限公司', invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' }, phones: [] });
    expect(await doc('invoices/inv-co')).toMatchObject({ kind: 'B2B', buyer: { type: 'business', taxId: '22099131', title: '林記麵館有限公司' }, customer: { name: '林記麵館有限公司', address: '新北市中和區' } });
  });

  it('is refused while the customer is served or anything is open, saying what in the caller’s language, and writes nothing', async () => {
    await seed();
    const active = await erase('cust-next', 'C00003');
    expect([active.status, active.body.error.code, active.body.error.message]).toEqual([409, 'CUSTOMER.ERASE_ACTIVE', '客戶仍在服務中，請先停用客戶再刪除個資']);

    await db().doc('customers/cust-gone').set({ ...gone, cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] });
    await db().doc('orders/ord-open').set({ ...anOrder().withId('ord-open').forCustomer(served).inStatus('confirmed').build(), version: 1 });
    // Paid for nothing delivered: a credit of NT$850 to pay back.
    await db().doc('payments/pay-gone').update({ status: 'received' });
    const open = await erase('cust-gone', 'C00001');
    expect([open.status, open.body.error.code]).toEqual([409, 'CUSTOMER.ERASE_LEFT_OPEN']);
    expect(open.body.error.message).toBe('此客戶還有未結清的項目，不能刪除個資（結清需要客戶資料）：現場鋼瓶 2 支、押金 NT$2,400、帳款 -NT$850、未完成訂單 1 筆。請先結清');
    expect(open.body.error.details).toMatchObject({ cylinders: 2, deposit: 2400, balance: -850, openOrders: 1 });
    const en = await erase('cust-gone', 'C00001', 'admin', 'en');
    expect(en.body.error.message).toContain('2 cylinders on site, deposit NT$2,400');

    const mistyped = await erase('cust-gone', 'C00003');
    expect([mistyped.status, mistyped.body.error.code, mistyped.body.error.fields]).toEqual([400, 'CUSTOMER.ERASE_CODE_MISMATCH', [{ path: 'body.confirmCode', message: '客戶代號不符，請輸入此客戶的代號 C00001 以確認' }]]);

    expect(await doc('customers/cust-gone')).toMatchObject({ name: '劉佩君', phones: gone.phones });
    expect((await doc('customers/cust-gone'))?.erasure).toBeUndefined();
    expect(await doc('orders/ord-gone')).toMatchObject({ customerName: '劉佩君' });
    expect(await doc('users/u-c00001')).toMatchObject({ disabled: false, displayName: '劉佩君' });
  });

  it('is the admin’s alone: office, drivers, customers and the Turnkey machine are refused', async () => {
    await seed();
    for (const who of ['office', 'driver1', 'customerA', 'turnkey'] as const) {
      const res = await erase('cust-gone', 'C00001', who);
      expect([who, res.status]).toEqual([who, 403]);
    }
    expect(await doc('customers/cust-gone')).toMatchObject({ name: '劉佩君' });
  });

  it('is final: once erased the customer cannot be erased again, edited or reactivated, and the erasure is in the audit log', async () => {
    await seed();
    const portal = { uid: 'u-c00001', role: 'customer', customerId: 'cust-gone' } as const;
    expect((await call('GET', '/api/customers/cust-gone', { as: portal })).status).toBe(200);
    expect((await erase('cust-gone', 'C00001')).status).toBe(200);
    // Her portal session ends with the erasure, and the office opens her no new account.
    const signedIn = await call('GET', '/api/customers/cust-gone', { as: portal });
    expect([signedIn.status, signedIn.body.error.code]).toEqual([401, 'AUTH.ACCOUNT_DISABLED']);
    const reopened = await call('POST', '/api/customers/cust-gone/portal-accounts', { as: 'office', body: { username: 'c00001b', password: 'a-new-password-1' } });
    expect([reopened.status, reopened.body.error.code]).toEqual([409, 'CUSTOMER.ERASED']);
    const again = await erase('cust-gone', 'C00001');
    expect([again.status, again.body.error.code]).toEqual([409, 'CUSTOMER.ALREADY_ERASED']);
    const edit = await call('PATCH', '/api/customers/cust-gone', { as: 'office', body: { name: '劉佩君' } });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'CUSTOMER.ERASED']);
    const back = await call('POST', '/api/customers/cust-gone/reactivate', { as: 'office' });
    expect([back.status, back.body.error.code]).toEqual([409, 'CUSTOMER.ERASED']);

    const log = await call('GET', '/api/audit-log?entityId=cust-gone', { as: 'admin' });
    const entry = (log.body.items as Json[]).find((e) => e.route === '/:id/erase');
    expect(entry).toMatchObject({ action: '刪除客戶個資（個資法）', actor: { uid: 'u-admin' }, body: { confirmCode: 'C00001', reason: '客戶 11/30 來電要求刪除個資' } });
  });

  it('keeps her portal accounts disabled: 帳號管理 cannot enable one or link an enabled one to her, in the caller’s language, and other roles are refused', async () => {
    await seed();
    await db().doc('users/u-other').set({ uid: 'u-other', username: 'other', displayName: '王家小吃', role: 'customer', customerId: 'cust-next', passwordHash: 'scrypt$x', disabled: false });
    expect((await erase('cust-gone', 'C00001')).status).toBe(200);

    const enable = await call('PATCH', '/api/users/u-c00001', { as: 'admin', body: { disabled: false } });
    expect([enable.status, enable.body.error.code, enable.body.error.message]).toEqual([409, 'CUSTOMER.ERASED', '此客戶的個資已刪除，無法再修改、恢復服務，也不能開通或啟用其入口網站帳號']);
    const en = await call('PATCH', '/api/users/u-c00001', { as: 'admin', body: { disabled: false }, lang: 'en' });
    expect(en.body.error.message).toContain('nor a portal account opened or enabled for them');
    const relinked = await call('PATCH', '/api/users/u-other', { as: 'admin', body: { customerId: 'cust-gone' } });
    expect([relinked.status, relinked.body.error.code]).toEqual([409, 'CUSTOMER.ERASED']);
    const created = await call('POST', '/api/users', { as: 'admin', body: { username: 'c00001c', displayName: 'x', role: 'customer', customerId: 'cust-gone', password: 'a-new-password-1' } });
    expect([created.status, created.body.error.code]).toEqual([409, 'CUSTOMER.ERASED']);
    for (const who of ['office', 'driver1', 'customerA', 'turnkey'] as const) {
      const res = await call('PATCH', '/api/users/u-c00001', { as: who, body: { disabled: false } });
      expect([who, res.status]).toEqual([who, 403]);
    }
    expect(await doc('users/u-c00001')).toMatchObject({ disabled: true, displayName: 'C00001' });
    expect(await doc('users/u-other')).toMatchObject({ customerId: 'cust-next', disabled: false });
    expect((await db().collection('users').where('username', '==', 'c00001c').get()).empty).toBe(true);
    // Her account, opened before portal uids were opaque, keeps `u-c00001` and her username no more: a staff account
    // named c00001 would take that uid, and is refused as a taken username, not failed as a 500.
    const staff = await call('POST', '/api/users', { as: 'admin', body: { username: 'c00001', displayName: 'x', role: 'office', password: 'a-new-password-1' } });
    expect([staff.status, staff.body.error?.code]).toEqual([409, 'USER.USERNAME_TAKEN']);

    // Kept disabled, the account is still the admin's to rename, and the list says why it stays so.
    expect((await call('PATCH', '/api/users/u-c00001', { as: 'admin', body: { displayName: '已刪除個資' } })).status).toBe(200);
    const items = (await call('GET', '/api/users', { as: 'admin' })).body.items as Json[];
    expect(items.find((u) => u.uid === 'u-c00001')).toMatchObject({ customerName: 'C00001 C00001', customerErased: true, disabled: true });
    expect(items.find((u) => u.uid === 'u-other')).not.toHaveProperty('customerErased');
  });

  it('answers 忘記密碼 for her account as for one that does not exist: no code stored or texted, a code typed refused', async () => {
    await seed();
    expect((await erase('cust-gone', 'C00001')).status).toBe(200);
    const reset = (username: string) => call('POST', '/api/auth/password-reset', { body: { username } });
    const [hers, nobodys] = [await reset('c00001'), await reset('nobody-here')];
    expect([hers.status, hers.body]).toEqual([202, nobodys.body]);
    // What sendCodes does with her request: nothing.
    const request = { purpose: 'password-reset', username: 'c00001', locale: 'zh-TW' } as const;
    expect(await sendRequestedCode(stack.container, request, new Date(), () => undefined)).toBe(false);
    // A code made for her as she was erased (sendCodes read her account just before) is not stored, so never texted.
    expect(await firestorePasswordResetStore(db()).save(newPasswordReset('u-c00001', await hashPassword('482916'), new Date()))).toBe(false);
    expect(await doc('passwordResets/u-c00001')).toBeUndefined();

    // A code stored for her account all the same sets no password, refused as one typed for nobody.
    await db().doc('passwordResets/u-c00001').set(newPasswordReset('u-c00001', await hashPassword('482916'), new Date()));
    const confirm = (username: string) => call('POST', '/api/auth/password-reset/confirm', { body: { username, oneTimeCode: '482916', newPassword: 'a-new-long-password' } });
    const [typed, typedForNobody] = [await confirm('c00001'), await confirm('nobody-here')];
    expect([typed.status, typed.body.error]).toEqual([400, typedForNobody.body.error]);
    expect(typed.body.error.code).toBe('AUTH.RESET_CODE_INVALID');
    expect(await doc('users/u-c00001')).toMatchObject({ disabled: true, passwordHash: 'scrypt$x' });
  });

  it('leaves her phone, address and name in no stored copy: not the answers kept for retried requests, the events written, nor the words typed about her orders', async () => {
    await db().doc(`customers/${served.id}`).set(served);
    await Promise.all(aPriceList().map((p) => db().doc(`priceList/p-${p.size}`).set(p)));
    // The office books her gas and cancels it, then deactivates her, each retry-safe: the answers naming her are kept.
    const ordered = await call('POST', '/api/orders', { as: 'office', key: 'ord-gone-1', body: { customerId: served.id, items: [{ size: 20, quantity: 1 }], requestedDate: addDays(taipeiDate(new Date()), 2), notes: '劉小姐說下午在家' } });
    expect(ordered.status).toBe(201);
    // The clerk types why, as words, not a reason from the list: the order, its timeline and its event keep them.
    expect((await call('POST', `/api/orders/${ordered.body.id}/cancel`, { as: 'office', key: 'cancel-gone-1', body: { reason: '劉小姐來電說搬家了' } })).status).toBe(200);
    expect((await call('POST', `/api/customers/${served.id}/deactivate`, { as: 'office', key: 'deactivate-gone-1', body: {} })).status).toBe(200);
    // A driver's words on a stop of hers, as its published event keeps them.
    const failedAt = new Date();
    await db().doc('outbox/ev-failed').set({
      topic: 'route-events',
      event: { id: 'ev-failed', type: 'route.stop_failed', occurredAt: failedAt.toISOString(), actor: { uid: 'u-driver1', role: 'driver' }, subject: 'routes/route-1', data: { routeId: 'route-1', orderId: ordered.body.id, reason: '劉小姐不在家' }, schemaVersion: 1, sequence: 3001 },
      createdAt: Timestamp.fromDate(failedAt),
      publishedAt: Timestamp.fromDate(failedAt),
      attempts: 1,
    });
    // Another not yet published (Pub/Sub was down): the sweeper sends it after the erasure, to consumers that still act on it.
    await db().doc('outbox/ev-pending').set({
      topic: 'route-events',
      event: { id: 'ev-pending', type: 'route.stop_failed', occurredAt: failedAt.toISOString(), actor: { uid: 'u-driver1', role: 'driver' }, subject: 'routes/route-1', data: { routeId: 'route-1', orderId: ordered.body.id, at: failedAt.toISOString(), reason: '劉小姐去醫院了' }, schemaVersion: 1, sequence: 4001 },
      createdAt: Timestamp.fromDate(failedAt),
      publishedAt: null,
      attempts: 1,
    });
    // The office's alert of the failed stop, which keeps the event's data.
    await db().doc('alerts/al-failed').set({ id: 'al-failed', kind: 'order.failed', severity: 'warning', customerName: '劉佩君', subject: `orders/${ordered.body.id}`, data: { orderId: ordered.body.id, customerId: served.id, to: 'failed', reason: '劉小姐不在家' } });
    // What the office typed about her calls and money: the caller's words, the note beside a payment, a refund's reason.
    await db().doc('serviceCalls/sc-hers').set({ id: 'sc-hers', customerId: served.id, kind: 'regulator', urgent: false, description: '劉小姐說調整器有聲音', preferredTime: '劉小姐下午在家', someoneHome: true, status: 'closed', customer: { code: 'C00001', name: '劉佩君', address: served.address.full, phone: '0960-327-259' }, result: { outcome: 'parts_replaced', note: '劉佩君家換調整器', at: failedAt.toISOString(), by: { uid: 'u-driver1', role: 'driver' } } });
    await db().doc('payments/pay-hers').set({ id: 'pay-hers', customerId: served.id, amount: 850, method: 'transfer', receivedOn: '2026-11-01', reference: '54321', note: '劉佩君匯款', status: 'voided', voidReason: '劉小姐說匯錯了', by: { uid: 'u-office', role: 'office' }, at: failedAt.toISOString() });
    await db().doc('refunds/ref-hers').set({ id: 'ref-hers', customerId: served.id, amount: 850, method: 'cash', paidOn: '2026-11-02', reason: '退給劉小姐', status: 'voided', by: { uid: 'u-office', role: 'office' }, at: failedAt.toISOString() });
    await db().doc(`customers/${served.id}/deposits/dep-hers`).set({ id: 'dep-hers', customerId: served.id, kind: 'collect', size: 20, count: 1, amount: 1200, method: 'cash', receivedOn: '2026-11-01', note: '師大路門口收的', by: '陳大明', at: failedAt.toISOString() });
    // The accountant's 催款 call, through the API so its audit entry and kept answer hold the words too.
    const contacted = await call('POST', `/api/receivables/${served.id}/contacts`, { as: 'office', key: 'contact-gone-1', body: { method: 'phone', note: '劉小姐說 12/10 匯款', promisedOn: addDays(taipeiDate(new Date()), 9) } });
    expect(contacted.status).toBe(201);
    // Her portal account, opened with her mobile number as the username she chose; she signs in, later mistypes her
    // password and asks for a reset code: the refused sign-in, the throttle's counters and the code's request are kept by it.
    const opened = await call('POST', `/api/customers/${served.id}/portal-accounts`, { as: 'office', key: 'portal-gone-1', body: { username: '0960327259', password: 'her-long-password' } });
    expect(opened.status).toBe(201);
    const signIn = (username: string, password: string) => call('POST', '/api/auth/login', { body: { username, password } });
    expect((await signIn('0960327259', 'her-long-password')).status).toBe(200);
    expect((await signIn('0960327259', 'not-her-password')).status).toBe(401);
    expect((await call('POST', '/api/auth/password-reset', { body: { username: '0960327259' } })).status).toBe(202);
    // The neighbour's account, whose sign-in the erasure leaves as it was.
    await db().doc(`customers/${neighbour.id}`).set(neighbour);
    expect((await call('POST', `/api/customers/${neighbour.id}/portal-accounts`, { as: 'office', body: { username: '0922111222', password: 'his-long-password' } })).status).toBe(201);
    const throttled = ['account:0960327259', 'reset:0960327259'].map((key) => `loginThrottle/${throttleDocId(key)}`);
    for (const path of throttled) expect(await doc(path)).toBeDefined();
    const hers = db().collection('outbox').where('event.data.customerId', '==', served.id);
    expect((await hers.get()).size).toBeGreaterThanOrEqual(2);
    expect(await namingHer()).toEqual(
      expect.arrayContaining([
        `orders/${ordered.body.id}`,
        'outbox/ev-failed',
        'outbox/ev-pending',
        'alerts/al-failed',
        expect.stringMatching(/^idempotency\//),
        'serviceCalls/sc-hers',
        'payments/pay-hers',
        'refunds/ref-hers',
        `customers/${served.id}/deposits/dep-hers`,
        `collectionContacts/${contacted.body.id}`,
        `users/${opened.body.uid}`,
        expect.stringMatching(/^signInFailures\//),
      ]),
    );

    expect((await erase(served.id, 'C00001')).status).toBe(200);
    expect(await namingHer()).toEqual([]);
    for (const path of throttled) expect(await doc(path)).toBeUndefined();
    // Her account stays (what she did names its uid), disabled, under a username nobody chose; her own no longer signs in.
    expect(await doc(`users/${opened.body.uid}`)).toMatchObject({ disabled: true, username: expect.stringMatching(/^erased-/), customerId: served.id });
    expect((await signIn('0960327259', 'her-long-password')).body.error.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect((await signIn('0922111222', 'his-long-password')).status).toBe(200);
    expect((await hers.get()).size).toBe(0);
    // The unpublished event stays, the same event for its consumers without her words, and the sweeper still sends it.
    const pending = await doc('outbox/ev-pending');
    expect(pending).toMatchObject({ publishedAt: null, event: { id: 'ev-pending', type: 'route.stop_failed', sequence: 4001, data: { routeId: 'route-1', orderId: ordered.body.id } } });
    expect(pending?.event.data).not.toHaveProperty('reason');
    expect(await sweepOutbox(db(), stack.container.publisher, { olderThanMs: 0, limit: 10 })).toEqual({ found: 1, published: 1 });
    expect(await doc('alerts/al-failed')).toMatchObject({ kind: 'order.failed', customerName: 'C00001', data: { orderId: ordered.body.id, to: 'failed' } });
    expect(await doc('serviceCalls/sc-hers')).toMatchObject({ kind: 'regulator', description: '', result: { outcome: 'parts_replaced' } });
    expect(await doc('payments/pay-hers')).toMatchObject({ amount: 850, method: 'transfer', reference: '54321', note: '' });
    expect(await doc('refunds/ref-hers')).toMatchObject({ amount: 850, paidOn: '2026-11-02', reason: '' });
    expect(await doc(`customers/${served.id}/deposits/dep-hers`)).toMatchObject({ amount: 1200, count: 1, by: '陳大明' });
    const contact = await doc(`collectionContacts/${contacted.body.id}`);
    expect(contact).toMatchObject({ customerId: served.id, method: 'phone', promisedOn: contacted.body.promisedOn, by: { uid: 'u-office' } });
    expect(contact).not.toHaveProperty('note');
    expect(await doc(`orders/${ordered.body.id}`)).toMatchObject({ status: 'cancelled', customerName: 'C00001' });
    expect(await doc(`orders/${ordered.body.id}`)).not.toHaveProperty('cancelReason');
    // A retry of the kept requests answers as before, without her details: nothing runs twice.
    const retried = await call('POST', `/api/customers/${served.id}/deactivate`, { as: 'office', key: 'deactivate-gone-1', body: {} });
    expect([retried.status, retried.body]).toEqual([200, { erased: true }]);
  });

  it('finishes an erasure cut short after its record was erased when called again', async () => {
    await seed();
    // What a crash between the erasure's transaction and the scrubbing leaves: the record erased, the copies not.
    const started = { ...gone, name: 'C00001', phones: [], erasure: { at: '2026-11-30T02:00:00.000Z', by: { uid: 'u-admin', role: 'admin' }, reason: 'x', retainUntil: '2033-12-31' } };
    await db().doc('customers/cust-gone').set(started);
    const res = await erase('cust-gone', 'C00001');
    expect(res.status).toBe(200);
    expect(res.body.erasure).toMatchObject({ reason: 'x', completedAt: expect.any(String) });
    expect(await doc('orders/ord-gone')).toMatchObject({ customerName: 'C00001' });
    expect(await doc('notifications/n-gone')).toBeUndefined();
  });
});

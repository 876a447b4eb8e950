import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { createCustomer, createCustomerInputSchema } from '../domain/customers';
import { aCustomerRequest } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customer-import', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const res = await call('POST', '/api/customers', {
    as: 'office',
    body: aCustomerRequest({ name: '老客戶', phones: ['0912-000-003'], address: { city: '新北市', district: '板橋區', road: '文化路', section: 1, number: '9' } }),
  });
  expect(res.status).toBe(201);
});
afterAll(() => stack.close());

const FILE = [
  '客戶編號,客戶名稱,電話,地址,類型,付款方式,配送時段',
  'C00420,林記麵館,(02)2941-5566,235新北市中和區中山路二段35巷12號1樓,餐廳,月結,09:00-11:00',
  ',王小美,0922-111-222,台北市大安區復興南路一段100號5樓,家庭,,',
  ',壞地址,0922-111-333,台北市中和區中山路1號,家庭,,',
  ',老客戶又一次,0912-000-003,新北市板橋區文化路一段9號,家庭,,',
  ',王小美重複,0922-111-222,台北市大安區復興南路一段100號5樓,家庭,,',
].join('\n');

const officeToken = async () => (await stack.container.localIssuer?.issue({ uid: 'u-office', role: 'office' }, 3600))?.token ?? '';
const customerCount = async () => (await stack.container.db.collection('customers').count().get()).data().count;
const statuses = (body: Json) => (body.rows as Json[]).map((r) => [r.line, r.status]);

describe('importing customers from a CSV file', () => {
  it('reports what each row would become on a dry run and writes nothing', async () => {
    const before = await customerCount();
    const res = await call('POST', '/api/customers/import', { as: 'office', body: { csv: FILE } });
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(statuses(res.body)).toEqual([
      [2, 'ready'],
      [3, 'ready'],
      [4, 'invalid'],
      [5, 'duplicate'],
      [6, 'duplicate'],
    ]);
    expect(res.body.counts).toEqual({ ready: 2, created: 0, invalid: 1, duplicate: 2 });
    const [first, , bad, old, again] = res.body.rows as Json[];
    expect(first).toMatchObject({ name: '林記麵館', address: '新北市中和區中山路二段35巷12號1樓' });
    expect(bad?.problems).toEqual([{ column: '地址', message: '台北市沒有這個鄉鎮市區' }]);
    expect(old?.duplicateOf).toEqual({ customer: expect.objectContaining({ name: '老客戶', code: 'C00001' }) });
    expect(again?.duplicateOf).toEqual({ line: 3 });
    expect(await customerCount()).toBe(before);
  });

  it('answers in the caller’s language', async () => {
    const res = await call('POST', '/api/customers/import', { as: 'office', body: { csv: FILE }, lang: 'en' });
    expect((res.body.rows as Json[])[2]?.problems).toEqual([{ column: '地址', message: 'No such district in 台北市' }]);
    const noColumns = await call('POST', '/api/customers/import', { as: 'office', body: { csv: 'name,address\nA,B\n' }, lang: 'en' });
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.error).toMatchObject({ code: 'IMPORT.MISSING_COLUMNS', message: 'The file lacks a required column: 電話' });
  });

  it('writes nothing while a row is invalid, unless told to skip invalid rows', async () => {
    const before = await customerCount();
    const refused = await call('POST', '/api/customers/import', { as: 'office', body: { csv: FILE, dryRun: false }, key: 'import-refused' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'IMPORT.HAS_INVALID_ROWS', details: { count: 1, lines: [4] } });
    expect(await customerCount()).toBe(before);
  });

  let imported: Json;
  it('creates the valid rows, located, with the codes they bring and running codes for the rest', async () => {
    const res = await call('POST', '/api/customers/import', { as: 'office', body: { csv: FILE, dryRun: false, onInvalid: 'skip' }, key: 'import-1' });
    expect(res.status).toBe(200);
    imported = res.body;
    expect(res.body.counts).toEqual({ ready: 0, created: 2, invalid: 1, duplicate: 2 });
    const [lin, wang] = res.body.rows as Json[];
    expect(lin?.customer).toMatchObject({ code: 'C00420', name: '林記麵館' });
    expect(wang?.customer).toMatchObject({ code: 'C00421', name: '王小美' });
    const stored = await call('GET', `/api/customers/${lin?.customer.id}`, { as: 'office' });
    expect(stored.body).toMatchObject({ type: 'restaurant', paymentTerms: 'monthly', deliveryWindows: [{ start: '09:00', end: '11:00' }] });
    expect(stored.body.location).toEqual({ lat: expect.any(Number), lng: expect.any(Number) });
    expect(lin?.locationPrecision).toBe(stored.body.locationPrecision);
    const next = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ name: '下一位', phones: ['0933-000-001'] }) });
    expect(next.body.code).toBe('C00422');
  });

  it('lists the customers whose pin the office should confirm: located only to their road or district', async () => {
    const res = await call('GET', '/api/customers?location=approximate', { as: 'office' });
    expect((res.body.items as Json[]).map((c) => [c.name, c.locationPrecision])).toEqual([
      ['林記麵館', 'district'],
      ['王小美', 'district'],
    ]);
    const inDistrict = await call('GET', `/api/customers?location=approximate&district=${encodeURIComponent('大安區')}`, { as: 'office' });
    expect((inDistrict.body.items as Json[]).map((c) => c.name)).toEqual(['王小美']);
  });

  it('creates nobody twice: a retry returns the first answer, and the same file again is all duplicates', async () => {
    const before = await customerCount();
    const retry = await call('POST', '/api/customers/import', { as: 'office', body: { csv: FILE, dryRun: false, onInvalid: 'skip' }, key: 'import-1' });
    expect(retry.body).toEqual(imported);
    const again = await call('POST', '/api/customers/import', { as: 'office', body: { csv: FILE, dryRun: false, onInvalid: 'skip' }, key: 'import-2' });
    expect(again.body.counts).toEqual({ ready: 0, created: 0, invalid: 1, duplicate: 4 });
    expect(await customerCount()).toBe(before);
  });

  it('refuses a code that is taken, for one customer and for a whole import alike, writing none of it', async () => {
    const taken = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ code: 'C00420', phones: ['0933-000-002'] }) });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'CUSTOMER.CODE_TAKEN', message: '客戶編號 C00420 已被使用' });

    const store = firestoreCustomerStore(stack.container.db);
    const now = new Date();
    const entry = (id: string, wantedCode?: string) => ({
      id,
      build: (code: string) => createCustomer(createCustomerInputSchema.parse(aCustomerRequest({ phones: ['0933-000-003'] })), { id, code, now }),
      ...(wantedCode ? { wantedCode } : {}),
    });
    await expect(store.createMany([entry('cust-new-1'), entry('cust-new-2', 'C00421')])).rejects.toMatchObject({ code: 'CUSTOMER.CODE_TAKEN' });
    expect((await stack.container.db.collection('customers').doc('cust-new-1').get()).exists).toBe(false);
  });

  it('exports the customer list in the import\'s columns, which imported again finds every customer a duplicate', async () => {
    const res = await fetch(`${stack.url}/api/customers/export`, { headers: { authorization: `Bearer ${await officeToken()}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(csv.startsWith('\uFEFF客戶編號,客戶名稱,')).toBe(true);
    const stored = await customerCount();
    expect(csv.trim().split('\r\n')).toHaveLength(stored + 1);
    const again = await call('POST', '/api/customers/import', { as: 'office', body: { csv } });
    expect(again.body.counts).toEqual({ ready: 0, created: 0, invalid: 0, duplicate: stored });
  });

  it('reports a row on a road divided into 段 without one as invalid, and writes nothing of it', async () => {
    const file = ['客戶名稱,電話,地址', '周記,0944-000-001,台北市大安區和平東路42號', '鄭家,0944-000-002,臺北市大安區和平東路二段42號'].join('\n');
    const before = await customerCount();
    const dry = await call('POST', '/api/customers/import', { as: 'office', body: { csv: file } });
    expect(statuses(dry.body)).toEqual([
      [2, 'invalid'],
      [3, 'ready'],
    ]);
    expect((dry.body.rows as Json[])[0]?.problems).toEqual([{ column: '地址', message: '和平東路在大安區分段（一至三段），請在地址寫出段別，例：和平東路一段' }]);
    const en = await call('POST', '/api/customers/import', { as: 'office', body: { csv: file }, lang: 'en' });
    expect((en.body.rows as Json[])[0]?.problems).toEqual([
      { column: '地址', message: '和平東路 in 大安區 is divided into sections (1, 2, 3); write the section in the address, e.g. 和平東路一段' },
    ]);

    const refused = await call('POST', '/api/customers/import', { as: 'office', body: { csv: file, dryRun: false }, key: 'import-sections-refused' });
    expect(refused.body.error).toMatchObject({ code: 'IMPORT.HAS_INVALID_ROWS', details: { lines: [2] } });
    expect(await customerCount()).toBe(before);

    const skipped = await call('POST', '/api/customers/import', { as: 'office', body: { csv: file, dryRun: false, onInvalid: 'skip' }, key: 'import-sections-skip' });
    expect(statuses(skipped.body)).toEqual([
      [2, 'invalid'],
      [3, 'created'],
    ]);
    const named = async (name: string) => (await stack.container.db.collection('customers').where('name', '==', name).get()).docs.map((d) => d.data().address);
    expect(await named('周記')).toEqual([]);
    expect(await named('鄭家')).toEqual([expect.objectContaining({ road: '和平東路', section: 2, full: '台北市大安區和平東路二段42號' })]);
  });
});

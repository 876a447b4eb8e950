import { randomUUID } from 'node:crypto';
import { addDays, daysBetween } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomerRequest } from '../domain/test-support/customer-mother';
import { addYears, SAFETY_ITEMS, type ItemResult, type SafetyItem } from '../domain/safety';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

/** 用戶安全檢查 through the API on the emulators: records, the customer's summary, drivers at the door, the due list, the filing. */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const CERTIFICATE = { number: '北市消安字第 1120456 號', validUntil: addDays(today, 400) };
// drv-1 holds a certificate and delivers to cust-1 and cust-2 today; drv-2 holds none and delivers to cust-3.
// cust-4 and cust-5 are on no route; cust-5 is never inspected.
const customers = [1, 2, 3, 4, 5].map((k) => aNearbyCustomer(`cust-${k}`, k));
const orders = customers.slice(0, 3).map((c, i) => aConfirmedOrder(`ord-${i + 1}`, c, today));
const drivers = [{ ...FLEET.drivers[0]!, safetyCertificate: CERTIFICATE }, FLEET.drivers[1]!];
const r1 = aDraftRoute({ id: 'si-r1', date: today, vehicle: FLEET.vehicles[0]!, driver: drivers[0]!, stops: [0, 1].map((i) => ({ order: orders[i]!, customer: customers[i]! })) });
const r2 = aDraftRoute({ id: 'si-r2', date: today, vehicle: FLEET.vehicles[1]!, driver: drivers[1]!, stops: [{ order: orders[2]!, customer: customers[2]! }] });
const TECHNICIAN = { name: '陳建宏', certificateNo: '北市消安字第 1090001 號' };

const items = (overrides: Partial<Record<SafetyItem, ItemResult>> = {}) => SAFETY_ITEMS.map((item) => ({ item, result: overrides[item] ?? 'ok' }));
const PAPER = { kind: 'paper', name: '林美玲' };
const inspection = (customerId: string, inspectedOn: string, over: Json = {}) => ({ customerId, inspectedOn, items: items(), technician: TECHNICIAN, confirmation: PAPER, ...over });
/** A signature as the phone's canvas gives it (a PNG, here 1×1). */
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const record = (body: Json, as: 'office' | 'admin' | 'driver1' | 'driver2' = 'office', opts: { key?: string; lang?: string } = {}) =>
  call('POST', '/api/safety-inspections', { as, body, key: opts.key ?? randomUUID(), ...(opts.lang ? { lang: opts.lang } : {}) });
const summaryOf = async (customerId: string) => (await stack.container.db.collection('customers').doc(customerId).get()).get('safety') as Json | undefined;
const recordsOf = async (customerId: string) => (await stack.container.db.collection('safetyInspections').where('customerId', '==', customerId).get()).docs.map((d) => d.data());

beforeAll(async () => {
  stack = await startTestStack({ suite: 'safety-inspections', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders, drivers });
  for (const r of [r1, r2]) {
    await stack.container.db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    expect((await call('POST', `/api/routes/${r.id}/publish`, { as: 'office' })).status).toBe(200);
  }
  // Customers stored straight into Firestore, as before the due list's key existed: the one-off backfill gives them theirs.
  const backfill = await call('POST', '/api/safety-inspections/due-keys', { as: 'admin', body: {} });
  expect([backfill.status, backfill.body]).toEqual([200, { customers: 5, written: 5 }]);
  expect((await call('POST', '/api/safety-inspections/due-keys', { as: 'admin', body: {} })).body).toEqual({ customers: 5, written: 0 });
});
afterAll(() => stack.close());

describe('recording an inspection (office, paper form)', () => {
  it('stores the record and the customer summary together', async () => {
    const res = await record(inspection('cust-1', addDays(today, -10)));
    expect(res.status).toBe(201);
    expect(res.body.inspection).toMatchObject({ customerId: 'cust-1', result: 'pass', nextDueOn: addYears(addDays(today, -10), 2), technician: TECHNICIAN, by: { uid: 'u-office', role: 'office' } });
    expect(res.body.inspection.customer).toEqual({ code: 'C10001', name: customers[0]!.name, address: customers[0]!.address.full, phone: customers[0]!.phones[0] });
    expect(await summaryOf('cust-1')).toEqual(res.body.summary);
    expect(res.body.summary).toMatchObject({ inspectionId: res.body.inspection.id, lastInspectedOn: addDays(today, -10), result: 'pass', openItems: [] });
    const customer = await call('GET', '/api/customers/cust-1', { as: 'office' });
    expect(customer.body.safety).toEqual(res.body.summary);
    // The summary is the inspections' alone: an edit of the customer keeps it, and cannot set it.
    const edited = await call('PATCH', '/api/customers/cust-1', { as: 'office', body: { notes: '後門', safety: { result: 'pass' } } });
    expect([edited.status, edited.body.safety]).toEqual([200, res.body.summary]);
  });

  it('leaves the summary to the later inspection when an older paper form is entered late', async () => {
    const before = await summaryOf('cust-1');
    const older = await record(inspection('cust-1', addDays(today, -400), { items: items({ hose: 'needsFix' }) }));
    expect(older.status).toBe(201);
    expect(older.body.inspection).toMatchObject({ result: 'needsFix', openItems: ['hose'] });
    expect(older.body.summary).toEqual(before);
    expect(await summaryOf('cust-1')).toEqual(before);
    expect(await recordsOf('cust-1')).toHaveLength(2);
  });

  it('lists a customer’s inspections newest first, to staff and to the customer themself only', async () => {
    const list = await call('GET', '/api/safety-inspections?customerId=cust-1', { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: Json) => i.inspectedOn)).toEqual([addDays(today, -10), addDays(today, -400)]);
    const own = await call('GET', '/api/safety-inspections?customerId=cust-a', { as: 'customerA' });
    expect([own.status, own.body.items]).toEqual([200, []]);
    const other = await call('GET', '/api/safety-inspections?customerId=cust-1', { as: 'customerA' });
    expect([other.status, other.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
  });

  it('refuses a form without its technician, a day after today and an incomplete checklist, writing nothing', async () => {
    const { technician: _t, ...noTechnician } = inspection('cust-4', today);
    const missing = await record(noTechnician);
    expect([missing.status, missing.body.error.code]).toEqual([400, 'SAFETY.TECHNICIAN_REQUIRED']);
    const future = await record(inspection('cust-4', addDays(today, 1)), 'office', { lang: 'en' });
    expect([future.status, future.body.error.code, future.body.error.message]).toEqual([422, 'SAFETY.FUTURE_DATE', 'The inspection date cannot be after today']);
    const incomplete = await record(inspection('cust-4', today, { items: items().slice(1) }));
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.fields).toEqual([expect.objectContaining({ message: '檢查表每一項都須填寫且只能填一次' })]);
    const unknown = await record(inspection('cust-nobody', today));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
    expect(await recordsOf('cust-4')).toEqual([]);
    expect(await summaryOf('cust-4')).toBeUndefined();
  });

  it('records once for the same Idempotency-Key sent twice', async () => {
    const key = randomUUID();
    const body = inspection('cust-4', addDays(today, -800));
    const first = await record(body, 'admin', { key });
    const again = await record(body, 'admin', { key });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(await recordsOf('cust-4')).toHaveLength(1);
  });
});

describe('recording an inspection (driver at the door)', () => {
  it('records at a stop of the driver’s own route today, on the driver’s own certificate', async () => {
    const signed = { kind: 'signature', name: '張淑芬', signature: SIGNATURE };
    const res = await record(inspection('cust-2', today, { items: items({ regulator: 'needsFix', hose: 'fixedOnSite' }), orderId: 'ord-2', confirmation: signed }), 'driver1');
    expect(res.status).toBe(201);
    expect((await recordsOf('cust-2'))[0]?.confirmation).toEqual(signed);
    expect(res.body.inspection).toMatchObject({ result: 'needsFix', openItems: ['regulator'], nextDueOn: addDays(today, 30), orderId: 'ord-2' });
    expect(res.body.inspection.technician).toEqual({ name: drivers[0]!.name, certificateNo: CERTIFICATE.number });
    expect(await summaryOf('cust-2')).toMatchObject({ result: 'needsFix', openItems: ['regulator'], nextDueOn: addDays(today, 30) });
  });

  it('refuses a customer who is not on the driver’s own route today', async () => {
    const res = await record(inspection('cust-3', today), 'driver1');
    expect([res.status, res.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
    expect(await recordsOf('cust-3')).toEqual([]);
  });

  it('refuses a driver without a valid certificate, in the driver’s language', async () => {
    const zh = await record(inspection('cust-3', today), 'driver2');
    expect([zh.status, zh.body.error.code, zh.body.error.message]).toEqual([422, 'SAFETY.NO_CERTIFICATE', '您沒有有效的安全技術人員合格證書，無法登錄安全檢查，請洽辦公室']);
    const en = await record(inspection('cust-3', today), 'driver2', { lang: 'en' });
    expect(en.body.error.message).toBe('You hold no valid safety technician certificate, so you cannot record inspections; contact the office');
    expect(await recordsOf('cust-3')).toEqual([]);
  });

  it('lets the driver record once an admin gives them a certificate through the fleet API', async () => {
    const patched = await call('PATCH', '/api/fleet/drivers/drv-2', { as: 'admin', body: { safetyCertificate: { number: 'B-77', validUntil: addDays(today, 10) } } });
    expect([patched.status, patched.body.safetyCertificate]).toEqual([200, { number: 'B-77', validUntil: addDays(today, 10) }]);
    const res = await record(inspection('cust-3', today, { items: items({ gasAlarm: 'needsFix' }) }), 'driver2');
    expect(res.status).toBe(201);
    expect(res.body.inspection).toMatchObject({ result: 'pass', openItems: [], technician: { name: drivers[1]!.name, certificateNo: 'B-77' } });
    const removed = await call('PATCH', '/api/fleet/drivers/drv-2', { as: 'admin', body: { safetyCertificate: null } });
    expect(removed.body).not.toHaveProperty('safetyCertificate');
  });
});

describe('what the driver app sees on a route', () => {
  it('tells each stop of the driver’s own route whether it is due, and that the driver may inspect', async () => {
    const res = await call('GET', '/api/driver/routes/si-r1/safety', { as: 'driver1' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      customers: {
        'cust-1': { nextDueOn: expect.any(String), due: false, overdueDays: 0, openItems: [] },
        // Inspected at today's visit: its re-check falls due in 30 days, but not at this stop again.
        'cust-2': { nextDueOn: addDays(today, 30), due: false, overdueDays: 0, openItems: ['regulator'] },
      },
      canInspect: true,
      certificate: CERTIFICATE,
    });
  });

  it('answers another driver’s route as not found', async () => {
    const res = await call('GET', '/api/driver/routes/si-r1/safety', { as: 'driver2' });
    expect([res.status, res.body.error.code]).toEqual([404, 'ROUTE.NOT_FOUND']);
  });
});

describe('the due list', () => {
  it('lists the active customers due within the window or never inspected, most overdue first, in pages', async () => {
    const first = await call('GET', '/api/safety-inspections/due?withinDays=30&limit=2', { as: 'office' });
    expect(first.status).toBe(200);
    // cust-4's last inspection (800 days ago) ran out some 70 days ago; cust-5 was never inspected (due today); cust-2's re-check is due in 30 days.
    expect(first.body.items.map((i: Json) => [i.customerId, i.overdueDays])).toEqual([
      ['cust-4', daysBetween(addYears(addDays(today, -800), 2), today)],
      ['cust-5', 0],
    ]);
    expect(first.body.total).toBe(3);
    const second = await call('GET', `/api/safety-inspections/due?withinDays=30&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: 'office' });
    expect(second.body.items).toEqual([
      {
        customerId: 'cust-2',
        code: 'C10002',
        name: customers[1]!.name,
        address: customers[1]!.address.full,
        phone: customers[1]!.phones[0],
        lastInspectedOn: today,
        result: 'needsFix',
        nextDueOn: addDays(today, 30),
        overdueDays: 0,
        openItems: ['regulator'],
        remindedOn: null,
      },
    ]);
    expect(second.body.nextCursor).toBeNull();
    const overdueOnly = await call('GET', '/api/safety-inspections/due?withinDays=0', { as: 'admin' });
    expect(overdueOnly.body.items.map((i: Json) => i.customerId)).toEqual(['cust-4', 'cust-5']);
  });
});

describe('the filing CSV', () => {
  it('lists the period’s inspections oldest first with the filing columns, in the caller’s language', async () => {
    const res = await call('GET', `/api/safety-inspections/export?from=${addDays(today, -30)}&to=${today}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="safety-inspections-${addDays(today, -30)}-${today}.csv"`);
    const rows = String(res.body.raw).replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(rows[0]).toBe('用戶編號,用戶名稱,地址,電話,檢查日期,檢查結果,不合格項目,改善情形,安全技術人員,證書字號');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 1).concat(r.split(',')[4] ?? ''))).toEqual([
      ['C10001', addDays(today, -10)],
      ['C10002', today],
      ['C10003', today],
    ]);
    expect(rows[2]).toContain(`,不合格,調整器、橡皮管（老化、長度、管束／安全夾）,當場改善：橡皮管（老化、長度、管束／安全夾）；限期改善，${addDays(today, 30)} 前複查,${drivers[0]!.name},${CERTIFICATE.number}`);
    const en = await call('GET', `/api/safety-inspections/export?from=${addDays(today, -30)}&to=${today}`, { as: 'admin', lang: 'en' });
    expect(String(en.body.raw).replace('\uFEFF', '').split('\r\n')[0]).toBe('customerCode,customerName,address,phone,inspectedOn,result,failedItems,remedy,technician,certificateNo');
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await call('GET', `/api/safety-inspections/export?from=${today}&to=${addDays(today, -1)}`, { as: 'office' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ message: '起始日期須早於結束日期，且期間不超過一年' })]);
  });
});

describe('an inspection queued offline on the driver’s phone', () => {
  it('is checked against the route of the day inspected, so it uploads after midnight', async () => {
    const yesterday = addDays(today, -1);
    const order = aConfirmedOrder('ord-y', customers[2]!, yesterday);
    const route = aDraftRoute({ id: 'si-ry', date: yesterday, vehicle: FLEET.vehicles[0]!, driver: drivers[0]!, stops: [{ order, customer: customers[2]! }] });
    await stack.container.db.collection('routes').doc(route.id).set({ ...route, status: 'published', version: 2 });
    const onTheDay = await record(inspection('cust-3', yesterday), 'driver1');
    expect(onTheDay.status).toBe(201);
    expect(onTheDay.body.inspection).toMatchObject({ inspectedOn: yesterday, technician: { certificateNo: CERTIFICATE.number } });
    // The same driver and customer on a day the customer was not on the driver's route is still refused.
    const notThatDay = await record(inspection('cust-3', today), 'driver1');
    expect([notThatDay.status, notThatDay.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
    const future = await record(inspection('cust-3', addDays(today, 1)), 'driver1');
    expect([future.status, future.body.error.code]).toEqual([422, 'SAFETY.FUTURE_DATE']);
  });
});

describe('the due list by its key', () => {
  const dueList = async (query: string) => (await call('GET', `/api/safety-inspections/due?withinDays=30&${query}`, { as: 'office' })).body;
  const newCustomer = async (name: string, mobile: string) => {
    const res = await call('POST', '/api/customers', { as: 'office', key: randomUUID(), body: aCustomerRequest({ name, phones: [mobile] }) });
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string };
  };

  it('pages one at a time across today, where the never inspected sit among those due today, as one page lists them', async () => {
    const dueToday = await newCustomer('今日複查', '0911-000-101');
    const never = await newCustomer('從未檢查', '0911-000-102');
    expect((await record(inspection(dueToday.id, addDays(today, -30), { items: items({ hose: 'needsFix' }) }))).body.summary.nextDueOn).toBe(today);
    const all = await dueList('limit=100');
    const walked: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await dueList(`limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.total).toBe(all.total);
      walked.push(...(page.items as Json[]));
      cursor = page.nextCursor as string | null;
    } while (cursor);
    expect(walked).toEqual(all.items);
    // Today's group: cust-5 (never inspected), the new one due today and the new one never inspected, by code.
    const todays = (all.items as Json[]).filter((i) => i.nextDueOn === today || i.nextDueOn === null).map((i) => i.customerId);
    const byCode = [{ id: 'cust-5', code: 'C10005' }, dueToday, never].sort((a, b) => a.code.localeCompare(b.code)).map((c) => c.id);
    expect(todays).toEqual(byCode);
    expect(walked.map((i) => i.customerId)).toEqual(['cust-4', ...todays, 'cust-2']);
  });

  it('drops a customer once an inspection moves the due day past the window, and an inactive customer', async () => {
    const before = await dueList('limit=100');
    const ids = (before.items as Json[]).map((i) => i.customerId as string);
    expect(ids).toContain('cust-5');
    expect((await record(inspection('cust-5', today))).status).toBe(201);
    const inspected = await dueList('limit=100');
    expect((inspected.items as Json[]).map((i) => i.customerId)).toEqual(ids.filter((id) => id !== 'cust-5'));
    expect(inspected.total).toBe(before.total - 1);
    expect((await call('POST', '/api/customers/cust-4/deactivate', { as: 'office', key: randomUUID(), body: {} })).status).toBe(200);
    const deactivated = await dueList('limit=100');
    expect((deactivated.items as Json[]).map((i) => i.customerId)).not.toContain('cust-4');
    expect(deactivated.total).toBe(before.total - 2);
    expect((await call('POST', '/api/customers/cust-4/reactivate', { as: 'office', key: randomUUID(), body: {} })).status).toBe(200);
    expect((await dueList('limit=100')).items[0].customerId).toBe('cust-4');
  });
});

describe('the 用戶名冊 with their inspections (消防局稽查)', () => {
  const register = (query: string, as: 'office' | 'admin' | 'driver1' | 'customerA' = 'office', lang?: string) =>
    call('GET', `/api/safety-inspections/register${query}`, { as, ...(lang ? { lang } : {}) });
  const rowsOf = (raw: unknown) => String(raw).replace('\uFEFF', '').trimEnd().split('\r\n');

  it('lists a customer inspected 18 months ago, whom neither the due list nor a year’s filing names, by district', async () => {
    const yonghe = await call('POST', '/api/customers', {
      as: 'office',
      key: randomUUID(),
      body: aCustomerRequest({ name: '永和豆漿', phones: ['0911-000-201'], address: { city: '新北市', district: '永和區', road: '永和路', section: 2, number: '10' }, location: { lat: 25.01, lng: 121.515 } }),
    });
    expect(yonghe.status).toBe(201);
    const inspectedOn = addDays(today, -540);
    expect((await record(inspection(yonghe.body.id, inspectedOn))).status).toBe(201);
    const due = (await call('GET', '/api/safety-inspections/due?withinDays=90&limit=100', { as: 'office' })).body;
    expect((due.items as Json[]).map((i) => i.customerId)).not.toContain(yonghe.body.id);
    const filing = await call('GET', `/api/safety-inspections/export?from=${addDays(addYears(today, -1), 1)}&to=${today}`, { as: 'office' });
    expect(String(filing.body.raw)).not.toContain(yonghe.body.code);

    const res = await register('?districts=永和區');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="safety-register-${today}.csv"`);
    const rows = rowsOf(res.body.raw);
    expect(rows[0]).toBe('用戶編號,用戶名稱,行政區,地址,電話,上次檢查日期,檢查結果,待改善項目,下次檢查期限,狀態');
    expect(rows.slice(1)).toEqual([`${yonghe.body.code},永和豆漿,永和區,${yonghe.body.address.full},0911-000-201,${inspectedOn},合格,,${addYears(inspectedOn, 2)},期限內`]);

    const all = rowsOf((await register('', 'admin')).body.raw).slice(1);
    expect(all.map((r) => r.split(',')[0])).toEqual(expect.arrayContaining([yonghe.body.code, 'C10001', 'C10002', 'C10005']));
    expect(all.find((r) => r.startsWith('C10002,'))).toMatch(/,不合格,調整器,[\d-]+,(待複查|逾期 \d+ 天)$/);
  });

  it('answers in English for an English caller and refuses an unknown district in the caller’s language', async () => {
    expect(rowsOf((await register('?districts=永和區', 'office', 'en')).body.raw)[0]).toBe(
      'customerCode,customerName,district,address,phone,lastInspectedOn,result,openItems,nextDueOn,status',
    );
    const bad = await register('?districts=火星區', 'office', 'en');
    expect([bad.status, bad.body.error.code, bad.body.error.fields]).toEqual([400, 'REQUEST.VALIDATION', [expect.objectContaining({ message: 'Not a district we deliver to' })]]);
  });

  it('is for staff alone: a driver and a customer are refused', async () => {
    expect((await register('', 'driver1')).status).toBe(403);
    expect((await register('', 'customerA')).status).toBe(403);
  });
});

describe('the on-site confirmation and the record of one inspection (audit 22 F3)', () => {
  const signed = { kind: 'signature', name: '林美玲', signature: SIGNATURE };
  let own: string;

  beforeAll(async () => {
    await stack.container.db.collection('customers').doc('cust-a').set({ ...aNearbyCustomer('cust-a', 9), version: 1 });
    const res = await record(inspection('cust-a', today, { items: items({ piping: 'needsFix' }), confirmation: signed }));
    expect(res.status).toBe(201);
    own = res.body.inspection.id;
  });

  it('keeps the signature on the record: the list names who signed without the image, the record of one inspection has it', async () => {
    expect((await recordsOf('cust-a'))[0]).toMatchObject({ confirmation: signed, openItems: ['piping'], result: 'needsFix' });
    const list = await call('GET', '/api/safety-inspections?customerId=cust-a', { as: 'office' });
    expect(list.body.items[0].confirmation).toEqual({ kind: 'signature', name: '林美玲' });
    const one = await call('GET', `/api/safety-inspections/${own}`, { as: 'office' });
    expect([one.status, one.body.confirmation, one.body.items.find((i: Json) => i.item === 'piping')]).toEqual([200, signed, { item: 'piping', result: 'needsFix' }]);
  });

  it('answers an inspection recorded before the confirmation was asked for, without one', async () => {
    const { confirmation: _c, ...before } = (await recordsOf('cust-1'))[0] as Json;
    await stack.container.db.collection('safetyInspections').doc('si-before-f3').set({ ...before, id: 'si-before-f3' });
    const one = await call('GET', '/api/safety-inspections/si-before-f3', { as: 'admin' });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('confirmation');
  });

  it('lets the customer read their own record with the signature, answers another’s as not found, and refuses a driver', async () => {
    const mine = await call('GET', `/api/safety-inspections/${own}`, { as: 'customerA' });
    expect([mine.status, mine.body.confirmation]).toEqual([200, signed]);
    const others = await call('GET', `/api/safety-inspections/${own}`, { as: 'customerB', lang: 'en' });
    expect([others.status, others.body.error.code, others.body.error.message]).toEqual([404, 'SAFETY.INSPECTION_NOT_FOUND', 'This safety inspection record was not found']);
    expect((await call('GET', `/api/safety-inspections/${own}`, { as: 'driver1' })).status).toBe(403);
    expect((await call('GET', '/api/safety-inspections/si-nothing', { as: 'office' })).status).toBe(404);
  });

  it('refuses a form nobody confirmed, saying what to give in the caller’s language, writing nothing', async () => {
    const before = await recordsOf('cust-5');
    const { confirmation: _c, ...unconfirmed } = inspection('cust-5', today);
    const res = await record(unconfirmed);
    expect([res.status, res.body.error.fields]).toEqual([400, [{ path: 'body.confirmation', message: '請在場人員簽名確認，或選擇未簽名的原因（用戶不在、拒絕簽名）' }]]);
    const unnamed = await record(inspection('cust-5', today, { confirmation: { kind: 'signature', name: ' ', signature: SIGNATURE } }), 'office', { lang: 'en' });
    expect(unnamed.body.error.fields).toEqual([{ path: 'body.confirmation.name', message: 'Give the name of the person who signed' }]);
    expect(await recordsOf('cust-5')).toEqual(before);
    const absent = await record(inspection('cust-5', today, { confirmation: { kind: 'none', reason: 'customerAbsent' } }));
    expect([absent.status, absent.body.inspection.confirmation]).toEqual([201, { kind: 'none', reason: 'customerAbsent' }]);
  });
});

import { randomUUID } from 'node:crypto';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { addYears } from '../domain/safety';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, DEPOT, FLEET } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

/** 容器管理 through the API on the emulators: registering, inspections, scrapping, moves, deliveries naming cylinders, the file. */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const OTHER_DEPOT = { ...DEPOT, id: 'depot-b', name: '幸福氣 三重站' };
const customers = [aNearbyCustomer('cust-1', 1), aNearbyCustomer('cust-2', 2)];
const orders = customers.map((c, i) => aConfirmedOrder(`ord-${i + 1}`, c, today, { items: [{ size: 20, quantity: 1 }], emptiesToCollect: [], paymentMethod: 'monthly' }));
const route = aDraftRoute({ id: 'cyl-r1', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: orders.map((order, i) => ({ order, customer: customers[i]! })) });

/** A steel 20 kg cylinder: factory-tested `age` years ago, last inspected `inspectedAgo` years ago (never when absent). */
const steel20 = (serial: string, age: number, inspectedAgo?: number) => ({
  serial,
  size: 20,
  factoryTestedOn: addYears(today, -age),
  ...(inspectedAgo !== undefined ? { lastInspectedOn: addYears(today, -inspectedAgo) } : {}),
});
const register = (cylinders: Json[], depotId = DEPOT.id, opts: { lang?: string } = {}) =>
  call('POST', '/api/cylinders', { as: 'office', body: { depotId, cylinders }, key: randomUUID(), ...opts });
const cylinderDoc = async (serial: string) => (await stack.container.db.collection('cylinders').doc(serial).get()).data() as Json | undefined;
const orderDoc = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data() as Json | undefined;
const eventsOf = async (serial: string) => (await stack.container.db.collection(`cylinders/${serial}/events`).get()).docs.map((d) => d.data() as Json);
const deliver = (orderId: string, body: Json) => call('POST', `/api/driver/stops/${orderId}/deliver`, { as: 'driver1', body: { delivered: [{ size: 20, quantity: 1 }], ...body } });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'cylinders', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders });
  await stack.container.db.collection('depots').doc(OTHER_DEPOT.id).set(OTHER_DEPOT);
  await stack.container.db.collection('routes').doc(route.id).set({ ...route, version: 1 });
  expect((await call('POST', `/api/routes/${route.id}/publish`, { as: 'office' })).status).toBe(200);
});
afterAll(() => stack.close());

describe('registering', () => {
  it('registers cylinders in service at the depot with their deadline, serials upper-cased', async () => {
    const res = await register([steel20('reg-0001', 3), { ...steel20('REG-0002', 12, 2), material: 'composite' }]);
    expect(res.status).toBe(201);
    expect(res.body.items.map((c: Json) => [c.serial, c.status, c.locationKey, c.nextInspectionDue])).toEqual([
      ['REG-0001', 'inService', 'depot:depot-a', addYears(addYears(today, -3), 5)],
      ['REG-0002', 'inService', 'depot:depot-a', addYears(addYears(today, -2), 5)],
    ]);
    const one = await call('GET', '/api/cylinders/reg-0001', { as: 'admin' });
    expect([one.status, one.body.cylinder.serial, one.body.events.map((e: Json) => e.type)]).toEqual([200, 'REG-0001', ['registered']]);
  });

  it('refuses a batch naming a serial registered already with 409 listing it, writing nothing', async () => {
    const res = await register([steel20('REG-0003', 1), steel20('REG-0001', 1)]);
    expect([res.status, res.body.error.code, res.body.error.details.serials]).toEqual([409, 'CYLINDER.ALREADY_REGISTERED', ['REG-0001']]);
    expect(res.body.error.message).toContain('REG-0001');
    expect(await cylinderDoc('REG-0003')).toBeUndefined();
    expect(await eventsOf('REG-0001')).toHaveLength(1);
  });

  it('registers 500 in one transaction', async () => {
    const many = Array.from({ length: 500 }, (_, i) => steel20(`BULK-${String(i).padStart(4, '0')}`, i % 25));
    const res = await register(many, OTHER_DEPOT.id);
    expect([res.status, res.body.items.length]).toEqual([201, 500]);
    const page = await call('GET', '/api/cylinders?location=depot:depot-b&limit=200', { as: 'office' });
    expect([page.body.items.length, page.body.items[0].serial, page.body.nextCursor]).toEqual([200, 'BULK-0000', 'BULK-0199']);
    const next = await call('GET', `/api/cylinders?location=depot:depot-b&limit=200&cursor=${page.body.nextCursor}`, { as: 'office' });
    expect(next.body.items[0].serial).toBe('BULK-0200');
  });

  it('refuses an unknown depot and a factory test after today', async () => {
    const depot = await register([steel20('REG-0009', 1)], 'depot-nowhere');
    expect([depot.status, depot.body.error.code]).toEqual([404, 'DEPOT.NOT_FOUND']);
    const future = await register([{ serial: 'REG-0009', size: 20, factoryTestedOn: addDays(today, 1) }], DEPOT.id, { lang: 'en' });
    expect([future.status, future.body.error.code, future.body.error.details.errors]).toEqual([
      422,
      'CYLINDER.BATCH_REFUSED',
      [{ serial: 'REG-0009', code: 'CYLINDER.FUTURE_DATE', message: 'The dates of cylinder REG-0009 cannot be after today' }],
    ]);
  });
});

describe('inspections, scrapping and moves', () => {
  it('sends cylinders to inspection, and the results give the passed one its next deadline and scrap the failed one', async () => {
    expect((await register([steel20('INS-0001', 17, 4), steel20('INS-0002', 10, 4)])).status).toBe(201);
    const sent = await call('POST', '/api/cylinders/inspection/send', { as: 'office', body: { serials: ['ins-0001', 'INS-0002'], station: '新北容器檢驗場' }, key: randomUUID() });
    expect(sent.status).toBe(200);
    expect(sent.body.items.map((c: Json) => [c.status, c.location])).toEqual([
      ['atInspection', { kind: 'inspection', station: '新北容器檢驗場' }],
      ['atInspection', { kind: 'inspection', station: '新北容器檢驗場' }],
    ]);
    const inspectedOn = addDays(today, -1);
    const results = await call('POST', '/api/cylinders/inspection/results', {
      as: 'office',
      body: { depotId: OTHER_DEPOT.id, results: [{ serial: 'INS-0001', result: 'passed', inspectedOn }, { serial: 'INS-0002', result: 'failed', inspectedOn }] },
      key: randomUUID(),
    });
    expect(results.status).toBe(200);
    // INS-0001 was 16 on the day inspected (17 today): 5 years from that day.
    expect(results.body.items.map((c: Json) => [c.serial, c.status, c.locationKey, c.lastInspectedOn, c.nextInspectionDue])).toEqual([
      ['INS-0001', 'inService', 'depot:depot-b', inspectedOn, addYears(inspectedOn, 5)],
      ['INS-0002', 'scrapped', 'scrapped', addYears(today, -4), expect.any(String)],
    ]);
    const one = await call('GET', '/api/cylinders/INS-0001', { as: 'office' });
    expect(one.body.events.map((e: Json) => e.type)).toEqual(['inspectionPassed', 'sentToInspection', 'registered']);
    expect(one.body.events[0]).toMatchObject({ station: '新北容器檢驗場', inspectedOn, by: { uid: 'u-office', role: 'office' } });
    // Who recorded each event by the account's name, its events written before the name was known included; none for an account that is gone.
    expect(one.body.events.map((e: Json) => e.byName)).toEqual([undefined, undefined, undefined]);
    await stack.container.db.collection('users').doc('u-office').set({ uid: 'u-office', username: 'office', displayName: '王小姐', role: 'office' });
    const named = await call('GET', '/api/cylinders/INS-0001', { as: 'office' });
    expect(named.body.events.map((e: Json) => e.byName)).toEqual(['王小姐', '王小姐', '王小姐']);
    await stack.container.db.collection('users').doc('u-office').delete();
  });

  it('refuses a whole batch with a localised reason per serial, changing none of them', async () => {
    expect((await register([steel20('BAT-0001', 2)])).status).toBe(201);
    const res = await call('POST', '/api/cylinders/inspection/send', { as: 'office', body: { serials: ['BAT-0001', 'INS-0002', 'NONE-0001'] }, key: randomUUID() });
    expect([res.status, res.body.error.code]).toEqual([422, 'CYLINDER.BATCH_REFUSED']);
    expect(res.body.error.details.errors).toEqual([
      { serial: 'INS-0002', code: 'CYLINDER.SCRAPPED', message: '鋼瓶 INS-0002 已報廢' },
      { serial: 'NONE-0001', code: 'CYLINDER.NOT_REGISTERED', message: '鋼瓶 NONE-0001 尚未登錄，請洽辦公室' },
    ]);
    expect((await cylinderDoc('BAT-0001'))?.['status']).toBe('inService');
    expect(await eventsOf('BAT-0001')).toHaveLength(1);
  });

  it('moves between depots once per Idempotency-Key and scraps with a reason', async () => {
    const counted = { kind: 'count', counted: [{ size: 20, full: 0, empty: 5 }] };
    expect((await call('POST', `/api/cylinder-stock/${DEPOT.id}/movements`, { as: 'office', body: counted, key: randomUUID() })).status).toBe(201);
    const key = randomUUID();
    const body = { serials: ['BAT-0001'], toDepotId: OTHER_DEPOT.id, state: 'empty' };
    const first = await call('POST', '/api/cylinders/move', { as: 'office', body, key });
    const again = await call('POST', '/api/cylinders/move', { as: 'office', body, key });
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect(again.body).toEqual(first.body);
    expect((await eventsOf('BAT-0001')).map((e) => e['type']).sort()).toEqual(['moved', 'registered']);
    const scrapped = await call('POST', '/api/cylinders/scrap', { as: 'admin', body: { serials: ['BAT-0001'], reason: '瓶身鏽蝕' }, key: randomUUID() });
    expect(scrapped.body.items[0]).toMatchObject({ status: 'scrapped', location: { kind: 'scrapped' } });
  });
});

describe('the depot stock', () => {
  const stockOf = async (depotId: string) => {
    const res = await call('GET', '/api/cylinder-stock', { as: 'office' });
    const line = res.body.depots.find((d: Json) => d.depotId === depotId).lines.find((l: Json) => l.size === 20);
    return [line.full, line.empty];
  };
  const movementsOf = async (depotId: string) => (await call('GET', `/api/cylinder-stock/${depotId}/movements`, { as: 'office' })).body.items as Json[];
  const post = (path: string, body: Json, key = randomUUID()) => call('POST', `/api/cylinders/${path}`, { as: 'office', body, key });

  it('moves with the register in the same transaction: out to inspection, back in when passed, out when scrapped at a depot; once per request', async () => {
    await stack.container.db.collection('cylinderStock').doc(DEPOT.id).delete();
    await stack.container.db.collection('cylinderStock').doc(OTHER_DEPOT.id).delete();
    expect((await register([steel20('STK-0001', 10, 4), steel20('STK-0002', 10, 4), steel20('STK-0003', 10, 4)])).status).toBe(201);
    const key = randomUUID();
    const sent = await post('inspection/send', { serials: ['STK-0001', 'STK-0002'], station: '新北容器檢驗場' }, key);
    expect(sent.status).toBe(200);
    expect((await post('inspection/send', { serials: ['STK-0001', 'STK-0002'], station: '新北容器檢驗場' }, key)).headers.get('idempotent-replayed')).toBe('true');
    // The yard had no empties on the books: the register's cylinders left anyway, and the negative count asks for a stocktake.
    expect(await stockOf(DEPOT.id)).toEqual([0, -2]);
    expect((await movementsOf(DEPOT.id))[0]).toMatchObject({ kind: 'toInspection', serials: ['STK-0001', 'STK-0002'], note: '新北容器檢驗場', changes: [{ size: 20, full: 0, empty: -2 }], by: { uid: 'u-office', role: 'office' } });

    const results = await post('inspection/results', { depotId: OTHER_DEPOT.id, results: [{ serial: 'STK-0001', result: 'passed', inspectedOn: today }, { serial: 'STK-0002', result: 'failed', inspectedOn: today }] });
    expect(results.status).toBe(200);
    expect(await stockOf(OTHER_DEPOT.id)).toEqual([0, 1]);
    expect((await movementsOf(OTHER_DEPOT.id))[0]).toMatchObject({ kind: 'fromInspection', serials: ['STK-0001'], changes: [{ size: 20, full: 0, empty: 1 }] });

    expect((await post('scrap', { serials: ['STK-0003'], reason: '瓶身鏽蝕' })).status).toBe(200);
    expect(await stockOf(DEPOT.id)).toEqual([0, -3]);
    expect((await movementsOf(DEPOT.id))[0]).toMatchObject({ kind: 'scrapped', serials: ['STK-0003'], note: '瓶身鏽蝕' });
  });

  it('moves a cylinder moved between depots out of one depot’s stock and into the other’s, full or empty as the office said; once, a resend moving nothing more', async () => {
    await stack.container.db.collection('cylinderStock').doc(DEPOT.id).delete();
    await stack.container.db.collection('cylinderStock').doc(OTHER_DEPOT.id).delete();
    const counted = { kind: 'count', counted: [{ size: 20, full: 3, empty: 1 }] };
    expect((await call('POST', `/api/cylinder-stock/${DEPOT.id}/movements`, { as: 'office', body: counted, key: randomUUID() })).status).toBe(201);
    expect((await register([steel20('MOV-0001', 3), steel20('MOV-0002', 3)])).status).toBe(201);
    const body = { serials: ['MOV-0001', 'MOV-0002'], toDepotId: OTHER_DEPOT.id, state: 'full' };
    const key = randomUUID();
    expect((await post('move', body, key)).status).toBe(200);
    expect((await post('move', body, key)).headers.get('idempotent-replayed')).toBe('true');
    expect([await stockOf(DEPOT.id), await stockOf(OTHER_DEPOT.id)]).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect((await movementsOf(DEPOT.id))[0]).toMatchObject({ kind: 'transferOut', state: 'full', toDepotId: OTHER_DEPOT.id, serials: ['MOV-0001', 'MOV-0002'], changes: [{ size: 20, full: -2, empty: 0 }] });
    expect((await movementsOf(OTHER_DEPOT.id))[0]).toMatchObject({ kind: 'transferIn', state: 'full', fromDepotIds: [DEPOT.id], changes: [{ size: 20, full: 2, empty: 0 }] });
    expect((await eventsOf('MOV-0001')).find((e) => e['type'] === 'moved')).toMatchObject({ state: 'full', to: { kind: 'depot', depotId: OTHER_DEPOT.id } });
    // Sent again under another key, the cylinders are there already: refused, and the stock stays.
    const resent = await post('move', body);
    expect([resent.status, resent.body.error.code]).toEqual([422, 'CYLINDER.BATCH_REFUSED']);
    expect(await stockOf(OTHER_DEPOT.id)).toEqual([2, 0]);
  });

  it('refuses a move out of fulls or empties the depot does not have on the books, moving neither the stock nor the cylinder', async () => {
    const res = await call('POST', '/api/cylinders/move', { as: 'office', body: { serials: ['MOV-0001', 'MOV-0002'], toDepotId: DEPOT.id, state: 'empty' }, key: randomUUID() });
    expect([res.status, res.body.error.code, res.body.error.message]).toEqual([409, 'STOCK.NOT_ENOUGH_EMPTY', '庫存不足：20 公斤空瓶只有 0 支，無法減少 2 支']);
    expect([await stockOf(DEPOT.id), await stockOf(OTHER_DEPOT.id)]).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect((await cylinderDoc('MOV-0001'))?.['locationKey']).toBe(`depot:${OTHER_DEPOT.id}`);
    expect((await eventsOf('MOV-0001')).filter((e) => e['type'] === 'moved')).toHaveLength(1);
    const missing = await call('POST', '/api/cylinders/move', { as: 'office', body: { serials: ['MOV-0001'], toDepotId: DEPOT.id }, key: randomUUID() });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'REQUEST.VALIDATION']);
  });

  it('moves no stock for a batch refused', async () => {
    const before = await movementsOf(DEPOT.id);
    expect((await post('inspection/send', { serials: ['STK-0003', 'REG-0001'] })).status).toBe(422);
    expect(await movementsOf(DEPOT.id)).toEqual(before);
  });
});

describe('deliveries naming cylinders', () => {
  beforeAll(async () => {
    // DUE-0001: 20 kg tested 26 years ago (before 2005-03-01), inspected at 24 two years ago yesterday: 2 years, so overdue since today.
    const overdue = { serial: 'DUE-0001', size: 20, factoryTestedOn: addYears(addDays(today, -1), -26), lastInspectedOn: addYears(addDays(today, -1), -2) };
    expect((await register([overdue, steel20('OK-0001', 4), steel20('OK-0002', 6)])).status).toBe(201);
    await stack.container.db.collection('cylinders').doc('OK-0002').update({ location: { kind: 'customer', customerId: 'cust-1' }, locationKey: 'customer:cust-1' });
  });

  it('refuses an overdue cylinder with 422, writing nothing: no delivery, no move, no event', async () => {
    expect((await cylinderDoc('DUE-0001'))?.['nextInspectionDue']).toBe(addDays(today, -1));
    const actionId = randomUUID();
    const res = await deliver('ord-1', { actionId, cylinderSerials: { delivered: ['due-0001'] } });
    expect([res.status, res.body.error.code, res.body.error.details.serial]).toEqual([422, 'CYLINDER.INSPECTION_OVERDUE', 'DUE-0001']);
    expect(res.body.error.message).toBe('鋼瓶 DUE-0001 已逾定期檢驗期限，不可配送，請帶回送驗');
    expect((await orderDoc('ord-1'))?.['status']).not.toBe('delivered');
    expect((await stack.container.db.collection('driverActions').doc(actionId).get()).exists).toBe(false);
    expect((await cylinderDoc('DUE-0001'))?.['locationKey']).toBe('depot:depot-a');
    expect(await eventsOf('DUE-0001')).toHaveLength(1);
  });

  it('lists the overdue cylinder first among those due at its depot', async () => {
    const res = await call('GET', '/api/cylinders?dueWithinDays=30&location=depot:depot-a', { as: 'office' });
    expect(res.body.items[0]).toMatchObject({ serial: 'DUE-0001' });
    const dues = res.body.items.map((c: Json) => c.nextInspectionDue as string);
    expect(dues).toEqual([...dues].sort());
    expect(dues.every((d: string) => d <= addDays(today, 30))).toBe(true);
    const summary = await call('GET', '/api/cylinders/summary', { as: 'office' });
    expect(summary.body.all.overdue).toBeGreaterThanOrEqual(1);
    expect(summary.body.bySize.find((s: Json) => s.size === 20).overdue).toBe(summary.body.all.overdue);
    // The aggregates agree with the register itself: every cylinder counted once, the overdue by their deadline.
    const register = (await stack.container.db.collection('cylinders').get()).docs.map((d) => d.data());
    expect(summary.body.total).toBe(register.length);
    expect(summary.body.all.scrapped).toBe(register.filter((c) => c['status'] === 'scrapped').length);
    expect(summary.body.all.overdue).toBe(register.filter((c) => c['status'] === 'inService' && String(c['nextInspectionDue']) < today).length);
  });

  it('moves the delivered cylinder to the customer and the collected one to the route depot, once per actionId; an unknown one is kept on the order', async () => {
    const actionId = randomUUID();
    const body = { actionId, cylinderSerials: { delivered: ['OK-0001'], collected: ['OK-0002', 'STRANGER-1'] } };
    const first = await deliver('ord-1', body);
    const again = await deliver('ord-1', body);
    expect([first.status, first.body.status, first.body.unknownSerials]).toEqual([200, 'delivered', ['STRANGER-1']]);
    expect(again.body).toEqual(first.body);
    expect((await cylinderDoc('OK-0001'))?.['location']).toEqual({ kind: 'customer', customerId: 'cust-1' });
    expect((await cylinderDoc('OK-0002'))?.['location']).toEqual({ kind: 'depot', depotId: DEPOT.id });
    expect((await eventsOf('OK-0001')).filter((e) => e['type'] === 'delivered')).toEqual([expect.objectContaining({ orderId: 'ord-1', customerId: 'cust-1', by: { uid: 'u-driver1', role: 'driver' } })]);
    expect((await eventsOf('OK-0002')).filter((e) => e['type'] === 'collected')).toHaveLength(1);
    expect(await cylinderDoc('STRANGER-1')).toBeUndefined();
    // The office is told once, with the serials, through the outbox.
    const alerts = await stack.container.db.collection('outbox').where('event.type', '==', 'system.cylinder_serials_unknown').get();
    expect(alerts.docs.map((d) => d.get('event.data'))).toEqual([{ severity: 'warning', customerId: 'cust-1', orderId: 'ord-1', serials: ['STRANGER-1'] }]);
    // Written with the delivery, so it outlives this answer: the driver reads it on their route's orders, the office on the order.
    expect(await orderDoc('ord-1')).toMatchObject({ status: 'delivered', delivery: { delivered: [{ size: 20, quantity: 1 }], unknownCollectedSerials: ['STRANGER-1'] } });
    const routeOrders = await call('GET', `/api/orders?date=${today}`, { as: 'driver1' });
    expect(routeOrders.body.items.find((o: Json) => o.id === 'ord-1')?.delivery.unknownCollectedSerials).toEqual(['STRANGER-1']);
    const office = await call('GET', '/api/orders/ord-1', { as: 'office' });
    expect(office.body.delivery.unknownCollectedSerials).toEqual(['STRANGER-1']);
  });

  it('names the customer a cylinder stands at, code and name, in the list and in its history, so a screen asks for no customer', async () => {
    const label = `C10001 ${customers[0]!.name}`;
    const atCustomer = await call('GET', '/api/cylinders?location=customer:cust-1', { as: 'office' });
    expect(atCustomer.body.items.map((c: Json) => [c.serial, c.customerLabel])).toEqual([['OK-0001', label]]);
    const atDepot = await call('GET', `/api/cylinders?location=depot:${DEPOT.id}`, { as: 'office' });
    expect(atDepot.body.items.filter((c: Json) => 'customerLabel' in c)).toEqual([]);
    const one = await call('GET', '/api/cylinders/OK-0001', { as: 'office' });
    expect(one.body.customerLabels).toEqual({ 'cust-1': label });
    // OK-0002 was moved there by hand and collected since: its history names the customer it came from.
    expect((await call('GET', '/api/cylinders/OK-0002', { as: 'office' })).body.customerLabels).toEqual({ 'cust-1': label });
  });

  it('lists the cylinders past their 檢驗期限 at any customer, for the office to call back, and none of those overdue at a depot', async () => {
    // LATE-0001 fell due at cust-2 yesterday, left there before its deadline (put there by hand: a delivery now is refused).
    const late = { serial: 'LATE-0001', size: 20, factoryTestedOn: addYears(addDays(today, -1), -26), lastInspectedOn: addYears(addDays(today, -1), -2) };
    expect((await register([late])).status).toBe(201);
    await stack.container.db.collection('cylinders').doc('LATE-0001').update({ location: { kind: 'customer', customerId: 'cust-2' }, locationKey: 'customer:cust-2' });
    const overdueOut = await call('GET', '/api/cylinders?dueWithinDays=0&location=customer', { as: 'office' });
    expect(overdueOut.body.items.map((c: Json) => [c.serial, c.location, c.customerLabel])).toEqual([['LATE-0001', { kind: 'customer', customerId: 'cust-2' }, `C10002 ${customers[1]!.name}`]]);
    const allOut = await call('GET', '/api/cylinders?location=customer', { as: 'office' });
    expect(allOut.body.items.map((c: Json) => c.serial).sort()).toEqual(['LATE-0001', 'OK-0001']);
    const file = await call('GET', '/api/cylinders/export?dueWithinDays=0&location=customer', { as: 'office' });
    expect(String(file.body.raw).replace('\uFEFF', '').trimEnd().split('\r\n').slice(1).map((r) => r.split(',')[0])).toEqual(['LATE-0001']);
    const refused = await call('GET', '/api/cylinders?location=customer:', { as: 'office' });
    expect(refused.status).toBe(400);
    expect((await call('GET', '/api/cylinders?dueWithinDays=0&location=customer', { as: 'driver1' })).status).toBe(403);
  });

  it('delivers as before without serials', async () => {
    const res = await deliver('ord-2', { actionId: randomUUID() });
    expect([res.status, res.body.status, 'unknownSerials' in res.body]).toEqual([200, 'delivered', false]);
    expect((await orderDoc('ord-2'))?.['delivery']).not.toHaveProperty('unknownCollectedSerials');
  });
});

describe('the 容器管理資料 file', () => {
  it('lists every cylinder with zh-TW headers by default and English ones on request', async () => {
    const zh = await call('GET', '/api/cylinders/export', { as: 'office' });
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toContain('text/csv');
    const lines = String(zh.body.raw).replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('鋼印號碼,容量,材質,出廠耐壓試驗日期,最近檢驗日期,下次檢驗期限,狀態,所在位置');
    expect(lines.find((l) => l.startsWith('OK-0001,'))).toMatch(new RegExp(`^OK-0001,20公斤,鋼製,[0-9-]+,,[0-9-]+,使用中,C10001 ${customers[0]!.name}$`));
    expect(lines.find((l) => l.startsWith('INS-0002,'))).toMatch(/,,已報廢,已報廢$/);
    expect(lines.find((l) => l.startsWith('BULK-0000,'))).toMatch(/,幸福氣 三重站$/);
    expect(lines).toHaveLength(1 + 2 + 500 + 2 + 1 + 3 + 2 + 3 + 1);
    const en = await call('GET', '/api/cylinders/export?status=scrapped', { as: 'office', lang: 'en' });
    expect(String(en.body.raw).replace('\uFEFF', '').split('\r\n')[0]).toBe('serial,capacity,material,factoryTestedOn,lastInspectedOn,nextInspectionDue,status,location');
  });

  it('takes the list’s filters: the cylinders past their 檢驗期限 alone, or with those due within N days, at a place', async () => {
    const rowsOf = async (query: string) => String((await call('GET', `/api/cylinders/export?${query}`, { as: 'office' })).body.raw).replace('\uFEFF', '').trimEnd().split('\r\n').slice(1);
    const register = (await stack.container.db.collection('cylinders').get()).docs.map((d) => d.data());
    const dueBy = (day: string, at?: string) =>
      register.filter((c) => c['status'] !== 'scrapped' && String(c['nextInspectionDue']) <= day && (!at || c['locationKey'] === at)).map((c) => String(c['serial'])).sort();
    const serials = (rows: readonly string[]) => rows.map((r) => r.split(',')[0]).sort();
    const overdue = await rowsOf('dueWithinDays=0');
    expect(overdue.find((r) => r.startsWith('DUE-0001,'))).toContain(`,${addDays(today, -1)},使用中,`);
    expect(serials(overdue)).toEqual(dueBy(today));
    expect(serials(await rowsOf('dueWithinDays=400'))).toEqual(dueBy(addDays(today, 400)));
    expect(dueBy(addDays(today, 400)).length).toBeGreaterThan(dueBy(today).length);
    const atOther = dueBy(today, `depot:${OTHER_DEPOT.id}`);
    expect(serials(await rowsOf(`dueWithinDays=0&location=depot:${OTHER_DEPOT.id}`))).toEqual(atOther);
    expect(atOther.length).toBeLessThan(dueBy(today).length);
    const refused = await call('GET', '/api/cylinders/export?dueWithinDays=-1', { as: 'office' });
    expect(refused.status).toBe(400);
  });
});

import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { taipeiDate } from '../domain/clock';
import { aDraftRoute } from '../domain/routes/test-support/fleet-mother';
import { SAFETY_ITEMS } from '../domain/safety';
import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json, type Who } from './test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * 報修 end to end on the emulators: who may open, send and close a call, the urgent alert through the outbox and the alerts
 * consumer, an idempotent retry, and an unsafe outcome stopping the supply until an inspection passes.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const stopped = { order: day.orders[0]!, customer: day.customers[0]! };
const route = aDraftRoute({ id: 'job-svc-1', jobId: 'job-svc', date: day.date, vehicle: day.vehicles[0]!, driver: day.drivers[0]!, stops: [stopped] });
const custA = aCustomer().withId('cust-a').withCode('C09001').with({ name: '報修林家' }).build();
const custB = aCustomer().withId('cust-b').withCode('C09002').with({ name: '報修王家' }).build();
const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

beforeAll(async () => {
  stack = await startTestStack({ suite: 'service-calls', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'systemAlerts') });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day, { customers: [custA, custB] });
  await stack.container.db.collection('routes').doc(route.id).set({ ...route, version: 1 });
  expect((await call('POST', `/api/routes/${route.id}/publish`, { as: 'office' })).status).toBe(200);
});
afterAll(() => stack.close());

const open = (body: Json, as: Who = 'office', key?: string) => call('POST', '/api/service-calls', { as, body, ...(key ? { key } : {}) });
const assign = (id: string, driverId: string, as: Who = 'office') => call('POST', `/api/service-calls/${id}/assign`, { as, body: { driverId, scheduledAt: at(1) } });
const close = (id: string, body: Json, as: Who = 'driver1', lang?: string) => call('POST', `/api/service-calls/${id}/close`, { as, body, ...(lang ? { lang } : {}) });
const smell = (customerId: string) => ({ customerId, kind: 'gas_smell', description: '廚房有瓦斯味', someoneHome: true, preferredTime: '越快越好' });

describe('opening a service call', () => {
  it('a customer in the portal: urgent for a gas smell, stored once however often retried, and the office alerted once', async () => {
    const first = await open(smell('cust-a'), 'customerA', 'svc-smell-a');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: 'cust-a', customer: { code: 'C09001', name: '報修林家' }, kind: 'gas_smell', urgent: true, status: 'open', openedBy: { uid: PRINCIPALS.customerA.uid, role: 'customer' } });
    const again = await open(smell('cust-a'), 'customerA', 'svc-smell-a');
    expect([again.status, again.body.id]).toEqual([201, first.body.id]);
    expect((await stack.container.db.collection('serviceCalls').where('customerId', '==', 'cust-a').get()).size).toBe(1);
    const alerts = await eventually(async () => {
      const snap = await stack.container.db.collection('alerts').where('kind', '==', 'system.service_call_urgent').get();
      return snap.empty ? null : snap.docs.map((d) => d.data());
    });
    expect(alerts).toEqual([
      expect.objectContaining({ severity: 'critical', customerName: '報修林家', acknowledged: false, data: expect.objectContaining({ serviceCallId: first.body.id, kind: 'gas_smell' }) }),
    ]);
    const audit = (await stack.container.db.collection('auditLog').where('function', '==', 'service-calls').get()).docs.map((d) => d.data());
    expect(audit.map((e) => [e['route'], e['entityId'] ?? null, e['status']])).toContainEqual(['/', first.body.id, 201]);
    // The audit log names the call as the office knows it: by its customer and the day it was opened.
    const log = await call('GET', `/api/audit-log?function=service-calls&entityId=${first.body.id}`, { as: 'admin' });
    expect(log.body.items[0].subject).toEqual({ kind: 'serviceCall', name: '報修林家', date: taipeiDate(new Date(first.body.openedAt)) });
  });

  it('refuses a customer opening one for another customer (404) and a driver (403); a bad body is 400 in the caller’s language', async () => {
    expect((await open(smell('cust-b'), 'customerA')).status).toBe(404);
    expect((await open(smell('cust-a'), 'driver1')).status).toBe(403);
    const bad = await call('POST', '/api/service-calls', { as: 'office', body: { customerId: 'cust-a', kind: 'boiler', description: '' }, lang: 'zh-TW' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('REQUEST.VALIDATION');
    expect((await open(smell('cust-nobody'))).status).toBe(404);
  });

  it('lists a customer’s calls to staff and to that customer only', async () => {
    await open({ customerId: 'cust-b', kind: 'hose', description: '管線老化', someoneHome: false });
    const own = await call('GET', '/api/service-calls?customerId=cust-b', { as: 'customerB' });
    expect(own.body.items.map((c: Json) => [c.kind, c.urgent])).toEqual([['hose', false]]);
    expect((await call('GET', '/api/service-calls?customerId=cust-b', { as: 'customerA' })).status).toBe(404);
    expect((await call('GET', '/api/service-calls?customerId=cust-b', { as: 'driver1' })).status).toBe(403);
    expect((await call('GET', '/api/service-calls?customerId=cust-b', { as: 'office' })).body.items).toHaveLength(1);
  });
});

describe('sending a driver and closing', () => {
  it('only staff assign; the assigned driver closes it, another driver finds no such call, and a closed call is 409', async () => {
    const opened = (await open({ customerId: 'cust-b', kind: 'regulator', description: '調整器漏氣聲', someoneHome: true })).body;
    expect((await assign(opened.id, 'drv-1', 'driver1')).status).toBe(403);
    expect((await assign(opened.id, 'drv-1', 'customerB')).status).toBe(403);
    expect((await assign('svc-missing', 'drv-1')).status).toBe(404);
    expect((await assign(opened.id, 'drv-nobody')).status).toBe(404);
    const sent = await assign(opened.id, 'drv-1');
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'assigned', driverId: 'drv-1', assignment: { driverId: 'drv-1', driverName: day.drivers[0]!.name } });

    const refused = await close(opened.id, { outcome: 'fixed' }, 'driver2', 'zh-TW');
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([404, 'SERVICE_CALL.NOT_FOUND', '找不到這筆報修']);
    expect((await close(opened.id, { outcome: 'fixed' }, 'customerB')).status).toBe(403);
    const noWords = await close(opened.id, { outcome: 'parts_replaced' }, 'driver1', 'en');
    expect([noWords.status, noWords.body.error.fields]).toEqual([400, [expect.objectContaining({ path: 'body.note', message: 'Say which parts were replaced or what needs following up' })]]);

    const closed = await close(opened.id, { outcome: 'parts_replaced', note: '更換調整器' });
    expect(closed.body).toMatchObject({ status: 'closed', result: { outcome: 'parts_replaced', note: '更換調整器', by: { uid: PRINCIPALS.driver1.uid, role: 'driver' } } });
    const twice = await close(opened.id, { outcome: 'fixed' }, 'office', 'en');
    expect([twice.status, twice.body.error.code]).toEqual([409, 'SERVICE_CALL.CLOSED']);
    expect((await assign(opened.id, 'drv-2')).status).toBe(409);
  });

  it('handed to another driver, the first can no longer close it', async () => {
    const opened = (await open({ customerId: 'cust-b', kind: 'appliance', description: '爐子點不著', someoneHome: true })).body;
    await assign(opened.id, 'drv-1');
    await assign(opened.id, 'drv-2');
    expect((await close(opened.id, { outcome: 'fixed' }, 'driver1')).status).toBe(404);
    expect((await close(opened.id, { outcome: 'fixed' }, 'driver2')).status).toBe(200);
  });

  it('unsafe: stops the supply with the items in the same write, warns at the driver’s stop and alerts the office, until an inspection passes', async () => {
    const customerId = stopped.customer.id;
    const opened = (await open(smell(customerId))).body;
    await assign(opened.id, 'drv-1');
    const noItems = await close(opened.id, { outcome: 'unsafe' }, 'driver1', 'zh-TW');
    expect([noItems.status, noItems.body.error.fields[0].message]).toEqual([400, '停止供氣時請勾選不安全的項目']);
    expect((await close(opened.id, { outcome: 'unsafe', unsafeItems: ['hose'], note: '管線龜裂，已關閉總開關' })).status).toBe(200);

    const today = taipeiDate(new Date());
    const record = (await stack.container.db.collection('customers').doc(customerId).get()).data() as Json;
    expect(record.supplyStop).toEqual({ serviceCallId: opened.id, since: today, items: ['hose'] });
    expect(record.safetyDueKey).toBe(today);
    const view = await call('GET', `/api/driver/routes/${route.id}/safety`, { as: 'driver1' });
    expect(view.body.customers[customerId]).toMatchObject({ due: true, supplyStopped: true, openItems: ['hose'] });
    const due = await call('GET', '/api/safety-inspections/due?withinDays=0&limit=100', { as: 'office' });
    expect(due.body.items.find((i: Json) => i.customerId === customerId)).toMatchObject({ supplyStopped: true, openItems: ['hose'] });
    await eventually(async () => {
      const snap = await stack.container.db.collection('alerts').where('kind', '==', 'system.service_call_unsafe').get();
      return snap.empty ? null : snap.docs;
    });

    const items = SAFETY_ITEMS.map((item) => ({ item, result: 'ok' }));
    const inspected = await call('POST', '/api/safety-inspections', {
      as: 'office',
      key: `svc-recheck-${customerId}`,
      body: { customerId, inspectedOn: today, items, technician: { name: '陳建宏', certificateNo: '北市消安字第 1090001 號' }, confirmation: { kind: 'paper', name: '林美玲' } },
    });
    expect(inspected.status).toBe(201);
    const after = (await stack.container.db.collection('customers').doc(customerId).get()).data() as Json;
    expect(after.supplyStop).toBeUndefined();
    expect((await call('GET', `/api/driver/routes/${route.id}/safety`, { as: 'driver1' })).body.customers[customerId].supplyStopped).toBeUndefined();
  });
});

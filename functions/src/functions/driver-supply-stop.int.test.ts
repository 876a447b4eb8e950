import { randomUUID } from 'node:crypto';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { taipeiDate } from '../domain/clock';
import { QUEUED_UPLOAD_MS } from '../domain/orders';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * 停止供氣 at the door, on the emulators: a driver leaving cylinders with a customer whose supply a service call stopped is
 * refused while still at the door (the upload sent as recorded), in the driver's language, and may take the empties only;
 * an upload that waited in the phone's offline queue is recorded, because the cylinders are already there, and the office
 * is alerted at once. A call's close the queue sends again after a lost answer closes it once.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const stop = { serviceCallId: 'svc-stop', since: today, items: ['hose' as const] };
// Booked and routed before a service call stopped their supply, which writes the stop as below.
const supplied = [aNearbyCustomer('cust-1', 1, { name: '停氣林家' }), aNearbyCustomer('cust-2', 2, { name: '停氣陳家' })];
const customers = supplied.map((c) => ({ ...c, supplyStop: stop }));
const orders = supplied.map((c, i) => aConfirmedOrder(`ord-${i + 1}`, c, today, { items: [{ size: 20, quantity: 2 }], emptiesToCollect: [{ size: 20, quantity: 2 }], paymentMethod: 'cash' }));
const route = aDraftRoute({ id: 'stop-r1', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: orders.map((order, i) => ({ order, customer: customers[i]! })) });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'driver-supply-stop', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'systemAlerts') });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders });
  await stack.container.db.collection('users').doc('u-driver1').set({ uid: 'u-driver1', username: 'driver1', displayName: '陳大明', role: 'driver', driverId: 'drv-1', disabled: false });
  await stack.container.db.collection('routes').doc(route.id).set({ ...route, version: 1 });
  expect((await call('POST', `/api/routes/${route.id}/publish`, { as: 'office' })).status).toBe(200);
});
afterAll(() => stack.close());

const orderDoc = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data() as Json;
const deliver = (orderId: string, body: Json, lang?: string) => call('POST', `/api/driver/stops/${orderId}/deliver`, { as: 'driver1', body, ...(lang ? { lang } : {}) });
const stopAlerts = async () => (await stack.container.db.collection('alerts').where('kind', '==', 'system.supply_stop_delivered').get()).docs.map((d) => d.data() as Json);
const twoFull = { delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [{ size: 20, quantity: 2 }], cashCollected: 1700 };

describe('a delivery to a customer whose supply a service call stopped (停止供氣)', () => {
  it('leaving cylinders, sent as the driver records it, is refused 422 ORDER.SUPPLY_STOPPED in their language, writing nothing', async () => {
    const zh = await deliver('ord-1', { actionId: randomUUID(), at: new Date().toISOString(), ...twoFull }, 'zh-TW');
    expect([zh.status, zh.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect(zh.body.error.message).toBe(`${Number(today.slice(5, 7))}/${Number(today.slice(8))} 報修檢查發現瓦斯設備不安全（橡皮管（老化、長度、管束／安全夾）），已停止供氣，安全檢查合格前不能送瓦斯；請勿留下鋼瓶，可改記為只回收空瓶或無法送達`);
    // Without `at` the action is as of its arrival: sent at once.
    const en = await deliver('ord-1', { actionId: randomUUID(), ...twoFull }, 'en');
    expect([en.status, en.body.error.code]).toEqual([422, 'ORDER.SUPPLY_STOPPED']);
    expect(en.body.error.message).toContain('do not leave any cylinder: record it as collecting the empties only, or as failed');
    expect(await orderDoc('ord-1')).toMatchObject({ status: 'scheduled', version: 2 });
    expect(await stopAlerts()).toEqual([]);
  });

  it('taking the empties only instead is recorded on that order, billing nothing and keeping what was ordered', async () => {
    const res = await deliver('ord-1', { actionId: randomUUID(), delivered: [], emptiesCollected: [{ size: 20, quantity: 2 }] });
    expect([res.status, res.body.status]).toEqual([200, 'delivered']);
    expect(await orderDoc('ord-1')).toMatchObject({ status: 'delivered', items: [], total: 0, orderedItems: [expect.objectContaining({ size: 20, quantity: 2 })] });
  });

  it('uploaded from the offline queue, is recorded (the cylinders are there) and raises one critical alert naming customer, driver and cylinders', async () => {
    const recorded = new Date(Date.now() - QUEUED_UPLOAD_MS - 60_000).toISOString();
    const body = { actionId: randomUUID(), at: recorded, ...twoFull };
    const res = await deliver('ord-2', body);
    expect([res.status, res.body.status]).toEqual([200, 'delivered']);
    expect(await orderDoc('ord-2')).toMatchObject({ status: 'delivered', items: [expect.objectContaining({ size: 20, quantity: 2 })], delivery: expect.objectContaining({ at: recorded }) });
    const [alert] = await eventually(async () => ((await stopAlerts()).length > 0 ? stopAlerts() : null));
    expect(alert).toMatchObject({
      severity: 'critical',
      customerName: '停氣陳家',
      data: { customerId: 'cust-2', orderId: 'ord-2', driverId: 'drv-1', driverName: '陳大明', delivered: [{ size: 20, quantity: 2 }], at: recorded, since: today, serviceCallId: 'svc-stop' },
    });
    // The queue's retry after a lost answer records nothing twice and raises nothing again.
    expect((await deliver('ord-2', body)).body).toEqual(res.body);
    const outbox = await stack.container.db.collection('outbox').where('event.type', '==', 'system.supply_stop_delivered').get();
    expect(outbox.size).toBe(1);
  });
});

describe('a service call closed from the phone’s offline queue (報修結案)', () => {
  it('closed unsafe and sent again after a lost answer under its Idempotency-Key, closes once as of the driver’s time, stopping the supply once', async () => {
    await stack.container.db.collection('customers').doc('cust-3').set(aNearbyCustomer('cust-3', 3, { name: '地下室張家' }));
    const opened = await call('POST', '/api/service-calls', { as: 'office', body: { customerId: 'cust-3', kind: 'hose', description: '地下室管線有裂痕', someoneHome: true } });
    expect((await call('POST', `/api/service-calls/${opened.body.id}/assign`, { as: 'office', body: { driverId: 'drv-1', scheduledAt: new Date().toISOString() } })).status).toBe(200);
    // What the phone's queue sends: the closing and when the driver closed it, its action id the Idempotency-Key.
    const closedAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const upload = () =>
      call('POST', `/api/service-calls/${opened.body.id}/close`, { as: 'driver1', key: 'a6f0c1de-5b7e-4c1a-9d2e-3f4a5b6c7d8e', body: { outcome: 'unsafe', unsafeItems: ['hose'], at: closedAt } });
    const first = await upload();
    const again = await upload();
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect(again.body).toEqual(first.body);
    // Dated when the driver closed it, not when the upload got through.
    expect(first.body.result.at).toBe(closedAt);
    expect((await stack.container.db.collection('customers').doc('cust-3').get()).get('supplyStop')).toEqual({ serviceCallId: opened.body.id, since: today, items: ['hose'] });
    const unsafe = await stack.container.db.collection('outbox').where('event.type', '==', 'system.service_call_unsafe').get();
    expect(unsafe.size).toBe(1);
  });
});

import { DISTRICT_CENTRES, type Customer } from '../domain/customers';
import type { OrderStatus } from '../domain/orders';
import { aCustomer, anOrder } from '../domain/test-support';
import { idempotencyScope } from '../http/idempotency';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { outboxEventsOf } from './test-support/push-event';
import { MAX_ORDERS_FOLLOWING } from './use-cases/edit-customer';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'customers-relocate', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());
beforeEach(() => stack.clear());

const CENTRE = DISTRICT_CENTRES.新北市.中和區;
const PIN = { lat: 24.99312, lng: 121.50127 };

/** A customer the geocoder could place only at 中和區's centre, as the 位置約略 list names them. */
function roughlyLocated(id: string): Customer {
  return { ...aCustomer().withId(id).with({ location: CENTRE }).build(), locationPrecision: 'district' };
}

const db = () => stack.container.db;
const order = async (id: string): Promise<Json> => (await db().collection('orders').doc(id).get()).data() as Json;
const eventsOf = (id: string) => outboxEventsOf(db(), `orders/${id}`);

async function seed(customer: Customer, orders: readonly (readonly [string, OrderStatus])[]): Promise<void> {
  const batch = db().batch();
  batch.set(db().collection('customers').doc(customer.id), customer);
  for (const [id, status] of orders) batch.set(db().collection('orders').doc(id), { ...anOrder().withId(id).forCustomer(customer).inStatus(status).build(), version: 1 });
  await batch.commit();
}

describe("a customer's new pin moves their orders not yet on a route", () => {
  it('moves the pending and confirmed ones in the edit, leaves the scheduled and delivered ones, and a retry changes nothing twice', async () => {
    const customer = roughlyLocated('cust-rough');
    await seed(customer, [['ord-pending', 'pending'], ['ord-confirmed', 'confirmed'], ['ord-scheduled', 'scheduled'], ['ord-delivered', 'delivered']]);
    await seed(roughlyLocated('cust-other'), [['ord-other', 'pending']]);
    expect(await order('ord-pending')).toMatchObject({ location: CENTRE, locationPrecision: 'district' });

    const res = await call('PATCH', '/api/customers/cust-rough', { as: 'office', key: 'pin-1', body: { location: PIN } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ location: PIN, locationPrecision: 'manual' });
    for (const id of ['ord-pending', 'ord-confirmed']) {
      expect(await order(id)).toMatchObject({ location: PIN, locationPrecision: 'manual', version: 2, updatedAt: expect.any(String) });
      // Through the order aggregate, by the clerk who moved the pin, naming what changed.
      expect(await eventsOf(id)).toEqual([['order.updated', ['location', 'locationPrecision'], 'u-office']]);
    }
    // On a published route the stop keeps the coordinates the driver navigates by; a delivered order records where it went.
    for (const id of ['ord-scheduled', 'ord-delivered', 'ord-other']) {
      expect(await order(id)).toMatchObject({ location: CENTRE, locationPrecision: 'district', version: 1 });
      expect(await eventsOf(id)).toEqual([]);
    }
    // The customer edit's audit entry names the orders it moved, so each order's history in 稽核紀錄 finds it.
    const entry = (await db().collection('auditLog').doc(idempotencyScope('customers', 'u-office', 'pin-1')).get()).data() as Json;
    expect(entry).toMatchObject({ route: '/:id', entityId: 'cust-rough' });
    expect([...entry['entityIds']].sort()).toEqual(['cust-rough', 'ord-confirmed', 'ord-pending']);

    const replay = await call('PATCH', '/api/customers/cust-rough', { as: 'office', key: 'pin-1', body: { location: PIN } });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // The same pin sent again as a new request (a double click): the orders are there already.
    expect((await call('PATCH', '/api/customers/cust-rough', { as: 'office', key: 'pin-2', body: { location: PIN } })).status).toBe(200);
    for (const id of ['ord-pending', 'ord-confirmed']) {
      expect((await order(id))['version']).toBe(2);
      expect(await eventsOf(id)).toHaveLength(1);
    }
  });

  it('moves them with a new address, and a failed order rescheduled afterwards goes to the new place', async () => {
    const customer = roughlyLocated('cust-moving');
    await seed(customer, [['ord-open', 'confirmed'], ['ord-failed', 'failed']]);
    const address = { city: '新北市', district: '永和區', road: '永和路', section: 1, number: '8' };
    const res = await call('PATCH', '/api/customers/cust-moving', { as: 'admin', body: { address, location: PIN } });
    expect(res.status).toBe(200);
    expect(await order('ord-open')).toMatchObject({ district: '永和區', address: '新北市永和區永和路一段8號', location: PIN, locationPrecision: 'manual' });
    expect(await eventsOf('ord-open')).toEqual([['order.updated', ['district', 'address', 'location', 'locationPrecision'], 'u-admin']]);
    expect(await order('ord-failed')).toMatchObject({ district: '中和區', location: CENTRE, version: 1 });

    // The driver could not find them at the district centre; once re-pinned, the retry is planned at the pin.
    const back = await call('POST', '/api/orders/ord-failed/reschedule', { as: 'office', body: { note: '已確認位置' } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'pending', district: '永和區', location: PIN, locationPrecision: 'manual', version: 2 });
    expect((await eventsOf('ord-failed')).map(([type, fields]) => [type, fields])).toEqual([
      ['order.status_changed', undefined],
      ['order.updated', ['district', 'address', 'location', 'locationPrecision']],
    ]);
  });

  it('puts a customer who moved (搬家) on the safety due list at once, one who moved upstairs not', async () => {
    const inspected = (id: string): Customer => ({
      ...aCustomer().withId(id).build(),
      safety: { inspectionId: `si-${id}`, lastInspectedOn: '2026-09-03', result: 'pass', nextDueOn: '2028-09-03', openItems: [] },
      safetyDueKey: '2028-09-03',
    });
    await seed(inspected('cust-moved'), []);
    await seed(inspected('cust-upstairs'), []);
    const moved = await call('PATCH', '/api/customers/cust-moved', { as: 'office', body: { address: { city: '新北市', district: '新店區', road: '北新路', section: 3, number: '100', floor: '3' } } });
    expect(moved.status).toBe(200);
    expect(moved.body).not.toHaveProperty('safety');
    const upstairs = await call('PATCH', '/api/customers/cust-upstairs', { as: 'office', body: { address: { ...inspected('cust-upstairs').address, floor: '9' } } });
    expect(upstairs.body).toMatchObject({ safety: { nextDueOn: '2028-09-03' } });

    const due = await call('GET', '/api/safety-inspections/due?withinDays=0', { as: 'office' });
    expect(due.body.items.map((c: Json) => [c.customerId, c.lastInspectedOn, c.nextDueOn])).toEqual([['cust-moved', null, null]]);
  });

  it('is refused whole, changing nothing, for a customer with more orders not yet on a route than one transaction holds', async () => {
    const customer = roughlyLocated('cust-many');
    const ids = Array.from({ length: MAX_ORDERS_FOLLOWING + 1 }, (_, i) => [`ord-many-${i}`, 'pending'] as const);
    await seed(customer, ids);
    const res = await call('PATCH', '/api/customers/cust-many', { as: 'office', body: { location: PIN } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CUSTOMER.TOO_MANY_OPEN_ORDERS' });
    expect(res.body.error.message).toContain(String(MAX_ORDERS_FOLLOWING));
    expect((await db().collection('customers').doc('cust-many').get()).data()).toMatchObject({ location: CENTRE, locationPrecision: 'district' });
    expect(await order('ord-many-0')).toMatchObject({ location: CENTRE, version: 1 });
    expect((await db().collection('outbox').get()).size).toBe(0);
  });

  it('moves nothing for a caller who may not edit customers', async () => {
    await seed(roughlyLocated('cust-a'), [['ord-a', 'pending']]);
    for (const who of ['driver1', 'customerA'] as const) {
      expect((await call('PATCH', '/api/customers/cust-a', { as: who, body: { location: PIN } })).status).toBe(403);
    }
    expect(await order('ord-a')).toMatchObject({ location: CENTRE, version: 1 });
  });
});

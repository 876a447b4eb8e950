import { randomUUID } from 'node:crypto';
import { taipeiDate } from '../domain/clock';
import { orderInvoiceId } from '../domain/invoicing';
import type { Order } from '../domain/orders';
import { aDraftRoute, aNearbyCustomer, FLEET } from '../domain/routes/test-support/fleet-mother';
import { aPriceList } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';
import { invoiceDeliveredOrder } from './use-cases/order-invoices';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
// A customer leaving, with three 16 kg cylinders still at the shop.
const leaving = aNearbyCustomer('cust-leaving', 6, { cylindersOnSite: [{ size: 16, count: 3, depositPaid: 0 }] });
const three16 = [{ size: 16, quantity: 3 }];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'collection-orders', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), orders: [] }, { customers: [leaving] });
  await Promise.all(aPriceList().map((p) => stack.container.db.collection('priceList').doc(`p-${p.size}`).set(p)));
});
afterAll(() => stack.close());

const orderDoc = async (id: string) => (await stack.container.db.collection('orders').doc(id).get()).data() as Order;

describe('a collection-only order (回收空瓶) on the emulators', () => {
  it('is refused to the customer (403) and without anything to collect (400), writing nothing', async () => {
    const self = { uid: 'u-cust-leaving', role: 'customer', customerId: leaving.id } as const;
    const asked = await call('POST', '/api/orders', { as: self, body: { items: [], emptiesToCollect: three16, requestedDate: today } });
    expect([asked.status, asked.body.error.code]).toEqual([403, 'ORDER.COLLECTION_STAFF_ONLY']);
    const nothing = await call('POST', '/api/orders', { as: 'office', body: { customerId: leaving.id, items: [], requestedDate: today }, lang: 'en' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.fields).toEqual([expect.objectContaining({ path: 'body.items', message: 'An order needs at least one item' })]);
    expect((await stack.container.db.collection('orders').where('customerId', '==', leaving.id).get()).size).toBe(0);
  });

  it('is made of an ordinary order through 修改訂單 by the office, and back, priced; a customer is refused, nothing at all is 400, one on a route 409', async () => {
    const self = { uid: 'u-cust-leaving', role: 'customer', customerId: leaving.id } as const;
    const placed = await call('POST', '/api/orders', { as: 'office', body: { customerId: leaving.id, items: [{ size: 16, quantity: 1 }], emptiesToCollect: [], requestedDate: today } });
    expect(placed.status).toBe(201);
    const id = placed.body.id as string;
    const patch = (body: Json, as: 'office' | typeof self = 'office') => call('PATCH', `/api/orders/${id}`, { as, body, lang: 'en' });

    const asked = await patch({ items: [], emptiesToCollect: three16 }, self);
    expect([asked.status, asked.body.error.code]).toEqual([403, 'ORDER.COLLECTION_STAFF_ONLY']);
    const nothing = await patch({ items: [] });
    expect([nothing.status, nothing.body.error.message]).toEqual([400, 'An order needs at least one item']);
    expect(await orderDoc(id)).toMatchObject({ items: [{ size: 16, quantity: 1 }], version: 1 });

    const collection = await patch({ items: [], emptiesToCollect: three16 });
    expect(collection.status).toBe(200);
    expect(collection.body).toMatchObject({ items: [], total: 0, emptiesToCollect: three16, version: 2 });
    expect((await patch({ emptiesToCollect: [{ size: 16, quantity: 2 }] }, self)).status).toBe(403);
    const sale = await patch({ items: [{ size: 16, quantity: 1 }] });
    expect(sale.body).toMatchObject({ items: [{ size: 16, quantity: 1, unitPrice: 690 }], total: 690, emptiesToCollect: three16 });

    await stack.container.db.collection('orders').doc(id).update({ status: 'scheduled' });
    const planned = await patch({ items: [] });
    expect([planned.status, planned.body.error.code]).toEqual([409, 'ORDER.FIELD_NOT_EDITABLE']);
    await stack.container.db.collection('orders').doc(id).delete();
  });

  it('goes from the office onto a route and to the driver, who takes the empties back: NT$0, no invoice, stock and cylinders on site moved', async () => {
    const created = await call('POST', '/api/orders', { as: 'office', body: { customerId: leaving.id, items: [], emptiesToCollect: three16, requestedDate: today } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ items: [], total: 0, emptiesToCollect: three16 });
    const id = created.body.id as string;
    expect((await call('POST', `/api/orders/${id}/confirm`, { as: 'office' })).status).toBe(200);

    const route = aDraftRoute({ id: 'collect-r1', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: [{ order: await orderDoc(id), customer: leaving }] });
    expect(route.stops.map((s) => s.demand)).toEqual([[]]);
    await stack.container.db.collection('routes').doc(route.id).set({ ...route, version: 1 });
    expect((await call('POST', `/api/routes/${route.id}/publish`, { as: 'office' })).status).toBe(200);

    const deliver = (body: Json) => call('POST', `/api/driver/stops/${id}/deliver`, { as: 'driver1', body: { actionId: randomUUID(), delivered: [], ...body } });
    const nothingTaken = await deliver({ emptiesCollected: [] });
    expect([nothingTaken.status, nothingTaken.body.error.code]).toEqual([400, 'ORDER.NOTHING_DELIVERED']);
    expect((await deliver({ emptiesCollected: three16 })).status).toBe(200);

    expect(await orderDoc(id)).toMatchObject({ status: 'delivered', items: [], total: 0, delivery: { delivered: [], emptiesCollected: three16, cashCollected: 0 } });
    const customer = (await stack.container.db.collection('customers').doc(leaving.id).get()).data() as Json;
    expect(customer.cylindersOnSite).toEqual([]);
    await invoiceDeliveredOrder(stack.container, id);
    expect((await stack.container.db.collection('invoices').doc(orderInvoiceId(id)).get()).exists).toBe(false);

    // The 司機日結 counts the stop as a collection, its empties as the day's, with nothing due for it.
    const [row] = (await call('GET', `/api/settlements?date=${today}&driverId=drv-1`, { as: 'office' })).body.drivers as Json[];
    expect(row).toMatchObject({ stops: { delivered: 0, failed: 0, collected: 1 }, cylindersDelivered: [], empties: { expected: three16, collected: three16 }, notCollectedAtDoor: [] });
    const settled = await call('POST', '/api/settlements', { as: 'office', body: { date: today, driverId: 'drv-1', cashReceived: 0, emptiesReceived: three16 } });
    expect(settled.status).toBe(200);
    const stock = (await stack.container.db.collection('cylinderStock').doc(FLEET.vehicles[0]!.depotId).get()).get('lines') as Json[];
    expect(stock.find((l) => l.size === 16)).toMatchObject({ full: 0, empty: 3 });
  });
});

import { randomUUID } from 'node:crypto';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { firestoreSalesStore } from '../adapters/firestore/sales-store';
import { monthBounds, previousMonth, taipeiMonth } from '../domain/billing';
import type { Customer } from '../domain/customers';
import { salesTotals } from '../domain/reports/monthly-sales';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

/** Deposits (押金) the driver collects at the door: written with the stop, counted once, handed in at the settlement. */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
// cust-1 is new (nothing on site); cust-2 already has two 20 kg covered by a deposit.
const customers = [aNearbyCustomer('cust-1', 1), aNearbyCustomer('cust-2', 2, { cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] }), aNearbyCustomer('cust-3', 3)];
// The order mother prices 20 kg at NT$850.
const orders = [
  aConfirmedOrder('ord-1', customers[0]!, today, { items: [{ size: 20, quantity: 2 }], emptiesToCollect: [], paymentMethod: 'cash' }),
  aConfirmedOrder('ord-2', customers[1]!, today, { items: [{ size: 20, quantity: 3 }], emptiesToCollect: [{ size: 20, quantity: 2 }], paymentMethod: 'monthly' }),
  aConfirmedOrder('ord-3', customers[2]!, today, { items: [{ size: 20, quantity: 1 }], emptiesToCollect: [], paymentMethod: 'cash' }),
];
const stopOf = (i: number) => ({ order: orders[i]!, customer: customers[i]! });
const r1 = aDraftRoute({ id: 'dep-r1', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: [stopOf(0), stopOf(1)] });
const r2 = aDraftRoute({ id: 'dep-r2', date: today, vehicle: FLEET.vehicles[1]!, driver: FLEET.drivers[1]!, stops: [stopOf(2)] });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'driver-deposits', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders });
  // The driver's account: deposit records are signed with the name the team knows them by.
  await stack.container.db.collection('users').doc('u-driver1').set({ uid: 'u-driver1', username: 'driver1', displayName: '陳大明', role: 'driver', driverId: 'drv-1', disabled: false });
  for (const r of [r1, r2]) {
    await stack.container.db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    expect((await call('POST', `/api/routes/${r.id}/publish`, { as: 'office' })).status).toBe(200);
  }
});
afterAll(() => stack.close());

const customerDoc = async (id: string) => (await stack.container.db.collection('customers').doc(id).get()).data() as Json;
const depositDocs = async (customerId: string) => (await stack.container.db.collection(`customers/${customerId}/deposits`).get()).docs.map((d) => d.data());
const deliver = (orderId: string, body: Json, as: 'driver1' | 'driver2' = 'driver1', lang?: string) =>
  call('POST', `/api/driver/stops/${orderId}/deliver`, { as, body, ...(lang ? { lang } : {}) });

describe('deposits collected at the door', () => {
  it("give the driver their own route's cylinders on site and the standard deposit, and nobody else's", async () => {
    const res = await call('GET', '/api/driver/routes/dep-r1/cylinders-on-site', { as: 'driver1' });
    expect(res.status).toBe(200);
    expect(res.body.customers).toEqual(
      expect.arrayContaining([
        { customerId: 'cust-1', cylindersOnSite: [] },
        { customerId: 'cust-2', cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] },
      ]),
    );
    expect(res.body.customers).toHaveLength(2);
    expect(res.body.standard).toContainEqual({ size: 20, amount: 1200 });
    const other = await call('GET', '/api/driver/routes/dep-r2/cylinders-on-site', { as: 'driver1' });
    expect([other.status, other.body.error.code]).toEqual([404, 'ROUTE.NOT_FOUND']);
  });

  it('refuse bad lines (count outside 1–100, a fraction of a dollar, one size twice) writing nothing', async () => {
    for (const depositCollected of [[{ size: 20, count: 0, amount: 0 }], [{ size: 20, count: 1, amount: 1200.5 }], [{ size: 20, count: 101, amount: 1200 }], [{ size: 20, count: 1, amount: 1200 }, { size: 20, count: 1, amount: 1200 }]]) {
      const res = await deliver('ord-1', { actionId: randomUUID(), delivered: [{ size: 20, quantity: 2 }], cashCollected: 1700, depositCollected });
      expect(res.status).toBe(400);
    }
    expect(await depositDocs('cust-1')).toEqual([]);
    expect((await customerDoc('cust-1')).cylindersOnSite).toEqual([]);
  });

  it("refuse another driver's stop as today, writing no deposit", async () => {
    const res = await deliver('ord-3', { actionId: randomUUID(), delivered: [{ size: 20, quantity: 1 }], depositCollected: [{ size: 20, count: 1, amount: 1200 }] });
    expect([res.status, res.body.error.code]).toEqual([404, 'ORDER.NOT_FOUND']);
    expect(await depositDocs('cust-3')).toEqual([]);
  });

  it('refuse (422) deposits the stop does not leave due — more cylinders, a size not delivered, ten times the standard, nothing at all — recording neither deposit nor delivery', async () => {
    // ord-1 leaves two 20 kg at a new customer: 2 × NT$1,200 is due, and nothing else.
    const due = [{ size: 20, count: 2, amount: 2400 }];
    const refusals: [Json[], string, string][] = [
      [[{ size: 20, count: 5, amount: 6000 }], 'DEPOSIT.DOOR_EXCEEDS_DUE', 'body.depositCollected.0.count'],
      [[{ size: 20, count: 2, amount: 2400 }, { size: 50, count: 1, amount: 2500 }], 'DEPOSIT.DOOR_EXCEEDS_DUE', 'body.depositCollected.1.count'],
      [[{ size: 20, count: 1, amount: 12000 }], 'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE', 'body.depositCollected.0.amount'],
      [[{ size: 20, count: 1, amount: 0 }], 'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE', 'body.depositCollected.0.amount'],
    ];
    for (const [depositCollected, code, path] of refusals) {
      const actionId = randomUUID();
      const res = await deliver('ord-1', { actionId, delivered: [{ size: 20, quantity: 2 }], cashCollected: 1700, depositCollected });
      expect([res.status, res.body.error.code]).toEqual([422, code]);
      expect(res.body.error.details.due).toEqual(due);
      expect(res.body.error.fields).toEqual([{ path, message: res.body.error.message }]);
      expect((await stack.container.db.collection('driverActions').doc(actionId).get()).exists).toBe(false);
    }
    expect(await depositDocs('cust-1')).toEqual([]);
    expect((await customerDoc('cust-1')).cylindersOnSite).toEqual([]);
    expect((await stack.container.db.collection('orders').doc('ord-1').get()).get('status')).not.toBe('delivered');
    expect((await stack.container.db.collection('routes').doc('dep-r1').get()).get('stops')[0].outcome).toBeUndefined();
  });

  it('say in the driver’s language what is due and that the delivery was not recorded', async () => {
    const body = () => ({ actionId: randomUUID(), delivered: [{ size: 20, quantity: 2 }], cashCollected: 1700, depositCollected: [{ size: 20, count: 5, amount: 6000 }] });
    expect((await deliver('ord-1', body())).body.error.message).toBe('這次送貨後 20 公斤鋼瓶只有 2 支未收押金，不能收 5 支的押金；這筆送貨未記錄，請依實際情形重新回報');
    expect((await deliver('ord-1', body(), 'driver1', 'en')).body.error.message).toBe(
      'After this delivery only 2 of the 20 kg cylinders lack a deposit, not 5; the delivery was not recorded, report it again as it happened',
    );
  });

  it('record each line as a cash deposit with the order, add it to depositPaid, and write nothing twice on a replay', async () => {
    const body = { actionId: randomUUID(), delivered: [{ size: 20, quantity: 2 }], cashCollected: 1700, depositCollected: [{ size: 20, count: 2, amount: 2000 }] };
    const first = await deliver('ord-1', body);
    expect(first.status).toBe(200);
    const records = await depositDocs('cust-1');
    expect(records).toEqual([
      expect.objectContaining({ customerId: 'cust-1', orderId: 'ord-1', kind: 'collect', method: 'cash', size: 20, count: 2, amount: 2000, receivedOn: today, by: '陳大明' }),
    ]);
    const after = await customerDoc('cust-1');
    expect(after.cylindersOnSite).toEqual([{ size: 20, count: 2, depositPaid: 2000 }]);

    const replay = await deliver('ord-1', body);
    expect(replay.body).toEqual(first.body);
    expect(await depositDocs('cust-1')).toEqual(records);
    expect(await customerDoc('cust-1')).toEqual(after);
  });

  const monthlyDelivery = { actionId: randomUUID(), delivered: [{ size: 20, quantity: 3 }], emptiesCollected: [{ size: 20, quantity: 2 }], depositCollected: [{ size: 20, count: 1, amount: 1200 }] };

  it('take the extra cylinder’s deposit on a monthly account too', async () => {
    const res = await deliver('ord-2', monthlyDelivery);
    expect(res.status).toBe(200);
    expect((await customerDoc('cust-2')).cylindersOnSite).toEqual([{ size: 20, count: 3, depositPaid: 3600 }]);
  });

  it('answer a replay of an accepted delivery as the first time, even when its deposit would no longer be due', async () => {
    // The office takes a deposit for a fourth cylinder meanwhile: judged afresh, the driver's line would now be refused.
    const office = await call('POST', '/api/customers/cust-2/deposits', { as: 'office', key: randomUUID(), body: { kind: 'collect', size: 20, count: 1, method: 'transfer', receivedOn: today } });
    expect(office.status).toBe(201);
    const before = await customerDoc('cust-2');
    const replay = await deliver('ord-2', monthlyDelivery);
    expect([replay.status, replay.body.status]).toEqual([200, 'delivered']);
    expect(await customerDoc('cust-2')).toEqual(before);
    expect((await depositDocs('cust-2')).filter((d) => d.orderId === 'ord-2')).toHaveLength(1);
  });

  it('show in the settlement apart from the orders’ cash, and hold the hand-in to both', async () => {
    const res = await call('GET', '/api/settlements?driverId=drv-1', { as: 'office' });
    const [row] = res.body.drivers;
    expect(row.cash).toEqual({ expected: 1700, collected: 1700, difference: 0 });
    expect(row.deposits).toEqual({
      collected: 3200,
      lines: [
        { orderId: 'ord-1', customerName: customers[0]!.name, size: 20, count: 2, amount: 2000 },
        { orderId: 'ord-2', customerName: customers[1]!.name, size: 20, count: 1, amount: 1200 },
      ],
    });
    const settled = await call('POST', '/api/settlements', { as: 'office', key: randomUUID(), body: { date: today, driverId: 'drv-1', cashReceived: 4900 } });
    expect(settled.status).toBe(200);
    const own = await call('GET', '/api/settlements', { as: 'driver1' });
    expect(own.body.drivers[0]).toMatchObject({ deposits: { collected: 3200 }, handInDifference: 0 });
  });

  it('appear on the customer’s statement as ordinary deposit records', async () => {
    const res = await call('GET', `/api/statements/cust-1?month=${today.slice(0, 7)}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.deposits).toMatchObject({ collected: 2000, refunded: 0, heldAtEnd: [{ size: 20, amount: 2000 }] });
    expect(res.body.deposits.records).toEqual([expect.objectContaining({ kind: 'collect', method: 'cash', amount: 2000, receivedOn: today })]);
  });

  it('booked on the first open day when the phone syncs after the door day’s month was closed (關帳), the door day kept, once — the delivery’s charge too', async () => {
    const lastMonth = previousMonth(taipeiMonth(new Date()));
    const doorDay = monthBounds(lastMonth).lastDay;
    const firstOpenDay = addDays(doorDay, 1);
    expect((await call('PUT', '/api/books', { as: 'admin', body: { closedThrough: doorDay } })).status).toBe(200);
    // The driver delivered at 18:00 on the month's last day with no signal; the phone's queue sends it now.
    const body = { actionId: randomUUID(), at: `${doorDay}T10:00:00.000Z`, delivered: [{ size: 20, quantity: 1 }], depositCollected: [{ size: 20, count: 1, amount: 1200 }] };
    const synced = await deliver('ord-3', body, 'driver2');
    expect(synced.status).toBe(200);
    const [record] = await depositDocs('cust-3');
    expect(record).toMatchObject({ orderId: 'ord-3', amount: 1200, receivedOn: firstOpenDay, collectedOn: doorDay });
    expect(synced.body.depositsPostedLate).toEqual({ collectedOn: doorDay, receivedOn: firstOpenDay, depositIds: [record!.id] });
    // The gas was delivered on the door day; its charge (NT$850) is booked on the first open day.
    expect(synced.body.deliveryPostedLate).toEqual({ deliveredOn: doorDay, bookedOn: firstOpenDay });
    const order = (await stack.container.db.collection('orders').doc('ord-3').get()).data() as Json;
    expect(order).toMatchObject({ status: 'delivered', delivery: { at: `${doorDay}T10:00:00.000Z`, bookedOn: firstOpenDay } });

    const replay = await deliver('ord-3', body, 'driver2');
    expect(replay.body).toEqual(synced.body);
    expect(await depositDocs('cust-3')).toHaveLength(1);
    expect((await customerDoc('cust-3')).cylindersOnSite).toEqual([{ size: 20, count: 1, depositPaid: 1200 }]);

    // The closed month's statement stays as sent; the open month's lists it, with the door day, and holds it at its end.
    const statementOf = async (month: string) => (await call('GET', `/api/statements/cust-3?month=${month}`, { as: 'office' })).body as Json;
    const [closed, open] = [await statementOf(lastMonth), await statementOf(firstOpenDay.slice(0, 7))];
    expect(closed.deposits).toMatchObject({ records: [], collected: 0, heldAtEnd: [] });
    expect(open.deposits).toMatchObject({ records: [expect.objectContaining({ receivedOn: firstOpenDay, collectedOn: doorDay })], collected: 1200, heldAtEnd: [{ size: 20, amount: 1200 }] });
    expect([closed.lines, closed.totals.charges, closed.totals.closingBalance]).toEqual([[], 0, 0]);
    expect(open.lines).toEqual([expect.objectContaining({ orderId: 'ord-3', date: firstOpenDay, deliveredOn: doorDay, total: 850 })]);
    expect([open.totals.openingBalance, open.totals.charges, open.totals.closingBalance]).toEqual([0, 850, 850]);
    // Ageing reads the months' charges as statements do: owed since the first open day's month, nothing in the closed one.
    const customer = (await customerDoc('cust-3')) as unknown as Customer;
    const ledger = await firestoreReceivableStore(stack.container.db).compute(customer, new Date());
    expect([ledger.balance, ledger.oldestUnpaidMonth]).toEqual([850, firstOpenDay.slice(0, 7)]);
    // 月報: the open month counts the sale, the closed one does not.
    const revenue = async (month: string) => salesTotals(month, (await firestoreSalesStore(stack.container.db).deliveredIn(month)).filter((o) => o.customerId === 'cust-3'), []).revenue;
    expect([await revenue(lastMonth), await revenue(firstOpenDay.slice(0, 7))]).toEqual([0, 850]);
    const listed = await call('GET', '/api/customers/cust-3/deposits', { as: 'office' });
    expect(listed.body.items).toEqual([expect.objectContaining({ receivedOn: firstOpenDay, collectedOn: doorDay })]);

    const audit = await stack.container.db.collection('auditLog').where('entityIds', 'array-contains', record!.id).get();
    expect(audit.docs.map((d) => [d.get('function'), d.get('route'), d.get('actor.role')])).toContainEqual(['driver', '/stops/:orderId/deliver', 'driver']);
  });
});

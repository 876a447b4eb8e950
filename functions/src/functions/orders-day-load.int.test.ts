import { setLogFunction } from '@google-cloud/firestore';
import { aCustomer, anOrder } from '../domain/test-support';
import { DEPOTS, DRIVERS, VEHICLES } from '../local/seed/fleet';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

// Far-future days with fixed bookings: the figures hold whatever the day and hour the suite runs.
const DAY = '2030-12-02';
const NEXT = '2030-12-03';
const AFTER = '2030-12-04';
const zhonghe = DEPOTS.find((d) => d.id === 'depot-zhonghe');
const sanchong = DEPOTS.find((d) => d.id === 'depot-sanchong');
const south = aCustomer().withId('cust-south').withCode('C00001').build();
const north = aCustomer().withId('cust-north').withCode('C00002').with({ location: sanchong?.location }).build();
const unpinned = aCustomer().withId('cust-unpinned').withCode('C00003').with({ location: undefined }).build();
// 南區's branch, delivered from 中和站 as 南區 is: its head office books for it in the portal.
const branch = { ...aCustomer().withId('cust-south-branch').withCode('C00004').build(), payerId: south.id, payerSince: '2030-01-01T00:00:00.000Z' };
const asCustomer = (customer: { readonly id: string }) => ({ uid: `u-${customer.id}`, role: 'customer', customerId: customer.id }) as const;

/** How many queries of `orders` the SDK sends while `run` runs: the day's load is one read of the span's open orders. */
async function ordersQueriesDuring(run: () => Promise<unknown>): Promise<number> {
  let queries = 0;
  setLogFunction((line) => {
    if (line.includes('Sending request') && line.includes('"structuredQuery":{"from":[{"collectionId":"orders"}]')) queries += 1;
  });
  try {
    await run();
  } finally {
    setLogFunction(null);
  }
  return queries;
}

beforeAll(async () => {
  stack = await startTestStack({ suite: 'orders-day-load', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  if (!zhonghe || !sanchong) throw new Error('the seed has both depots');
  // 中和站: one truck with its driver making 2 stops a day. 三重站: no truck, no capacity known.
  await db.collection('depots').doc(zhonghe.id).set({ ...zhonghe, stopsPerTruck: 2 });
  await db.collection('depots').doc(sanchong.id).set(sanchong);
  const truck = VEHICLES.find((v) => v.depotId === zhonghe.id);
  const driver = DRIVERS.find((d) => d.vehicleId === truck?.id);
  if (!truck || !driver) throw new Error('the seed has a truck with its driver at 中和站');
  await db.collection('vehicles').doc(truck.id).set(truck);
  await db.collection('drivers').doc(driver.id).set(driver);
  for (const customer of [south, north, unpinned, branch]) await db.collection('customers').doc(customer.id).set(customer);
  const orders = [
    anOrder().withId('ord-1').forCustomer(south).with({ requestedDate: DAY, items: [{ size: 20, quantity: 2 }] }).build(),
    anOrder().withId('ord-2').forCustomer(south).with({ requestedDate: DAY, items: [{ size: 50, quantity: 1 }] }).inStatus('scheduled').build(),
    // Not stops of 中和站's day: an unconfirmed nightly suggestion, a cancelled order and 三重站's order.
    { ...anOrder().withId('ord-suggested').forCustomer(south).with({ requestedDate: DAY }).build(), source: 'forecast' as const },
    anOrder().withId('ord-cancelled').forCustomer(south).with({ requestedDate: DAY }).inStatus('cancelled').build(),
    anOrder().withId('ord-north').forCustomer(north).with({ requestedDate: DAY }).build(),
    anOrder().withId('ord-3').forCustomer(south).with({ requestedDate: NEXT }).build(),
    anOrder().withId('ord-4').forCustomer(south).with({ requestedDate: NEXT }).build(),
    anOrder().withId('ord-5').forCustomer(south).with({ requestedDate: AFTER }).build(),
  ];
  for (const order of orders) await db.collection('orders').doc(order.id).set(order);
});
afterAll(() => stack.close());

describe('GET /api/orders/day-load on the emulators', () => {
  it("tells the office a day at the customer's depot is full, with its booked orders and cylinders, and the next day with room", async () => {
    for (const who of ['office', 'admin'] as const) {
      const res = await call('GET', `/api/orders/day-load?customerId=${south.id}&date=${DAY}`, { as: who });
      expect([res.status, res.body]).toEqual([
        200,
        { date: DAY, orders: 2, cylinders: 3, capacity: 2, full: true, nextDayWithRoom: AFTER, depotName: zhonghe?.name },
      ]);
    }
    const after = await call('GET', `/api/orders/day-load?customerId=${south.id}&date=${AFTER}`, { as: 'office' });
    expect(after.body).toMatchObject({ orders: 1, capacity: 2, full: false, nextDayWithRoom: null });
  });

  it('weighs nothing where there is nothing to weigh: a depot without a truck, a customer without a pin', async () => {
    const northLoad = await call('GET', `/api/orders/day-load?customerId=${north.id}&date=${DAY}`, { as: 'office' });
    expect(northLoad.body).toMatchObject({ orders: 1, capacity: null, full: false, depotName: sanchong?.name });
    const none = await call('GET', `/api/orders/day-load?customerId=${unpinned.id}&date=${DAY}`, { as: 'office' });
    expect([none.status, none.body]).toEqual([200, null]);
  });

  it('refuses drivers and customers, and answers a bad question with 4xx saying what is wrong', async () => {
    for (const who of ['driver1', 'customerA'] as const) {
      expect((await call('GET', `/api/orders/day-load?customerId=${south.id}&date=${DAY}`, { as: who })).status).toBe(403);
    }
    const noDate = await call('GET', `/api/orders/day-load?customerId=${south.id}`, { as: 'office' });
    expect([noDate.status, noDate.body.error.fields[0].path]).toEqual([400, 'query.date']);
    const badDate = await call('GET', `/api/orders/day-load?customerId=${south.id}&date=2030-13-45`, { as: 'office' });
    expect([badDate.status, badDate.body.error.fields[0].path]).toEqual([400, 'query.date']);
    const unknown = await call('GET', `/api/orders/day-load?customerId=cust-nobody&date=${DAY}`, { as: 'office' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CUSTOMER.NOT_FOUND']);
  });

  it('reads the open orders of the span once: one query for the office\'s day, one for the six weeks the portal marks', async () => {
    const office = await ordersQueriesDuring(() => call('GET', `/api/orders/day-load?customerId=${south.id}&date=${DAY}`, { as: 'office' }));
    const portal = await ordersQueriesDuring(() => call('GET', `/api/orders/full-days?from=2030-11-25&through=2031-01-05`, { as: asCustomer(south) }));
    expect({ office, portal }).toEqual({ office: 1, portal: 1 });
  });
});

describe('GET /api/orders/full-days on the emulators', () => {
  const span = `from=${DAY}&through=${AFTER}`;

  it("tells a customer which days are full at their depot and nothing else: no figure of anyone's orders, no capacity, no depot", async () => {
    const own = await call('GET', `/api/orders/full-days?${span}`, { as: asCustomer(south) });
    expect([own.status, own.body]).toEqual([200, { from: DAY, through: AFTER, full: [DAY, NEXT] }]);
    // 三重站 has no truck, and a customer without a pin has no depot: no day is full to them.
    for (const who of [north, unpinned]) expect((await call('GET', `/api/orders/full-days?${span}`, { as: asCustomer(who) })).body).toEqual({ from: DAY, through: AFTER, full: [] });
  });

  it("lets a head office ask for its branch, and refuses any other customer's days alike whether or not the customer exists", async () => {
    const forBranch = await call('GET', `/api/orders/full-days?${span}&customerId=${branch.id}`, { as: asCustomer(south) });
    expect([forBranch.status, forBranch.body.full]).toEqual([200, [DAY, NEXT]]);
    for (const other of [south.id, 'cust-nobody']) {
      const refused = await call('GET', `/api/orders/full-days?${span}&customerId=${other}`, { as: asCustomer(north) });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    }
  });

  it("refuses staff and drivers, who ask the office's day-load, a customer the office's figures, and a span backwards or too long in the caller's language", async () => {
    for (const who of ['office', 'admin', 'driver1'] as const) expect((await call('GET', `/api/orders/full-days?${span}`, { as: who })).status).toBe(403);
    expect((await call('GET', `/api/orders/day-load?customerId=${south.id}&date=${DAY}`, { as: asCustomer(south) })).status).toBe(403);
    const backwards = await call('GET', `/api/orders/full-days?from=${AFTER}&through=${DAY}`, { as: asCustomer(south) });
    expect([backwards.status, backwards.body.error.fields[0]]).toEqual([400, expect.objectContaining({ path: 'query.through', message: '日期區間須由早到晚，且不超過 42 天' })]);
    const tooLong = await call('GET', `/api/orders/full-days?from=2030-11-24&through=2031-01-05`, { as: asCustomer(south), lang: 'en' });
    expect([tooLong.status, tooLong.body.error.fields[0]]).toEqual([400, expect.objectContaining({ path: 'query.through', message: 'The days asked must run forwards and span at most 42 days' })]);
  });
});

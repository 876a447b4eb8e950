import type { Order } from '../orders';
import { aCustomer, anOrder } from '../test-support';
import { failedStops, handledOn, recordSettlement, settlementDay, settlementInputSchema, type Settlement, type SettlementInput } from './driver-settlement';

const DAY = '2026-11-28';
const OFFICE = { uid: 'u-office', role: 'office' } as const;
const ADMIN = { uid: 'u-admin', role: 'admin' } as const;
const names = new Map([
  ['drv-1', '陳大明'],
  ['drv-2', '林小華'],
]);

/** A delivered order: 20 kg NT$ 850 each in the mother's price list. */
function delivered(id: string, over: { driver?: string; at?: string; pay?: Order['paymentMethod']; cash?: number; qty?: number; empties?: number; emptiesTaken?: number } = {}): Order {
  const qty = over.qty ?? 1;
  const order = anOrder()
    .withId(id)
    .forCustomer(aCustomer().withId(`c-${id}`).with({ name: `客戶 ${id}` }).build())
    .onDriver(over.driver ?? 'drv-1')
    .with({ items: [{ size: 20, quantity: qty }], emptiesToCollect: [{ size: 20, quantity: over.empties ?? qty }], paymentMethod: over.pay ?? 'cash', requestedDate: DAY })
    .inStatus('delivered')
    .build();
  return {
    ...order,
    delivery: {
      at: over.at ?? '2026-11-28T03:00:00.000Z',
      delivered: [{ size: 20, quantity: qty }],
      emptiesCollected: over.emptiesTaken === 0 ? [] : [{ size: 20, quantity: over.emptiesTaken ?? qty }],
      cashCollected: over.cash ?? (over.pay === undefined || over.pay === 'cash' ? order.total : 0),
    },
  };
}

function failed(id: string, driver = 'drv-1', date = DAY): Order {
  return {
    ...anOrder().withId(id).forCustomer(aCustomer().withId(`c-${id}`).with({ name: `客戶 ${id}` }).build()).onDriver(driver).with({ requestedDate: date }).inStatus('failed').build(),
    failureReason: '客戶不在家',
  };
}

const input = (over: Partial<SettlementInput> = {}): SettlementInput =>
  settlementInputSchema.parse({ date: DAY, driverId: 'drv-1', cashReceived: 1700, ...over });

describe('which orders count on a Taipei day', () => {
  it('counts a delivery on the Taipei day it was made, even when planned for another day', () => {
    // 16:30 UTC on the 27th is 00:30 on the 28th in Taipei.
    expect(handledOn(delivered('o1', { at: '2026-11-27T16:30:00.000Z' }), DAY)).toBe(true);
    expect(handledOn(delivered('o2', { at: '2026-11-28T15:59:59.000Z' }), DAY)).toBe(true);
    expect(handledOn(delivered('o3', { at: '2026-11-28T16:00:00.000Z' }), DAY)).toBe(false);
  });

  it('counts a failed stop on its route day and ignores orders not yet delivered', () => {
    expect(handledOn(failed('f1'), DAY)).toBe(true);
    expect(handledOn(failed('f2', 'drv-1', '2026-11-29'), DAY)).toBe(false);
    expect(handledOn(anOrder().with({ requestedDate: DAY }).inStatus('out_for_delivery').build(), DAY)).toBe(false);
  });
});

describe('failed stops from the day\'s routes', () => {
  const stop = (orderId: string, outcome?: { status: 'delivered' | 'failed'; at: string }) =>
    ({ orderId, customerId: `c-${orderId}`, seq: 1, trip: 0, eta: '2026-11-28T02:00:00.000Z', lat: 25, lng: 121.5, serviceMin: 5, demand: [], windows: [], requiredSkills: [], ...(outcome ? { outcome: { ...outcome, actionId: 'a' } } : {}) });

  it('lists a stop failed on the route even after the office rescheduled its order, with the reason of that failure', () => {
    const f = failed('f1');
    const failedAt = f.timeline.at(-1)!.at;
    // Rescheduled since: pending again, for tomorrow, no longer on a driver.
    const { driverId: _d, failureReason: _r, ...rest } = f;
    const rescheduled = { ...rest, status: 'pending' as const, requestedDate: '2026-11-29', timeline: [...f.timeline.slice(0, -1), { ...f.timeline.at(-1)!, reason: '客戶不在家' }, { at: '2026-11-28T05:00:00.000Z', by: OFFICE, from: 'failed' as const, to: 'pending' as const }] };
    const routes = [{ date: DAY, driverId: 'drv-1', stops: [stop('f1', { status: 'failed', at: failedAt }), stop('o1', { status: 'delivered', at: failedAt }), stop('open')] }];
    const rebuilt = failedStops(routes, new Map([['f1', rescheduled]]));
    expect(rebuilt).toEqual([expect.objectContaining({ id: 'f1', status: 'failed', driverId: 'drv-1', requestedDate: DAY, failureReason: '客戶不在家' })]);
    const [row] = settlementDay(DAY, { orders: rebuilt, routes: [] }, names, []);
    expect(row?.failed).toEqual([{ orderId: 'f1', customerId: 'c-f1', customerName: '客戶 f1', reason: '客戶不在家' }]);
  });

  it('skips routes without a driver and stops whose order is gone', () => {
    const routes = [{ date: DAY, stops: [stop('f1', { status: 'failed', at: '2026-11-28T03:00:00.000Z' })] }, { date: DAY, driverId: 'drv-1', stops: [stop('gone', { status: 'failed', at: '2026-11-28T03:00:00.000Z' })] }];
    expect(failedStops(routes, new Map([['f1', failed('f1')]]))).toEqual([]);
  });
});

describe('a driver’s day summary', () => {
  const orders = [
    delivered('o1', { qty: 2 }),
    delivered('o2', { cash: 800, emptiesTaken: 0 }),
    delivered('o3', { pay: 'monthly' }),
    delivered('o4', { pay: 'transfer', driver: 'drv-2' }),
    failed('f1'),
    delivered('o-other-day', { at: '2026-11-29T03:00:00.000Z' }),
    anOrder().withId('o-open').onDriver('drv-1').with({ requestedDate: DAY }).inStatus('scheduled').build(),
  ];
  const [one, two] = settlementDay(DAY, { orders, routes: [] }, names, []);

  it('sums stops, cylinders and empties by size for each driver, by driver id', () => {
    expect(one).toMatchObject({
      driverId: 'drv-1',
      driverName: '陳大明',
      stops: { delivered: 3, failed: 1, collected: 0 },
      failed: [{ orderId: 'f1', customerId: 'c-f1', customerName: '客戶 f1', reason: '客戶不在家' }],
      cylindersDelivered: [{ size: 20, quantity: 4 }],
      empties: { expected: [{ size: 20, quantity: 4 }], collected: [{ size: 20, quantity: 3 }] },
    });
    expect(two).toMatchObject({ driverId: 'drv-2', stops: { delivered: 1, failed: 0 }, failed: [] });
  });

  it('expects the cash orders’ totals, counts all cash taken, and shows the difference', () => {
    // o1: 2 × 850 in full; o2: 850 due, 800 taken; o3 is on account.
    expect(one?.cash).toEqual({ expected: 2550, collected: 2500, difference: -50 });
    expect(two?.cash).toEqual({ expected: 0, collected: 0, difference: 0 });
  });

  it('lists monthly and transfer orders as not collected at the door', () => {
    expect(one?.notCollectedAtDoor).toEqual([{ orderId: 'o3', customerName: '客戶 o3', paymentMethod: 'monthly', total: 850 }]);
    expect(two?.notCollectedAtDoor).toEqual([{ orderId: 'o4', customerName: '客戶 o4', paymentMethod: 'transfer', total: 850 }]);
  });

  it('counts a collection-only stop (回收空瓶) as a collection, not a delivery: its empties are the day’s, nothing is due for it at the door or on account', () => {
    const order = anOrder().withId('o-collect').forCustomer(aCustomer().withId('c-collect').build()).onDriver('drv-1').with({ items: [], emptiesToCollect: [{ size: 16, quantity: 3 }], paymentMethod: 'monthly' }).inStatus('delivered').build();
    const collection: Order = { ...order, delivery: { at: '2026-11-28T04:00:00.000Z', delivered: [], emptiesCollected: [{ size: 16, quantity: 3 }], cashCollected: 0 } };
    const [row] = settlementDay(DAY, { orders: [...orders, collection], routes: [] }, names, []);
    expect(row?.stops).toEqual({ delivered: 3, failed: 1, collected: 1 });
    expect(row?.cylindersDelivered).toEqual(one?.cylindersDelivered);
    expect(row?.empties).toEqual({ expected: [{ size: 16, quantity: 3 }, { size: 20, quantity: 4 }], collected: [{ size: 16, quantity: 3 }, { size: 20, quantity: 3 }] });
    expect([row?.cash, row?.notCollectedAtDoor]).toEqual([one?.cash, one?.notCollectedAtDoor]);
  });

  it('marks the lines of a delivery booked late (補登) with the day it is booked on, still under the door day where its cash was handed in, and lists that cash apart', () => {
    // Delivered on the 28th, synced once November was closed: the sales, their cash and the deposit taken are booked on 1 December.
    const bookedLate = (o: Order): Order => ({ ...o, delivery: { ...o.delivery!, bookedOn: '2026-12-01' } });
    const late = [bookedLate(delivered('o-late', { pay: 'monthly' })), bookedLate(delivered('o-late-cash'))];
    const [row] = settlementDay(DAY, { orders: [...orders, ...late], routes: [] }, names, [], new Map(), [{ orderId: 'o-late', size: 20, count: 1, amount: 1200 }]);
    expect(row?.notCollectedAtDoor).toEqual([
      { orderId: 'o-late', customerName: '客戶 o-late', paymentMethod: 'monthly', total: 850, bookedOn: '2026-12-01' },
      { orderId: 'o3', customerName: '客戶 o3', paymentMethod: 'monthly', total: 850 },
    ]);
    expect(row?.deposits.lines).toEqual([{ orderId: 'o-late', customerName: '客戶 o-late', size: 20, count: 1, amount: 1200, bookedOn: '2026-12-01' }]);
    // The cash sale's cash is in the day's cash, and listed with the day whose books hold it.
    expect(row?.cash).toEqual({ expected: 3400, collected: 3350, difference: -50 });
    expect(row?.cashBookedLate).toEqual([{ orderId: 'o-late-cash', customerName: '客戶 o-late-cash', amount: 850, bookedOn: '2026-12-01' }]);
    expect(one?.cashBookedLate).toEqual([]);
  });

  it('gives the same rows whatever order the orders come in', () => {
    expect(settlementDay(DAY, { orders: [...orders].reverse(), routes: [] }, names, [])).toEqual(settlementDay(DAY, { orders, routes: [] }, names, []));
  });

  it('adds a settled driver without stops, and the hand-in difference once settled', () => {
    const s = recordSettlement(input({ cashReceived: 2400 }), { existing: undefined, today: DAY, by: OFFICE, at: new Date('2026-11-28T11:00:00Z') });
    const lone = recordSettlement(input({ driverId: 'drv-9', cashReceived: 0 }), { existing: undefined, today: DAY, by: OFFICE, at: new Date('2026-11-28T11:00:00Z') });
    const rows = settlementDay(DAY, { orders, routes: [] }, names, [s, lone]);
    expect(rows.map((r) => [r.driverId, r.settlement?.cashReceived ?? null, r.handInDifference])).toEqual([
      ['drv-1', 2400, -100],
      ['drv-2', null, null],
      ['drv-9', 0, 0],
    ]);
    expect(rows[2]).toMatchObject({ driverName: 'drv-9', stops: { delivered: 0, failed: 0 }, cash: { expected: 0, collected: 0, difference: 0 } });
  });

  it('gives a driver whose sent-out route has no stop outcome a row (truck loaded, nothing delivered, no cash), counts the stops still without one on every row, and none for a draft', () => {
    const stop = (orderId: string, quantity: number, outcome?: 'delivered' | 'failed') => ({
      orderId,
      customerId: `c-${orderId}`,
      seq: 1,
      trip: 0,
      eta: '2026-11-28T02:00:00.000Z',
      lat: 25,
      lng: 121.5,
      serviceMin: 5,
      demand: [{ size: 20 as const, quantity }],
      windows: [],
      requiredSkills: [],
      ...(outcome ? { outcome: { status: outcome, at: '2026-11-28T03:00:00.000Z', actionId: 'a' } } : {}),
    });
    const routes = [
      { date: DAY, driverId: 'drv-1', vehicleId: 'veh-1', status: 'in_progress' as const, stops: [stop('o1', 2, 'delivered'), stop('o-left', 1)] },
      { date: DAY, driverId: 'drv-3', vehicleId: 'veh-3', status: 'published' as const, stops: [stop('q1', 2), stop('q2', 3)] },
      { date: DAY, driverId: 'drv-4', vehicleId: 'veh-4', status: 'draft' as const, stops: [stop('d1', 1)] },
    ];
    const rows = settlementDay(DAY, { orders, routes }, names, []);
    expect(rows.map((r) => [r.driverId, r.undelivered])).toEqual([
      ['drv-1', { stops: 1, cylinders: [{ size: 20, quantity: 1 }] }],
      ['drv-2', { stops: 0, cylinders: [] }],
      ['drv-3', { stops: 2, cylinders: [{ size: 20, quantity: 5 }] }],
    ]);
    expect(rows[2]).toMatchObject({ stops: { delivered: 0, failed: 0 }, cylindersDelivered: [], cash: { expected: 0, collected: 0, difference: 0 }, settlement: null });
  });

  it('lists deposits collected at the day\'s deliveries apart from the orders\' cash, and counts them in the hand-in', () => {
    const deposits = [
      { orderId: 'o2', size: 50, count: 1, amount: 2500 },
      { orderId: 'o1', size: 20, count: 1, amount: 1200 },
      { orderId: 'o1', size: 4, count: 1, amount: 500 },
      // Another day's delivery (not among the day's orders) and an order the driver did not deliver.
      { orderId: 'o-other-day', size: 20, count: 1, amount: 1200 },
      { orderId: 'o-open', size: 20, count: 1, amount: 1200 },
    ] as const;
    const s = recordSettlement(input({ cashReceived: 6700 }), { existing: undefined, today: DAY, by: OFFICE, at: new Date('2026-11-28T11:00:00Z') });
    const [withDeposits, without] = settlementDay(DAY, { orders, routes: [] }, names, [s], new Map(), deposits);
    expect(withDeposits?.deposits).toEqual({
      collected: 4200,
      lines: [
        { orderId: 'o1', customerName: '客戶 o1', size: 4, count: 1, amount: 500 },
        { orderId: 'o1', customerName: '客戶 o1', size: 20, count: 1, amount: 1200 },
        { orderId: 'o2', customerName: '客戶 o2', size: 50, count: 1, amount: 2500 },
      ],
    });
    // The orders' cash is unchanged; the hand-in is held to 2,500 of orders' cash plus 4,200 of deposits.
    expect(withDeposits?.cash).toEqual({ expected: 2550, collected: 2500, difference: -50 });
    expect(withDeposits?.handInDifference).toBe(0);
    expect(without?.deposits).toEqual({ collected: 0, lines: [] });
    expect(settlementDay(DAY, { orders, routes: [] }, names, [s])[0]?.handInDifference).toBe(4200);
  });

  it('names who recorded a hand-in by display name, by uid when the account is gone, and nobody before it is recorded', () => {
    const s = recordSettlement(input({ cashReceived: 2400 }), { existing: undefined, today: DAY, by: OFFICE, at: new Date('2026-11-28T11:00:00Z') });
    const named = settlementDay(DAY, { orders, routes: [] }, names, [s], new Map([[OFFICE.uid, '王小姐']]));
    expect(named.map((r) => r.settledByName)).toEqual(['王小姐', null]);
    expect(settlementDay(DAY, { orders, routes: [] }, names, [s])[0]?.settledByName).toBe(OFFICE.uid);
  });
});

describe('recording a settlement', () => {
  const at = new Date('2026-11-28T11:00:00Z');
  const first = recordSettlement(input({ emptiesReceived: [{ size: 50, quantity: 1 }, { size: 20, quantity: 3 }], note: ' 少 50 元 ' }), {
    existing: undefined,
    today: DAY,
    by: OFFICE,
    at,
  });

  it('stores who recorded what, when, under date_driver, empties by size ascending', () => {
    expect(first).toEqual<Settlement>({
      id: '2026-11-28_drv-1',
      date: DAY,
      driverId: 'drv-1',
      cashReceived: 1700,
      emptiesReceived: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }],
      note: '少 50 元',
      by: OFFICE,
      at: '2026-11-28T11:00:00.000Z',
      corrections: [],
    });
  });

  it('returns the stored record unchanged when the same values come again', () => {
    const again = input({ emptiesReceived: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }], note: '少 50 元' });
    expect(recordSettlement(again, { existing: first, today: '2026-11-30', by: ADMIN, at: new Date() })).toBe(first);
  });

  it('refuses other values for a settled day with 409, naming the stored amount', () => {
    const attempt = () => recordSettlement(input({ cashReceived: 1750 }), { existing: first, today: DAY, by: OFFICE, at });
    expect(attempt).toThrow(expect.objectContaining({ code: 'SETTLEMENT.ALREADY_SETTLED', kind: 'conflict', details: { cashReceived: 1700, by: 'u-office' } }));
    // Leaving out the empties counted before is a change too.
    expect(() => recordSettlement(input({ note: '少 50 元' }), { existing: first, today: DAY, by: OFFICE, at })).toThrow(expect.objectContaining({ code: 'SETTLEMENT.ALREADY_SETTLED' }));
  });

  it('replaces a settled day when asked, keeping the superseded values', () => {
    const later = new Date('2026-11-29T01:00:00Z');
    const fixed = recordSettlement(input({ cashReceived: 1750, replace: true }), { existing: first, today: '2026-11-29', by: ADMIN, at: later });
    expect(fixed).toEqual({
      id: first.id,
      date: DAY,
      driverId: 'drv-1',
      cashReceived: 1750,
      note: '',
      by: ADMIN,
      at: later.toISOString(),
      corrections: [{ cashReceived: 1700, emptiesReceived: first.emptiesReceived, note: '少 50 元', by: OFFICE, at: first.at }],
    });
  });

  it('refuses a day after today in Taipei (422), settled or not', () => {
    expect(() => recordSettlement(input({ date: '2026-11-29' }), { existing: undefined, today: DAY, by: OFFICE, at })).toThrow(
      expect.objectContaining({ code: 'SETTLEMENT.FUTURE_DATE', kind: 'precondition', details: { path: 'date' } }),
    );
  });

  it('validates whole non-negative NT$ and each size once', () => {
    expect(settlementInputSchema.safeParse({ date: DAY, driverId: 'drv-1', cashReceived: 10.5 }).success).toBe(false);
    expect(settlementInputSchema.safeParse({ date: DAY, driverId: 'drv-1', cashReceived: -1 }).success).toBe(false);
    expect(settlementInputSchema.safeParse({ date: DAY, driverId: 'drv-1', cashReceived: 0, emptiesReceived: [{ size: 20, quantity: 1 }, { size: 20, quantity: 2 }] }).success).toBe(false);
  });
});

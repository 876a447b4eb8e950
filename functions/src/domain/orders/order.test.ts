import fc from 'fast-check';
import { exampleOf } from '../schema';
import { deactivateCustomer } from '../customers';
import { aCustomer, anOrder, aPriceList, OFFICE } from '../test-support';
import {
  cancelOrderInputSchema,
  createOrder,
  createOrderInputSchema,
  EDITABLE_FIELDS,
  isCollectionOnly,
  orderSchema,
  pastSameDayCutoff,
  patchOrder,
  repriceAllLines,
  repriceOrder,
  updateOrderInputSchema,
  type CreateOrderContext,
} from './order';
import { ORDER_STATUSES, type OrderStatus } from './status';

const customer = aCustomer().withId('cust-0001').with({ closedDays: [0], paymentTerms: 'monthly' }).build();
const ctx: CreateOrderContext = {
  id: 'ord-1',
  customer,
  priceList: aPriceList(),
  closures: [{ name: '春節', from: '2027-02-05', to: '2027-02-09' }],
  by: OFFICE,
  at: new Date('2026-11-28T02:00:00Z'),
  today: '2026-11-28',
  source: 'office',
};
const input = (over: Record<string, unknown> = {}) =>
  createOrderInputSchema.parse({ customerId: 'cust-0001', items: [{ size: 20, quantity: 2 }], requestedDate: '2026-12-01', ...over });

describe('createOrderInputSchema', () => {
  it('accepts its OpenAPI example, which names a seeded demo customer', () => {
    const example = createOrderInputSchema.parse(exampleOf(createOrderInputSchema));
    expect(example.customerId).toBe('cust-0001');
    expect(updateOrderInputSchema.safeParse(exampleOf(updateOrderInputSchema)).success).toBe(true);
    expect(cancelOrderInputSchema.safeParse(exampleOf(cancelOrderInputSchema)).success).toBe(true);
    expect(cancelOrderInputSchema.safeParse({ reason: ' ' }).success).toBe(false);
  });

  it.each([
    [{ items: [] }, 'items'],
    [{ items: [{ size: 20, quantity: 0 }] }, 'items.0.quantity'],
    [{ items: [{ size: 18, quantity: 1 }] }, 'items.0.size'],
    [{ items: [{ size: 20, quantity: 1 }, { size: 20, quantity: 1 }] }, 'items'],
    [{ requestedDate: '2026-02-30' }, 'requestedDate'],
    [{ timeWindow: { start: '9:00', end: '12:00' } }, 'timeWindow.start'],
    [{ priority: 'asap' }, 'priority'],
    [{ paymentMethod: 'card' }, 'paymentMethod'],
  ])('rejects %j at %s', (over, path) => {
    const result = createOrderInputSchema.safeParse({ items: [{ size: 20, quantity: 1 }], requestedDate: '2026-12-01', ...over });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('createOrder', () => {
  it('prices on the server, snapshots the customer and starts pending with one timeline entry', () => {
    const order = createOrder(input({ unitPrice: 1 } as Record<string, unknown>), ctx);
    expect(order.items).toEqual([{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }]);
    expect(order.total).toBe(1700);
    expect(order).toEqual(
      expect.objectContaining({
        status: 'pending',
        customerName: customer.name,
        district: '中和區',
        address: customer.address.full,
        paymentMethod: 'monthly',
        priority: 'normal',
        createdBy: OFFICE,
      }),
    );
    expect(order.timeline).toEqual([{ at: '2026-11-28T02:00:00.000Z', by: OFFICE, from: null, to: 'pending' }]);
    expect(orderSchema.safeParse(order).success).toBe(true);
  });

  it('refuses a date before today, a business closure (either end included), a customer’s closed day and an inactive customer', () => {
    expect(() => createOrder(input({ requestedDate: '2026-11-27' }), ctx)).toThrow(
      expect.objectContaining({ code: 'ORDER.REQUESTED_DATE_IN_PAST' }),
    );
    expect(() => createOrder(input({ requestedDate: '2026-11-29' }), ctx)).toThrow(
      expect.objectContaining({ code: 'ORDER.CUSTOMER_CLOSED' }),
    );
    expect(() => createOrder(input({ requestedDate: '2027-02-09' }), ctx)).toThrow(expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED' }));
    expect(createOrder(input({ requestedDate: '2027-02-10' }), ctx).requestedDate).toBe('2027-02-10');
    expect(() => createOrder(input({ requestedDate: '2027-02-05' }), ctx)).toThrow(
      expect.objectContaining({
        code: 'ORDER.BUSINESS_CLOSED',
        kind: 'precondition',
        details: {
          path: 'requestedDate',
          name: '春節',
          from: '2027-02-05',
          to: '2027-02-09',
          days: ['2027-02-05', '2027-02-09'],
          scope: 'company',
          reopens: '2027-02-10',
          audience: 'staff',
        },
      }),
    );
    const inactive = deactivateCustomer(customer, ctx.at);
    expect(() => createOrder(input(), { ...ctx, customer: inactive })).toThrow(expect.objectContaining({ code: 'CUSTOMER.INACTIVE' }));
  });

  it('is refused on a closure of its customer’s district only: one of other districts leaves the day open there', () => {
    const typhoon = { name: '颱風假', from: '2026-12-03', to: '2026-12-03' };
    const inTheirs = { ...ctx, closures: [{ ...typhoon, districts: ['烏來區', '中和區'] }] };
    const elsewhere = { ...ctx, closures: [{ ...typhoon, districts: ['烏來區', '坪林區'] }] };
    expect(() => createOrder(input({ requestedDate: '2026-12-03' }), inTheirs)).toThrow(
      expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED', details: expect.objectContaining({ districts: ['烏來區', '中和區'], reopens: '2026-12-04' }) }),
    );
    expect(createOrder(input({ requestedDate: '2026-12-03' }), elsewhere)).toMatchObject({ requestedDate: '2026-12-03', district: '中和區' });
  });

  it('tells staff refused a closed day that they may deliver through it, and a customer nothing of the kind', () => {
    const refusal = (by: CreateOrderContext['by']) => {
      try {
        createOrder(input({ requestedDate: '2027-02-08' }), { ...ctx, by });
      } catch (error) {
        return (error as { details?: Record<string, unknown> }).details?.audience;
      }
      return undefined;
    };
    expect(refusal(OFFICE)).toBe('staff');
    expect(refusal({ uid: 'u-admin', role: 'admin' })).toBe('staff');
    expect(refusal({ uid: 'u-cust', role: 'customer' })).toBe('others');
  });

  describe('緊急配送 on a closure day', () => {
    const emergency = { reason: '緊急配送：獨居長者瓦斯用完' };

    it('is placed by office staff and admins with a reason, recording who, when, why and which closure', () => {
      for (const by of [OFFICE, { uid: 'u-admin', role: 'admin' as const }]) {
        const order = createOrder(input({ requestedDate: '2027-02-08', closureOverride: emergency }), { ...ctx, by });
        expect(order).toMatchObject({ requestedDate: '2027-02-08', status: 'pending' });
        expect(order.closureOverride).toEqual({ reason: emergency.reason, by, at: '2026-11-28T02:00:00.000Z', closure: '春節' });
      }
    });

    it('needs a reason: none, or only spaces, is not a valid request', () => {
      expect(createOrderInputSchema.safeParse({ ...input(), requestedDate: '2027-02-08', closureOverride: { reason: '  ' } }).success).toBe(false);
      expect(createOrderInputSchema.safeParse({ ...input(), requestedDate: '2027-02-08', closureOverride: {} }).success).toBe(false);
    });

    it('is never a customer’s, nor a job’s: refused as closed, as without it', () => {
      for (const by of [{ uid: 'u-cust', role: 'customer' as const }, { uid: 'system', role: 'system' as const }]) {
        expect(() => createOrder(input({ requestedDate: '2027-02-08', closureOverride: emergency }), { ...ctx, by })).toThrow(
          expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED' }),
        );
      }
    });

    it('overrides the distributor’s closure only, not the customer’s closed weekday; on an open day nothing is recorded', () => {
      expect(() => createOrder(input({ requestedDate: '2026-11-29', closureOverride: emergency }), ctx)).toThrow(expect.objectContaining({ code: 'ORDER.CUSTOMER_CLOSED' }));
      expect(createOrder(input({ closureOverride: emergency }), ctx)).not.toHaveProperty('closureOverride');
    });
  });

  it('names the first day after a closure the customer takes deliveries, past their closed weekday', () => {
    const closedWednesdays = aCustomer().withId('cust-0001').with({ closedDays: [3] }).build();
    expect(() => createOrder(input({ requestedDate: '2027-02-07' }), { ...ctx, customer: closedWednesdays })).toThrow(
      expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED', details: expect.objectContaining({ reopens: '2027-02-11' }) }),
    );
  });

  it('takes back by default one empty per full, up to the customer’s cylinders there; an empty list named takes none', () => {
    const stocked = aCustomer().withId('cust-0001').with({ cylindersOnSite: [{ size: 20, count: 1, depositPaid: 1200 }, { size: 50, count: 2, depositPaid: 5000 }] }).build();
    const items = [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }];
    expect(createOrder(input({ items }), { ...ctx, customer: stocked }).emptiesToCollect).toEqual([{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }]);
    expect(createOrder(input({ items, emptiesToCollect: [] }), { ...ctx, customer: stocked }).emptiesToCollect).toEqual([]);
    expect(createOrder(input({ items, emptiesToCollect: [{ size: 20, quantity: 2 }] }), { ...ctx, customer: stocked }).emptiesToCollect).toEqual([{ size: 20, quantity: 2 }]);
  });

  it('keeps how exactly the customer was located, so a stop at a district’s centre can be marked on the route', () => {
    const approximate = aCustomer().withId('cust-0001').with({ location: undefined }).build();
    const located = { ...approximate, location: { lat: 25.03, lng: 121.54 }, locationPrecision: 'district' as const };
    expect(createOrder(input(), { ...ctx, customer: located })).toMatchObject({ location: located.location, locationPrecision: 'district' });
    // Typed in before geocoding existed: a person's pin.
    const { locationPrecision: _p, ...typed } = located;
    expect(createOrder(input(), { ...ctx, customer: typed }).locationPrecision).toBe('manual');
    expect(createOrder(input(), { ...ctx, customer: approximate })).not.toHaveProperty('locationPrecision');
  });

  it('totals the sum of its lines whatever the quantities (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), (q20, q50) => {
        const o = createOrder(input({ items: [{ size: 20, quantity: q20 }, { size: 50, quantity: q50 }] }), ctx);
        expect(o.total).toBe(o.items.reduce((s, l) => s + l.unitPrice * l.quantity, 0));
      }),
    );
  });
});

describe('an order for a customer whose supply a service call stopped (停止供氣)', () => {
  const stopped = { ...customer, supplyStop: { serviceCallId: 'svc-1', since: '2026-11-27', items: ['hose' as const] } };

  it('is refused ORDER.SUPPLY_STOPPED (422) naming since when and what, for staff and the customer alike', () => {
    const refusal = (audience: string) =>
      expect.objectContaining({ code: 'ORDER.SUPPLY_STOPPED', kind: 'precondition', details: expect.objectContaining({ since: '2026-11-27', items: ['hose'], audience }) });
    expect(() => createOrder(input(), { ...ctx, customer: stopped })).toThrow(refusal('staff'));
    expect(() => createOrder(input(), { ...ctx, customer: stopped, by: { uid: 'u-cust', role: 'customer' } })).toThrow(refusal('others'));
  });

  it('is still made to take the cylinders away: a collection-only order is the safe thing', () => {
    const collect = input({ items: [], emptiesToCollect: [{ size: 20, quantity: 2 }] });
    expect(createOrder(collect, { ...ctx, customer: stopped })).toMatchObject({ items: [], status: 'pending' });
  });

  it('booked before, gets no cylinders by 修改訂單 (a 回收空瓶 made a sale, the recurring job adding), but may become collection-only or move', () => {
    const sale = createOrder(input({ emptiesToCollect: [{ size: 20, quantity: 2 }] }), ctx);
    const patchCtx = { ...ctx, customer: stopped };
    expect(() => patchOrder(sale, { items: [{ size: 20, quantity: 3 }] }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.SUPPLY_STOPPED' }));
    const collectOnly = patchOrder(sale, { items: [] }, patchCtx);
    expect(collectOnly).toMatchObject({ items: [], total: 0 });
    expect(() => patchOrder(collectOnly, { items: [{ size: 20, quantity: 1 }] }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.SUPPLY_STOPPED' }));
    expect(patchOrder(sale, { requestedDate: '2026-12-02' }, patchCtx).requestedDate).toBe('2026-12-02');
  });
});

describe('a collection-only order (回收空瓶)', () => {
  const collect = (over: Record<string, unknown> = {}) => input({ items: [], emptiesToCollect: [{ size: 16, quantity: 3 }], ...over });

  it('takes empties only: office staff create it at NT$0, valid as stored, with the empties to take back', () => {
    const order = createOrder(collect(), ctx);
    expect(order).toMatchObject({ items: [], total: 0, emptiesToCollect: [{ size: 16, quantity: 3 }], status: 'pending' });
    expect(isCollectionOnly(order)).toBe(true);
    expect(orderSchema.safeParse(order).success).toBe(true);
  });

  it('needs something to do: no items and no empties is ORDER.NO_ITEMS', () => {
    for (const over of [{ items: [] }, { items: [], emptiesToCollect: [] }]) {
      const result = createOrderInputSchema.safeParse({ requestedDate: '2026-12-01', ...over });
      expect(result.error?.issues).toEqual([expect.objectContaining({ message: 'ORDER.NO_ITEMS', path: ['items'] })]);
    }
  });

  it('is arranged by the office: a customer asking online is refused ORDER.COLLECTION_STAFF_ONLY', () => {
    expect(() => createOrder(collect(), { ...ctx, by: { uid: 'u-cust', role: 'customer' } })).toThrow(
      expect.objectContaining({ code: 'ORDER.COLLECTION_STAFF_ONLY', kind: 'forbidden' }),
    );
  });

  it('cannot be changed into an order of nothing: emptying its empties is ORDER.NO_ITEMS', () => {
    const order = createOrder(collect(), ctx);
    const patchCtx = { ...ctx, customer };
    expect(() => patchOrder(order, { emptiesToCollect: [] }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.NO_ITEMS' }));
    expect(patchOrder(order, { emptiesToCollect: [{ size: 16, quantity: 2 }] }, patchCtx).emptiesToCollect).toEqual([{ size: 16, quantity: 2 }]);
  });

  describe('through 修改訂單', () => {
    const patchCtx = { ...ctx, customer };
    const self = { ...patchCtx, by: { uid: 'u-cust', role: 'customer' } as const };
    const sale = () => createOrder(input({ items: [{ size: 20, quantity: 2 }], emptiesToCollect: [{ size: 20, quantity: 2 }] }), ctx);

    it('is made of an ordinary order by the office taking its cylinders off (NT$0, the empties kept or given), and back, priced', () => {
      const collection = patchOrder(sale(), updateOrderInputSchema.parse({ items: [] }), patchCtx);
      expect(collection).toMatchObject({ items: [], total: 0, emptiesToCollect: [{ size: 20, quantity: 2 }] });
      const other = patchOrder(sale(), { items: [], emptiesToCollect: [{ size: 16, quantity: 3 }] }, patchCtx);
      expect([other.total, other.emptiesToCollect, isCollectionOnly(other)]).toEqual([0, [{ size: 16, quantity: 3 }], true]);
      expect(patchOrder(collection, { items: [{ size: 50, quantity: 1 }] }, patchCtx)).toMatchObject({ items: [{ size: 50, quantity: 1, unitPrice: 2050, subtotal: 2050 }], total: 2050 });
    });

    it('needs empties to take back: no cylinders and no empties is ORDER.NO_ITEMS', () => {
      expect(() => patchOrder(sale(), { items: [], emptiesToCollect: [] }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.NO_ITEMS', details: { path: 'emptiesToCollect' } }));
      const nothingBack = createOrder(input({ items: [{ size: 20, quantity: 2 }], emptiesToCollect: [] }), ctx);
      expect(() => patchOrder(nothingBack, { items: [] }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.NO_ITEMS', details: { path: 'items' } }));
    });

    it('is the office’s alone: a customer can neither make one nor change the cylinders of one (ORDER.COLLECTION_STAFF_ONLY), only its day', () => {
      const staffOnly = expect.objectContaining({ code: 'ORDER.COLLECTION_STAFF_ONLY', kind: 'forbidden' });
      expect(() => patchOrder(sale(), { items: [] }, self)).toThrow(staffOnly);
      const order = createOrder(collect(), ctx);
      expect(() => patchOrder(order, { items: [{ size: 16, quantity: 1 }] }, self)).toThrow(staffOnly);
      expect(() => patchOrder(order, { emptiesToCollect: [{ size: 16, quantity: 1 }] }, self)).toThrow(staffOnly);
      expect(patchOrder(order, { requestedDate: '2026-12-02' }, self)).toMatchObject({ requestedDate: '2026-12-02', items: [], total: 0 });
    });
  });
});

describe('a day closing early (提早收工)', () => {
  const eve = { name: '除夕', from: '2026-12-01', to: '2026-12-01', closesAt: '12:00' };
  const self = { uid: 'u-cust', role: 'customer' } as const;
  const closingCtx = { ...ctx, by: self, earlyClosings: [eve] };

  it('refuses hours ending after the closing, naming it, and takes hours ending by it or no hours at all', () => {
    expect(() => createOrder(input({ timeWindow: { start: '11:00', end: '14:00' } }), closingCtx)).toThrow(
      expect.objectContaining({ code: 'ORDER.AFTER_CLOSING', kind: 'precondition', details: expect.objectContaining({ path: 'timeWindow', closesAt: '12:00', name: '除夕', days: '2026-12-01' }) }),
    );
    expect(createOrder(input({ timeWindow: { start: '09:00', end: '12:00' } }), closingCtx).timeWindow).toEqual({ start: '09:00', end: '12:00' });
    expect(createOrder(input(), closingCtx).requestedDate).toBe('2026-12-01');
    expect(createOrder(input({ requestedDate: '2026-12-02', timeWindow: { start: '14:00', end: '17:00' } }), closingCtx).requestedDate).toBe('2026-12-02');
  });

  it('holds only where it holds, and not the jobs, which load no closings (the closing lists their orders to move)', () => {
    const afternoon = input({ timeWindow: { start: '14:00', end: '17:00' } });
    expect(createOrder(afternoon, { ...closingCtx, earlyClosings: [{ ...eve, districts: ['烏來區'] }] }).timeWindow?.end).toBe('17:00');
    expect(createOrder(afternoon, ctx).timeWindow?.end).toBe('17:00');
  });

  it('refuses moving an afternoon order onto it, or an order on it to the afternoon, but not other changes', () => {
    const patchCtx = { customer, by: self, priceList: aPriceList(), closures: ctx.closures, earlyClosings: [eve], at: new Date('2026-11-28T03:00:00Z'), today: '2026-11-28' };
    const afternoon = anOrder().forCustomer(customer).with({ requestedDate: '2026-12-02', timeWindow: { start: '14:00', end: '17:00' } }).build();
    expect(() => patchOrder(afternoon, { requestedDate: '2026-12-01' }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.AFTER_CLOSING' }));
    expect(patchOrder(afternoon, { requestedDate: '2026-12-01', timeWindow: { start: '08:00', end: '11:30' } }, patchCtx).timeWindow).toEqual({ start: '08:00', end: '11:30' });
    const onEve = { ...afternoon, requestedDate: '2026-12-01' };
    expect(() => patchOrder(onEve, { timeWindow: { start: '12:00', end: '13:00' } }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.AFTER_CLOSING' }));
    expect(patchOrder(onEve, { timeWindow: null }, patchCtx).timeWindow).toBeUndefined();
    expect(patchOrder(onEve, { notes: '按電鈴' }, patchCtx).notes).toBe('按電鈴');
  });
});

describe('the same-day cut-off', () => {
  // 2026-11-28 is a Saturday; the customer is closed on Sundays, so the first day after it they can choose is Monday 11-30.
  const self = { uid: 'u-cust', role: 'customer' } as const;
  const at = (taipeiTime: string, day = '2026-11-28') => new Date(`${day}T${taipeiTime}:00+08:00`);
  const cutoffCtx = { ...ctx, by: self, sameDayCutoff: '15:00' };
  const today = input({ requestedDate: '2026-11-28' });

  it('lets a customer order for today before the cut-off, and refuses it from the cut-off minute on, naming the cut-off and the first day they can choose', () => {
    expect(createOrder(today, { ...cutoffCtx, at: new Date('2026-11-28T06:59:59Z') }).requestedDate).toBe('2026-11-28');
    for (const time of ['15:00', '21:00', '23:59']) {
      expect(() => createOrder(today, { ...cutoffCtx, at: at(time) })).toThrow(
        expect.objectContaining({
          code: 'ORDER.SAME_DAY_CLOSED',
          kind: 'precondition',
          details: { path: 'requestedDate', cutoff: '15:00', earliestDate: '2026-11-30' },
        }),
      );
    }
    expect(createOrder(input({ requestedDate: '2026-11-30' }), { ...cutoffCtx, at: at('21:00') }).requestedDate).toBe('2026-11-30');
  });

  it('names as the earliest day the first one after today in no closure and on none of the customer’s closed weekdays', () => {
    const closures = [{ name: '盤點', from: '2026-11-30', to: '2026-12-01' }];
    expect(() => createOrder(today, { ...cutoffCtx, closures, at: at('16:00') })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ earliestDate: '2026-12-02' }) }),
    );
  });

  it('does not hold office staff, admins or the orders the system places (recurring, suggested) to it, nor anyone when no cut-off is set', () => {
    for (const by of [OFFICE, { uid: 'u-admin', role: 'admin' } as const, { uid: 'system:scheduler', role: 'system' } as const]) {
      expect(createOrder(today, { ...cutoffCtx, by, at: at('21:00') }).requestedDate).toBe('2026-11-28');
    }
    const { sameDayCutoff: _none, ...noCutoff } = cutoffCtx;
    expect(createOrder(today, { ...noCutoff, at: at('21:00') }).requestedDate).toBe('2026-11-28');
  });

  it('reads the time of day in Taipei, not UTC, on either side of midnight', () => {
    const open = aCustomer().withId('cust-0001').with({ closedDays: [] }).build();
    // 00:30 on the 29th in Taipei is 16:30 on the 28th in UTC, past a 15:00 cut-off there.
    const justAfterMidnight = new Date('2026-11-28T16:30:00Z');
    expect(createOrder(input({ requestedDate: '2026-11-29' }), { ...cutoffCtx, customer: open, today: '2026-11-29', at: justAfterMidnight }).requestedDate).toBe('2026-11-29');
    // 23:30 in Taipei is 15:29 UTC, before a 23:00 cut-off there.
    const lateEvening = new Date('2026-11-28T15:30:00Z');
    expect(() => createOrder(today, { ...cutoffCtx, customer: open, sameDayCutoff: '23:00', at: lateEvening })).toThrow(
      expect.objectContaining({ code: 'ORDER.SAME_DAY_CLOSED', details: expect.objectContaining({ earliestDate: '2026-11-29' }) }),
    );
    expect(pastSameDayCutoff(new Date('2026-11-28T06:59:00Z'), '15:00')).toBe(false);
    expect(pastSameDayCutoff(new Date('2026-11-28T07:00:00Z'), '15:00')).toBe(true);
    expect(pastSameDayCutoff(new Date('2026-11-28T07:00:00Z'), undefined)).toBe(false);
  });

  it('refuses a customer moving an order to today after it, but not the office, nor other changes to an order already for today', () => {
    const order = anOrder().forCustomer(customer).with({ requestedDate: '2026-11-30' }).build();
    const patchCtx = { customer, by: self, priceList: aPriceList(), closures: ctx.closures, at: at('17:00'), today: '2026-11-28', sameDayCutoff: '15:00' };
    expect(() => patchOrder(order, { requestedDate: '2026-11-28' }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.SAME_DAY_CLOSED' }));
    expect(patchOrder(order, { requestedDate: '2026-11-28' }, { ...patchCtx, by: OFFICE }).requestedDate).toBe('2026-11-28');
    const forToday = { ...order, requestedDate: '2026-11-28' };
    expect(patchOrder(forToday, { notes: '請按電鈴' }, patchCtx).notes).toBe('請按電鈴');
  });

  it('refuses a customer changing the cylinders of an order for today after it, but not the office, nor before it', () => {
    const forToday = { ...anOrder().forCustomer(customer).build(), requestedDate: '2026-11-28' };
    const patchCtx = { customer, by: self, priceList: aPriceList(), closures: ctx.closures, at: at('17:00'), today: '2026-11-28', sameDayCutoff: '15:00' };
    const more = { items: [{ size: 20 as const, quantity: 3 }] };
    expect(() => patchOrder(forToday, more, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.SAME_DAY_CLOSED', details: expect.objectContaining({ path: 'items' }) }));
    expect(() => patchOrder(forToday, { emptiesToCollect: [] }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.SAME_DAY_CLOSED' }));
    expect(patchOrder(forToday, more, { ...patchCtx, by: OFFICE }).items[0]?.quantity).toBe(3);
    expect(patchOrder(forToday, more, { ...patchCtx, at: at('14:00') }).items[0]?.quantity).toBe(3);
    expect(patchOrder({ ...forToday, requestedDate: '2026-11-29' }, more, patchCtx).items[0]?.quantity).toBe(3);
  });
});

describe('patchOrder', () => {
  const patchCtx = { customer, by: OFFICE, priceList: aPriceList(), closures: ctx.closures, at: new Date('2026-11-28T03:00:00Z'), today: '2026-11-28' };

  it("lets a customer pay cash or on their own terms, never choose credit the office did not give", () => {
    const cashCustomer = aCustomer().withId('cust-0002').with({ paymentTerms: 'cash' }).build();
    const self = { uid: 'u-cust', role: 'customer' } as const;
    const order = anOrder().forCustomer(cashCustomer).build();
    const asSelf = { ...patchCtx, customer: cashCustomer, by: self };
    for (const method of ['monthly', 'transfer'] as const) {
      expect(() => patchOrder(order, { paymentMethod: method }, asSelf)).toThrow(
        expect.objectContaining({ code: 'ORDER.PAYMENT_METHOD_NOT_OFFERED', kind: 'validation' }),
      );
      expect(() => createOrder(input({ paymentMethod: method }), { ...ctx, customer: cashCustomer, by: self })).toThrow(
        expect.objectContaining({ code: 'ORDER.PAYMENT_METHOD_NOT_OFFERED' }),
      );
      expect(patchOrder(order, { paymentMethod: method }, { ...asSelf, by: OFFICE }).paymentMethod).toBe(method);
    }
    expect(createOrder(input(), { ...ctx, customer: cashCustomer, by: self }).paymentMethod).toBe('cash');
    expect(createOrder(input(), { ...ctx, by: self }).paymentMethod).toBe('monthly');
    expect(createOrder(input({ paymentMethod: 'cash' }), { ...ctx, by: self }).paymentMethod).toBe('cash');
  });

  it('re-prices new items and keeps other fields', () => {
    const order = anOrder().forCustomer(customer).build();
    const patched = patchOrder(order, updateOrderInputSchema.parse({ items: [{ size: 50, quantity: 1 }] }), patchCtx);
    expect(patched.items).toEqual([{ size: 50, quantity: 1, unitPrice: 2050, subtotal: 2050 }]);
    expect(patched.total).toBe(2050);
    expect(patched.requestedDate).toBe(order.requestedDate);
    expect(patched.updatedAt).toBe('2026-11-28T03:00:00.000Z');
  });

  it('keeps the reason a move to another day was made for on the timeline, never on the order, and none for a move without one', () => {
    const order = anOrder().forCustomer(customer).inStatus('confirmed').with({ requestedDate: '2026-12-02' }).build();
    const moved = patchOrder(order, updateOrderInputSchema.parse({ requestedDate: '2026-12-04', reason: 'plant_shortage' }), patchCtx);
    expect(moved.requestedDate).toBe('2026-12-04');
    expect(moved).not.toHaveProperty('reason');
    expect(moved.timeline.slice(order.timeline.length)).toEqual([
      { at: '2026-11-28T03:00:00.000Z', by: OFFICE, from: 'confirmed', to: 'confirmed', reason: 'plant_shortage', rescheduled: { from: '2026-12-02', to: '2026-12-04' } },
    ]);
    expect(patchOrder(order, updateOrderInputSchema.parse({ requestedDate: '2026-12-04' }), patchCtx).timeline).toEqual(order.timeline);
    expect(patchOrder(order, updateOrderInputSchema.parse({ requestedDate: '2026-12-02', reason: 'plant_shortage' }), patchCtx).timeline).toEqual(order.timeline);
  });

  it('keeps the closure a move took the order off on the timeline as why, its name, days and districts, and none when the day stays', () => {
    const order = anOrder().forCustomer(customer).inStatus('pending').with({ requestedDate: '2026-12-02' }).build();
    const typhoon = { name: '颱風停班停課', from: '2026-12-02', to: '2026-12-02', districts: ['烏來區'] };
    const moved = patchOrder(order, { requestedDate: '2026-12-03' }, { ...patchCtx, movedOff: typhoon });
    expect(moved.timeline.slice(order.timeline.length)).toEqual([
      { at: '2026-11-28T03:00:00.000Z', by: OFFICE, from: 'pending', to: 'pending', closure: { name: '颱風停班停課', from: '2026-12-02', to: '2026-12-02', districts: ['烏來區'] }, rescheduled: { from: '2026-12-02', to: '2026-12-03' } },
    ]);
    expect(patchOrder(order, { requestedDate: '2026-12-02' }, { ...patchCtx, movedOff: typhoon }).timeline).toEqual(order.timeline);
  });

  it('keeps a half day\'s closing on the timeline of a move off it, so the entry says the day closed early, not that nobody delivered', () => {
    const order = anOrder().forCustomer(customer).inStatus('confirmed').with({ requestedDate: '2026-12-02', timeWindow: { start: '14:00', end: '17:00' } }).build();
    const eve = { name: '除夕', from: '2026-12-02', to: '2026-12-02', closesAt: '12:00' };
    const moved = patchOrder(order, { requestedDate: '2026-12-01' }, { ...patchCtx, movedOff: eve });
    expect(moved.timeline.at(-1)).toEqual(expect.objectContaining({ closure: { name: '除夕', from: '2026-12-02', to: '2026-12-02', closesAt: '12:00' } }));
  });

  it('takes a reason only with a new date: alone it is ORDER.REASON_NEEDS_DATE', () => {
    const parsed = updateOrderInputSchema.safeParse({ reason: 'weather', notes: '改下午' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['ORDER.REASON_NEEDS_DATE']);
    expect(updateOrderInputSchema.safeParse({ reason: 'weather' }).error?.issues.map((i) => i.message)).toContain('ORDER.EMPTY_PATCH');
  });

  it('clears the time window with null', () => {
    const order = anOrder().forCustomer(customer).with({ timeWindow: { start: '09:00', end: '12:00' } }).build();
    expect(patchOrder(order, updateOrderInputSchema.parse({ timeWindow: null }), patchCtx)).not.toHaveProperty('timeWindow');
  });

  it.each(ORDER_STATUSES)('lets a %s order change only its editable fields', (status) => {
    const order = anOrder().forCustomer(customer).inStatus(status).build();
    const patches = { items: [{ size: 20, quantity: 3 }], notes: '改下午', priority: 'urgent', requestedDate: '2026-12-02' };
    for (const [field, value] of Object.entries(patches)) {
      const patch = updateOrderInputSchema.parse({ [field]: value });
      if ((EDITABLE_FIELDS[status] as readonly string[]).includes(field)) {
        expect(patchOrder(order, patch, patchCtx)).toEqual(expect.objectContaining({ status }));
      } else {
        expect(() => patchOrder(order, patch, patchCtx)).toThrow(
          expect.objectContaining({ code: 'ORDER.FIELD_NOT_EDITABLE', kind: 'conflict', details: { status, fields: [field] } }),
        );
      }
    }
  });

  it('refuses a change made on a version someone changed since, naming the status now; the same change already there is answered unwritten', () => {
    const order = { ...anOrder().forCustomer(customer).with({ items: [{ size: 20, quantity: 5, unitPrice: 850, subtotal: 4250 }] }).build(), version: 3 };
    const three = updateOrderInputSchema.parse({ items: [{ size: 20, quantity: 3 }], version: 2 });
    expect(() => patchOrder(order, three, patchCtx)).toThrow(
      expect.objectContaining({ code: 'ORDER.CHANGED', kind: 'conflict', details: { id: order.id, version: 3, status: 'pending' } }),
    );
    expect(patchOrder(order, { ...three, version: 3 }, patchCtx).items).toEqual([{ size: 20, quantity: 3, unitPrice: 850, subtotal: 2550 }]);
    expect(patchOrder(order, { items: [{ size: 20, quantity: 5 }], version: 2 }, patchCtx)).toBe(order);
    expect(patchOrder(order, { items: [{ size: 20, quantity: 3 }] }, patchCtx).items[0]?.quantity).toBe(3);
  });

  it('names the status that no longer lets a field change before the version it was made on', () => {
    const order = { ...anOrder().forCustomer(customer).inStatus('cancelled').build(), version: 4 };
    expect(() => patchOrder(order, { requestedDate: '2026-12-02', version: 3 }, patchCtx)).toThrow(
      expect.objectContaining({ code: 'ORDER.FIELD_NOT_EDITABLE', details: { status: 'cancelled', fields: ['requestedDate'] } }),
    );
  });

  it('refuses a version alone, which changes nothing', () => {
    expect(updateOrderInputSchema.safeParse({ version: 2 }).success).toBe(false);
  });

  it('moves an order onto a closure day for staff saying why (緊急配送), keeps that on other changes, and drops it off the closure', () => {
    const order = anOrder().forCustomer(customer).build();
    const onClosure = patchOrder(order, updateOrderInputSchema.parse({ requestedDate: '2027-02-08', closureOverride: { reason: '餐廳照常營業' } }), patchCtx);
    expect(onClosure.closureOverride).toMatchObject({ reason: '餐廳照常營業', by: OFFICE, closure: '春節' });
    expect(patchOrder(onClosure, { notes: '後門' }, patchCtx).closureOverride).toEqual(onClosure.closureOverride);
    expect(patchOrder(onClosure, { requestedDate: '2027-02-08' }, patchCtx).closureOverride).toEqual(onClosure.closureOverride);
    // The reason was given for its day: another closed day needs its own.
    expect(() => patchOrder(onClosure, { requestedDate: '2027-02-09' }, patchCtx)).toThrow(expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED' }));
    expect(patchOrder(onClosure, { requestedDate: '2027-02-10' }, patchCtx)).not.toHaveProperty('closureOverride');
    expect(() => patchOrder(order, { requestedDate: '2027-02-08', closureOverride: { reason: '急' } }, { ...patchCtx, by: { uid: 'u-cust', role: 'customer' } })).toThrow(
      expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED' }),
    );
    expect(updateOrderInputSchema.safeParse({ closureOverride: { reason: '急' } }).success).toBe(false);
  });

  it('checks a new date like a new order, closures included', () => {
    const order = anOrder().forCustomer(customer).build();
    expect(() => patchOrder(order, updateOrderInputSchema.parse({ requestedDate: '2027-02-07' }), patchCtx)).toThrow(
      expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED', details: expect.objectContaining({ name: '春節' }) }),
    );
    expect(() => patchOrder(order, updateOrderInputSchema.parse({ requestedDate: '2026-11-01' }), patchCtx)).toThrow(
      expect.objectContaining({ code: 'ORDER.REQUESTED_DATE_IN_PAST' }),
    );
  });

  it('moves an order onto a day closed in other districts, not onto one closed where it is delivered', () => {
    const order = anOrder().forCustomer(customer).build();
    const typhoon = { name: '颱風假', from: '2026-12-03', to: '2026-12-03' };
    const move = updateOrderInputSchema.parse({ requestedDate: '2026-12-03' });
    expect(patchOrder(order, move, { ...patchCtx, closures: [{ ...typhoon, districts: ['烏來區'] }] }).requestedDate).toBe('2026-12-03');
    expect(() => patchOrder(order, move, { ...patchCtx, closures: [{ ...typhoon, districts: [order.district] }] })).toThrow(
      expect.objectContaining({ code: 'ORDER.BUSINESS_CLOSED' }),
    );
  });
});

describe('repriceOrder', () => {
  // aPriceList: 20 kg NT$850 and 50 kg NT$2,050 since 2020; NT$830 for 20 kg posted from 2026-12-01 after the order was taken.
  const later = [...aPriceList(), { size: 20, unitPrice: 830, effectiveFrom: '2026-12-01' }] as const;
  const at = new Date('2026-11-29T03:00:00Z');
  const mixed = (status: OrderStatus = 'pending') =>
    anOrder().forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }], requestedDate: '2026-12-03' }).inStatus(status).build();

  it('prices the lines of the size as on its requested day, keeps the other lines and totals them again', () => {
    const repriced = repriceOrder(mixed('confirmed'), later, 20, at);
    expect(repriced.items).toEqual([
      { size: 20, quantity: 2, unitPrice: 830, subtotal: 1660 },
      { size: 50, quantity: 1, unitPrice: 2050, subtotal: 2050 },
    ]);
    expect(repriced).toMatchObject({ total: 3710, status: 'confirmed', updatedAt: '2026-11-29T03:00:00.000Z' });
  });

  it.each(ORDER_STATUSES.filter((s) => s !== 'pending' && s !== 'confirmed'))('leaves a %s order at the price it was planned or billed with', (status) => {
    const order = mixed(status);
    expect(repriceOrder(order, later, 20, at)).toBe(order);
  });

  it('changes nothing when no line of the size moves: another size, a day before the new price, a price already taken', () => {
    const before = anOrder().forCustomer(customer).with({ requestedDate: '2026-11-30' }).build();
    const taken = repriceOrder(mixed(), later, 20, at);
    for (const [order, size] of [[mixed(), 50], [before, 20], [taken, 20]] as const) expect(repriceOrder(order, later, size, at)).toBe(order);
  });
});

describe('repriceAllLines', () => {
  const later = [...aPriceList(), { size: 20, unitPrice: 830, effectiveFrom: '2026-12-01' }, { size: 50, unitPrice: 2100, effectiveFrom: '2026-12-02' }] as const;
  const at = new Date('2026-11-30T03:00:00Z');
  const order = anOrder().forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }], requestedDate: '2026-12-03' }).inStatus('confirmed').build();

  it('prices every line as on the requested day and totals them again', () => {
    expect(repriceAllLines(order, later, at)).toMatchObject({
      items: [
        { size: 20, quantity: 2, unitPrice: 830, subtotal: 1660 },
        { size: 50, quantity: 1, unitPrice: 2100, subtotal: 2100 },
      ],
      total: 3760,
    });
  });

  it('is the same order when no price moves', () => {
    expect(repriceAllLines(order, aPriceList(), at)).toBe(order);
  });

  it('keeps the price of a size the list has no price for that day', () => {
    expect(repriceAllLines(order, later.filter((e) => e.size !== 50), at).items).toEqual([
      { size: 20, quantity: 2, unitPrice: 830, subtotal: 1660 },
      { size: 50, quantity: 1, unitPrice: 2050, subtotal: 2050 },
    ]);
  });
});

import type { DeliveryRoute, Order } from '../../lib/types';
import { approximateLocation, approximateToPlan, routeLabels, routeSheet } from './route-sheet';

const order = (id: string, over: Partial<Order> = {}): Order => ({
  id,
  customerId: `c-${id}`,
  customerName: `客戶${id}`,
  district: '三重區',
  address: '新北市三重區重新路一段1號',
  items: [{ size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 }],
  emptiesToCollect: [{ size: 20, quantity: 2 }],
  total: 1700,
  paymentMethod: 'cash',
  requestedDate: '2026-12-01',
  priority: 'normal',
  status: 'scheduled',
  source: 'office',
  notes: '',
  timeline: [],
  createdAt: '2026-11-29T01:00:00Z',
  updatedAt: '2026-11-29T01:00:00Z',
  ...over,
});

const route = (id: string, depotId: string, orderIds: string[] = []): DeliveryRoute => ({
  id,
  date: '2026-12-01',
  depotId,
  status: 'draft',
  stops: orderIds.map((orderId, i) => ({ orderId, customerId: `c-${orderId}`, seq: i + 1, trip: 0, eta: `2026-12-01T0${i}:30:00Z`, lat: 25, lng: 121.5 })),
  distanceKm: 10,
  durationMin: 60,
});

describe('route names', () => {
  it('keep the number of a route given out when the office plans again for a late order, whatever that plan’s id', () => {
    const names = { 'depot-zhonghe': '中和站' } as Record<string, string>;
    const published = { ...route('opt-d-1', 'depot-zhonghe'), status: 'published' as const, createdAt: '2026-11-30T10:00:00Z', publishedAt: '2026-11-30T10:05:00Z' };
    const draftBefore = { ...route('opt-d-2', 'depot-zhonghe'), createdAt: '2026-11-30T10:00:00Z' };
    const latePlan = { ...route('opt-a-1', 'depot-zhonghe'), createdAt: '2026-11-30T11:00:00Z' };
    expect([...routeLabels([published, draftBefore, latePlan], (id) => names[id] ?? id)]).toEqual([
      ['opt-d-1', '中和站 1'],
      ['opt-d-2', '中和站 2'],
      ['opt-a-1', '中和站 3'],
    ]);
    // A draft planned before it but published after it comes after it.
    const publishedLater = { ...draftBefore, status: 'published' as const, publishedAt: '2026-11-30T11:30:00Z' };
    expect([...routeLabels([latePlan, publishedLater, published], (id) => names[id] ?? id)]).toEqual([
      ['opt-d-1', '中和站 1'],
      ['opt-d-2', '中和站 2'],
      ['opt-a-1', '中和站 3'],
    ]);
  });

  it('number each depot’s routes of the day in the order the planner made them', () => {
    const names = { 'depot-sanchong': '三重站', 'depot-zhonghe': '中和站' } as Record<string, string>;
    const routes = [route('opt-b-10', 'depot-sanchong'), route('opt-b-2', 'depot-sanchong'), route('opt-z-1', 'depot-zhonghe'), route('opt-b-1', 'depot-sanchong')];
    const labels = routeLabels(routes, (id) => names[id] ?? id);
    expect([...labels]).toEqual([
      ['opt-b-1', '三重站 1'],
      ['opt-b-2', '三重站 2'],
      ['opt-b-10', '三重站 3'],
      ['opt-z-1', '中和站 1'],
    ]);
  });
});

describe('the route sheet (派車單)', () => {
  it('lists the stops in their order with each order’s customer, window and cylinders', () => {
    const r = { ...route('r1', 'd', ['o1', 'o2']), stops: [...route('r1', 'd', ['o1', 'o2']).stops].reverse() };
    const sheet = routeSheet(r, [order('o2', { timeWindow: { start: '08:00', end: '10:30' }, phone: '0912-345-678' }), order('o1')]);
    expect(sheet.stops.map((s) => [s.seq, s.orderId, s.order?.customerName])).toEqual([
      [1, 'o1', '客戶o1'],
      [2, 'o2', '客戶o2'],
    ]);
    expect(sheet.stops[1]?.order).toMatchObject({ timeWindow: { start: '08:00', end: '10:30' }, phone: '0912-345-678', items: [{ size: 20, quantity: 2 }] });
  });

  it('adds up the truck’s load and the empties by size, smallest first, and the cash to collect from cash orders only', () => {
    const sheet = routeSheet(route('r1', 'd', ['o1', 'o2', 'o3']), [
      order('o1', { items: [{ size: 50, quantity: 1, unitPrice: 2040, subtotal: 2040 }], emptiesToCollect: [{ size: 50, quantity: 1 }], total: 2040 }),
      order('o2', { items: [{ size: 20, quantity: 3, unitPrice: 860, subtotal: 2580 }, { size: 4, quantity: 1, unitPrice: 300, subtotal: 300 }], emptiesToCollect: [], total: 2880, paymentMethod: 'monthly' }),
      order('o3'),
    ]);
    expect(sheet.load).toEqual([
      { size: 4, quantity: 1 },
      { size: 20, quantity: 5 },
      { size: 50, quantity: 1 },
    ]);
    expect(sheet.empties).toEqual([
      { size: 20, quantity: 2 },
      { size: 50, quantity: 1 },
    ]);
    expect(sheet.cashToCollect).toBe(2040 + 1700);
  });

  it('marks the first stop of every trip after the first, where the truck has been back to the depot to reload', () => {
    const base = route('r1', 'd', ['o1', 'o2', 'o3', 'o4']);
    const trips = [0, 0, 1, 2];
    const r = { ...base, stops: base.stops.map((s, i) => ({ ...s, trip: trips[i] ?? 0 })).reverse() };
    expect(routeSheet(r, []).stops.map((s) => [s.orderId, s.startsTrip])).toEqual([
      ['o1', undefined],
      ['o2', undefined],
      ['o3', 2],
      ['o4', 3],
    ]);
    // Timed since trips were stored: each reload says when the truck is back at the depot and out again.
    const at = (hhmm: string) => `2026-12-01T${hhmm}:00.000Z`;
    const timed = { ...r, trips: [{ departsAt: at('00:00'), returnsAt: at('02:10') }, { departsAt: at('02:25'), returnsAt: at('03:40') }, { departsAt: at('03:55'), returnsAt: at('05:00') }] };
    expect(routeSheet(timed, []).stops.map((s) => s.reload)).toEqual([
      undefined,
      undefined,
      { back: at('02:10'), departs: at('02:25') },
      { back: at('03:40'), departs: at('03:55') },
    ]);
  });

  it('keeps a stop whose order is not read (yet) and counts it as missing, out of the load', () => {
    const sheet = routeSheet(route('r1', 'd', ['o1', 'gone']), [order('o1')]);
    expect(sheet.stops.map((s) => [s.orderId, s.order === undefined])).toEqual([
      ['o1', false],
      ['gone', true],
    ]);
    expect(sheet.missing).toBe(1);
    expect(sheet.load).toEqual([{ size: 20, quantity: 2 }]);
  });

  it('counts the stops whose customer is located only at a road’s or a district’s centre', () => {
    const sheet = routeSheet(route('r1', 'd', ['o1', 'o2', 'o3', 'o4']), [
      order('o1', { locationPrecision: 'district' }),
      order('o2', { locationPrecision: 'street' }),
      order('o3', { locationPrecision: 'address' }),
      order('o4'),
    ]);
    expect(sheet.stops.map((s) => s.order && approximateLocation(s.order))).toEqual(['district', 'street', null, null]);
    expect(sheet.approximate).toBe(2);
  });
});

describe('the orders to plan located only roughly', () => {
  it('are the pending and confirmed ones at a road’s or a district’s centre, by customer name', () => {
    const orders = [
      order('o1', { customerName: '王記', status: 'confirmed', locationPrecision: 'district' }),
      order('o2', { customerName: '陳記', status: 'pending', locationPrecision: 'street' }),
      order('o3', { customerName: '林記', status: 'scheduled', locationPrecision: 'district' }),
      order('o4', { customerName: '張記', status: 'confirmed', locationPrecision: 'manual' }),
    ];
    expect(approximateToPlan(orders).map((o) => o.id)).toEqual(['o1', 'o2']);
  });
});

import { createI18n } from 'vue-i18n';
import { routeMessages, staleStops } from '../../../../functions/src/domain/routes';
import { aDraftRoute, aConfirmedOrder, aNearbyCustomer, FLEET } from '../../../../functions/src/domain/routes/test-support/fleet-mother';
import { ApiError } from '../../lib/api-client';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { ORDERS_NOT_SCHEDULABLE, staleStopsOf, staleStopText } from './stale-stops';

const DAY = '2026-12-01';
const customers = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => aNearbyCustomer(`cust-${k}`, k));
const planned = customers.map((c, i) => aConfirmedOrder(`ord-${i + 1}`, c, DAY));
const route = aDraftRoute({ id: 'job-1-1', jobId: 'job-1', date: DAY, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: planned.map((order, i) => ({ order, customer: customers[i]! })) });
// After planning: one cancelled, one moved to the day after, one given another cylinder, one whose customer was re-pinned,
// one given a window, one whose customer lives up stairs without a lift, one whose customer became industrial, one made
// urgent; the last as planned.
const now = planned.map((order, i) =>
  [
    { ...order, status: 'cancelled' as const },
    { ...order, requestedDate: '2026-12-02' },
    { ...order, items: [{ size: 16 as const, quantity: 1, unitPrice: 690, subtotal: 690 }] },
    { ...order, location: { lat: 25.0412, lng: 121.5431 }, locationPrecision: 'manual' as const },
    { ...order, timeWindow: { start: '14:00', end: '16:00' } },
    order,
    order,
    { ...order, priority: 'urgent' as const },
  ][i] ?? order,
);
const customersNow = new Map(customers.map((c) => [c.id, c]));
customersNow.set('cust-6', { ...customers[5]!, floorsWithoutElevator: 4 });
customersNow.set('cust-7', { ...customers[6]!, type: 'industrial' });
const refusal = new ApiError(409, ORDERS_NOT_SCHEDULABLE, routeMessages[ORDERS_NOT_SCHEDULABLE]?.['zh-TW'] ?? '', [], { orders: staleStops(route, now, customersNow) });

describe('a publish refused for orders changed after planning', () => {
  it('reads which orders and why from the API’s refusal, and nothing from any other failure', () => {
    expect(staleStopsOf(refusal)).toEqual([
      { orderId: 'ord-1', status: 'cancelled', reason: 'status' },
      { orderId: 'ord-2', status: 'confirmed', reason: 'date' },
      { orderId: 'ord-3', status: 'confirmed', reason: 'items' },
      { orderId: 'ord-4', status: 'confirmed', reason: 'location' },
      { orderId: 'ord-5', status: 'confirmed', reason: 'window' },
      { orderId: 'ord-6', status: 'confirmed', reason: 'service' },
      { orderId: 'ord-7', status: 'confirmed', reason: 'skills' },
      { orderId: 'ord-8', status: 'confirmed', reason: 'priority' },
    ]);
    expect(staleStopsOf(new ApiError(409, 'ROUTE.NOT_DRAFT', 'x'))).toEqual([]);
    expect(staleStopsOf(new ApiError(0, 'NETWORK.UNREACHABLE', ''))).toEqual([]);
  });

  it('names each by its customer and says why, in zh-TW and English', () => {
    const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
    const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params);
    const stops = staleStopsOf(refusal);
    // The day's orders name all but the second; the one moved away is read, or not known at all.
    const order = (id: string) => now.find((o) => o.id === id);
    const texts = () => [
      ...stops.map((stop) => staleStopText(stop, order(stop.orderId), t, i18n.global.locale.value)),
      staleStopText({ orderId: 'ord-2', status: 'confirmed', reason: 'date' }, undefined, t, i18n.global.locale.value),
      staleStopText({ orderId: 'ord-9', status: null, reason: 'status' }, undefined, t, i18n.global.locale.value),
    ];
    expect(texts()).toEqual([
      `${customers[0]!.name}：訂單目前是「已取消」，不再是「已確認」`,
      `${customers[1]!.name}：已改到 12/2（三）`,
      `${customers[2]!.name}：訂購的鋼瓶已變更`,
      `${customers[3]!.name}：客戶位置已變更`,
      `${customers[4]!.name}：送貨時段已變更`,
      `${customers[5]!.name}：卸貨時間已變更（例如無電梯的樓層）`,
      `${customers[6]!.name}：需要的司機技能已變更`,
      `${customers[7]!.name}：急件設定已變更`,
      '訂單 ord-2：已改到其他日期',
      '訂單 ord-9：訂單已不存在',
    ]);
    i18n.global.locale.value = 'en';
    expect(texts()).toEqual([
      `${customers[0]!.name}: now “Cancelled”, no longer confirmed`,
      `${customers[1]!.name}: moved to 12/2 (Wed)`,
      `${customers[2]!.name}: its cylinders changed`,
      `${customers[3]!.name}: the customer’s location changed`,
      `${customers[4]!.name}: its delivery window changed`,
      `${customers[5]!.name}: its service time changed (e.g. floors without a lift)`,
      `${customers[6]!.name}: the driver skills it needs changed`,
      `${customers[7]!.name}: its urgency changed`,
      'Order ord-2: moved to another day',
      'Order ord-9: the order no longer exists',
    ]);
  });
});

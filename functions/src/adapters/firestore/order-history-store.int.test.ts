import type { Firestore } from '@google-cloud/firestore';
import { addDays } from '../../domain/calendar';
import { FAILED_ORDER_OPEN_DAYS, type OrderStatus } from '../../domain/orders/status';
import { firestoreEmulatorHost, testConfig } from '../../local/test-support';
import { createFirestore } from './client';
import { firestoreOrderHistoryStore } from './order-history-store';

firestoreEmulatorHost();
let db: Firestore;
beforeAll(() => {
  db = createFirestore(testConfig());
});
afterAll(() => db.terminate());

const today = '2026-11-30';
const order = (id: string, customerId: string, status: OrderStatus, requestedDate: string) =>
  db.collection('orders').doc(id).set({ id, customerId, status, requestedDate, source: 'office', items: [{ size: 20, quantity: 1 }], timeline: [] });

describe('order history on the Firestore emulator', () => {
  beforeAll(async () => {
    await Promise.all([
      // Nobody home three days ago, not rescheduled yet: the truck is still to come.
      order('o-failed', 'c-failed', 'failed', addDays(today, -3)),
      order('o-failed-edge', 'c-edge', 'failed', addDays(today, -FAILED_ORDER_OPEN_DAYS)),
      order('o-failed-old', 'c-old', 'failed', addDays(today, -FAILED_ORDER_OPEN_DAYS - 1)),
      order('o-both-pending', 'c-both', 'pending', addDays(today, 2)),
      order('o-both-failed', 'c-both', 'failed', addDays(today, -1)),
      order('o-rescheduled', 'c-rescheduled', 'pending', addDays(today, -5)),
      order('o-done', 'c-done', 'delivered', addDays(today, -2)),
      order('o-cancelled', 'c-done', 'cancelled', addDays(today, 1)),
    ]);
  });

  it('counts as open a failed order requested in the last 14 days until it is rescheduled, earliest first', async () => {
    const open = await firestoreOrderHistoryStore(db).openOrders(today);
    const ids = Object.fromEntries([...open].map(([customerId, orders]) => [customerId, orders.map((o) => o.id)]));
    expect(ids).toEqual({
      'c-failed': ['o-failed'],
      'c-edge': ['o-failed-edge'],
      'c-both': ['o-both-failed', 'o-both-pending'],
      'c-rescheduled': ['o-rescheduled'],
    });
    expect(open.get('c-failed')).toEqual([{ id: 'o-failed', requestedDate: addDays(today, -3), status: 'failed', source: 'office' }]);
  });

  it("reads one customer's orders from a day on, not the whole history", async () => {
    await Promise.all([order('h-old', 'c-hist', 'delivered', '2025-11-29'), order('h-first', 'c-hist', 'delivered', '2025-11-30'), order('h-new', 'c-hist', 'failed', '2026-06-01')]);
    const orders = await firestoreOrderHistoryStore(db).ordersOf('c-hist', '2025-11-30');
    expect(orders.map((o) => o.id).sort()).toEqual(['h-first', 'h-new']);
  });
});

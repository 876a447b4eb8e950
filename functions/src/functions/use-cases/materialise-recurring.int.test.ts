import type { Firestore } from '@google-cloud/firestore';
import { addDays, weekday } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { transition, type Order } from '../../domain/orders';
import { aCustomer } from '../../domain/test-support/customer-mother';
import { startTestStack, type TestStack } from '../../local/test-support';
import { apiClient } from '../test-support/api-client';
import { materialiseRecurring } from './materialise-recurring';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const SYSTEM = { uid: 'system:scheduler', role: 'system' } as const;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'materialise-recurring', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('customers').doc('cust-race').set(aCustomer().withId('cust-race').withCode('C00001').with({ closedDays: [] }).build());
  await db.collection('priceList').doc('p20').set({ id: 'p20', size: 20, unitPrice: 820, effectiveFrom: '2020-01-01', createdAt: '2020-01-01T00:00:00Z', createdBy: 'x' });
});
afterAll(() => stack.close());

/**
 * The emulator's Firestore, with `beforeFirst` run just before its first transaction starts: a write another process
 * makes between what the job read and the transaction that adds to an order, at that very moment every time.
 */
function interleaved(db: Firestore, beforeFirst: () => Promise<void>): Firestore {
  let pending = true;
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === 'runTransaction' && pending) {
        pending = false;
        return async (...args: Parameters<Firestore['runTransaction']>) => {
          await beforeFirst();
          return target.runTransaction(...args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('recurring job on the emulators', () => {
  it("make an order of its own for an occurrence moved onto a closure's eve whose order went onto a truck between the read and the add: nothing lost or doubled", async () => {
    const db = stack.container.db;
    const [eve, inside] = [addDays(today, 5), addDays(today, 6)];
    const body = { customerId: 'cust-race', recurrence: { kind: 'weekly', weekdays: [weekday(eve), weekday(inside)] }, startDate: eve, items: [{ size: 20, quantity: 1 }] };
    const rule = (await call('POST', '/api/orders/recurring', { as: 'office', body })).body.id as string;
    const eveOrder = `rec-${rule}-${eve}`;
    expect((await materialiseRecurring(stack.container, 5, SYSTEM)).created).toBe(1);
    await db.collection('closures').doc('cl-race').set({ id: 'cl-race', name: '盤點', from: inside, to: inside, createdAt: new Date().toISOString(), createdBy: 'u-admin' });

    const ontoTruck = async () => {
      const ref = db.collection('orders').doc(eveOrder);
      const order = (await ref.get()).data() as Order;
      const at = new Date();
      const scheduled = (['confirmed', 'scheduled'] as const).reduce((o, to) => transition(o, to, { by: SYSTEM, at, routeId: 'route-race', driverId: 'drv-1' }), order);
      await ref.set({ ...scheduled, version: (order as Order & { version: number }).version + 1 });
    };
    const report = await materialiseRecurring({ ...stack.container, db: interleaved(db, ontoTruck) }, 6, SYSTEM);

    expect(report).toMatchObject({ considered: 1, created: 1, added: 0, skipped: [] });
    const orders = await db.collection('orders').where('recurringRuleId', '==', rule).get();
    const lines = (items: { size: number; quantity: number }[]) => items.map((l) => [l.size, l.quantity]);
    expect(orders.docs.map((d) => [d.id, d.get('requestedDate'), d.get('status'), lines(d.get('items')), d.get('recurringDates')])).toEqual([
      [eveOrder, eve, 'scheduled', [[20, 1]], [eve]],
      [`rec-${rule}-${inside}`, eve, 'pending', [[20, 1]], [inside]],
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { aDraftRoute } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { eventually, planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * A driver takes back more empties than the customer's record holds: the record stops at zero, and
 * the office gets an alert through the outbox, Pub/Sub and the alerts consumer, naming the customer.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const stop = { order: day.orders[1]!, customer: day.customers[1]! };
const route = aDraftRoute({ id: 'job-oc-1', jobId: 'job-oc', date: day.date, vehicle: day.vehicles[0]!, driver: day.drivers[0]!, stops: [stop] });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'over-collected', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'systemAlerts') });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day);
  await stack.container.db.collection('customers').doc(stop.customer.id).update({ cylindersOnSite: [{ size: 20, count: 1, depositPaid: 1200 }] });
  await stack.container.db.collection('routes').doc(route.id).set({ ...route, version: 1 });
  expect((await call('POST', `/api/routes/${route.id}/publish`, { as: 'office' })).status).toBe(200);
});
afterAll(() => stack.close());

describe('empties collected beyond the customer’s record', () => {
  it('floor the record at zero and raise one alert for the office naming the customer', async () => {
    const body = { actionId: randomUUID(), delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 3 }], cashCollected: 0 };
    const res = await call('POST', `/api/driver/stops/${stop.order.id}/deliver`, { as: 'driver1', body });
    expect(res.status).toBe(200);
    // 1 on site + 1 left − 3 taken back: nothing left, and the record was short by one.
    const customer = (await stack.container.db.collection('customers').doc(stop.customer.id).get()).data() as Json;
    expect(customer.cylindersOnSite).toEqual([{ size: 20, count: 0, depositPaid: 1200 }]);
    const alert = await eventually(async () => {
      const snap = await stack.container.db.collection('alerts').where('kind', '==', 'system.cylinders_over_collected').get();
      return snap.empty ? null : snap.docs.map((d) => d.data());
    });
    expect(alert).toEqual([
      expect.objectContaining({ severity: 'warning', customerName: stop.customer.name, acknowledged: false, data: expect.objectContaining({ customerId: stop.customer.id, orderId: stop.order.id }) }),
    ]);
    // The retried action changes nothing more.
    expect((await call('POST', `/api/driver/stops/${stop.order.id}/deliver`, { as: 'driver1', body })).status).toBe(200);
    expect(((await stack.container.db.collection('customers').doc(stop.customer.id).get()).data() as Json).cylindersOnSite).toEqual([{ size: 20, count: 0, depositPaid: 1200 }]);
  });
});

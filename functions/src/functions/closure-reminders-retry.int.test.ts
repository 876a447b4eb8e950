import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { aCustomer } from '../domain/test-support/customer-mother';
import type { LocalLineServer } from '../adapters/notify/test-support/line-server';
import type { TestStack } from '../local/test-support';
import type { apiClient } from './test-support/api-client';
import { startStackWithLine } from './test-support/line-stack';

/**
 * A LINE outage at 09:00 on the eve of a closure: the job answers 503 so Cloud Scheduler runs it
 * again, and the rerun reaches the customer once. Against the local LINE stand-in, which speaks the
 * Messaging API's push endpoint.
 */
const TOKEN = 'closure-retry-channel-token';
const today = taipeiDate(new Date());
// Starts tomorrow: today is the last day anyone can be reminded.
const closure = { id: 'cl-eve', name: '春節', from: addDays(today, 1), to: addDays(today, 5), createdAt: new Date().toISOString(), createdBy: 'u-admin' };
const customer = aCustomer().withId('cust-line').withCode('C00001').with({ closedDays: [], lineUserId: `U${'a'.repeat(32)}` }).build();

let line: LocalLineServer;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stack, line, call, close } = await startStackWithLine('closure-retry', TOKEN));
  const db = stack.container.db;
  await db.collection('customers').doc(customer.id).set(customer);
  await db.collection('closures').doc(closure.id).set(closure);
  await db.collection('predictions').doc(customer.id).set({ customerId: customer.id, asOf: today, nextRefill: { safeDeliveryDate: addDays(today, 3) } });
});
afterAll(() => close());

describe('closure reminders when LINE is down', () => {
  it('answer 503 with the reminder left pending, and send it once when Cloud Scheduler runs the job again', async () => {
    line.failNext(500);
    const failed = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ reminded: 0, pending: 1, errors: [{ closureId: closure.id, customerId: customer.id, code: 'LINE.UNAVAILABLE' }] });
    expect([line.requests.length, line.delivered.length]).toEqual([1, 0]);
    const dispatch = await stack.container.db.collection('notificationDispatch').doc(`closure-${closure.id}-${customer.id}`).get();
    expect(dispatch.get('status')).toBe('pending');

    const retried = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ reminded: 1, pending: 0, errors: [] });
    expect(line.delivered).toHaveLength(1);
    expect(line.delivered[0]?.to).toBe(customer.lineUserId);

    const again = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect([again.status, again.body.reminded]).toEqual([200, 0]);
    expect(line.delivered).toHaveLength(1);
  });
});

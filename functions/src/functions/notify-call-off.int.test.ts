import { randomUUID } from 'node:crypto';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { buildEvent, type EventEnvelope } from '../domain/events';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { releaseHeldNoticesEvery } from '../local/start';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';
import { pushEvent } from './test-support/push-event';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
// The functions' clock, moved on by the tests past the 15 minutes a held notice waits.
let ahead = 0;
const clock = { now: () => new Date(Date.now() + ahead) };
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const typhoon = { id: 'cl-typhoon', name: '颱風停班停課', from: today, to: today, districts: ['中和區'], createdAt: new Date().toISOString(), createdBy: 'u-admin' };
const CUSTOMERS = ['cust-c1', 'cust-c2', 'cust-c3', 'cust-c4', 'cust-c5'] as const;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'notify-call-off', subscriptions: [{ consumer: 'notifyCustomer', topic: 'order-events' }], clock });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await seedPortalAccounts(db, CUSTOMERS);
  await db.collection('closures').doc(typhoon.id).set(typhoon);
  for (const [i, id] of CUSTOMERS.entries()) {
    const customer = aCustomer().withId(id).withCode(`C0010${i}`).build();
    await db.collection('customers').doc(id).set(customer);
    // As the board leaves them: called off on the road (failed), then moved off the closure to tomorrow, 待確認.
    const order = anOrder().withId(`ord-${id}`).forCustomer(customer).with({ requestedDate: tomorrow }).build();
    await db.collection('orders').doc(order.id).set({ ...order, version: 6 });
  }
});
afterAll(() => stack.close());

/** The board's 出車中的訂單標記未送達: the stop failed today, the closure's name its reason (or a driver's code). */
const failed = (customerId: string, reason = typhoon.name): EventEnvelope =>
  buildEvent({
    id: randomUUID(), type: 'order.status_changed', occurredAt: new Date(), actor: { uid: 'u-office', role: 'office' }, subject: `orders/ord-${customerId}`, sequence: 5,
    data: { orderId: `ord-${customerId}`, customerId, from: 'out_for_delivery', to: 'failed', requestedDate: today, total: 820, reason },
  });
/** 全部移到休息後: the order moved off the closure to tomorrow. */
const moved = (customerId: string): EventEnvelope =>
  buildEvent({
    id: randomUUID(), type: 'order.updated', occurredAt: new Date(), actor: { uid: 'u-office', role: 'office' }, subject: `orders/ord-${customerId}`, sequence: 6,
    data: { orderId: `ord-${customerId}`, customerId, fields: ['requestedDate', 'status'], total: 820, closure: { name: typhoon.name, from: today, to: today } },
  });

const push = (event: EventEnvelope) => pushEvent(stack, 'notifyCustomer', 'order-events', event);
const told = async (customerId: string): Promise<string[]> =>
  (await stack.container.db.collection('notifications').where('customerId', '==', customerId).get()).docs.map((d) => d.data().text as string);
const sweep = async () => {
  const res = await call('POST', '/api/jobs/sweep-outbox', { as: 'admin', body: {} });
  expect(res.status).toBe(200);
  return res.body.heldNotices;
};
const NEW_DAY = '配送時間已改為';
const WILL_CALL = '我們將盡快與您聯繫改約時間';

describe('the customer of a stop a closure called off', () => {
  it('hears once, the new day, when the move follows the call-off, each event delivered twice', async () => {
    const fail = failed('cust-c1');
    const move = moved('cust-c1');
    for (const e of [fail, fail, move, move, fail]) expect(await push(e)).toBe(204);
    const texts = await told('cust-c1');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(`因${typhoon.name}`);
    expect(texts[0]).toContain(NEW_DAY);
    expect(texts[0]).not.toContain(WILL_CALL);
  });

  it('hears once, the new day, when the move is handled before the call-off', async () => {
    const fail = failed('cust-c2');
    const move = moved('cust-c2');
    for (const e of [move, fail, move, fail]) expect(await push(e)).toBe(204);
    expect((await told('cust-c2')).map((t) => t.includes(NEW_DAY))).toEqual([true]);
  });

  it('is told of the failure once after 15 minutes when nobody moves the order, and by no later sweep or redelivery', async () => {
    const fail = failed('cust-c3');
    expect(await push(fail)).toBe(204);
    expect(await sweep()).toEqual({ released: 0, pending: 0 });
    expect(await told('cust-c3')).toEqual([]);
    ahead = 16 * 60_000;
    expect(await sweep()).toEqual({ released: 1, pending: 0 });
    expect(await sweep()).toEqual({ released: 0, pending: 0 });
    expect(await push(fail)).toBe(204);
    const texts = await told('cust-c3');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(`配送未完成（原因：${typhoon.name}）`);
    const dispatch = (await stack.container.db.collection('notificationDispatch').doc(fail.id).get()).data();
    expect(dispatch).toMatchObject({ orderId: 'ord-cust-c3', customerId: 'cust-c3', status: 'sent' });
  });

  it('is told a failure for another reason at once, as before, the move then telling the new day', async () => {
    expect(await push(failed('cust-c4', 'no_one_home'))).toBe(204);
    expect(await told('cust-c4')).toEqual([expect.stringContaining('配送未完成（原因：無人在家）')]);
    expect(await push(moved('cust-c4'))).toBe(204);
    expect((await told('cust-c4')).filter((t) => t.includes(NEW_DAY))).toHaveLength(1);
  });

  it('is told of the failure by the local stack, which has no scheduler, on its own beat', async () => {
    expect(await push(failed('cust-c5'))).toBe(204);
    ahead = 32 * 60_000;
    const stop = releaseHeldNoticesEvery(stack.container, 100);
    try {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await told('cust-c5')).length === 0) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await stop();
    }
    expect(await told('cust-c5')).toEqual([expect.stringContaining(`配送未完成（原因：${typhoon.name}）`)]);
  });
});

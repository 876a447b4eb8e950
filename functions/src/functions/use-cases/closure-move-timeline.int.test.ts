import { SUBSCRIPTIONS } from '../../adapters/pubsub/subscriptions';
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import type { EventEnvelope } from '../../domain/events';
import { aCustomer } from '../../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../../domain/test-support/order-mother';
import type { Principal } from '../../domain/users';
import { startTestStack, type TestStack } from '../../local/test-support';
import { apiClient, type Json } from '../test-support/api-client';
import { seedPortalAccounts } from '../test-support/portal-accounts';
import { pushEvent } from '../test-support/push-event';
import { moveClosureOrders } from './move-closure-orders';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const office: Principal = { uid: 'u-office', role: 'office' };

beforeAll(async () => {
  stack = await startTestStack({ suite: 'closure-move-timeline', subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyCustomer') });
  call = apiClient(stack.url, stack.container);
  await Promise.all(aPriceList().map((p) => stack.container.db.collection('priceList').doc(`p-${p.size}`).set(p)));
});
afterAll(() => stack.close());

describe('休息日 move on the order’s timeline', () => {
  const lny = { name: '春節', from: addDays(today, 6), to: addDays(today, 7) };
  const customer = aCustomer().withId('cust-tl').withCode('C29999').with({ closedDays: [] }).build();

  it('writes one 改期 entry naming the closure in the move’s transaction, however often the move runs, and the customer is told once', async () => {
    const db = stack.container.db;
    await db.collection('customers').doc(customer.id).set(customer);
    await seedPortalAccounts(db, [customer.id]);
    const order = anOrder().withId('ord-tl').forCustomer(customer).with({ requestedDate: lny.from }).inStatus('confirmed').build();
    await db.collection('orders').doc(order.id).set({ ...order, version: 1 });
    const closureId: string = (await call('POST', '/api/closures', { as: 'admin', body: lny })).body.closure.id;

    // Two tabs moving at once (both answer the order on its new day), then the page asking again: the order is written once.
    const newDay = addDays(lny.to, 1);
    const runs = await Promise.all([1, 2].map(() => moveClosureOrders(stack.container, { closureId, direction: 'after', principal: office, locale: 'zh-TW' })));
    expect(runs.map((r) => r.moved.map((m) => [m.id, m.to]))).toEqual([[['ord-tl', newDay]], [['ord-tl', newDay]]]);
    expect((await call('POST', `/api/closures/${closureId}/move-orders`, { as: 'office', body: { direction: 'after' } })).body.moved).toEqual([]);

    const stored = (await db.collection('orders').doc(order.id).get()).data();
    expect(stored).toMatchObject({ requestedDate: newDay, version: 2 });
    const moves = [{ at: expect.any(String), by: { uid: office.uid, role: 'office' }, from: 'confirmed', to: 'confirmed', rescheduled: { from: lny.from, to: newDay }, closure: lny }];
    expect(stored?.['timeline'].filter((e: Json) => e['rescheduled'])).toEqual(moves);
    // The customer's own view of the order carries it, for the portal's card to say why the day changed.
    const seen = await call('GET', `/api/orders/${order.id}`, { as: { uid: 'u-cust-tl', role: 'customer', customerId: customer.id } });
    expect(seen.body.timeline.filter((e: Json) => e['rescheduled'])).toEqual(moves);

    // The move's one event is the customer's one message, redelivered or not.
    const events = (await db.collection('outbox').where('event.subject', '==', `orders/${order.id}`).get()).docs.map((d) => d.get('event') as EventEnvelope);
    expect(events.map((e) => e.type)).toEqual(['order.updated']);
    const [moved] = events as [EventEnvelope];
    for (const messageId of ['m-1', 'm-1', 'm-2']) expect(await pushEvent(stack, 'notifyCustomer', 'order-events', moved, messageId)).toBe(204);
    const inbox = (await db.collection('notifications').where('customerId', '==', customer.id).get()).docs.map((d) => d.get('text') as string);
    expect(inbox).toEqual([expect.stringContaining('因春節（')]);
  });
});

import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { anOrder, aPriceList } from '../../domain/test-support/order-mother';
import { aCustomer } from '../../domain/test-support/customer-mother';
import type { Principal } from '../../domain/users';
import { startTestStack, type TestStack } from '../../local/test-support';
import { apiClient, type Json } from '../test-support/api-client';
import { moveClosureOrders } from './move-closure-orders';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const typhoon = { name: '颱風停班停課', from: addDays(today, 4), to: addDays(today, 4) };
const ids = Array.from({ length: 12 }, (_, i) => `ord-${String(i + 1).padStart(2, '0')}`);
const office: Principal = { uid: 'u-office', role: 'office' };

beforeAll(async () => {
  stack = await startTestStack({ suite: 'move-closure-orders', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  await Promise.all(
    ids.map(async (id, i) => {
      const customer = aCustomer().withId(`cust-${id}`).withCode(`C${String(20000 + i)}`).with({ closedDays: [] }).build();
      await db.collection('customers').doc(customer.id).set(customer);
      const order = anOrder().withId(id).forCustomer(customer).with({ requestedDate: typhoon.from }).inStatus(i % 2 === 0 ? 'confirmed' : 'pending').build();
      await db.collection('orders').doc(id).set({ ...order, version: 1 });
    }),
  );
});
afterAll(() => stack.close());

describe('休息日 move of more orders than one request has time for', () => {
  it('stops starting moves once out of time and says how many are left (remaining); the same move again takes the rest', async () => {
    const created = await call('POST', '/api/closures', { as: 'admin', body: typhoon });
    expect(created.body.affectedOrders).toHaveLength(12);
    const closureId: string = created.body.closure.id;
    // Out of time after five moves have started: the others are left for the next request.
    let checks = 0;
    const first = await moveClosureOrders(stack.container, { closureId, direction: 'after', principal: office, locale: 'zh-TW', outOfTime: () => checks++ >= 5 });
    expect([first.moved.length, first.notMoved.length, first.remaining]).toEqual([5, 0, 7]);
    const onTheDay = async () => (await stack.container.db.collection('orders').where('requestedDate', '==', typhoon.from).get()).docs.map((d) => d.id).sort();
    expect(await onTheDay()).toHaveLength(7);

    const rest = await call('POST', `/api/closures/${closureId}/move-orders`, { as: 'office', body: { direction: 'after' } });
    expect(rest.status).toBe(200);
    expect([rest.body.moved.length, rest.body.notMoved, rest.body.remaining]).toEqual([7, [], 0]);
    expect([...first.moved, ...rest.body.moved].map((m: Json) => m.id).sort()).toEqual(ids);
    expect(await onTheDay()).toEqual([]);
    expect(rest.body.days).toEqual([{ date: addDays(typhoon.to, 1), openOrders: 12, movedIn: 7 }]);
  });
});

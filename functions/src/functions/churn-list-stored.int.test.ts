import { aCustomer } from '../domain/test-support/customer-mother';
import { writeDocuments } from '../local/seed';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, PRINCIPALS, type Json, type Who } from './test-support/api-client';

/**
 * The churn list ranks by the value and loss stored on each prediction with its score (one indexed query), not by reading
 * the orders of every customer at the risk: each customer here has orders that say something else than the stored value,
 * so a list worked out from the orders reads otherwise. A prediction stored before the value was is valued from its
 * orders, alone.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const model = { name: 'lpg-churn', version: 'churn-list-stored' };
const stake = (months: number, perMonth: number, cylinders: number) => ({ months, bySize: [{ size: 20, perMonth: cylinders }], perMonth });
/** Delivered orders of 20 kg cylinders on the 14th of each month. */
const monthly = (months: readonly string[], quantity: number, unitPrice: number) => months.map((month) => ({ month, quantity, unitPrice }));
// Fixed past days throughout: nothing here depends on today or the hour.
const CUSTOMERS = [
  // Stored at NT$8,000 a month (4,800 at 60 %); its one order says NT$800.
  { id: 'cust-shop', code: 'C00021', risk: 0.6, last: '2026-08-14', stored: { valueAtStake: stake(6, 8000, 8), expectedLoss: 4800 }, orders: monthly(['08'], 1, 800) },
  // Stored at NT$1,000 a month (900 at 90 %); its orders say NT$20,000.
  { id: 'cust-flat', code: 'C00022', risk: 0.9, last: '2026-08-14', stored: { valueAtStake: stake(2, 1000, 1), expectedLoss: 900 }, orders: monthly(['07', '08'], 10, 2000) },
  { id: 'cust-none', code: 'C00023', risk: 0.95, last: null, stored: { valueAtStake: null, expectedLoss: 0 }, orders: monthly([], 0, 0) },
  // Stored before the value was: NT$6,000 a month from its orders, March to August (1,800 at 30 %).
  { id: 'cust-old', code: 'C00024', risk: 0.3, last: '2026-08-14', stored: {}, orders: monthly(['03', '04', '05', '06', '07', '08'], 5, 1200) },
];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'churn-list-stored', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await writeDocuments(stack.container.db, [
    ...CUSTOMERS.flatMap((c) => {
      const customer = aCustomer().withId(c.id).withCode(c.code).with({ name: `客戶${c.code}`, type: 'restaurant' }).build();
      const prediction = {
        customerId: c.id,
        customerName: customer.name,
        customerType: 'restaurant',
        customerDistrict: '板橋區',
        customerPhone: '02-2960-0000',
        lastDeliveryDate: c.last,
        churn: { risk: c.risk, reasons: [{ code: 'OVERDUE', weight: 1 }], model, source: 'local' },
        ...c.stored,
      };
      const orders = c.orders.map(({ month, quantity, unitPrice }) => ({
        path: `orders/o-${c.id}-${month}`,
        data: {
          id: `o-${c.id}-${month}`,
          customerId: c.id,
          source: 'office',
          status: 'delivered',
          createdAt: '2026-01-01T00:00:00.000Z',
          requestedDate: `2026-${month}-14`,
          items: [{ size: 20, quantity, unitPrice, subtotal: quantity * unitPrice }],
          total: quantity * unitPrice,
        },
      }));
      return [{ path: `customers/${c.id}`, data: customer }, { path: `predictions/${c.id}`, data: prediction }, ...orders];
    }),
    ...[PRINCIPALS.office, PRINCIPALS.admin].map((p) => ({ path: `users/${p.uid}`, data: { uid: p.uid, username: p.uid, displayName: p.role === 'office' ? '王小姐' : '林老闆', role: p.role } })),
  ]);
});
afterAll(() => stack.close());

const list = async (query = '', as: Who = 'office') => (await call('GET', `/api/predictions/churn${query}`, { as })).body;
const ranked = (body: Json) => body.items.map((i: Json) => [i.customerId, i.valueAtStake?.perMonth ?? null, i.expectedLoss]);

describe('流失風險 ranked by the stored value', () => {
  it('orders the customers at the risk by the loss stored with their score, not by what their orders would say, and by risk on request', async () => {
    expect(ranked(await list())).toEqual([
      ['cust-shop', 8000, 4800],
      ['cust-flat', 1000, 900],
      ['cust-none', null, 0],
    ]);
    expect((await list()).items[0]).toMatchObject({ customerCode: 'C00021', valueAtStake: { months: 6, bySize: [{ size: 20, perMonth: 8 }], perMonth: 8000 } });
    expect(ranked(await list('?sort=risk'))).toEqual([
      ['cust-none', null, 0],
      ['cust-flat', 1000, 900],
      ['cust-shop', 8000, 4800],
    ]);
    expect(ranked(await list('?limit=1'))).toEqual([['cust-shop', 8000, 4800]]);
    for (const who of ['driver1', 'customerA'] as const) expect((await call('GET', '/api/predictions/churn', { as: who })).status).toBe(403);
  });

  it('values a prediction stored before the value was from its orders and ranks it among the stored ones, which keep theirs', async () => {
    expect(ranked(await list('?minRisk=0.25'))).toEqual([
      ['cust-shop', 8000, 4800],
      ['cust-old', 6000, 1800],
      ['cust-flat', 1000, 900],
      ['cust-none', null, 0],
    ]);
  });

  it("lists the caller's own by the stored loss, and fills to the limit past the customers called lately", async () => {
    for (const id of ['cust-flat', 'cust-shop']) {
      expect((await call('PUT', `/api/predictions/customers/${id}/assignee`, { as: 'admin', body: { uid: PRINCIPALS.office.uid } })).status).toBe(200);
    }
    expect(ranked(await list('?assignee=mine'))).toEqual([
      ['cust-shop', 8000, 4800],
      ['cust-flat', 1000, 900],
    ]);
    expect(ranked(await list('?assignee=mine', 'admin'))).toEqual([]);
    expect((await call('POST', '/api/predictions/customers/cust-shop/calls', { as: 'office', body: { outcome: 'no_answer' } })).status).toBe(201);
    const past = await list('?limit=1');
    expect([ranked(past), past.hiddenContacted]).toEqual([[['cust-flat', 1000, 900]], 1]);
    expect(ranked(await list('?assignee=mine'))).toEqual([['cust-flat', 1000, 900]]);
  });
});

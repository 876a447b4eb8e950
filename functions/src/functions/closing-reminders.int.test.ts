import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { renderClosingReminder } from '../domain/notifications';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';

/**
 * The closure reminder job before a day closing early (提早收工, 除夕's half day) on the emulators: the customers with an
 * order or a recurring delivery on it are told, each in their language, once however often it runs; nobody else is.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const eve = { id: 'cl-eve', name: '除夕', from: day(3), to: day(3), closesAt: '12:00', createdAt: new Date().toISOString(), createdBy: 'u-admin' };

const ordered = aCustomer().withId('cust-ordered').withCode('C00001').with({ closedDays: [] }).build();
const recurring = aCustomer().withId('cust-recurring').withCode('C00002').with({ closedDays: [], notificationLocale: 'en' }).build();
const dayBefore = aCustomer().withId('cust-before').withCode('C00003').with({ closedDays: [] }).build();
const nothing = aCustomer().withId('cust-nothing').withCode('C00004').with({ closedDays: [] }).build();
const all = [ordered, recurring, dayBefore, nothing];

const inbox = async (customerId: string): Promise<string[]> =>
  (await stack.container.db.collection('notifications').where('customerId', '==', customerId).get()).docs.map((d) => d.get('text') as string);

beforeAll(async () => {
  stack = await startTestStack({ suite: 'closing-reminders', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of all) await db.collection('customers').doc(c.id).set(c);
  await seedPortalAccounts(db, all.map((c) => c.id));
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  await db.collection('closures').doc(eve.id).set(eve);
  for (const [id, customer, requestedDate] of [['ord-eve', ordered, day(3)], ['ord-before', dayBefore, day(2)]] as const) {
    const order = anOrder().withId(id).forCustomer(customer).with({ requestedDate, timeWindow: { start: '09:00', end: '11:00' } }).inStatus('confirmed').build();
    await db.collection('orders').doc(id).set({ ...order, version: 1 });
  }
});
afterAll(() => stack.close());

describe('closure reminders before a day closing early', () => {
  it('tell the customers with an order or a recurring delivery on it, in their language, once however often the job runs', async () => {
    const rule = await call('POST', '/api/orders/recurring', {
      as: 'office',
      body: { customerId: recurring.id, recurrence: { kind: 'every_n_weeks', intervalWeeks: 1 }, startDate: day(3), endDate: day(3), items: [{ size: 20, quantity: 1 }] },
    });
    expect(rule.status).toBe(201);

    const first = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ closures: [{ id: eve.id, name: '除夕', from: eve.from, to: eve.to }], reminded: 2, skipped: { NO_DELIVERY: 2 }, errors: [], pending: 0 });
    const again = await call('POST', '/api/jobs/closure-reminders', { as: 'admin', body: {} });
    expect(again.body).toMatchObject({ reminded: 0, skipped: { ALREADY_REMINDED: 2, NO_DELIVERY: 2 } });

    const reminder = { closure: eve, day: eve.from };
    expect(await inbox(ordered.id)).toEqual([renderClosingReminder(reminder)]);
    expect(await inbox(recurring.id)).toEqual([renderClosingReminder(reminder, 'en')]);
    for (const c of [dayBefore, nothing]) expect(await inbox(c.id)).toEqual([]);
    const dispatch = (await stack.container.db.collection('notificationDispatch').doc(`closure-${eve.id}-${ordered.id}`).get()).data();
    expect(dispatch).toMatchObject({ kind: 'closure-reminder', closureId: eve.id, orderBy: eve.from, status: 'sent' });
  });
});

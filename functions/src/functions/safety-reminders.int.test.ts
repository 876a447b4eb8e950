import { randomUUID } from 'node:crypto';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { renderSafetyReminder } from '../domain/notifications/safety-reminder';
import { SAFETY_ITEMS, withSafetyDueKey, type SafetySummary } from '../domain/safety';
import { aCustomer } from '../domain/test-support/customer-mother';
import { NOTIFICATIONS_COLLECTION } from '../adapters/notify/inbox-sender';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

/**
 * 安全檢查通知 on the emulators (the local stack has no LINE or SMS, so the in-app inbox stands in for both): who the daily
 * run tells, that a rerun tells nobody twice, and that the office's due list says who was told of the due day now current.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const day = (n: number): string => addDays(today, n);
const summary = (nextDueOn: string, over: Partial<SafetySummary> = {}): SafetySummary => ({ inspectionId: 'si-old', lastInspectedOn: addDays(nextDueOn, -730), result: 'pass', nextDueOn, openItems: [], ...over });

const inspected = (customer: Customer, safety: SafetySummary): Customer => ({ ...customer, safety });

const dueSoon = inspected(aCustomer().withId('cust-soon').withCode('C00001').build(), summary(day(10)));
const recheck = inspected(
  aCustomer().withId('cust-recheck').withCode('C00002').with({ notificationLocale: 'en' }).build(),
  summary(day(5), { lastInspectedOn: day(-25), result: 'needsFix', openItems: ['regulator', 'hose'] }),
);
const overdue = inspected(aCustomer().withId('cust-overdue').withCode('C00003').build(), summary(day(-20)));
const never = aCustomer().withId('cust-never').withCode('C00004').build();
const later = inspected(aCustomer().withId('cust-later').withCode('C00005').build(), summary(day(25)));
const landline = inspected(aCustomer().withId('cust-landline').withCode('C00006').with({ phones: ['(02)2941-5566'] }).build(), summary(day(3)));
const gone = { ...inspected(aCustomer().withId('cust-gone').withCode('C00007').build(), summary(day(3))), status: 'inactive' as const };
const told = [dueSoon, recheck, overdue, never];

const inbox = async (customerId: string): Promise<string[]> =>
  (await stack.container.db.collection(NOTIFICATIONS_COLLECTION).where('customerId', '==', customerId).get()).docs.map((d) => d.get('text') as string);
const run = () => call('POST', '/api/jobs/safety-reminders', { as: 'admin', body: {} });
const dueList = async (): Promise<Map<string, Json>> =>
  new Map(((await call('GET', '/api/safety-inspections/due?withinDays=30&limit=100', { as: 'office' })).body.items as Json[]).map((r) => [r.customerId as string, r]));

beforeAll(async () => {
  stack = await startTestStack({ suite: 'safety-reminders', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  // Stored as the customer store and the inspections leave them: with the due list's key (none for the inactive one).
  for (const c of [...told, later, landline, gone]) await stack.container.db.collection('customers').doc(c.id).set(withSafetyDueKey(c));
});
afterAll(() => stack.close());

describe('safety reminders job on the emulators', () => {
  it('tells each active customer due within two weeks, overdue or never inspected once, however often it runs', async () => {
    const first = await run();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ considered: 6, reminded: 4, skipped: { NOT_DUE: 1, NO_CHANNEL: 1 }, errors: [], pending: 0 });
    const again = await run();
    expect(again.body).toEqual({ considered: 6, reminded: 0, skipped: { ALREADY_REMINDED: 4, NOT_DUE: 1, NO_CHANNEL: 1 }, errors: [], pending: 0 });

    for (const c of told) expect({ id: c.id, messages: (await inbox(c.id)).length }).toEqual({ id: c.id, messages: 1 });
    for (const c of [later, landline, gone]) expect(await inbox(c.id)).toEqual([]);
    expect(await inbox(recheck.id)).toEqual([
      renderSafetyReminder({ customerId: recheck.id, dueOn: day(5), overdue: false, lastInspectedOn: day(-25), openItems: ['regulator', 'hose'] }, 'en'),
    ]);
    expect((await inbox(recheck.id))[0]).toContain('Regulator; Hose (ageing, length, clips)');
    expect((await inbox(overdue.id))[0]).toMatch(/^幸福氣安全檢查通知：您的瓦斯設備安全檢查已於 .+到期/);
    expect((await inbox(never.id))[0]).toContain('尚無檢查紀錄');
    const dispatch = (await stack.container.db.collection('notificationDispatch').doc(`safety-${never.id}-invitation`).get()).data();
    expect(dispatch).toMatchObject({ kind: 'safety-reminder', dueOn: null, customerId: never.id, channel: 'inbox', status: 'sent' });
  });

  it('shows the office who was told of the due day now current', async () => {
    const rows = await dueList();
    for (const c of told) expect({ id: c.id, remindedOn: rows.get(c.id)?.remindedOn }).toEqual({ id: c.id, remindedOn: today });
    expect(rows.get(landline.id)?.remindedOn).toBeNull();
    expect(rows.get(later.id)?.remindedOn).toBeNull();
  });

  it('marks the customer on a rerun when the run that sent it stopped before marking', async () => {
    await stack.container.db.collection('customers').doc(dueSoon.id).update({ safetyReminder: null });
    expect((await dueList()).get(dueSoon.id)?.remindedOn).toBeNull();
    const rerun = await run();
    expect(rerun.body).toMatchObject({ reminded: 0, skipped: { ALREADY_REMINDED: 4 } });
    expect(await inbox(dueSoon.id)).toHaveLength(1);
    expect((await dueList()).get(dueSoon.id)?.remindedOn).toBe(today);
  });

  it('starts a new cycle once an inspection moves the due day', async () => {
    const items = SAFETY_ITEMS.map((item) => ({ item, result: item === 'leakTest' ? 'needsFix' : 'ok' }));
    const body = { customerId: overdue.id, inspectedOn: today, items, technician: { name: '陳建宏', certificateNo: '北市消安字第 1090001 號' } };
    expect((await call('POST', '/api/safety-inspections', { as: 'office', body, key: randomUUID() })).status).toBe(201);
    expect((await dueList()).get(overdue.id)).toMatchObject({ nextDueOn: day(30), openItems: ['leakTest'], remindedOn: null });
    expect((await run()).body).toMatchObject({ reminded: 0, skipped: { NOT_DUE: 2, ALREADY_REMINDED: 3 } });
    expect(await inbox(overdue.id)).toHaveLength(1);
  });
});

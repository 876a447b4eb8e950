import { FieldValue, Query } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { renderSafetyReminder, safetyRemindDueBy, type SafetyReminderCandidate } from '../domain/notifications/safety-reminder';
import { SAFETY_ITEMS, withSafetyDueKey, type SafetySummary } from '../domain/safety';
import { aCustomer } from '../domain/test-support/customer-mother';
import { firestoreSafetyInspectionStore } from '../adapters/firestore/safety-inspection-store';
import { NOTIFICATIONS_COLLECTION } from '../adapters/notify/inbox-sender';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';

/**
 * 安全檢查通知 on the emulators (the local stack has no LINE or SMS, so the in-app inbox stands in for both): who the daily
 * run tells, that a rerun tells nobody twice, that the office's due list says who was told of the due day now current,
 * and that the run reads only the customers its due key says can be due (the ones stored without the key aside).
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
/** A crowd due long after the two weeks the run looks ahead: counted as not due, never read. */
const FAR = 150;
const far = Array.from({ length: FAR }, (_, i) => inspected(aCustomer().withId(`cust-far-${i}`).withCode(`C1${String(i).padStart(4, '0')}`).build(), summary(day(40 + i))));
const ids = (customers: readonly Customer[]): string[] => customers.map((c) => c.id).sort();

/**
 * The customers the queries made while `work` runs return (the job's lists; the transactions read one customer each by
 * reference), `onRead` awaited on each list of them before the job sees it.
 */
async function customersRead<T>(work: () => Promise<T>, onRead: (ids: readonly string[]) => Promise<void> = async () => undefined): Promise<{ result: T; read: string[] }> {
  const read = new Set<string>();
  const get = Query.prototype.get;
  const spy = jest.spyOn(Query.prototype, 'get').mockImplementation(async function (this: Query) {
    const snap = await get.call(this);
    const found = snap.docs.filter((d) => d.ref.parent.id === 'customers').map((d) => d.id);
    for (const id of found) read.add(id);
    if (found.length > 0) await onRead(found);
    return snap;
  });
  try {
    return { result: await work(), read: [...read].sort() };
  } finally {
    spy.mockRestore();
  }
}

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
  await seedPortalAccounts(stack.container.db, [...told, later, landline, gone].map((c) => c.id));
  const batch = stack.container.db.batch();
  for (const c of far) batch.set(stack.container.db.collection('customers').doc(c.id), withSafetyDueKey(c));
  await batch.commit();
});
afterAll(() => stack.close());

describe('safety reminders job on the emulators', () => {
  it('tells each active customer due within two weeks, overdue or never inspected once, however often it runs, reading only those', async () => {
    const first = await customersRead(run);
    expect(first.result.status).toBe(200);
    expect(first.result.body).toEqual({ considered: 6 + FAR, reminded: 4, skipped: { NOT_DUE: 1 + FAR, NO_CHANNEL: 1 }, errors: [], pending: 0, missingDueKey: 0 });
    expect(first.read).toEqual(ids([...told, landline]));
    const again = await customersRead(run);
    expect(again.result.body).toEqual({ considered: 6 + FAR, reminded: 0, skipped: { ALREADY_REMINDED: 4, NOT_DUE: 1 + FAR, NO_CHANNEL: 1 }, errors: [], pending: 0, missingDueKey: 0 });
    expect(again.read).toEqual(ids([...told, landline]));

    for (const c of told) expect({ id: c.id, messages: (await inbox(c.id)).length }).toEqual({ id: c.id, messages: 1 });
    for (const c of [later, landline, gone, far[0] as Customer]) expect(await inbox(c.id)).toEqual([]);
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
    const items = SAFETY_ITEMS.map((item) => ({ item, result: item === 'ventilation' ? 'needsFix' : 'ok' }));
    const body = { customerId: overdue.id, inspectedOn: today, items, technician: { name: '陳建宏', certificateNo: '北市消安字第 1090001 號' }, confirmation: { kind: 'paper', name: '林美玲' } };
    expect((await call('POST', '/api/safety-inspections', { as: 'office', body, key: randomUUID() })).status).toBe(201);
    expect((await dueList()).get(overdue.id)).toMatchObject({ nextDueOn: day(30), openItems: ['ventilation'], remindedOn: null });
    expect((await run()).body).toMatchObject({ reminded: 0, skipped: { NOT_DUE: 2 + FAR, ALREADY_REMINDED: 3 } });
    expect(await inbox(overdue.id)).toHaveLength(1);
  });

  it('skips as CHANGED a customer deactivated between the list and the send', async () => {
    const late = inspected(aCustomer().withId('cust-late').withCode('C00008').build(), summary(day(2)));
    await stack.container.db.collection('customers').doc(late.id).set(withSafetyDueKey(late));
    const deactivate = async (found: readonly string[]) => {
      if (found.includes(late.id)) expect((await call('POST', `/api/customers/${late.id}/deactivate`, { as: 'office', body: {} })).status).toBe(200);
    };
    const { result } = await customersRead(run, deactivate);
    expect(result.body).toEqual({
      considered: 7 + FAR,
      reminded: 0,
      skipped: { NOT_DUE: 2 + FAR, ALREADY_REMINDED: 3, NO_CHANNEL: 1, CHANGED: 1 },
      errors: [],
      pending: 0,
      missingDueKey: 0,
    });
    expect(await inbox(late.id)).toEqual([]);
    expect((await stack.container.db.collection('notificationDispatch').doc(`safety-${late.id}-${day(2)}`).get()).exists).toBe(false);
  });

  it('still tells customers stored without the due key, reading every active customer to find them until the backfill', async () => {
    const unkeyed = aCustomer().withId('cust-unkeyed').withCode('C00009').build();
    const unkeyedLater = inspected(aCustomer().withId('cust-unkeyed-later').withCode('C00010').build(), summary(day(40)));
    for (const c of [unkeyed, unkeyedLater]) await stack.container.db.collection('customers').doc(c.id).set(c);
    await seedPortalAccounts(stack.container.db, [unkeyed.id, unkeyedLater.id]);
    const active = [...told, later, landline, ...far, unkeyed, unkeyedLater];
    const dueNow = [dueSoon, recheck, never, landline];

    const before = await customersRead(run);
    expect(before.result.body).toEqual({
      considered: active.length,
      reminded: 1,
      skipped: { NOT_DUE: 3 + FAR, ALREADY_REMINDED: 3, NO_CHANNEL: 1 },
      errors: [],
      pending: 0,
      missingDueKey: 2,
    });
    expect(before.read).toEqual(ids(active));
    expect(await inbox(unkeyed.id)).toHaveLength(1);
    expect(await inbox(unkeyedLater.id)).toEqual([]);

    expect((await call('POST', '/api/safety-inspections/due-keys', { as: 'admin', body: {} })).body).toMatchObject({ written: 2 });
    const after = await customersRead(run);
    expect(after.result.body).toEqual({
      considered: active.length,
      reminded: 0,
      skipped: { NOT_DUE: 3 + FAR, ALREADY_REMINDED: 4, NO_CHANNEL: 1 },
      errors: [],
      pending: 0,
      missingDueKey: 0,
    });
    expect(after.read).toEqual(ids([...dueNow, unkeyed]));
    expect(await inbox(unkeyed.id)).toHaveLength(1);
  });

  it('lists the due by their key and the active customers by id a page at a time, each customer once', async () => {
    const store = firestoreSafetyInspectionStore(stack.container.db);
    const pages = async (list: AsyncGenerator<SafetyReminderCandidate[]>): Promise<string[][]> => {
      const out: string[][] = [];
      for await (const page of list) out.push(page.map((c) => c.id));
      return out;
    };
    // By (safetyDueKey, code): the never inspected ('') first, then by due day.
    expect(await pages(store.candidatesDueBy(safetyRemindDueBy(today), 2))).toEqual([
      [never.id, 'cust-unkeyed'],
      [landline.id, recheck.id],
      [dueSoon.id],
    ]);
    const everyone = await pages(store.activeCandidates(40));
    expect(everyone.map((p) => p.length)).toEqual([40, 40, 40, 38]);
    expect(everyone.flat().sort()).toEqual([...new Set(everyone.flat())].sort());
    expect(everyone.flat()).toHaveLength(8 + FAR);
    expect(await pages(store.activeCandidates(40, 'withoutDueKey'))).toEqual([]);
    await stack.container.db.collection('customers').doc('cust-far-99').update({ safetyDueKey: FieldValue.delete() });
    expect(await pages(store.activeCandidates(40, 'withoutDueKey'))).toEqual([['cust-far-99']]);
  });

  it('tells a customer whose supply a service call stopped nothing: the notice promises a technician at a delivery that cannot come', async () => {
    const stopped: Customer = { ...aCustomer().withId('cust-stopped').withCode('C00010').build(), supplyStop: { serviceCallId: 'svc-hose', since: today, items: ['hose'] } };
    await stack.container.db.collection('customers').doc(stopped.id).set(withSafetyDueKey(stopped));
    await seedPortalAccounts(stack.container.db, [stopped.id]);
    const res = await run();
    expect(res.body).toMatchObject({ skipped: expect.objectContaining({ SUPPLY_STOPPED: 1 }), errors: [] });
    expect(await inbox(stopped.id)).toEqual([]);
  });
});

import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { EventEnvelope } from '../domain/events';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder, aPriceList } from '../domain/test-support/order-mother';
import { startTestStack, taipeiClockAt, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';
import { pushEvent } from './test-support/push-event';

// Moving back to today is the office's, past the customers' same-day cut-off: the hour is pinned so it does not matter when CI runs.
const clock = taipeiClockAt('10:00');
const today = taipeiDate(clock.now());
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const inDistrict = (id: string, city: string, district: string) =>
  aCustomer()
    .withId(id)
    .withCode(`C${id.slice(-4)}`)
    .with({ closedDays: [], address: { city, district, road: '中山路', section: 2, number: '100' } })
    .build();
const zhonghe = inDistrict('cust-zh01', '新北市', '中和區');
const zhongheEn = { ...inDistrict('cust-zh02', '新北市', '中和區'), notificationLocale: 'en' as const };
const xinyi = inDistrict('cust-xy01', '台北市', '信義區');

beforeAll(async () => {
  stack = await startTestStack({ suite: 'closure-narrow', clock, subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'notifyCustomer') });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await Promise.all(aPriceList().map((p) => db.collection('priceList').doc(`p-${p.size}`).set(p)));
  await Promise.all([zhonghe, zhongheEn, xinyi].map((c) => db.collection('customers').doc(c.id).set(c)));
  await seedPortalAccounts(db, [zhonghe.id, zhongheEn.id, xinyi.id]);
});
afterAll(() => stack.close());

/** A 颱風停班停課 of `day` in `districts`, that day's orders (two in 中和區, one in 信義區) moved to after it: `moved` of them. */
async function typhoonWithMovedOrders(tag: string, day: string, districts: string[], moved: number): Promise<string> {
  const db = stack.container.db;
  const orders = [
    anOrder().withId(`ord-${tag}-zh`).forCustomer(zhonghe).with({ requestedDate: day }).inStatus('confirmed').build(),
    anOrder().withId(`ord-${tag}-en`).forCustomer(zhongheEn).with({ requestedDate: day }).inStatus('pending').build(),
    anOrder().withId(`ord-${tag}-xy`).forCustomer(xinyi).with({ requestedDate: day }).inStatus('confirmed').build(),
  ];
  await Promise.all(orders.map((o) => db.collection('orders').doc(o.id).set({ ...o, version: 1 })));
  const body = { name: '颱風停班停課', from: day, to: day, districts };
  const closureId: string = (await call('POST', '/api/closures', { as: 'admin', body })).body.closure.id;
  const move = await call('POST', `/api/closures/${closureId}/move-orders`, { as: 'office', body: { direction: 'after' } });
  expect(move.body.moved).toHaveLength(moved);
  return closureId;
}

const stateOf = (moves: Json[]) => Object.fromEntries(moves.map((m) => [m['orderId'], m['state']]));

describe('PATCH /api/closures/:id (縮小範圍)', () => {
  let closureId: string;
  beforeAll(async () => {
    closureId = (await call('POST', '/api/closures', { as: 'admin', body: { name: '豪雨停班', from: addDays(today, 10), to: addDays(today, 12), districts: ['烏來區', '坪林區'] } })).body.closure.id;
  });

  it.each([
    ['office', 403],
    ['driver1', 403],
    ['customerA', 403],
  ] as const)('refuses %s', async (who, status) => {
    expect((await call('PATCH', `/api/closures/${closureId}`, { as: who, body: { districts: ['烏來區'] } })).status).toBe(status);
  });

  it.each([
    [{ districts: ['烏來區', '大安區'] }, 'CLOSURE.WIDENS', '只能縮小休息日的範圍'],
    [{ to: addDays(today, 13) }, 'CLOSURE.WIDENS', '只能縮小休息日的範圍'],
    [{ districts: [] }, 'REQUEST.VALIDATION', '全部恢復請刪除休息日'],
    [{ districts: ['火星區'] }, 'REQUEST.VALIDATION', '不是本公司配送的鄉鎮市區'],
    [{ to: addDays(today, 9) }, 'CLOSURE.END_BEFORE_START', '結束日期不可早於開始日期'],
  ])('answers %j with 4xx %s in the caller’s language, the closure as it was', async (body, code, words) => {
    const r = await call('PATCH', `/api/closures/${closureId}`, { as: 'admin', body });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body.error.code).toBe(code);
    expect(JSON.stringify(r.body)).toContain(words);
    expect((await stack.container.db.collection('closures').doc(closureId).get()).data()).toMatchObject({ districts: ['烏來區', '坪林區'], to: addDays(today, 12) });
  });

  it('narrows for an admin, the audit log naming it; an unknown closure is 404', async () => {
    const r = await call('PATCH', `/api/closures/${closureId}`, { as: 'admin', body: { districts: ['烏來區'], to: addDays(today, 11) } });
    expect(r.status).toBe(200);
    expect(r.body.closure).toMatchObject({ id: closureId, districts: ['烏來區'], from: addDays(today, 10), to: addDays(today, 11) });
    const audit = (await stack.container.db.collection('auditLog').where('entityIds', 'array-contains', closureId).get()).docs.map((d) => d.data());
    expect(audit.filter((e) => e['function'] === 'closures' && e['method'] === 'PATCH')).toHaveLength(1);
    expect((await call('PATCH', '/api/closures/cl-none', { as: 'admin', body: { to: today } })).status).toBe(404);
  });
});

describe('恢復配送: the orders a narrowed closure moved come back', () => {
  it('lists each move; once 中和區 reopens brings its unchanged orders back to today, told once in their language, and keeps the changed one', async () => {
    const db = stack.container.db;
    const closureId = await typhoonWithMovedOrders('a', today, ['信義區', '北投區', '中和區'], 3);
    const listed = await call('GET', `/api/closures/${closureId}/moves`, { as: 'office' });
    expect(listed.body.moves.map((m: Json) => [m['orderId'], m['from'], m['state']])).toEqual([
      ['ord-a-en', today, 'stays'],
      ['ord-a-xy', today, 'stays'],
      ['ord-a-zh', today, 'stays'],
    ]);
    const tomorrow = listed.body.moves[0].to as string;
    expect(listed.body.moves[0].message).toBe('原配送日在該地區仍休息（或客戶公休）');

    await call('PATCH', `/api/closures/${closureId}`, { as: 'admin', body: { districts: ['信義區', '北投區'] } });
    // Someone moved the English customer's order on since: it is theirs to see to, not the move back's.
    await call('PATCH', '/api/orders/ord-a-en', { as: 'office', body: { requestedDate: addDays(tomorrow, 1) } });
    expect(stateOf((await call('GET', `/api/closures/${closureId}/moves`, { as: 'admin' })).body.moves)).toEqual({ 'ord-a-en': 'stays', 'ord-a-xy': 'stays', 'ord-a-zh': 'mayComeBack' });

    // Two tabs at once, then a retry: the order comes back once.
    const runs = await Promise.all([1, 2].map(() => call('POST', `/api/closures/${closureId}/move-back`, { as: 'office', lang: 'en' })));
    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    expect(runs.map((r) => r.body.movedBack).sort()).toEqual([0, 1]);
    const again = await call('POST', `/api/closures/${closureId}/move-back`, { as: 'admin' });
    expect(again.body.movedBack).toBe(0);
    expect(stateOf(again.body.moves)).toEqual({ 'ord-a-en': 'stays', 'ord-a-xy': 'stays', 'ord-a-zh': 'back' });
    expect(runs[0]?.body.moves.find((m: Json) => m['orderId'] === 'ord-a-en').message).toBe('Changed since the move (moved, confirmed, planned or cancelled): see to it on its own');

    const back = (await db.collection('orders').doc('ord-a-zh').get()).data();
    expect(back).toMatchObject({ requestedDate: today, status: 'confirmed' });
    expect(back?.['timeline'].at(-1)).toMatchObject({ rescheduled: { from: tomorrow, to: today }, closure: { name: '颱風停班停課', lifted: true } });
    expect((await db.collection('orders').doc('ord-a-xy').get()).get('requestedDate')).toBe(tomorrow);

    const events = (await db.collection('outbox').where('event.subject', '==', 'orders/ord-a-zh').get()).docs.map((d) => d.get('event') as EventEnvelope);
    const lifted = events.filter((e) => e.data['closureLifted'] === true);
    expect(lifted).toHaveLength(1);
    for (const messageId of ['m-1', 'm-1', 'm-2']) expect(await pushEvent(stack, 'notifyCustomer', 'order-events', lifted[0] as EventEnvelope, messageId)).toBe(204);
    const inbox = (await db.collection('notifications').where('customerId', '==', zhonghe.id).get()).docs.map((d) => d.get('text') as string);
    expect(inbox.filter((t) => t.includes('配送恢復為'))).toEqual([expect.stringContaining('因颱風停班停課取消，配送恢復為 ')]);
  });

  it('tells an English customer in English', async () => {
    const db = stack.container.db;
    const closureId = await typhoonWithMovedOrders('b', addDays(today, 1), ['中和區', '大安區'], 2);
    await call('PATCH', `/api/closures/${closureId}`, { as: 'admin', body: { districts: ['大安區'] } });
    expect((await call('POST', `/api/closures/${closureId}/move-back`, { as: 'admin' })).body.movedBack).toBe(2);
    const events = (await db.collection('outbox').where('event.subject', '==', 'orders/ord-b-en').get()).docs.map((d) => d.get('event') as EventEnvelope);
    expect(await pushEvent(stack, 'notifyCustomer', 'order-events', events.find((e) => e.data['closureLifted'] === true) as EventEnvelope)).toBe(204);
    const inbox = (await db.collection('notifications').where('customerId', '==', zhongheEn.id).get()).docs.map((d) => d.get('text') as string);
    expect(inbox.filter((t) => t.includes('is back on'))).toEqual([expect.stringContaining('as 颱風停班停課 has been called off')]);
  });

  it.each([
    ['driver1', 403],
    ['customerA', 403],
  ] as const)('refuses %s the moves and the move back', async (who, status) => {
    const closureId: string = (await call('GET', '/api/closures', { as: 'admin' })).body.closures[0].id;
    expect((await call('GET', `/api/closures/${closureId}/moves`, { as: who })).status).toBe(status);
    expect((await call('POST', `/api/closures/${closureId}/move-back`, { as: who })).status).toBe(status);
  });

  it('is 404 for an unknown closure', async () => {
    expect((await call('GET', '/api/closures/cl-none/moves', { as: 'office' })).status).toBe(404);
    expect((await call('POST', '/api/closures/cl-none/move-back', { as: 'office' })).status).toBe(404);
  });
});

import { addDays, weekday } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { expectedLoss, valueAtStake, type Customer } from '../domain/customers';
import type { Order } from '../domain/orders';
import { nearestDepotId } from '../domain/routes';
import { aCustomer, anOrder } from '../domain/test-support';
import { DEPOTS, DRIVERS, VEHICLES } from '../local/seed/fleet';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedForecastHistory } from './test-support/forecast-history';
import type { PredictionDoc } from './use-cases/forecast-model';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let customers: readonly Customer[];
const today = taipeiDate(new Date());

beforeAll(async () => {
  stack = await startTestStack({ suite: 'predictions', subscriptions: [{ consumer: 'systemAlerts', topic: 'system-alerts' }] });
  call = apiClient(stack.url, stack.container);
  ({ customers } = await seedForecastHistory(stack.container.db, { today, customers: 20, autoEvery: 3 }));
});
afterAll(() => stack.close());

const forecastOrders = async (): Promise<Json[]> =>
  (await stack.container.db.collection('orders').where('source', '==', 'forecast').get()).docs.map((d) => d.data());

/** Nothing pending to hold the customers back: every one due within the horizon is suggested tonight. */
async function dropPendingSuggestions(): Promise<void> {
  const pending = await stack.container.db.collection('orders').where('source', '==', 'forecast').where('status', 'in', ['pending', 'confirmed']).get();
  await Promise.all(pending.docs.map((d) => d.ref.delete()));
}

/** One truck with its driver at each depot, each depot set to `stopsPerTruck`; the fleet as it was back when done. */
async function oneTruckADepot(stopsPerTruck: number): Promise<() => Promise<void>> {
  const db = stack.container.db;
  const fleet = [VEHICLES[0], VEHICLES[5]].flatMap((v) => (v ? [v] : []));
  const drivers = DRIVERS.filter((d) => fleet.some((v) => v.id === d.vehicleId));
  for (const vehicle of fleet) await db.collection('vehicles').doc(vehicle.id).set(vehicle);
  for (const driver of drivers) await db.collection('drivers').doc(driver.id).set(driver);
  for (const depot of DEPOTS) await db.collection('depots').doc(depot.id).set({ ...depot, stopsPerTruck });
  return async () => {
    for (const vehicle of fleet) await db.collection('vehicles').doc(vehicle.id).delete();
    for (const driver of drivers) await db.collection('drivers').doc(driver.id).delete();
    for (const depot of DEPOTS) await db.collection('depots').doc(depot.id).set(depot);
  };
}

/** The alert of `kind` (the alerts consumer writes it a moment after the run), or undefined after 15 s. */
async function alertOf(kind: string): Promise<Json | undefined> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await stack.container.db.collection('alerts').where('kind', '==', kind).get()).docs.map((d) => d.data());
    if (found.length > 0 || Date.now() > deadline) return found[0];
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('predictions pipeline', () => {
  it('refuse drivers and customers on every predictions endpoint, and non-admins on the forecast jobs', async () => {
    for (const who of ['driver1', 'customerA'] as const) {
      for (const path of ['/api/predictions/customers/cust-0001', '/api/predictions/customers/cust-0001/calls', '/api/predictions/due?days=7', '/api/predictions/churn', '/api/predictions/weekly', '/api/predictions/model']) {
        expect({ who, path, status: (await call('GET', path, { as: who })).status }).toEqual({ who, path, status: 403 });
      }
    }
    for (const job of ['train-models', 'nightly-forecast', 'score-churn']) {
      expect((await call('POST', `/api/jobs/${job}`, { as: 'office', body: {} })).status).toBe(403);
    }
  });

  it('refuse to predict before any model was trained, and have no weekly outlook yet', async () => {
    const weekly = await call('GET', '/api/predictions/weekly', { as: 'office' });
    expect(weekly.body).toEqual({ asOf: null, computedAt: null, customers: 0, weeks: [], depots: [] });
    expect((await call('GET', '/api/predictions/model', { as: 'office' })).body).toEqual({ model: null });
    const res = await call('POST', '/api/jobs/score-churn', { as: 'admin' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PREDICTION.NO_ACTIVE_MODEL');
  });

  it('store and activate the first model, keep a worse candidate inactive, and activate a retrain that is not worse', async () => {
    const first = await call('POST', '/api/jobs/train-models', { as: 'admin', body: { holdoutWeeks: 8 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'active', name: 'lpg-refill-eb', decision: { activate: true, reason: 'NO_ACTIVE_MODEL' } });
    expect(first.body.metrics.cases).toBeGreaterThan(50);
    expect(first.body.window).toMatchObject({ to: addDays(today, -1), holdoutFrom: addDays(today, -57), customers: 20 });
    const stored = (await stack.container.db.collection('models').doc(first.body.version).get()).data();
    expect(stored?.['params']?.refill?.types?.household).toBeDefined();

    // A 2-day recency half-life throws away most of each customer's history: measurably worse.
    const worse = await call('POST', '/api/jobs/train-models', { as: 'admin', body: { settings: { recencyHalfLifeDays: 2 } } });
    expect(worse.body).toMatchObject({ status: 'candidate', decision: { activate: false, reason: 'WORSE', activeVersion: first.body.version, activeScoredBy: 'refit' } });
    expect(worse.body.decision.candidate).toBeGreaterThan(worse.body.decision.active);

    const retrain = await call('POST', '/api/jobs/train-models', { as: 'admin', body: {} });
    expect(retrain.body).toMatchObject({ status: 'active', decision: { reason: 'NOT_WORSE', activeVersion: first.body.version } });
    const statuses = (await stack.container.db.collection('models').get()).docs.map((d) => [d.id, d.get('status')]);
    expect(Object.fromEntries(statuses)).toEqual({
      [first.body.version]: 'retired',
      [worse.body.version]: 'candidate',
      [retrain.body.version]: 'active',
    });
    // The office reads the version serving and how right it was on its hold-out weeks, not the worse candidate's.
    const serving = await call('GET', '/api/predictions/model', { as: 'office' });
    expect(serving.body.model).toEqual({
      name: 'lpg-refill-eb',
      version: retrain.body.version,
      trainedAt: retrain.body.trainedAt,
      activatedAt: retrain.body.activatedAt,
      holdout: { from: retrain.body.window.holdoutFrom, to: retrain.body.window.holdoutTo, refills: retrain.body.metrics.cases, customers: 20 },
      maeDays: retrain.body.metrics.maeDays,
      coverage: retrain.body.metrics.coverageP10P90,
      ranOutBeforeSafeDate: retrain.body.metrics.ranOutBeforeSafeDate,
      vertex: false,
    });
  });

  it('suggest orders once for customers due within the horizon, confirm auto-delivery ones, and skip customers with an open order', async () => {
    const scored = await call('POST', '/api/jobs/score-churn', { as: 'admin' });
    expect(scored.body).toMatchObject({ predictions: customers.length, sources: { local: customers.length }, suggestions: null });
    // A customer the office already ordered for gets no suggestion.
    const due = await call('GET', '/api/predictions/due?days=3', { as: 'office' });
    const openOn = addDays(today, 2);
    const busy = (due.body.items as Json[]).find((item) => !customers.find((c) => c.id === item.customerId)?.closedDays.includes(weekday(openOn)));
    expect(busy).toBeDefined();
    const office = await call('POST', '/api/orders', {
      as: 'office',
      body: { customerId: busy?.customerId, items: [{ size: 20, quantity: 1 }], requestedDate: openOn },
    });
    expect(office.status).toBe(201);

    const first = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(first.status).toBe(200);
    expect(first.body.suggestions.created).toBeGreaterThan(0);
    expect(first.body.suggestions.errors).toEqual([]);
    expect(first.body.suggestions.skipped.OPEN_ORDER).toBeGreaterThanOrEqual(1);
    const suggested = await forecastOrders();
    expect(suggested).toHaveLength(first.body.suggestions.created);
    expect(suggested.some((o) => o.customerId === busy?.customerId)).toBe(false);
    const auto = new Set(customers.filter((c) => c.autoDelivery).map((c) => c.id));
    for (const order of suggested) {
      expect({ id: order.id, status: order.status }).toEqual({ id: `sug-${order.customerId}-${today}`, status: auto.has(order.customerId) ? 'confirmed' : 'pending' });
      expect(order.requestedDate > today && order.requestedDate <= addDays(today, 3 + 6)).toBe(true);
    }
    expect(first.body.suggestions.confirmed).toBe(suggested.filter((o) => auto.has(o.customerId)).length);

    const again = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(again.body.suggestions).toMatchObject({ created: 0, confirmed: 0, errors: [] });
    expect(await forecastOrders()).toHaveLength(suggested.length);

    // A suggestion declined ("we still have gas") is not made again the next night. Tomorrow's run is played by dating
    // the cancelled suggestion a day back, as that run would find it, and taking today's away.
    const declined = suggested.find((o) => o['status'] === 'pending') as Json;
    expect((await call('POST', `/api/orders/${declined['id']}/cancel`, { as: 'office', body: { reason: '客戶說瓦斯還夠用' } })).status).toBe(200);
    const db = stack.container.db;
    const cancelled = (await db.collection('orders').doc(declined['id'] as string).get()).data() as Json;
    const yesterday = addDays(today, -1);
    const earlierId = `sug-${declined['customerId']}-${yesterday}`;
    await db.collection('orders').doc(earlierId).set({ ...cancelled, id: earlierId, updatedAt: new Date(Date.now() - 86_400_000).toISOString() });
    await db.collection('orders').doc(declined['id'] as string).delete();
    const next = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(next.body.suggestions).toMatchObject({ created: 0, errors: [] });
    expect(next.body.suggestions.skipped.DECLINED).toBe(1);
    expect((await db.collection('orders').doc(declined['id'] as string).get()).exists).toBe(false);
    // A week on, the hold-off is over: the same customer is suggested again.
    await db.collection('orders').doc(earlierId).update({ updatedAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    const weekOn = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(weekOn.body.suggestions).toMatchObject({ created: 1, errors: [] });
    expect((await db.collection('orders').doc(declined['id'] as string).get()).exists).toBe(true);
  });

  it("count a failed delivery not yet rescheduled as the customer's open order: no second suggestion, and off the call list", async () => {
    const db = stack.container.db;
    const todays = (await forecastOrders()).find((o) => o['id'] === `sug-${o['customerId']}-${today}` && o['status'] !== 'cancelled') as Json;
    const customerId = todays['customerId'] as string;
    // Yesterday's suggestion, nobody home on its day, as tonight's run finds it before the office reschedules it; today's taken away.
    const failedId = `sug-${customerId}-${addDays(today, -1)}`;
    await db.collection('orders').doc(failedId).set({ ...todays, id: failedId, status: 'failed', requestedDate: today });
    await db.collection('orders').doc(todays['id'] as string).delete();

    const night = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(night.body.suggestions).toMatchObject({ created: 0, errors: [] });
    expect((await db.collection('orders').doc(todays['id'] as string).get()).exists).toBe(false);
    const due = await call('GET', '/api/predictions/due?days=7', { as: 'office' });
    expect((due.body.items as Json[]).find((i) => i.customerId === customerId)?.openOrder).toEqual({ id: failedId, requestedDate: today, status: 'failed', source: 'forecast' });
    const none = await call('GET', '/api/predictions/due?days=7&orders=none', { as: 'office' });
    expect((none.body.items as Json[]).map((i) => i.customerId)).not.toContain(customerId);

    // Requested more than 14 days ago, it was evidently settled some other way: the customer is suggested for again.
    await db.collection('orders').doc(failedId).update({ requestedDate: addDays(today, -15) });
    const later = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(later.body.suggestions).toMatchObject({ created: 1, errors: [] });
    expect((await db.collection('orders').doc(todays['id'] as string).get()).exists).toBe(true);
  });

  it('skip a customer the office heard moved to a competitor until they order again, or a later call says they will', async () => {
    const db = stack.container.db;
    const todays = (await forecastOrders()).find((o) => o['id'] === `sug-${o['customerId']}-${today}` && o['status'] === 'pending') as Json;
    const customerId = todays['customerId'] as string;
    const callAbout = async (outcome: string) => expect((await call('POST', `/api/predictions/customers/${customerId}/calls`, { as: 'office', body: { outcome } })).status).toBe(201);
    /** Tonight's run, played by taking today's suggestion away first; whether it suggested to the customer again. */
    const night = async () => {
      await db.collection('orders').doc(todays['id'] as string).delete();
      const run = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
      expect(run.body.suggestions.errors).toEqual([]);
      return { suggested: (await db.collection('orders').doc(todays['id'] as string).get()).exists, competitor: run.body.suggestions.skipped.COMPETITOR ?? 0 };
    };

    await callAbout('competitor');
    await expect(night()).resolves.toEqual({ suggested: false, competitor: 1 });
    await expect(night()).resolves.toEqual({ suggested: false, competitor: 1 });
    // They call back and order (cancelled here, so it holds no truck): buying from us again.
    const openOn = [1, 2, 3].map((d) => addDays(today, d)).find((d) => !customers.find((c) => c.id === customerId)?.closedDays.includes(weekday(d)));
    const back = await call('POST', '/api/orders', { as: 'office', body: { customerId, items: [{ size: 20, quantity: 1 }], requestedDate: openOn } });
    expect(back.status).toBe(201);
    expect((await call('POST', `/api/orders/${back.body.id}/cancel`, { as: 'office', body: { reason: '打錯單' } })).status).toBe(200);
    await expect(night()).resolves.toEqual({ suggested: true, competitor: 0 });
    // Told again later, that order is before the word; a call after it saying they will order ends it.
    await callAbout('competitor');
    await expect(night()).resolves.toEqual({ suggested: false, competitor: 1 });
    await callAbout('will_order');
    await expect(night()).resolves.toEqual({ suggested: true, competitor: 0 });
    // Called today, the customer would be off the churn list the later tests read whole.
    const calls = await db.collection('churnCalls').where('customerId', '==', customerId).get();
    await Promise.all(calls.docs.map((d) => d.ref.delete()));
  });

  it("serve one customer's prediction with its model and source, computing it on demand when none is stored", async () => {
    const active = (await stack.container.db.collection('models').where('status', '==', 'active').get()).docs[0]?.id;
    const id = customers[1]?.id as string;
    await stack.container.db.collection('predictions').doc(id).delete();
    const res = await call('GET', `/api/predictions/customers/${id}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      customerId: id,
      asOf: today,
      nextRefill: { model: { name: 'lpg-refill-eb', version: active }, source: 'local' },
      churn: { model: { version: active }, source: 'local' },
    });
    const { p10, p50, p90, safeDeliveryDate } = res.body.nextRefill;
    expect(safeDeliveryDate <= p10 && p10 <= p50 && p50 <= p90).toBe(true);
    expect(res.body.nextRefill.expectedQuantity.length).toBeGreaterThan(0);
    expect((await stack.container.db.collection('predictions').doc(id).get()).exists).toBe(true);
    expect((await call('GET', '/api/predictions/customers/nobody', { as: 'admin' })).status).toBe(404);
  });

  it('list customers due within N days by safe delivery day, and the churn list riskiest first with reasons', async () => {
    const due = await call('GET', '/api/predictions/due?days=7', { as: 'office' });
    expect(due.status).toBe(200);
    const items = due.body.items as Json[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.safeDeliveryDate <= addDays(today, 7) && i.confidence >= 0 && i.confidence <= 1)).toBe(true);
    expect(items.map((i) => i.safeDeliveryDate)).toEqual(items.map((i) => i.safeDeliveryDate).sort());
    // Each row tells same-named customers apart and gives the number to call.
    const byId = new Map(customers.map((customer) => [customer.id, customer]));
    for (const item of items) {
      const customer = byId.get(item.customerId);
      expect([item.customerDistrict, item.customerPhone]).toEqual([customer?.address.district, customer?.phones[0]]);
    }
    // Each row names the customer's earliest open order (a failed one of the last 14 days too); `orders=none` keeps only those without one, still to call.
    const openOrders = (await stack.container.db.collection('orders').where('status', 'in', ['pending', 'confirmed', 'scheduled', 'out_for_delivery', 'failed']).get()).docs
      .map((d) => d.data())
      .filter((o) => o['status'] !== 'failed' || o['requestedDate'] >= addDays(today, -14));
    const withOrder = items.filter((i) => i.openOrder !== null);
    expect(withOrder.length).toBeGreaterThan(0);
    for (const item of withOrder) {
      const theirs = openOrders.filter((o) => o.customerId === item.customerId).map((o) => o.requestedDate).sort();
      expect(item.openOrder.requestedDate).toBe(theirs[0]);
      expect(openOrders.some((o) => o.id === item.openOrder.id && o.customerId === item.customerId)).toBe(true);
    }
    expect(due.body.total).toBe(items.length);
    const none = await call('GET', '/api/predictions/due?days=7&orders=none', { as: 'office' });
    expect(none.body.items.map((i: Json) => i.customerId).sort()).toEqual(items.filter((i) => i.openOrder === null).map((i) => i.customerId).sort());
    const capped = await call('GET', '/api/predictions/due?days=7&limit=2', { as: 'office' });
    expect([capped.body.items.length, capped.body.total]).toEqual([2, items.length]);
    expect((await call('GET', '/api/predictions/due?orders=some', { as: 'office' })).status).toBe(400);

    // sort=risk: the default ranks by the NT$ a month at stake (churn-list.int pins that order).
    const churn = await call('GET', '/api/predictions/churn?minRisk=0&sort=risk', { as: 'admin' });
    const risks = (churn.body.items as Json[]).map((i) => i.risk as number);
    expect(risks).toHaveLength(customers.length);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    const riskiest = churn.body.items[0] as Json;
    expect(riskiest.reasons.length).toBeGreaterThan(0);
    expect(riskiest.reasons[0].code).toMatch(/^[A-Z_]+$/);
    expect(riskiest.customerPhone).toBe(byId.get(riskiest.customerId)?.phones[0]);
    expect(riskiest.customerDistrict).toBe(byId.get(riskiest.customerId)?.address.district);
    const high = await call('GET', '/api/predictions/churn?minRisk=0.5', { as: 'office' });
    expect((high.body.items as Json[]).every((i) => i.risk >= 0.5)).toBe(true);
  });

  it('leave a customer who moved to a competitor off the due list, as the nightly job does, counting them and listing them flagged on request', async () => {
    const db = stack.container.db;
    const before = await call('GET', '/api/predictions/due?days=7', { as: 'office' });
    expect(before.body.elsewhere).toBe(0);
    const gone = before.body.items[0] as Json;
    expect((await call('POST', `/api/predictions/customers/${gone.customerId}/calls`, { as: 'office', body: { outcome: 'competitor' } })).status).toBe(201);

    const hidden = await call('GET', '/api/predictions/due?days=7', { as: 'office' });
    expect(hidden.body.items.map((i: Json) => i.customerId)).not.toContain(gone.customerId);
    expect([hidden.body.total, hidden.body.elsewhere]).toEqual([before.body.total - 1, 1]);
    const shown = await call('GET', '/api/predictions/due?days=7&elsewhere=show', { as: 'office' });
    expect(shown.body.items.filter((i: Json) => i.buysElsewhere).map((i: Json) => i.customerId)).toEqual([gone.customerId]);
    expect([shown.body.total, shown.body.elsewhere]).toEqual([before.body.total, 1]);
    expect((await call('GET', '/api/predictions/due?elsewhere=all', { as: 'office' })).status).toBe(400);
    const calls = await db.collection('churnCalls').where('customerId', '==', gone.customerId).get();
    await Promise.all(calls.docs.map((d) => d.ref.delete()));
  });

  it('leave a customer at churn risk off the due list on request, as the nightly job does, counting them; listed flagged by default', async () => {
    const db = stack.container.db;
    const before = await call('GET', '/api/predictions/due?days=7', { as: 'office' });
    const slipping = (before.body.items as Json[]).find((i) => !i.atRisk) as Json;
    const stored = db.collection('predictions').doc(slipping.customerId);
    const risk = (await stored.get()).get('churn.risk') as number;
    await stored.update({ 'churn.risk': 0.9 });

    const hidden = await call('GET', '/api/predictions/due?days=7&atRisk=hide', { as: 'office' });
    expect(hidden.body.items.map((i: Json) => i.customerId)).not.toContain(slipping.customerId);
    expect([hidden.body.total, hidden.body.atRisk]).toEqual([before.body.total - before.body.atRisk - 1, before.body.atRisk + 1]);
    const shown = await call('GET', '/api/predictions/due?days=7', { as: 'office' });
    expect(shown.body.items.find((i: Json) => i.customerId === slipping.customerId)).toMatchObject({ atRisk: true, churnRisk: 0.9 });
    expect([shown.body.total, shown.body.atRisk]).toEqual([before.body.total, before.body.atRisk + 1]);
    expect((await call('GET', '/api/predictions/due?atRisk=none', { as: 'office' })).status).toBe(400);
    await stored.update({ 'churn.risk': risk });
  });

  it('serve a deliver-by day a closure declared since the night took as the open day before it, listing whoever that makes due', async () => {
    const db = stack.container.db;
    const stored = await db.collection('predictions').doc(customers[2]?.id as string).get();
    await db.collection('predictions').doc('cust-late').set({ ...stored.data(), customerId: 'cust-late', nextRefill: { ...stored.data()?.['nextRefill'], safeDeliveryDate: addDays(today, 9) } });
    const listed = async () => ((await call('GET', '/api/predictions/due?days=7', { as: 'office' })).body.items as Json[]).find((i) => i.customerId === 'cust-late');
    expect(await listed()).toBeUndefined();
    await db.collection('closures').doc('cl-due').set({ id: 'cl-due', name: '颱風假', from: addDays(today, 6), to: addDays(today, 10), createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    expect(await listed()).toMatchObject({ safeDeliveryDate: addDays(today, 5) });
    await Promise.all([db.collection('closures').doc('cl-due').delete(), db.collection('predictions').doc('cust-late').delete()]);
  });

  it('keep a customer who said they will order off the churn list past the 7 days for their usual interval from the call, and list them again once it passes', async () => {
    const db = stack.container.db;
    const stored = await db.collection('predictions').doc(customers[2]?.id as string).get();
    await db.collection('predictions').doc('cust-pledge').set({
      ...stored.data(),
      customerId: 'cust-pledge',
      nextRefill: { ...stored.data()?.['nextRefill'], expectedIntervalDays: 20 },
      churn: { ...stored.data()?.['churn'], risk: 0.99 },
    });
    const calledDaysAgo = (days: number) =>
      db.collection('churnCalls').doc('chc-pledge').set({ id: 'chc-pledge', customerId: 'cust-pledge', outcome: 'will_order', at: new Date(Date.now() - days * 86_400_000).toISOString(), by: { uid: 'u-office', role: 'office' } });
    const churn = async () => (await call('GET', '/api/predictions/churn?minRisk=0.9', { as: 'office' })).body as Json;
    const listed = (body: Json) => (body.items as Json[]).some((i) => i.customerId === 'cust-pledge');

    await calledDaysAgo(12);
    const held = await churn();
    expect(listed(held)).toBe(false);
    expect(held.hiddenContacted).toBe(1);
    const everyone = (await call('GET', '/api/predictions/churn?minRisk=0.9&hideContactedDays=0', { as: 'office' })).body as Json;
    expect((everyone.items as Json[]).find((i) => i.customerId === 'cust-pledge')?.lastCall).toMatchObject({ outcome: 'will_order' });
    await calledDaysAgo(21);
    const broken = await churn();
    expect([listed(broken), broken.hiddenContacted]).toEqual([true, 0]);
    await Promise.all([db.collection('churnCalls').doc('chc-pledge').delete(), db.collection('predictions').doc('cust-pledge').delete()]);
  });

  it("tag a due customer who said they will order and take them at their word, undiscounted by their churn risk, while it holds", async () => {
    const db = stack.container.db;
    const stored = await db.collection('predictions').doc(customers[2]?.id as string).get();
    const overdue = addDays(today, -1);
    await db.collection('predictions').doc('cust-word').set({
      ...stored.data(),
      customerId: 'cust-word',
      nextRefill: { ...stored.data()?.['nextRefill'], p10: overdue, p50: overdue, p90: overdue, safeDeliveryDate: overdue, expectedIntervalDays: 20 },
      churn: { ...stored.data()?.['churn'], risk: 0.8 },
    });
    const calledDaysAgo = (days: number) =>
      db.collection('churnCalls').doc('chc-word').set({ id: 'chc-word', customerId: 'cust-word', outcome: 'will_order', at: new Date(Date.now() - days * 86_400_000).toISOString(), by: { uid: 'u-office', role: 'office' } });
    const listed = async () => ((await call('GET', '/api/predictions/due?days=7', { as: 'office' })).body.items as Json[]).find((i) => i.customerId === 'cust-word');

    // Overdue: sure to order by the window's end, were it not for a churn risk of 0.8.
    expect(await listed()).toMatchObject({ promisedToOrder: false, confidence: 0.2 });
    await calledDaysAgo(5);
    expect(await listed()).toMatchObject({ promisedToOrder: true, confidence: 1 });
    await calledDaysAgo(21);
    expect(await listed()).toMatchObject({ promisedToOrder: false, confidence: 0.2 });
    await Promise.all([db.collection('churnCalls').doc('chc-word').delete(), db.collection('predictions').doc('cust-word').delete()]);
  });

  it("give a customer their own refill reminder only: dates and whole cylinders, no churn score", async () => {
    const predictions = stack.container.db.collection('predictions');
    expect((await call('GET', '/api/predictions/mine', { as: 'customerA' })).body).toEqual({ asOf: null, orderBy: null, around: null, items: [] });
    const [a, b] = await Promise.all([predictions.doc(customers[2]?.id as string).get(), predictions.doc(customers[3]?.id as string).get()]);
    await predictions.doc('cust-a').set({ ...a.data(), customerId: 'cust-a' });
    await predictions.doc('cust-b').set({ ...b.data(), customerId: 'cust-b', nextRefill: { ...b.data()?.['nextRefill'], p50: '2099-01-02', safeDeliveryDate: '2099-01-01' } });

    const mine = await call('GET', '/api/predictions/mine', { as: 'customerA' });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      asOf: today,
      orderBy: a.get('nextRefill.safeDeliveryDate'),
      around: a.get('nextRefill.p50'),
      items: expect.arrayContaining([expect.objectContaining({ size: expect.any(Number), quantity: expect.any(Number) })]),
    });
    expect(JSON.stringify(mine.body)).not.toMatch(/churn|risk|model/);
    expect((await call('GET', '/api/predictions/mine', { as: 'customerB' })).body).toMatchObject({ orderBy: '2099-01-01', around: '2099-01-02' });
    for (const who of ['office', 'driver1'] as const) expect((await call('GET', '/api/predictions/mine', { as: who })).status).toBe(403);
    await Promise.all([predictions.doc('cust-a').delete(), predictions.doc('cust-b').delete()]);
  });

  it('give a customer whose supply a service call stopped (停止供氣) no day to order by: an order with gas would be refused', async () => {
    const db = stack.container.db;
    const stored = await db.collection('predictions').doc(customers[2]?.id as string).get();
    await db.collection('predictions').doc('cust-a').set({ ...stored.data(), customerId: 'cust-a' });
    expect((await call('GET', '/api/predictions/mine', { as: 'customerA' })).body).toMatchObject({ orderBy: stored.get('nextRefill.safeDeliveryDate') });
    const stopped = { ...aCustomer().withId('cust-a').build(), supplyStop: { serviceCallId: 'svc-hose', since: today, items: ['hose' as const] } };
    await db.collection('customers').doc('cust-a').set(stopped);
    expect((await call('GET', '/api/predictions/mine', { as: 'customerA' })).body).toEqual({ asOf: today, orderBy: null, around: null, items: [] });
    await Promise.all([db.collection('customers').doc('cust-a').delete(), db.collection('predictions').doc('cust-a').delete()]);
  });

  it('tell a customer whose stored day a closure declared since the night took to order by the open day before it', async () => {
    const db = stack.container.db;
    const stored = await db.collection('predictions').doc(customers[2]?.id as string).get();
    await db.collection('predictions').doc('cust-a').set({ ...stored.data(), customerId: 'cust-a', nextRefill: { ...stored.data()?.['nextRefill'], safeDeliveryDate: addDays(today, 5) } });
    await db.collection('closures').doc('cl-mine').set({ id: 'cl-mine', name: '春節', from: addDays(today, 4), to: addDays(today, 8), createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    expect((await call('GET', '/api/predictions/mine', { as: 'customerA' })).body).toMatchObject({ orderBy: addDays(today, 3) });
    await Promise.all([db.collection('closures').doc('cl-mine').delete(), db.collection('predictions').doc('cust-a').delete()]);
  });

  it('sum the night’s predictions into four weeks of cylinders by size, with the sizes customers have', async () => {
    const res = await call('GET', '/api/predictions/weekly', { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: today, customers: customers.length });
    const weeks = res.body.weeks as Json[];
    expect(weeks.map((w) => w.from)).toEqual([0, 7, 14, 21].map((d) => addDays(today, d)));
    const sizesOnSite = new Set(customers.flatMap((c) => c.cylindersOnSite.map((l) => l.size)));
    for (const week of weeks) {
      for (const line of week.bySize as Json[]) {
        expect(sizesOnSite.has(line.size)).toBe(true);
        expect(line.p10 <= line.mean && line.mean <= line.p90).toBe(true);
      }
    }
    // The same customers took about as many cylinders in the last four weeks as they will in the next four.
    const forecast = weeks.reduce((total, week) => total + (week.bySize as Json[]).reduce((t, l) => t + l.mean, 0), 0);
    const recent = (await stack.container.db.collection('orders').where('status', '==', 'delivered').get()).docs
      .map((d) => d.data())
      .filter((o) => o.requestedDate >= addDays(today, -28) && o.requestedDate < today)
      .reduce((total, o) => total + (o.items as Json[]).reduce((t, l) => t + l.quantity, 0), 0);
    expect(recent).toBeGreaterThan(0);
    expect(forecast).toBeGreaterThan(0.5 * recent);
    expect(forecast).toBeLessThan(2 * recent);

    // Per depot: every customer with a place counts at one depot, and the depots' means add up to the total's.
    const depots = res.body.depots as Json[];
    expect(depots.length).toBeGreaterThan(0);
    expect(depots.reduce((n, d) => n + d.customers, 0)).toBe(customers.filter((c) => c.location).length);
    const total20 = (weeks[0]?.bySize as Json[]).find((l) => l.size === 20)?.mean ?? 0;
    const depots20 = depots.reduce((t, d) => t + ((d.weeks[0].bySize as Json[]).find((l) => l.size === 20)?.mean ?? 0), 0);
    expect(depots20).toBeCloseTo(total20, 0);
  });

  it('count a complaint the office records in the next churn score, with COMPLAINTS among the reasons', async () => {
    const id = customers[4]?.id as string;
    const before = (await call('GET', `/api/predictions/customers/${id}`, { as: 'office' })).body.churn;
    expect(before.reasons.map((r: Json) => r.code)).not.toContain('COMPLAINTS');
    const recorded = await call('POST', `/api/customers/${id}/complaints`, { as: 'office', body: { category: 'gas_quality', note: '火力不足' } });
    expect(recorded.status).toBe(201);

    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).status).toBe(200);
    const after = (await call('GET', `/api/predictions/customers/${id}`, { as: 'office' })).body.churn;
    expect(after.reasons.map((r: Json) => r.code)).toContain('COMPLAINTS');
    expect(after.risk).toBeGreaterThan(before.risk);
  });

  it('refuse a deactivated customer’s prediction, computing and storing none', async () => {
    const predictions = stack.container.db.collection('predictions');
    const id = customers[5]?.id as string;
    expect((await call('POST', `/api/customers/${id}/deactivate`, { as: 'office' })).status).toBe(200);
    const stored = await call('GET', `/api/predictions/customers/${id}`, { as: 'office', lang: 'en' });
    expect([stored.status, stored.body.error]).toEqual([409, { code: 'PREDICTION.CUSTOMER_INACTIVE', message: 'The customer is inactive: no refill prediction is made.', details: { id } }]);
    await predictions.doc(id).delete();
    const res = await call('GET', `/api/predictions/customers/${id}`, { as: 'office' });
    expect([res.status, res.body.error?.code, res.body.error?.message]).toEqual([409, 'PREDICTION.CUSTOMER_INACTIVE', '客戶已停用，不再預測叫氣時間。']);
    expect((await predictions.doc(id).get()).exists).toBe(false);
    expect((await call('GET', '/api/predictions/due?days=60&limit=1000', { as: 'office' })).body.items.map((i: Json) => i.customerId)).not.toContain(id);
    expect((await call('POST', `/api/customers/${id}/reactivate`, { as: 'office' })).status).toBe(200);
  });

  it('suggest nothing more to a customer deactivated with their suggestion cancelled', async () => {
    const db = stack.container.db;
    const todays = (await forecastOrders()).find((o) => o['id'] === `sug-${o['customerId']}-${today}` && o['status'] === 'pending') as Json;
    const customerId = todays['customerId'] as string;
    const refused = await call('POST', `/api/customers/${customerId}/deactivate`, { as: 'office', body: {} });
    expect([refused.status, refused.body.error.code, refused.body.error.details.orders]).toEqual([
      409,
      'CUSTOMER.HAS_OPEN_ORDERS',
      [{ id: todays['id'], requestedDate: todays['requestedDate'], status: 'pending' }],
    ]);
    expect((await call('POST', `/api/customers/${customerId}/deactivate`, { as: 'office', body: { cancelOpenOrders: true } })).status).toBe(200);
    expect((await db.collection('orders').doc(todays['id'] as string).get()).data()).toMatchObject({ status: 'cancelled', cancelReason: 'customer_deactivated' });

    // Tomorrow night, played by taking the cancelled suggestion away (else the decline hold-off alone would skip them).
    await db.collection('orders').doc(todays['id'] as string).delete();
    const night = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(night.body.suggestions.errors).toEqual([]);
    expect((await forecastOrders()).filter((o) => o['customerId'] === customerId && o['status'] !== 'cancelled')).toEqual([]);
    expect((await db.collection('predictions').doc(customerId).get()).exists).toBe(false);
    expect((await call('POST', `/api/customers/${customerId}/reactivate`, { as: 'office' })).status).toBe(200);
  });

  it('warn the office once a night of the suggestions moved off a normal day its trucks had full: how many stayed and up to when the rest went, not again on a rerun with the same figures, with the new ones on a rerun with others', async () => {
    const db = stack.container.db;
    await dropPendingSuggestions();
    // The first run tonight with trucks to fill: the warning's id is the night's, so a later one would find it written.
    const restoreFleet = await oneTruckADepot(1);

    const run = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    const full = run.body.suggestions.fullDays as Json;
    expect(run.body.suggestions.afterClosure).toEqual([]);
    const tonight = (await forecastOrders()).filter((o) => o['id'] === `sug-${o['customerId']}-${today}`);
    const moved = tonight.filter((o) => o['notes'] !== '');
    expect(moved.length).toBeGreaterThan(0);
    for (const o of moved) expect(o['notes']).toBe(`當日配送量已滿，依用完日先後排入 ${Number(o['requestedDate'].slice(5, 7))}/${Number(o['requestedDate'].slice(8, 10))}`);
    expect(full).toMatchObject({ kept: full.customers - moved.length, pastLatest: 0 });
    const until = [...moved.map((o) => o['requestedDate'] as string)].sort().at(-1);
    const alert = await alertOf('system.suggestions_full');
    expect(alert).toMatchObject({ severity: 'warning', data: { requestedDate: full.from, days: full.days, customers: full.customers, kept: full.kept, spread: moved.length, until } });

    const rerun = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(rerun.body.suggestions).toMatchObject({ created: 0, fullDays: full });
    await new Promise((r) => setTimeout(r, 2_000));
    const alerts = async () => (await db.collection('alerts').where('kind', '==', 'system.suggestions_full').get()).docs.map((d) => d.data());
    expect(await alerts()).toEqual([alert]);

    // The office read it, then gave each depot's truck a second stop a day: the rerun's figures replace the warning's, open again.
    await db.collection('alerts').doc(`suggestions-full-${today}`).update({ acknowledged: true });
    await oneTruckADepot(2);
    const roomier = (await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } })).body.suggestions.fullDays as Json;
    expect(roomier.kept).toBeGreaterThan(full.kept);
    const deadline = Date.now() + 15_000;
    while ((await alerts())[0]?.data.kept !== roomier.kept && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await alerts()).toEqual([
      expect.objectContaining({ id: `suggestions-full-${today}`, acknowledged: false, data: expect.objectContaining({ requestedDate: roomier.from, customers: roomier.customers, kept: roomier.kept }) }),
    ]);
    await restoreFleet();
  });

  it('clear tonight’s full-day warning when a rerun finds no day full, alike on another rerun, and raise it again when one is', async () => {
    const db = stack.container.db;
    const warning = db.collection('alerts').doc(`suggestions-full-${today}`);
    const settled = async (done: (alert: Json | undefined) => boolean): Promise<Json | undefined> => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const alert = (await warning.get()).data();
        if (done(alert) || Date.now() > deadline) return alert;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await dropPendingSuggestions();
    let restoreFleet = await oneTruckADepot(1);
    const full = (await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } })).body.suggestions.fullDays as Json;
    expect(full).not.toBeNull();
    const raised = await settled((a) => a?.data.kept === full.kept && a?.acknowledged === false);
    expect(raised).toMatchObject({ acknowledged: false, data: { kept: full.kept } });

    // More trucks since (the suite's fleet has none, so nothing is full): the rerun finds no full day.
    await restoreFleet();
    const rerun = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(rerun.body.suggestions.fullDays).toBeNull();
    const cleared = await settled((a) => a?.cleared === true);
    expect(cleared).toEqual({ ...raised, cleared: true, clearedAt: expect.any(String), acknowledged: true });
    expect((await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } })).body.suggestions.fullDays).toBeNull();
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await warning.get()).data()).toEqual(cleared);

    restoreFleet = await oneTruckADepot(1);
    await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    const again = await settled((a) => a?.acknowledged === false);
    expect(again).toMatchObject({ acknowledged: false, data: { kept: full.kept } });
    expect(again).not.toHaveProperty('cleared');
    await restoreFleet();
  });

  it("keep every predicted date off the distributor's closures, moving the orders due in one to the days around it", async () => {
    const predictions = async (): Promise<Json[]> => (await stack.container.db.collection('predictions').get()).docs.map((d) => d.data());
    const [from, to] = [addDays(today, 2), addDays(today, 6)];
    const dates = (p: Json): string[] => [p.nextRefill.p10, p.nextRefill.p50, p.nextRefill.p90, p.nextRefill.safeDeliveryDate];
    const inside = (date: string) => date >= from && date <= to;
    expect((await predictions()).some((p) => dates(p).some(inside))).toBe(true);

    const closures = stack.container.db.collection('closures');
    await closures.doc('cl-inventory').set({ id: 'cl-inventory', name: '盤點', from, to, createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).status).toBe(200);
    const closed = await predictions();
    expect(closed.filter((p) => dates(p).some(inside))).toEqual([]);
    expect(closed.some((p) => dates(p).includes(addDays(from, -1)))).toBe(true);
    expect(closed.some((p) => dates(p).includes(addDays(to, 1)))).toBe(true);

    await closures.doc('cl-inventory').delete();
    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).status).toBe(200);
  });

  it('keep the predicted dates of the customers in a closed district off its closure, and nobody else’s', async () => {
    const predictions = async (): Promise<Json[]> => (await stack.container.db.collection('predictions').get()).docs.map((d) => d.data());
    const [from, to] = [addDays(today, 2), addDays(today, 6)];
    const dates = (p: Json): string[] => [p.nextRefill.p10, p.nextRefill.p50, p.nextRefill.p90, p.nextRefill.safeDeliveryDate];
    const inside = (p: Json) => dates(p).some((date) => date >= from && date <= to);
    const before = await predictions();
    const districtOf = new Map(customers.map((c) => [c.id, c.address.district]));
    const due = before.filter(inside).map((p) => districtOf.get(p.customerId) as string);
    // The district with the most customers due in the closure's days, and customers due then elsewhere.
    const district = [...new Set(due)].sort((a, b) => due.filter((d) => d === b).length - due.filter((d) => d === a).length)[0] as string;
    expect(due.filter((d) => d !== district).length).toBeGreaterThan(0);

    const closures = stack.container.db.collection('closures');
    await closures.doc('cl-roadworks').set({ id: 'cl-roadworks', name: '道路施工', from, to, districts: [district], createdAt: new Date().toISOString(), createdBy: 'u-admin' });
    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).status).toBe(200);
    const after = await predictions();
    const there = (p: Json) => districtOf.get(p.customerId) === district;
    expect(after.filter(there).filter(inside)).toEqual([]);
    const elsewhere = (list: Json[]) => new Map(list.filter((p) => !there(p)).map((p) => [p.customerId, dates(p)]));
    expect(elsewhere(after)).toEqual(elsewhere(before));

    await closures.doc('cl-roadworks').delete();
    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).status).toBe(200);
  });

  it('warn the office of the suggestions a closure from tomorrow makes wait for its first open day, a day at a time', async () => {
    const db = stack.container.db;
    await dropPendingSuggestions();
    await db.collection('closures').doc('cl-typhoon').set({ id: 'cl-typhoon', name: '颱風假', from: addDays(today, 1), to: addDays(today, 4), createdAt: new Date().toISOString(), createdBy: 'u-admin' });

    const run = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    const tonight = (await forecastOrders()).filter((o) => o['id'] === `sug-${o['customerId']}-${today}`);
    expect(tonight.length).toBeGreaterThan(0);
    const byDay = new Map<string, number>();
    for (const o of tonight) byDay.set(o['requestedDate'], (byDay.get(o['requestedDate']) ?? 0) + 1);
    // No trucks in this fleet: no capacity known, so nothing is spread.
    expect(run.body.suggestions.afterClosure).toEqual([...byDay].sort().map(([requestedDate, customers]) => ({ requestedDate, closure: '颱風假', customers, kept: customers, spread: [], pastLatest: 0 })));
    expect([...byDay.keys()].every((day) => day > addDays(today, 4))).toBe(true);

    const [first] = run.body.suggestions.afterClosure as Json[];
    const alert = await alertOf('system.suggestions_after_closure');
    expect(alert).toMatchObject({ severity: 'warning', data: { requestedDate: first?.requestedDate, customers: first?.customers, reason: '颱風假' } });
    await db.collection('closures').doc('cl-typhoon').delete();
  });

  it("spread the suggestions a closure from tomorrow piles on its first open day over the next open days, most urgent first, within each depot's trucks, alike on a rerun", async () => {
    const db = stack.container.db;
    await dropPendingSuggestions();
    // 3 stops a day at each depot, 6 a day for the suite's 20 customers: their routes made fewer, so the setting holds.
    const restoreFleet = await oneTruckADepot(3);
    const lastClosed = addDays(today, 5);
    await db.collection('closures').doc('cl-typhoon-2').set({ id: 'cl-typhoon-2', name: '颱風假', from: addDays(today, 1), to: lastClosed, createdAt: new Date().toISOString(), createdBy: 'u-admin' });

    const run = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(run.status).toBe(200);
    const depotOf = new Map(customers.map((c) => [c.id, c.location && nearestDepotId(c.location, DEPOTS)]));
    const open = (await db.collection('orders').where('status', 'in', ['pending', 'confirmed', 'scheduled']).get()).docs.map((d) => d.data());
    const tonight = open.filter((o) => o['id'] === `sug-${o['customerId']}-${today}`);
    const load = new Map<string, number>();
    for (const o of open.filter((o) => o['requestedDate'] > today)) {
      const key = `${depotOf.get(o['customerId'])} ${o['requestedDate']}`;
      load.set(key, (load.get(key) ?? 0) + 1);
    }
    const days = [...new Set(tonight.map((o) => o['requestedDate'] as string))].sort();
    expect(days.length).toBeGreaterThan(1);
    expect(days.every((day) => day > lastClosed)).toBe(true);
    expect([...load].filter(([key, count]) => days.includes(key.split(' ')[1] ?? '') && count > 3)).toEqual([]);

    // The first open day keeps each depot's most urgent; the later ones say why they wait.
    const [first] = run.body.suggestions.afterClosure as Json[];
    const moved = tonight.filter((o) => o['requestedDate'] !== first?.requestedDate);
    expect(moved.length).toBeGreaterThan(0);
    for (const o of moved) expect(o['notes']).toBe(`颱風假後配送量大，依用完日先後排入 ${Number(o['requestedDate'].slice(5, 7))}/${Number(o['requestedDate'].slice(8, 10))}`);
    const predictions = new Map((await db.collection('predictions').get()).docs.map((d) => [d.id, d.data()]));
    const urgency = (o: Json): string => `${customers.find((c) => c.id === o['customerId'])?.autoDelivery ? 0 : 1} ${predictions.get(o['customerId'])?.['nextRefill']?.['safeDeliveryDate']}`;
    for (const depot of DEPOTS) {
      const ofDepot = (orders: Json[]) => orders.filter((o) => depotOf.get(o['customerId']) === depot.id).map(urgency).sort();
      const kept = ofDepot(tonight.filter((o) => o['requestedDate'] === first?.requestedDate));
      const later = ofDepot(moved.filter((o) => (run.body.suggestions.spread as Json[]).some((d) => d.requestedDate === o['requestedDate'])));
      if (kept.length > 0 && later.length > 0) expect((kept.at(-1) ?? '') <= (later[0] ?? '')).toBe(true);
    }
    expect(first).toMatchObject({ closure: '颱風假', customers: tonight.length, kept: tonight.length - moved.length });
    expect(first?.spread).toEqual(days.slice(1).map((day) => ({ requestedDate: day, customers: tonight.filter((o) => o['requestedDate'] === day).length })));

    const deadline = Date.now() + 15_000;
    let alert: Json | undefined;
    while (!alert && Date.now() < deadline) {
      alert = (await db.collection('alerts').where('kind', '==', 'system.suggestions_after_closure').where('data.requestedDate', '==', first?.requestedDate).get()).docs[0]?.data();
      if (!alert) await new Promise((r) => setTimeout(r, 250));
    }
    expect(alert).toMatchObject({ data: { customers: tonight.length, kept: first?.kept, spread: moved.length, until: days.at(-1), pastLatest: first?.pastLatest } });

    const rerun = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(rerun.body.suggestions).toMatchObject({ created: 0, afterClosure: run.body.suggestions.afterClosure, spread: run.body.suggestions.spread });
    const again = (await forecastOrders()).filter((o) => o['id'] === `sug-${o['customerId']}-${today}`);
    const placed = (orders: Json[]) => orders.map((o) => [o['id'], o['requestedDate'], o['notes']]).sort();
    expect(placed(again)).toEqual(placed(tonight));

    await db.collection('closures').doc('cl-typhoon-2').delete();
    await restoreFleet();
  });

  it("count a depot's trucks at the stops they made a day in the last 8 weeks when that is more than its setting, for the night and on the fleet page", async () => {
    const db = stack.container.db;
    await dropPendingSuggestions();
    const restoreFleet = await oneTruckADepot(1);
    const near = customers.find((c) => c.location !== undefined) as Customer;
    const busy = nearestDepotId(near.location as NonNullable<Customer['location']>, DEPOTS) as string;
    // Twenty routes of the depot's last weeks with 5 stops each: one of a customer near it, the others of customers since gone.
    const regular = aCustomer().withId('cust-cap').with({ name: '老主顧', closedDays: [] }).build();
    await db.collection('customers').doc(regular.id).set(JSON.parse(JSON.stringify({ ...regular, location: near.location })));
    const routes = Array.from({ length: 20 }, (_, i) => ({ id: `route-cap-${i}`, date: addDays(today, -2 - 2 * i) }));
    const orders = routes.flatMap((route) =>
      Array.from({ length: 5 }, (_, j) => {
        const order = anOrder().withId(`ord-${route.id}-${j}`).forCustomer(j === 0 ? regular : aCustomer().withId(`cust-gone-${j}`).build()).inStatus('delivered').build();
        return { ...order, requestedDate: route.date, routeId: route.id };
      }),
    );
    for (const order of orders) await db.collection('orders').doc(order.id).set(JSON.parse(JSON.stringify(order)));

    const run = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(run.status).toBe(200);
    const figures = await call('GET', '/api/predictions/stops-per-truck', { as: 'office' });
    expect(figures.body).toMatchObject({ asOf: today, weeks: 8 });
    const byDepot = new Map((figures.body.items as Json[]).map((item) => [item.depotId, item]));
    expect(byDepot.get(busy)).toMatchObject({ stops: 5, source: 'history', learned: 5 });
    expect(byDepot.get(DEPOTS.find((d) => d.id !== busy)?.id)).toMatchObject({ stops: 1, source: 'setting' });

    // The busy depot's suggestions keep their own day up to 5 a day; at its setting of 1 the second of a day would have moved.
    const depotOf = new Map(customers.map((c) => [c.id, c.location && nearestDepotId(c.location, DEPOTS)]));
    const tonight = (await forecastOrders()).filter((o) => o['id'] === `sug-${o['customerId']}-${today}` && depotOf.get(o['customerId']) === busy);
    const perDay = new Map<string, number>();
    for (const o of tonight) perDay.set(o['requestedDate'], (perDay.get(o['requestedDate']) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeGreaterThan(1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(5);
    expect(tonight.filter((o) => o['notes'] !== '')).toEqual([]);

    await Promise.all([...orders.map((o) => db.collection('orders').doc(o.id).delete()), db.collection('customers').doc(regular.id).delete(), db.collection('predictions').doc(regular.id).delete()]);
    await db.collection('orders').doc(`sug-${regular.id}-${today}`).delete();
    await restoreFleet();
  });

  it('store with each prediction what the customer bought a month and the loss expected, as their orders say, reading back past the year for one gone long ago, on demand too, and rank the churn list by them', async () => {
    const db = stack.container.db;
    // Gone for ten months: their six months begin before the year the night reads.
    const lapsed = aCustomer().withId('cust-lapsed').with({ name: '老店' }).build();
    await db.collection('customers').doc(lapsed.id).set(JSON.parse(JSON.stringify(lapsed)));
    const gone = [-300, -330, -360, -390, -420].map((days, i) => ({ ...anOrder().withId(`ord-lapsed-${i}`).forCustomer(lapsed).inStatus('delivered').build(), requestedDate: addDays(today, days) }));
    for (const order of gone) await db.collection('orders').doc(order.id).set(JSON.parse(JSON.stringify(order)));

    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).status).toBe(200);
    const delivered = (await db.collection('orders').where('status', '==', 'delivered').get()).docs.map((d) => d.data() as Order);
    const fromOrders = (doc: PredictionDoc) => (doc.lastDeliveryDate === null ? null : valueAtStake(delivered.filter((o) => o.customerId === doc.customerId)));
    const valued = (doc: PredictionDoc) => ({ id: doc.customerId, valueAtStake: doc.valueAtStake, expectedLoss: doc.expectedLoss });
    const stored = (await db.collection('predictions').get()).docs.map((d) => d.data() as PredictionDoc);
    expect(stored.map(valued)).toEqual(stored.map((doc) => ({ id: doc.customerId, valueAtStake: fromOrders(doc), expectedLoss: expectedLoss(doc.churn.risk, fromOrders(doc)) })));
    const own = stored.find((doc) => doc.customerId === lapsed.id) as PredictionDoc;
    expect(own.valueAtStake?.months).toBeGreaterThan(3);

    await db.collection('predictions').doc(lapsed.id).delete();
    const onDemand = await call('GET', `/api/predictions/customers/${lapsed.id}`, { as: 'office' });
    expect(onDemand.status).toBe(200);
    expect(Object.keys(onDemand.body)).not.toContain('expectedLoss');
    expect(valued((await db.collection('predictions').doc(lapsed.id).get()).data() as PredictionDoc)).toEqual(valued(own));

    const churn = await call('GET', '/api/predictions/churn?minRisk=0&hideContactedDays=0&limit=1000', { as: 'office' });
    const items = churn.body.items as Json[];
    const byId = new Map(stored.map((doc) => [doc.customerId, doc]));
    expect(items.map((i) => i.customerId).sort()).toEqual(stored.map((doc) => doc.customerId).sort());
    expect(items.map((i) => [i.customerId, i.valueAtStake, i.expectedLoss])).toEqual(items.map((i) => [i.customerId, byId.get(i.customerId)?.valueAtStake, Math.round(byId.get(i.customerId)?.expectedLoss ?? 0)]));
    // By the loss, then risk (customers alike in both in either order).
    const ranks = items.map((i) => [byId.get(i.customerId)?.expectedLoss ?? 0, byId.get(i.customerId)?.churn.risk ?? 0] as const);
    expect(ranks).toEqual([...ranks].sort((a, b) => b[0] - a[0] || b[1] - a[1]));

    await Promise.all([...gone.map((o) => db.collection('orders').doc(o.id).delete()), db.collection('customers').doc(lapsed.id).delete(), db.collection('predictions').doc(lapsed.id).delete()]);
  });
});

import { addDays, weekday } from '../../domain/calendar';
import { closedDays } from '../../forecasting/lpg/closures';
import { LPG_MODEL, predict } from '../../forecasting/lpg/model';
import { aCustomer as aHistory } from '../../forecasting/test-support/customer-builder';
import { generateLpgHistory } from '../../forecasting/test-support/synthetic-lpg';
import {
  chooseSuggestion,
  closedDaysOfCustomers,
  decisionAtCommit,
  dueConfidence,
  localDemandPredictor,
  localPredictions,
  modelVersion,
  predictionDoc,
  probabilityBy,
  servedParams,
  suggestedItems,
  outlookOfDoc,
  trainAndDecide,
  weeklyOutlookDoc,
  type PredictionDoc,
  type TrainingResult,
} from './forecast-model';

const world = generateLpgHistory({ customers: 30, seed: 11, start: '2025-01-01', days: 365 });
const through = world.end;

const first: TrainingResult = trainAndDecide(world.history, { through, holdoutDays: 42, settings: {}, incumbent: null });

describe('training with a time-based hold-out', () => {
  const incumbent = () => ({ version: 'v1', codeVersion: LPG_MODEL.version, settings: {}, params: first.params });

  it('activates the first model, scored on next-order questions asked weekly inside the hold-out', () => {
    expect(first.decision).toMatchObject({ activate: true, reason: 'NO_ACTIVE_MODEL', active: null, activeScoredBy: null });
    expect(first.window).toMatchObject({ to: through, holdoutFrom: addDays(through, -42), customers: 30 });
    expect(first.metrics.cases).toBe(first.window.holdoutCases);
    expect(first.metrics.cases).toBeGreaterThan(30);
    expect(first.params.trainedThrough).toBe(through);
  });

  it('activates a retrain with the same settings: equal on the same questions is not worse', () => {
    const again = trainAndDecide(world.history, { through, holdoutDays: 42, settings: {}, incumbent: incumbent() });
    expect(again.decision).toMatchObject({ activate: true, reason: 'NOT_WORSE', activeVersion: 'v1', activeScoredBy: 'refit' });
    expect(again.decision.candidate).toBe(again.decision.active);
  });

  it('keeps a candidate whose hold-out error is larger than the active model refitted on the same window', () => {
    const worse = trainAndDecide(world.history, { through, holdoutDays: 42, settings: { recencyHalfLifeDays: 5 }, incumbent: incumbent() });
    expect(worse.decision).toMatchObject({ activate: false, reason: 'WORSE', activeScoredBy: 'refit', active: first.metrics.maeDays });
    expect(worse.decision.candidate).toBeGreaterThan(first.metrics.maeDays);
  });

  it('scores an active model of older code with its stored parameters, which cannot be refitted', () => {
    const old = trainAndDecide(world.history, { through, holdoutDays: 42, settings: {}, incumbent: { ...incumbent(), codeVersion: '0.9.0' } });
    expect(old.decision.activeScoredBy).toBe('stored-params');
    expect(old.activeMetrics?.cases).toBe(old.metrics.cases);
  });

  it('activates at commit only against the version it was compared with, none included; a candidate stays one', () => {
    const notWorse = { ...first.decision, reason: 'NOT_WORSE' as const, active: first.decision.candidate, activeVersion: 'v1', activeScoredBy: 'refit' as const };
    expect(decisionAtCommit(notWorse, 'v1')).toBe(notWorse);
    expect(decisionAtCommit(notWorse, 'v2')).toEqual({ ...notWorse, activate: false, reason: 'ACTIVE_CHANGED', activeAtCommit: 'v2' });
    expect(decisionAtCommit(notWorse, null)).toMatchObject({ activate: false, reason: 'ACTIVE_CHANGED', activeAtCommit: null });
    expect(decisionAtCommit(first.decision, null)).toBe(first.decision);
    expect(decisionAtCommit(first.decision, 'v2')).toMatchObject({ activate: false, reason: 'ACTIVE_CHANGED', activeVersion: null, activeAtCommit: 'v2' });
    const worse = { ...notWorse, activate: false, reason: 'WORSE' as const };
    expect(decisionAtCommit(worse, 'v2')).toBe(worse);
  });

  it('refuses to train without next-order questions in the hold-out', () => {
    expect(() => trainAndDecide([], { through, holdoutDays: 42, settings: {}, incumbent: null })).toThrow(
      expect.objectContaining({ code: 'MODEL.NOT_ENOUGH_HISTORY', kind: 'precondition' }),
    );
  });
});

describe('model versions', () => {
  it('name the code version and the training instant, and sort by training time', () => {
    const a = modelVersion(new Date('2026-11-28T16:41:25.123Z'), 'ab12');
    const b = modelVersion(new Date('2026-12-05T03:00:00Z'), '0000');
    expect(a).toBe(`${LPG_MODEL.version}+20261128T164125Z-ab12`);
    expect([b, a].sort()).toEqual([a, b]);
    expect(a).not.toMatch(/\//);
  });
});

const asOf = '2026-03-10';
const history = aHistory('C1').withCylindersOnSite({ 20: 2 }).ordering({ 20: 1 }, '2025-09-01', 20, 10).build();
const params = servedParams(first.params, 'v-test');
const local = predict(params, history, asOf);
const customer = { id: 'C1', name: '王小明', type: 'household' as const, autoDelivery: false, phones: ['0912-345-678'], address: { district: '中和區' } };

describe('prediction documents', () => {
  it('take the dates of the answering predictor, with the local quantities and churn score', () => {
    const doc = predictionDoc(
      customer,
      local,
      { row: { p10: 4, p50: 9, p90: 12, safe: 3 }, provenance: { model: { name: 'vertex-model', version: '3' }, source: 'vertex' } },
      params.model,
      new Date('2026-03-10T18:00:00Z'),
    );
    expect(doc.nextRefill).toMatchObject({
      p10: addDays(asOf, 4),
      p50: addDays(asOf, 9),
      p90: addDays(asOf, 12),
      safeDeliveryDate: addDays(asOf, 3),
      source: 'vertex',
      model: { name: 'vertex-model', version: '3' },
    });
    expect(doc.nextRefill.expectedQuantity).toEqual([{ size: 20, quantity: 1, range: { p10: 1, p50: 1, p90: 1 } }]);
    expect(doc.nextRefill.intervalLogSd).toBe(local.intervalLogSd);
    expect(doc).toMatchObject({ customerName: '王小明', customerDistrict: '中和區', customerPhone: '0912-345-678' });
    expect(doc.churn).toMatchObject({ source: 'local', model: { name: LPG_MODEL.name, version: 'v-test' } });
  });

  it('never put the safe day later than the local model’s, capped at the run-out day a remote model does not see', () => {
    expect(local.safeDeliveryDate).toBe(addDays(asOf, 10));
    const later = { row: { p10: 14, p50: 18, p90: 25, safe: 13 }, provenance: { model: { name: 'vertex-model', version: '3' }, source: 'vertex' as const } };
    expect(predictionDoc(customer, local, later, params.model, new Date()).nextRefill).toMatchObject({
      p10: addDays(asOf, 14),
      p50: addDays(asOf, 18),
      p90: addDays(asOf, 25),
      safeDeliveryDate: local.safeDeliveryDate,
      source: 'vertex',
    });
  });

  it('never put the safe day later than the answer’s own p10', () => {
    const remote = { row: { p10: 6, p50: 8, p90: 11, safe: 9 }, provenance: { model: params.model, source: 'vertex' as const } };
    expect(predictionDoc(customer, local, remote, params.model, new Date()).nextRefill.safeDeliveryDate).toBe(addDays(asOf, 6));
  });

  it('move a remote date on a closed day to the last open day before it, never into the past', () => {
    const closed = closedDays([{ from: addDays(asOf, 4), to: addDays(asOf, 8) }]);
    const remote = { row: { p10: 5, p50: 7, p90: 12, safe: 4 }, provenance: { model: params.model, source: 'vertex' as const } };
    expect(predictionDoc(customer, local, remote, params.model, new Date(), closed).nextRefill).toMatchObject({
      p10: addDays(asOf, 3),
      p50: addDays(asOf, 3),
      p90: addDays(asOf, 12),
      safeDeliveryDate: addDays(asOf, 3),
    });
    const begun = closedDays([{ from: addDays(asOf, -1), to: addDays(asOf, 8) }]);
    expect(predictionDoc(customer, local, remote, params.model, new Date(), begun).nextRefill).toMatchObject({ p10: addDays(asOf, 9), safeDeliveryDate: addDays(asOf, 9) });
  });

  it('reproduce the local model exactly when the local predictor answers', async () => {
    const predictor = localDemandPredictor(params.model, new Map([['C1', local]]));
    const answer = await predictor.predict([{ customerId: 'C1' }]);
    expect(answer.source).toBe('local');
    const [row] = answer.predictions;
    if (!row) throw new Error('no answer');
    const doc = predictionDoc(customer, local, { row, provenance: answer }, params.model, new Date());
    expect(doc.nextRefill).toMatchObject({ ...local.nextOrderDate, safeDeliveryDate: local.safeDeliveryDate, model: { version: 'v-test' } });
    await expect(predictor.predict([{ customerId: 'C2' }])).rejects.toThrow('C2');
  });
});

describe("customers' closures", () => {
  const elsewhere = { ...customer, id: 'C2', address: { district: '板橋區' } };
  const histories = [history, { ...history, customerId: 'C2' }];
  const { p50 } = local.nextOrderDate;

  it('move the dates of a customer in a closed district off the closure and leave a customer elsewhere alone', () => {
    const closures = [{ name: '道路施工', from: p50, to: addDays(p50, 1), districts: ['中和區'] }];
    const predictions = localPredictions(params, histories, asOf, closedDaysOfCustomers(closures, [customer, elsewhere]));
    expect([addDays(p50, -1), addDays(p50, 2)]).toContain(predictions.get('C1')?.nextOrderDate.p50);
    expect(predictions.get('C2')?.nextOrderDate).toEqual(local.nextOrderDate);
  });

  it('hold a closure of the whole company for every customer', () => {
    const closures = [{ name: '春節', from: p50, to: addDays(p50, 1) }];
    const predictions = localPredictions(params, histories, asOf, closedDaysOfCustomers(closures, [customer, elsewhere]));
    expect(predictions.get('C2')?.nextOrderDate).toEqual(predictions.get('C1')?.nextOrderDate);
    expect(predictions.get('C2')?.nextOrderDate.p50).not.toBe(p50);
  });
});

describe('order-by probability', () => {
  const refill = { p10: '2026-03-12', p50: '2026-03-20', p90: '2026-04-05' };
  it('is about one half on the median day, low before p10 and high after p90', () => {
    expect(probabilityBy(refill, '2026-03-20')).toBeGreaterThan(0.5);
    expect(probabilityBy(refill, '2026-03-19')).toBeLessThan(0.5);
    expect(probabilityBy(refill, '2026-03-05')).toBeLessThan(0.1);
    expect(probabilityBy(refill, '2026-04-10')).toBeGreaterThan(0.9);
  });
  it('weighs a customer by the chance they still order: a likely churner long overdue is not a sure order', () => {
    const overdue = { nextRefill: { p10: '2026-03-01', p50: '2026-03-01', p90: '2026-03-01' } };
    expect(dueConfidence({ ...overdue, churn: { risk: 0 } } as PredictionDoc, '2026-03-07', '2026-03-02', false)).toBe(1);
    expect(dueConfidence({ ...overdue, churn: { risk: 0.99 } } as PredictionDoc, '2026-03-07', '2026-03-02', false)).toBeCloseTo(0.01, 3);
    expect(dueConfidence({ nextRefill: refill, churn: { risk: 0.5 } } as PredictionDoc, '2026-03-20', '2026-03-02', false)).toBeCloseTo(probabilityBy(refill, '2026-03-20', '2026-03-02') / 2, 3);
  });
  it('takes a customer at their word that they will order: no churn discount while it holds', () => {
    const overdue = { nextRefill: { p10: '2026-03-01', p50: '2026-03-01', p90: '2026-03-01' }, churn: { risk: 0.99 } } as PredictionDoc;
    expect(dueConfidence(overdue, '2026-03-07', '2026-03-02', true)).toBe(1);
    expect(dueConfidence({ nextRefill: refill, churn: { risk: 0.5 } } as PredictionDoc, '2026-03-20', '2026-03-02', true)).toBe(probabilityBy(refill, '2026-03-20', '2026-03-02'));
  });

  it('reads three equal dates as the whole day holding 80 % of the order, as the model calibrates them', () => {
    const sure = { p10: '2026-03-12', p50: '2026-03-12', p90: '2026-03-12' };
    expect([probabilityBy(sure, '2026-03-11'), probabilityBy(sure, '2026-03-12')]).toEqual([0.1, 0.9]);
  });

  it('leaves out the days before today, when the customer did not order', () => {
    const by = (date: string): number => probabilityBy(refill, date);
    const conditioned = (by('2026-03-20') - by('2026-03-14')) / (1 - by('2026-03-14'));
    expect(probabilityBy(refill, '2026-03-20', '2026-03-15')).toBeCloseTo(conditioned, 2);
    expect(probabilityBy(refill, '2026-03-14', '2026-03-15')).toBe(0);
  });
});

describe('suggested orders', () => {
  const today = '2026-03-10';
  const doc = (over: { safe?: string; risk?: number; last?: string | null; quantity?: number } = {}): PredictionDoc => ({
    customerId: 'C1',
    customerName: '王小明',
    customerType: 'household',
    autoDelivery: false,
    asOf: today,
    computedAt: '2026-03-09T18:00:00Z',
    lastDeliveryDate: over.last === undefined ? '2026-02-20' : over.last,
    nextRefill: {
      p10: '2026-03-12',
      p50: '2026-03-14',
      p90: '2026-03-20',
      safeDeliveryDate: over.safe ?? '2026-03-12',
      expectedIntervalDays: 20,
      burnRateKgPerDay: 1,
      expectedQuantity: [{ size: 20, quantity: over.quantity ?? 1.4 }],
      ownHistoryWeight: 0.8,
      behaviourChangeDetected: false,
      model: { name: 'm', version: 'v' },
      source: 'local',
    },
    churn: { risk: over.risk ?? 0.05, reasons: [], model: { name: 'm', version: 'v' }, source: 'local' },
  });
  const open = { closedDays: [] as number[] };
  const opts = { today, horizonDays: 3, hasOpenOrder: false };

  it('go to customers whose safe delivery day falls within the horizon, on that day, with a deterministic id', () => {
    expect(chooseSuggestion(doc(), open, opts)).toEqual({ id: 'sug-C1-2026-03-10', requestedDate: '2026-03-12', items: [{ size: 20, quantity: 1 }] });
    expect(chooseSuggestion(doc({ safe: '2026-03-14' }), open, opts)).toBe('NOT_DUE');
  });

  it('are due tomorrow at the earliest, even for customers already past their safe day', () => {
    expect(chooseSuggestion(doc({ safe: '2026-03-01' }), open, opts)).toMatchObject({ requestedDate: '2026-03-11' });
  });

  it('move earlier off a closed day when they can, later when tomorrow is closed', () => {
    const closedOn = (date: string) => ({ closedDays: [weekday(date)] });
    expect(chooseSuggestion(doc({ safe: '2026-03-13' }), closedOn('2026-03-13'), opts)).toMatchObject({ requestedDate: '2026-03-12' });
    expect(chooseSuggestion(doc({ safe: '2026-03-11' }), closedOn('2026-03-11'), opts)).toMatchObject({ requestedDate: '2026-03-12' });
    expect(chooseSuggestion(doc(), { closedDays: [0, 1, 2, 3, 4, 5, 6] }, opts)).toBe('NO_OPEN_DAY');
  });

  it("move off the distributor's closures too: before one when they can, after it when it has begun", () => {
    const closures = [{ name: '盤點', from: '2026-03-12', to: '2026-03-16' }];
    expect(chooseSuggestion(doc({ safe: '2026-03-13' }), open, { ...opts, closures })).toMatchObject({ requestedDate: '2026-03-11' });
    const begun = [{ name: '盤點', from: '2026-03-10', to: '2026-03-16' }];
    expect(chooseSuggestion(doc({ safe: '2026-03-12' }), open, { ...opts, closures: begun })).toMatchObject({ requestedDate: '2026-03-17' });
  });

  it('name the closure an order waits past when no open day is left before it, not one it moves before', () => {
    const tomorrowOn = [{ name: '颱風假', from: '2026-03-11', to: '2026-03-13' }];
    expect(chooseSuggestion(doc({ safe: '2026-03-10' }), open, { ...opts, closures: tomorrowOn })).toMatchObject({ requestedDate: '2026-03-14', afterClosure: '颱風假' });
    expect(chooseSuggestion(doc({ safe: '2026-03-12' }), open, { ...opts, closures: tomorrowOn })).toMatchObject({ requestedDate: '2026-03-14', afterClosure: '颱風假' });
    const later = [{ name: '盤點', from: '2026-03-12', to: '2026-03-16' }];
    expect(chooseSuggestion(doc({ safe: '2026-03-13' }), open, { ...opts, closures: later })).not.toHaveProperty('afterClosure');
    // Moved past the customer's own closed weekday only: no closure to warn of.
    expect(chooseSuggestion(doc({ safe: '2026-03-11' }), { closedDays: [weekday('2026-03-11')] }, opts)).not.toHaveProperty('afterClosure');
  });

  it('skip customers with an open order, a suggestion declined lately, gone to a competitor, likely churners unless their word that they will order holds, and customers without any delivery', () => {
    expect(chooseSuggestion(doc(), open, { ...opts, hasOpenOrder: true })).toBe('OPEN_ORDER');
    expect(chooseSuggestion(doc(), open, { ...opts, declinedRecently: true })).toBe('DECLINED');
    expect(chooseSuggestion(doc(), open, { ...opts, buysElsewhere: true })).toBe('COMPETITOR');
    expect(chooseSuggestion(doc({ safe: '2026-03-14' }), open, { ...opts, declinedRecently: true })).toBe('NOT_DUE');
    expect(chooseSuggestion(doc({ risk: 0.7 }), open, opts)).toBe('CHURN_RISK');
    expect(chooseSuggestion(doc({ risk: 0.7 }), open, { ...opts, promisedToOrder: true })).toMatchObject({ requestedDate: '2026-03-12' });
    expect(chooseSuggestion(doc({ risk: 0.7 }), open, { ...opts, promisedToOrder: true, buysElsewhere: true })).toBe('COMPETITOR');
    expect(chooseSuggestion(doc({ last: null }), open, opts)).toBe('NO_HISTORY');
  });

  it('skip a customer whose supply a service call stopped (停止供氣): no order placed, and none placed before auto-confirmed', () => {
    const stopped = { ...open, supplyStop: { serviceCallId: 'svc-1', since: '2026-03-09', items: ['hose' as const] } };
    expect(chooseSuggestion(doc({ safe: '2026-03-01' }), stopped, opts)).toBe('SUPPLY_STOPPED');
  });

  it('bring whole cylinders: the median of each size, at least one of the most expected size', () => {
    const range = (p10: number, p50: number, p90: number) => ({ p10, p50, p90 });
    expect(suggestedItems([{ size: 20, quantity: 2.6, range: range(2, 2, 4) }, { size: 16, quantity: 0.4, range: range(0, 0, 1) }])).toEqual([
      { size: 20, quantity: 2 },
    ]);
  });

  it('sum into a weekly outlook from the stored dates, sizes and churn risk, rounded to tenths', () => {
    const withRange: PredictionDoc = {
      ...doc({ risk: 0.2 }),
      nextRefill: { ...doc().nextRefill, expectedQuantity: [{ size: 20, quantity: 1.4, range: { p10: 1, p50: 1, p90: 2 } }] },
    };
    expect(outlookOfDoc(withRange)).toEqual({
      nextOrder: { p10: '2026-03-12', p50: '2026-03-14', p90: '2026-03-20' },
      expectedIntervalDays: 20,
      expectedQuantity: { 20: 1.4 },
      quantityRange: { 20: { p10: 1, p50: 1, p90: 2 } },
      activeProbability: 0.8,
    });
    // A document stored since the model serves the interval's spread hands it on, so later orders drift as the model says.
    expect(outlookOfDoc({ ...withRange, nextRefill: { ...withRange.nextRefill, intervalLogSd: 0.18 } })).toMatchObject({ intervalLogSd: 0.18 });
    const other = { ...doc(), customerId: 'C2' };
    const depotOf = (id: string) => (id === 'C1' ? { id: 'depot-a', name: '中和站' } : undefined);
    const outlook = weeklyOutlookDoc([withRange, other], today, new Date('2026-03-10T18:00:00Z'), { name: 'm', version: 'v' }, depotOf);
    expect(outlook).toMatchObject({ asOf: today, customers: 2, computedAt: '2026-03-10T18:00:00.000Z', model: { name: 'm', version: 'v' } });
    // Per depot: only the customer it serves; one it cannot place counts in the total only.
    expect(outlook.depots.map((d) => [d.depotId, d.depotName, d.customers])).toEqual([['depot-a', '中和站', 1]]);
    const depotWeek = outlook.depots[0]?.weeks[0]?.bySize[0]?.mean ?? 0;
    expect(depotWeek).toBeGreaterThan(0);
    expect(depotWeek).toBeLessThan(outlook.weeks[0]?.bySize[0]?.mean ?? 0);
    expect(outlook.weeks.map((w) => w.from)).toEqual([today, addDays(today, 7), addDays(today, 14), addDays(today, 21)]);
    const first = outlook.weeks[0]?.bySize[0];
    expect(first?.size).toBe(20);
    // Both are due on the 14th, their p90 in the next week: most of 0.8 · 1.4 + 0.95 · 1.4 cylinders
    // in the first week, the rest in the second.
    expect(first?.mean).toBeGreaterThan(1.4);
    expect(first?.mean).toBeLessThan(2.45);
    expect((first?.mean ?? 0) + (outlook.weeks[1]?.bySize[0]?.mean ?? 0)).toBeCloseTo(1.75 * 1.4, 0);
    expect(Number.isInteger((first?.mean ?? 0) * 10)).toBe(true);
  });

  it('store the first two weeks a day at a time too, in total and per depot, the days adding up to their week', () => {
    const depotOf = () => ({ id: 'depot-a', name: '中和站' });
    const outlook = weeklyOutlookDoc([doc({ risk: 0.2 }), { ...doc(), customerId: 'C2' }], today, new Date('2026-03-10T18:00:00Z'), { name: 'm', version: 'v' }, depotOf);
    for (const { weeks, days = [] } of [outlook, ...outlook.depots]) {
      expect(days.map((d) => d.from)).toEqual(Array.from({ length: 15 }, (_, n) => addDays(today, n)));
      for (const [w, week] of weeks.slice(0, 2).entries()) {
        const ofDays = days.slice(7 * w, 7 * w + 7).reduce((total, day) => total + (day.bySize.find((l) => l.size === 20)?.mean ?? 0), 0);
        expect(Math.abs(ofDays - (week.bySize.find((l) => l.size === 20)?.mean ?? 0))).toBeLessThanOrEqual(0.05 + 7 * 0.005);
      }
    }
  });

  it('bring the expectation rounded for a customer without deliveries (no range yet)', () => {
    expect(suggestedItems([{ size: 20, quantity: 2.6 }, { size: 4, quantity: 0.3 }])).toEqual([{ size: 20, quantity: 3 }]);
    expect(suggestedItems([{ size: 20, quantity: 0.2 }, { size: 50, quantity: 0.4 }])).toEqual([{ size: 50, quantity: 1 }]);
    expect(suggestedItems([])).toEqual([]);
  });
});

import { firestorePredictionStore } from '../adapters/firestore/prediction-store';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
// Days are counted from the Taipei day the run sees: nothing here meets a shift or a cut-off, so any hour will do.
const today = taipeiDate(new Date());
const tomorrow = addDays(today, 1);
const coldFrom = addDays(tomorrow, 1);
const coldTo = addDays(tomorrow, 2);
/** A night's outlook as the nightly run stores it: every day 20 kg 30 (20–40), 50 kg 20 (12–28). */
const storedDays = Array.from({ length: 15 }, (_, n) => ({
  from: addDays(today, n),
  bySize: [
    { size: 20 as const, mean: 30, p10: 20, p90: 40 },
    { size: 50 as const, mean: 20, p10: 12, p90: 28 },
  ],
}));

beforeAll(async () => {
  stack = await startTestStack({ suite: 'demand-adjustments', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await firestorePredictionStore(stack.container.db).putWeeklyOutlook({
    asOf: today,
    computedAt: new Date().toISOString(),
    customers: 40,
    model: { name: 'lpg-refill-eb', version: 'test' },
    weeks: [],
    days: storedDays,
    depots: [],
  });
});
afterAll(() => stack.close());

const line = (day: Json, size: number): Json => (day.bySize as Json[]).find((l) => l.size === size) as Json;
const daily = async (): Promise<Json> => (await call('GET', '/api/predictions/daily?days=7', { as: 'office' })).body;

describe('需求調整 on the daily outlook (POST/DELETE /api/predictions/adjustments)', () => {
  it("multiplies the cold wave's days by the factor staff entered, so the filling plant's order takes it, and reads as stored once removed", async () => {
    const before = await daily();
    const added = await call('POST', '/api/predictions/adjustments', { as: 'office', key: 'cold-wave', body: { from: coldFrom, to: coldTo, factor: 3, reason: '寒流' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ from: coldFrom, to: coldTo, factor: 3, reason: '寒流', createdBy: { uid: 'u-office', role: 'office' } });

    const after = await daily();
    const days = after.days as Json[];
    expect(days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, n) => addDays(tomorrow, n)));
    expect(line(days[0] as Json, 20)).toMatchObject({ mean: 30, p10: 20, p90: 40, expected: 30 });
    for (const day of [days[1], days[2]] as Json[]) {
      expect(line(day, 20)).toMatchObject({ mean: 90, p10: 60, p90: 120, expected: 90 });
      expect(line(day, 50)).toMatchObject({ mean: 60, p10: 36, p90: 84, expected: 60 });
    }
    expect(line(days[3] as Json, 50)).toMatchObject({ mean: 20, expected: 20 });
    expect(after.adjustments).toEqual([added.body]);
    // Two days at 3× are four days' more: 20 kg 7 × 30 + 2 × 60, 50 kg 7 × 20 + 2 × 40.
    const total = (view: Json, size: number): Json => (view.totals as Json[]).find((t) => t.size === size) as Json;
    expect(total(before, 20)).toMatchObject({ mean: 210, expected: 210 });
    expect(total(after, 20)).toMatchObject({ mean: 330, expected: 330, short: total(before, 20).short + 120 });
    expect(total(after, 50)).toMatchObject({ mean: 220, expected: 220, short: total(before, 50).short + 80 });

    const csv = await call('GET', '/api/predictions/daily/export?days=7', { as: 'office', lang: 'en' });
    expect(csv.status).toBe(200);
    const rows = String(csv.body.raw).split('\r\n');
    expect(rows.filter((row) => row.startsWith(coldFrom))).toContainEqual(expect.stringContaining(',20 kg,0,90,60,120,90'));
    // The file says why those days are larger: whoever reads it did not see the page.
    expect(rows).toContain(`Demand adjustment,寒流 ×3 (${coldFrom} to ${coldTo})`);

    expect((await call('DELETE', `/api/predictions/adjustments/${added.body.id}`, { as: 'admin', key: 'warm-again' })).status).toBe(204);
    const restored = await daily();
    expect(line((restored.days as Json[])[1] as Json, 20)).toMatchObject({ mean: 30, expected: 30 });
    expect(restored.adjustments).toEqual([]);
    expect(total(restored, 20)).toEqual(total(before, 20));
  });

  it('lets the adjustment entered last stand on a day two of them cover', async () => {
    const first = await call('POST', '/api/predictions/adjustments', { as: 'admin', key: 'wave-1', body: { from: tomorrow, to: coldTo, factor: 2, reason: '寒流' } });
    const second = await call('POST', '/api/predictions/adjustments', { as: 'admin', key: 'wave-2', body: { from: coldTo, to: coldTo, factor: 4, reason: '寒流加強' } });
    expect([first.status, second.status]).toEqual([201, 201]);
    const days = (await daily()).days as Json[];
    expect([0, 1, 2, 3].map((n) => line(days[n] as Json, 20).mean)).toEqual([60, 60, 120, 30]);
    for (const id of [first.body.id, second.body.id]) expect((await call('DELETE', `/api/predictions/adjustments/${id}`, { as: 'office' })).status).toBe(204);
  });

  it('refuses a last day before the first, or more than 14 days, in the caller’s language, and an unknown one as 404', async () => {
    const backwards = await call('POST', '/api/predictions/adjustments', { as: 'office', lang: 'en', body: { from: coldTo, to: coldFrom, factor: 3, reason: '寒流' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual([{ path: 'body.to', message: 'The last day cannot be before the first, and it covers at most 14 days' }]);
    const long = await call('POST', '/api/predictions/adjustments', { as: 'office', body: { from: tomorrow, to: addDays(tomorrow, 14), factor: 3, reason: '寒流' } });
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0].message).toBe('結束日不可早於開始日，且最多 14 天');
    const tooMuch = await call('POST', '/api/predictions/adjustments', { as: 'office', body: { from: tomorrow, to: tomorrow, factor: 10, reason: '寒流' } });
    expect(tooMuch.status).toBe(400);
    const gone = await call('DELETE', '/api/predictions/adjustments/adj-nothing', { as: 'office', lang: 'en' });
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'DEMAND_ADJUSTMENT.NOT_FOUND', message: 'This demand adjustment was not found (it may have been removed)' });
  });

  it('is for the office and admins only: drivers and customers are refused, and nothing is stored', async () => {
    for (const who of ['driver1', 'customerA'] as const) {
      expect((await call('POST', '/api/predictions/adjustments', { as: who, body: { from: tomorrow, to: tomorrow, factor: 3, reason: '寒流' } })).status).toBe(403);
      expect((await call('DELETE', '/api/predictions/adjustments/adj-any', { as: who })).status).toBe(403);
    }
    expect((await daily()).adjustments).toEqual([]);
  });
});

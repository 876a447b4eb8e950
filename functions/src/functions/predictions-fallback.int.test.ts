import * as grpc from '@grpc/grpc-js';
import { startPredictionServer, type LocalPredictionServer } from '../adapters/vertex/test-support/prediction-server';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { seedForecastHistory } from './test-support/forecast-history';

const ENDPOINT = 'projects/lucky-gas-test/locations/asia-east1/endpoints/1234567890';
const TIMEOUT_MS = 1500;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
let customers: readonly Customer[];
let server: LocalPredictionServer;
const today = taipeiDate(new Date());

beforeAll(async () => {
  // The functions talk to Vertex AI through the real adapter and a real gRPC server on this machine.
  server = await startPredictionServer();
  stack = await startTestStack({
    suite: 'pred-fallback',
    subscriptions: [{ consumer: 'systemAlerts', topic: 'system-alerts' }],
    overrides: { vertex: { endpoint: ENDPOINT, apiEndpoint: `127.0.0.1:${server.port}`, location: 'asia-east1', timeoutMs: TIMEOUT_MS } },
  });
  call = apiClient(stack.url, stack.container);
  ({ customers } = await seedForecastHistory(stack.container.db, { today, customers: 20, autoEvery: 4 }));
  expect((await call('POST', '/api/jobs/train-models', { as: 'admin', body: { holdoutWeeks: 4 } })).body.status).toBe('active');
});
afterAll(async () => {
  await server.stop();
  await stack.close();
});

async function waitForAlert(kind: string): Promise<Json | undefined> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const snap = await stack.container.db.collection('alerts').where('kind', '==', kind).get();
    if (!snap.empty) return snap.docs[0]?.data();
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

const prediction = async (id: string): Promise<Json | undefined> => (await stack.container.db.collection('predictions').doc(id).get()).data();

describe('predictions with Vertex AI configured', () => {
  it('record the Vertex model and its dates when Vertex answers, with the local churn score beside them', async () => {
    server.behave({
      kind: 'answer',
      response: (req) => ({
        predictions: req.instances.map(() => ({ p10: 2, p50: 5, p90: 9, safe: 1 })),
        modelDisplayName: 'lpg-next-refill',
        modelVersionId: '3',
      }),
    });
    const res = await call('POST', '/api/jobs/score-churn', { as: 'admin' });
    expect(res.body.sources).toEqual({ vertex: customers.length });
    expect(server.requests[0]).toMatchObject({ endpoint: ENDPOINT });
    const seen = server.requests[0]?.instances[0] as Json;
    expect(seen).toMatchObject({ asOf: today, customerType: expect.any(String), capacityKg: expect.any(Number) });
    const doc = await prediction(String(seen['customerId']));
    expect(doc?.['nextRefill']).toMatchObject({
      source: 'vertex',
      model: { name: 'lpg-next-refill', version: '3' },
      p10: addDays(today, 2),
      p50: addDays(today, 5),
      p90: addDays(today, 9),
    });
    // Vertex's safe day, or the local model's where that is earlier (the run-out cap, below).
    expect(doc?.['nextRefill']?.safeDeliveryDate <= addDays(today, 1)).toBe(true);
    expect(doc?.['churn']).toMatchObject({ source: 'local', model: { name: 'lpg-refill-eb', version: res.body.model.version } });
  });

  it('answer from the local model when Vertex errors, record local-fallback, and raise a system alert', async () => {
    server.behave({ kind: 'error', code: grpc.status.INTERNAL, details: 'model crashed' });
    const id = customers[1]?.id as string;
    await stack.container.db.collection('predictions').doc(id).delete();
    const res = await call('GET', `/api/predictions/customers/${id}`, { as: 'office' });
    expect(res.status).toBe(200);
    expect(res.body.nextRefill).toMatchObject({ source: 'local-fallback', model: { name: 'lpg-refill-eb' } });
    const nightly = await call('POST', '/api/jobs/nightly-forecast', { as: 'admin', body: { horizonDays: 3 } });
    expect(nightly.body.sources).toEqual({ 'local-fallback': customers.length });
    expect((await prediction(customers[0]?.id as string))?.['nextRefill']).toMatchObject({
      source: 'local-fallback',
      model: { name: 'lpg-refill-eb', version: nightly.body.model.version },
    });
    const alert = await waitForAlert('system.prediction_fallback');
    expect(alert).toMatchObject({ severity: 'warning', data: { code: 'VERTEX.UNAVAILABLE', reason: expect.stringContaining('gRPC code 13') } });
  });

  it('answer from the local model when Vertex answers in another shape, not with its dates filled in from the local model', async () => {
    server.behave({
      kind: 'answer',
      response: (req) => ({ predictions: req.instances.map(() => ({ p50: 5, p90: 9 })), modelDisplayName: 'lpg-next-refill', modelVersionId: '3' }),
    });
    const res = await call('POST', '/api/jobs/score-churn', { as: 'admin' });
    expect(res.body.sources).toEqual({ 'local-fallback': customers.length });
    expect((await prediction(customers[0]?.id as string))?.['nextRefill']).toMatchObject({
      source: 'local-fallback',
      model: { name: 'lpg-refill-eb', version: res.body.model.version },
    });
  });

  it('never serve a Vertex safe day later than the local model’s, which is capped at the run-out day', async () => {
    server.behave({ kind: 'error', code: grpc.status.INTERNAL, details: 'model crashed' });
    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).body.sources).toEqual({ 'local-fallback': customers.length });
    const localSafe = new Map(await Promise.all(customers.map(async (c) => [c.id, (await prediction(c.id))?.['nextRefill']?.safeDeliveryDate] as const)));

    server.behave({ kind: 'answer', response: (req) => ({ predictions: req.instances.map(() => ({ p10: 60, p50: 70, p90: 80, safe: 60 })), modelDisplayName: 'lpg-next-refill', modelVersionId: '3' }) });
    expect((await call('POST', '/api/jobs/score-churn', { as: 'admin' })).body.sources).toEqual({ vertex: customers.length });
    for (const c of customers) {
      const refill = (await prediction(c.id))?.['nextRefill'];
      expect({ id: c.id, ...refill }).toMatchObject({ id: c.id, source: 'vertex', p10: addDays(today, 60), p90: addDays(today, 80), safeDeliveryDate: localSafe.get(c.id) });
    }
    expect([...localSafe.values()].every((day) => day !== undefined && day < addDays(today, 60))).toBe(true);
  });

  it('answer from the local model when Vertex is slower than the timeout', async () => {
    // The server would answer (with an error) only after 20 s; the job must not wait for it.
    server.behave({ kind: 'delay', ms: 20_000 });
    const started = Date.now();
    const res = await call('POST', '/api/jobs/score-churn', { as: 'admin' });
    expect(res.body.sources).toEqual({ 'local-fallback': customers.length });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

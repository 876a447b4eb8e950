import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/aiplatform';
import { loadConfig } from '../../config/load-config';
import type { Clock } from '../../domain/clock';
import type { DemandPredictor } from '../../domain/predictions/port';
import { CircuitBreaker, CircuitOpenError } from '../../domain/resilience/circuit-breaker';
import { withFallback } from '../../domain/resilience/predictor-fallback';
import { createPredictionClient, localConnection, vertexDemandPredictor, vertexEndpointName, vertexPredictorFromConfig } from './demand-predictor';
import { startPredictionServer, type LocalPredictionServer } from './test-support/prediction-server';

const ENDPOINT = 'projects/lucky-gas-test/locations/asia-east1/endpoints/1234567890';
const config = loadConfig({ LG_PROJECT_ID: 'lucky-gas-test', LG_VERTEX_ENDPOINT: '1234567890', LG_VERTEX_API_ENDPOINT: '127.0.0.1', LG_VERTEX_TIMEOUT_MS: '3000' });

const features = [
  { customerType: 'household', daysSinceLastOrder: 24, cylinders20kg: 2, floorNoElevator: false },
  { customerType: 'restaurant', daysSinceLastOrder: 5, cylinders20kg: 6, floorNoElevator: null },
];

const local: DemandPredictor = {
  predict: async (rows) => ({
    predictions: rows.map(() => ({ p10: 10, p50: 20, p90: 30, safe: 8 })),
    model: { name: 'local-burn-rate', version: 'v3' },
    source: 'local',
  }),
};

const frozenClock: Clock = { now: () => new Date('2026-11-29T01:00:00Z') };

describe('Vertex demand predictor over gRPC', () => {
  let server: LocalPredictionServer;
  let client: v1.PredictionServiceClient;

  beforeAll(async () => {
    server = await startPredictionServer();
    client = createPredictionClient(config, { port: server.port, sslCreds: grpc.credentials.createInsecure() });
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  // Generous by default so a busy machine never turns a success case into a timeout; the timeout case sets its own.
  const vertex = (breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 60_000, clock: frozenClock }), timeoutMs = 3000) =>
    vertexDemandPredictor({ client, endpoint: ENDPOINT, timeoutMs, breaker, parameters: { confidenceLevel: 0.8 } });

  it('sends the endpoint, instances and parameters as protobuf Values and maps the response', async () => {
    server.behave({
      kind: 'answer',
      response: (req) => ({
        predictions: req.instances.map((_, i) => ({ p10: 7 + i, p50: 14 + i, p90: 21 + i, safe: 6 + i })),
        deployedModelId: '42',
        model: 'projects/lucky-gas-test/locations/asia-east1/models/99',
        modelVersionId: '3',
        modelDisplayName: 'lpg-next-refill',
      }),
    });
    const result = await vertex().predict(features);
    expect(server.requests).toEqual([{ endpoint: ENDPOINT, instances: features, parameters: { confidenceLevel: 0.8 } }]);
    expect(result).toEqual({
      predictions: [
        { p10: 7, p50: 14, p90: 21, safe: 6 },
        { p10: 8, p50: 15, p90: 22, safe: 7 },
      ],
      model: { name: 'lpg-next-refill', version: '3' },
      source: 'vertex',
    });
  });

  it('names the deployed model when the response gives no display name or version', async () => {
    server.behave({ kind: 'answer', response: (req) => ({ predictions: req.instances.map(() => ({ p10: 3, p50: 5, p90: 8, safe: 2 })), deployedModelId: '42' }) });
    expect((await vertex().predict(features)).model).toEqual({ name: 'deployed-model-42', version: '42' });
  });

  // Each answer is refused whole: none of it may be filled in from the local model and recorded as Vertex's.
  const refused: [string, unknown, string][] = [
    ['a bare number', 12.5, 'prediction 1 is not a struct of p10, p50, p90, safe'],
    ['a field missing', { p10: 3, p50: 5, p90: 8 }, 'prediction 1: safe is missing'],
    ['a field misnamed', { q10: 3, p50: 5, p90: 8, safe: 2 }, 'prediction 1: p10 is missing'],
    ['a field as text', { p10: 3, p50: '5', p90: 8, safe: 2 }, 'prediction 1: p50 is not a finite number'],
    ['a field not finite', { p10: 3, p50: 5, p90: Number.POSITIVE_INFINITY, safe: 2 }, 'prediction 1: p90 is not a finite number'],
    ['a NaN', { p10: Number.NaN, p50: 5, p90: 8, safe: 2 }, 'prediction 1: p10 is not a finite number'],
    ['quantiles out of order', { p10: 9, p50: 5, p90: 8, safe: 2 }, 'prediction 1: quantiles out of order: p10 9, p50 5, p90 8'],
    ['a day in seconds', { p10: 3, p50: 5, p90: 8 * 86_400, safe: 2 }, 'prediction 1: p90 (691200) is outside -365..730 days'],
  ];
  it.each(refused)('refuses an answer with %s as a bad response, which the local model then answers', async (_, second, message) => {
    server.behave({ kind: 'answer', response: () => ({ predictions: [{ p10: 3, p50: 5, p90: 8, safe: 2 }, second], modelDisplayName: 'lpg-next-refill' }) });
    await expect(vertex().predict(features)).rejects.toMatchObject({ code: 'VERTEX.BAD_RESPONSE', kind: 'unavailable', message });
    const onFallback = jest.fn();
    const result = await withFallback(vertex(), local, { onFallback }).predict(features);
    expect(result).toEqual({ predictions: [{ p10: 10, p50: 20, p90: 30, safe: 8 }, { p10: 10, p50: 20, p90: 30, safe: 8 }], model: { name: 'local-burn-rate', version: 'v3' }, source: 'local-fallback' });
    expect(onFallback).toHaveBeenCalledWith(expect.objectContaining({ code: 'VERTEX.BAD_RESPONSE' }));
  });

  it('rejects a response with the wrong number of predictions as unavailable', async () => {
    server.behave({ kind: 'answer', response: () => ({ predictions: [1] }) });
    await expect(vertex().predict(features)).rejects.toMatchObject({ code: 'VERTEX.BAD_RESPONSE', kind: 'unavailable' });
  });

  it('wraps a gRPC error with its code and falls back to the local model', async () => {
    server.behave({ kind: 'error', code: grpc.status.UNAVAILABLE, details: 'model server restarting' });
    const onFallback = jest.fn();
    const result = await withFallback(vertex(), local, { onFallback }).predict(features);
    expect(result.source).toBe('local-fallback');
    expect(result.model).toEqual({ name: 'local-burn-rate', version: 'v3' });
    expect(result.predictions).toHaveLength(2);
    expect(onFallback).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'VERTEX.UNAVAILABLE', kind: 'unavailable', details: { grpcCode: grpc.status.UNAVAILABLE } }),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('classifies a rejected request (INVALID_ARGUMENT) as a validation error', async () => {
    server.behave({ kind: 'error', code: grpc.status.INVALID_ARGUMENT, details: 'bad instance' });
    await expect(vertex().predict(features)).rejects.toMatchObject({ code: 'VERTEX.REJECTED', kind: 'validation' });
  });

  it('times out a slow server and falls back', async () => {
    server.behave({ kind: 'delay', ms: 10_000 });
    const onFallback = jest.fn();
    const started = Date.now();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 60_000, clock: frozenClock });
    const result = await withFallback(vertex(breaker, 200), local, { onFallback }).predict(features);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.source).toBe('local-fallback');
    expect(onFallback).toHaveBeenCalledWith(expect.objectContaining({ kind: 'unavailable' }));
    expect(server.requests).toHaveLength(1);
  });

  it('opens the circuit after the threshold: no more gRPC calls, the local model answers', async () => {
    server.behave({ kind: 'error', code: grpc.status.INTERNAL, details: 'boom' });
    const onFallback = jest.fn();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 60_000, clock: frozenClock });
    const predictor = withFallback(vertex(breaker), local, { onFallback });
    for (let i = 0; i < 5; i++) {
      expect((await predictor.predict(features)).source).toBe('local-fallback');
    }
    expect(server.requests).toHaveLength(3);
    expect(breaker.state()).toBe('open');
    expect(onFallback).toHaveBeenCalledTimes(5);
    expect(onFallback.mock.calls[4]?.[0]).toBeInstanceOf(CircuitOpenError);
  });

  it('is wired from configuration: the bare endpoint id becomes the full resource name', async () => {
    server.behave({ kind: 'answer', response: (req) => ({ predictions: req.instances.map(() => ({ p10: 1, p50: 2, p90: 4, safe: 1 })), deployedModelId: '1' }) });
    const vertex = vertexPredictorFromConfig(config, frozenClock, { port: server.port, sslCreds: grpc.credentials.createInsecure() });
    const predictor = withFallback(vertex as DemandPredictor, local, { onFallback: jest.fn() });
    expect((await predictor.predict(features)).source).toBe('vertex');
    expect(server.requests[0]?.endpoint).toBe(ENDPOINT);
  });
});

describe('configuration', () => {
  it('has no remote predictor when no endpoint is configured', () => {
    expect(vertexPredictorFromConfig(loadConfig({}), frozenClock)).toBeNull();
  });

  it('treats a loopback API endpoint as a plaintext local stand-in with its port', () => {
    const local = localConnection(loadConfig({ LG_VERTEX_API_ENDPOINT: '127.0.0.1:7100' }));
    expect(local.config.vertex.apiEndpoint).toBe('127.0.0.1');
    expect(local.connection.port).toBe(7100);
    expect(local.connection.sslCreds).toBeDefined();
    expect(localConnection(loadConfig({ LG_VERTEX_API_ENDPOINT: 'asia-east1-aiplatform.googleapis.com' })).connection).toEqual({});
  });

  it('keeps a full endpoint resource name as given', () => {
    expect(vertexEndpointName(config, ENDPOINT)).toBe(ENDPOINT);
    expect(vertexEndpointName(config, '55')).toBe('projects/lucky-gas-test/locations/asia-east1/endpoints/55');
  });
});

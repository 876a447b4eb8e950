import { v1, protos } from '@google-cloud/aiplatform';
import * as grpc from '@grpc/grpc-js';
import type { ChannelCredentials } from '@grpc/grpc-js';
import type { Config } from '../../config/load-config';
import type { Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { PREDICTION_FIELDS, predictionRowOf } from '../../domain/predictions/answer';
import type {
  DemandPredictions,
  DemandPredictor,
  FeatureRow,
  FeatureValue,
  PredictionRow,
} from '../../domain/predictions/port';
import { CircuitBreaker, DEFAULT_BREAKER } from '../../domain/resilience/circuit-breaker';
import { withTimeout } from '../../domain/resilience/timeout';

type IValue = protos.google.protobuf.IValue;
type IPredictResponse = protos.google.cloud.aiplatform.v1.IPredictResponse;

/** The one call of `PredictionServiceClient` this adapter uses, so tests can count calls on a real client. */
export type PredictClient = Pick<v1.PredictionServiceClient, 'predict'>;

export interface VertexPredictorOptions {
  readonly client: PredictClient;
  /** Full resource name: `projects/{p}/locations/{l}/endpoints/{id}`. */
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly breaker: CircuitBreaker;
  /** Sent as the request's `parameters` (e.g. `{ confidenceLevel: 0.8 }`), when the model takes any. */
  readonly parameters?: FeatureRow;
}

function toValue(v: FeatureValue): IValue {
  if (v === null) return { nullValue: 'NULL_VALUE' };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return { stringValue: v };
}

/** A feature row as the `google.protobuf.Value` struct Vertex expects for a tabular instance. */
export function rowToValue(row: FeatureRow): IValue {
  const fields: Record<string, IValue> = {};
  for (const [k, v] of Object.entries(row)) fields[k] = toValue(v);
  return { structValue: { fields } };
}

function badResponse(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('VERTEX.BAD_RESPONSE', 'unavailable', message, details);
}

/**
 * A prediction is a struct of days p10, p50, p90 and safe, checked whole (`predictionRowOf`): an answer
 * missing a field, misnaming one, out of order or out of range is a bad response, so the caller's
 * fallback answers with the local model and says so, rather than the answer being patched from it.
 */
export function valueToPrediction(value: IValue, index: number): PredictionRow {
  const fields = value.structValue?.fields;
  if (!fields) throw badResponse(`prediction ${index} is not a struct of ${PREDICTION_FIELDS.join(', ')}`, { index });
  // A field of another kind (text, true, null) is present but no number, which the check says.
  const raw = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v.numberValue === 'number' ? v.numberValue : null]));
  const checked = predictionRowOf(raw);
  if ('problem' in checked) throw badResponse(`prediction ${index}: ${checked.problem}`, { index, ...(checked.field ? { field: checked.field } : {}) });
  return checked.row;
}

function mapResponse(response: IPredictResponse, expected: number): DemandPredictions {
  const values = response.predictions ?? [];
  if (values.length !== expected) {
    throw badResponse(`expected ${expected} predictions, got ${values.length}`, { expected, got: values.length });
  }
  return {
    predictions: values.map(valueToPrediction),
    model: {
      name: response.modelDisplayName || response.model || `deployed-model-${response.deployedModelId ?? 'unknown'}`,
      version: response.modelVersionId || response.deployedModelId || 'unknown',
    },
    source: 'vertex',
  };
}

/** gRPC status codes (google.rpc.Code) that say our request, not the service, is at fault. */
const CALLER_FAULT_CODES = new Set([3 /* INVALID_ARGUMENT */, 5 /* NOT_FOUND */, 7 /* PERMISSION_DENIED */, 16 /* UNAUTHENTICATED */]);

function wrapGrpcError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? Number(error.code) : undefined;
  const callerFault = code !== undefined && CALLER_FAULT_CODES.has(code);
  return new DomainError(
    callerFault ? 'VERTEX.REJECTED' : 'VERTEX.UNAVAILABLE',
    // Either way the local model answers instead; the kind tells the alert whether retrying can help.
    callerFault ? 'validation' : 'unavailable',
    `Vertex AI predict failed${code === undefined ? '' : ` (gRPC code ${code})`}`,
    code === undefined ? undefined : { grpcCode: code },
    { cause: error },
  );
}

/**
 * `DemandPredictor` backed by a Vertex AI endpoint. Each call has a deadline and goes through the
 * circuit breaker, so a dead endpoint costs one timeout per cool-down instead of one per call.
 */
export function vertexDemandPredictor(options: VertexPredictorOptions): DemandPredictor {
  const { client, endpoint, timeoutMs, breaker, parameters } = options;
  return {
    predict: (features: readonly FeatureRow[]) =>
      breaker.run(() =>
        withTimeout('Vertex AI predict', timeoutMs, async () => {
          try {
            // The gRPC deadline lets the server stop working too; withTimeout also covers connecting.
            const [response] = await client.predict(
              {
                endpoint,
                instances: features.map(rowToValue),
                ...(parameters ? { parameters: rowToValue(parameters) } : {}),
              },
              { timeout: timeoutMs },
            );
            return mapResponse(response, features.length);
          } catch (error) {
            throw wrapGrpcError(error);
          }
        }),
      ),
  };
}

/** `projects/{p}/locations/{l}/endpoints/{id}` from either a full name or a bare endpoint id. */
export function vertexEndpointName(config: Config, endpoint: string): string {
  return endpoint.startsWith('projects/')
    ? endpoint
    : `projects/${config.projectId}/locations/${config.vertex.location}/endpoints/${endpoint}`;
}

/** Where to reach Vertex: the configured API endpoint, or the regional one. Tests pass a local port and insecure creds. */
export interface ConnectionOverrides {
  readonly port?: number;
  readonly sslCreds?: ChannelCredentials;
}

export function createPredictionClient(config: Config, overrides: ConnectionOverrides = {}): v1.PredictionServiceClient {
  return new v1.PredictionServiceClient({
    apiEndpoint: config.vertex.apiEndpoint ?? `${config.vertex.location}-aiplatform.googleapis.com`,
    ...(overrides.port === undefined ? {} : { port: overrides.port }),
    // Naming the universe up front stops google-auth probing the GCE metadata server for it, which
    // a local connection with its own credentials never needs.
    ...(overrides.sslCreds ? { sslCreds: overrides.sslCreds, universeDomain: 'googleapis.com' } : {}),
  });
}

/**
 * A Vertex API endpoint on this machine (`127.0.0.1:7100`, `localhost`) is a local stand-in for the
 * service, as emulator hosts are: plaintext gRPC, no Google credentials, the port taken from it.
 */
export function localConnection(config: Config): { config: Config; connection: ConnectionOverrides } {
  const match = /^(127\.0\.0\.1|localhost)(?::(\d+))?$/.exec(config.vertex.apiEndpoint ?? '');
  if (!match) return { config, connection: {} };
  return {
    config: { ...config, vertex: { ...config.vertex, apiEndpoint: match[1] as string } },
    connection: { ...(match[2] ? { port: Number(match[2]) } : {}), sslCreds: grpc.credentials.createInsecure() },
  };
}

/**
 * The Vertex predictor when an endpoint is configured, else null. Build it once per process: it
 * owns the gRPC channel and the circuit breaker; callers wrap it with `withFallback` around the
 * local model of the moment.
 */
export function vertexPredictorFromConfig(config: Config, clock: Clock, overrides?: ConnectionOverrides): DemandPredictor | null {
  const { endpoint } = config.vertex;
  if (!endpoint) return null;
  const local = localConnection(config);
  return vertexDemandPredictor({
    client: createPredictionClient(local.config, overrides ?? local.connection),
    endpoint: vertexEndpointName(config, endpoint),
    timeoutMs: config.vertex.timeoutMs,
    breaker: new CircuitBreaker({ ...DEFAULT_BREAKER, clock }),
  });
}

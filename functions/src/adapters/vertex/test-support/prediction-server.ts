import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * A real gRPC server implementing `google.cloud.aiplatform.v1.PredictionService/Predict` from the
 * protos shipped in @google-cloud/aiplatform, so the adapter is tested over the actual wire format.
 */
export interface PredictRequestSeen {
  readonly endpoint: string;
  /** Instances decoded from `google.protobuf.Value` back to plain JSON. */
  readonly instances: unknown[];
  readonly parameters: unknown;
}

export type PredictBehaviour =
  | { readonly kind: 'answer'; readonly response: (req: PredictRequestSeen) => Record<string, unknown> }
  | { readonly kind: 'error'; readonly code: grpc.status; readonly details: string }
  | { readonly kind: 'delay'; readonly ms: number };

export interface LocalPredictionServer {
  readonly port: number;
  readonly requests: PredictRequestSeen[];
  behave(b: PredictBehaviour): void;
  stop(): Promise<void>;
}

const AIPLATFORM_PROTOS = path.dirname(require.resolve('@google-cloud/aiplatform/build/protos/protos.json'));
// google/api/*.proto come with google-gax, the client's own transport; resolved from the client's side.
const GAX_PROTOS = path.join(
  path.dirname(require.resolve('google-gax', { paths: [AIPLATFORM_PROTOS] })),
  '..',
  '..',
  'build',
  'protos',
);

/** A `google.protobuf.Value` as proto-loader decodes it (oneofs on, so `kind` names the set field). */
interface WireValue {
  kind?: string;
  nullValue?: string;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: { fields?: Record<string, WireValue> };
  listValue?: { values?: WireValue[] };
}

export function fromWire(v: WireValue | null | undefined): unknown {
  switch (v?.kind) {
    case 'numberValue':
      return v.numberValue;
    case 'stringValue':
      return v.stringValue;
    case 'boolValue':
      return v.boolValue;
    case 'structValue':
      return Object.fromEntries(Object.entries(v.structValue?.fields ?? {}).map(([k, f]) => [k, fromWire(f)]));
    case 'listValue':
      return (v.listValue?.values ?? []).map(fromWire);
    default:
      return null;
  }
}

export function toWire(v: unknown): WireValue {
  if (v === null || v === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(toWire) } };
  return { structValue: { fields: Object.fromEntries(Object.entries(v).map(([k, f]) => [k, toWire(f)])) } };
}

interface PredictionServiceDefinition {
  service: grpc.ServiceDefinition;
}

export async function startPredictionServer(): Promise<LocalPredictionServer> {
  const definition = await protoLoader.load('google/cloud/aiplatform/v1/prediction_service.proto', {
    includeDirs: [AIPLATFORM_PROTOS, GAX_PROTOS],
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition);
  // loadPackageDefinition returns an untyped namespace tree; this is the one service we need from it.
  const service = (pkg.google as unknown as { cloud: { aiplatform: { v1: { PredictionService: PredictionServiceDefinition } } } })
    .cloud.aiplatform.v1.PredictionService.service;

  const requests: PredictRequestSeen[] = [];
  let behaviour: PredictBehaviour = { kind: 'error', code: grpc.status.UNIMPLEMENTED, details: 'no behaviour set' };
  const timers = new Set<NodeJS.Timeout>();

  const server = new grpc.Server();
  server.addService(service, {
    predict(
      call: grpc.ServerUnaryCall<{ endpoint: string; instances?: WireValue[]; parameters?: WireValue }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      const seen: PredictRequestSeen = {
        endpoint: call.request.endpoint,
        instances: (call.request.instances ?? []).map(fromWire),
        parameters: fromWire(call.request.parameters),
      };
      requests.push(seen);
      const b = behaviour;
      if (b.kind === 'answer') {
        const { predictions, ...rest } = b.response(seen);
        callback(null, { ...rest, predictions: (predictions as unknown[]).map(toWire) });
      } else if (b.kind === 'error') {
        callback({ code: b.code, details: b.details });
      } else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          callback({ code: grpc.status.UNAVAILABLE, details: 'too late' });
        }, b.ms);
        timers.add(timer);
      }
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    port,
    requests,
    behave: (b) => void (behaviour = b),
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      server.forceShutdown();
    },
  };
}

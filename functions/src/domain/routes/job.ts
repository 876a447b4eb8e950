/**
 * `optimizationJobs/{id}`: one request to plan a day's routes, run by the long-timeout consumer.
 * The runner proves it is alive with a heartbeat; a job whose heartbeat went quiet is shown as
 * failed and may be rerun, which replaces its own drafts.
 */
import type { Actor } from '../events';
import { conflict } from '../errors';
import { calendarDateSchema, docIdSchema, z } from '../schema';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const OPTIMIZATION_REQUESTS = 'optimization-requests' as const;
export const OPTIMIZATION_REQUESTED = 'optimization.requested';
/** A runner silent for longer than this is taken for dead. */
export const STALE_AFTER_MS = 30_000;

export const optimizeRequestSchema = z
  .object({
    date: calendarDateSchema,
    depotId: docIdSchema,
    /** Default: every confirmed order of the date in the depot's area. */
    orderIds: z.array(docIdSchema).min(1).max(2000).optional(),
    /** Default: every truck of the depot with an active regular driver. */
    vehicleIds: z.array(docIdSchema).min(1).max(100).optional(),
    timeLimitSeconds: z.number().int().min(5).max(540).default(30),
  })
  .openapi('OptimizeRequest', { example: { date: '2030-01-15', depotId: 'depot-zhonghe', timeLimitSeconds: 30 } });
export type OptimizeRequest = z.infer<typeof optimizeRequestSchema>;

export interface JobProgress {
  readonly share: number;
  readonly bestCost: number | null;
  readonly elapsedMs: number;
}

export interface OptimizationJob {
  readonly id: string;
  readonly status: JobStatus;
  /** The request with the orders resolved when it was accepted, so reruns plan the same set. */
  readonly request: Omit<OptimizeRequest, 'orderIds'> & { readonly orderIds: string[] };
  readonly createdBy: Actor;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly attempt: number;
  /** The run that owns the job now; a taken-over run stops writing when it no longer matches. */
  readonly runId?: string;
  readonly heartbeatAt?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly cancelRequested?: boolean;
  readonly progress?: JobProgress;
  /** Its drafts still there (and the routes published from them); a later plan's replacing ones move to `replacedRouteIds`. */
  readonly routeIds?: string[];
  /** Drafts of this plan a later one replaced (deleted, `withReplacedDrafts`). */
  readonly replacedRouteIds?: string[];
  /** The later plan of the same depot and day that replaced this one's drafts. */
  readonly replacedBy?: string;
  readonly unassigned?: { orderId: string; reason: string }[];
  /** Counts and timings, and `travelTimes` (`roads` | `straight-line`) with `travelTimesFallback` (an error code) when the Routes API failed. */
  readonly stats?: Readonly<Record<string, number | string>>;
  readonly error?: string;
}

export const jobViewSchema = z
  .object({
    id: z.string(),
    status: z.enum(JOB_STATUSES),
    progress: z.object({ share: z.number(), bestCost: z.number().nullable(), elapsedMs: z.number() }).optional(),
    routeIds: z.array(z.string()).optional(),
    replacedRouteIds: z.array(z.string()).optional(),
    replacedBy: z.string().optional(),
    unassigned: z.array(z.object({ orderId: z.string(), reason: z.string() })).optional(),
    error: z.string().optional(),
  })
  .openapi('OptimizationJob');

export const isStale = (job: OptimizationJob, now: Date): boolean =>
  job.status === 'running' && now.getTime() - Date.parse(job.heartbeatAt ?? job.updatedAt) > STALE_AFTER_MS;

/**
 * How long a delivery that found the job running should wait before judging it again: until a second past the moment its
 * heartbeat, if it does not move, is stale. Pub/Sub redelivers the request of a runner that died after a back-off of its
 * own (10 s, and only best effort), so a live-looking heartbeat may be a dead runner's last.
 */
export const untilStale = (job: OptimizationJob, now: Date): number =>
  Math.max(0, Date.parse(job.heartbeatAt ?? job.updatedAt) + STALE_AFTER_MS + 1000 - now.getTime());

/** What callers see: a running job whose runner went quiet is failed (`STALE`). */
export const jobView = (job: OptimizationJob, now: Date): OptimizationJob =>
  isStale(job, now) ? { ...job, status: 'failed', error: 'STALE' } : job;

export function newJob(id: string, request: OptimizationJob['request'], by: Actor, at: Date): OptimizationJob {
  const iso = at.toISOString();
  return { id, status: 'queued', request, createdBy: by, createdAt: iso, updatedAt: iso, attempt: 0 };
}

export type ClaimDecision =
  | { readonly claim: true; readonly next: OptimizationJob }
  | { readonly claim: false; readonly why: 'finished' | 'running_elsewhere' | 'cancelled' }
  /** Another plan of the depot's day holds the lock (`claimPlan`): `next` is the job failed. */
  | { readonly claim: false; readonly why: 'superseded'; readonly next: OptimizationJob };

/**
 * A delivery of the request either takes the job (queued, or running with a stale heartbeat: the
 * first run died) or leaves (finished, or a live run has it; see `untilStale` before trusting that).
 */
export function claimJob(job: OptimizationJob, runId: string, now: Date): ClaimDecision {
  if (job.status === 'succeeded' || job.status === 'failed') return { claim: false, why: 'finished' };
  if (job.status === 'cancelled') return { claim: false, why: 'cancelled' };
  if (job.status === 'running' && !isStale(job, now)) return { claim: false, why: 'running_elsewhere' };
  const iso = now.toISOString();
  const { error: _e, progress: _p, ...rest } = job;
  return {
    claim: true,
    next: { ...rest, status: 'running', runId, attempt: job.attempt + 1, heartbeatAt: iso, startedAt: iso, updatedAt: iso },
  };
}

/** Queues a failed, stale or cancelled job again. */
export function rerunJob(job: OptimizationJob, now: Date): OptimizationJob {
  const view = jobView(job, now);
  if (view.status !== 'failed' && view.status !== 'cancelled') {
    throw conflict('OPTIMIZE.NOT_RERUNNABLE', `Job ${job.id} is ${view.status}`, { id: job.id, status: view.status });
  }
  const { error: _e, progress: _p, cancelRequested: _c, runId: _r, heartbeatAt: _h, finishedAt: _f, ...rest } = job;
  return { ...rest, status: 'queued', updatedAt: now.toISOString() };
}

/** A queued job is cancelled at once; a running one is asked to stop and the runner records it. */
export function cancelJob(job: OptimizationJob, now: Date): OptimizationJob {
  const iso = now.toISOString();
  if (job.status === 'queued' || isStale(job, now)) return { ...job, status: 'cancelled', finishedAt: iso, updatedAt: iso };
  if (job.status === 'running') return { ...job, cancelRequested: true, updatedAt: iso };
  throw conflict('OPTIMIZE.NOT_CANCELLABLE', `Job ${job.id} is ${job.status}`, { id: job.id, status: job.status });
}

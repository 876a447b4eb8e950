import type { OptimizationJob } from './job';
import { withoutStop, type Route } from './route';

/** A finished plan: its drafts and the date and depot it planned. */
export interface FinishedPlan {
  readonly jobId: string;
  readonly date: string;
  readonly depotId: string;
  readonly routes: readonly Route[];
}

export interface Superseded<R extends Route> {
  /** Drafts that go: the depot's earlier plans of the day, and another depot's drafts the plan took every stop of. */
  readonly removed: readonly R[];
  /** Another depot's drafts that keep their other stops; `orderIds` came off them. */
  readonly trimmed: readonly { readonly route: R; readonly next: Route; readonly orderIds: readonly string[] }[];
}

/**
 * What a plan finishing replaces among the day's routes, so no order sits on two drafts. Planning a depot again
 * makes the new plan that depot's drafts for the day (the office plans a depot as a whole: every confirmed order of
 * its area), so the depot's other drafts go, even where they hold an order the new plan left out: that order is
 * confirmed and waiting again, as before any plan. Another depot's drafts stay, only losing the stops of orders the
 * new drafts now carry (an order named into this plan from there); their other stops keep their times, as a
 * cancelled stop's route does. Routes given out (published and on) are never touched, and neither are the plan's
 * own drafts, so a rerun or a taken-over run replaces them rather than deleting them.
 */
export function supersededDrafts<R extends Route>(plan: FinishedPlan, dayRoutes: readonly R[], at: Date): Superseded<R> {
  const taken = new Set(plan.routes.flatMap((r) => r.stops.map((s) => s.orderId)));
  const removed: R[] = [];
  const trimmed: { route: R; next: Route; orderIds: string[] }[] = [];
  for (const route of dayRoutes) {
    if (route.status !== 'draft' || route.date !== plan.date || route.jobId === plan.jobId) continue;
    if (route.depotId === plan.depotId) {
      removed.push(route);
      continue;
    }
    const orderIds = route.stops.map((s) => s.orderId).filter((id) => taken.has(id));
    if (orderIds.length === 0) continue;
    if (orderIds.length === route.stops.length) removed.push(route);
    else trimmed.push({ route, next: orderIds.reduce((r, id) => withoutStop(r, id, at), route as Route), orderIds });
  }
  return { removed, trimmed };
}

/**
 * The record of an earlier plan after `plan` removed some of its drafts (`supersededDrafts`): their ids move from
 * `routeIds` to `replacedRouteIds`, so the record never names a draft that is gone, and a plan of the same depot and day
 * is named as the one that replaced it (`replacedBy`; another depot's plan only takes single drafts of it). Null when
 * none of the removed drafts is this job's.
 */
export function withReplacedDrafts(job: OptimizationJob, plan: Omit<FinishedPlan, 'routes'>, removed: readonly Route[], at: Date): OptimizationJob | null {
  const gone = removed.filter((r) => r.jobId === job.id).map((r) => r.id);
  if (gone.length === 0) return null;
  const sameDay = job.request.depotId === plan.depotId && job.request.date === plan.date;
  return {
    ...job,
    routeIds: (job.routeIds ?? []).filter((id) => !gone.includes(id)),
    replacedRouteIds: [...new Set([...(job.replacedRouteIds ?? []), ...gone])],
    ...(sameDay ? { replacedBy: plan.jobId } : {}),
    updatedAt: at.toISOString(),
  };
}

import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from './test-support/fleet-mother';
import { publishRoute, type Route } from './route';
import { newJob } from './job';
import { supersededDrafts, withReplacedDrafts } from './supersede';

const DATE = '2026-12-02';
const at = new Date('2026-12-02T02:00:00Z');
const customers = [1, 2, 3, 4].map((k) => aNearbyCustomer(`c${k}`, k));
/** A draft of `jobId` visiting orders o<k> of customers c<k>. */
const draft = (id: string, jobId: string | undefined, ks: number[], over: Partial<Route> = {}): Route => ({
  ...aDraftRoute({
    id,
    date: DATE,
    ...(jobId ? { jobId } : {}),
    vehicle: FLEET.vehicles[0]!,
    driver: FLEET.drivers[0]!,
    stops: ks.map((k) => ({ order: aConfirmedOrder(`o${k}`, customers[k - 1]!, DATE), customer: customers[k - 1]! })),
  }),
  ...over,
});
const plan = (routes: Route[]) => ({ jobId: 'job-new', date: DATE, depotId: 'depot-a', routes });
const ids = (routes: readonly Route[]) => routes.map((r) => r.id);

describe('supersededDrafts', () => {
  const mine = draft('job-new-1', 'job-new', [1, 2]);

  it("removes the depot's other drafts of the day, holding the plan's orders or not, and with or without a job", () => {
    const day = [mine, draft('old-1', 'job-old', [1]), draft('old-2', 'job-old', [3]), draft('by-hand', undefined, [4])];
    const { removed, trimmed } = supersededDrafts(plan([mine]), day, at);
    expect(ids(removed)).toEqual(['old-1', 'old-2', 'by-hand']);
    expect(trimmed).toEqual([]);
  });

  it('never touches the plan\'s own drafts, routes given out, or another day', () => {
    const out = publishRoute(draft('out', 'job-old', [1]), at);
    const started = { ...draft('started', 'job-old', [2]), status: 'in_progress' as const };
    const done = { ...draft('done', 'job-old', [2]), status: 'completed' as const };
    const tomorrow = draft('tomorrow', 'job-old', [1], { date: '2026-12-03' });
    const { removed, trimmed } = supersededDrafts(plan([mine]), [mine, out, started, done, tomorrow], at);
    expect([removed, trimmed]).toEqual([[], []]);
  });

  it("takes only the plan's orders off another depot's drafts, and removes one left with no stop", () => {
    const elsewhere = { depotId: 'depot-b' };
    const shared = draft('zh-1', 'job-zh', [2, 3, 4], elsewhere);
    const whole = draft('zh-2', 'job-zh', [1], elsewhere);
    const apart = draft('zh-3', 'job-zh', [3], elsewhere);
    const { removed, trimmed } = supersededDrafts(plan([mine]), [shared, whole, apart], at);
    expect(ids(removed)).toEqual(['zh-2']);
    expect(trimmed.map((t) => [t.route.id, t.orderIds])).toEqual([['zh-1', ['o2']]]);
    // The stops left keep their times and are numbered again.
    expect(trimmed[0]!.next.stops.map((s) => [s.orderId, s.seq, s.eta])).toEqual([
      ['o3', 1, shared.stops[1]!.eta],
      ['o4', 2, shared.stops[2]!.eta],
    ]);
    expect(trimmed[0]!.next).toMatchObject({ id: 'zh-1', status: 'draft', updatedAt: at.toISOString() });
  });

  it("leaves another depot's drafts alone when the plan placed none of their orders (one it left out is no duplicate)", () => {
    const zh = draft('zh-1', 'job-zh', [1], { depotId: 'depot-b' });
    expect(supersededDrafts(plan([]), [zh], at)).toEqual({ removed: [], trimmed: [] });
  });
});

describe('withReplacedDrafts', () => {
  const job = (id: string, depotId: string, routeIds: string[]) => ({
    ...newJob(id, { date: DATE, depotId, orderIds: ['o1'], timeLimitSeconds: 30 }, { uid: 'u', role: 'office' as const }, at),
    status: 'succeeded' as const,
    routeIds,
  });
  const later = new Date('2026-12-02T03:00:00Z');

  it("moves the removed drafts out of the record's routes and names the plan that replaced them", () => {
    const old = job('job-old', 'depot-a', ['old-1', 'old-2', 'old-pub']);
    const removed = [draft('old-1', 'job-old', [1]), draft('old-2', 'job-old', [3]), draft('other-1', 'job-other', [4])];
    expect(withReplacedDrafts(old, plan([]), removed, later)).toMatchObject({
      routeIds: ['old-pub'],
      replacedRouteIds: ['old-1', 'old-2'],
      replacedBy: 'job-new',
      updatedAt: later.toISOString(),
    });
  });

  it("records another depot's draft taken whole without calling the plan replaced, and leaves a job none of whose drafts went", () => {
    const other = job('job-other', 'depot-b', ['other-1', 'other-2']);
    const next = withReplacedDrafts(other, plan([]), [draft('other-1', 'job-other', [4])], later);
    expect(next).toMatchObject({ routeIds: ['other-2'], replacedRouteIds: ['other-1'] });
    expect(next?.replacedBy).toBeUndefined();
    expect(withReplacedDrafts(other, plan([]), [draft('old-1', 'job-old', [1])], later)).toBeNull();
  });
});

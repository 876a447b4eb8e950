/**
 * The whole demo data set, generated purely from a seed and "today": no I/O, no clock, no
 * Math.random. The same seed and today give identical output.
 */
import { addDays, daysBetween, taipeiInstant, weekday } from '../../domain/calendar';
import { COMPLAINT_CATEGORIES, recordComplaint, type Complaint, type Customer } from '../../domain/customers';
import type { Depot, Driver, Vehicle } from '../../domain/fleet';
import type { Payment } from '../../domain/billing';
import type { Closure } from '../../domain/closures';
import type { Invoice } from '../../domain/invoicing';
import type { InvoiceMessageUpload } from '../../domain/invoicing/mig-upload';
import type { InvoiceBook } from '../../adapters/invoicing/local-invoice-book';
import type { Order } from '../../domain/orders';
import type { PriceEntry } from '../../domain/pricing';
import type { SafetyInspection } from '../../domain/safety';
import type { ServiceCall } from '../../domain/service-calls';
import type { User } from '../../domain/users';
import { generateCustomers, PORTAL_CUSTOMERS, type DemoCustomer } from './customers';
import { DEPOTS, DRIVERS, VEHICLES } from './fleet';
import { demoClosures } from './calendar-effects';
import { withDemoChain } from './chains';
import { withDemoContracts } from './contracts';
import { buildOrder, demands, historyPlans, OFFICE_ACTOR, type OrderPlan, type Outcome } from './history';
import { demoEinvoiceUploads } from './einvoice-uploads';
import { demoInvoices } from './invoices';
import { demoPayments } from './payments';
import { COMPLAINT_NOTES } from './names';
import { demoPriceList } from './prices';
import { createRng, type Rng } from './prng';
import { certifiedDrivers, demoSafetyInspections } from './safety';
import { demoServiceCalls } from './service-calls';
import { routesOfDay, startedTogether, withRouteEtas, type DemoRoute } from './routes';
import { DEFAULT_DEMO_PASSWORD, demoUsers } from './users';

export const DEFAULT_DEMO_SEED = 'lucky-gas-demo';
export const HISTORY_DAYS = 365;

export interface DemoOptions {
  /** Any string; defaults to `lucky-gas-demo`. */
  readonly seed?: string;
  /** `YYYY-MM-DD` (Taipei). History ends the day before. */
  readonly today: string;
  /**
   * The instant (ISO 8601) the demo is seeded at, not before `today` begins: nothing of today or
   * tomorrow is written later than it; deliveries due after it are still open stops. Defaults to the
   * end of today, the whole day as planned. The history before today does not depend on it.
   */
  readonly now?: string;
}

export interface OrderHistory {
  readonly today: string;
  /** First day with history (today − 365). */
  readonly historyStart: string;
  /** Last day with history (yesterday). */
  readonly historyEnd: string;
  readonly customers: Customer[];
  readonly priceList: PriceEntry[];
  /** 春節 each year of the history and the next (`calendar-effects.ts`); no order falls on one. */
  readonly closures: Closure[];
  /** Orders with `requestedDate` in [historyStart, historyEnd]: delivered, failed or cancelled. */
  readonly orders: Order[];
  /** Ground truth for churn models: customerId → the last day the customer could still order. */
  readonly churned: Readonly<Record<string, string>>;
  /** Ground truth for refill models: delivered order id → the day the gas would have run out without it. */
  readonly runOutByOrder: Readonly<Record<string, string>>;
  /** Complaints the office recorded: more often in the weeks before a customer stops ordering. */
  readonly complaints: Complaint[];
  /** What monthly-account and transfer customers paid for each month's deliveries (`payments.ts`). */
  readonly payments: Payment[];
}

export interface DemoWorld extends OrderHistory {
  /** The instant the world is seen at (`DemoOptions.now`): nothing in it happened later. */
  readonly now: string;
  readonly depots: readonly Depot[];
  readonly vehicles: readonly Vehicle[];
  /** Each holds a safety technician certificate (`safety.ts`). */
  readonly drivers: readonly Driver[];
  /** 用戶安全檢查 up to yesterday: most customers passed within two years, some overdue, a few with items to fix (`safety.ts`). */
  readonly safetyInspections: SafetyInspection[];
  /** 報修: one closed last week, one sent to driver1 for this afternoon, one nobody is sent to yet (`service-calls.ts`). */
  readonly serviceCalls: ServiceCall[];
  /** Today's orders in every status, and tomorrow's pending, confirmed and (seeded after the evening plan) scheduled ones. */
  readonly upcomingOrders: Order[];
  /** Today's routes, and tomorrow's once the evening plan has published them. */
  readonly routes: DemoRoute[];
  /** The e-invoices of the current and the previous bi-monthly period up to `now`, a few void (`invoices.ts`). */
  readonly invoices: Invoice[];
  /** The 字軌 books: the previous period's, today's and the next, each `next` after the seeded invoices' numbers. */
  readonly invoiceBooks: InvoiceBook[];
  /** The invoices' Turnkey upload messages: older ones accepted (one refused), yesterday's delivered, today's pending (`einvoice-uploads.ts`). */
  readonly einvoiceUploads: InvoiceMessageUpload[];
}

export interface DemoData extends DemoWorld {
  readonly users: User[];
}

/**
 * Where today's orders get to: each status at least once, then in plausible shares for mid-morning.
 * Seeded earlier than a step falls, an order has not reached it yet (`OrderPlan.asOf`).
 */
const TODAY_FIRST: readonly Outcome[] = ['delivered', 'out_for_delivery', 'scheduled', 'confirmed', 'pending', 'failed', 'cancelled'];
const TODAY_SHARES: readonly (readonly [Outcome, number])[] = [
  ['delivered', 30],
  ['out_for_delivery', 20],
  ['scheduled', 20],
  ['confirmed', 15],
  ['pending', 10],
  ['failed', 3],
  ['cancelled', 2],
];

const portalUid = (customerId: string): string | undefined => {
  const n = Number(customerId.slice(5));
  return n >= 1 && n <= PORTAL_CUSTOMERS ? `u-customer${n}` : undefined;
};

function orderIds(): (customerId: string, date: string) => string {
  const used = new Map<string, number>();
  return (customerId, date) => {
    const key = `${date.replaceAll('-', '')}-${customerId.slice(5)}`;
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    return `ord-${key}-${n}`;
  };
}

function upcomingPlans(rng: Rng, today: string, asOf: Date, due: readonly { dc: DemoCustomer; date: string }[], idFor: (c: string, d: string) => string): OrderPlan[] {
  const todays = due.filter((x) => x.date === today);
  const tomorrows = due.filter((x) => x.date > today);
  const statusRng = rng.fork('today-status');
  const plans: OrderPlan[] = todays.map(({ dc, date }, i) => ({
    id: idFor(dc.customer.id, date),
    customer: dc.customer,
    basket: dc.profile.basket,
    date,
    outcome: TODAY_FIRST[i] ?? statusRng.weighted(TODAY_SHARES.map(([o]) => o), TODAY_SHARES.map(([, w]) => w)),
    asOf,
  }));
  for (const { dc, date } of tomorrows) {
    plans.push({
      id: idFor(dc.customer.id, date),
      customer: dc.customer,
      basket: dc.profile.basket,
      date,
      createdOn: today,
      outcome: statusRng.chance(0.5) ? 'scheduled' : 'pending',
      asOf,
    });
  }
  return plans;
}

/** Customers who would not otherwise order today, so every status appears today however the dice fall. */
function topUpToday(rng: Rng, today: string, demo: readonly DemoCustomer[], due: { dc: DemoCustomer; date: string }[]): void {
  const ordering = new Set(due.filter((x) => x.date === today).map((x) => x.dc.customer.id));
  const candidates = demo.filter(
    (dc) => !ordering.has(dc.customer.id) && !dc.profile.churnAfter && !dc.customer.closedDays.includes(weekday(today)),
  );
  while (due.filter((x) => x.date === today).length < TODAY_FIRST.length && candidates.length > 0) {
    const [dc] = candidates.splice(rng.int(0, candidates.length - 1), 1);
    if (dc) due.push({ dc, date: today });
  }
}

/** Four in ten customers who stop ordering complained in the two months before; a few others once. */
function demoComplaints(rng: Rng, dc: DemoCustomer, historyStart: string, historyEnd: string): Complaint[] {
  const churnAfter = dc.profile.churnAfter;
  const date = churnAfter
    ? rng.chance(0.4)
      ? addDays(churnAfter, -rng.int(5, 60))
      : undefined
    : rng.chance(0.03)
      ? addDays(historyStart, rng.int(0, daysBetween(historyStart, historyEnd)))
      : undefined;
  if (date === undefined || date < historyStart) return [];
  const category = rng.pick(COMPLAINT_CATEGORIES);
  return [
    recordComplaint(
      { category, note: COMPLAINT_NOTES[category] },
      { id: `cmp-${dc.customer.id}-${date}`, customerId: dc.customer.id, by: OFFICE_ACTOR, now: new Date(taipeiInstant(date, '10:30')) },
    ),
  ];
}

export function generateDemoWorld(opts: DemoOptions): DemoWorld {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const { today } = opts;
  const rng = createRng(seed);
  const historyStart = addDays(today, -HISTORY_DAYS);
  const historyEnd = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  const now = opts.now ?? taipeiInstant(tomorrow, '00:00');
  if (Date.parse(now) < Date.parse(taipeiInstant(today, '00:00'))) throw new RangeError(`now ${now} is before ${today} begins`);
  const priceList = demoPriceList(today);
  const demo = withDemoChain(withDemoContracts(generateCustomers(rng.fork('customers'), historyStart, historyEnd), priceList, today));
  const closures = demoClosures(historyStart, today);
  const idFor = orderIds();
  const orders: Order[] = [];
  const due: { dc: DemoCustomer; date: string }[] = [];
  const runOutByOrder: Record<string, string> = {};
  for (const dc of demo) {
    const r = rng.fork(`history-${dc.customer.id}`);
    const needed = demands(r, dc, historyStart, tomorrow);
    const plans = historyPlans(r, dc, needed.filter((d) => d.date < today), (d) => idFor(dc.customer.id, d)).filter((p) => p.date < today);
    for (const plan of plans) {
      orders.push(buildOrder(r, plan, priceList, closures, portalUid(dc.customer.id)));
      if (plan.runOut !== undefined) runOutByOrder[plan.id] = plan.runOut;
    }
    for (const { date } of needed.filter((d) => d.date >= today)) due.push({ dc, date });
  }
  topUpToday(rng.fork('today-top-up'), today, demo, due);
  const upcomingRng = rng.fork('upcoming');
  const upcoming = startedTogether(
    upcomingPlans(upcomingRng, today, new Date(now), due, idFor).map((plan) => buildOrder(upcomingRng.fork(plan.id), plan, priceList, closures, portalUid(plan.customer.id))),
  );
  const customers = demo.map((d) => d.customer);
  const byId = new Map(customers.map((c) => [c.id, c]));
  const routes = [...new Set(upcoming.flatMap((o) => (o.routeId ? [o.requestedDate] : [])))].sort().flatMap((date) => routesOfDay(date, upcoming, byId));
  const upcomingOrders = withRouteEtas(upcoming, routes);
  const drivers = certifiedDrivers(DRIVERS, today);
  const { invoices, books: invoiceBooks } = demoInvoices(rng.fork('invoices'), customers, [...orders, ...upcomingOrders], today, now);
  return {
    today,
    now,
    historyStart,
    historyEnd,
    customers,
    priceList,
    closures,
    orders,
    churned: Object.fromEntries(demo.flatMap((d) => (d.profile.churnAfter ? [[d.customer.id, d.profile.churnAfter]] : []))),
    runOutByOrder,
    complaints: demo.flatMap((dc) => demoComplaints(rng.fork(`complaints-${dc.customer.id}`), dc, historyStart, historyEnd)),
    payments: demoPayments(rng.fork('payments'), customers, orders, historyEnd),
    depots: DEPOTS,
    vehicles: VEHICLES,
    drivers,
    safetyInspections: demoSafetyInspections(rng.fork('safety'), customers, drivers, historyEnd),
    serviceCalls: demoServiceCalls(customers, drivers, today),
    upcomingOrders,
    routes,
    invoices,
    invoiceBooks,
    einvoiceUploads: demoEinvoiceUploads(rng.fork('einvoice-uploads'), invoices, today, now),
  };
}

/** Customers, prices and a year of orders ending yesterday: what forecasting backtests learn from. */
export function generateOrderHistory(opts: DemoOptions): OrderHistory {
  const { today, historyStart, historyEnd, customers, priceList, closures, orders, churned, runOutByOrder, complaints, payments } = generateDemoWorld(opts);
  return { today, historyStart, historyEnd, customers, priceList, closures, orders, churned, runOutByOrder, complaints, payments };
}

/** Everything, plus the demo accounts with scrypt hashes of `password` (default `luckygas-demo`). */
export async function generateDemoData(opts: DemoOptions & { readonly password?: string }): Promise<DemoData> {
  const world = generateDemoWorld(opts);
  const users = await demoUsers(world.customers, opts.seed ?? DEFAULT_DEMO_SEED, opts.password ?? DEFAULT_DEMO_PASSWORD);
  return { ...world, users };
}

/**
 * A year of orders per customer, simulated from its consumption profile: each basket lasts its base
 * interval scaled by the season (shorter in winter) and the New Year rush, with noise; nothing is
 * delivered during the Lunar New Year holiday (orders move just before it or right after it); churned
 * customers stop; a few deliveries fail (and are redone the next open day) or are cancelled.
 * Orders are built with the domain's own `createOrder` and `transition`, so they are valid by construction.
 */
import { addDays, taipeiInstant, weekday } from '../../domain/calendar';
import type { Actor } from '../../domain/events';
import type { Customer } from '../../domain/customers';
import { createOrder, PATH_FROM_PENDING, transition, type Order, type OrderSource, type OrderStatus } from '../../domain/orders';
import type { ClosureList } from '../../domain/closures';
import type { PriceList } from '../../domain/pricing';
import type { ConsumptionProfile, DemoCustomer } from './customers';
import { isLunarHoliday, isLunarRush, lunarHolidayBounds, LNY_RUSH_RATE, seasonalRate } from './calendar-effects';
import { skillsNeeded, usualDriverFor } from './fleet';
import { CANCEL_REASONS, FAILURE_REASONS } from './names';
import { createRng, type Rng } from './prng';

export const OFFICE_ACTOR: Actor = { uid: 'u-office', role: 'office' };
export const driverActor = (driverId: string): Actor => ({ uid: `u-driver${Number(driverId.slice(4))}`, role: 'driver' });
export const demoRouteId = (date: string, driverId: string): string => `route-${date}-${driverId}`;

const isOpen = (c: Customer, date: string): boolean => !c.closedDays.includes(weekday(date));

/** Moves a date off the New Year holiday and the customer's closed days. */
function deliverableDate(rng: Rng, c: Customer, date: string): string {
  let d = date;
  const holiday = isLunarHoliday(d) ? lunarHolidayBounds(d) : undefined;
  if (holiday) d = rng.chance(0.6) ? addDays(holiday.before, -rng.int(0, 2)) : holiday.after;
  while (!isOpen(c, d) || isLunarHoliday(d)) d = addDays(d, 1);
  return d;
}

type Basket = ConsumptionProfile['basket'];

const kgOf = (basket: Basket): number => basket.reduce((kg, line) => kg + line.size * line.quantity, 0);

/** Days until a call for `basket`: burning its share of the usual basket takes that share of the base interval. */
function nextGap(rng: Rng, p: ConsumptionProfile, date: string, basket: Basket): number {
  const rate = seasonalRate(date, p.seasonalAmplitude) * (isLunarRush(date) ? LNY_RUSH_RATE : 1);
  const share = kgOf(basket) / kgOf(p.basket);
  return Math.max(1, Math.round(((share * p.baseIntervalDays) / rate) * Math.exp(p.noise * rng.normal())));
}

/**
 * What one call asks for: customers who swap two or more cylinders of a size now and then call
 * with one more empty (they waited) or one fewer (they called early), never more than they have.
 */
function orderBasket(rng: Rng, dc: DemoCustomer): Basket {
  return dc.profile.basket.map((line) => {
    const onSite = dc.customer.cylindersOnSite.find((c) => c.size === line.size)?.count ?? line.quantity;
    if (line.quantity < 2) return line;
    const change = rng.weighted([-1, 0, 1], [0.15, 0.7, 0.15]);
    return { ...line, quantity: Math.min(Math.max(line.quantity + change, 1), onSite) };
  });
}

/** A delivery a customer needs: when it can be delivered, what it brings, and when the gas runs out without it. */
export interface Demand {
  readonly date: string;
  readonly basket: Basket;
  readonly runOut: string;
}

/**
 * Days the spares last once the customer starts on them and orders: they burn at the basket's
 * seasonal rate. Without spares the gas is out on the day the customer orders.
 */
function spareDays(dc: DemoCustomer, date: string, basket: Basket): number {
  const basketKg = kgOf(basket);
  const onSiteKg = dc.customer.cylindersOnSite.reduce((kg, line) => kg + line.size * line.count, 0);
  const rate = seasonalRate(date, dc.profile.seasonalAmplitude) * (isLunarRush(date) ? LNY_RUSH_RATE : 1);
  return Math.floor(((onSiteKg - basketKg) / basketKg) * (dc.profile.baseIntervalDays / rate));
}

/** The deliveries a customer needs in [from, to], in order, none after it churns. */
export function demands(rng: Rng, dc: DemoCustomer, from: string, to: string): Demand[] {
  const { customer, profile } = dc;
  const last = profile.churnAfter && profile.churnAfter < to ? profile.churnAfter : to;
  const found: Demand[] = [];
  const baskets = rng.fork('baskets');
  let basket = orderBasket(baskets, dc);
  let t = addDays(from, Math.floor(rng.next() * profile.baseIntervalDays));
  while (t <= last) {
    const d = deliverableDate(rng, customer, t);
    if (d > last) break;
    if (found.length === 0 || d > (found.at(-1)?.date as string)) {
      found.push({ date: d, basket, runOut: addDays(t, spareDays(dc, t, basket)) });
      t = d;
    }
    // Cylinders are exchanged: the next call comes once the cylinders it will swap are burnt.
    basket = orderBasket(baskets, dc);
    t = addDays(t, nextGap(rng, profile, t, basket));
  }
  return found;
}

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const at = (date: string, minutes: number): Date => new Date(taipeiInstant(date, clock(minutes)));
const DAY_MS = 86_400_000;

/** The final status of a demo order, and what its lifecycle needs. */
export type Outcome = OrderStatus;

export interface OrderPlan {
  readonly id: string;
  readonly customer: Customer;
  readonly date: string;
  readonly outcome: Outcome;
  readonly basket: ConsumptionProfile['basket'];
  /** When the order was taken; by default the day before (mostly) or early the same morning. */
  readonly createdOn?: string;
  /** When the customer's gas runs out without this delivery (simulation truth, never stored). */
  readonly runOut?: string;
  /**
   * The instant the demo is seeded at, for orders of today and tomorrow: what would happen after it
   * has not happened yet, so the order stops at its last step before it (a delivery due this
   * afternoon is still on the road), and one that would be taken after it was taken a day earlier.
   */
  readonly asOf?: Date;
}

/**
 * The office plans a day's routes the evening before (20:00, after the day's last calls at 19:00) and adds the
 * orders taken since in the morning (07:00), so a driver opening the app at night already has the day's route.
 */
const EVENING_PLAN = 20 * 60;
const MORNING_PLAN = 7 * 60;

function plannedAt(date: string, confirmedAt: Date, minutesAfter: number): Date {
  const evening = at(addDays(date, -1), EVENING_PLAN + minutesAfter);
  return confirmedAt < evening ? evening : at(date, MORNING_PLAN + minutesAfter);
}

/** The office answers the phone until the day's last calls at 19:00 and clears up by 19:30. */
const OFFICE_CLOSES = 19 * 60 + 30;
const CANCEL_AFTER_MIN = 20;

/**
 * When an order is cancelled, `minutesAfter` its taking (drawn 20 to 600). The office cancels on the customer's call
 * within its own hours, so a time past closing folds back into what is left of the day it was taken; a customer
 * cancels in the portal whenever they like.
 */
function cancelledAt(createdAt: Date, createdOn: string, minutesAfter: number, byOffice: boolean): Date {
  const drawn = new Date(createdAt.getTime() + minutesAfter * 60_000);
  const closing = at(createdOn, OFFICE_CLOSES);
  if (!byOffice || drawn <= closing) return drawn;
  const earliest = createdAt.getTime() + CANCEL_AFTER_MIN * 60_000;
  return new Date(earliest + ((drawn.getTime() - earliest) % (closing.getTime() - earliest)));
}

/** Share of windowed stops that run past the window: traffic, a slow stop before, a wrong turn. */
const LATE_SHARE = 0.08;

/**
 * For a stop that runs late, the minute of the day it arrives: 5 to 60 minutes past its window's end;
 * 0 for the rest. Drawn from a stream of its own keyed by the order id, so the rest of the demo world
 * (and the forecasts measured on it) draws exactly what it did before.
 */
function lateArrival(orderId: string, window: { readonly end: string } | undefined): number {
  const traffic = createRng(`${orderId}:traffic`);
  if (!window || !traffic.chance(LATE_SHARE)) return 0;
  return toMinutes(window.end) + traffic.int(5, 60);
}

/** Builds one order through the domain, with plausible times for every step of its timeline. */
export function buildOrder(rng: Rng, plan: OrderPlan, priceList: PriceList, closures: ClosureList, portalUid: string | undefined): Order {
  const { customer, date } = plan;
  const orderedOnline = !!portalUid && rng.chance(0.5);
  const creator: Actor = orderedOnline && portalUid ? { uid: portalUid, role: 'customer' } : OFFICE_ACTOR;
  const source: OrderSource = orderedOnline ? 'portal' : 'office';
  const dayBefore = plan.createdOn !== undefined ? plan.createdOn < date : rng.chance(0.7);
  const drawnOn = plan.createdOn ?? (dayBefore ? addDays(date, -1) : date);
  const drawnAt = at(drawnOn, dayBefore ? rng.int(9 * 60, 19 * 60) : rng.int(6 * 60, 6 * 60 + 40));
  // `asOf` is never before today began (generateDemoWorld) and orders are taken by 19:00 today at the latest, so a day earlier is before it.
  const takenEarlier = !!plan.asOf && drawnAt > plan.asOf;
  const createdOn = takenEarlier ? addDays(drawnOn, -1) : drawnOn;
  const createdAt = takenEarlier ? new Date(drawnAt.getTime() - DAY_MS) : drawnAt;
  const window = customer.deliveryWindows[0];
  let order = createOrder(
    {
      customerId: customer.id,
      items: [...plan.basket],
      emptiesToCollect: [...plan.basket],
      requestedDate: date,
      ...(window ? { timeWindow: window } : {}),
      priority: rng.chance(0.04) ? 'urgent' : 'normal',
      notes: '',
    },
    { id: plan.id, customer, priceList, closures, by: creator, at: createdAt, today: createdOn, source },
  );
  const driverId = usualDriverFor(customer.address.district, skillsNeeded(plan.basket, customer));
  const driver = driverActor(driverId);
  const leftAt = rng.int(8 * 60, 8 * 60 + 40);
  const wanted = window
    ? rng.int(toMinutes(window.start), Math.max(toMinutes(window.start), toMinutes(window.end) - 15))
    : rng.int(9 * 60, 16 * 60 + 30);
  const deliveredMinutes = Math.max(wanted, leftAt + rng.int(10, 30), lateArrival(plan.id, window));
  const confirmedAt = new Date(createdAt.getTime() + rng.int(5, 20) * 60_000);
  const times: Readonly<Record<Outcome, Date>> = {
    pending: createdAt,
    confirmed: confirmedAt,
    scheduled: plannedAt(date, confirmedAt, rng.int(0, 40)),
    out_for_delivery: at(date, leftAt),
    delivered: at(date, deliveredMinutes),
    failed: at(date, deliveredMinutes),
    cancelled: cancelledAt(createdAt, createdOn, rng.int(CANCEL_AFTER_MIN, 600), creator.role !== 'customer'),
  };
  for (const step of PATH_FROM_PENDING[plan.outcome]) {
    if (plan.asOf && times[step] > plan.asOf) break;
    const byDriver = step === 'out_for_delivery' || step === 'delivered' || step === 'failed';
    const reason =
      step === 'failed' ? rng.pick(FAILURE_REASONS) : step === 'cancelled' ? rng.pick(CANCEL_REASONS) : undefined;
    order = transition(order, step, {
      by: byDriver ? driver : step === 'cancelled' && creator.role === 'customer' ? creator : OFFICE_ACTOR,
      at: times[step],
      ...(reason ? { reason } : {}),
      ...(step === 'scheduled' ? { routeId: demoRouteId(date, driverId), driverId } : {}),
    });
  }
  if (order.status === 'delivered') {
    const lines = order.items.map(({ size, quantity }) => ({ size, quantity }));
    order = {
      ...order,
      delivery: {
        at: times.delivered.toISOString(),
        delivered: lines,
        emptiesCollected: lines,
        cashCollected: order.paymentMethod === 'cash' ? order.total : 0,
      },
    };
  }
  return order;
}

/** History outcomes: mostly delivered; failures are redone on the next open day. */
export function historyPlans(rng: Rng, dc: DemoCustomer, needed: readonly Demand[], idFor: (date: string) => string): OrderPlan[] {
  const plans: OrderPlan[] = [];
  for (const { date, basket, runOut } of needed) {
    const base = { customer: dc.customer, basket };
    if (rng.chance(dc.profile.cancelRate)) {
      plans.push({ ...base, id: idFor(date), date, outcome: 'cancelled' });
    } else if (rng.chance(dc.profile.failRate)) {
      plans.push({ ...base, id: idFor(date), date, outcome: 'failed' });
      const redo = deliverableDate(rng, dc.customer, addDays(date, 1));
      plans.push({ ...base, id: idFor(redo), date: redo, outcome: 'delivered', runOut });
    } else {
      plans.push({ ...base, id: idFor(date), date, outcome: 'delivered', runOut });
    }
  }
  return plans;
}

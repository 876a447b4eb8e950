/**
 * A day's load at order intake: the orders a depot already has booked for the day against the stops its trucks deliver
 * in a day (`depotDailyStops`, the capacity the nightly suggestions are placed by), so whoever takes an order hears the
 * day is full before promising it (audit 23 F6: 97 orders for one day in a cold wave, and only planning showed it). No I/O.
 */
import { addDays } from '../calendar';
import { closuresFor, isOpenDay, type ClosureList } from '../closures';
import { calendarDateSchema, docIdSchema, z } from '../schema';
import { MAX_SPREAD_DAYS } from './suggestion-days';

/** An open order as the load counts it: one stop on its day, with the cylinders it brings. */
export interface BookedStop {
  readonly requestedDate: string;
  readonly items: readonly { readonly quantity: number }[];
}

export const dayLoadSchema = z.object({
  date: calendarDateSchema,
  orders: z.number().int().describe('Orders already booked for the depot on the day'),
  cylinders: z.number().int().describe('The full cylinders those orders bring'),
  capacity: z.number().int().nullable().describe("Stops the depot's trucks deliver in a day; null: no truck with a driver, nothing to weigh the day against"),
  full: z.boolean().describe('One more order does not fit: the day already has as many orders as the trucks make stops'),
  nextDayWithRoom: calendarDateSchema
    .nullable()
    .describe(`When full: the first later day, within ${MAX_SPREAD_DAYS} days, the customer takes deliveries on and the depot has a stop left`),
});
export type DayLoad = z.infer<typeof dayLoadSchema>;

export interface DayLoadInput {
  readonly date: string;
  /** The depot's open orders from `date` through `date + MAX_SPREAD_DAYS`. */
  readonly booked: readonly BookedStop[];
  /** The depot's stops a day (`depotDailyStops`); 0 when it has no truck with a driver. */
  readonly stopsPerDay: number;
  readonly closures: ClosureList;
  /** Where the customer is delivered: a closure of other districts leaves its days open. */
  readonly district: string;
  /** Weekdays the customer takes no deliveries (0 = Sunday). */
  readonly closedDays: readonly number[];
}

/** The load of `date`, and when it is full the day to offer instead, as `placeByCapacity` would move a suggestion. */
export function dayLoad(input: DayLoadInput): DayLoad {
  const { date, booked, stopsPerDay } = input;
  const orders = booked.filter((order) => order.requestedDate === date);
  const cylinders = orders.reduce((total, order) => total + order.items.reduce((sum, item) => sum + item.quantity, 0), 0);
  const capacity = stopsPerDay > 0 ? stopsPerDay : null;
  const stops = stopsByDay(booked);
  const full = fullOn(stops, stopsPerDay, date);
  return { date, orders: orders.length, cylinders, capacity, full, nextDayWithRoom: full ? laterDayWithRoom(input, (day) => !fullOn(stops, stopsPerDay, day)) : null };
}

/** The longest span the portal asks full days of at once: the six weeks a month's calendar shows. */
export const MAX_FULL_DAYS_SPAN = 42;

export const fullDaysQuerySchema = z
  .object({
    from: calendarDateSchema.describe('First day asked'),
    through: calendarDateSchema.describe(`Last day asked, at most ${MAX_FULL_DAYS_SPAN} days from the first`),
    customerId: docIdSchema.optional().describe("A head office asking for one of its branches; the caller's own by default"),
  })
  .refine((q) => q.from <= q.through && q.through < addDays(q.from, MAX_FULL_DAYS_SPAN), { message: 'ORDER.FULL_DAYS_RANGE', path: ['through'] });

/** What a customer learns of the depot's load: which days are full, and no figure of anyone's orders. */
export const fullDaysSchema = z.object({
  from: calendarDateSchema,
  through: calendarDateSchema,
  full: z.array(calendarDateSchema).describe('The days of the span already full at the depot serving the customer (as `full` of the day-load), in order'),
});
export type FullDays = z.infer<typeof fullDaysSchema>;

/**
 * The days from `from` through `through` already full at the depot, each weighed as `dayLoad` weighs one, from one read of
 * the span's bookings (`booked`), so the portal marks a month's calendar with one request and one query.
 */
export function fullDays(booked: readonly BookedStop[], stopsPerDay: number, from: string, through: string): string[] {
  const stops = stopsByDay(booked);
  const days: string[] = [];
  for (let day = from; day <= through; day = addDays(day, 1)) if (fullOn(stops, stopsPerDay, day)) days.push(day);
  return days;
}

function stopsByDay(booked: readonly BookedStop[]): Map<string, number> {
  const stops = new Map<string, number>();
  for (const { requestedDate } of booked) stops.set(requestedDate, (stops.get(requestedDate) ?? 0) + 1);
  return stops;
}

/** A depot without a truck that has a driver has no capacity to weigh a day against: none of its days is full. */
function fullOn(stops: ReadonlyMap<string, number>, stopsPerDay: number, day: string): boolean {
  return stopsPerDay > 0 && (stops.get(day) ?? 0) >= stopsPerDay;
}

function laterDayWithRoom(input: DayLoadInput, hasRoom: (day: string) => boolean): string | null {
  const closures = closuresFor(input.closures, input.district);
  for (let day = addDays(input.date, 1); day <= addDays(input.date, MAX_SPREAD_DAYS); day = addDays(day, 1)) {
    if (isOpenDay(closures, day, input.closedDays) && hasRoom(day)) return day;
  }
  return null;
}

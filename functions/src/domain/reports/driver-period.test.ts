import { transition, type Order } from '../orders';
import { aTimedStop } from '../routes/test-support/fleet-mother';
import { aCustomer, anOrder, OFFICE } from '../test-support';
import { driverPeriod, failedDeliveriesCsv, withUnroutedFailures, type DriverPeriod } from './driver-period';
import { failedStops, type SettlementRoute } from './driver-settlement';

// A week of December 2026: Monday the 7th to Sunday the 13th.
const [MON, TUE, WED, THU] = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'];
const WEEK = { from: MON, to: '2026-12-13' };
const names = new Map([
  ['drv-1', '陳大明'],
  ['drv-2', '林小華'],
]);
const taipei = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const DRIVER = { uid: 'u-drv', role: 'driver' } as const;

/**
 * An order's story, told in turn: each attempt sends it out on a driver's route and ends it (failed, delivered); the office
 * moves a failed one (to another day, or the same day to go out again) or cancels it. `routes` are the routes its failures
 * were recorded on, as a kept route records a failed stop.
 */
class Story {
  order: Order;
  readonly routes: SettlementRoute[] = [];

  constructor(id: string, day: string) {
    this.order = anOrder()
      .withId(id)
      .forCustomer(aCustomer().withId(`c-${id}`).with({ name: `客戶 ${id}` }).build())
      .with({ requestedDate: day })
      .build();
  }

  private out(driverId: string, at: Date): void {
    const o = this.order.status === 'failed' ? transition(this.order, 'pending', { by: OFFICE, at }) : this.order;
    const confirmed = transition(o, 'confirmed', { by: OFFICE, at });
    const scheduled = transition(confirmed, 'scheduled', { by: OFFICE, at, routeId: `r-${driverId}`, driverId });
    this.order = transition(scheduled, 'out_for_delivery', { by: OFFICE, at });
  }

  failOn(day: string, time: string, driverId = 'drv-1', reason = 'no_one_home'): this {
    if (this.order.status === 'failed') this.order = { ...this.order, requestedDate: day };
    this.out(driverId, taipei(day, '08:00'));
    const at = taipei(day, time);
    this.order = transition(this.order, 'failed', { by: DRIVER, at, reason });
    const stop = { ...aTimedStop(this.order.id, at.toISOString()), outcome: { status: 'failed' as const, at: at.toISOString(), actionId: `a-${day}-${time}` } };
    this.routes.push({ date: day, driverId, stops: [stop] });
    return this;
  }

  deliverOn(day: string, driverId = 'drv-1'): this {
    this.order = { ...this.order, requestedDate: day };
    this.out(driverId, taipei(day, '08:00'));
    const at = taipei(day, '11:00');
    this.order = { ...transition(this.order, 'delivered', { by: DRIVER, at }), delivery: { at: at.toISOString(), delivered: this.order.items, emptiesCollected: [], cashCollected: 0 } };
    return this;
  }

  /** 延後 of a failed order: pending again, for `day`. */
  moveTo(day: string): this {
    this.order = { ...transition(this.order, 'pending', { by: OFFICE, at: taipei(THU, '07:00') }), requestedDate: day };
    return this;
  }

  cancel(): this {
    const pending = transition(this.order, 'pending', { by: OFFICE, at: taipei(THU, '07:00') });
    this.order = transition(pending, 'cancelled', { by: OFFICE, at: taipei(THU, '07:05'), reason: 'still_have_gas' });
    return this;
  }

  /** The route of its last failure is not kept (the demo keeps none): the order alone says it failed. */
  lastRouteNotKept(): this {
    this.routes.pop();
    return this;
  }
}

/** The week's report as the use case reads it: the routes' failed stops, the deliveries, the orders still failed. */
function report(stories: readonly Story[], period = WEEK): DriverPeriod {
  const orders = stories.map((s) => s.order);
  const stillFailed = orders.filter((o) => o.status === 'failed' && o.requestedDate >= period.from && o.requestedDate <= period.to);
  const days = {
    orders: [...orders.filter((o) => o.status === 'delivered'), ...failedStops(stories.flatMap((s) => s.routes), new Map(orders.map((o) => [o.id, o])))],
    routes: [],
  };
  return driverPeriod(period.from, period.to, {
    record: withUnroutedFailures(days, stillFailed),
    cash: [],
    driverNames: names,
    settlements: [],
    deposits: [],
    ordersNow: new Map(orders.map((o) => [o.id, { status: o.status, requestedDate: o.requestedDate, timeline: o.timeline }])),
    customers: new Map(),
  });
}

const outcomes = (r: DriverPeriod) => r.failed.map((f) => [f.date, f.orderId, f.driverId, f.outcome, f.outcomeDate]);

describe('配送失敗: what came next after each failure', () => {
  it('says what became of an order failed once: delivered later, moved to a day, cancelled or not handled', () => {
    const stories = [
      new Story('a-delivered', MON).failOn(MON, '10:00').deliverOn(TUE),
      new Story('b-moved', MON).failOn(MON, '10:00').moveTo(THU),
      new Story('c-cancelled', MON).failOn(MON, '10:00').cancel(),
      new Story('d-open', MON).failOn(MON, '10:00'),
    ];
    expect(outcomes(report(stories))).toEqual([
      [MON, 'a-delivered', 'drv-1', 'delivered', null],
      [MON, 'b-moved', 'drv-1', 'rescheduled', THU],
      [MON, 'c-cancelled', 'drv-1', 'cancelled', null],
      [MON, 'd-open', 'drv-1', 'open', null],
    ]);
  });

  it('says a failure moved to the next day failed again there, and the later failure that it is not handled', () => {
    expect(outcomes(report([new Story('o', MON).failOn(MON, '10:00').failOn(TUE, '10:00')]))).toEqual([
      [MON, 'o', 'drv-1', 'failed_again', TUE],
      [TUE, 'o', 'drv-1', 'open', null],
    ]);
  });

  it('keeps saying the first failure failed again once the second is moved on, delivered or cancelled', () => {
    const stories = [
      new Story('moved', MON).failOn(MON, '10:00').failOn(TUE, '10:00').moveTo(THU),
      new Story('delivered', MON).failOn(MON, '10:00').failOn(TUE, '10:00').deliverOn(WED),
      new Story('cancelled', MON).failOn(MON, '10:00').failOn(TUE, '10:00').cancel(),
    ];
    expect(outcomes(report(stories))).toEqual([
      [MON, 'cancelled', 'drv-1', 'failed_again', TUE],
      [MON, 'delivered', 'drv-1', 'failed_again', TUE],
      [MON, 'moved', 'drv-1', 'failed_again', TUE],
      [TUE, 'cancelled', 'drv-1', 'cancelled', null],
      [TUE, 'delivered', 'drv-1', 'delivered', null],
      [TUE, 'moved', 'drv-1', 'rescheduled', THU],
    ]);
  });

  it('tells two failures of one day apart by when each was recorded, whichever driver’s line comes first', () => {
    // drv-2 failed it in the morning; the office sent it out again that afternoon with drv-1, who failed too.
    const twice = new Story('o', MON).failOn(MON, '10:00', 'drv-2', 'no_one_home').failOn(MON, '16:00', 'drv-1', 'customer_refused');
    const r = report([twice]);
    expect(r.failed.map((f) => [f.driverId, f.reason, f.outcome, f.outcomeDate])).toEqual([
      ['drv-1', 'customer_refused', 'open', null],
      ['drv-2', 'no_one_home', 'failed_again', MON],
    ]);
    // The same driver on both routes, the afternoon's read first: the morning's line comes first.
    const sameDriver = new Story('p', MON).failOn(MON, '10:00', 'drv-1', 'no_one_home').failOn(MON, '16:00', 'drv-1', 'customer_refused').deliverOn(TUE);
    sameDriver.routes.reverse();
    expect(report([sameDriver]).failed.map((f) => [f.reason, f.outcome, f.outcomeDate])).toEqual([
      ['no_one_home', 'failed_again', MON],
      ['customer_refused', 'delivered', null],
    ]);
  });

  it('dates a later failure after the period on the Taipei day it was recorded', () => {
    // 07:30 on Tuesday in Taipei is still Monday in UTC.
    const after = new Story('o', MON).failOn(MON, '10:00').failOn(TUE, '07:30').deliverOn(WED);
    expect(outcomes(report([after], { from: MON, to: MON }))).toEqual([[MON, 'o', 'drv-1', 'failed_again', TUE]]);
  });

  it('reads a failure no kept route records as the order’s latest, the one before it failing again on its day', () => {
    const r = report([new Story('o', MON).failOn(MON, '10:00').failOn(WED, '10:00').lastRouteNotKept()]);
    expect(outcomes(r)).toEqual([
      [MON, 'o', 'drv-1', 'failed_again', WED],
      [WED, 'o', 'drv-1', 'open', null],
    ]);
  });

  it('writes the same outcomes in the CSV, in either language, a failure tried again the same day apart from one moved', () => {
    const moved = new Story('moved', MON).failOn(MON, '10:00').failOn(TUE, '10:00').moveTo(THU);
    const sameDay = new Story('same', MON).failOn(MON, '10:00').failOn(MON, '16:00');
    const r = report([moved, sameDay]);
    const line = (csv: string, id: string, day: string) => csv.split('\r\n').filter((l) => l.startsWith(day) && l.endsWith(`,${id}`));
    const zh = failedDeliveriesCsv(r, 'zh-TW');
    expect(line(zh, 'moved', MON)).toEqual([`${MON},陳大明,,客戶 moved,,無人在家,,改期後再次未送達,${TUE},moved`]);
    expect(line(zh, 'moved', TUE)).toEqual([`${TUE},陳大明,,客戶 moved,,無人在家,,已延後,${THU},moved`]);
    expect(line(zh, 'same', MON)).toEqual([`${MON},陳大明,,客戶 same,,無人在家,,當天重送後再次未送達,${MON},same`, `${MON},陳大明,,客戶 same,,無人在家,,未處理,,same`]);
    const en = failedDeliveriesCsv(r, 'en');
    expect(line(en, 'moved', MON)).toEqual([`${MON},陳大明,,客戶 moved,,nobody home,,"Moved, failed again",${TUE},moved`]);
    expect(line(en, 'same', MON)[0]).toBe(`${MON},陳大明,,客戶 same,,nobody home,,"Tried again the same day, failed again",${MON},same`);
  });
});

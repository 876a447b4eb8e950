import { buildEvent } from '../events';
import { anOrder } from '../test-support/order-mother';
import { arrivalOf, punctualityDelta, stopOfEvent, stopOfOrder, type ArrivalPromise } from './punctuality';

const day = '2026-11-27';
const window: ArrivalPromise = { date: day, window: { start: '09:00', end: '11:00' } };
/** Taipei wall-clock time on `day` as an instant. */
const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

describe('whether a stop came when the customer was told', () => {
  it('is on time inside the order’s window, to the minute at either end', () => {
    expect(arrivalOf(at('09:00'), window)).toEqual({ arrival: 'onTime', minutes: 0 });
    expect(arrivalOf(at('11:00'), window)).toEqual({ arrival: 'onTime', minutes: 0 });
  });

  it('is late after the window closes, by whole minutes rounded up, and early before it opens', () => {
    expect(arrivalOf(new Date(Date.parse(at('11:12')) + 30_000).toISOString(), window)).toEqual({ arrival: 'late', minutes: 13 });
    expect(arrivalOf(at('08:40'), window)).toEqual({ arrival: 'early', minutes: 20 });
  });

  it('holds the driver to the hour told from the route’s plan: the planned arrival ± half an hour, on half hours', () => {
    // Planned 13:10 is told as 12:30–13:30 (rounded to 13:00 ± 30 min).
    const told: ArrivalPromise = { date: day, eta: at('13:10') };
    expect(arrivalOf(at('13:30'), told).arrival).toBe('onTime');
    expect(arrivalOf(at('13:45'), told)).toEqual({ arrival: 'late', minutes: 15 });
    expect(arrivalOf(at('12:20'), told)).toEqual({ arrival: 'early', minutes: 10 });
  });

  it('takes the tighter of the window and the hour told', () => {
    // Told 10:30–11:30 inside a 09:00–11:00 window: after 11:00 breaks the window already.
    const both: ArrivalPromise = { ...window, eta: at('11:00') };
    expect(arrivalOf(at('11:20'), both)).toEqual({ arrival: 'late', minutes: 20 });
    expect(arrivalOf(at('10:00'), both)).toEqual({ arrival: 'early', minutes: 30 });
    expect(arrivalOf(at('10:45'), both).arrival).toBe('onTime');
  });

  it('counts a stop promised nothing apart from the rate', () => {
    expect(arrivalOf(at('16:00'), { date: day })).toEqual({ arrival: 'unpromised', minutes: 0 });
  });
});

describe('the counters a stop adds to its driver’s Taipei day', () => {
  it('adds a delivery, how it arrived, and the minutes late when late', () => {
    expect(punctualityDelta({ driverId: 'drv-01', status: 'delivered', at: at('11:30'), promise: window })).toEqual({
      day,
      increments: { 'drivers.drv-01.delivered': 1, 'drivers.drv-01.late': 1, 'drivers.drv-01.minutesLate': 30 },
    });
    expect(punctualityDelta({ driverId: 'drv-01', status: 'delivered', at: at('10:00'), promise: window }).increments).toEqual({
      'drivers.drv-01.delivered': 1,
      'drivers.drv-01.onTime': 1,
    });
  });

  it('adds a failed stop as failed only', () => {
    expect(punctualityDelta({ driverId: 'drv-02', status: 'failed', at: at('10:00'), promise: window }).increments).toEqual({ 'drivers.drv-02.failed': 1 });
  });

  it('files a stop just after midnight UTC on the Taipei day it happened', () => {
    expect(punctualityDelta({ driverId: 'drv-01', status: 'delivered', at: '2026-11-27T16:30:00.000Z', promise: { date: '2026-11-28' } }).day).toBe('2026-11-28');
  });
});

describe('reading stops from events and orders', () => {
  const event = (type: string, data: Record<string, unknown>) =>
    buildEvent({ id: 'evt-1', type, subject: 'routes/r-1', actor: { uid: 'u-drv', role: 'driver' }, data, occurredAt: new Date(at('10:00')), sequence: 1 });

  it('reads a driver’s stop event with its promise, and ignores other events and ones without a promise', () => {
    const data = { routeId: 'r-1', orderId: 'o-1', driverId: 'drv-01', at: at('10:00'), promise: window };
    expect(stopOfEvent(event('driver.stop_delivered', data))).toEqual({ driverId: 'drv-01', status: 'delivered', at: at('10:00'), promise: window });
    expect(stopOfEvent(event('driver.stop_failed', data))?.status).toBe('failed');
    expect(stopOfEvent(event('driver.route_started', data))).toBeNull();
    const { promise: _promise, ...older } = data;
    expect(stopOfEvent(event('driver.stop_delivered', older))).toBeNull();
  });

  it('reads a delivered order’s stop from its delivery, and a failed one from its timeline', () => {
    // Built for a day to come (the mother checks), then dated back as history.
    const delivered = anOrder().inStatus('delivered').build();
    const withDelivery = { ...delivered, driverId: 'drv-03', requestedDate: day, timeWindow: { start: '09:00', end: '11:00' }, delivery: { at: at('10:15'), delivered: [], emptiesCollected: [], cashCollected: 0 } };
    expect(stopOfOrder(withDelivery)).toEqual({ driverId: 'drv-03', status: 'delivered', at: at('10:15'), promise: window });
    const failed = { ...anOrder().inStatus('failed').build(), driverId: 'drv-03', requestedDate: day };
    expect(stopOfOrder(failed)).toMatchObject({ status: 'failed', at: failed.timeline.at(-1)?.at });
    expect(stopOfOrder(anOrder().inStatus('confirmed').build())).toBeNull();
  });
});

import fc from 'fast-check';
import { buildEvent, type EventEnvelope } from '../events';
import { anOrder } from '../test-support';
import { dailyCounterDelta, sumCounterDeltas, timelineCounterDeltas } from './daily-counters';

const ev = (type: string, data: Record<string, unknown>, at = '2026-11-27T17:30:00Z', id = 'e1'): EventEnvelope =>
  buildEvent({ id, type, occurredAt: new Date(at), actor: { uid: 'u', role: 'office' }, subject: 'orders/o1', sequence: 1, data });

function apply(events: readonly EventEnvelope[]) {
  const totals: Record<string, number> = {};
  for (const e of events) {
    const d = dailyCounterDelta(e);
    if (!d) continue;
    for (const [k, v] of Object.entries(d.increments)) totals[`${d.day}:${k}`] = (totals[`${d.day}:${k}`] ?? 0) + v;
  }
  return totals;
}

describe('daily report counters', () => {
  it('counts an event on the Taipei day it happened (UTC 17:30 is 01:30 next day in Taipei)', () => {
    expect(dailyCounterDelta(ev('order.created', { total: 1640, priority: 'urgent' }))).toEqual({
      day: '2026-11-28',
      increments: { 'orders.created': 1, 'orders.urgent': 1, 'revenue.booked': 1640 },
    });
  });

  it('books delivered and cancelled revenue from status changes', () => {
    expect(dailyCounterDelta(ev('order.status_changed', { to: 'delivered', total: 820 }))?.increments).toEqual({
      'orders.delivered': 1,
      'revenue.delivered': 820,
    });
    expect(dailyCounterDelta(ev('order.status_changed', { to: 'cancelled', total: 820 }))?.increments).toEqual({
      'orders.cancelled': 1,
      'revenue.cancelled': 820,
    });
  });

  it('ignores events it does not count', () => {
    expect(dailyCounterDelta(ev('order.updated', { fields: ['notes'] }))).toBeNull();
    expect(dailyCounterDelta(ev('order.status_changed', {}))).toBeNull();
  });

  it('gives the same totals for any delivery order of the same events', () => {
    const events = [
      ev('order.created', { total: 1640 }, '2026-11-28T01:00:00Z', 'a'),
      ev('order.status_changed', { to: 'confirmed', total: 1640 }, '2026-11-28T02:00:00Z', 'b'),
      ev('order.status_changed', { to: 'delivered', total: 1640 }, '2026-11-28T09:00:00Z', 'c'),
      ev('order.created', { total: 900, priority: 'urgent' }, '2026-11-29T01:00:00Z', 'd'),
    ];
    const expected = apply(events);
    fc.assert(fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
      expect(apply(shuffled)).toEqual(expected);
    }));
  });

  it('replays a delivered order\'s timeline as the events it went through, on the Taipei day of each step', () => {
    const order = anOrder().with({ priority: 'urgent' }).inStatus('delivered').build();
    // The delivery itself happened after midnight in Taipei: a day later than the order was taken.
    const timeline = order.timeline.map((e) => (e.to === 'delivered' ? { ...e, at: '2026-11-28T16:30:00.000Z' } : e));
    const days = sumCounterDeltas(timelineCounterDeltas({ ...order, timeline }));
    expect(days).toEqual([
      {
        day: '2026-11-28',
        orders: { created: 1, urgent: 1, confirmed: 1, scheduled: 1, out_for_delivery: 1 },
        revenue: { booked: order.total },
      },
      { day: '2026-11-29', orders: { delivered: 1 }, revenue: { delivered: order.total } },
    ]);
  });

  it('counts no step for a move to another day kept on the timeline (延後 with a reason): the status did not change', () => {
    const order = anOrder().inStatus('confirmed').build();
    const last = order.timeline[order.timeline.length - 1]!;
    const moved = { at: last.at, by: last.by, from: 'confirmed', to: 'confirmed', reason: 'plant_shortage', rescheduled: { from: '2026-11-29', to: '2026-12-01' } } as const;
    expect(sumCounterDeltas(timelineCounterDeltas({ ...order, timeline: [...order.timeline, moved] }))).toEqual(sumCounterDeltas(timelineCounterDeltas(order)));
  });

  it('sums several orders per day, cancelled revenue apart from delivered', () => {
    const delivered = anOrder().withId('a').inStatus('delivered').build();
    const cancelled = anOrder().withId('b').inStatus('cancelled').build();
    const [day] = sumCounterDeltas([...timelineCounterDeltas(delivered), ...timelineCounterDeltas(cancelled)]);
    expect(day).toMatchObject({
      orders: { created: 2, delivered: 1, cancelled: 1 },
      revenue: { booked: delivered.total + cancelled.total, delivered: delivered.total, cancelled: cancelled.total },
    });
  });
});

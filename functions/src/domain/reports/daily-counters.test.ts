import fc from 'fast-check';
import { buildEvent, type EventEnvelope } from '../events';
import { dailyCounterDelta } from './daily-counters';

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
});

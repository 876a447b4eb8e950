import { buildEvent } from '../events';
import type { Order } from '../orders';
import { holdsNotice, mayNotify, noticeFor, orderCode } from './order-notice';
import { HEAD_OFFICE_CHANGE } from './templates';

const order = {
  id: 'ord-8f3a9c21b7',
  requestedDate: '2026-11-29',
  timeWindow: { start: '09:00', end: '12:00' },
  total: 1640,
  status: 'confirmed',
} as unknown as Order;

const changed = (to: string, data: Record<string, unknown> = {}) =>
  buildEvent({ id: 'e', type: 'order.status_changed', occurredAt: new Date(), actor: { uid: 'u', role: 'office' }, subject: 'orders/x', sequence: 2, data: { to, ...data } });

describe('order notices', () => {
  it('uses a short upper-case code from the id tail', () => {
    expect(orderCode('ord-8f3a9c21b7')).toBe('9C21B7');
  });

  it('tells the confirmed delivery window, defaulting to business hours', () => {
    expect(noticeFor(changed('confirmed'), order)).toEqual({ kind: 'confirmed', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' } });
    const noWindow = { ...order, timeWindow: undefined } as unknown as Order;
    expect(noticeFor(changed('confirmed'), noWindow)).toMatchObject({ window: { from: '08:00', to: '18:00' } });
  });

  it('says nothing when an order taken off its route is confirmed again: a typhoon\'s move tells the new day and why on its own', () => {
    expect(noticeFor(changed('confirmed', { from: 'scheduled' }), order)).toBeNull();
    expect(noticeFor(changed('confirmed', { from: 'pending' }), order)).toMatchObject({ kind: 'confirmed' });
  });

  it('gives an ETA for out-for-delivery: the route estimate when sent, else the window start in Taipei', () => {
    expect(noticeFor(changed('out_for_delivery', { eta: '2026-11-29T02:10:00Z' }), order)).toMatchObject({ eta: '2026-11-29T02:10:00Z' });
    expect(noticeFor(changed('out_for_delivery'), order)).toMatchObject({ eta: '2026-11-29T01:00:00.000Z' });
  });

  it("tells the planned arrival once a published route schedules the order, and nothing for a route without one", () => {
    expect(noticeFor(changed('scheduled', { eta: '2026-11-29T02:20:00Z' }), order)).toEqual({ kind: 'scheduled', orderCode: '9C21B7', eta: '2026-11-29T02:20:00Z' });
    expect(noticeFor(changed('scheduled'), { ...order, eta: '2026-11-29T03:00:00Z' } as Order)).toMatchObject({ eta: '2026-11-29T03:00:00Z' });
    expect(noticeFor(changed('scheduled'), order)).toBeNull();
  });

  it('tells a confirmed order\'s new day or hours, and nothing for other edits or a pending order', () => {
    const edited = (fields: string[]) => ({ ...changed('confirmed'), type: 'order.updated', data: { fields } });
    expect(noticeFor(edited(['requestedDate', 'notes']), order)).toEqual({ kind: 'rescheduled', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' } });
    expect(noticeFor(edited(['timeWindow']), order)).toMatchObject({ kind: 'rescheduled' });
    expect(noticeFor(edited(['notes', 'items']), order)).toBeNull();
    expect(noticeFor(edited(['requestedDate']), { ...order, status: 'pending' } as Order)).toBeNull();
  });

  it('names the closure (休息日) a confirmed order was moved off, as the event carries it', () => {
    const closure = { name: '春節', from: '2027-02-05', to: '2027-02-09' };
    const moved = { ...changed('confirmed'), type: 'order.updated', data: { fields: ['requestedDate'], closure } };
    expect(noticeFor(moved, order)).toEqual({ kind: 'rescheduled', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' }, closure });
  });

  it('tells a pending order moved off a closure too (the customer asked for that day), but not a nightly suggestion', () => {
    const closure = { name: '颱風停班停課', from: '2026-11-28', to: '2026-11-28' };
    const moved = { ...changed('pending'), type: 'order.updated', data: { fields: ['requestedDate'], closure } };
    const pending = { ...order, status: 'pending' } as Order;
    expect(noticeFor(moved, pending)).toEqual({ kind: 'rescheduled', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' }, closure });
    expect(noticeFor(moved, { ...pending, source: 'forecast' })).toBeNull();
    expect(noticeFor({ ...moved, data: { fields: ['requestedDate'] } }, pending)).toBeNull();
  });

  it('tells an order brought back to its day once its closure was lifted there that it is back, confirmed or pending', () => {
    const closure = { name: '颱風停班停課', from: '2026-11-29', to: '2026-11-29' };
    const back = { ...changed('pending'), type: 'order.updated', data: { fields: ['requestedDate'], closure, closureLifted: true } };
    const told = { kind: 'closure_lifted', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' }, closure };
    expect(noticeFor(back, order)).toEqual(told);
    expect(noticeFor(back, { ...order, status: 'pending' } as Order)).toEqual(told);
  });

  it('tells a pending order the office moved with a reason, and the reason, but not a nightly suggestion', () => {
    const moved = { ...changed('pending'), type: 'order.updated', data: { fields: ['requestedDate'], reason: 'plant_shortage' } };
    const pending = { ...order, status: 'pending' } as Order;
    expect(noticeFor(moved, pending)).toEqual({ kind: 'rescheduled', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' }, reason: 'plant_shortage' });
    expect(noticeFor(moved, order)).toMatchObject({ kind: 'rescheduled', reason: 'plant_shortage' });
    expect(noticeFor(moved, { ...pending, source: 'forecast' })).toBeNull();
  });

  it('tells the cylinders a branch\'s head office changed, as the event carries them, alone or with the new day, while the order is still to come', () => {
    const items = [{ size: 20, quantity: 1 }];
    const cylinders = { ...changed('pending'), type: 'order.updated', data: { fields: ['items'], items } };
    const pending = { ...order, status: 'pending' } as Order;
    expect(mayNotify(cylinders)).toBe(true);
    expect(noticeFor(cylinders, pending)).toEqual({ kind: 'cylinders_changed', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' }, items });
    expect(noticeFor(cylinders, order)).toMatchObject({ kind: 'cylinders_changed', items });
    for (const status of ['cancelled', 'delivered', 'failed'] as const) expect(noticeFor(cylinders, { ...pending, status })).toBeNull();
    const moved = { ...cylinders, data: { fields: ['items', 'requestedDate'], items, reason: HEAD_OFFICE_CHANGE } };
    expect(noticeFor(moved, pending)).toEqual({ kind: 'rescheduled', orderCode: '9C21B7', window: { date: '2026-11-29', from: '09:00', to: '12:00' }, reason: HEAD_OFFICE_CHANGE, items });
    // Without them (anyone else's change of the cylinders), nothing.
    expect(mayNotify({ ...cylinders, data: { fields: ['items'] } })).toBe(false);
  });

  it('says nothing about creation or edits that leave the delivery as it was', () => {
    expect(noticeFor({ ...changed('confirmed'), type: 'order.updated' }, order)).toBeNull();
    expect(noticeFor({ ...changed('pending'), type: 'order.created' }, order)).toBeNull();
  });

  it('carries failure and cancellation reasons', () => {
    expect(noticeFor(changed('failed', { reason: 'no_one_home' }), order)).toMatchObject({ kind: 'failed', reason: 'no_one_home' });
    expect(noticeFor(changed('cancelled'), { ...order, cancelReason: '客戶改期' } as Order)).toMatchObject({ reason: '客戶改期' });
  });

  it('holds back only the failure of a stop called off by a closure holding that day where it is delivered', () => {
    const typhoon = { name: '颱風停班停課', from: '2026-12-02', to: '2026-12-02', districts: ['中和區'] };
    const stop = { requestedDate: '2026-12-02', district: '中和區' };
    const failedFor = (reason: string) => ({ kind: 'failed' as const, orderCode: 'X', reason });
    expect(holdsNotice(failedFor('颱風停班停課'), stop, [typhoon])).toBe(true);
    expect(holdsNotice(failedFor('no_one_home'), stop, [typhoon])).toBe(false);
    expect(holdsNotice(failedFor('颱風停班停課'), { ...stop, district: '信義區' }, [typhoon])).toBe(false);
    expect(holdsNotice(failedFor('颱風停班停課'), { ...stop, requestedDate: '2026-12-03' }, [typhoon])).toBe(false);
    expect(holdsNotice({ kind: 'cancelled', orderCode: 'X', reason: '颱風停班停課' }, stop, [typhoon])).toBe(false);
  });
});

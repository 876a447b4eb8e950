import fc from 'fast-check';
import { DomainError } from '../errors';
import { anOrder, OFFICE } from '../test-support';
import { orderSchema } from './order';
import { canTransition, isTerminal, ORDER_STATUSES, TRANSITIONS, type OrderStatus } from './status';
import { transition } from './transition';

const LEGAL: ReadonlySet<string> = new Set([
  'pending>confirmed',
  'pending>cancelled',
  'confirmed>scheduled',
  'confirmed>cancelled',
  'scheduled>out_for_delivery',
  'scheduled>confirmed',
  'scheduled>cancelled',
  'out_for_delivery>delivered',
  'out_for_delivery>failed',
  'failed>pending',
]);

const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));
const at = new Date('2026-11-28T05:00:00Z');
const ctx = { by: OFFICE, at, reason: '客戶不在家', routeId: 'route-1', driverId: 'drv-02' };

describe('the order state machine', () => {
  it('declares exactly the documented edges', () => {
    const declared = ORDER_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => `${from}>${to}`));
    expect(new Set(declared)).toEqual(LEGAL);
  });

  it('ends only in delivered and cancelled', () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['delivered', 'cancelled']);
  });

  const legal = pairs.filter(([f, t]) => LEGAL.has(`${f}>${t}`));
  const illegal = pairs.filter(([f, t]) => !LEGAL.has(`${f}>${t}`));

  it.each(legal)('allows %s → %s and appends a timeline entry', (from, to) => {
    const order = anOrder().inStatus(from).build();
    const next = transition(order, to, { ...ctx, note: 'n' });
    expect(next.status).toBe(to);
    expect(next.timeline).toHaveLength(order.timeline.length + 1);
    expect(next.timeline.at(-1)).toEqual(
      expect.objectContaining({ at: at.toISOString(), by: OFFICE, from, to, note: 'n' }),
    );
    expect(next.updatedAt).toBe(at.toISOString());
    expect(orderSchema.safeParse(next).success).toBe(true);
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(illegal.filter(([from, to]) => from !== to))('refuses %s → %s with ORDER.INVALID_TRANSITION', (from, to) => {
    const order = anOrder().inStatus(from).build();
    let error: unknown;
    try {
      transition(order, to, ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toEqual(expect.objectContaining({ code: 'ORDER.INVALID_TRANSITION', kind: 'conflict' }));
    expect(canTransition(from, to)).toBe(false);
  });

  it.each(ORDER_STATUSES)('tells whoever moves a %s order there again that it is there already (someone did it first)', (status) => {
    const order = anOrder().inStatus(status).build();
    expect(() => transition(order, status, { ...ctx, reason: 'r', routeId: 'route-1' })).toThrow(
      expect.objectContaining({ code: 'ORDER.ALREADY_IN_STATUS', kind: 'conflict', details: { id: order.id, status } }),
    );
  });

  it.each(['failed', 'cancelled'] as const)('needs a reason to move to %s', (to) => {
    const order = anOrder().inStatus(to === 'failed' ? 'out_for_delivery' : 'pending').build();
    expect(() => transition(order, to, { by: OFFICE, at, reason: '  ' })).toThrow(
      expect.objectContaining({ code: 'ORDER.REASON_REQUIRED', kind: 'validation' }),
    );
  });

  it('needs a route to schedule and records route and driver', () => {
    const order = anOrder().inStatus('confirmed').build();
    expect(() => transition(order, 'scheduled', { by: OFFICE, at })).toThrow(
      expect.objectContaining({ code: 'ORDER.ROUTE_REQUIRED' }),
    );
    expect(transition(order, 'scheduled', ctx)).toEqual(expect.objectContaining({ routeId: 'route-1', driverId: 'drv-02' }));
  });

  it('keeps the driver’s words beside a picked failure reason on the order and its timeline entry, and forgets them on reschedule', () => {
    const out = anOrder().inStatus('out_for_delivery').build();
    const failed = transition(out, 'failed', { by: OFFICE, at, reason: 'no_one_home', note: '門口有狗' });
    expect(failed).toMatchObject({ failureReason: 'no_one_home', failureNote: '門口有狗' });
    expect(failed.timeline.at(-1)).toMatchObject({ to: 'failed', reason: 'no_one_home', note: '門口有狗' });
    expect(transition(out, 'failed', { by: OFFICE, at, reason: 'no_one_home' })).not.toHaveProperty('failureNote');
    expect(transition(failed, 'pending', { by: OFFICE, at })).not.toHaveProperty('failureNote');
  });

  it('records why an order failed and forgets it on reschedule, keeping it in the timeline', () => {
    const failed = anOrder().inStatus('failed').build();
    expect(failed.failureReason).toBe('test');
    const again = transition(failed, 'pending', { by: OFFICE, at, note: '改約明天' });
    expect(again).not.toHaveProperty('failureReason');
    expect(again).not.toHaveProperty('routeId');
    expect(again).not.toHaveProperty('driverId');
    expect(again.timeline.some((e) => e.to === 'failed' && e.reason === 'test')).toBe(true);
  });

  it('releases route and driver when a scheduled order goes back to confirmed', () => {
    const released = transition(anOrder().inStatus('scheduled').build(), 'confirmed', ctx);
    expect(released).not.toHaveProperty('routeId');
    expect(released).not.toHaveProperty('driverId');
  });

  it('keeps the cancel reason', () => {
    expect(transition(anOrder().build(), 'cancelled', { by: OFFICE, at, reason: '重複下單' }).cancelReason).toBe('重複下單');
  });

  it('never reaches an undeclared state and the timeline chains from → to (property)', () => {
    const base = anOrder().build();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ORDER_STATUSES), { maxLength: 30 }), (targets) => {
        let order = base;
        for (const to of targets) {
          try {
            order = transition(order, to, ctx);
          } catch (e) {
            expect(e).toEqual(expect.objectContaining({ code: to === order.status ? 'ORDER.ALREADY_IN_STATUS' : 'ORDER.INVALID_TRANSITION' }));
          }
          expect(ORDER_STATUSES).toContain(order.status);
        }
        order.timeline.slice(1).forEach((entry, i) => {
          expect(entry.from).toBe(order.timeline[i]?.to);
          expect(canTransition(entry.from as OrderStatus, entry.to)).toBe(true);
        });
        expect(order.timeline.at(-1)?.to).toBe(order.status);
      }),
    );
  });
});

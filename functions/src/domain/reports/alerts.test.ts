import { buildEvent } from '../events';
import { alertDocument, alertFor, alertIdOf, clearsAlert, sameFigures } from './alerts';

const event = (type: string, data: Record<string, unknown>) =>
  buildEvent({ id: 'evt-1', type, occurredAt: new Date('2026-11-28T02:00:00Z'), actor: { uid: 'u', role: 'office' }, subject: 'orders/o-1', sequence: 1, data });

describe('which events the office is alerted to', () => {
  it('raises urgent orders as critical and failed deliveries as warnings, nothing else of orders', () => {
    expect(alertFor(event('order.created', { priority: 'urgent' }))).toEqual({ severity: 'critical', kind: 'order.urgent' });
    expect(alertFor(event('order.created', { priority: 'normal' }))).toBeNull();
    expect(alertFor(event('order.status_changed', { to: 'failed' }))).toEqual({ severity: 'warning', kind: 'order.failed' });
    expect(alertFor(event('order.status_changed', { to: 'delivered' }))).toBeNull();
  });

  it('raises every system event as loud as it says, a warning when it says nothing usable', () => {
    expect(alertFor(event('system.prediction_fallback', { severity: 'critical' }))).toEqual({ severity: 'critical', kind: 'system.prediction_fallback' });
    expect(alertFor(event('system.cylinders_over_collected', { severity: 'loud' }))?.severity).toBe('warning');
  });

  it('stores the event with the customer’s name, not yet acknowledged; nothing for an event that is no alert', () => {
    expect(alertDocument(event('order.status_changed', { to: 'failed', reason: '不在家' }), '林記麵館')).toEqual({
      id: 'evt-1',
      severity: 'warning',
      kind: 'order.failed',
      subject: 'orders/o-1',
      data: { to: 'failed', reason: '不在家' },
      customerName: '林記麵館',
      occurredAt: '2026-11-28T02:00:00.000Z',
      acknowledged: false,
    });
    expect(alertDocument(event('order.status_changed', { to: 'confirmed' }))).toBeNull();
  });

  it('stores a warning that names its alert under that name, for a later event with other figures to replace it', () => {
    const full = event('system.suggestions_full', { severity: 'warning', alertId: 'suggestions-full-2026-11-28', customers: 12 });
    expect(alertIdOf(full)).toBe('suggestions-full-2026-11-28');
    expect(alertDocument(full)).toMatchObject({ id: 'suggestions-full-2026-11-28', data: { customers: 12 } });
    expect(alertIdOf(event('system.suggestions_full', { alertId: '' }))).toBe('evt-1');
  });

  it('reads a rerun’s word that the warning it names no longer holds as clearing it, never an event of its own', () => {
    expect(clearsAlert(event('system.suggestions_full', { alertId: 'suggestions-full-2026-11-28', cleared: true }))).toBe(true);
    expect(clearsAlert(event('system.suggestions_full', { alertId: 'suggestions-full-2026-11-28', customers: 12 }))).toBe(false);
    expect(clearsAlert(event('system.suggestions_full', { cleared: true }))).toBe(false);
  });

  it('tells a rerun’s same figures from other ones, however the stored keys came to be ordered', () => {
    const full = event('system.suggestions_full', { severity: 'warning', alertId: 'suggestions-full-2026-11-28', customers: 12, kept: 9 });
    expect(sameFigures({ kept: 9, customers: 12, alertId: 'suggestions-full-2026-11-28', severity: 'warning' }, full)).toBe(true);
    expect(sameFigures({ kept: 10, customers: 12, alertId: 'suggestions-full-2026-11-28', severity: 'warning' }, full)).toBe(false);
  });
});

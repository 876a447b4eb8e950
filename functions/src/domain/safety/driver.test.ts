import { aDraftRoute, aNearbyCustomer, aConfirmedOrder, FLEET } from '../routes/test-support/fleet-mother';
import type { Route } from '../routes';
import { assertStopOnOwnRoute, driverIdOf, driverRouteSafety, ownVisibleRoute } from './driver';

const TODAY = '2026-11-28';
const customers = [aNearbyCustomer('cust-1', 1), aNearbyCustomer('cust-2', 2)];
const draft = aDraftRoute({
  id: 'r1',
  date: TODAY,
  vehicle: FLEET.vehicles[0]!,
  driver: FLEET.drivers[0]!,
  stops: customers.map((customer, i) => ({ customer, order: aConfirmedOrder(`ord-${i}`, customer, TODAY) })),
});
const published: Route = { ...draft, status: 'published' };

describe('a driver and their route', () => {
  it('refuses an account linked to no driver', () => {
    expect(() => driverIdOf({ uid: 'u', role: 'driver' })).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN', kind: 'forbidden' }));
    expect(driverIdOf({ uid: 'u', role: 'driver', driverId: 'drv-1' })).toBe('drv-1');
  });

  it('sees their own published route; a draft or another driver’s is not found', () => {
    expect(ownVisibleRoute(published, 'drv-1', 'r1')).toBe(published);
    expect(() => ownVisibleRoute(draft, 'drv-1', 'r1')).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_FOUND' }));
    expect(() => ownVisibleRoute(published, 'drv-2', 'r1')).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_FOUND' }));
    expect(() => ownVisibleRoute(null, 'drv-1', 'r1')).toThrow(expect.objectContaining({ code: 'ROUTE.NOT_FOUND' }));
  });

  it('inspects only customers at a stop of their own visible route', () => {
    expect(() => assertStopOnOwnRoute([published], 'drv-1', 'cust-2')).not.toThrow();
    expect(() => assertStopOnOwnRoute([published], 'drv-1', 'cust-9')).toThrow(expect.objectContaining({ code: 'CUSTOMER.NOT_FOUND', kind: 'not_found' }));
    expect(() => assertStopOnOwnRoute([published], 'drv-2', 'cust-2')).toThrow(expect.objectContaining({ code: 'CUSTOMER.NOT_FOUND' }));
    expect(() => assertStopOnOwnRoute([draft], 'drv-1', 'cust-2')).toThrow(expect.objectContaining({ code: 'CUSTOMER.NOT_FOUND' }));
  });
});

describe('the safety view of a route', () => {
  it('flags the stops due and says whether the certificate is valid today', () => {
    const summaries = new Map([['cust-1', { inspectionId: 'si', lastInspectedOn: '2026-01-05', result: 'pass' as const, nextDueOn: '2028-01-05', openItems: [] }]]);
    const certificate = { number: 'A-1', validUntil: '2026-11-27' };
    expect(driverRouteSafety(published, summaries, certificate, TODAY)).toEqual({
      customers: {
        'cust-1': { nextDueOn: '2028-01-05', due: false, overdueDays: 0, openItems: [] },
        'cust-2': { nextDueOn: null, due: true, overdueDays: 0, openItems: [] },
      },
      canInspect: false,
      certificate,
    });
    expect(driverRouteSafety(published, summaries, undefined, TODAY)).toMatchObject({ canInspect: false, certificate: null });
    expect(driverRouteSafety(published, summaries, { ...certificate, validUntil: TODAY }, TODAY).canInspect).toBe(true);
  });

  it('does not flag again a customer inspected today whose re-check falls due within the window', () => {
    const failedToday = new Map([['cust-1', { inspectionId: 'si', lastInspectedOn: TODAY, result: 'needsFix' as const, nextDueOn: '2026-12-28', openItems: ['hose' as const] }]]);
    const view = driverRouteSafety(published, failedToday, undefined, TODAY);
    expect(view.customers['cust-1']).toEqual({ nextDueOn: '2026-12-28', due: false, overdueDays: 0, openItems: ['hose'] });
    expect(view.customers['cust-2']?.due).toBe(true);
  });

  it('warns at every visit of a customer whose supply a service call stopped, until an inspection lifts it', () => {
    const passedToday = new Map([['cust-1', { inspectionId: 'si', lastInspectedOn: TODAY, result: 'pass' as const, nextDueOn: '2028-11-28', openItems: [] }]]);
    const stops = new Map([['cust-1', { serviceCallId: 'svc-1', since: TODAY, items: ['regulator' as const] }]]);
    expect(driverRouteSafety(published, passedToday, undefined, TODAY, stops).customers['cust-1']).toEqual({
      nextDueOn: TODAY,
      due: true,
      overdueDays: 0,
      openItems: ['regulator'],
      supplyStopped: true,
    });
  });
});

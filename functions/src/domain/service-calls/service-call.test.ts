import {
  assignServiceCall,
  closeServiceCall,
  closeServiceCallInputSchema,
  heldOrdersOf,
  openServiceCall,
  openServiceCallInputSchema,
  serviceCallAlerts,
  serviceCallSchema,
  supplyStopOf,
  type ServiceCall,
} from './service-call';
import { anOrder } from '../test-support';

const office = { uid: 'u-office', role: 'office' } as const;
const driver1 = { uid: 'u-driver1', role: 'driver' } as const;
const customer = { code: 'C00001', name: '林家', address: '新北市板橋區文化路一段 1 號', phone: '0912-345-678' };
const at = (iso: string) => new Date(iso);

const open = (kind: string, id = 'svc-1', when = '2026-12-01T01:00:00Z'): ServiceCall =>
  openServiceCall(openServiceCallInputSchema.parse({ customerId: 'cust-1', kind, description: ' 廚房有瓦斯味 ', someoneHome: true }), { id, customer, by: office, now: at(when) });
const assigned = (call: ServiceCall, driverId = 'drv-1') =>
  assignServiceCall(call, { driverId, scheduledAt: '2026-12-01T02:00:00.000Z' }, { driver: { id: driverId, name: '陳司機', active: true }, by: office, now: at('2026-12-01T01:05:00Z') });

describe('opening a service call', () => {
  it('keeps what the caller said, trimmed, open and unassigned; a gas smell is urgent, a hose problem is not', () => {
    const smell = open('gas_smell');
    expect(smell).toEqual({
      id: 'svc-1',
      customerId: 'cust-1',
      customer,
      kind: 'gas_smell',
      urgent: true,
      description: '廚房有瓦斯味',
      someoneHome: true,
      status: 'open',
      openedAt: '2026-12-01T01:00:00.000Z',
      openedBy: office,
    });
    expect(serviceCallSchema.parse(smell)).toEqual(smell);
    expect(open('hose').urgent).toBe(false);
  });

  it('refuses an unknown kind, a blank description and a missing answer to whether someone is home', () => {
    const result = openServiceCallInputSchema.safeParse({ customerId: 'cust-1', kind: 'boiler', description: '  ' });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['description', 'kind', 'someoneHome']);
  });
});

describe('sending a driver', () => {
  it('assigns the call to the driver at the agreed time, and hands it to another until closed', () => {
    const first = assigned(open('regulator'));
    expect(first).toMatchObject({ status: 'assigned', driverId: 'drv-1', assignment: { driverId: 'drv-1', driverName: '陳司機', scheduledAt: '2026-12-01T02:00:00.000Z', by: office } });
    expect(assigned(first, 'drv-2')).toMatchObject({ status: 'assigned', driverId: 'drv-2' });
  });

  it('refuses a driver no longer in service and a closed call', () => {
    const call = open('regulator');
    expect(() => assignServiceCall(call, { driverId: 'drv-9', scheduledAt: '2026-12-01T02:00:00.000Z' }, { driver: { id: 'drv-9', name: 'x', active: false }, by: office, now: new Date() })).toThrow(
      expect.objectContaining({ code: 'SERVICE_CALL.DRIVER_INACTIVE', kind: 'precondition' }),
    );
    const closed = closeServiceCall(call, { outcome: 'fixed' }, { by: office, now: new Date() });
    expect(() => assigned(closed)).toThrow(expect.objectContaining({ code: 'SERVICE_CALL.CLOSED' }));
  });
});

describe('closing a call', () => {
  const now = at('2026-12-01T03:00:00Z');

  it('records the outcome and who closed it; the assigned driver may, another driver finds no such call', () => {
    const call = assigned(open('hose'));
    const closed = closeServiceCall(call, { outcome: 'parts_replaced', note: '更換管線' }, { by: driver1, driverId: 'drv-1', now });
    expect(closed).toMatchObject({ status: 'closed', driverId: 'drv-1', result: { outcome: 'parts_replaced', note: '更換管線', at: '2026-12-01T03:00:00.000Z', by: driver1 } });
    expect(() => closeServiceCall(call, { outcome: 'fixed' }, { by: { uid: 'u-driver2', role: 'driver' }, driverId: 'drv-2', now })).toThrow(
      expect.objectContaining({ code: 'SERVICE_CALL.NOT_FOUND' }),
    );
    expect(() => closeServiceCall(open('hose'), { outcome: 'fixed' }, { by: driver1, driverId: 'drv-1', now })).toThrow(expect.objectContaining({ code: 'SERVICE_CALL.NOT_FOUND' }));
    expect(() => closeServiceCall(closed, { outcome: 'fixed' }, { by: office, now })).toThrow(expect.objectContaining({ code: 'SERVICE_CALL.CLOSED' }));
  });

  it('dates a close the phone queued offline when the driver made it, held between the call being sent and its arrival', () => {
    const call = assigned(open('hose'));
    const closing = (said: string) => closeServiceCall(call, { outcome: 'unsafe', unsafeItems: ['hose'], at: said }, { by: driver1, driverId: 'drv-1', now }).result?.at;
    expect(closing('2026-12-01T02:40:00.000Z')).toBe('2026-12-01T02:40:00.000Z');
    expect(closing('2026-12-01T10:40:00+08:00')).toBe('2026-12-01T02:40:00.000Z');
    // A phone clock running ahead is held to the arrival; one behind, to when the call was sent.
    expect(closing('2026-12-01T03:20:00.000Z')).toBe('2026-12-01T03:00:00.000Z');
    expect(closing('2026-12-01T00:30:00.000Z')).toBe('2026-12-01T01:05:00.000Z');
  });

  it('needs the unsafe items to stop the supply, and words for parts replaced or a follow-up', () => {
    const paths = (body: unknown) => {
      const result = closeServiceCallInputSchema.safeParse(body);
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    expect(paths({ outcome: 'unsafe' })).toEqual(['unsafeItems:SERVICE_CALL.UNSAFE_ITEMS_REQUIRED']);
    expect(paths({ outcome: 'follow_up', note: ' ' })).toEqual(['note:SERVICE_CALL.NOTE_REQUIRED']);
    expect(paths({ outcome: 'fixed' })).toEqual([]);
    expect(paths({ outcome: 'unsafe', unsafeItems: ['hose'] })).toEqual([]);
  });

  it('stops the supply from the day closed with the unsafe items, and only for an unsafe outcome', () => {
    const call = assigned(open('gas_smell'));
    const unsafe = closeServiceCall(call, { outcome: 'unsafe', unsafeItems: ['hose', 'hose', 'regulator'] }, { by: driver1, driverId: 'drv-1', now });
    expect(supplyStopOf(unsafe, '2026-12-01')).toEqual({ serviceCallId: 'svc-1', since: '2026-12-01', items: ['hose', 'regulator'] });
    expect(supplyStopOf(closeServiceCall(call, { outcome: 'fixed' }, { by: driver1, driverId: 'drv-1', now }), '2026-12-01')).toBeNull();
  });
});

describe('what the office is alerted to', () => {
  it('an urgent call at once (critical), a supply stopped (warning), nothing else, each under an id of its own', () => {
    const smell = open('gas_smell');
    expect(serviceCallAlerts(null, smell)).toEqual([
      {
        topic: 'system-alerts',
        event: expect.objectContaining({
          id: 'svc-1-urgent',
          type: 'system.service_call_urgent',
          subject: 'serviceCalls/svc-1',
          data: { severity: 'critical', customerId: 'cust-1', serviceCallId: 'svc-1', kind: 'gas_smell' },
        }),
      },
    ]);
    expect(serviceCallAlerts(null, open('hose'))).toEqual([]);
    const sent = assigned(smell);
    expect(serviceCallAlerts(smell, sent)).toEqual([]);
    const unsafe = closeServiceCall(sent, { outcome: 'unsafe', unsafeItems: ['leakTest'] }, { by: driver1, driverId: 'drv-1', now: new Date() });
    expect(serviceCallAlerts(sent, unsafe).map((e) => [e.event.id, e.event.type, e.event.data['severity']])).toEqual([['svc-1-unsafe', 'system.service_call_unsafe', 'warning']]);
    expect(serviceCallAlerts(sent, closeServiceCall(sent, { outcome: 'fixed' }, { by: driver1, driverId: 'drv-1', now: new Date() }))).toEqual([]);
  });

  it('a supply stopped names the orders still bringing cylinders, earliest first: not delivered, not collection-only', () => {
    const order = (id: string, status: 'pending' | 'confirmed' | 'scheduled' | 'out_for_delivery' | 'delivered' | 'cancelled', requestedDate: string, items = [{ size: 20, quantity: 1 }]) =>
      anOrder().withId(id).with({ requestedDate, items, emptiesToCollect: [{ size: 20, quantity: 1 }] }).inStatus(status).build();
    const held = heldOrdersOf([
      order('ord-3', 'pending', '2026-12-05'),
      order('ord-2', 'scheduled', '2026-12-02'),
      order('ord-1', 'out_for_delivery', '2026-12-01'),
      order('ord-4', 'confirmed', '2026-12-03', []),
      order('ord-5', 'delivered', '2026-11-28'),
      order('ord-6', 'cancelled', '2026-12-04'),
    ]);
    expect(held).toEqual([
      { id: 'ord-1', status: 'out_for_delivery', requestedDate: '2026-12-01' },
      { id: 'ord-2', status: 'scheduled', requestedDate: '2026-12-02' },
      { id: 'ord-3', status: 'pending', requestedDate: '2026-12-05' },
    ]);
    const sent = assigned(open('hose'));
    const unsafe = closeServiceCall(sent, { outcome: 'unsafe', unsafeItems: ['hose'] }, { by: driver1, driverId: 'drv-1', now: new Date() });
    expect(serviceCallAlerts(sent, unsafe, held)[0]?.event.data).toEqual(expect.objectContaining({ orders: held }));
    expect(serviceCallAlerts(sent, unsafe, [])[0]?.event.data).not.toHaveProperty('orders');
  });
});

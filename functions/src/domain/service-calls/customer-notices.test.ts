import { serviceCallCustomerEvents } from './customer-notices';
import { assignServiceCall, closeServiceCall, openServiceCall, openServiceCallInputSchema, type ServiceCall } from './service-call';

const office = { uid: 'u-office', role: 'office' } as const;
const customer = { code: 'C00001', name: '林家', address: '新北市板橋區文化路一段 1 號', phone: '0912-345-678' };
const driver = (id: string) => ({ id, name: `司機 ${id}`, active: true });
const opened = openServiceCall(openServiceCallInputSchema.parse({ customerId: 'cust-1', kind: 'regulator', description: '調整器漏氣聲', someoneHome: true }), {
  id: 'svc-1',
  customer,
  by: office,
  now: new Date('2026-12-01T01:00:00Z'),
});
const assign = (call: ServiceCall, driverId: string, scheduledAt: string, now: string) => assignServiceCall(call, { driverId, scheduledAt }, { driver: driver(driverId), by: office, now: new Date(now) });
const events = (before: ServiceCall, after: ServiceCall) => serviceCallCustomerEvents(before, after).map((e) => ({ topic: e.topic, id: e.event.id, type: e.event.type, data: e.event.data }));

describe('what the customer is told of their call', () => {
  const sent = assign(opened, 'drv-1', '2026-12-01T06:30:00.000Z', '2026-12-01T01:05:00Z');

  it('someone sent, with the time and the driver, under an id of the assignment: a retry at the same time by the same driver says nothing', () => {
    expect(events(opened, sent)).toEqual([
      {
        topic: 'notifications',
        id: `svc-1-dispatched-${Date.parse('2026-12-01T01:05:00Z')}`,
        type: 'service_call.dispatched',
        data: { customerId: 'cust-1', serviceCallId: 'svc-1', scheduledAt: '2026-12-01T06:30:00.000Z', driverId: 'drv-1' },
      },
    ]);
    expect(events(sent, assign(sent, 'drv-1', '2026-12-01T06:30:00.000Z', '2026-12-01T01:06:00Z'))).toEqual([]);
  });

  it('a hand-over to another driver at the same time, naming the driver told before: the customer opens the door to whom they were told', () => {
    expect(events(sent, assign(sent, 'drv-2', '2026-12-01T06:30:00.000Z', '2026-12-01T01:07:00Z'))).toEqual([
      {
        topic: 'notifications',
        id: `svc-1-dispatched-${Date.parse('2026-12-01T01:07:00Z')}`,
        type: 'service_call.dispatched',
        data: { customerId: 'cust-1', serviceCallId: 'svc-1', scheduledAt: '2026-12-01T06:30:00.000Z', driverId: 'drv-2', previousDriverId: 'drv-1' },
      },
    ]);
  });

  it('a new time as a move, naming the time told before, and the driver before too when another goes', () => {
    expect(events(sent, assign(sent, 'drv-1', '2026-12-01T08:00:00.000Z', '2026-12-01T02:00:00Z')).map((e) => e.data)).toEqual([
      { customerId: 'cust-1', serviceCallId: 'svc-1', scheduledAt: '2026-12-01T08:00:00.000Z', driverId: 'drv-1', previousScheduledAt: '2026-12-01T06:30:00.000Z' },
    ]);
    expect(events(sent, assign(sent, 'drv-2', '2026-12-01T08:00:00.000Z', '2026-12-01T02:00:00Z'))).toEqual([
      {
        topic: 'notifications',
        id: `svc-1-dispatched-${Date.parse('2026-12-01T02:00:00Z')}`,
        type: 'service_call.dispatched',
        data: { customerId: 'cust-1', serviceCallId: 'svc-1', scheduledAt: '2026-12-01T08:00:00.000Z', driverId: 'drv-2', previousScheduledAt: '2026-12-01T06:30:00.000Z', previousDriverId: 'drv-1' },
      },
    ]);
  });

  it('the close once, with its outcome, whether the office or the driver closes it', () => {
    const closed = closeServiceCall(sent, { outcome: 'unsafe', unsafeItems: ['hose'] }, { by: { uid: 'u-driver1', role: 'driver' }, driverId: 'drv-1', now: new Date('2026-12-01T07:00:00Z') });
    expect(events(sent, closed)).toEqual([{ topic: 'notifications', id: 'svc-1-closed', type: 'service_call.closed', data: { customerId: 'cust-1', serviceCallId: 'svc-1', outcome: 'unsafe' } }]);
    expect(events(opened, closeServiceCall(opened, { outcome: 'fixed' }, { by: office, now: new Date('2026-12-01T01:10:00Z') })).map((e) => e.id)).toEqual(['svc-1-closed']);
    expect(events(closed, closed)).toEqual([]);
  });
});

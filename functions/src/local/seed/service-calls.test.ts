import { serviceCallSchema } from '../../domain/service-calls';
import { generateDemoWorld } from './generate';

describe('the demo’s service calls (報修)', () => {
  const world = generateDemoWorld({ today: '2026-11-28', now: '2026-11-28T02:00:00.000Z' });

  it('holds one closed last week, one sent to driver1 for this afternoon and one nobody is sent to, each as the API stores it', () => {
    expect(world.serviceCalls.map((c) => [c.id, c.customer.code, c.kind, c.status, c.driverId ?? null, c.result?.outcome ?? null])).toEqual([
      ['svc-demo-smell', 'C00002', 'gas_smell', 'closed', 'drv-02', 'fixed'],
      ['svc-demo-regulator', 'C00001', 'regulator', 'assigned', 'drv-01', null],
      ['svc-demo-hose', 'C00008', 'hose', 'open', null, null],
    ]);
    for (const call of world.serviceCalls) expect(serviceCallSchema.parse(call)).toEqual(call);
    expect(world.serviceCalls[0]?.result?.at).toBe('2026-11-22T02:20:00.000Z');
    expect(world.serviceCalls[1]?.assignment?.scheduledAt).toBe('2026-11-28T06:00:00.000Z');
  });

  it('leaves no urgent call open (the office’s red banner) and stops no supply', () => {
    expect(world.serviceCalls.filter((c) => c.urgent && c.status !== 'closed')).toEqual([]);
    expect(world.serviceCalls.filter((c) => c.result?.outcome === 'unsafe')).toEqual([]);
  });
});

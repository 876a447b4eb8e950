import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { withDerived, type RegisteredCylinder } from '../domain/cylinders/register';
import { aConfirmedOrder, aDraftRoute, aNearbyCustomer, FLEET } from '../domain/routes/test-support/fleet-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

/**
 * The driver app's cylinders to take back (容器管理): those at the route's customers past or near their inspection deadline,
 * and the route's depot's ones the phone must refuse to leave at a door.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const today = taipeiDate(new Date());
const customers = [aNearbyCustomer('cust-1', 1), aNearbyCustomer('cust-2', 2), aNearbyCustomer('cust-3', 3)];
const orders = customers.map((c, i) => aConfirmedOrder(`ord-${i + 1}`, c, today, { items: [{ size: 20, quantity: 1 }] }));
const stopOf = (i: number) => ({ order: orders[i]!, customer: customers[i]! });
const r1 = aDraftRoute({ id: 'col-r1', date: today, vehicle: FLEET.vehicles[0]!, driver: FLEET.drivers[0]!, stops: [stopOf(0), stopOf(1)] });
const r2 = aDraftRoute({ id: 'col-r2', date: today, vehicle: FLEET.vehicles[1]!, driver: FLEET.drivers[1]!, stops: [stopOf(2)] });

/** A steel cylinder from 2015 whose 5-year period, counted from `lastInspectedOn` years back, ends `dueIn` days from today. */
function aCylinder(serial: string, customerId: string, dueIn: number, over: Partial<RegisteredCylinder> = {}): RegisteredCylinder {
  const due = addDays(today, dueIn);
  return withDerived({
    serial,
    size: 20,
    material: 'steel',
    factoryTestedOn: '2015-01-10',
    lastInspectedOn: `${Number(due.slice(0, 4)) - 5}${due.slice(4)}`,
    status: 'inService',
    location: { kind: 'customer', customerId },
    registeredAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });
}
const cylinders = [
  aCylinder('OVER-0001', 'cust-1', -12),
  aCylinder('SOON-0002', 'cust-2', 20, { size: 50 }),
  aCylinder('FINE-0003', 'cust-2', 400),
  aCylinder('AWAY-0004', 'cust-3', -12),
];
const atDepot = (depotId: string) => ({ location: { kind: 'depot', depotId } }) as const;
const depotCylinders = [
  aCylinder('DEPO-OVER', '', -3, atDepot(r1.depotId)),
  aCylinder('DEPO-TODAY', '', 0, atDepot(r1.depotId)),
  aCylinder('DEPO-FINE', '', 1, atDepot(r1.depotId)),
  aCylinder('DEPO-SENT', '', -3, { ...atDepot(r1.depotId), status: 'atInspection' }),
  aCylinder('ELSE-OVER', '', -3, atDepot('depot-elsewhere')),
];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'cylinders-driver', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, { ...planningDay(), customers, orders });
  for (const c of [...cylinders, ...depotCylinders]) await stack.container.db.collection('cylinders').doc(c.serial).set(c);
  for (const r of [r1, r2]) {
    await stack.container.db.collection('routes').doc(r.id).set({ ...r, version: 1 });
    expect((await call('POST', `/api/routes/${r.id}/publish`, { as: 'office' })).status).toBe(200);
  }
});
afterAll(() => stack.close());

describe('cylinders to take back at the stops', () => {
  it("names, for the driver's own route, each stop's cylinders past their deadline or due within 30 days", async () => {
    const res = await call('GET', '/api/driver/routes/col-r1/cylinders-to-collect', { as: 'driver1' });
    expect(res.status).toBe(200);
    const [over, soon] = cylinders;
    expect(res.body).toEqual({
      customers: [
        { customerId: 'cust-1', cylinders: [{ serial: 'OVER-0001', size: 20, nextInspectionDue: over!.nextInspectionDue, overdue: true }] },
        { customerId: 'cust-2', cylinders: [{ serial: 'SOON-0002', size: 50, nextInspectionDue: soon!.nextInspectionDue, overdue: false }] },
      ],
      dueAtDepot: expect.any(Array),
    });
  });

  it("gives the phone the serials and deadlines of the route's depot's cylinders in service due on the route's day or earlier, and no others", async () => {
    const res = await call('GET', '/api/driver/routes/col-r1/cylinders-to-collect', { as: 'driver1' });
    expect(res.status).toBe(200);
    const [over, dueToday] = depotCylinders;
    expect(res.body.dueAtDepot).toEqual([
      { serial: 'DEPO-OVER', nextInspectionDue: over!.nextInspectionDue },
      { serial: 'DEPO-TODAY', nextInspectionDue: dueToday!.nextInspectionDue },
    ]);
  });

  it("answers another driver's route as not found", async () => {
    const res = await call('GET', '/api/driver/routes/col-r2/cylinders-to-collect', { as: 'driver1' });
    expect([res.status, res.body.error.code]).toEqual([404, 'ROUTE.NOT_FOUND']);
  });
});

import { CYLINDER_SIZES } from '../../domain/cylinders';
import { cylinderEventSchema, isOverdue, mustScrap, serialSchema, STEEL_TABLE_CUTOVER } from '../../domain/cylinders/register';
import { taipeiDate } from '../../domain/clock';
import { aCustomer } from '../../domain/test-support/customer-mother';
import { anOrder } from '../../domain/test-support/order-mother';
import { demoCylinders } from './cylinders';
import { DEPOTS } from './fleet';
import { createRng } from './prng';
import { demoStock } from './stock';

const TODAY = '2026-11-28';
const AT = '2026-11-27T23:00:00.000Z';
const customers = Array.from({ length: 120 }, (_, i) => ({
  ...aCustomer().withId(`cust-${i}`).build(),
  cylindersOnSite: [{ size: i % 3 === 0 ? (50 as const) : (20 as const), count: 1 + (i % 3), depositPaid: 0 }],
}));
const orders = [anOrder().withId('o1').forCustomer(customers[0]!).inStatus('confirmed').with({ requestedDate: '2026-11-29', items: [{ size: 20, quantity: 40 }] }).build()];
const { stocks } = demoStock(DEPOTS, orders, TODAY, AT);
const demo = demoCylinders(createRng('cylinders-test'), customers, stocks, TODAY);
const cylinders = demo.map((d) => d.cylinder);

describe('the demo cylinder register', () => {
  it('registers one cylinder for each the customers have on site and each the depots hold, by size', () => {
    const count = (key: string, size: number) => cylinders.filter((c) => c.locationKey === key && c.size === size && c.status === 'inService').length;
    for (const c of customers) for (const l of c.cylindersOnSite) expect(count(`customer:${c.id}`, l.size)).toBe(l.count);
    for (const s of stocks) for (const l of s.lines) expect(count(`depot:${s.depotId}`, l.size)).toBe(l.full + l.empty);
  });

  it('has unique valid serials, some at inspection and some scrapped, steel from both sides of the cut-over and composites', () => {
    expect(new Set(cylinders.map((c) => c.serial)).size).toBe(cylinders.length);
    expect(cylinders.every((c) => serialSchema.safeParse(c.serial).data === c.serial)).toBe(true);
    expect(cylinders.filter((c) => c.status === 'atInspection').every((c) => c.location.kind === 'inspection')).toBe(true);
    expect(cylinders.filter((c) => c.status === 'scrapped').length).toBeGreaterThan(20);
    const steel = cylinders.filter((c) => c.material === 'steel');
    expect(steel.some((c) => c.factoryTestedOn < STEEL_TABLE_CUTOVER) && steel.some((c) => c.factoryTestedOn >= STEEL_TABLE_CUTOVER)).toBe(true);
    expect(cylinders.some((c) => c.material === 'composite')).toBe(true);
    expect(CYLINDER_SIZES.every((size) => cylinders.some((c) => c.size === size))).toBe(true);
  });

  it('has a few overdue cylinders in service, none past its service life, and nothing dated after today', () => {
    const live = cylinders.filter((c) => c.status === 'inService');
    const overdue = live.filter((c) => isOverdue(c, TODAY)).length;
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(live.length / 10);
    expect(live.some((c) => mustScrap(c, TODAY))).toBe(false);
    expect(cylinders.every((c) => c.factoryTestedOn < TODAY && (c.lastInspectedOn ?? '') < TODAY && c.registeredAt < AT)).toBe(true);
  });

  it('never leaves a cylinder at a customer past its 檢驗期限 on the day: the overdue ones wait at a depot, or their deadline came at the customer', () => {
    for (const { cylinder, events } of demo) {
      for (const e of events.filter((e) => e.type === 'delivered')) expect([cylinder.serial, isOverdue(cylinder, taipeiDate(new Date(e.at)))]).toEqual([cylinder.serial, false]);
    }
    const overdue = cylinders.filter((c) => c.status === 'inService' && isOverdue(c, TODAY));
    expect(overdue.filter((c) => c.location.kind === 'depot').length).toBeGreaterThan(2);
    expect(overdue.filter((c) => c.location.kind === 'customer').length).toBeGreaterThan(0);
  });

  it('gives every cylinder a history of valid events, oldest first, each starting where the one before ended and all before today', () => {
    for (const { cylinder, events } of demo) {
      expect(events.map((e) => cylinderEventSchema.safeParse(e).success)).not.toContain(false);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(events.every((e) => e.serial === cylinder.serial && taipeiDate(new Date(e.at)) < TODAY)).toBe(true);
      events.forEach((e, i) => {
        const before = events[i - 1];
        expect(before ? [e.from, e.at > before.at] : [e.type, e.from]).toEqual(before ? [before.to, true] : ['registered', null]);
      });
      expect([cylinder.registeredAt, cylinder.updatedAt]).toEqual([events[0]?.at, events.at(-1)?.at]);
    }
  });

  it("ends each history where the cylinder stands, by a step its status calls for", () => {
    const LAST: Record<string, readonly string[]> = {
      'inService:depot': ['registered', 'inspectionPassed'],
      'inService:customer': ['delivered'],
      'atInspection:inspection': ['sentToInspection'],
      'scrapped:scrapped': ['scrapped', 'inspectionFailed'],
    };
    for (const { cylinder, events } of demo) {
      const last = events.at(-1);
      expect(last?.to).toEqual(cylinder.location);
      expect(LAST[`${cylinder.status}:${cylinder.location.kind}`]).toContain(last?.type);
    }
    // The driver who left it is the customer's district's, and says which customer.
    const delivered = demo.flatMap((d) => d.events.filter((e) => e.type === 'delivered'));
    expect(delivered.every((e) => e.by.role === 'driver' && e.to.kind === 'customer' && e.customerId === e.to.customerId)).toBe(true);
  });

  it('records the last inspection passed on the day the register has it, each one after being sent to a station', () => {
    let inspected = 0;
    for (const { cylinder, events } of demo) {
      const passed = events.filter((e) => e.type === 'inspectionPassed');
      const registeredOn = taipeiDate(new Date(events[0]?.at ?? ''));
      // Inspected since it was registered: the history has it; before that, the registration carried the date.
      if (cylinder.lastInspectedOn && cylinder.lastInspectedOn > registeredOn) {
        inspected++;
        expect(passed.at(-1)?.inspectedOn).toBe(cylinder.lastInspectedOn);
        expect(taipeiDate(new Date(passed.at(-1)?.at ?? ''))).toBe(cylinder.lastInspectedOn);
      } else {
        expect(passed).toEqual([]);
      }
      for (const p of [...passed, ...events.filter((e) => e.type === 'inspectionFailed')]) {
        const before = events[events.indexOf(p) - 1];
        expect([before?.type, before?.station]).toEqual(['sentToInspection', p.station]);
      }
    }
    expect(inspected).toBeGreaterThan(cylinders.length / 3);
  });

  it('is the same every time', () => {
    expect(demoCylinders(createRng('cylinders-test'), customers, stocks, TODAY)).toEqual(demo);
  });
});

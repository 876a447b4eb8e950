import { cylindersToCollect } from './collect';
import { aRegisteredCylinder } from '../../test-support';
import type { RegisteredCylinder } from './cylinder';

const DAY = '2026-11-30';
const at = (customerId: string) => ({ kind: 'customer', customerId }) as const;

const aCylinder = (serial: string, lastInspectedOn: string, over: Partial<RegisteredCylinder> = {}) =>
  aRegisteredCylinder(serial, { lastInspectedOn, location: at('cust-a'), ...over });

describe('cylinders a driver takes back on the route’s day', () => {
  it('names, per stop, the cylinders there past their deadline and those due within 30 days, earliest first', () => {
    const register = [
      aCylinder('A-SOON', '2021-12-20'),
      aCylinder('A-LATE', '2021-11-20'),
      aCylinder('A-FINE', '2022-05-01'),
      aCylinder('A-EDGE', '2021-12-30'),
      aCylinder('A-AFTER', '2021-12-31'),
      aCylinder('B-TODAY', '2021-11-30', { location: at('cust-b'), size: 50 }),
      aCylinder('C-AWAY', '2021-11-20', { location: at('cust-c') }),
    ];
    expect(cylindersToCollect(['cust-a', 'cust-b', 'cust-d'], register, DAY, [])).toEqual({
      customers: [
        {
          customerId: 'cust-a',
          cylinders: [
            { serial: 'A-LATE', size: 20, nextInspectionDue: '2026-11-20', overdue: true },
            { serial: 'A-SOON', size: 20, nextInspectionDue: '2026-12-20', overdue: false },
            { serial: 'A-EDGE', size: 20, nextInspectionDue: '2026-12-30', overdue: false },
          ],
        },
        // Due on the route's day itself: still within its deadline, but not by the next visit.
        { customerId: 'cust-b', cylinders: [{ serial: 'B-TODAY', size: 50, nextInspectionDue: '2026-11-30', overdue: false }] },
      ],
      dueAtDepot: [],
    });
  });

  it('leaves out what is no longer in service there, and names a customer with two stops once', () => {
    const register = [
      aCylinder('GONE', '2021-11-20', { status: 'atInspection', location: { kind: 'inspection' } }),
      aCylinder('SCRAP', '2021-11-20', { status: 'scrapped', location: { kind: 'scrapped' } }),
      aCylinder('HERE', '2021-11-20'),
    ];
    expect(cylindersToCollect(['cust-a', 'cust-a'], register, DAY, []).customers).toEqual([
      { customerId: 'cust-a', cylinders: [{ serial: 'HERE', size: 20, nextInspectionDue: '2026-11-20', overdue: true }] },
    ]);
  });

  it('passes on the depot’s cylinders in service due on the route’s day or earlier, serial and deadline only, for the phone to refuse at the door', () => {
    const depot = { kind: 'depot', depotId: 'depot-a' } as const;
    const atDepot = [
      aCylinder('D-LATE', '2021-11-20', { location: depot }),
      aCylinder('D-TODAY', '2021-11-30', { location: depot }),
      aCylinder('D-FINE', '2021-12-01', { location: depot }),
      aCylinder('D-SENT', '2021-11-20', { status: 'atInspection', location: { kind: 'inspection' } }),
    ];
    expect(cylindersToCollect([], [], DAY, atDepot).dueAtDepot).toEqual([
      { serial: 'D-LATE', nextInspectionDue: '2026-11-20' },
      { serial: 'D-TODAY', nextInspectionDue: '2026-11-30' },
    ]);
  });
});

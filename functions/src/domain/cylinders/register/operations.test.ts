import { DomainError } from '../../errors';
import { aRegisteredCylinder } from '../../test-support';
import type { RegisteredCylinder } from './cylinder';
import { overdueRefusal } from './door';
import {
  deliverCylinders,
  deliveryCylinderSerialsSchema,
  moveCylinders,
  moveCylindersInputSchema,
  recordInspectionResults,
  registerCylinders,
  registerCylindersInputSchema,
  scrapCylinders,
  sendToInspection,
  type OperationContext,
} from './operations';

const ctx: OperationContext = { id: 'op-1', by: { uid: 'u-office', role: 'office' }, now: new Date('2026-11-28T02:00:00Z'), today: '2026-11-28' };
const atDepot = { kind: 'depot', depotId: 'depot-a' } as const;

const register = (...cs: RegisteredCylinder[]) => new Map(cs.map((c) => [c.serial, c]));

/** The error a call throws, for its code and details. */
function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('nothing thrown');
}

describe('register input', () => {
  it('upper-cases and trims serials and refuses one given twice, in any case', () => {
    const ok = registerCylindersInputSchema.parse({ depotId: 'd', cylinders: [{ serial: ' tw-0001 ', size: 20, factoryTestedOn: '2020-01-01' }] });
    expect(ok.cylinders[0]).toMatchObject({ serial: 'TW-0001', material: 'steel', lastInspectedOn: null });
    const twice = registerCylindersInputSchema.safeParse({ depotId: 'd', cylinders: [{ serial: 'tw-0001', size: 20, factoryTestedOn: '2020-01-01' }, { serial: 'TW-0001', size: 20, factoryTestedOn: '2020-01-01' }] });
    expect(twice.success).toBe(false);
  });
  it('refuses serials too short, too long or with other characters, and 501 cylinders', () => {
    for (const serial of ['AB1', 'A'.repeat(21), 'TW_0001', 'TW 0001']) {
      expect(registerCylindersInputSchema.safeParse({ depotId: 'd', cylinders: [{ serial, size: 20, factoryTestedOn: '2020-01-01' }] }).success).toBe(false);
    }
    const many = Array.from({ length: 501 }, (_, i) => ({ serial: `S${String(i).padStart(4, '0')}`, size: 20, factoryTestedOn: '2020-01-01' }));
    expect(registerCylindersInputSchema.safeParse({ depotId: 'd', cylinders: many }).success).toBe(false);
    expect(registerCylindersInputSchema.safeParse({ depotId: 'd', cylinders: many.slice(0, 500) }).success).toBe(true);
  });
});

describe('registerCylinders', () => {
  const input = registerCylindersInputSchema.parse({ depotId: 'depot-a', cylinders: [{ serial: 'N-0001', size: 50, factoryTestedOn: '2024-06-01' }] });
  it('puts new cylinders in service at the depot with their deadline and a registered event', () => {
    const [made] = registerCylinders(input, [], ctx);
    expect(made?.cylinder).toMatchObject({ serial: 'N-0001', status: 'inService', locationKey: 'depot:depot-a', nextInspectionDue: '2029-06-01', retiresOn: '2054-06-01' });
    expect(made?.event).toMatchObject({ id: 'op-1', type: 'registered', from: null, to: atDepot });
  });
  it('refuses the whole batch when any serial is registered already, naming them', () => {
    const e = thrown(() => registerCylinders(input, ['N-0001'], ctx));
    expect([e.code, e.kind, e.details?.['serials']]).toEqual(['CYLINDER.ALREADY_REGISTERED', 'conflict', ['N-0001']]);
  });
  it('refuses a factory test after today', () => {
    const future = registerCylindersInputSchema.parse({ depotId: 'depot-a', cylinders: [{ serial: 'N-0002', size: 20, factoryTestedOn: '2026-11-29' }] });
    expect(thrown(() => registerCylinders(future, [], ctx)).details?.['errors']).toEqual([{ serial: 'N-0002', code: 'CYLINDER.FUTURE_DATE' }]);
  });
});

describe('send to inspection and its results', () => {
  it('sends depot cylinders; the pass brings them back with a new deadline, the failure scraps', () => {
    const sent = sendToInspection({ serials: ['A-0001', 'A-0002'], station: '新北檢驗場' }, register(aRegisteredCylinder('A-0001'), aRegisteredCylinder('A-0002')), ctx);
    expect(sent.map((s) => [s.cylinder.status, s.cylinder.locationKey, s.event.type])).toEqual([
      ['atInspection', 'inspection', 'sentToInspection'],
      ['atInspection', 'inspection', 'sentToInspection'],
    ]);
    const back = recordInspectionResults(
      { depotId: 'depot-b', results: [{ serial: 'A-0001', result: 'passed', inspectedOn: '2026-11-27' }, { serial: 'A-0002', result: 'failed', inspectedOn: '2026-11-27' }] },
      register(...sent.map((s) => s.cylinder)),
      { ...ctx, id: 'op-2' },
    );
    expect(back.map((b) => [b.cylinder.status, b.cylinder.locationKey, b.cylinder.lastInspectedOn, b.event.type, b.event.station])).toEqual([
      ['inService', 'depot:depot-b', '2026-11-27', 'inspectionPassed', '新北檢驗場'],
      ['scrapped', 'scrapped', '2022-05-01', 'inspectionFailed', '新北檢驗場'],
    ]);
    expect(back[0]?.cylinder.nextInspectionDue).toBe('2031-11-27');
  });
  it('refuses the whole batch with every bad serial and its reason', () => {
    const current = register(aRegisteredCylinder('A-0001'), aRegisteredCylinder('B-0001', { location: { kind: 'customer', customerId: 'c1' } }), aRegisteredCylinder('C-0001', { status: 'scrapped', location: { kind: 'scrapped' } }), aRegisteredCylinder('D-0001', { factoryTestedOn: '1996-11-01', size: 50 }));
    const e = thrown(() => sendToInspection({ serials: ['A-0001', 'B-0001', 'C-0001', 'D-0001', 'X-0001'] }, current, ctx));
    expect(e.code).toBe('CYLINDER.BATCH_REFUSED');
    expect(e.details?.['errors']).toEqual([
      { serial: 'B-0001', code: 'CYLINDER.AT_CUSTOMER' },
      { serial: 'C-0001', code: 'CYLINDER.SCRAPPED' },
      { serial: 'D-0001', code: 'CYLINDER.PAST_SERVICE_LIFE' },
      { serial: 'X-0001', code: 'CYLINDER.NOT_REGISTERED' },
    ]);
  });
  it('refuses results for a cylinder not sent, dated after today or before its last inspection, or a pass past its service life', () => {
    const at = { status: 'atInspection', location: { kind: 'inspection' } } as const;
    const current = register(aRegisteredCylinder('A-0001'), aRegisteredCylinder('B-0001', at), aRegisteredCylinder('C-0001', at), aRegisteredCylinder('D-0001', { ...at, factoryTestedOn: '1996-11-01', lastInspectedOn: '2025-11-01', size: 50 }));
    const e = thrown(() =>
      recordInspectionResults(
        {
          depotId: 'depot-a',
          results: [
            { serial: 'A-0001', result: 'passed', inspectedOn: '2026-11-27' },
            { serial: 'B-0001', result: 'passed', inspectedOn: '2026-11-29' },
            { serial: 'C-0001', result: 'passed', inspectedOn: '2022-04-30' },
            { serial: 'D-0001', result: 'passed', inspectedOn: '2026-11-01' },
          ],
        },
        current,
        ctx,
      ),
    );
    expect((e.details?.['errors'] as { code: string }[]).map((x) => x.code)).toEqual(['CYLINDER.NOT_AT_INSPECTION', 'CYLINDER.FUTURE_DATE', 'CYLINDER.INSPECTED_BEFORE_LAST', 'CYLINDER.PAST_SERVICE_LIFE']);
  });
});

describe('scrap and move', () => {
  it('scraps from a depot with the reason, not a cylinder at a customer', () => {
    const [s] = scrapCylinders({ serials: ['A-0001'], reason: '鏽蝕' }, register(aRegisteredCylinder('A-0001')), ctx);
    expect([s?.cylinder.status, s?.event.reason]).toEqual(['scrapped', '鏽蝕']);
    expect(thrown(() => scrapCylinders({ serials: ['A-0001'], reason: 'x' }, register(aRegisteredCylinder('A-0001', { location: { kind: 'customer', customerId: 'c' } })), ctx)).code).toBe('CYLINDER.BATCH_REFUSED');
  });
  it('moves between depots, full or empty as the office says, not to the depot it stands at', () => {
    const [m] = moveCylinders({ serials: ['A-0001'], toDepotId: 'depot-b', state: 'full' }, register(aRegisteredCylinder('A-0001')), ctx);
    expect([m?.cylinder.locationKey, m?.event.from, m?.event.type, m?.event.state]).toEqual(['depot:depot-b', atDepot, 'moved', 'full']);
    expect(thrown(() => moveCylinders({ serials: ['A-0001'], toDepotId: 'depot-a', state: 'empty' }, register(aRegisteredCylinder('A-0001')), ctx)).details?.['errors']).toEqual([{ serial: 'A-0001', code: 'CYLINDER.ALREADY_THERE' }]);
  });

  it('asks whether the cylinders move full or empty: the register cannot tell', () => {
    expect(moveCylindersInputSchema.safeParse({ serials: ['A-0001'], toDepotId: 'depot-b' }).success).toBe(false);
    expect(moveCylindersInputSchema.safeParse({ serials: ['A-0001'], toDepotId: 'depot-b', state: 'half' }).success).toBe(false);
  });
});

describe('deliverCylinders', () => {
  const delivery = { ...ctx, orderId: 'ord-1', customerId: 'cust-1', depotId: 'depot-a', day: '2026-11-28' };
  it('leaves delivered cylinders with the customer and brings collected ones to the route depot', () => {
    const current = register(aRegisteredCylinder('A-0001'), aRegisteredCylinder('B-0001', { location: { kind: 'customer', customerId: 'cust-1' } }));
    const r = deliverCylinders({ delivered: ['A-0001'], collected: ['B-0001', 'Z-0001'] }, current, delivery);
    expect(r.changes.map((c) => [c.cylinder.locationKey, c.event.type, c.event.id, c.event.orderId])).toEqual([
      ['customer:cust-1', 'delivered', 'dlv-op-1', 'ord-1'],
      ['depot:depot-a', 'collected', 'col-op-1', 'ord-1'],
    ]);
    expect(r.unknownSerials).toEqual(['Z-0001']);
  });
  it('refuses a cylinder past its deadline on the day delivered, naming it, but not on the deadline itself', () => {
    const due = aRegisteredCylinder('A-0001', { factoryTestedOn: '2016-01-01', lastInspectedOn: '2021-11-28' });
    expect(due.nextInspectionDue).toBe('2026-11-28');
    expect(deliverCylinders({ delivered: ['A-0001'], collected: [] }, register(due), delivery).changes).toHaveLength(1);
    const e = thrown(() => deliverCylinders({ delivered: ['A-0001'], collected: [] }, register(due), { ...delivery, day: '2026-11-29' }));
    expect([e.code, e.kind, e.details?.['serial']]).toEqual(['CYLINDER.INSPECTION_OVERDUE', 'precondition', 'A-0001']);
    // The phone refuses it offline with the same function, from the serial and deadline it was given.
    expect(e.details?.['errors']).toEqual([overdueRefusal({ serial: 'A-0001', nextInspectionDue: '2026-11-28' }, '2026-11-29')]);
  });
  it('refuses an unregistered cylinder or one at inspection', () => {
    expect(thrown(() => deliverCylinders({ delivered: ['X-0001'], collected: [] }, register(), delivery)).code).toBe('CYLINDER.NOT_REGISTERED');
    const at = aRegisteredCylinder('A-0001', { status: 'atInspection', location: { kind: 'inspection' } });
    expect(thrown(() => deliverCylinders({ delivered: ['A-0001'], collected: [] }, register(at), delivery)).code).toBe('CYLINDER.NOT_IN_SERVICE');
  });
  it('refuses a serial named both delivered and collected', () => {
    expect(deliveryCylinderSerialsSchema.safeParse({ delivered: ['a-0001'], collected: ['A-0001'] }).success).toBe(false);
  });
});

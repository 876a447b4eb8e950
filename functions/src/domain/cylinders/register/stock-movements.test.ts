import { aRegisteredCylinder } from '../../test-support';
import type { RegisteredCylinder } from './cylinder';
import { moveCylinders, recordInspectionResults, scrapCylinders, sendToInspection, type OperationContext } from './operations';
import { registerStockMovements } from './stock-movements';

const ctx: OperationContext = { id: 'cyl-op1', by: { uid: 'u-office', role: 'office' }, now: new Date('2026-11-28T02:00:00Z'), today: '2026-11-28' };

const register = (...cs: RegisteredCylinder[]) => new Map(cs.map((c) => [c.serial, c]));
const atStation = { status: 'atInspection', location: { kind: 'inspection', station: '新北容器檢驗場' } } as const;

describe('the register’s batches in the depot stock', () => {
  it('takes the cylinders sent to inspection out of each depot they stood at, one movement per depot naming them', () => {
    const current = register(aRegisteredCylinder('A-0001'), aRegisteredCylinder('A-0002', { size: 50 }), aRegisteredCylinder('B-0001', { location: { kind: 'depot', depotId: 'depot-b' } }));
    const moves = registerStockMovements(sendToInspection({ serials: ['A-0001', 'B-0001', 'A-0002'], station: '新北容器檢驗場' }, current, ctx));
    expect(moves).toEqual([
      {
        id: 'cyl-op1',
        depotId: 'depot-a',
        by: ctx.by,
        at: ctx.now,
        detail: { kind: 'toInspection', cylinders: [{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }], serials: ['A-0001', 'A-0002'], note: '新北容器檢驗場' },
      },
      { id: 'cyl-op1', depotId: 'depot-b', by: ctx.by, at: ctx.now, detail: { kind: 'toInspection', cylinders: [{ size: 20, quantity: 1 }], serials: ['B-0001'], note: '新北容器檢驗場' } },
    ]);
  });

  it('brings the passed ones back into the depot named and leaves the failed ones out: they left the yard when sent', () => {
    const current = register(aRegisteredCylinder('A-0001', atStation), aRegisteredCylinder('A-0002', atStation), aRegisteredCylinder('A-0003', atStation));
    const results = ['passed', 'failed', 'passed'].map((result, i) => ({ serial: `A-000${i + 1}`, result: result as 'passed' | 'failed', inspectedOn: '2026-11-27' }));
    const moves = registerStockMovements(recordInspectionResults({ depotId: 'depot-b', results }, current, ctx));
    expect(moves.map((m) => [m.depotId, m.detail])).toEqual([['depot-b', { kind: 'fromInspection', cylinders: [{ size: 20, quantity: 2 }], serials: ['A-0001', 'A-0003'], note: '新北容器檢驗場' }]]);
  });

  it('takes a cylinder scrapped at a depot out of its empties with the reason, and moves nothing for one scrapped at the station', () => {
    const current = register(aRegisteredCylinder('A-0001'), aRegisteredCylinder('A-0002', atStation));
    const moves = registerStockMovements(scrapCylinders({ serials: ['A-0001', 'A-0002'], reason: '瓶身鏽蝕' }, current, ctx));
    expect(moves.map((m) => [m.depotId, m.detail])).toEqual([['depot-a', { kind: 'scrapped', cylinders: [{ size: 20, quantity: 1 }], serials: ['A-0001'], note: '瓶身鏽蝕' }]]);
  });

  it('moves the cylinders moved between depots out of each depot they stood at and into the one named, full or empty as the office said', () => {
    const current = register(aRegisteredCylinder('A-0001'), aRegisteredCylinder('A-0002', { size: 50 }), aRegisteredCylinder('B-0001', { location: { kind: 'depot', depotId: 'depot-b' } }));
    const moves = registerStockMovements(moveCylinders({ serials: ['A-0001', 'B-0001', 'A-0002'], toDepotId: 'depot-c', state: 'full' }, current, ctx));
    const fields = (cylinders: { size: number; quantity: number }[], serials: string[]) => ({ cylinders, serials, note: '', state: 'full' });
    expect(moves.map((m) => [m.id, m.depotId, m.detail])).toEqual([
      ['cyl-op1', 'depot-a', { kind: 'transferOut', ...fields([{ size: 20, quantity: 1 }, { size: 50, quantity: 1 }], ['A-0001', 'A-0002']), toDepotId: 'depot-c' }],
      ['cyl-op1', 'depot-c', { kind: 'transferIn', ...fields([{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }], ['A-0001', 'B-0001', 'A-0002']), fromDepotIds: ['depot-a', 'depot-b'] }],
      ['cyl-op1', 'depot-b', { kind: 'transferOut', ...fields([{ size: 20, quantity: 1 }], ['B-0001']), toDepotId: 'depot-c' }],
    ]);
  });
});

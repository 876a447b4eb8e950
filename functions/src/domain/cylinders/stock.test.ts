import { DomainError } from '../errors';
import {
  applyMovement,
  claimsShortOfStock,
  dayCover,
  deliveredAfterSettlement,
  emptyStock,
  manualMovementInputSchema,
  moveReplacedMovement,
  settlementDepotId,
  settlementDetail,
  settlementMovementId,
  unsettledDays,
  unsettledOut,
  type DepotStock,
  type MovementDetail,
  type StockMovement,
} from './stock';

const office = { uid: 'u-office', role: 'office' as const };
const at = new Date('2030-01-15T10:00:00Z');

/** A depot's stock from `{size: [full, empty]}`; sizes not given are at zero. */
function aStock(counts: Record<number, [number, number]>, depotId = 'depot-a'): DepotStock {
  return { ...emptyStock(depotId), lines: emptyStock(depotId).lines.map((l) => ({ size: l.size, full: counts[l.size]?.[0] ?? 0, empty: counts[l.size]?.[1] ?? 0 })) };
}
const figures = (stock: DepotStock) => Object.fromEntries(stock.lines.filter((l) => l.full !== 0 || l.empty !== 0).map((l) => [l.size, [l.full, l.empty]]));
const apply = (stock: DepotStock, detail: MovementDetail, previous?: StockMovement, replace = false) =>
  applyMovement(stock, detail, { id: 'mov-1', depotId: 'depot-a', by: office, at, previous, replace });
const parse = (input: unknown) => manualMovementInputSchema.parse(input);

describe('cylinder stock', () => {
  it('starts every size at zero, sizes ascending', () => {
    expect(emptyStock('depot-a').lines.map((l) => [l.size, l.full, l.empty])).toEqual([
      [4, 0, 0],
      [10, 0, 0],
      [16, 0, 0],
      [20, 0, 0],
      [50, 0, 0],
    ]);
  });

  it('sends empties to the filling plant and takes back fulls, the two counts differing', () => {
    const { stock, movement, changed } = apply(aStock({ 20: [10, 40] }), parse({ kind: 'refill', emptiesSent: [{ size: 20, quantity: 40 }], fullsReceived: [{ size: 20, quantity: 38 }] }));
    expect(changed).toBe(true);
    expect(figures(stock)).toEqual({ 20: [48, 0] });
    expect(movement).toMatchObject({ id: 'mov-1', kind: 'refill', changes: [{ size: 20, full: 38, empty: -40 }], by: office, at: at.toISOString(), revisions: 0 });
    expect(stock).toMatchObject({ lastMovementId: 'mov-1', updatedAt: at.toISOString() });
  });

  describe('at the filling plant (在分裝場)', () => {
    const atPlant = (stock: DepotStock) => Object.fromEntries(stock.lines.flatMap((l) => (l.atPlant ? [[l.size, l.atPlant]] : [])));
    const owned = (stock: DepotStock) => stock.lines.map((l) => l.full + l.empty + (l.atPlant ?? 0));
    const sent28Back14 = () => apply(aStock({ 20: [0, 28] }), parse({ kind: 'refill', emptiesSent: [{ size: 20, quantity: 28 }], fullsReceived: [{ size: 20, quantity: 14 }] }));

    it('keeps the empties a partial refill left at the plant, and a later refill of them brings them back full or unfilled, the cylinders owned the same throughout', () => {
      const partial = sent28Back14();
      expect([figures(partial.stock), atPlant(partial.stock)]).toEqual([{ 20: [14, 0] }, { 20: 14 }]);
      expect(partial.movement.changes).toEqual([{ size: 20, full: 14, empty: -28, atPlant: 14 }]);
      const rest = applyMovement(partial.stock, parse({ kind: 'refill', fullsReceived: [{ size: 20, quantity: 10 }], emptiesReturned: [{ size: 20, quantity: 4 }] }), { id: 'mov-2', depotId: 'depot-a', by: office, at, previous: undefined });
      expect([figures(rest.stock), atPlant(rest.stock)]).toEqual([{ 20: [24, 4] }, {}]);
      expect(rest.stock.lines.find((l) => l.size === 20)).not.toHaveProperty('atPlant');
      expect(rest.movement.changes).toEqual([{ size: 20, full: 10, empty: 4, atPlant: -14 }]);
      expect([owned(partial.stock), owned(rest.stock)]).toEqual([owned(aStock({ 20: [0, 28] })), owned(aStock({ 20: [0, 28] }))]);
    });

    it('refuses a refill bringing back more than is at the plant, counting the empties it sends, as a precondition naming the size and both figures', () => {
      const partial = sent28Back14().stock;
      const tooMany = parse({ kind: 'refill', fullsReceived: [{ size: 20, quantity: 12 }], emptiesReturned: [{ size: 20, quantity: 3 }] });
      expect(() => apply(partial, tooMany)).toThrow(expect.objectContaining({ code: 'STOCK.MORE_BACK_THAN_AT_PLANT', kind: 'precondition', details: { size: 20, have: 14, asked: 15 } }));
      const newFulls = parse({ kind: 'refill', emptiesSent: [{ size: 50, quantity: 2 }], fullsReceived: [{ size: 50, quantity: 3 }] });
      expect(() => apply(aStock({ 50: [0, 2] }), newFulls)).toThrow(expect.objectContaining({ code: 'STOCK.MORE_BACK_THAN_AT_PLANT', details: { size: 50, have: 2, asked: 3 } }));
      expect(figures(apply(partial, parse({ kind: 'refill', fullsReceived: [{ size: 20, quantity: 14 }] })).stock)).toEqual({ 20: [28, 0] });
    });

    it('leaves the count at the plant to a stocktake of the yard, and sets it when the stocktake gives the plant’s figure', () => {
      const partial = sent28Back14().stock;
      const yard = apply(partial, parse({ kind: 'count', counted: [{ size: 20, full: 13, empty: 0 }] }));
      expect([figures(yard.stock), atPlant(yard.stock), yard.movement.changes]).toEqual([{ 20: [13, 0] }, { 20: 14 }, [{ size: 20, full: -1, empty: 0 }]]);
      const plant = apply(partial, parse({ kind: 'count', counted: [{ size: 20, full: 14, empty: 0, atPlant: 10 }] }));
      expect([atPlant(plant.stock), plant.movement.changes]).toEqual([{ 20: 10 }, [{ size: 20, full: 0, empty: 0, atPlant: -4 }]]);
    });
  });

  it('adds purchased cylinders as fulls and retires from fulls or empties', () => {
    const bought = apply(aStock({}), parse({ kind: 'purchase', cylinders: [{ size: 50, quantity: 4 }, { size: 4, quantity: 2 }] })).stock;
    expect(figures(bought)).toEqual({ 4: [2, 0], 50: [4, 0] });
    expect(figures(apply(aStock({ 20: [5, 3] }), parse({ kind: 'retire', from: 'empty', cylinders: [{ size: 20, quantity: 2 }] })).stock)).toEqual({ 20: [5, 1] });
    expect(figures(apply(aStock({ 20: [5, 3] }), parse({ kind: 'retire', from: 'full', cylinders: [{ size: 20, quantity: 5 }] })).stock)).toEqual({ 20: [0, 3] });
  });

  it('refuses a movement that would take a count below zero, naming the size in zh-TW and en terms', () => {
    const attempt = () => apply(aStock({ 20: [5, 3] }), parse({ kind: 'refill', emptiesSent: [{ size: 20, quantity: 4 }] }));
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (err) {
      expect(err).toMatchObject({ code: 'STOCK.NOT_ENOUGH_EMPTY', kind: 'conflict', details: { size: 20, have: 3, asked: 4 } });
    }
    expect(() => apply(aStock({ 16: [1, 0] }), parse({ kind: 'retire', from: 'full', cylinders: [{ size: 16, quantity: 2 }] }))).toThrow(
      expect.objectContaining({ code: 'STOCK.NOT_ENOUGH_FULL' }),
    );
  });

  it('lets a purchase through while another size is already negative from the road', () => {
    expect(figures(apply(aStock({ 20: [-3, 0] }), parse({ kind: 'purchase', cylinders: [{ size: 50, quantity: 1 }] })).stock)).toEqual({ 20: [-3, 0], 50: [1, 0] });
  });

  it('replaces counted sizes with a stocktake, records the difference, and leaves sizes not counted alone', () => {
    const { stock, movement } = apply(aStock({ 20: [10, 4], 50: [2, 2] }), parse({ kind: 'count', counted: [{ size: 20, full: 8, empty: 5 }] }));
    expect(figures(stock)).toEqual({ 20: [8, 5], 50: [2, 2] });
    expect(movement.changes).toEqual([{ size: 20, full: -2, empty: 1 }]);
    expect(figures(apply(aStock({ 20: [-6, 0] }), parse({ kind: 'count', counted: [{ size: 20, full: 0, empty: 0 }] })).stock)).toEqual({});
  });

  it('answers a stored movement again for the same id, changing nothing', () => {
    const first = apply(aStock({}), parse({ kind: 'purchase', cylinders: [{ size: 20, quantity: 3 }] }));
    const again = apply(first.stock, parse({ kind: 'purchase', cylinders: [{ size: 20, quantity: 3 }] }), first.movement);
    expect(again).toEqual({ stock: first.stock, movement: first.movement, changed: false });
  });

  describe('the register’s cylinders', () => {
    const named = (kind: 'toInspection' | 'fromInspection' | 'scrapped', quantity: number) => ({ kind, cylinders: [{ size: 20 as const, quantity }], serials: [], note: '' });

    it('takes cylinders sent to inspection or scrapped out of the empties and brings those that passed back into them', () => {
      expect(figures(apply(aStock({ 20: [5, 3] }), named('toInspection', 2)).stock)).toEqual({ 20: [5, 1] });
      expect(figures(apply(aStock({ 20: [5, 3] }), named('scrapped', 1)).stock)).toEqual({ 20: [5, 2] });
      expect(figures(apply(aStock({ 20: [5, 3] }), named('fromInspection', 2)).stock)).toEqual({ 20: [5, 5] });
    });

    it('records a cylinder the register names leaving the yard even when the count has no such empty, so the office sees the count is due', () => {
      expect(figures(apply(aStock({ 20: [5, 0] }), named('toInspection', 1)).stock)).toEqual({ 20: [5, -1] });
      expect(figures(apply(aStock({ 20: [5, 0] }), named('scrapped', 2)).stock)).toEqual({ 20: [5, -2] });
    });

    const transfer = (kind: 'transferOut' | 'transferIn', state: 'full' | 'empty', quantity: number): MovementDetail =>
      kind === 'transferOut'
        ? { kind, state, toDepotId: 'depot-b', cylinders: [{ size: 20, quantity }], serials: [], note: '' }
        : { kind, state, fromDepotIds: ['depot-b'], cylinders: [{ size: 20, quantity }], serials: [], note: '' };

    it('moves cylinders moved between depots out of one depot’s fulls or empties and into the other’s, as the office said', () => {
      expect(figures(apply(aStock({ 20: [5, 3] }), transfer('transferOut', 'full', 2)).stock)).toEqual({ 20: [3, 3] });
      expect(figures(apply(aStock({ 20: [5, 3] }), transfer('transferOut', 'empty', 3)).stock)).toEqual({ 20: [5, 0] });
      expect(figures(apply(aStock({ 20: [5, 3] }), transfer('transferIn', 'full', 2)).stock)).toEqual({ 20: [7, 3] });
      expect(figures(apply(aStock({ 20: [5, 3] }), transfer('transferIn', 'empty', 1)).stock)).toEqual({ 20: [5, 4] });
    });

    it('refuses a move out of fulls or empties the depot does not have: full or empty is the office’s word, and the books say it is wrong', () => {
      expect(() => apply(aStock({ 20: [1, 5] }), transfer('transferOut', 'full', 2))).toThrow(
        expect.objectContaining({ code: 'STOCK.NOT_ENOUGH_FULL', kind: 'conflict', details: { size: 20, have: 1, asked: 2 } }),
      );
      expect(() => apply(aStock({ 20: [5, 0] }), transfer('transferOut', 'empty', 1))).toThrow(expect.objectContaining({ code: 'STOCK.NOT_ENOUGH_EMPTY' }));
    });
  });

  describe('a settled day', () => {
    const day = { cylindersDelivered: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }], empties: { collected: [{ size: 20, quantity: 2 }] } };
    const counted = settlementDetail({ date: '2030-01-15', driverId: 'drv-1', emptiesReceived: [{ size: 20, quantity: 3 }] }, day);

    it('sends the delivered fulls out and takes the empties handed in, or those the stops collected when not counted', () => {
      expect(counted).toEqual({ kind: 'settlement', date: '2030-01-15', driverId: 'drv-1', delivered: day.cylindersDelivered, emptiesIn: [{ size: 20, quantity: 3 }], emptiesCounted: true, note: '' });
      expect(settlementDetail({ date: '2030-01-15', driverId: 'drv-1' }, day)).toMatchObject({ emptiesIn: [{ size: 20, quantity: 2 }], emptiesCounted: false });
      expect(settlementMovementId('2030-01-15', 'drv-1')).toBe('settlement-2030-01-15-drv-1');
    });

    it('is recorded even when it takes the stock negative, so the office sees it', () => {
      const { stock } = apply(aStock({ 20: [10, 0] }), counted);
      expect(figures(stock)).toEqual({ 20: [7, 3], 50: [-1, 0] });
    });

    it('applies only the difference when a correction replaces it, and nothing when the correction moves the same', () => {
      const first = apply(aStock({ 20: [10, 0], 50: [5, 0] }), counted);
      const fewer = settlementDetail({ date: '2030-01-15', driverId: 'drv-1', emptiesReceived: [{ size: 20, quantity: 1 }] }, day);
      const fixed = apply(first.stock, fewer, first.movement, true);
      expect(figures(fixed.stock)).toEqual({ 20: [7, 1], 50: [4, 0] });
      expect(fixed.movement).toMatchObject({ changes: [{ size: 20, full: -3, empty: 1 }, { size: 50, full: -1, empty: 0 }], revisions: 1 });
      expect(apply(first.stock, counted, first.movement, true)).toEqual({ stock: first.stock, movement: first.movement, changed: false });
    });

    it('takes a correction’s predecessor back at its old depot and applies the correction in full at the new one when the truck changed depot', () => {
      const first = apply(aStock({ 20: [10, 0], 50: [5, 0] }), counted);
      const fewer = settlementDetail({ date: '2030-01-15', driverId: 'drv-1', emptiesReceived: [{ size: 20, quantity: 1 }] }, day);
      const later = new Date('2030-01-16T02:00:00Z');
      const { taken, applied } = moveReplacedMovement(first.stock, aStock({ 20: [4, 4] }, 'depot-b'), fewer, { id: 'mov-1', depotId: 'depot-b', by: office, at: later, previous: first.movement, replace: true });
      expect(figures(taken.stock)).toEqual({ 20: [10, 0], 50: [5, 0] });
      expect(taken.stock).toMatchObject({ depotId: 'depot-a', lastMovementId: 'mov-1', updatedAt: later.toISOString() });
      expect(taken.movement).toMatchObject({ id: 'mov-1', depotId: 'depot-a', changes: [], revisions: 1, movedTo: 'depot-b', at: later.toISOString(), emptiesIn: [{ size: 20, quantity: 3 }] });
      expect(figures(applied.stock)).toEqual({ 20: [1, 5], 50: [-1, 0] });
      expect(applied.movement).toMatchObject({ depotId: 'depot-b', changes: [{ size: 20, full: -3, empty: 1 }, { size: 50, full: -1, empty: 0 }], revisions: 1, emptiesIn: [{ size: 20, quantity: 1 }] });
      expect(applied.movement).not.toHaveProperty('movedTo');
      expect([taken.changed, applied.changed]).toEqual([true, true]);
      // The correction sent again finds its predecessor at the new depot: nothing more moves.
      expect(applyMovement(applied.stock, fewer, { id: 'mov-1', depotId: 'depot-b', by: office, at: later, previous: applied.movement, replace: true })).toMatchObject({ stock: applied.stock, changed: false });
    });
  });

  it('finds the depot of the truck on the driver’s route, else the route’s depot, else the driver’s usual truck', () => {
    const vehicles = [
      { id: 'veh-1', depotId: 'depot-a' },
      { id: 'veh-2', depotId: 'depot-b' },
    ];
    const driver = { vehicleId: 'veh-1' };
    expect(settlementDepotId([{ id: 'r-2', depotId: 'depot-a', vehicleId: 'veh-1' }, { id: 'r-1', depotId: 'depot-a', vehicleId: 'veh-2' }], vehicles, driver)).toBe('depot-b');
    expect(settlementDepotId([{ id: 'r-1', depotId: 'depot-c' }], vehicles, driver)).toBe('depot-c');
    expect(settlementDepotId([], vehicles, driver)).toBe('depot-a');
    expect(settlementDepotId([], vehicles, { vehicleId: 'veh-9' })).toBeUndefined();
  });

  it('sums the day’s orders by size against every depot’s fulls and gives the shortfalls', () => {
    const orders = [[{ size: 20 as const, quantity: 30 }], [{ size: 20 as const, quantity: 12 }, { size: 50 as const, quantity: 5 }]];
    expect(dayCover(orders, [aStock({ 20: [25, 0], 50: [2, 1] }), aStock({ 20: [20, 9], 16: [-2, 0], 4: [3, 0] }, 'depot-b')], [])).toEqual([
      { size: 4, demand: 0, full: 3, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 16, demand: 0, full: -2, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 20, demand: 42, full: 45, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 0 },
      { size: 50, demand: 5, full: 2, onTrucks: 0, unbooked: 0, earlier: 0, shortfall: 3 },
    ]);
  });

  it('gives the fulls to the earlier days’ open orders first: a later day has what they leave, a size only they want still listed', () => {
    const earlier = [[{ size: 20 as const, quantity: 30 }], [{ size: 20 as const, quantity: 8 }, { size: 16 as const, quantity: 1 }]];
    expect(dayCover([[{ size: 20 as const, quantity: 12 }]], [aStock({ 20: [45, 0] })], [{ size: 20, quantity: 2 }], [], earlier)).toEqual([
      { size: 16, demand: 0, full: 0, onTrucks: 0, unbooked: 0, earlier: 1, shortfall: 0 },
      { size: 20, demand: 12, full: 45, onTrucks: 2, unbooked: 0, earlier: 38, shortfall: 7 },
    ]);
  });

  describe('claims on the fulls (the night’s auto-delivery suggestions)', () => {
    const booked = (stock: DepotStock) => ({ ...stock, lastMovementId: 'mov-count' });
    const claim = (id: string, requestedDate: string, size: 20 | 50, quantity: number) => ({ id, requestedDate, items: [{ size, quantity }] });

    it('gives the fulls left after what is taken to the earliest day first, in the order given within a day; one a size is short for takes none', () => {
      // 9 fulls less 4 taken: the 17th's first claim takes 3, the next (3) and the 50 kg one are short, the 18th's 3 too, its 1 fits.
      const claims = [claim('c-late', '2030-01-18', 20, 3), claim('c-urgent', '2030-01-17', 20, 3), claim('c-next', '2030-01-17', 20, 3), claim('c-big', '2030-01-17', 50, 1), claim('c-small', '2030-01-18', 20, 1)];
      const short = claimsShortOfStock(claims, [booked(aStock({ 20: [6, 0] })), aStock({ 20: [3, 0] }, 'depot-b')], [{ size: 20, quantity: 4 }]);
      expect([...(short ?? [])].sort()).toEqual(['c-big', 'c-late', 'c-next']);
    });

    it('takes off every line taken of a size, as the night gives them: one per booked order, after the trucks’', () => {
      // 40 fulls less 6 on the trucks and 14 + 17 booked leave 3: one claim of 2 fits, the next is short. Only the first
      // line (the trucks’ 6) was taken off before, which left 34 and confirmed both.
      const taken = [{ size: 50 as const, quantity: 6 }, { size: 50 as const, quantity: 14 }, { size: 20 as const, quantity: 2 }, { size: 50 as const, quantity: 17 }];
      const short = claimsShortOfStock([claim('c-first', '2030-01-17', 50, 2), claim('c-second', '2030-01-17', 50, 2)], [booked(aStock({ 50: [40, 0] }))], taken);
      expect([...(short ?? [])]).toEqual(['c-second']);
    });

    it('knows nothing short while no depot ever recorded a movement', () => {
      expect(claimsShortOfStock([claim('c-1', '2030-01-17', 20, 1)], [aStock({})], [])).toBeNull();
    });
  });

  describe('tomorrow’s cover while today’s trucks are out', () => {
    const q = (size: 4 | 10 | 16 | 20 | 50, quantity: number) => [{ size, quantity }];
    const stop = (demand: { size: 4 | 10 | 16 | 20 | 50; quantity: number }[], outcome?: 'delivered' | 'failed') => ({ demand, ...(outcome ? { outcome: { status: outcome } } : {}) });
    // drv-1 delivered 3 × 20 kg and still carries 2 × 20 kg and 1 × 50 kg; drv-2's day is settled; a draft loads nothing.
    const drivers = [
      { driverId: 'drv-1', cylindersDelivered: q(20, 3), settled: false },
      { driverId: 'drv-2', cylindersDelivered: q(20, 7), settled: true },
    ];
    const routes = [
      { driverId: 'drv-1', status: 'in_progress', stops: [stop(q(20, 3), 'delivered'), stop(q(20, 1), 'failed'), stop(q(20, 2)), stop(q(50, 1))] },
      { driverId: 'drv-2', status: 'completed', stops: [stop(q(20, 7), 'delivered'), stop(q(20, 4))] },
      { status: 'draft', stops: [stop(q(20, 9))] },
    ];

    it('counts the fulls delivered by drivers not settled yet and those still on their trucks; a failed stop’s came back, a settled day is off the books', () => {
      expect(unsettledOut(drivers, routes, true)).toEqual([
        { size: 20, quantity: 5 },
        { size: 50, quantity: 1 },
      ]);
    });

    it('leaves the stops still on the trucks to today’s own cover: they are its open orders', () => {
      expect(unsettledOut(drivers, routes, false)).toEqual([{ size: 20, quantity: 3 }]);
    });

    it('takes them off the fulls in stock before weighing the demand', () => {
      expect(dayCover([q(20, 10), q(50, 1)], [aStock({ 20: [12, 0], 50: [1, 0] })], unsettledOut(drivers, routes, true))).toEqual([
        { size: 20, demand: 10, full: 12, onTrucks: 5, unbooked: 0, earlier: 0, shortfall: 3 },
        { size: 50, demand: 1, full: 1, onTrucks: 1, unbooked: 0, earlier: 0, shortfall: 1 },
      ]);
    });

    it('takes the fulls gone unbooked (yesterday unsettled, uploaded after a settlement) off too, a size with only those still listed', () => {
      expect(dayCover([q(20, 10)], [aStock({ 20: [12, 0] })], q(20, 1), [...q(20, 4), ...q(16, 2)])).toEqual([
        { size: 16, demand: 0, full: 0, onTrucks: 0, unbooked: 2, earlier: 0, shortfall: 0 },
        { size: 20, demand: 10, full: 12, onTrucks: 1, unbooked: 4, earlier: 0, shortfall: 3 },
      ]);
    });

    it('names yesterday’s drivers left unsettled with what they delivered and what was loaded for stops with no outcome, and their trucks; a settled one and one with nothing out are not named', () => {
      const yesterday = [
        { driverId: 'drv-1', cylindersDelivered: q(20, 3), settled: false },
        { driverId: 'drv-2', cylindersDelivered: q(20, 7), settled: true },
      ];
      const routesOfYesterday = [
        { driverId: 'drv-1', vehicleId: 'veh-2', status: 'in_progress', stops: [stop(q(20, 3), 'delivered'), stop(q(50, 1))] },
        { driverId: 'drv-1', vehicleId: 'veh-1', status: 'completed', stops: [stop(q(20, 2), 'failed')] },
        { driverId: 'drv-2', vehicleId: 'veh-3', status: 'in_progress', stops: [stop(q(20, 4))] },
        { driverId: 'drv-3', vehicleId: 'veh-4', status: 'completed', stops: [stop(q(20, 2), 'failed')] },
        { driverId: 'drv-4', vehicleId: 'veh-5', status: 'published', stops: [stop(q(16, 2))] },
        { driverId: 'drv-5', vehicleId: 'veh-6', status: 'draft', stops: [stop(q(16, 9))] },
      ];
      expect(unsettledDays(yesterday, routesOfYesterday)).toEqual([
        { driverId: 'drv-1', vehicleIds: ['veh-1', 'veh-2'], cylinders: [...q(20, 3), ...q(50, 1)] },
        { driverId: 'drv-4', vehicleIds: ['veh-5'], cylinders: q(16, 2) },
      ]);
    });

    it('gives the fulls a settled day delivered beyond what its settlement took out: those uploaded after it (日結後補傳), none when it took them all', () => {
      expect(deliveredAfterSettlement([...q(20, 5), ...q(50, 1)], q(20, 3))).toEqual([...q(20, 2), ...q(50, 1)]);
      expect(deliveredAfterSettlement(q(20, 3), q(20, 3))).toEqual([]);
      expect(deliveredAfterSettlement(q(20, 2), q(20, 3))).toEqual([]);
    });
  });

  it('takes only movements that move something, with known sizes', () => {
    for (const bad of [
      { kind: 'refill' },
      { kind: 'purchase', cylinders: [] },
      { kind: 'retire', from: 'broken', cylinders: [{ size: 20, quantity: 1 }] },
      { kind: 'count', counted: [] },
      { kind: 'count', counted: [{ size: 18, full: 1, empty: 0 }] },
      { kind: 'settlement', date: '2030-01-15', driverId: 'drv-1', delivered: [], emptiesIn: [] },
    ]) {
      expect(manualMovementInputSchema.safeParse(bad).success).toBe(false);
    }
    expect(manualMovementInputSchema.safeParse({ kind: 'refill' }).error?.issues[0]?.message).toBe('STOCK.NOTHING_TO_MOVE');
  });
});

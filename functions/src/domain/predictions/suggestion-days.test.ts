import type { Depot, Driver, Vehicle } from '../fleet';
import { depotDailyStops, MAX_SPREAD_DAYS, monthDay, placeByCapacity, type DayCapacity, type SuggestionCandidate } from './suggestion-days';

// 2026-12-09 is a Wednesday.
const candidate = (customerId: string, extra: Partial<SuggestionCandidate> = {}): SuggestionCandidate => ({
  customerId,
  depotId: 'depot-a',
  requestedDate: '2026-12-09',
  safeDeliveryDate: '2026-12-09',
  latestDate: '2026-12-20',
  autoDelivery: false,
  closedDays: [],
  district: '中和區',
  ...extra,
});
const capacity = (stops: number, extra: Partial<DayCapacity> = {}): DayCapacity => ({ closures: [], stopsPerDay: new Map([['depot-a', stops]]), booked: new Map(), ...extra });
const days = (placed: readonly { customerId: string; requestedDate: string }[]): Record<string, string> =>
  Object.fromEntries(placed.map((p) => [p.customerId, p.requestedDate]));

describe('placeByCapacity', () => {
  it('keeps the most urgent on their own day up to the depot stops and moves the rest to the next days, auto-delivery customers first', () => {
    const placed = placeByCapacity(
      [
        candidate('late', { safeDeliveryDate: '2026-12-09' }),
        candidate('overdue', { safeDeliveryDate: '2026-12-01' }),
        candidate('auto', { safeDeliveryDate: '2026-12-12', autoDelivery: true }),
        candidate('soon', { safeDeliveryDate: '2026-12-05' }),
        candidate('other-depot', { depotId: 'depot-b' }),
      ],
      { ...capacity(2), stopsPerDay: new Map([['depot-a', 2], ['depot-b', 1]]) },
    );
    expect(days(placed)).toEqual({ auto: '2026-12-09', overdue: '2026-12-09', soon: '2026-12-10', late: '2026-12-10', 'other-depot': '2026-12-09' });
    expect(placed.find((p) => p.customerId === 'soon')).toMatchObject({ ownDate: '2026-12-09', pastLatest: false });
  });

  it('counts the orders already booked on a day before any suggestion', () => {
    const booked = new Map([['depot-a', new Map([['2026-12-09', 2], ['2026-12-10', 3]])]]);
    const placed = placeByCapacity([candidate('c1'), candidate('c2', { safeDeliveryDate: '2026-12-08' })], capacity(3, { booked }));
    expect(days(placed)).toEqual({ c2: '2026-12-09', c1: '2026-12-11' });
  });

  it("skips the distributor's closures and the customer's closed weekdays", () => {
    const closures = [{ name: '盤點', from: '2026-12-11', to: '2026-12-11' }];
    const placed = placeByCapacity(
      [candidate('first', { safeDeliveryDate: '2026-12-01' }), candidate('no-thursdays', { closedDays: [4] })],
      capacity(1, { closures }),
    );
    expect(days(placed)).toEqual({ first: '2026-12-09', 'no-thursdays': '2026-12-12' });
  });

  it('skips a closure of some districts only for the customers in them', () => {
    const closures = [{ name: '颱風假', from: '2026-12-10', to: '2026-12-10', districts: ['烏來區'] }];
    const placed = placeByCapacity(
      [candidate('first', { safeDeliveryDate: '2026-12-01' }), candidate('wulai', { district: '烏來區' }), candidate('zhonghe')],
      capacity(1, { closures }),
    );
    expect(days(placed)).toEqual({ first: '2026-12-09', wulai: '2026-12-11', zhonghe: '2026-12-10' });
  });

  it('never moves a suggestion earlier than its own day, even with room before it', () => {
    const placed = placeByCapacity([candidate('later', { requestedDate: '2026-12-14', safeDeliveryDate: '2026-12-14' })], capacity(5));
    expect(days(placed)).toEqual({ later: '2026-12-14' });
  });

  it('goes past p90 only for a suggestion that waited out a closure, and says so; any other keeps its own day over capacity', () => {
    const afterClosure = '颱風假';
    const placed = placeByCapacity(
      [
        candidate('urgent', { safeDeliveryDate: '2026-12-01', afterClosure }),
        candidate('waited', { latestDate: '2026-12-09', afterClosure }),
        candidate('due', { latestDate: '2026-12-09' }),
      ],
      capacity(1),
    );
    expect(placed.map(({ customerId, requestedDate, pastLatest }) => ({ customerId, requestedDate, pastLatest }))).toEqual([
      { customerId: 'urgent', requestedDate: '2026-12-09', pastLatest: false },
      { customerId: 'due', requestedDate: '2026-12-09', pastLatest: false },
      { customerId: 'waited', requestedDate: '2026-12-10', pastLatest: true },
    ]);
  });

  it(`stops looking ${MAX_SPREAD_DAYS} days after the own day, and leaves a customer without a depot or a depot without trucks alone`, () => {
    const full = new Map([['depot-a', new Map(Array.from({ length: MAX_SPREAD_DAYS + 1 }, (_, i) => [`2026-12-${String(9 + i).padStart(2, '0')}`, 1] as const))]]);
    const placed = placeByCapacity(
      [candidate('waited', { afterClosure: '颱風假' }), candidate('nowhere', { depotId: undefined }), candidate('no-trucks', { depotId: 'depot-c' })],
      { ...capacity(1, { booked: full }), stopsPerDay: new Map([['depot-a', 1], ['depot-c', 0]]) },
    );
    expect(days(placed)).toEqual({ waited: '2026-12-09', nowhere: '2026-12-09', 'no-trucks': '2026-12-09' });
  });
});

describe('depotDailyStops', () => {
  const depot: Depot = { id: 'depot-a', name: 'A', address: 'x', location: { lat: 25, lng: 121.5 } };
  const truck = (id: string, extra: Partial<Vehicle> = {}): Vehicle => ({ id, plate: 'KLA-1000', capacityKg: 1500, cylinderSlots: 36, depotId: 'depot-a', costPerKm: 10, fixedCost: 1800, ...extra });
  const driver = (vehicleId: string, active = true): Driver => ({ id: `drv-${vehicleId}`, name: 'd', phone: '0912', skills: [], shift: { start: '08:00', end: '17:00' }, vehicleId, active });

  it("counts the depot's trucks in service that have a driver in service, at the stops a truck makes", () => {
    const vehicles = [truck('v1'), truck('v2'), truck('v3', { active: false }), truck('v4', { depotId: 'depot-b' }), truck('v5')];
    const drivers = [driver('v1'), driver('v2'), driver('v3'), driver('v4'), driver('v5', false)];
    expect(depotDailyStops(depot, vehicles, drivers, 12)).toBe(24);
  });
});

it('writes a day as the office does on a note', () => {
  expect([monthDay('2026-12-11'), monthDay('2027-01-02')]).toEqual(['12/11', '1/2']);
});

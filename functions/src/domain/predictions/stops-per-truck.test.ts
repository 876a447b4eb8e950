import { DEFAULT_STOPS_PER_TRUCK } from './suggestion-days';
import { learnedStopsPerTruck, LEARNING_WEEKS, MIN_TRUCK_DAYS, stopsPerTruckUsed, type MadeStop } from './stops-per-truck';

const TODAY = '2026-12-09';
/** A route of `stops` stops on `date`, all served from `depotId` (none: customers without a place). */
const route = (id: string, date: string, stops: number, depotId: string | null = 'depot-a'): MadeStop[] =>
  Array.from({ length: stops }, () => ({ routeId: id, depotId: depotId ?? undefined, date }));

describe('learnedStopsPerTruck', () => {
  it("is the 80th percentile (nearest rank) of the stops per route, each route a truck's day", () => {
    // Twenty routes carrying 1 to 20 stops: the 16th is the 80th percentile.
    const stops = Array.from({ length: 20 }, (_, i) => route(`r${i}`, '2026-12-01', i + 1)).flat();
    expect(learnedStopsPerTruck(stops, TODAY).get('depot-a')).toEqual({ truckDays: 20, stops: 16 });
  });

  it(`learns nothing from fewer than ${MIN_TRUCK_DAYS} truck-days, and counts them`, () => {
    const stops = Array.from({ length: MIN_TRUCK_DAYS - 1 }, (_, i) => route(`r${i}`, '2026-12-01', 30)).flat();
    expect(learnedStopsPerTruck(stops, TODAY).get('depot-a')).toEqual({ truckDays: MIN_TRUCK_DAYS - 1, stops: null });
  });

  it(`reads the ${LEARNING_WEEKS} weeks before today only`, () => {
    const first = '2026-10-14'; // 56 days before 2026-12-09
    const stops = [
      ...Array.from({ length: 20 }, (_, i) => route(`in${i}`, i === 0 ? first : '2026-12-08', 10)).flat(),
      ...route('too-old', '2026-10-13', 50),
      ...route('today', TODAY, 50),
      ...route('tomorrow', '2026-12-10', 50),
    ];
    expect(learnedStopsPerTruck(stops, TODAY).get('depot-a')).toEqual({ truckDays: 20, stops: 10 });
  });

  it('puts a route at the depot most of its stops are served from, counting all its stops, and keeps depots apart', () => {
    const stops = [
      ...route('mixed', '2026-12-01', 3, 'depot-b'),
      ...route('mixed', '2026-12-01', 2, 'depot-a'),
      ...route('mixed', '2026-12-01', 1, null),
      ...route('a-only', '2026-12-01', 4, 'depot-a'),
      ...route('nowhere', '2026-12-01', 4, null),
    ];
    const learned = learnedStopsPerTruck(stops, TODAY);
    expect([...learned].sort()).toEqual([
      ['depot-a', { truckDays: 1, stops: null }],
      ['depot-b', { truckDays: 1, stops: null }],
    ]);
    const many = [...Array.from({ length: 20 }, (_, i) => route(`m${i}`, '2026-12-01', 3, 'depot-b')).flat(), ...Array.from({ length: 20 }, (_, i) => route(`m${i}`, '2026-12-01', 2, 'depot-a')).flat()];
    expect(learnedStopsPerTruck(many, TODAY).get('depot-b')).toEqual({ truckDays: 20, stops: 5 });
  });
});

describe('stopsPerTruckUsed', () => {
  it("takes what the trucks made lately when more than the depot's setting, or the default when it sets none", () => {
    expect(stopsPerTruckUsed({ stopsPerTruck: 18 }, { truckDays: 40, stops: 23 })).toEqual({ stops: 23, source: 'history', truckDays: 40, learned: 23 });
    expect(stopsPerTruckUsed({}, { truckDays: 40, stops: 23 })).toEqual({ stops: 23, source: 'history', truckDays: 40, learned: 23 });
  });

  it('keeps the setting, or the default, when the trucks made fewer stops (a fleet running half empty) or the history is too short', () => {
    expect(stopsPerTruckUsed({ stopsPerTruck: 25 }, { truckDays: 40, stops: 23 })).toEqual({ stops: 25, source: 'setting', truckDays: 40, learned: 23 });
    expect(stopsPerTruckUsed({}, { truckDays: 187, stops: 5 })).toEqual({ stops: DEFAULT_STOPS_PER_TRUCK, source: 'default', truckDays: 187, learned: 5 });
    expect(stopsPerTruckUsed({ stopsPerTruck: 25 }, { truckDays: 5, stops: null })).toEqual({ stops: 25, source: 'setting', truckDays: 5, learned: null });
    expect(stopsPerTruckUsed({}, undefined)).toEqual({ stops: DEFAULT_STOPS_PER_TRUCK, source: 'default', truckDays: 0, learned: null });
  });
});

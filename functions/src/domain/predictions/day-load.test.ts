import { dayLoad, fullDays, fullDaysQuerySchema, type BookedStop, type DayLoadInput } from './day-load';

// 2030-12-02 is a Monday: far from any clock, so the figures hold at any hour.
const orders = (day: string, count: number, quantity = 1): BookedStop[] => Array.from({ length: count }, () => ({ requestedDate: day, items: [{ quantity }] }));
const input = (extra: Partial<DayLoadInput>): DayLoadInput => ({ date: '2030-12-02', booked: [], stopsPerDay: 40, closures: [], district: '中和區', closedDays: [], ...extra });

describe('dayLoad', () => {
  it('counts the orders and cylinders booked on the day against the stops the trucks make, and leaves a day with room unflagged', () => {
    const load = dayLoad(input({ booked: [...orders('2030-12-02', 39, 2), ...orders('2030-12-03', 50)] }));
    expect(load).toEqual({ date: '2030-12-02', orders: 39, cylinders: 78, capacity: 40, full: false, nextDayWithRoom: null });
  });

  it('calls a day full once its orders reach the stops, and offers the next day with a stop left', () => {
    const load = dayLoad(input({ booked: [...orders('2030-12-02', 41), ...orders('2030-12-03', 40), ...orders('2030-12-04', 12)] }));
    expect(load).toMatchObject({ orders: 41, capacity: 40, full: true, nextDayWithRoom: '2030-12-04' });
  });

  it('offers no day the customer is closed or a closure of its district stops, but one closed only elsewhere', () => {
    const booked = orders('2030-12-02', 40);
    const closures = [
      { name: '區域停送', from: '2030-12-03', to: '2030-12-03', districts: ['中和區'] },
      { name: '他區停送', from: '2030-12-05', to: '2030-12-05', districts: ['三重區'] },
    ];
    // 2030-12-04 is a Wednesday, which this customer takes no deliveries on.
    expect(dayLoad(input({ booked, closures, closedDays: [3] })).nextDayWithRoom).toBe('2030-12-05');
  });

  it('offers no day when every day of the following week is full', () => {
    const booked = Array.from({ length: 8 }, (_, i) => orders(`2030-12-0${i + 2}`, 3)).flat();
    expect(dayLoad(input({ booked, stopsPerDay: 3 }))).toMatchObject({ full: true, nextDayWithRoom: null });
  });

  it('flags nothing for a depot without a truck that has a driver: there is no capacity to weigh the day against', () => {
    expect(dayLoad(input({ booked: orders('2030-12-02', 5), stopsPerDay: 0 }))).toMatchObject({ orders: 5, capacity: null, full: false, nextDayWithRoom: null });
  });
});

describe('fullDays', () => {
  it('names the days of the span whose orders reach the stops, each weighed as dayLoad weighs it, from the one list of the span', () => {
    const booked = [...orders('2030-12-01', 9), ...orders('2030-12-02', 3), ...orders('2030-12-03', 2), ...orders('2030-12-05', 4), ...orders('2030-12-09', 3)];
    const days = fullDays(booked, 3, '2030-12-02', '2030-12-08');
    expect(days).toEqual(['2030-12-02', '2030-12-05']);
    for (let i = 2; i <= 8; i += 1) {
      const day = `2030-12-0${i}`;
      expect([day, days.includes(day)]).toEqual([day, dayLoad(input({ date: day, booked, stopsPerDay: 3 })).full]);
    }
  });

  it('names no day at a depot without a truck that has a driver', () => {
    expect(fullDays(orders('2030-12-02', 5), 0, '2030-12-01', '2030-12-31')).toEqual([]);
  });

  it('asks a span that runs forwards and is at most the six weeks a calendar shows', () => {
    const parsed = (from: string, through: string) => fullDaysQuerySchema.safeParse({ from, through }).success;
    expect([parsed('2030-12-01', '2030-12-01'), parsed('2030-11-24', '2031-01-04'), parsed('2030-11-24', '2031-01-05'), parsed('2030-12-02', '2030-12-01')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

import { dayLoad, type BookedStop, type DayLoadInput } from './day-load';

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

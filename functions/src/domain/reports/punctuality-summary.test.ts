import { punctualityByDriver, type PunctualityReport } from './punctuality-summary';

describe("summing drivers' punctuality over days", () => {
  const reports: PunctualityReport[] = [
    { id: 'punctuality-2026-11-26', day: '2026-11-26', drivers: { 'drv-01': { delivered: 10, onTime: 9, late: 1, minutesLate: 25 }, 'drv-02': { delivered: 4, onTime: 4 } } },
    { id: 'punctuality-2026-11-27', day: '2026-11-27', drivers: { 'drv-01': { delivered: 6, onTime: 3, late: 2, early: 1, minutesLate: 35, failed: 1 }, 'drv-03': { delivered: 2, unpromised: 2 } } },
  ];

  it('adds each driver’s days, rates on-time against promised stops only, and averages the minutes of the late ones', () => {
    const { drivers } = punctualityByDriver(reports);
    const one = drivers.find((d) => d.driverId === 'drv-01');
    expect(one).toMatchObject({ delivered: 16, onTime: 12, late: 3, early: 1, failed: 1, minutesLate: 60, averageLate: 20 });
    expect(one?.onTimeRate).toBeCloseTo(12 / 16);
    expect(drivers.find((d) => d.driverId === 'drv-03')).toMatchObject({ delivered: 2, onTimeRate: null, averageLate: null });
  });

  it('lists the least punctual first and those with nothing promised last, with everyone’s total', () => {
    const { drivers, all } = punctualityByDriver(reports);
    expect(drivers.map((d) => d.driverId)).toEqual(['drv-01', 'drv-02', 'drv-03']);
    expect(all).toMatchObject({ delivered: 22, onTime: 16, late: 3, early: 1, unpromised: 2, failed: 1 });
    expect(all.onTimeRate).toBeCloseTo(16 / 20);
  });

  it('gives no rate for no data', () => {
    expect(punctualityByDriver([])).toEqual({ drivers: [], all: expect.objectContaining({ delivered: 0, onTimeRate: null, averageLate: null }) });
  });
});

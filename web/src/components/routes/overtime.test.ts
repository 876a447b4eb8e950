import { overtimeUntil, type Overtime } from './overtime';

const drivers = [
  { id: 'drv-1', vehicleId: 'veh-1', shift: { end: '17:00' } },
  { id: 'drv-2', vehicleId: 'veh-2', shift: { end: '17:00' } },
  { id: 'drv-9', vehicleId: 'veh-9', shift: { end: '20:00' } },
];
const vehicles = [
  { id: 'veh-1', depotId: 'depot-a' },
  { id: 'veh-2', depotId: 'depot-a' },
  { id: 'veh-9', depotId: 'depot-a' },
];
const coldWave: Overtime = { id: 'ot-1', depotId: 'depot-a', driverIds: [], from: '2026-12-02', to: '2026-12-04', end: '19:00', reason: '寒流' };

describe('overtimeUntil', () => {
  it("names the end for a route whose driver, or whose truck's regular driver, an overtime keeps past their shift that day", () => {
    expect(overtimeUntil({ date: '2026-12-03', driverId: 'drv-1' }, [coldWave], drivers, vehicles)).toBe('19:00');
    expect(overtimeUntil({ date: '2026-12-03', vehicleId: 'veh-2' }, [coldWave], drivers, vehicles)).toBe('19:00');
    expect(overtimeUntil({ date: '2026-12-05', driverId: 'drv-1' }, [coldWave], drivers, vehicles)).toBeUndefined();
  });

  it('says nothing for a driver the overtime leaves out or does not keep later than their shift', () => {
    expect(overtimeUntil({ date: '2026-12-03', driverId: 'drv-2' }, [{ ...coldWave, driverIds: ['drv-1'] }], drivers, vehicles)).toBeUndefined();
    expect(overtimeUntil({ date: '2026-12-03', driverId: 'drv-9' }, [coldWave], drivers, vehicles)).toBeUndefined();
  });
});

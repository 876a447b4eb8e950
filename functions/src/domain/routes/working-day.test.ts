import { checkOvertime, type Overtime } from '../fleet';
import { aDriver, aVehicle, DEPOT } from './test-support/fleet-mother';
import { shiftOn, stopClosingsOn, yardOn, type WorkingDays } from './working-day';

const vehicles = [aVehicle('veh-1'), aVehicle('veh-2'), aVehicle('veh-9', { depotId: 'depot-b' })];
const drv1 = aDriver('drv-1', 'veh-1');
const drv2 = aDriver('drv-2', 'veh-2');
const drv9 = aDriver('drv-9', 'veh-9');

const anOvertime = (over: Partial<Overtime> = {}): Overtime => ({
  id: 'ot-1',
  depotId: DEPOT.id,
  driverIds: [],
  from: '2026-12-02',
  to: '2026-12-04',
  end: '19:00',
  reason: '寒流',
  createdBy: { uid: 'u-admin', role: 'admin' },
  createdAt: '2026-12-01T02:00:00.000Z',
  ...over,
});

const days = (over: Partial<WorkingDays> = {}): WorkingDays => ({ closings: [], overtimes: [anOvertime()], vehicles, ...over });

describe('shiftOn: a driver on a day', () => {
  it("keeps every driver of the depot until the overtime's end on its days only, their start and other depots' drivers as they are", () => {
    expect(shiftOn(drv1, '2026-12-02', days()).shift).toEqual({ start: '08:00', end: '19:00' });
    expect(shiftOn(drv2, '2026-12-04', days()).shift).toEqual({ start: '08:00', end: '19:00' });
    expect(shiftOn(drv1, '2026-12-05', days()).shift).toEqual({ start: '08:00', end: '17:00' });
    expect(shiftOn(drv1, '2026-12-01', days()).shift).toEqual({ start: '08:00', end: '17:00' });
    expect(shiftOn(drv9, '2026-12-02', days()).shift).toEqual({ start: '08:00', end: '17:00' });
  });

  it('extends only the drivers an overtime names, to the latest end where several cover a day, and never shortens a day', () => {
    const named = days({ overtimes: [anOvertime({ driverIds: ['drv-2'], end: '18:30' }), anOvertime({ id: 'ot-2', driverIds: ['drv-2'], end: '20:00', from: '2026-12-03' })] });
    expect(shiftOn(drv1, '2026-12-02', named).shift.end).toBe('17:00');
    expect(shiftOn(drv2, '2026-12-02', named).shift.end).toBe('18:30');
    expect(shiftOn(drv2, '2026-12-03', named).shift.end).toBe('20:00');
    expect(shiftOn(aDriver('drv-1', 'veh-1', { shift: { start: '10:00', end: '20:00' } }), '2026-12-02', days()).shift).toEqual({ start: '10:00', end: '20:00' });
  });

  it('ends the day at a closing (提早收工) even under overtime', () => {
    const closing = days({ closings: [{ name: '除夕', from: '2026-12-03', to: '2026-12-03', closesAt: '12:00' }] });
    expect(shiftOn(drv1, '2026-12-03', closing).shift).toEqual({ start: '08:00', end: '12:00' });
    expect(shiftOn(drv1, '2026-12-02', closing).shift).toEqual({ start: '08:00', end: '19:00' });
  });
});

describe('yardOn: the yard on a day', () => {
  const yard = { ...DEPOT, hours: { start: '07:00', end: '18:00' } };

  it("stays open until the latest overtime's end of the drivers it loads, and closes at a closing all the same", () => {
    expect(yardOn(yard, '2026-12-02', [drv1], days()).hours).toEqual({ start: '07:00', end: '19:00' });
    expect(yardOn(yard, '2026-12-05', [drv1], days()).hours).toEqual({ start: '07:00', end: '18:00' });
    expect(yardOn(yard, '2026-12-02', [drv9], days()).hours).toEqual({ start: '07:00', end: '18:00' });
    const closing = days({ closings: [{ name: '除夕', from: '2026-12-02', to: '2026-12-02', closesAt: '12:00' }] });
    expect(yardOn(yard, '2026-12-02', [drv1], closing).hours).toEqual({ start: '07:00', end: '12:00' });
  });
});

describe('checkOvertime', () => {
  const drivers = [drv1, drv2, drv9, aDriver('drv-3', 'veh-2', { shift: { start: '13:00', end: '21:00' } })];

  it("refuses an end not after a covered driver's start, and drivers not of the depot", () => {
    expect(checkOvertime({ depotId: DEPOT.id, end: '19:00', driverIds: ['drv-1', 'drv-2'] }, drivers, vehicles)).toEqual({ ok: true });
    expect(checkOvertime({ depotId: DEPOT.id, end: '13:00' }, drivers, vehicles)).toEqual({ ok: false, code: 'OVERTIME.END_BEFORE_START', driverIds: ['drv-3'] });
    expect(checkOvertime({ depotId: DEPOT.id, end: '19:00', driverIds: ['drv-1', 'drv-9'] }, drivers, vehicles)).toEqual({ ok: false, code: 'OVERTIME.NO_DRIVERS', driverIds: ['drv-9'] });
    expect(checkOvertime({ depotId: 'depot-x', end: '19:00' }, drivers, vehicles)).toMatchObject({ ok: false, code: 'OVERTIME.NO_DRIVERS' });
  });
});

describe('stopClosingsOn: where a day ends early for each stop', () => {
  const eve = { name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' };
  const typhoon = { name: '颱風', from: '2027-02-04', to: '2027-02-05', districts: ['信義區'], closesAt: '10:00' };
  const storm = { name: '豪雨', from: '2027-02-04', to: '2027-02-04', districts: ['中和區'], closesAt: '15:00' };
  const orders = [{ id: 'o-xinyi', district: '信義區' }, { id: 'o-zhonghe', district: '中和區' }, null];

  it("holds a district's stops to its closing and the others to the whole company's, the earliest first", () => {
    expect(stopClosingsOn(orders, [eve, typhoon, storm], '2027-02-05')).toEqual(
      new Map([
        ['o-xinyi', { name: '颱風', closesAt: '10:00' }],
        ['o-zhonghe', { name: '除夕', closesAt: '12:00' }],
      ]),
    );
    expect(stopClosingsOn(orders, [eve, typhoon, storm], '2027-02-04')).toEqual(
      new Map([
        ['o-xinyi', { name: '颱風', closesAt: '10:00' }],
        ['o-zhonghe', { name: '豪雨', closesAt: '15:00' }],
      ]),
    );
    expect(stopClosingsOn(orders, [eve, typhoon, storm], '2027-02-06').size).toBe(0);
  });
});

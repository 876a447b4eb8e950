import { cursorOf, cylinderListQuerySchema, cylinderRegisterCsv, cylinderSummary, parseCursor, summaryCounts, type SummaryCount } from './list';
import { withDerived, type RegisteredCylinder } from './cylinder';

type Row = Pick<RegisteredCylinder, 'size' | 'status' | 'nextInspectionDue'>;
const row = (size: Row['size'], status: Row['status'], nextInspectionDue: string): Row => ({ size, status, nextInspectionDue });
/** What Firestore's `count()` answers for each of the summary's counts over these cylinders. */
const counted = (rows: readonly Row[], today: string) =>
  summaryCounts(today).map((q: SummaryCount) => ({
    ...q,
    count: rows.filter((r) => r.size === q.size && r.status === q.status && (q.dueFrom === undefined || r.nextInspectionDue >= q.dueFrom) && (q.dueBefore === undefined || r.nextInspectionDue < q.dueBefore)).length,
  }));

describe('cylinderSummary', () => {
  it('counts overdue and due-soon cylinders in service only, per size and in all', () => {
    const rows = [
      row(20, 'inService', '2026-11-27'),
      row(20, 'inService', '2026-11-28'),
      row(20, 'inService', '2026-12-28'),
      row(20, 'inService', '2026-12-29'),
      row(50, 'inService', '2027-02-26'),
      row(50, 'atInspection', '2026-01-01'),
      row(4, 'scrapped', '2020-01-01'),
    ];
    const s = cylinderSummary(counted(rows, '2026-11-28'), '2026-11-28');
    expect(s.all).toEqual({ inService: 5, atInspection: 1, scrapped: 1, overdue: 1, dueWithin30: 2, dueWithin90: 4 });
    expect(s.bySize.map((b) => b.size)).toEqual([4, 10, 16, 20, 50]);
    expect(s.bySize.find((b) => b.size === 20)).toMatchObject({ inService: 4, overdue: 1, dueWithin30: 2, dueWithin90: 3 });
    expect(s.total).toBe(7);
  });

  it('asks for each status and the in-service deadline buckets of every size: the last day of a window is in it', () => {
    const counts = summaryCounts('2026-11-28');
    expect(counts).toHaveLength(5 * 6);
    expect(counts.filter((c) => c.size === 20)).toEqual([
      { size: 20, name: 'inService', status: 'inService' },
      { size: 20, name: 'atInspection', status: 'atInspection' },
      { size: 20, name: 'scrapped', status: 'scrapped' },
      { size: 20, name: 'overdue', status: 'inService', dueBefore: '2026-11-28' },
      { size: 20, name: 'dueWithin30', status: 'inService', dueFrom: '2026-11-28', dueBefore: '2026-12-29' },
      { size: 20, name: 'dueWithin90', status: 'inService', dueFrom: '2026-11-28', dueBefore: '2027-02-27' },
    ]);
  });
});

describe('cylinderListQuerySchema', () => {
  it('takes a size, a location and a window, and refuses others', () => {
    expect(cylinderListQuerySchema.parse({ size: '20', location: 'depot:depot-a', dueWithinDays: '30' })).toMatchObject({ size: 20, location: 'depot:depot-a', dueWithinDays: 30, limit: 50 });
    expect(cylinderListQuerySchema.safeParse({ size: '18' }).success).toBe(false);
    expect(cylinderListQuerySchema.safeParse({ location: 'depot:' }).success).toBe(false);
    expect(cylinderListQuerySchema.parse({ location: 'customer', dueWithinDays: '0' })).toMatchObject({ location: 'customer', dueWithinDays: 0 });
    expect(cylinderListQuerySchema.safeParse({ location: 'depot' }).success).toBe(false);
  });
});

describe('cylinderRegisterCsv', () => {
  const base = { size: 20, material: 'steel', factoryTestedOn: '2015-05-01', lastInspectedOn: null, registeredAt: 'x', updatedAt: 'x' } as const;
  const cylinders: RegisteredCylinder[] = [
    withDerived({ ...base, serial: 'B-0002', status: 'scrapped', location: { kind: 'scrapped' } }),
    withDerived({ ...base, serial: 'A-0001', material: 'composite', lastInspectedOn: '2020-05-01', status: 'inService', location: { kind: 'customer', customerId: 'cust-1' } }),
    withDerived({ ...base, serial: 'C-0003', status: 'atInspection', location: { kind: 'inspection', station: '新北檢驗場' } }),
    withDerived({ ...base, serial: 'D-0004', status: 'inService', location: { kind: 'depot', depotId: 'depot-a' } }),
  ];
  const names = { depots: new Map([['depot-a', '中和站']]), customers: new Map([['cust-1', 'C00001 王小明']]) };
  it('lists every cylinder by serial with zh-TW headers, places by name and no deadline for a scrapped one', () => {
    const lines = cylinderRegisterCsv(cylinders, names, 'zh-TW').replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      '鋼印號碼,容量,材質,出廠耐壓試驗日期,最近檢驗日期,下次檢驗期限,狀態,所在位置',
      'A-0001,20公斤,複合材料,2015-05-01,2020-05-01,2025-05-01,使用中,C00001 王小明',
      'B-0002,20公斤,鋼製,2015-05-01,,,已報廢,已報廢',
      'C-0003,20公斤,鋼製,2015-05-01,,2020-05-01,檢驗中,檢驗場：新北檢驗場',
      'D-0004,20公斤,鋼製,2015-05-01,,2020-05-01,使用中,中和站',
    ]);
  });
  it('answers in English with English headers', () => {
    expect(cylinderRegisterCsv(cylinders, names, 'en').split('\r\n')[0]).toBe('\uFEFFserial,capacity,material,factoryTestedOn,lastInspectedOn,nextInspectionDue,status,location');
  });
});

describe('list cursors', () => {
  it('round-trips a cursor of either order and refuses one of the other order or made up', () => {
    const c = { serial: 'TW-0001', nextInspectionDue: '2027-01-02' };
    expect(parseCursor(cursorOf(c, true), true)).toEqual({ due: '2027-01-02', serial: 'TW-0001' });
    expect(parseCursor(cursorOf(c, false), false)).toEqual({ serial: 'TW-0001' });
    expect(() => parseCursor(cursorOf(c, true), false)).toThrow('another list');
    expect(() => parseCursor('a/b', false)).toThrow('another list');
  });
});

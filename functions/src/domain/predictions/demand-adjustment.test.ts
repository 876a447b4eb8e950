import { mostDaysForward, refillUnder, runOutUnder, type DemandAdjustment } from './demand-adjustment';

const adjustment = (from: string, to: string, factor: number, reason = '寒流', createdAt = '2026-12-01T02:00:00.000Z'): DemandAdjustment => ({
  id: `adj-${from}-${factor}`,
  from,
  to,
  factor,
  reason,
  createdBy: { uid: 'u-office', role: 'office' },
  createdAt,
});

describe('runOutUnder (the run-out day when some days burn their factor times the gas)', () => {
  it('leaves the day as it is at the usual burn: no adjustment, one before the as-of day, one after the run-out, one at ×1', () => {
    expect(runOutUnder('2026-12-01', '2026-12-08', [])).toBe('2026-12-08');
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-11-25', '2026-11-30', 3)])).toBe('2026-12-08');
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-12-08', '2026-12-10', 3)])).toBe('2026-12-08');
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-12-02', '2026-12-04', 1)])).toBe('2026-12-08');
  });

  it('brings a household due 12/8 forward to 12/4 under 寒流 ×3 on 12/2–12/4: seven days of gas, one on 12/1 and three on each cold day', () => {
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-12-02', '2026-12-04', 3)])).toBe('2026-12-04');
  });

  it('moves a run-out by one day under ×2 on the two days before it: the first burns the extra day, the gas is gone by the second', () => {
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-12-06', '2026-12-07', 2)])).toBe('2026-12-07');
    // Both doubled days before the run-out: two days' gas more, two days earlier.
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-12-02', '2026-12-03', 2)])).toBe('2026-12-06');
  });

  it('puts a run-out back under a factor below 1: four days at half the burn save two days of gas', () => {
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-12-02', '2026-12-05', 0.5)])).toBe('2026-12-10');
  });

  it('answers the day the gas runs out during, not the next: half a day more burnt brings it a whole day forward (the safe side)', () => {
    expect(runOutUnder('2026-12-01', '2026-12-08', [adjustment('2026-12-03', '2026-12-03', 1.5)])).toBe('2026-12-07');
    // Ten days at ×1.1 burn eleven: one day forward, not two from rounding sums of tenths.
    expect(runOutUnder('2026-12-01', '2026-12-15', [adjustment('2026-12-01', '2026-12-10', 1.1)])).toBe('2026-12-14');
  });

  it('takes the adjustment entered last on a day two cover, as the daily outlook does', () => {
    const first = adjustment('2026-12-02', '2026-12-04', 2, '寒流', '2026-12-01T01:00:00.000Z');
    const later = adjustment('2026-12-02', '2026-12-04', 3, '寒流加強', '2026-12-01T05:00:00.000Z');
    expect(runOutUnder('2026-12-01', '2026-12-08', [later, first])).toBe('2026-12-04');
  });

  it('leaves a day already past the as-of day where it is: the gas is gone, nothing is left to burn faster', () => {
    expect(runOutUnder('2026-12-05', '2026-12-03', [adjustment('2026-12-02', '2026-12-06', 3)])).toBe('2026-12-03');
  });
});

describe('refillUnder (a stored next refill under the adjustments, and which ones moved it)', () => {
  const refill = { p10: '2026-12-06', p50: '2026-12-08', p90: '2026-12-12', safeDeliveryDate: '2026-12-05', expectedIntervalDays: 21 };

  it('moves the band with the median, in order, keeps the other fields and names the adjustment', () => {
    const coldWave = adjustment('2026-12-02', '2026-12-04', 3);
    const { refill: moved, by } = refillUnder(refill, '2026-12-01', [coldWave]);
    expect(moved).toEqual({ p10: '2026-12-03', p50: '2026-12-04', p90: '2026-12-06', safeDeliveryDate: '2026-12-03', expectedIntervalDays: 21 });
    expect(by).toEqual([coldWave]);
  });

  it('answers the refill itself and no adjustment when none holds on the days its gas burns through', () => {
    const after = refillUnder(refill, '2026-12-01', [adjustment('2026-12-20', '2026-12-22', 3)]);
    expect(after.refill).toBe(refill);
    expect(after.by).toEqual([]);
    expect(refillUnder(refill, '2026-12-01', [adjustment('2026-11-20', '2026-11-30', 3)]).by).toEqual([]);
  });

  it('names an adjustment that moved only the later days, the p90 among them', () => {
    const late = adjustment('2026-12-10', '2026-12-11', 2, '颱風前囤貨');
    const { refill: moved, by } = refillUnder(refill, '2026-12-01', [late]);
    expect([moved.safeDeliveryDate, moved.p50, moved.p90]).toEqual(['2026-12-05', '2026-12-08', '2026-12-11']);
    expect(by).toEqual([late]);
  });
});

describe('mostDaysForward (how far ahead a due list must read for the adjustments)', () => {
  it('adds each adjusted day’s extra burn, a factor below 1 bringing nothing forward', () => {
    expect(mostDaysForward([])).toBe(0);
    expect(mostDaysForward([adjustment('2026-12-02', '2026-12-04', 3)])).toBe(6);
    expect(mostDaysForward([adjustment('2026-12-02', '2026-12-04', 1.5), adjustment('2026-12-10', '2026-12-12', 0.5)])).toBe(2);
  });
});

import { overdueSince } from './overdue';

const refill = (p10: string, p50: string, p90: string) => ({ p10, p50, p90, safeDeliveryDate: p10, expectedQuantity: [], source: 'local' as const, model: { name: 'lpg-refill-eb', version: '1.1.0' } });

describe('a customer past their usual refill in the drawer', () => {
  it('is named by their last delivery when the whole window has come down on the day predicted on', () => {
    expect(overdueSince({ asOf: '2026-12-02', lastDeliveryDate: '2026-07-04', nextRefill: refill('2026-12-02', '2026-12-02', '2026-12-02') })).toBe('2026-07-04');
  });

  it('is not while the late end of the window is still ahead, though the likely day is today', () => {
    expect(overdueSince({ asOf: '2026-12-02', lastDeliveryDate: '2026-11-10', nextRefill: refill('2026-11-30', '2026-12-02', '2026-12-05') })).toBeNull();
  });

  it('is not for a customer never delivered to', () => {
    expect(overdueSince({ asOf: '2026-12-02', lastDeliveryDate: null, nextRefill: refill('2026-12-02', '2026-12-02', '2026-12-02') })).toBeNull();
  });
});

import { depotStorage } from './storage';

// 三重站 on the demo day (audit 22 F5): fulls 5×4 + 6×10 + 8×16 + 43×20 + 7×50 = 1,418 kg.
const lines = [
  { size: 4, full: 5, empty: 3 },
  { size: 10, full: 6, empty: 2 },
  { size: 16, full: 8, empty: 1 },
  { size: 20, full: 43, empty: 30, atPlant: 10 },
  { size: 50, full: 7, empty: 4 },
] as const;

describe('a depot’s LPG against its permitted storage (許可儲存量)', () => {
  it('counts the fulls by size, not the empties, and those at the filling plant apart', () => {
    expect(depotStorage(lines, undefined)).toEqual({ heldKg: 1418, atPlantKg: 200, status: 'unknown' });
  });

  it('is over above the permit, over on return when the plant’s cylinders back full would pass it, else within', () => {
    expect(depotStorage(lines, 1400).status).toBe('over');
    expect(depotStorage(lines, 1418).status).toBe('overOnReturn');
    expect(depotStorage(lines, 1618)).toEqual({ heldKg: 1418, atPlantKg: 200, permittedKg: 1618, status: 'within' });
  });

  it('takes a negative count (a book error) as none', () => {
    expect(depotStorage([{ size: 20, full: -2, empty: 0 }, { size: 50, full: 1, empty: 0 }], 100).heldKg).toBe(50);
  });
});

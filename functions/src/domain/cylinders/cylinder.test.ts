import { CYLINDER_SIZES, cylinderSizeSchema, sizeQuantityListSchema, standardDeposit, sumBySize, totalKg } from './cylinder';

describe('cylinders', () => {
  it('knows exactly the sizes a Taiwanese distributor sells', () => {
    expect(CYLINDER_SIZES).toEqual([4, 10, 16, 20, 50]);
    for (const size of CYLINDER_SIZES) expect(cylinderSizeSchema.safeParse(size).success).toBe(true);
    for (const bad of [0, 5, 18, 20.5, '20']) expect(cylinderSizeSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses the same size twice in one list', () => {
    const result = sizeQuantityListSchema.safeParse([
      { size: 20, quantity: 1 },
      { size: 20, quantity: 2 },
    ]);
    expect(result.error?.issues[0]?.message).toBe('CYLINDER.DUPLICATE_SIZE');
  });

  it('adds up kilograms and charges bigger deposits for bigger cylinders', () => {
    expect(totalKg([{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }])).toBe(90);
    const deposits = CYLINDER_SIZES.map(standardDeposit);
    expect([...deposits].sort((a, b) => a - b)).toEqual(deposits);
  });

  it('adds up lists by size, sizes ascending, leaving out sizes that come to nothing', () => {
    expect(sumBySize([[{ size: 50, quantity: 1 }, { size: 20, quantity: 2 }], [{ size: 20, quantity: 3 }, { size: 4, quantity: 0 }], []])).toEqual([
      { size: 20, quantity: 5 },
      { size: 50, quantity: 1 },
    ]);
    expect(sumBySize([])).toEqual([]);
  });
});

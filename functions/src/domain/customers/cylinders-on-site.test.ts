import { changesOnSite, cylindersAfterDelivery, depositCheck, onSiteCensus } from './cylinders-on-site';

const twenties = { size: 20, count: 2, depositPaid: 2400 } as const;

describe('cylinders at a customer after a delivery', () => {
  it('grow by the fulls left beyond the empties taken back (a new cylinder placed), deposits untouched', () => {
    const after = cylindersAfterDelivery([twenties], { delivered: [{ size: 20, quantity: 3 }], emptiesCollected: [{ size: 20, quantity: 2 }] });
    expect(after).toEqual({ lines: [{ size: 20, count: 3, depositPaid: 2400 }], changed: true, overCollected: [] });
  });

  it('stay as they were when every size is swapped one for one, whatever order the lines were in', () => {
    const lines = [twenties, { size: 4, count: 1, depositPaid: 500 } as const];
    const after = cylindersAfterDelivery(lines, { delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [{ size: 20, quantity: 2 }] });
    expect(after.changed).toBe(false);
    expect(after.overCollected).toEqual([]);
    expect(after.lines).toEqual(expect.arrayContaining(lines));
  });

  it('can change only when some size is not swapped one for one', () => {
    expect(changesOnSite({ delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 1 }] })).toBe(false);
    expect(changesOnSite({ delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 16, quantity: 1 }] })).toBe(true);
    expect(changesOnSite({ delivered: [], emptiesCollected: [{ size: 4, quantity: 1 }] })).toBe(true);
  });

  it('add a size the customer never had, with no deposit yet, in size order', () => {
    const after = cylindersAfterDelivery([twenties], { delivered: [{ size: 50, quantity: 1 }, { size: 4, quantity: 2 }], emptiesCollected: [] });
    expect(after.lines).toEqual([{ size: 4, count: 2, depositPaid: 0 }, twenties, { size: 50, count: 1, depositPaid: 0 }]);
    expect(after.changed).toBe(true);
  });

  it('shrink when empties come back with no fulls left, keeping a size at zero while its deposit is still recorded', () => {
    const after = cylindersAfterDelivery([twenties], { delivered: [], emptiesCollected: [{ size: 20, quantity: 2 }] });
    expect(after.lines).toEqual([{ size: 20, count: 0, depositPaid: 2400 }]);
    expect(after.changed).toBe(true);
  });

  it('drop a size that comes to zero with no deposit recorded', () => {
    const after = cylindersAfterDelivery([{ size: 16, count: 1, depositPaid: 0 }], { delivered: [], emptiesCollected: [{ size: 16, quantity: 1 }] });
    expect(after).toEqual({ lines: [], changed: true, overCollected: [] });
  });

  it('never go below zero: taking back more than the record held is reported, so the record can be checked', () => {
    const after = cylindersAfterDelivery([twenties], { delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 5 }] });
    expect(after.lines).toEqual([{ size: 20, count: 0, depositPaid: 2400 }]);
    expect(after.overCollected).toEqual([{ size: 20, recorded: 2, missing: 2 }]);
    const unknown = cylindersAfterDelivery([], { delivered: [], emptiesCollected: [{ size: 10, quantity: 1 }] });
    expect(unknown).toEqual({ lines: [], changed: false, overCollected: [{ size: 10, recorded: 0, missing: 1 }] });
  });
});

describe('deposits against the standard deposit', () => {
  it('count the cylinders a recorded deposit does not cover, a part-deposit covering none', () => {
    // 20 kg: NT$1,200 each, so NT$3,000 covers two of five; 50 kg: NT$2,500 each, fully paid.
    expect(depositCheck([{ size: 20, count: 5, depositPaid: 3000 }, { size: 50, count: 1, depositPaid: 2500 }])).toEqual([
      { size: 20, count: 5, withoutDeposit: 3 },
      { size: 50, count: 1, withoutDeposit: 0 },
    ]);
  });

  it('never count below zero when more deposit is held than cylinders are there', () => {
    expect(depositCheck([{ size: 20, count: 0, depositPaid: 2400 }])).toEqual([{ size: 20, count: 0, withoutDeposit: 0 }]);
  });

  it('sum over customers for every size, each customer checked on its own', () => {
    const census = onSiteCensus([[{ size: 20, count: 3, depositPaid: 2400 }], [{ size: 20, count: 1, depositPaid: 6000 }, { size: 4, count: 2, depositPaid: 0 }], []]);
    expect(census).toEqual([
      { size: 4, count: 2, withoutDeposit: 2 },
      { size: 10, count: 0, withoutDeposit: 0 },
      { size: 16, count: 0, withoutDeposit: 0 },
      { size: 20, count: 4, withoutDeposit: 1 },
      { size: 50, count: 0, withoutDeposit: 0 },
    ]);
  });
});

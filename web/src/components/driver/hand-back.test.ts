import { depositsStillDue, takenAtDoor } from './hand-back';

const standard = [
  { size: 20, amount: 1500 },
  { size: 16, amount: 1200 },
];

describe('money a refused delivery took at the door', () => {
  const body = {
    delivered: [{ size: 20, quantity: 1 }, { size: 16, quantity: 1 }],
    emptiesCollected: [{ size: 20, quantity: 1 }],
    cashCollected: 1460,
    depositCollected: [{ size: 20, count: 1, amount: 1500 }, { size: 16, count: 1, amount: 1200 }],
  };

  it('adds the cash for the gas and every deposit ticked, to be handed back with the cylinders', () => {
    expect(takenAtDoor(body)).toEqual({ cash: 1460, deposit: 2700, total: 4160 });
    expect(takenAtDoor({ ...body, cashCollected: 0 })).toEqual({ cash: 0, deposit: 2700, total: 2700 });
  });

  it('is nothing for a delivery that took no money (monthly billing, no deposit ticked)', () => {
    expect(takenAtDoor({ delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 0 })).toBeNull();
    expect(takenAtDoor(null)).toBeNull();
  });

  it('keeps, on the empties-only redo, the deposit for cylinders that stay without one, and hands back only the rest', () => {
    // Three 20 kg there, none with a deposit: a swap left three due and the driver took them; one empty back leaves two.
    const swap = { delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 1 }], cashCollected: 760, depositCollected: [{ size: 20, count: 3, amount: 4500 }] };
    const kept = depositsStillDue(swap, [{ size: 20, count: 3, depositPaid: 0 }], standard);
    expect(kept).toEqual([{ size: 20, count: 2, amount: 3000 }]);
    expect(takenAtDoor(swap, kept)).toEqual({ cash: 760, deposit: 1500, total: 2260 });
    // Less taken than still due: what was taken, not more.
    expect(depositsStillDue({ ...swap, depositCollected: [{ size: 20, count: 1, amount: 1000 }] }, [{ size: 20, count: 3, depositPaid: 0 }], standard)).toEqual([{ size: 20, count: 1, amount: 1000 }]);
  });

  it('keeps no deposit for cylinders all going back, nor when the customer’s cylinders are not known', () => {
    expect(depositsStillDue(body, [{ size: 20, count: 1, depositPaid: 0 }], standard)).toEqual([]);
    expect(depositsStillDue(body, undefined, standard)).toEqual([]);
  });
});

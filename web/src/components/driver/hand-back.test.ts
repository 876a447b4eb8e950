import { takenAtDoor } from './hand-back';

describe('money a refused delivery took at the door', () => {
  it('adds the cash for the gas and every deposit ticked, to be handed back with the cylinders', () => {
    const body = {
      delivered: [{ size: 20, quantity: 1 }, { size: 16, quantity: 1 }],
      emptiesCollected: [{ size: 20, quantity: 1 }],
      cashCollected: 1460,
      depositCollected: [{ size: 20, count: 1, amount: 1500 }, { size: 16, count: 1, amount: 1200 }],
    };
    expect(takenAtDoor(body)).toEqual({ cash: 1460, deposit: 2700, total: 4160 });
    expect(takenAtDoor({ ...body, cashCollected: 0 })).toEqual({ cash: 0, deposit: 2700, total: 2700 });
  });

  it('is nothing for a delivery that took no money (monthly billing, no deposit ticked)', () => {
    expect(takenAtDoor({ delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 0 })).toBeNull();
    expect(takenAtDoor(null)).toBeNull();
  });
});

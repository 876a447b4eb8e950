import { checkDoorDeposits, depositDueAtDoor, standardDeposits } from '../../../../functions/src/domain/billing';
import type { CylinderExchange, OnSiteLine as ServerLine } from '../../../../functions/src/domain/customers';
import { depositDue, depositsTaken, type OnSiteLine } from './door-deposit';

const STANDARD = standardDeposits();
const q = (pairs: [number, number][]) => pairs.map(([size, quantity]) => ({ size, quantity }));

describe('deposit due at the door', () => {
  it('asks a new customer for the standard deposit on each cylinder left, nothing on a covered swap', () => {
    expect(depositDue([], q([[20, 2]]), [], STANDARD)).toEqual([{ size: 20, count: 2, amount: 2400 }]);
    expect(depositDue([{ size: 20, count: 2, depositPaid: 2400 }], q([[20, 2]]), q([[20, 2]]), STANDARD)).toEqual([]);
    expect(depositDue([{ size: 20, count: 2, depositPaid: 2400 }], q([[20, 3]]), q([[20, 2]]), STANDARD)).toEqual([{ size: 20, count: 1, amount: 1200 }]);
  });

  it('owes nothing for a size the answer has no standard deposit for (not loaded yet)', () => {
    expect(depositDue([], q([[20, 2]]), [], [])).toEqual([]);
  });

  // The app works the figure out while the driver edits the counts; the server's rule is the one that counts.
  const cases: [OnSiteLine[], [number, number][], [number, number][]][] = [
    [[], [[4, 1], [50, 2]], []],
    [[{ size: 20, count: 2, depositPaid: 2400 }], [[20, 1]], [[20, 2]]],
    [[{ size: 20, count: 1, depositPaid: 0 }], [[20, 1]], [[20, 3]]],
    [[{ size: 50, count: 2, depositPaid: 2500 }, { size: 16, count: 1, depositPaid: 1500 }], [[50, 1], [16, 2]], [[50, 1]]],
    [[{ size: 10, count: 0, depositPaid: 800 }], [[10, 2]], []],
    [[{ size: 20, count: 1, depositPaid: 600 }], [[20, 2]], [[20, 1]]],
    [[{ size: 50, count: 2, depositPaid: 3700 }], [[50, 2]], [[50, 1]]],
  ];
  it.each(cases)('agrees with the server for %j delivering %j taking back %j', (lines, delivered, collected) => {
    const exchange = { delivered: q(delivered), emptiesCollected: q(collected) };
    // The web side speaks plain numbers for sizes; the cases use real sizes only.
    expect(depositDue(lines, exchange.delivered, exchange.emptiesCollected, STANDARD)).toEqual(depositDueAtDoor(lines as ServerLine[], exchange as CylinderExchange));
  });

  it.each(cases)('sends for %j delivering %j taking back %j only what the server takes, whatever amounts were typed', (lines, delivered, collected) => {
    const exchange = { delivered: q(delivered), emptiesCollected: q(collected) };
    const due = depositDue(lines, exchange.delivered, exchange.emptiesCollected, STANDARD);
    const all = Object.fromEntries(due.map((l) => [l.size, true]));
    for (const amount of [undefined, null, 0, -5, 1, 99.6, 12_000, 1_000_000]) {
      const sent = depositsTaken(due, all, Object.fromEntries(due.map((l) => [l.size, amount])));
      expect(sent.map((l) => l.size)).toEqual(due.map((l) => l.size));
      expect(() => checkDoorDeposits(sent as Parameters<typeof checkDoorDeposits>[0], lines as ServerLine[], exchange as CylinderExchange)).not.toThrow();
    }
  });
});

describe('deposits the deliver dialog sends', () => {
  const due = [
    { size: 4, count: 1, amount: 500 },
    { size: 20, count: 2, amount: 2400 },
  ];

  it('sends the ticked sizes only, at the full amount when none was entered, nothing when none is ticked', () => {
    expect(depositsTaken(due, { 20: true }, {})).toEqual([{ size: 20, count: 2, amount: 2400 }]);
    expect(depositsTaken(due, { 4: false, 20: false }, { 4: 500 })).toEqual([]);
  });

  it('keeps a lower amount (agreed, or part now and the rest at the office) and holds one above the standard to it', () => {
    expect(depositsTaken(due, { 4: true, 20: true }, { 4: 300, 20: 24_000 })).toEqual([
      { size: 4, count: 1, amount: 300 },
      { size: 20, count: 2, amount: 2400 },
    ]);
    expect(depositsTaken(due, { 4: true }, { 4: 0 })).toEqual([{ size: 4, count: 1, amount: 1 }]);
  });
});

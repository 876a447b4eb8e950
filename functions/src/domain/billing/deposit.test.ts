import type { CylinderSize } from '../cylinders';
import { DomainError } from '../errors';
import { exampleOf } from '../schema';
import { refusal } from '../test-support';
import { applyDeposit, assertRefundedWhereHeld, checkDoorDeposits, depositDueAtDoor, depositInputSchema, depositsHeld, depositsHeldBefore, doorDepositListSchema, doorDepositRecords, recordDeposit, signedAmount, type DepositInput } from './deposit';

const NOW = new Date('2026-12-05T03:00:00Z');
const ctx = { id: 'dep-1', customerId: 'cust-a', today: '2026-12-05', by: '辦公室 小美', now: NOW };
const input = (raw: Partial<DepositInput> = {}): DepositInput => depositInputSchema.parse({ kind: 'collect', size: 20, count: 2, method: 'cash', receivedOn: '2026-12-05', ...raw });

describe('depositInputSchema', () => {
  it('takes its own example, trims the note and leaves the amount to the standard deposit when not given', () => {
    expect(depositInputSchema.safeParse(exampleOf(depositInputSchema)).success).toBe(true);
    expect(input({ note: ' 新開店 ' })).toEqual({ kind: 'collect', size: 20, count: 2, method: 'cash', receivedOn: '2026-12-05', note: '新開店' });
  });

  it('refuses unknown kinds, sizes and methods, counts outside 1–100, fractions, negative amounts and bad dates', () => {
    const good = { kind: 'refund', size: 20, count: 1, method: 'transfer', receivedOn: '2026-12-05' };
    expect(depositInputSchema.safeParse(good).success).toBe(true);
    for (const bad of [{ kind: 'keep' }, { size: 12 }, { method: 'cheque' }, { count: 0 }, { count: 101 }, { count: 1.5 }, { amount: -1 }, { amount: 10.5 }, { receivedOn: '2026-12-32' }, { note: 'x'.repeat(201) }]) {
      expect(depositInputSchema.safeParse({ ...good, ...bad }).success).toBe(false);
    }
  });
});

describe('recordDeposit', () => {
  it('charges count × the standard deposit when no amount is given, and keeps a given one (even zero)', () => {
    expect(recordDeposit(input(), ctx)).toEqual({
      id: 'dep-1',
      customerId: 'cust-a',
      kind: 'collect',
      size: 20,
      count: 2,
      amount: 2400,
      method: 'cash',
      receivedOn: '2026-12-05',
      by: '辦公室 小美',
      at: NOW.toISOString(),
    });
    expect(recordDeposit(input({ size: 50, count: 1 }), ctx).amount).toBe(2500);
    expect(recordDeposit(input({ amount: 1000, note: '老客戶優惠' }), ctx)).toMatchObject({ amount: 1000, note: '老客戶優惠' });
    expect(recordDeposit(input({ amount: 0 }), ctx).amount).toBe(0);
  });

  it('refuses a collection above count × the standard deposit, naming the most; a refund is held to what is held instead', () => {
    expect(recordDeposit(input({ count: 2, amount: 2400 }), ctx).amount).toBe(2400);
    expect(() => recordDeposit(input({ count: 2, amount: 2401 }), ctx)).toThrow(
      expect.objectContaining({ code: 'DEPOSIT.ABOVE_STANDARD', kind: 'precondition', details: { path: 'amount', size: 20, count: 2, amount: 2401, max: 2400, standard: 1200 } }),
    );
    expect(() => recordDeposit(input({ size: 50, count: 1, amount: 99_999_999 }), ctx)).toThrow(expect.objectContaining({ code: 'DEPOSIT.ABOVE_STANDARD', details: expect.objectContaining({ max: 2500 }) }));
    expect(recordDeposit(input({ kind: 'refund', count: 1, amount: 3000 }), ctx).amount).toBe(3000);
  });

  it('refuses a day after today in Taipei on the receivedOn field', () => {
    expect(() => recordDeposit(input({ receivedOn: '2026-12-06' }), ctx)).toThrow(expect.objectContaining({ code: 'DEPOSIT.FUTURE_DATE', kind: 'precondition', details: { path: 'receivedOn' } }));
  });
});

describe('applyDeposit', () => {
  const lines = [
    { size: 50 as const, count: 1, depositPaid: 2500 },
    { size: 20 as const, count: 2, depositPaid: 1200 },
  ];

  it('adds a collection to the size, leaving counts and other sizes alone, lines by size', () => {
    expect(applyDeposit(lines, { kind: 'collect', size: 20, amount: 1200 })).toEqual([
      { size: 20, count: 2, depositPaid: 2400 },
      { size: 50, count: 1, depositPaid: 2500 },
    ]);
  });

  it('lists a size not yet there with no cylinders: the delivery brings them', () => {
    expect(applyDeposit(lines, { kind: 'collect', size: 16, amount: 1000 })).toEqual([
      { size: 16, count: 0, depositPaid: 1000 },
      { size: 20, count: 2, depositPaid: 1200 },
      { size: 50, count: 1, depositPaid: 2500 },
    ]);
  });

  it('takes a refund from the size, and drops a line left with neither cylinders nor deposit', () => {
    expect(applyDeposit([lines[0]!, { size: 20, count: 1, depositPaid: 2400 }], { kind: 'refund', size: 20, amount: 1200 })).toEqual([
      { size: 20, count: 1, depositPaid: 1200 },
      { size: 50, count: 1, depositPaid: 2500 },
    ]);
    expect(applyDeposit([{ size: 16, count: 0, depositPaid: 1000 }], { kind: 'refund', size: 16, amount: 1000 })).toEqual([]);
  });

  it('refuses a refund the cylinders still on site keep (退戶 before they come back), saying what may be refunded now', () => {
    const shop = [{ size: 16 as const, count: 3, depositPaid: 3000 }];
    let error: unknown;
    try {
      applyDeposit(shop, { kind: 'refund', size: 16, amount: 3000 });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'DEPOSIT.CYLINDERS_ON_SITE', kind: 'precondition', details: { path: 'amount', size: 16, count: 3, held: 3000, kept: 3000, refundable: 0 } });
    // Two of three back: the one left keeps its standard deposit, the rest goes back; all back, all of it.
    expect(applyDeposit([{ size: 16, count: 1, depositPaid: 3000 }], { kind: 'refund', size: 16, amount: 2000 })).toEqual([{ size: 16, count: 1, depositPaid: 1000 }]);
    expect(() => applyDeposit([{ size: 16, count: 1, depositPaid: 3000 }], { kind: 'refund', size: 16, amount: 2001 })).toThrow(
      expect.objectContaining({ code: 'DEPOSIT.CYLINDERS_ON_SITE', details: expect.objectContaining({ refundable: 2000 }) }),
    );
    expect(applyDeposit([{ size: 16, count: 0, depositPaid: 3000 }], { kind: 'refund', size: 16, amount: 3000 })).toEqual([]);
    // A reduced deposit (NT$800 for a 20 kg cylinder) stays whole while its cylinder is there.
    expect(() => applyDeposit([{ size: 20, count: 1, depositPaid: 800 }], { kind: 'refund', size: 20, amount: 100 })).toThrow(expect.objectContaining({ code: 'DEPOSIT.CYLINDERS_ON_SITE' }));
  });

  it('refuses a refund of more than the size holds, saying how much is held', () => {
    let error: unknown;
    try {
      applyDeposit(lines, { kind: 'refund', size: 20, amount: 2400 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'DEPOSIT.REFUND_EXCEEDS_HELD', kind: 'precondition', details: { path: 'amount', size: 20, held: 1200, amount: 2400 } });
    expect(() => applyDeposit(lines, { kind: 'refund', size: 4, amount: 1 })).toThrow(expect.objectContaining({ details: expect.objectContaining({ held: 0 }) }));
  });
});

describe('assertRefundedWhereHeld (分店／總公司付款)', () => {
  const branch = (code: string, depositPaid: number) => ({ code, name: `分店 ${code}`, cylindersOnSite: [{ size: 20 as CylinderSize, count: 0, depositPaid }] });
  const own = [{ size: 20 as CylinderSize, count: 0, depositPaid: 1200 }];
  const refund = (amount: number) => ({ kind: 'refund' as const, size: 20 as CylinderSize, amount });

  it('lets a head office refund what it holds itself, its branches’ deposits notwithstanding, and a collection anywhere', () => {
    expect(() => assertRefundedWhereHeld(own, refund(1200), [branch('C00021', 2400)])).not.toThrow();
    expect(() => assertRefundedWhereHeld([], { ...refund(2400), kind: 'collect' }, [branch('C00021', 2400)])).not.toThrow();
  });

  it('refuses more than the head office holds of a size its branches hold, naming those branches only', () => {
    const refused = refusal(() => assertRefundedWhereHeld(own, refund(2400), [branch('C00021', 2400), branch('C00022', 0), branch('C00023', 600)]));
    expect(refused).toMatchObject({ code: 'DEPOSIT.AT_BRANCH', kind: 'precondition', details: { path: 'amount', size: 20, held: 1200, amount: 2400, count: 2, branches: ['C00021 分店 C00021', 'C00023 分店 C00023'] } });
  });

  it('leaves a refund beyond what is held to the usual refusal when no branch holds the size', () => {
    expect(() => assertRefundedWhereHeld(own, refund(2400), [branch('C00022', 0)])).not.toThrow();
    expect(() => assertRefundedWhereHeld(own, refund(2400), [])).not.toThrow();
  });
});

describe('deposits held', () => {
  it('counts a collection up and a refund down', () => {
    expect(signedAmount({ kind: 'collect', amount: 800 })).toBe(800);
    expect(signedAmount({ kind: 'refund', amount: 800 })).toBe(-800);
  });

  it('lists the sizes holding a deposit', () => {
    expect(depositsHeld([{ size: 10, count: 3, depositPaid: 0 }, { size: 20, count: 2, depositPaid: 2400 }])).toEqual([{ size: 20, amount: 2400 }]);
  });

  it('works out an earlier point by undoing the records since: a later collection taken off, a later refund put back', () => {
    const now = [{ size: 20 as const, amount: 2400 }];
    const since = [
      { kind: 'collect' as const, size: 20 as const, amount: 1200 },
      { kind: 'refund' as const, size: 16 as const, amount: 1000 },
    ];
    expect(depositsHeldBefore(now, since)).toEqual([
      { size: 16, amount: 1000 },
      { size: 20, amount: 1200 },
    ]);
    expect(depositsHeldBefore(now, [])).toEqual(now);
  });
});

describe('deposits at the door', () => {
  const exchange = (delivered: [CylinderSize, number][], collected: [CylinderSize, number][] = []) => ({
    delivered: delivered.map(([size, quantity]) => ({ size, quantity })),
    emptiesCollected: collected.map(([size, quantity]) => ({ size, quantity })),
  });

  it('asks a new customer for the standard deposit on every cylinder left', () => {
    expect(depositDueAtDoor([], exchange([[20, 2], [4, 1]]))).toEqual([
      { size: 4, count: 1, amount: 500 },
      { size: 20, count: 2, amount: 2400 },
    ]);
  });

  it('asks for the extra cylinder only: a swap one for one or a covered cylinder owes nothing', () => {
    const lines = [{ size: 20 as const, count: 2, depositPaid: 2400 }];
    expect(depositDueAtDoor(lines, exchange([[20, 2]], [[20, 2]]))).toEqual([]);
    expect(depositDueAtDoor(lines, exchange([[20, 3]], [[20, 2]]))).toEqual([{ size: 20, count: 1, amount: 1200 }]);
    // Empties taken back for good leave the deposit covering what stays.
    expect(depositDueAtDoor(lines, exchange([[20, 1]], [[20, 2]]))).toEqual([]);
  });

  it('also asks for cylinders already there without a deposit, as depositCheck counts them', () => {
    const lines = [{ size: 50 as const, count: 2, depositPaid: 2500 }];
    expect(depositDueAtDoor(lines, exchange([[50, 1]], [[50, 1]]))).toEqual([{ size: 50, count: 1, amount: 2500 }]);
  });

  describe('checkDoorDeposits', () => {
    // A customer with two 20 kg covered, taking a third and a 4 kg: one of each is due.
    const lines = [{ size: 20 as const, count: 2, depositPaid: 2400 }];
    const stop = exchange([[20, 3], [4, 1]], [[20, 2]]);
    const refusal = (collected: Parameters<typeof checkDoorDeposits>[0]) => {
      try {
        checkDoorDeposits(collected, lines, stop);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const due = [
      { size: 4, count: 1, amount: 500 },
      { size: 20, count: 1, amount: 1200 },
    ];

    it('takes what is due, at the standard deposit or at less (an agreed amount, or part now and the rest at the office)', () => {
      expect(() => checkDoorDeposits([{ size: 20, count: 1, amount: 1200 }, { size: 4, count: 1, amount: 500 }], lines, stop)).not.toThrow();
      expect(() => checkDoorDeposits([{ size: 20, count: 1, amount: 1000 }], lines, stop)).not.toThrow();
      expect(() => checkDoorDeposits([{ size: 4, count: 1, amount: 1 }], lines, stop)).not.toThrow();
      expect(() => checkDoorDeposits([], lines, stop)).not.toThrow();
    });

    it('refuses a count over the due count, on that line, saying what is due', () => {
      expect(refusal([{ size: 4, count: 1, amount: 500 }, { size: 20, count: 5, amount: 6000 }])).toMatchObject({
        code: 'DEPOSIT.DOOR_EXCEEDS_DUE',
        kind: 'precondition',
        details: { path: 'depositCollected.1.count', size: 20, count: 5, dueCount: 1, due },
      });
    });

    it('refuses a size the stop leaves nothing due for: covered, or not there at all', () => {
      expect(refusal([{ size: 50, count: 1, amount: 2500 }])).toMatchObject({ code: 'DEPOSIT.DOOR_EXCEEDS_DUE', details: { size: 50, dueCount: 0 } });
      expect(() => checkDoorDeposits([{ size: 20, count: 1, amount: 1200 }], lines, exchange([[20, 2]], [[20, 2]]))).toThrow(expect.objectContaining({ code: 'DEPOSIT.DOOR_EXCEEDS_DUE' }));
    });

    it('refuses more than count × the standard deposit (NT$12,000 for NT$1,200) and nothing at all, saying the range', () => {
      expect(refusal([{ size: 20, count: 1, amount: 12000 }])).toMatchObject({
        code: 'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE',
        kind: 'precondition',
        details: { path: 'depositCollected.0.amount', size: 20, count: 1, amount: 12000, max: 1200, standard: 1200 },
      });
      expect(refusal([{ size: 20, count: 1, amount: 1201 }])).toMatchObject({ code: 'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE' });
      expect(refusal([{ size: 4, count: 1, amount: 0 }])).toMatchObject({ code: 'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE', details: { path: 'depositCollected.0.amount', amount: 0, max: 500 } });
    });

    it('asks only for the rest of a deposit part-paid at an earlier visit, and takes no more than that', () => {
      const partPaid = [{ size: 20 as const, count: 1, depositPaid: 600 }];
      const swap = exchange([[20, 1]], [[20, 1]]);
      expect(depositDueAtDoor(partPaid, swap)).toEqual([{ size: 20, count: 1, amount: 600 }]);
      expect(() => checkDoorDeposits([{ size: 20, count: 1, amount: 600 }], partPaid, swap)).not.toThrow();
      expect(() => checkDoorDeposits([{ size: 20, count: 1, amount: 601 }], partPaid, swap)).toThrow(
        expect.objectContaining({ code: 'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE', details: expect.objectContaining({ max: 600 }) }),
      );
      const twoMore = exchange([[20, 3]], [[20, 1]]);
      expect(depositDueAtDoor(partPaid, twoMore)).toEqual([{ size: 20, count: 3, amount: 3 * 1200 - 600 }]);
    });

    it('holds the amount to the count on the line, not to all that is due', () => {
      const newCustomer = exchange([[20, 2]]);
      expect(() => checkDoorDeposits([{ size: 20, count: 1, amount: 2400 }], [], newCustomer)).toThrow(expect.objectContaining({ code: 'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE' }));
      expect(() => checkDoorDeposits([{ size: 20, count: 2, amount: 2400 }], [], newCustomer)).not.toThrow();
    });
  });

  it('refuses two lines of one size, counts outside 1–100 and fractional amounts', () => {
    expect(doorDepositListSchema.safeParse([{ size: 20, count: 1, amount: 1200 }]).success).toBe(true);
    for (const bad of [[{ size: 20, count: 1, amount: 1200 }, { size: 20, count: 1, amount: 1200 }], [{ size: 20, count: 0, amount: 0 }], [{ size: 20, count: 101, amount: 1 }], [{ size: 20, count: 1, amount: 1.5 }], [{ size: 20, count: 1 }]]) {
      expect(doorDepositListSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('records each line as a cash collection on the day, tied to the order, with an id that follows from the action', () => {
    const records = doorDepositRecords([{ size: 20, count: 1, amount: 1000 }], {
      actionId: 'a-1',
      customerId: 'cust-a',
      orderId: 'ord-9',
      receivedOn: '2026-12-05',
      today: '2026-12-05',
      by: '陳大明',
      now: NOW,
    });
    expect(records).toEqual([
      { id: 'dep-a-1-20', customerId: 'cust-a', kind: 'collect', size: 20, count: 1, amount: 1000, method: 'cash', receivedOn: '2026-12-05', by: '陳大明', at: NOW.toISOString(), orderId: 'ord-9' },
    ]);
    expect(records.reduce(applyDeposit, [])).toEqual([{ size: 20, count: 0, depositPaid: 1000 }]);
  });

  it('books a door day already in the closed books (a phone that synced late) on the first open day, keeping the door day; an open one on its own day', () => {
    const door = { actionId: 'a-2', customerId: 'cust-a', orderId: 'ord-10', receivedOn: '2026-10-31', today: '2026-12-05', by: '陳大明', now: NOW };
    const late = doorDepositRecords([{ size: 20, count: 1, amount: 1000 }, { size: 50, count: 1, amount: 2500 }], { ...door, closedThrough: '2026-11-30' });
    expect(late.map((d) => [d.id, d.receivedOn, d.collectedOn])).toEqual([
      ['dep-a-2-20', '2026-12-01', '2026-10-31'],
      ['dep-a-2-50', '2026-12-01', '2026-10-31'],
    ]);
    expect(doorDepositRecords([{ size: 20, count: 1, amount: 1000 }], { ...door, closedThrough: '2026-10-30' })[0]).not.toHaveProperty('collectedOn');
    expect(doorDepositRecords([{ size: 20, count: 1, amount: 1000 }], { ...door, closedThrough: '2026-10-30' })[0]?.receivedOn).toBe('2026-10-31');
    expect(doorDepositRecords([{ size: 20, count: 1, amount: 1000 }], door)[0]?.receivedOn).toBe('2026-10-31');
  });
});

import { DomainError } from '../errors';
import { assertPriceConfirmed } from './price-check';

const list = [
  { size: 20 as const, unitPrice: 850, effectiveFrom: '2026-11-01' },
  { size: 20 as const, unitPrice: 8500, effectiveFrom: '2026-12-01' },
];
const entry = (unitPrice: number, effectiveFrom = '2026-12-01', size: 20 | 50 = 20) => ({ id: `price-${size}-${effectiveFrom}`, size, unitPrice, effectiveFrom });
const refusal = (f: () => void): DomainError | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  return undefined;
};

describe('assertPriceConfirmed', () => {
  it('refuses a price ten times the one the day before (a digit too many), naming both, on the unit price', () => {
    const e = refusal(() => assertPriceConfirmed(list, entry(8500), false));
    expect(e).toMatchObject({ code: 'PRICE.LARGE_CHANGE', kind: 'precondition', details: { size: 20, unitPrice: 8500, previousPrice: 850, effectiveFrom: '2026-12-01', path: 'unitPrice' } });
  });

  it('refuses a fall of more than a fifth (a digit too few, digits swapped) as well', () => {
    expect(refusal(() => assertPriceConfirmed(list, entry(85), false))?.code).toBe('PRICE.LARGE_CHANGE');
    expect(refusal(() => assertPriceConfirmed(list, entry(580), false))?.code).toBe('PRICE.LARGE_CHANGE');
  });

  it('takes a monthly adjustment, up to a fifth either way, without asking', () => {
    for (const price of [880, 820, 1020, 680]) expect(refusal(() => assertPriceConfirmed(list, entry(price), false))).toBeUndefined();
  });

  it('takes a large change the admin confirmed', () => {
    expect(refusal(() => assertPriceConfirmed(list, entry(8500), true))).toBeUndefined();
  });

  it('compares a correction of the entry with the day before, not with the wrong price it replaces', () => {
    expect(refusal(() => assertPriceConfirmed(list, entry(860), false))).toBeUndefined();
  });

  it('takes a size’s first price, having none to compare with', () => {
    expect(refusal(() => assertPriceConfirmed(list, entry(2100, '2026-12-01', 50), false))).toBeUndefined();
    expect(refusal(() => assertPriceConfirmed(list, entry(99, '2026-10-01'), false))).toBeUndefined();
  });
});

import { exampleOf } from '../schema';
import {
  assertContractPrices,
  assertDiscountsCovered,
  assertTermsCoveredByList,
  contractPriceSchema,
  customerPriceList,
  customerPricesOn,
  pricingTerms,
  setContractPricesInputSchema,
  type ContractPrice,
} from './contract-price';
import { priceFor, priceLines, type PriceList } from './price-list';
import { customerPriceChange } from './price-notice';

const list: PriceList = [
  { size: 20, unitPrice: 900, effectiveFrom: '2026-01-01' },
  { size: 20, unitPrice: 860, effectiveFrom: '2026-12-01' },
  { size: 50, unitPrice: 2100, effectiveFrom: '2026-01-01' },
];

const discount = (amount: number, from: string, to?: string): ContractPrice => ({ size: 20, kind: 'discount', amount, effectiveFrom: from, ...(to ? { effectiveTo: to } : {}) });
const fixed = (amount: number, from: string, to?: string): ContractPrice => ({ size: 20, kind: 'fixed', amount, effectiveFrom: from, ...(to ? { effectiveTo: to } : {}) });

describe('customerPriceList', () => {
  it('is the list itself for a customer without terms', () => {
    expect(customerPriceList(list, undefined)).toBe(list);
    expect(customerPriceList(list, [])).toBe(list);
  });

  it('takes a discount off the list price of each day, following a list change (調價) in its period', () => {
    const own = customerPriceList(list, [discount(50, '2026-06-01')]);
    expect(priceFor(own, 20, '2026-05-31')).toBe(900);
    expect(priceFor(own, 20, '2026-06-01')).toBe(850);
    expect(priceFor(own, 20, '2026-11-30')).toBe(850);
    expect(priceFor(own, 20, '2026-12-01')).toBe(810);
  });

  it('keeps a fixed price whatever the list does in its period', () => {
    const own = customerPriceList(list, [fixed(800, '2026-06-01')]);
    expect(priceFor(own, 20, '2026-06-01')).toBe(800);
    expect(priceFor(own, 20, '2026-12-15')).toBe(800);
  });

  it('goes back to the list the day after a term ends, at the list price of that day', () => {
    const own = customerPriceList(list, [fixed(800, '2026-06-01', '2026-12-10')]);
    expect(priceFor(own, 20, '2026-12-10')).toBe(800);
    expect(priceFor(own, 20, '2026-12-11')).toBe(860);
  });

  it('leaves the sizes without terms at the list price', () => {
    const own = customerPriceList(list, [discount(50, '2026-06-01')]);
    expect(priceFor(own, 50, '2026-07-01')).toBe(2100);
    expect(priceLines(own, [{ size: 20, quantity: 2 }, { size: 50, quantity: 1 }], '2026-07-01')).toEqual({
      items: [
        { size: 20, quantity: 2, unitPrice: 850, subtotal: 1700 },
        { size: 50, quantity: 1, unitPrice: 2100, subtotal: 2100 },
      ],
      total: 3800,
    });
  });

  it('runs two terms of a size one after the other', () => {
    const own = customerPriceList(list, [discount(50, '2026-06-01', '2026-08-31'), fixed(820, '2026-09-01')]);
    expect(priceFor(own, 20, '2026-08-31')).toBe(850);
    expect(priceFor(own, 20, '2026-09-01')).toBe(820);
    expect(priceFor(own, 20, '2026-12-01')).toBe(820);
  });
});

describe('customerPricesOn', () => {
  it('says the list price and the term beside the price the customer pays', () => {
    const term = discount(50, '2026-06-01');
    expect(customerPricesOn(list, [term], '2026-12-05')).toEqual([
      { size: 20, unitPrice: 810, listPrice: 860, contract: term },
      { size: 50, unitPrice: 2100, listPrice: 2100 },
    ]);
  });
});

describe('pricingTerms (沿用總店合約價)', () => {
  const headOffice = { id: 'hq', contractPrices: [discount(50, '2026-06-01'), { ...fixed(2000, '2026-06-01'), size: 50 as const }] };
  const branch = (own?: ContractPrice[]) => ({ id: 'b1', payerId: 'hq', ...(own ? { contractPrices: own } : {}) });
  const pays = (terms: ReturnType<typeof pricingTerms>, size: 20 | 50, date: string) => priceFor(customerPriceList(list, terms), size, date);

  it("prices a branch without terms of its own by its head office's, marked as the head office's", () => {
    const terms = pricingTerms(branch(), headOffice);
    expect(pays(terms, 20, '2026-07-01')).toBe(850);
    expect(pays(terms, 20, '2026-12-01')).toBe(810);
    expect(pays(terms, 50, '2026-07-01')).toBe(2000);
    expect(customerPricesOn(list, terms, '2026-07-01')).toEqual([
      { size: 20, unitPrice: 850, listPrice: 900, contract: discount(50, '2026-06-01'), fromHeadOffice: true },
      { size: 50, unitPrice: 2000, listPrice: 2100, contract: { ...fixed(2000, '2026-06-01'), size: 50 }, fromHeadOffice: true },
    ]);
  });

  it("lets a branch's own term for a size win over the head office's, which still prices its other sizes", () => {
    const terms = pricingTerms(branch([fixed(820, '2026-01-01')]), headOffice);
    expect(pays(terms, 20, '2026-07-01')).toBe(820);
    expect(pays(terms, 50, '2026-07-01')).toBe(2000);
    expect(customerPricesOn(list, terms, '2026-07-01')[0]).toEqual({ size: 20, unitPrice: 820, listPrice: 900, contract: fixed(820, '2026-01-01') });
  });

  it("gives the head office's terms the days around a branch's own term, and the list where neither runs", () => {
    const terms = pricingTerms(branch([fixed(820, '2026-07-01', '2026-07-31')]), { id: 'hq', contractPrices: [discount(50, '2026-06-01', '2026-12-10')] });
    expect(pays(terms, 20, '2026-05-31')).toBe(900);
    expect(pays(terms, 20, '2026-06-30')).toBe(850);
    expect(pays(terms, 20, '2026-07-01')).toBe(820);
    expect(pays(terms, 20, '2026-07-31')).toBe(820);
    expect(pays(terms, 20, '2026-08-01')).toBe(850);
    expect(pays(terms, 20, '2026-12-10')).toBe(810);
    expect(pays(terms, 20, '2026-12-11')).toBe(860);
  });

  it("is the head office's terms again after a branch's own have ended", () => {
    const terms = pricingTerms(branch([fixed(820, '2026-01-01', '2026-06-30')]), headOffice);
    expect(pays(terms, 20, '2026-06-30')).toBe(820);
    expect(pays(terms, 20, '2026-07-01')).toBe(850);
  });

  it('prices a customer by their own terms alone when they name no head office, or another than the one read', () => {
    expect(pricingTerms({ id: 'c1' }, undefined)).toBeUndefined();
    expect(pricingTerms({ id: 'c1', contractPrices: [fixed(820, '2026-01-01')] }, headOffice)).toEqual([fixed(820, '2026-01-01')]);
    expect(pricingTerms({ ...branch(), payerId: 'other' }, headOffice)).toBeUndefined();
    expect(pays(pricingTerms(branch(), { id: 'hq' }), 20, '2026-07-01')).toBe(900);
  });
});

describe('assertContractPrices', () => {
  const code = (f: () => void): string | undefined => {
    try {
      f();
      return undefined;
    } catch (e) {
      return (e as { code: string }).code;
    }
  };

  it('takes a discount of a few percent and a fixed price near the list', () => {
    expect(() => assertContractPrices(list, [discount(50, '2026-06-01'), { ...fixed(2000, '2026-06-01'), size: 50 }], [], false)).not.toThrow();
  });

  it('refuses a discount that leaves nothing to pay, on any list price it meets', () => {
    expect(code(() => assertContractPrices(list, [discount(900, '2026-06-01')], [], true))).toBe('PRICE.CONTRACT_NOT_POSITIVE');
    expect(code(() => assertContractPrices([...list, { size: 20, unitPrice: 600, effectiveFrom: '2027-01-01' }], [discount(600, '2026-12-01')], [], true))).toBe('PRICE.CONTRACT_NOT_POSITIVE');
  });

  it('refuses a price more than a fifth below the list unless confirmed', () => {
    expect(() => assertContractPrices(list, [fixed(700, '2026-06-01')], [], false)).toThrow(
      expect.objectContaining({ code: 'PRICE.CONTRACT_LARGE_DISCOUNT', details: expect.objectContaining({ path: 'terms.0.amount', size: 20, listPrice: 900, unitPrice: 700 }) }),
    );
    expect(code(() => assertContractPrices(list, [discount(200, '2026-06-01')], [], false))).toBe('PRICE.CONTRACT_LARGE_DISCOUNT');
    expect(() => assertContractPrices(list, [fixed(700, '2026-06-01')], [], true)).not.toThrow();
  });

  it('does not hold a term kept as stored to the list as it moved since', () => {
    const term = fixed(700, '2026-06-01');
    expect(() => assertContractPrices(list, [term, { ...discount(30, '2026-01-01'), size: 50 }], [term], false)).not.toThrow();
  });

  it('refuses a term ending before it starts and two terms of a size on one day', () => {
    expect(code(() => assertContractPrices(list, [discount(50, '2026-06-01', '2026-05-01')], [], false))).toBe('PRICE.CONTRACT_PERIOD');
    expect(code(() => assertContractPrices(list, [discount(50, '2026-06-01', '2026-08-31'), fixed(850, '2026-08-31')], [], false))).toBe('PRICE.CONTRACT_OVERLAP');
    expect(code(() => assertContractPrices(list, [fixed(850, '2026-09-01'), discount(50, '2026-06-01')], [], false))).toBe('PRICE.CONTRACT_OVERLAP');
  });

  it('lets two sizes run over the same days', () => {
    expect(() => assertContractPrices(list, [discount(50, '2026-06-01'), { ...discount(100, '2026-06-01'), size: 50 }], [], false)).not.toThrow();
  });
});

const refusal = (names: string[], discountMet: number) =>
  expect.objectContaining({ code: 'PRICE.CONTRACT_DISCOUNT_EXHAUSTED', kind: 'precondition', details: expect.objectContaining({ customers: names, discount: discountMet, size: 20 }) });

describe('assertDiscountsCovered', () => {
  const customers = [
    { id: 'c-1', name: '林記麵館', status: 'active', contractPrices: [discount(300, '2026-06-01')] },
    { id: 'c-2', name: '王家小吃', status: 'active', contractPrices: [discount(250, '2026-01-01', '2026-12-31')] },
    { id: 'c-3', name: '金鼎食品廠', status: 'active', contractPrices: [fixed(700, '2026-01-01')] },
    { id: 'c-4', name: '去年的合約', status: 'active', contractPrices: [discount(400, '2025-01-01', '2026-02-28')] },
    { id: 'c-5', name: '沒有合約', status: 'active' },
  ] as const;

  it('refuses a list price at or below a discount on a day it prices, naming the customers: their cylinder would cost nothing', () => {
    const drop = { size: 20, unitPrice: 250, effectiveFrom: '2027-01-15' } as const;
    expect(() => assertDiscountsCovered(list, drop, customers)).toThrow(refusal(['林記麵館'], 300));
    expect(() => assertDiscountsCovered(list, { ...drop, effectiveFrom: '2026-11-01' }, customers)).toThrow(refusal(['林記麵館', '王家小吃'], 300));
  });

  it('passes a price every discount it meets leaves something of, and ignores fixed prices, other sizes and terms over before it or after its days', () => {
    expect(() => assertDiscountsCovered(list, { size: 20, unitPrice: 310, effectiveFrom: '2026-11-01' }, customers)).not.toThrow();
    expect(() => assertDiscountsCovered(list, { size: 50, unitPrice: 100, effectiveFrom: '2026-11-01' }, customers)).not.toThrow();
    // Priced only until the next entry (2026-12-01): 林記's term begins after, so a price for 2026-03 and 2026-04 meets none.
    const spring: PriceList = [...list, { size: 20, unitPrice: 900, effectiveFrom: '2026-05-01' }];
    expect(() => assertDiscountsCovered(spring, { size: 20, unitPrice: 200, effectiveFrom: '2026-03-01' }, customers.filter((c) => c.id !== 'c-2'))).not.toThrow();
  });

  it('checks an entry replacing the one of its day by its new price', () => {
    expect(() => assertDiscountsCovered(list, { size: 20, unitPrice: 240, effectiveFrom: '2026-12-01' }, customers)).toThrow(refusal(['林記麵館', '王家小吃'], 300));
  });
  it('leaves out a deactivated customer’s terms: they buy nothing, so a customer who left does not hold up the price', () => {
    const left = { id: 'c-6', name: '歇業的麵店', status: 'inactive', contractPrices: [discount(500, '2026-01-01')] } as const;
    expect(() => assertDiscountsCovered(list, { size: 20, unitPrice: 450, effectiveFrom: '2026-12-01' }, [...customers, left])).not.toThrow();
    expect(() => assertDiscountsCovered(list, { size: 20, unitPrice: 250, effectiveFrom: '2027-01-15' }, [...customers, left])).toThrow(refusal(['林記麵館'], 300));
  });
});

describe('assertTermsCoveredByList', () => {
  it('refuses bringing back a customer whose discount a list price posted while they were away leaves nothing of, naming them', () => {
    const back = { id: 'c-6', name: '歇業的麵店', status: 'active', contractPrices: [discount(500, '2026-01-01')] } as const;
    const posted: PriceList = [...list, { size: 20, unitPrice: 450, effectiveFrom: '2027-02-01' }];
    expect(() => assertTermsCoveredByList(posted, back)).toThrow(refusal(['歇業的麵店'], 500));
    expect(() => assertTermsCoveredByList(list, back)).not.toThrow();
  });
});

describe('customerPriceChange', () => {
  const entry = { id: 'price-20-2026-12-01', size: 20, unitPrice: 860, effectiveFrom: '2026-12-01' } as const;

  it('tells a discount customer the list change less their discount, and a fixed one no change', () => {
    expect(customerPriceChange(list, entry, [discount(50, '2026-06-01')])).toMatchObject({ unitPrice: 810, previousPrice: 850 });
    expect(customerPriceChange(list, entry, [fixed(800, '2026-06-01')])).toMatchObject({ unitPrice: 800, previousPrice: 800 });
    expect(customerPriceChange(list, entry, undefined)).toMatchObject({ unitPrice: 860, previousPrice: 900 });
  });
});

describe('schemas', () => {
  it('parse their own examples', () => {
    expect(contractPriceSchema.safeParse(exampleOf(contractPriceSchema)).success).toBe(true);
    expect(setContractPricesInputSchema.safeParse(exampleOf(setContractPricesInputSchema)).success).toBe(true);
  });

  it('refuse an amount of nothing', () => {
    expect(contractPriceSchema.safeParse({ ...discount(0, '2026-06-01') }).success).toBe(false);
  });
});

/**
 * 合約價: restaurants, factories and large households buy on negotiated terms, per size either so much off the list price
 * of the day (which follows the monthly 調價) or a fixed unit price for the contract's period. The terms live on the
 * customer (`contractPrices`); every order of theirs is priced from `customerPriceList`, the list as that customer pays it,
 * so each caller that priced from the list keeps pricing the same way and cannot forget the terms.
 */
import { addDays } from '../calendar';
import { cylinderSizeSchema, type CylinderSize } from '../cylinders';
import { DomainError, invalid } from '../errors';
import { calendarDateSchema, moneySchema, z } from '../schema';
import { currentPrices, daysPricedBy, farFrom, LARGE_PRICE_CHANGE, priceFor, type PriceEntry, type PriceList } from './price-list';

export const CONTRACT_PRICE_KINDS = ['discount', 'fixed'] as const;
export type ContractPriceKind = (typeof CONTRACT_PRICE_KINDS)[number];

/** One size's terms for a period. */
export const contractPriceSchema = z
  .object({
    size: cylinderSizeSchema,
    kind: z.enum(CONTRACT_PRICE_KINDS).openapi({ description: '`discount`: `amount` off the list price of the day (折讓); `fixed`: `amount` is the unit price, whatever the list' }),
    amount: moneySchema.min(1).max(100_000),
    effectiveFrom: calendarDateSchema,
    /** The last day the terms apply; open-ended when absent. */
    effectiveTo: calendarDateSchema.optional(),
    /** 合約編號 or why the price was granted, for whoever reads the customer later. */
    note: z.string().trim().max(100).optional(),
  })
  .openapi('ContractPrice', { example: { size: 20, kind: 'discount', amount: 50, effectiveFrom: '2026-12-01', note: 'C-2026-031 餐廳年約' } });
export type ContractPrice = z.infer<typeof contractPriceSchema>;

/** `PUT /api/customers/:id/contract-prices`: the customer's whole set of terms (an empty list ends them all). */
export const setContractPricesInputSchema = z
  .object({
    terms: z.array(contractPriceSchema).max(40),
    confirmLargeDiscount: z
      .boolean()
      .default(false)
      .openapi({ description: `The admin has seen that a new term prices a size more than ${LARGE_PRICE_CHANGE * 100}% below the list and means it; without it such a term is refused (422 PRICE.CONTRACT_LARGE_DISCOUNT)` }),
  })
  .openapi('SetContractPricesRequest', { example: { terms: [{ size: 20, kind: 'discount', amount: 50, effectiveFrom: '2026-12-01' }], confirmLargeDiscount: false } });
export type SetContractPricesInput = z.infer<typeof setContractPricesInputSchema>;

const covers = (term: Pick<ContractPrice, 'effectiveFrom' | 'effectiveTo'>, date: string): boolean =>
  term.effectiveFrom <= date && (term.effectiveTo === undefined || date <= term.effectiveTo);

/** The customer's terms for a size on a day, if any (terms of a size never overlap: `assertContractPrices`). */
export const contractTermOn = <T extends ContractPrice>(terms: readonly T[] | undefined, size: CylinderSize, date: string): T | undefined =>
  terms?.find((t) => t.size === size && covers(t, date));

/** A term a customer prices by; `fromHeadOffice` when it is their head office's (沿用總店合約價), not their own. */
export type PricingTerm = ContractPrice & { readonly fromHeadOffice?: true };

/** What pricing reads of a customer: their own terms and, for a branch (分店), the head office that pays for it. */
export interface PricedCustomer {
  readonly id: string;
  readonly payerId?: string;
  readonly contractPrices?: readonly ContractPrice[];
}

const overlaps = (a: ContractPrice, b: ContractPrice): boolean =>
  a.effectiveFrom <= (b.effectiveTo ?? '9999-12-31') && b.effectiveFrom <= (a.effectiveTo ?? '9999-12-31');

/** The days of `term` that `own` leaves open: before it, after it, both or none. */
function outside(term: ContractPrice, own: ContractPrice): ContractPrice[] {
  if (term.size !== own.size || !overlaps(term, own)) return [term];
  const before = own.effectiveFrom > term.effectiveFrom ? [{ ...term, effectiveTo: addDays(own.effectiveFrom, -1) }] : [];
  const after = own.effectiveTo !== undefined && (term.effectiveTo === undefined || own.effectiveTo < term.effectiveTo) ? [{ ...term, effectiveFrom: addDays(own.effectiveTo, 1) }] : [];
  return [...before, ...after];
}

/**
 * The terms a customer prices by, the one rule every price of an order, quote and notice is read through. A chain agrees
 * its 合約價 for all its shops, so a branch (`payerId`) pays its head office's terms on the days and sizes its own leave
 * open: its own term for a size wins where it runs, the head office's applies before and after it, the list where neither
 * does. The head office's terms are those of the customer the branch names (read anew each time: an order priced keeps
 * its price, the next one follows a change); a customer that names none, or one left out of the chain, prices by its own.
 */
export function pricingTerms(customer: PricedCustomer, headOffice: PricedCustomer | undefined): PricingTerm[] | undefined {
  const own = customer.contractPrices;
  const inherited = customer.payerId !== undefined && headOffice?.id === customer.payerId ? (headOffice.contractPrices ?? []) : [];
  if (inherited.length === 0) return own ? [...own] : undefined;
  const open = inherited.flatMap((term) => (own ?? []).reduce<ContractPrice[]>((pieces, o) => pieces.flatMap((p) => outside(p, o)), [term]));
  return [...(own ?? []), ...open.map((term) => ({ ...term, fromHeadOffice: true as const }))];
}

/** The list price of a size on a day, or undefined when none is in force. */
function listPriceOn(list: PriceList, size: CylinderSize, date: string): number | undefined {
  return list.some((e) => e.size === size && e.effectiveFrom <= date) ? priceFor(list, size, date) : undefined;
}

/** The unit price under a term, given the list price of the day; undefined for a discount on a day without one. */
function termPrice(term: ContractPrice, listPrice: number | undefined): number | undefined {
  if (term.kind === 'fixed') return term.amount;
  return listPrice === undefined ? undefined : listPrice - term.amount;
}

/**
 * The price list as a customer with these terms pays it: for each size with terms, an entry wherever the list or the
 * terms change, priced by the term in force that day (else the list). A discount follows every list change in its period;
 * a fixed price ignores them; after a term's last day the list applies again. The list itself when there are no terms.
 */
export function customerPriceList(list: PriceList, terms: readonly ContractPrice[] | undefined): PriceList {
  if (!terms || terms.length === 0) return list;
  const sizes = new Set(terms.map((t) => t.size));
  const adjusted = [...sizes].flatMap((size) => {
    const days = new Set([
      ...list.filter((e) => e.size === size).map((e) => e.effectiveFrom),
      ...terms.filter((t) => t.size === size).flatMap((t) => [t.effectiveFrom, ...(t.effectiveTo ? [addDays(t.effectiveTo, 1)] : [])]),
    ]);
    return [...days].flatMap((effectiveFrom) => {
      const listPrice = listPriceOn(list, size, effectiveFrom);
      const term = contractTermOn(terms, size, effectiveFrom);
      const unitPrice = term ? termPrice(term, listPrice) : listPrice;
      return unitPrice === undefined ? [] : [{ size, unitPrice, effectiveFrom }];
    });
  });
  return [...list.filter((e) => !sizes.has(e.size)), ...adjusted];
}

/** What a customer pays for a size on a day, and how: the list price and the term that moves it, if any. */
export const customerSizePriceSchema = z
  .object({
    size: cylinderSizeSchema,
    unitPrice: z.number().openapi({ description: 'What the customer pays a cylinder that day' }),
    listPrice: z.number().optional().openapi({ description: 'The list price (牌價) that day; absent when the list has none' }),
    contract: contractPriceSchema.optional().openapi({ description: 'The 合約價 term that sets `unitPrice`, if any' }),
    fromHeadOffice: z.literal(true).optional().openapi({ description: "`contract` is the head office's (沿用總店合約價): the branch has no term of its own for the size that day" }),
  })
  .openapi('CustomerSizePrice');
export type CustomerSizePrice = z.infer<typeof customerSizePriceSchema>;

/** The prices a customer pays on a day, one per size priced for them (the drawer's 合約價 and the 叫瓦斯 quote). */
export function customerPricesOn(list: PriceList, terms: readonly PricingTerm[] | undefined, date: string): CustomerSizePrice[] {
  return currentPrices(customerPriceList(list, terms), date).map(({ size, unitPrice }) => {
    const listPrice = listPriceOn(list, size, date);
    const priced = { size, unitPrice, ...(listPrice === undefined ? {} : { listPrice }) };
    const term = contractTermOn(terms, size, date);
    if (!term) return priced;
    const { fromHeadOffice, ...contract } = term;
    return { ...priced, contract, ...(fromHeadOffice ? { fromHeadOffice } : {}) };
  });
}

const sameTerm = (a: ContractPrice, b: ContractPrice): boolean =>
  a.size === b.size && a.kind === b.kind && a.amount === b.amount && a.effectiveFrom === b.effectiveFrom && a.effectiveTo === b.effectiveTo;

/**
 * The list prices a term meets: the one in force on its first day and each posted within its period.
 */
function listPricesDuring(list: PriceList, term: ContractPrice): { date: string; listPrice: number }[] {
  const first = listPriceOn(list, term.size, term.effectiveFrom);
  const later = list.filter((e) => e.size === term.size && e.effectiveFrom > term.effectiveFrom && covers(term, e.effectiveFrom));
  return [...(first === undefined ? [] : [{ date: term.effectiveFrom, listPrice: first }]), ...later.map((e) => ({ date: e.effectiveFrom, listPrice: e.unitPrice }))];
}

/**
 * Checks a customer's new set of terms against the list. A term kept as it was stored is not checked again (the list may
 * have moved since it was agreed, and it was confirmed then).
 * @throws DomainError `PRICE.CONTRACT_PERIOD` (validation) for a term ending before it starts; `PRICE.CONTRACT_OVERLAP`
 * (validation) for two terms of a size on one day; `PRICE.CONTRACT_NOT_POSITIVE` (precondition) for a discount that leaves
 * nothing to pay on a day of its period; `PRICE.CONTRACT_LARGE_DISCOUNT` (precondition) for a price more than
 * `LARGE_PRICE_CHANGE` below the list unless `confirmed` (a digit typed too many would give cylinders away). Each names the
 * term (`path` `terms.<i>.…`), its size, the list price and the day.
 */
export function assertContractPrices(list: PriceList, terms: readonly ContractPrice[], stored: readonly ContractPrice[], confirmed: boolean): void {
  terms.forEach((term, i) => {
    if (term.effectiveTo !== undefined && term.effectiveTo < term.effectiveFrom) {
      throw invalid('PRICE.CONTRACT_PERIOD', `Term ${i} ends ${term.effectiveTo}, before it starts ${term.effectiveFrom}`, { path: `terms.${i}.effectiveTo` });
    }
    const clash = terms.findIndex((other, j) => j < i && other.size === term.size && (covers(other, term.effectiveFrom) || covers(term, other.effectiveFrom)));
    if (clash >= 0) {
      throw invalid('PRICE.CONTRACT_OVERLAP', `Terms ${clash} and ${i} both price ${term.size} kg`, { path: `terms.${i}.effectiveFrom`, size: term.size, other: clash + 1 });
    }
  });
  terms.forEach((term, i) => {
    if (stored.some((s) => sameTerm(s, term))) return;
    for (const { date, listPrice } of listPricesDuring(list, term)) {
      const unitPrice = termPrice(term, listPrice) ?? listPrice;
      const details = { path: `terms.${i}.amount`, size: term.size, listPrice, unitPrice, date };
      if (unitPrice <= 0) {
        throw new DomainError('PRICE.CONTRACT_NOT_POSITIVE', 'precondition', `${term.amount} off ${listPrice} leaves nothing to pay for ${term.size} kg on ${date}`, { ...details, discount: term.amount });
      }
      if (!confirmed && unitPrice < listPrice && farFrom(listPrice, unitPrice)) {
        throw new DomainError('PRICE.CONTRACT_LARGE_DISCOUNT', 'precondition', `${unitPrice} for ${term.size} kg is more than ${LARGE_PRICE_CHANGE * 100}% below ${listPrice} on ${date}`, details);
      }
    }
  });
}

/** What the list-price check reads of a customer on terms. */
export interface CustomerTerms {
  readonly id: string;
  readonly name: string;
  readonly status: 'active' | 'inactive';
  readonly contractPrices?: readonly ContractPrice[];
}

/**
 * Refuses a list price (posted, or replacing the entry of its size and day) that would leave a customer's discount at or
 * below NT$0 on a day it prices: a term is checked against the list only when set, so a later drop could otherwise give
 * their cylinders away (or pay them to take one) on days nobody checked. The admin changes those customers' terms first.
 * A deactivated customer's terms are not asked: they buy nothing, and naming a customer who left would hold up the price
 * for terms nobody pays; reactivating them checks their terms against the list then (`customers.ts`).
 * @throws DomainError `PRICE.CONTRACT_DISCOUNT_EXHAUSTED` (precondition, on `unitPrice`), naming the customers (by name,
 * in list order) with the size, the price and the largest discount it meets.
 */
export function assertDiscountsCovered(list: PriceList, entry: Pick<PriceEntry, 'size' | 'unitPrice' | 'effectiveFrom'>, customers: readonly CustomerTerms[]): void {
  const { from, before } = daysPricedBy([...list.filter((e) => !(e.size === entry.size && e.effectiveFrom === entry.effectiveFrom)), entry], entry);
  const meets = (t: ContractPrice) => t.effectiveFrom < (before ?? '9999-12-31') && (t.effectiveTo === undefined || t.effectiveTo >= from);
  const exhausted = customers.flatMap((c) => {
    if (c.status === 'inactive') return [];
    const terms = (c.contractPrices ?? []).filter((t) => t.size === entry.size && t.kind === 'discount' && meets(t) && entry.unitPrice - t.amount <= 0);
    return terms.length > 0 ? [{ name: c.name, discount: Math.max(...terms.map((t) => t.amount)) }] : [];
  });
  if (exhausted.length === 0) return;
  throw new DomainError('PRICE.CONTRACT_DISCOUNT_EXHAUSTED', 'precondition', `${entry.unitPrice} for ${entry.size} kg leaves ${exhausted.length} contract discount(s) with nothing to pay`, {
    path: 'unitPrice',
    size: entry.size,
    listPrice: entry.unitPrice,
    discount: Math.max(...exhausted.map((e) => e.discount)),
    customers: exhausted.map((e) => e.name),
  });
}

/**
 * A customer coming back (重新啟用) under the terms they left with: every list price posted meanwhile was not checked
 * against them (`assertDiscountsCovered` leaves the inactive out), so each entry is, as if posted now.
 * @throws DomainError `PRICE.CONTRACT_DISCOUNT_EXHAUSTED` naming the customer: their terms are changed first.
 */
export function assertTermsCoveredByList(list: PriceList, customer: CustomerTerms): void {
  const back = { ...customer, status: 'active' as const };
  for (const entry of list) assertDiscountsCovered(list, entry, [back]);
}

export const contractPriceMessages = {
  'PRICE.CONTRACT_PERIOD': { 'zh-TW': '合約價的結束日不可早於開始日', en: 'A contract price cannot end before it starts' },
  'PRICE.CONTRACT_OVERLAP': { 'zh-TW': '{size} 公斤已有同期間的合約價（第 {other} 筆），期間不可重疊', en: 'Another contract price for {size} kg (no. {other}) covers the same days: periods cannot overlap' },
  'PRICE.CONTRACT_NOT_POSITIVE': {
    'zh-TW': '{size} 公斤牌價 {listPrice:money} 折讓 {discount:money} 後沒有金額（{date}），請確認折讓金額',
    en: '{discount:money} off the {listPrice:money} list price of {size} kg leaves nothing to pay ({date}): check the discount',
  },
  'PRICE.CONTRACT_DISCOUNT_EXHAUSTED': {
    'zh-TW': '{size} 公斤牌價 {listPrice:money} 不高於 {customers:list} 的合約折讓（最多 {discount:money}），折讓後沒有金額；請先調整這些客戶的合約價',
    en: 'A {size} kg list price of {listPrice:money} is no more than the contract discount (up to {discount:money}) of {customers:list}, leaving them nothing to pay: change their contract prices first',
  },
  'PRICE.CONTRACT_LARGE_DISCOUNT': {
    'zh-TW': '{size} 公斤合約價 {unitPrice:money} 比牌價 {listPrice:money} 低超過兩成（{date}），請確認金額沒有打錯',
    en: '{unitPrice:money} a {size} kg cylinder is more than 20% below the {listPrice:money} list price ({date}): check the amount',
  },
} as const;

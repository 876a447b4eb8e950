import { DomainError } from '../errors';
import { calendarDateSchema, instantSchema, moneySchema, z } from '../schema';
import { cylinderSizeSchema, type CylinderSize, type SizeQuantity } from '../cylinders';

/** What an admin posts to change the price of one size from a date on. */
export const priceEntryInputSchema = z
  .object({
    size: cylinderSizeSchema,
    unitPrice: moneySchema.min(1).max(100_000),
    effectiveFrom: calendarDateSchema,
  })
  .openapi('PriceEntryInput', { example: { size: 20, unitPrice: 880, effectiveFrom: '2026-12-01' } });
export type PriceEntryInput = z.infer<typeof priceEntryInputSchema>;

/**
 * The share of the price in force the day before beyond which a posting is asked to be confirmed: CPC's monthly adjustment
 * moves a cylinder's price by a few percent, a digit typed too many or too few by far more.
 */
export const LARGE_PRICE_CHANGE = 0.2;

/** Whether a price is more than `LARGE_PRICE_CHANGE` away from the one it is held against. */
export const farFrom = (reference: number, price: number): boolean => Math.abs(price - reference) > reference * LARGE_PRICE_CHANGE;

/** `POST /api/prices`: the entry, and whether its customers are to be told before it applies (調價通知). */
export const postPriceInputSchema = priceEntryInputSchema
  .extend({
    notifyCustomers: z
      .boolean()
      .default(false)
      .openapi({ description: 'Tell the customers who buy the size (LINE / SMS) before the day; only for a day after today' }),
    confirmLargeChange: z
      .boolean()
      .default(false)
      .openapi({ description: `The admin has seen that the price moves more than ${LARGE_PRICE_CHANGE * 100}% from the one in force the day before and means it; without it such a price is refused (422 PRICE.LARGE_CHANGE)` }),
  })
  .openapi('PostPriceRequest', { example: { size: 20, unitPrice: 880, effectiveFrom: '2026-12-01', notifyCustomers: true, confirmLargeChange: false } });

/** One stored row of `priceList/{id}`: the unit price of a size from `effectiveFrom` until a later row. */
export const priceEntrySchema = priceEntryInputSchema.extend({
  id: z.string().min(1),
  createdAt: instantSchema,
  createdBy: z.string().min(1),
  revokedPrice: moneySchema.optional().openapi({
    description: 'The price this entry set until an admin revoked it (撤銷調價: posted again at the price in force the day before); the entry then moves nothing',
  }),
});
export type PriceEntry = z.infer<typeof priceEntrySchema>;

export type PriceList = readonly Pick<PriceEntry, 'size' | 'unitPrice' | 'effectiveFrom'>[];

/** Deterministic id, so posting the same size and date twice replaces rather than duplicates. */
export const priceEntryId = (size: CylinderSize, effectiveFrom: string): string => `price-${size}-${effectiveFrom}`;

/**
 * The entry that prices a size on a date: the one with the latest `effectiveFrom` on or before it.
 * @throws DomainError `PRICE.NOT_FOUND` (precondition) when no entry covers the date.
 */
export function entryInForce<E extends PriceList[number]>(priceList: readonly E[], size: CylinderSize, date: string): E {
  let best: E | undefined;
  for (const entry of priceList) {
    if (entry.size !== size || entry.effectiveFrom > date) continue;
    if (!best || entry.effectiveFrom > best.effectiveFrom) best = entry;
  }
  if (!best) {
    throw new DomainError('PRICE.NOT_FOUND', 'precondition', `No price for ${size} kg on ${date}`, { size, date });
  }
  return best;
}

/**
 * The unit price (NT$) of a size on a date: that of the entry in force then.
 * @throws DomainError `PRICE.NOT_FOUND` (precondition) when no entry covers the date.
 */
export function priceFor(priceList: PriceList, size: CylinderSize, date: string): number {
  return entryInForce(priceList, size, date).unitPrice;
}

/**
 * The days an entry prices: from its own day up to, not including, the next entry of its size (open-ended when none
 * follows). Orders requested in that span take its price.
 */
export function daysPricedBy(priceList: PriceList, entry: Pick<PriceEntry, 'size' | 'effectiveFrom'>): { from: string; before?: string } {
  const next = priceList
    .filter((e) => e.size === entry.size && e.effectiveFrom > entry.effectiveFrom)
    .reduce<string | undefined>((first, e) => (first === undefined || e.effectiveFrom < first ? e.effectiveFrom : first), undefined);
  return { from: entry.effectiveFrom, ...(next ? { before: next } : {}) };
}

export interface PricedLine extends SizeQuantity {
  readonly unitPrice: number;
  readonly subtotal: number;
}

/** Prices order lines on a date. The total is always the sum of the subtotals. */
export function priceLines(
  priceList: PriceList,
  lines: readonly SizeQuantity[],
  date: string,
): { items: PricedLine[]; total: number } {
  const items = lines.map((l) => {
    const unitPrice = priceFor(priceList, l.size, date);
    return { size: l.size, quantity: l.quantity, unitPrice, subtotal: unitPrice * l.quantity };
  });
  return { items, total: items.reduce((sum, l) => sum + l.subtotal, 0) };
}

/** The entries in force on a date, one per size that has a price (what the office price screen shows). */
export function currentPrices(priceList: PriceList, date: string): { size: CylinderSize; unitPrice: number }[] {
  const sizes = [...new Set(priceList.map((e) => e.size))].sort((a, b) => a - b);
  return sizes.flatMap((size) =>
    priceList.some((e) => e.size === size && e.effectiveFrom <= date)
      ? [{ size, unitPrice: priceFor(priceList, size, date) }]
      : [],
  );
}

export const pricingMessages = {
  'PRICE.NOT_FOUND': { 'zh-TW': '此日期沒有該尺寸的價格', en: 'No price for this size on this date' },
  'PRICE.LARGE_CHANGE': {
    'zh-TW': '{size} 公斤每桶 {unitPrice:money} 與前一天的 {previousPrice:money} 相差超過兩成，請確認金額沒有打錯',
    en: '{unitPrice:money} a {size} kg cylinder is more than 20% away from {previousPrice:money} the day before: check the amount',
  },
  'PRICE.NOTICE_TOO_LATE': { 'zh-TW': '生效日期須晚於今天，才能事先通知客戶', en: 'Customers can be told in advance only of a price from a day after today' },
} as const;

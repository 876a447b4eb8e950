/**
 * A price typed with a digit too many or too few (NT$8,500 for 850) would re-price every open order of the size and, with
 * 通知客戶, text every buyer the wrong price: a posting far from the price before it (`LARGE_PRICE_CHANGE`) is taken only
 * once the admin has seen both and confirmed.
 */
import { DomainError } from '../errors';
import { farFrom, LARGE_PRICE_CHANGE, type PriceEntry, type PriceList } from './price-list';
import { priceChangeOf } from './price-notice';

/**
 * Refuses an entry that moves the size's price in force the day before by more than `LARGE_PRICE_CHANGE`, unless the admin
 * confirmed it. A size's first price has nothing to compare with and passes.
 * @throws DomainError `PRICE.LARGE_CHANGE` (precondition, on `unitPrice`, with the size, both prices and the day).
 */
export function assertPriceConfirmed(list: PriceList, entry: Pick<PriceEntry, 'id' | 'size' | 'unitPrice' | 'effectiveFrom'>, confirmed: boolean): void {
  const change = priceChangeOf(list, entry);
  if (confirmed || !change || !farFrom(change.previousPrice, change.unitPrice)) return;
  const { size, unitPrice, previousPrice, effectiveFrom } = change;
  throw new DomainError('PRICE.LARGE_CHANGE', 'precondition', `${size} kg at ${unitPrice} from ${effectiveFrom} is more than ${LARGE_PRICE_CHANGE * 100}% away from ${previousPrice}`, {
    size,
    unitPrice,
    previousPrice,
    effectiveFrom,
    path: 'unitPrice',
  });
}

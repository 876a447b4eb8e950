import { computed, onScopeDispose } from 'vue';
import type { NewPriceEntry, PriceEntry, PriceList, SizePrice } from '../lib/types';
import { api, useApiResource } from './useApi';

/**
 * Adds a price-list entry; the open orders it covers are re-priced after the answer (and with `notifyCustomers`, the
 * customers told); the same key answers the first entry again.
 */
export const addPrice = (entry: NewPriceEntry, idempotencyKey: string) => api.post<PriceEntry>('/api/prices', entry, { idempotencyKey });

/** Whether a posting listed is still giving its price to the booked orders. */
export const repricingPending = (list: PriceList | null): boolean => list?.entries?.some((e) => e.repricing && !e.repricing.done) ?? false;

/** How often, and how many times at most, the list is read again while a posting is re-pricing: a minute in all. */
const FOLLOW_EVERY_MS = 2000;
const FOLLOW_READS = 30;

/** Every price-list entry and the prices in force today, which the API works out from them. */
export function usePrices() {
  const { data, loading, error, reload } = useApiResource<PriceList | null>(() => api.get<PriceList>('/api/prices'), null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Reads the list again while a posting is still re-pricing, so its count of orders shows once it is known (the
   * re-pricing runs after the save's answer).
   */
  function followRepricing(left = FOLLOW_READS): void {
    clearTimeout(timer);
    if (left === 0 || !repricingPending(data.value)) return;
    timer = setTimeout(() => {
      void reload().then(() => followRepricing(left - 1));
    }, FOLLOW_EVERY_MS);
  }
  onScopeDispose(() => clearTimeout(timer));

  return { prices: data, loading, error, reload, followRepricing };
}

/**
 * The prices in force on a day (what an order for it is charged), read again when the day or customer changes; null until
 * they are. With `customerId`, that customer's (合約價): staff any, a head office its branch's; a customer without one their own.
 */
export function usePricesOn(date: () => string, customerId: () => string | undefined = () => undefined) {
  const { data } = useApiResource<PriceList | null>(() => api.get<PriceList>('/api/prices', { date: date(), customerId: customerId() }), null, {
    source: () => [date(), customerId()],
  });
  return computed<SizePrice[] | null>(() => (data.value?.date === date() ? data.value.current : null));
}

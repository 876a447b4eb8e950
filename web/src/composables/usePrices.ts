import type { NewPriceEntry, PostedPriceEntry, PriceList } from '../lib/types';
import { api, useApiResource } from './useApi';

/**
 * Adds a price-list entry, which re-prices the open orders it covers (and with `notifyCustomers`, tells the customers);
 * the same key answers the first entry again.
 */
export const addPrice = (entry: NewPriceEntry, idempotencyKey: string) => api.post<PostedPriceEntry>('/api/prices', entry, { idempotencyKey });

/** Every price-list entry and the prices in force today, which the API works out from them. */
export function usePrices() {
  const { data, loading, error, reload } = useApiResource<PriceList | null>(() => api.get<PriceList>('/api/prices'), null);
  return { prices: data, loading, error, reload };
}

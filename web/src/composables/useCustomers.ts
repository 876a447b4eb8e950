import { ref } from 'vue';
import type { Customer, Page } from '../lib/types';
import { api } from './useApi';

export const searchCustomers = (q: string, limit = 20, cursor?: string | null) =>
  api.get<Page<Customer>>('/api/customers', { q, limit, cursor });

/** A customer search with cursor pagination ("load more"), for lists and pickers. */
export function useCustomerSearch(pageSize = 20) {
  const customers = ref<Customer[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let lastQuery = '';

  async function load(q: string, cursor: string | null) {
    loading.value = true;
    error.value = null;
    try {
      const page = await searchCustomers(q, pageSize, cursor);
      customers.value = cursor ? [...customers.value, ...page.items] : page.items;
      nextCursor.value = page.nextCursor;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  return {
    customers,
    nextCursor,
    loading,
    error,
    search: (q: string) => {
      lastQuery = q;
      return load(q, null);
    },
    loadMore: () => (nextCursor.value ? load(lastQuery, nextCursor.value) : Promise.resolve()),
  };
}

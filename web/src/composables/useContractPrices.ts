import type { ContractPrice, SizePrice } from '../lib/types';
import { api } from './useApi';

export interface CustomerContractPrices {
  date: string;
  /** The customer's own terms. */
  terms: ContractPrice[];
  prices: SizePrice[];
  /** A branch's head office and its terms, which the branch pays where its own leave a size or day open. */
  headOffice?: { id: string; code: string; name: string; terms: ContractPrice[] };
}

export const getContractPrices = (customerId: string) => api.get<CustomerContractPrices>(`/api/customers/${encodeURIComponent(customerId)}/contract-prices`);

/** Replaces the customer's terms; their open orders take the new prices in the same request (`repricedOrders`). */
export const setContractPrices = (customerId: string, body: { terms: ContractPrice[]; confirmLargeDiscount?: boolean }) =>
  api.put<CustomerContractPrices & { repricedOrders: number }>(`/api/customers/${encodeURIComponent(customerId)}/contract-prices`, body);

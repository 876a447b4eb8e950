import type { ContractPrice, SizePrice } from '../lib/types';
import { api } from './useApi';

export interface CustomerContractPrices {
  date: string;
  terms: ContractPrice[];
  prices: SizePrice[];
}

export const getContractPrices = (customerId: string) => api.get<CustomerContractPrices>(`/api/customers/${encodeURIComponent(customerId)}/contract-prices`);

/** Replaces the customer's terms; their open orders take the new prices in the same request (`repricedOrders`). */
export const setContractPrices = (customerId: string, body: { terms: ContractPrice[]; confirmLargeDiscount?: boolean }) =>
  api.put<CustomerContractPrices & { repricedOrders: number }>(`/api/customers/${encodeURIComponent(customerId)}/contract-prices`, body);

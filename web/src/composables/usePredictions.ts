import type { ChurnPrediction, DuePrediction, MyRefill, WeeklyOutlook } from '../lib/types';
import { api } from './useApi';

/** The most customers one call list holds (the API's own cap); `total` says when more are due. */
const DUE_LIST_LIMIT = 1000;

/**
 * Customers to deliver within `days` (GET /api/predictions/due), all or only those without an open
 * order; `total` counts them before the limit.
 */
export const fetchDue = (days: number, orders: 'any' | 'none') =>
  api.get<{ asOf: string; until: string; total: number; items: DuePrediction[] }>('/api/predictions/due', { days, orders, limit: DUE_LIST_LIMIT });

/** Customers at churn risk, riskiest first (GET /api/predictions/churn). */
export const fetchChurn = async () => (await api.get<{ items: ChurnPrediction[] }>('/api/predictions/churn')).items;

/** Cylinders by size all customers are expected to order in each of the next weeks (GET /api/predictions/weekly). */
export const fetchWeekly = () => api.get<WeeklyOutlook>('/api/predictions/weekly');

/** The signed-in customer's own refill reminder (GET /api/predictions/mine). */
export const fetchMyRefill = () => api.get<MyRefill>('/api/predictions/mine');

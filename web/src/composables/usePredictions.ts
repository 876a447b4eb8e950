import type { ChurnCall, ChurnPrediction, CustomerPrediction, DailyOutlook, DemandAdjustment, DuePrediction, MyRefill, NewChurnCall, PredictionModel, StopsPerTruckFigure, WeeklyOutlook } from '../lib/types';
import { api, downloadFile } from './useApi';

/** The most customers one call list holds (the API's own cap); `total` says when more are due. */
const DUE_LIST_LIMIT = 1000;

/**
 * Customers to deliver within `days` (GET /api/predictions/due), all or only those without an open
 * order; `total` counts them before the limit. Whoever moved to a competitor is left out (`elsewhere`
 * counts them) unless `elsewhere` is `show`, and whoever is at churn risk (`atRisk` counts them) unless `atRisk` is.
 */
export const fetchDue = (days: number, orders: 'any' | 'none', elsewhere: 'hide' | 'show', atRisk: 'hide' | 'show') =>
  api.get<{ asOf: string; until: string; total: number; elsewhere: number; atRisk: number; items: DuePrediction[] }>('/api/predictions/due', {
    days,
    orders,
    elsewhere,
    atRisk,
    limit: DUE_LIST_LIMIT,
  });

/**
 * Customers at churn risk by the NT$ a month expected to be lost or riskiest first (GET /api/predictions/churn), without
 * those the office called in the last `hideContactedDays` days (0: everyone); `hiddenContacted` counts the ones left out.
 */
export const fetchChurn = (query: { hideContactedDays: number; sort: 'loss' | 'risk'; assignee: 'any' | 'mine' }) => api.get<{ hiddenContacted: number; items: ChurnPrediction[] }>('/api/predictions/churn', { ...query });

/** Records what came of a call to a customer at churn risk; a retry with the same key records it once. */
export const recordChurnCall = (customerId: string, call: NewChurnCall, idempotencyKey: string) =>
  api.post<ChurnCall>(`/api/predictions/customers/${encodeURIComponent(customerId)}/calls`, call, { idempotencyKey });

/** One customer's churn calls, newest first, each with who called by name (GET /api/predictions/customers/:id/calls). */
export const fetchCustomerCalls = (customerId: string) => api.get<{ items: ChurnCall[] }>(`/api/predictions/customers/${encodeURIComponent(customerId)}/calls`);

/** One customer's next order and churn risk (GET /api/predictions/customers/:id; computed on demand when the night left none). */
export const fetchCustomerPrediction = (customerId: string) => api.get<CustomerPrediction>(`/api/predictions/customers/${encodeURIComponent(customerId)}`);

/** Cylinders by size all customers are expected to order in each of the next weeks (GET /api/predictions/weekly). */
export const fetchWeekly = () => api.get<WeeklyOutlook>('/api/predictions/weekly');

/** The model serving the predictions, when trained and how right it was on its hold-out weeks; null before any was trained. */
export const fetchPredictionModel = () => api.get<{ model: PredictionModel | null }>('/api/predictions/model');

/** The filling plant's order a day at a time from tomorrow, all customers or a depot's (GET /api/predictions/daily). */
export const fetchDaily = (days: number, depotId: string) => api.get<DailyOutlook>('/api/predictions/daily', { days, ...(depotId ? { depotId } : {}) });
export const downloadDailyCsv = (days: number, depotId: string, fileName: string) => downloadFile('/api/predictions/daily/export', { days, ...(depotId ? { depotId } : {}) }, fileName);

/** 需求調整 of some days (an announced 寒流 ×3); a retry with the same key stores it once. */
export const addDemandAdjustment = (body: Pick<DemandAdjustment, 'from' | 'to' | 'factor' | 'reason'>, idempotencyKey: string) =>
  api.post<DemandAdjustment>('/api/predictions/adjustments', body, { idempotencyKey });
export const removeDemandAdjustment = (id: string) => api.delete(`/api/predictions/adjustments/${encodeURIComponent(id)}`);

/** Each depot's stops a truck makes a day as the nightly suggestions count them, learned from its last `weeks` weeks of routes or set. */
export const fetchStopsPerTruck = () => api.get<{ asOf: string | null; weeks: number; items: StopsPerTruckFigure[] }>('/api/predictions/stops-per-truck');

/** The signed-in customer's own refill reminder (GET /api/predictions/mine). */
export const fetchMyRefill = () => api.get<MyRefill>('/api/predictions/mine');

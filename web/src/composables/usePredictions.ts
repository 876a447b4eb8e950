import type { ChurnPrediction, DuePrediction } from '../lib/types';
import { api } from './useApi';

/** Customers to deliver within `days` (GET /api/predictions/due). */
export const fetchDue = async (days: number) =>
  (await api.get<{ asOf: string; until: string; items: DuePrediction[] }>('/api/predictions/due', { days })).items;

/** Customers at churn risk, riskiest first (GET /api/predictions/churn). */
export const fetchChurn = async () => (await api.get<{ items: ChurnPrediction[] }>('/api/predictions/churn')).items;

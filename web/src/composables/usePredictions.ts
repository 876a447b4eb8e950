import type { ChurnPrediction, DuePrediction } from '../lib/types';
import { api } from './useApi';

/** Both prediction endpoints answer either a bare list or `{items}`; screens get a list. */
function items<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items;
}

export const fetchDue = async (days: number) =>
  items(await api.get<DuePrediction[] | { items: DuePrediction[] }>('/api/predictions/due', { days }));

export const fetchChurn = async () => items(await api.get<ChurnPrediction[] | { items: ChurnPrediction[] }>('/api/predictions/churn'));

import type { ChurnAssignee, ChurnSummary } from '../lib/types';
import { api, downloadFile } from './useApi';
import type { fetchChurn } from './usePredictions';

/** The churn list's query (sort, "mine", who was called lately), the same for the page and its file. */
export type ChurnListQuery = Parameters<typeof fetchChurn>[0];

/** The churn list as a CSV file (GET /api/predictions/churn/export), the same customers in the same order as the page asks for. */
export const downloadChurnCsv = (query: ChurnListQuery, fileName: string) => downloadFile('/api/predictions/churn/export', { ...query }, fileName);

/** What a month's churn calls achieved: customers called, reached and won back, by outcome (GET /api/predictions/churn/summary). */
export const fetchChurnSummary = (month?: string) => api.get<ChurnSummary>('/api/predictions/churn/summary', month ? { month } : {});

/** The office and admin accounts a call can be assigned to. */
export const fetchChurnAssignees = () => api.get<{ items: ChurnAssignee[] }>('/api/predictions/churn/assignees');

/** Who is to call the customer; null takes the assignment off. */
export const assignChurnCall = (customerId: string, uid: string | null) =>
  api.put<{ customerId: string; assignee: ChurnAssignee | null }>(`/api/predictions/customers/${encodeURIComponent(customerId)}/assignee`, { uid });

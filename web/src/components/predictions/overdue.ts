import type { CustomerPrediction } from '../../lib/types';

/**
 * The day a customer was last delivered to when they are past even the late end of their 80 % window: the model puts
 * every date of such a customer on the day it predicts on, so 預計下次訂購 alone would read "orders today" for one gone
 * since July. Null for anyone still within their window, or never delivered to.
 */
export function overdueSince(prediction: Pick<CustomerPrediction, 'asOf' | 'lastDeliveryDate' | 'nextRefill'>): string | null {
  return prediction.lastDeliveryDate !== null && prediction.nextRefill.p90 <= prediction.asOf ? prediction.lastDeliveryDate : null;
}

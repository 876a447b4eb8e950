import { useI18n } from 'vue-i18n';
import { type AppLocale, formatDateTime } from '../lib/format';
import type { ChurnCall, ChurnPrediction, ExpectedQuantity } from '../lib/types';

/**
 * A prediction's cylinders and churn reasons, and the calls about it, in a clerk's words, the same on the predictions page
 * and in the customer drawer.
 */
export function usePredictionText() {
  const { t, locale } = useI18n();
  /**
   * Whole cylinders, as a suggested order brings them (the median), with the usual range when the
   * customer's orders vary; a customer without deliveries has only a fractional expectation.
   */
  const quantityText = (items: ExpectedQuantity[]) =>
    items
      .map((q) => ({ size: q.size, quantity: q.range?.p50 ?? Math.round(q.quantity), range: q.range }))
      .filter((q) => q.quantity > 0)
      .map((q) =>
        q.range && q.range.p10 !== q.range.p90
          ? t('predictions.quantityRange', { size: q.size, quantity: q.quantity, low: q.range.p10, high: q.range.p90 })
          : t('cylinder.line', { size: q.size, quantity: q.quantity }),
      )
      .join(t('common.listSeparator'));
  /** Strongest reason first. */
  const reasonsText = (list: ChurnPrediction['reasons']) =>
    [...list]
      .sort((a, b) => b.weight - a.weight)
      .map((r) => t(`predictions.reasonCodes.${r.code}`))
      .join(t('common.listSeparator'));
  const percent = (p: number) => `${Math.round(p * 100)}%`;
  const callOutcome = (call: ChurnCall) => t(`predictions.calls.outcomes.${call.outcome}`);
  // A promise to order is the one outcome that reads as good news.
  const callTag = (call: ChurnCall) => (call.outcome === 'will_order' ? 'success' : 'info');
  /** When, in Taipei time, and who by name (by role when the account is gone: never the uid). */
  const callWhen = (call: ChurnCall) =>
    t('predictions.calls.when', { at: formatDateTime(call.at, locale.value as AppLocale), by: call.byName ?? t(`roles.${call.by.role}`) });
  return { quantityText, reasonsText, percent, callOutcome, callTag, callWhen };
}

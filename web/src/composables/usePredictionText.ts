import { useI18n } from 'vue-i18n';
import type { ChurnPrediction, ExpectedQuantity } from '../lib/types';

/** A prediction's cylinders and churn reasons in a clerk's words, the same on the predictions page and in the customer drawer. */
export function usePredictionText() {
  const { t } = useI18n();
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
  return { quantityText, reasonsText, percent };
}

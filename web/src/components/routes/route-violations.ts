import type { RouteViolation } from '../../composables/useRoutes';

type Translate = (key: string, named: Record<string, unknown>) => string;

/**
 * What a draft breaks after an edit, in words: the stop's customer where the API names one (`stopId`, an order id) and
 * the figure over the limit (minutes, kg or cylinder slots). A code the page does not know yet is still said, by its code.
 */
export function routeViolationText(v: RouteViolation, customerOf: (orderId: string) => string, t: Translate, known: (key: string) => boolean): string {
  const key = `routes.violations.${v.code}`;
  const named = { customer: v.stopId ? customerOf(v.stopId) : '', amount: Math.round(v.amount), code: v.code };
  return known(key) ? t(key, named) : t('routes.violations.other', named);
}

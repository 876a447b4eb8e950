import { formatDateRange } from './closures';
import type { AppLocale } from './format';
import { RESCHEDULE_REASONS, type RescheduleReason, type TimelineEntry } from './types';

/**
 * Why an order failed or was cancelled, as stored: the code of a reason picked from a list, so that each reader (the
 * office, the driver, the customer's message) sees it in their own language, or words someone typed, shown as typed
 * (every reason stored before the codes, too). The API's own names for the codes are in notifications' templates.
 */
export const FAILURE_REASON_CODES = ['no_one_home', 'customer_refused', 'address_not_found', 'access_blocked', 'unsafe_installation', 'payment_issue'] as const;
/** What a customer picks when cancelling in the portal: one tap, no typing needed. */
export const CANCEL_REASON_CODES = ['still_have_gas', 'ordered_by_mistake', 'order_later', 'other'] as const;
/** Recorded when a step of the office's cancels orders with it (deactivating their customer); never offered as a pick. */
export const OFFICE_CANCEL_REASON_CODES = ['customer_deactivated'] as const;

const CODES: ReadonlySet<string> = new Set([...FAILURE_REASON_CODES, ...CANCEL_REASON_CODES, ...OFFICE_CANCEL_REASON_CODES]);

/** The locale key naming a stored reason, or null when it is typed words to show as they are. */
export const reasonKey = (reason: string): string | null => (CODES.has(reason) ? `orderReasons.${reason}` : null);

/** A stored reason as the reader reads it, `t` being their translation. */
export function reasonText(reason: string, t: (key: string) => string): string {
  const key = reasonKey(reason);
  return key ? t(key) : reason;
}

/** Whether a move's reason (延後, 修改 of the day) is a code picked from RESCHEDULE_REASONS rather than words typed. */
export const isRescheduleReason = (reason: string): reason is RescheduleReason => (RESCHEDULE_REASONS as readonly string[]).includes(reason);

/**
 * A move's reason as the reader reads it: a code in their words under `keyPrefix` (the office's `board.reschedule.reasons`,
 * the customer's `portal.moved.reasons`, as their message said it), typed words as typed.
 */
export const moveReasonText = (reason: string, keyPrefix: string, t: (key: string) => string): string =>
  isRescheduleReason(reason) ? t(`${keyPrefix}.${reason}`) : reason;

/**
 * Why a move to another day was made, as the reader reads it: the closure it was moved off (its name and days under
 * `keys.closure`, as the closure's message to the customer said it; one of some districts under `keys.closureIn`, naming
 * them, as the screens name such a closure; a day that only closed early under `keys.closesEarly` with its closing time,
 * its districts after its name; one back on its day once the closure was called off there, `lifted`, under
 * `order.closureLifted` for every reader), else its reason under `keys.reasons` (`moveReasonText`); null for a move with neither.
 */
export function moveWhy(
  entry: Pick<TimelineEntry, 'reason' | 'closure'>,
  keys: { readonly reasons: string; readonly closure: string; readonly closureIn: string; readonly closesEarly: string },
  t: (key: string, named: Record<string, string>) => string,
  locale: AppLocale,
): string | null {
  const { closure } = entry;
  // The move back once the closure was called off there (恢復配送) reads the same to the office and the customer.
  if (closure?.lifted) return t('order.closureLifted', { name: closure.name, range: formatDateRange(closure, locale) });
  if (closure) {
    const named = { name: closure.name, range: formatDateRange(closure, locale) };
    const districts = closure.districts?.join(t('admin.closures.districtSeparator', {}));
    if (closure.closesAt) {
      const name = districts ? t('admin.closures.scoped', { name: closure.name, districts }) : closure.name;
      return t(keys.closesEarly, { ...named, name, time: closure.closesAt });
    }
    return districts ? t(keys.closureIn, { ...named, districts }) : t(keys.closure, named);
  }
  return entry.reason ? moveReasonText(entry.reason, keys.reasons, (key) => t(key, {})) : null;
}

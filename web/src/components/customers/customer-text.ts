import type { TimeWindow } from '../../lib/types';
import type { Translate } from '../orders/items-text';

/** Closed weekdays as 一、三 (0 = Sunday); none as a dash. */
export const weekdaysText = (days: readonly number[], t: Translate): string =>
  days.length > 0 ? days.map((d) => t(`customers.form.weekday.${d}`, {})).join(t('common.listSeparator', {})) : '—';

/** Delivery hours as 09:00–11:00、14:00–16:00; none as a dash. */
export const windowsText = (windows: readonly TimeWindow[], t: Translate): string =>
  windows.length > 0 ? windows.map((w) => `${w.start}–${w.end}`).join(t('common.listSeparator', {})) : '—';

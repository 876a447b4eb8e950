import { formatCalendarDate, type AppLocale } from '../../lib/format';
import type { DeliveryRoute } from '../../lib/types';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * What disabling a driver's account leaves behind, said before the admin confirms it: each route still to drive
 * (started, or published: its customers were told a time) by day, status and stops, the earliest first, or nothing
 * when there is none. The phone stops reporting at once and no published route can be handed to another driver, so
 * the admin should know first.
 */
export function openRoutesText(routes: readonly Pick<DeliveryRoute, 'date' | 'status' | 'stops'>[], t: Translate, locale: AppLocale): string {
  return [...routes]
    .filter((r) => r.status === 'in_progress' || r.status === 'published')
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r) => t(`admin.users.openRoute.${r.status}`, { day: formatCalendarDate(r.date, locale), stops: r.stops.length }))
    .join(t('admin.users.openRoute.separator'));
}

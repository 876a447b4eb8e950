import { formatCalendarDate, type AppLocale } from '../../lib/format';
import type { DeliveryRoute } from '../../lib/types';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * What a driver leaving (their account disabled, or retired from the fleet) leaves behind, said before the admin confirms
 * it: each route still to drive (started, or published: its customers were told a time) by day, status and stops, the
 * earliest first, or nothing when there is none. The phone stops reporting at once, so those routes are to be handed to
 * another driver (改派) and the day settled first.
 */
export function openRoutesText(routes: readonly Pick<DeliveryRoute, 'date' | 'status' | 'stops'>[], t: Translate, locale: AppLocale): string {
  return [...routes]
    .filter((r) => r.status === 'in_progress' || r.status === 'published')
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r) => t(`admin.users.openRoute.${r.status}`, { day: formatCalendarDate(r.date, locale), stops: r.stops.length }))
    .join(t('admin.users.openRoute.separator'));
}

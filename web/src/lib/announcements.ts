import type { AnnouncementAudience } from '../composables/useAnnouncements';
import { formatList } from './format';

type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string;

/** Whom an announcement is for, in a phrase: the office's list and the staff's banner. `depotName` names a depot's audience. */
export function audienceText(audience: AnnouncementAudience, t: Translate, locale: string, depotName: (id: string) => string | undefined): string {
  switch (audience.kind) {
    case 'districts':
      return formatList(audience.districts, locale);
    case 'types':
      return formatList(
        audience.types.map((k) => t(`customerType.${k}`)),
        locale,
      );
    case 'customers':
      return t('announcements.audience.chosenCount', { n: audience.customerIds.length }, audience.customerIds.length);
    case 'depot':
      return t('announcements.audience.ofDepot', { depot: depotName(audience.depotId) ?? audience.depotId });
    default:
      return t('announcements.audience.all');
  }
}

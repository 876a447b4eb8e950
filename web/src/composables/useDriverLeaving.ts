import { useI18n } from 'vue-i18n';
import { openRoutesText } from '../components/admin/driver-leaving';
import type { AppLocale } from '../lib/format';
import { openRoutesOf } from './useRoutes';

/**
 * The question before a driver stops working (帳號管理's 停用 of their account, 車隊's 停用 of the driver): `plain`,
 * followed, when the driver still has routes to drive, by those routes and what to do first (upload, settle, hand them
 * over: 改派). A failed read of the routes asks the plain question rather than block the admin.
 */
export function useDriverLeaving() {
  const { t, locale } = useI18n();
  return async (plain: string, driverId: string): Promise<string> => {
    const routes = openRoutesText(await openRoutesOf(driverId).catch(() => []), t, locale.value as AppLocale);
    return routes ? `${plain}${t('admin.users.openRoutes', { routes })}` : plain;
  };
}

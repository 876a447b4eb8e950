import { createI18n } from 'vue-i18n';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { openRoutesText } from './driver-leaving';

const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params);
const stops = (n: number) => Array.from({ length: n }, () => ({}) as never);

describe('what disabling a driver leaves behind', () => {
  const routes = [
    { date: '2026-12-02', status: 'published' as const, stops: stops(4) },
    { date: '2026-12-01', status: 'in_progress' as const, stops: stops(7) },
    { date: '2026-11-30', status: 'completed' as const, stops: stops(5) },
  ];

  it('names each route still to drive, the earliest first, and none already completed', () => {
    expect(openRoutesText(routes, t, 'zh-TW')).toBe('2026/12/01（二）已出車（7 站）、2026/12/02（三）已發布（4 站）');
    expect(t('admin.users.openRoutes', { routes: openRoutesText(routes, t, 'zh-TW') })).toContain('這位司機還有路線：2026/12/01（二）');
  });

  it('says to hand the routes over to another driver (改派), not to take their orders off and plan them again', () => {
    const said = t('admin.users.openRoutes', { routes: openRoutesText(routes, t, 'zh-TW') });
    expect(said).toContain('再到路線規劃把這些路線改派給其他司機（出車中的路線只改派還沒送的站');
    expect(said).not.toContain('重新規劃');
    i18n.global.locale.value = 'en';
    expect(t('admin.users.openRoutes', { routes: '' })).toContain('hand these routes over to another driver on route planning');
    i18n.global.locale.value = 'zh-TW';
  });

  it('says nothing for a driver with no route to drive', () => {
    expect(openRoutesText([routes[2]!], t, 'zh-TW')).toBe('');
  });
});

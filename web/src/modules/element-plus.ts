import { vLoading } from 'element-plus';
import 'element-plus/dist/index.css';
import en from 'element-plus/es/locale/lang/en';
import zhTw from 'element-plus/es/locale/lang/zh-tw';
import type { App } from 'vue';
import type { AppLocale } from '../lib/format';

/** Element Plus speaks the app's language; App.vue feeds this into ElConfigProvider. */
export const elementLocales = { 'zh-TW': zhTw, en } satisfies Record<AppLocale, unknown>;

/**
 * Components are imported where they are used (tree-shaken); only the `v-loading` directive is
 * registered globally, since templates cannot import directives.
 */
export function installElementPlus(app: App): void {
  app.directive('loading', vLoading);
}

import { vLoading } from 'element-plus';
import 'element-plus/dist/index.css';
import en from 'element-plus/es/locale/lang/en';
import zhTw from 'element-plus/es/locale/lang/zh-tw';
import type { Language, TranslatePair } from 'element-plus/es/locale';
import type { App } from 'vue';
import type { AppLocale } from '../lib/format';
import enMessages from '../locales/en.json';
import zhTwMessages from '../locales/zh-TW.json';

/**
 * The table's screen-reader labels (expand a row, sort by a column) from our locale files: Element Plus' zh-tw leaves
 * them in English.
 */
const withOurTableLabels = (language: Language, table: Record<string, string>): Language => ({
  ...language,
  el: { ...language.el, table: { ...(language.el['table'] as TranslatePair), ...table } },
});

/** Element Plus speaks the app's language; App.vue feeds this into ElConfigProvider. */
export const elementLocales = {
  'zh-TW': withOurTableLabels(zhTw, zhTwMessages.elementPlus.table),
  en: withOurTableLabels(en, enMessages.elementPlus.table),
} satisfies Record<AppLocale, Language>;

/**
 * Components are imported where they are used (tree-shaken); only the `v-loading` directive is
 * registered globally, since templates cannot import directives.
 */
export function installElementPlus(app: App): void {
  app.directive('loading', vLoading);
}

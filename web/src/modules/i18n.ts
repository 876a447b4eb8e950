import { createI18n } from 'vue-i18n';
import type { AppLocale } from '../lib/format';
import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';

export const LOCALES: AppLocale[] = ['zh-TW', 'en'];
const STORAGE_KEY = 'lg.locale';

function storedLocale(): AppLocale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-TW';
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-TW',
  messages: { 'zh-TW': zhTW, en },
});

export function currentLocale(): AppLocale {
  return i18n.global.locale.value === 'en' ? 'en' : 'zh-TW';
}

/** `<html lang>` names the page's language, so screen readers read it in the right voice (index.html starts zh-TW). */
function applyHtmlLang(locale: AppLocale): void {
  document.documentElement.lang = locale === 'en' ? 'en' : 'zh-Hant-TW';
}
applyHtmlLang(currentLocale());

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  applyHtmlLang(locale);
}

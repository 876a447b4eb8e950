import { domainMessages } from '../domain/messages';
import { formatNtd } from '../domain/notifications/templates';
import type { MessageCatalogue } from '../domain/schema';
import type { Locale } from './locale';

/**
 * User-facing texts for error codes. Domain errors carry an English developer message; callers see
 * these instead when the code is known, so the API answers in the caller's language.
 */
const catalog: MessageCatalogue = {
  ...domainMessages,
  'AUTH.UNAUTHENTICATED': { 'zh-TW': '請先登入，或登入已逾時。', en: 'Sign in first, or your session has expired.' },
  'AUTH.FORBIDDEN': { 'zh-TW': '您沒有執行此操作的權限。', en: 'You are not allowed to do this.' },
  'AUTH.INVALID_CREDENTIALS': { 'zh-TW': '帳號或密碼錯誤。', en: 'Wrong username or password.' },
  'AUTH.ACCOUNT_DISABLED': {
    'zh-TW': '此帳號已停用，無法登入；如有疑問請洽公司。',
    en: 'This account has been disabled and cannot sign in; ask the company if you think this is a mistake.',
  },
  'AUTH.WRONG_PASSWORD': { 'zh-TW': '目前的密碼不正確。', en: 'Your current password is not correct.' },
  'AUTH.RATE_LIMITED': {
    'zh-TW': '登入失敗次數過多，請稍後再試。',
    en: 'Too many failed sign-in attempts. Try again later.',
  },
  'AUTH.RESET_RATE_LIMITED': {
    'zh-TW': '驗證碼申請次數過多，請稍後再試，或致電門市協助。',
    en: 'Too many reset codes requested. Try again later, or call us for help.',
  },
  'AUTH.RESET_CODE_INVALID': {
    'zh-TW': '驗證碼不正確或已過期，請重新取得驗證碼。',
    en: 'The code is wrong or has expired. Ask for a new one.',
  },
  'REQUEST.VALIDATION': { 'zh-TW': '輸入資料有誤，請檢查標示的欄位。', en: 'Some fields are invalid.' },
  'REQUEST.REQUIRED': { 'zh-TW': '此欄位必填', en: 'This field is required' },
  'TEXT.AT_LEAST': { 'zh-TW': '至少 {limit} 個字', en: 'Enter at least {limit} characters' },
  'TEXT.AT_MOST': { 'zh-TW': '最多 {limit} 個字', en: 'Enter at most {limit} characters' },
  'NUMBER.EXPECTED': { 'zh-TW': '請填寫數字', en: 'Enter a number' },
  'NUMBER.WHOLE': { 'zh-TW': '須為整數，不含小數', en: 'Enter a whole number' },
  'NUMBER.AT_LEAST': { 'zh-TW': '不可小於 {limit}', en: 'Enter at least {limit}' },
  'NUMBER.MORE_THAN': { 'zh-TW': '須大於 {limit}', en: 'Enter more than {limit}' },
  'NUMBER.AT_MOST': { 'zh-TW': '不可大於 {limit}', en: 'Enter at most {limit}' },
  'NUMBER.LESS_THAN': { 'zh-TW': '須小於 {limit}', en: 'Enter less than {limit}' },
  'REQUEST.NOT_FOUND': { 'zh-TW': '找不到這個 API 路徑。', en: 'No such API path.' },
  'REQUEST.METHOD_NOT_ALLOWED': { 'zh-TW': '此路徑不支援這個方法。', en: 'This method is not allowed here.' },
  'REQUEST.MALFORMED_JSON': {
    'zh-TW': '送出的資料不是有效的 JSON，無法讀取。',
    en: 'The request body is not valid JSON.',
  },
  'REQUEST.BODY_TOO_LARGE': { 'zh-TW': '送出的資料太大，無法處理。', en: 'The request body is too large.' },
  'REQUEST.BODY_ENCODING': {
    'zh-TW': '送出的資料編碼無法讀取，請以 UTF-8 傳送。',
    en: 'The request body is in an encoding we cannot read; send UTF-8.',
  },
  'REQUEST.BODY_UNREADABLE': { 'zh-TW': '送出的資料不完整或無法讀取，請再試一次。', en: 'The request body was incomplete or unreadable; try again.' },
  'IDEMPOTENCY.KEY_REUSED': {
    'zh-TW': '此 Idempotency-Key 已用於不同的請求內容。',
    en: 'This Idempotency-Key was already used with a different request.',
  },
  'IDEMPOTENCY.IN_PROGRESS': {
    'zh-TW': '相同的請求正在處理中，請稍候再試。',
    en: 'The same request is still being processed; retry shortly.',
  },
  'IDEMPOTENCY.INVALID_KEY': {
    'zh-TW': 'Idempotency-Key 格式不正確（1–200 個可見字元）。',
    en: 'Idempotency-Key must be 1–200 visible characters.',
  },
  'SERVICE.UNAVAILABLE': { 'zh-TW': '服務暫時無法使用，請稍後再試。', en: 'The service is unavailable; try again later.' },
  'INTERNAL': { 'zh-TW': '系統發生錯誤，我們會盡快處理。', en: 'Something went wrong on our side.' },
};

const CALENDAR_DATE = /^\d{4}-(\d{2})-(\d{2})$/;

/** A detail as the texts show it: calendar dates as M/D (11/29), a list as a range (11/29–12/1), the rest as they are. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join('–');
  const date = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  return date ? `${Number(date[1])}/${Number(date[2])}` : String(value);
}

/** How many a detail counts: a number, a number sent as text (CSV errors' details are text), or a list. */
function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : Number(value);
}

/** The form a count takes, by the web's rule (vue-i18n's): the first for one, the last for any other count, 0 and none too. */
function formFor(text: string, count: number): string {
  const forms = text.split('|').map((form) => form.trim());
  return (Math.abs(count) === 1 ? forms[0] : forms[forms.length - 1]) ?? text;
}

/**
 * A placeholder: `{key}` shows the detail `key`; `{key:money}` an amount as every screen writes money (`NT$12,000`);
 * `{key:list}` a list as the screens write one (烏來區、坪林區); `{key:PREFIX}` shows the catalogue's text for
 * `PREFIX.<detail>` in the caller's language (a status code named as the screens name it), its own placeholders filled
 * from the same details, or the detail itself when the catalogue has none; for a list of codes, each one so named,
 * written as a list.
 */
const PLACEHOLDER = /\{(\w+)(?::([\w.]+))?\}/g;
export const MONEY = 'money';
export const LIST = 'list';
const LIST_SEPARATOR: Readonly<Record<Locale, string>> = { 'zh-TW': '、', en: ', ' };

function filled(text: string, locale: Locale, details: Readonly<Record<string, unknown>> | undefined): string {
  return text.replace(PLACEHOLDER, (placeholder, key: string, names: string | undefined) => {
    if (!details || !(key in details)) return placeholder;
    const value = details[key];
    if (names === MONEY && typeof value === 'number') return formatNtd(value);
    if (names === LIST && Array.isArray(value)) return value.map(shown).join(LIST_SEPARATOR[locale]);
    if (names !== undefined && Array.isArray(value)) {
      return value.map((one) => catalog[`${names}.${String(one)}`]?.[locale] ?? shown(one)).join(LIST_SEPARATOR[locale]);
    }
    const named = names === undefined ? undefined : catalog[`${names}.${String(value)}`]?.[locale];
    return named === undefined ? shown(value) : filled(named, locale, details);
  });
}

/**
 * The caller's text for a code: the form its `countedBy` detail takes, if it names one, with its placeholders filled
 * in from the error's details.
 */
export function messageFor(code: string, locale: Locale, fallback: string, details?: Readonly<Record<string, unknown>>): string {
  const entry = catalog[code];
  if (entry === undefined) return fallback;
  const text = entry.countedBy === undefined ? entry[locale] : formFor(entry[locale], countOf(details?.[entry.countedBy]));
  return filled(text, locale, details);
}

/**
 * Why a message never reached the customer, in the words of whoever reads 通知紀錄: the senders refuse with a code
 * (`INBOX.NO_ACCOUNT`, `SMS.INVALID_NUMBER`, `LINE.INVALID_RECIPIENT` …) and their own text, which is the provider's
 * English (or Mitake's Chinese) and stays on the dispatch record for support. Pure.
 */
import type { MessageCatalogue } from '../schema';
import type { NoticeLocale } from './templates';

/** For a code no entry names (an old record's, a new refusal's): not delivered, with no guess at why. */
const NOT_DELIVERED = { 'zh-TW': '未送達', en: 'Not delivered' } as const;

/**
 * Apart from the domain's catalogue: `INBOX.NO_ACCOUNT` there answers a manual 催款 (the reminder was not sent), here any
 * message of the log.
 */
export const deliveryFailureMessages: MessageCatalogue = {
  'INBOX.NO_ACCOUNT': {
    'zh-TW': '未送達：客戶沒有會員帳號、LINE 或可收簡訊的手機，請來電告知',
    en: 'Not delivered: the customer has no portal account, LINE or mobile to text; phone them',
  },
  'INBOX.INVALID': { 'zh-TW': '未送達：訊息無法存入會員專區', en: 'Not delivered: the portal inbox could not store the message' },
  'LINE.INVALID_RECIPIENT': {
    'zh-TW': '未送達：客戶的 LINE 帳號無法接收（未加入本公司官方帳號或 ID 有誤），請確認客戶資料的 LINE',
    en: "Not delivered: LINE does not take the customer's LINE id (not a friend of our official account, or a wrong id); check it on their record",
  },
  'LINE.INVALID_TEXT': { 'zh-TW': '未送達：訊息內容空白或超過 LINE 的長度上限', en: 'Not delivered: the text was empty or longer than LINE allows' },
  'LINE.ACCOUNT_REFUSED': {
    'zh-TW': '未送達：LINE 拒絕本公司的官方帳號（權杖失效或方案不允許），請通知系統管理員',
    en: "Not delivered: LINE refused our official account (token expired or plan does not allow it); tell the system administrator",
  },
  'LINE.REJECTED': { 'zh-TW': '未送達：LINE 拒收此訊息', en: 'Not delivered: LINE refused the message' },
  'SMS.INVALID_RECIPIENT': {
    'zh-TW': '未送達：客戶資料沒有可收簡訊的手機號碼（09 開頭）',
    en: 'Not delivered: the customer has no mobile number (09…) to text',
  },
  'SMS.INVALID_NUMBER': {
    'zh-TW': '未送達：簡訊商表示此手機號碼無效，請向客戶確認號碼',
    en: 'Not delivered: the SMS gateway says the mobile number is not valid; check it with the customer',
  },
  'SMS.INVALID_TEXT': { 'zh-TW': '未送達：簡訊內容空白', en: 'Not delivered: the text message was empty' },
  'SMS.ACCOUNT_REFUSED': {
    'zh-TW': '未送達：簡訊商拒絕本公司的帳號（帳號密碼錯誤、過期或停用），請通知系統管理員',
    en: 'Not delivered: the SMS gateway refused our account (wrong password, expired or disabled); tell the system administrator',
  },
  'SMS.NO_CREDIT': {
    'zh-TW': '未送達：簡訊點數不足，請通知系統管理員儲值',
    en: 'Not delivered: the SMS account is out of credit; tell the system administrator to top it up',
  },
  'SMS.REJECTED': { 'zh-TW': '未送達：簡訊商拒收此簡訊', en: 'Not delivered: the SMS gateway refused the message' },
};

/** Why a failed message was not delivered, in `locale`: its code's words, or plainly not delivered for a code none names. */
export function deliveryFailureReason(code: string | undefined, locale: NoticeLocale): string {
  return ((code === undefined ? undefined : deliveryFailureMessages[code]) ?? NOT_DELIVERED)[locale];
}

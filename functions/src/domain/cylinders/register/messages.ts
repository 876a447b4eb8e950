import type { MessageCatalogue } from '../../schema';

/** The register's texts; `{serial}`, `{serialList}` and `{count}` come from the error's details. */
export const cylinderRegisterMessages: MessageCatalogue = {
  'CYLINDER.SERIAL_INVALID': { 'zh-TW': '鋼印號碼須為 4–20 個英文字母、數字或「-」', en: 'A serial is 4–20 letters, digits or "-"' },
  'CYLINDER.DUPLICATE_SERIAL': { 'zh-TW': '同一個鋼印號碼只能出現一次', en: 'Each serial may appear only once' },
  'CYLINDER.INSPECTED_BEFORE_FACTORY_TEST': { 'zh-TW': '最近檢驗日期不可早於出廠耐壓試驗日期', en: 'The last inspection cannot be before the factory pressure test' },
  'CYLINDER.CURSOR_INVALID': { 'zh-TW': '分頁位置無效，請從第一頁重新查詢', en: 'Invalid page cursor; start again from the first page' },
  'CYLINDER.NOT_FOUND': { 'zh-TW': '找不到此鋼瓶', en: 'Cylinder not found' },
  'CYLINDER.ALREADY_REGISTERED': {
    'zh-TW': '鋼印號碼已登錄，未做任何變更：{serialList}',
    en: 'This serial is already registered; nothing was changed: {serialList} | These serials are already registered; nothing was changed: {serialList}',
    countedBy: 'serials',
  },
  'CYLINDER.BATCH_REFUSED': {
    'zh-TW': '{count} 支鋼瓶無法處理，未做任何變更：{serialList}',
    en: '{count} cylinder cannot be processed; nothing was changed: {serialList} | {count} cylinders cannot be processed; nothing was changed: {serialList}',
    countedBy: 'count',
  },
  'CYLINDER.NOT_REGISTERED': { 'zh-TW': '鋼瓶 {serial} 尚未登錄，請洽辦公室', en: 'Cylinder {serial} is not registered; contact the office' },
  'CYLINDER.NOT_IN_SERVICE': { 'zh-TW': '鋼瓶 {serial} 送驗中或已報廢，不可配送', en: 'Cylinder {serial} is at inspection or scrapped and may not be delivered' },
  'CYLINDER.INSPECTION_OVERDUE': {
    'zh-TW': '鋼瓶 {serial} 已逾定期檢驗期限，不可配送，請帶回送驗',
    en: 'Cylinder {serial} is past its inspection deadline and may not be delivered; bring it back for inspection',
  },
  'CYLINDER.AT_CUSTOMER': { 'zh-TW': '鋼瓶 {serial} 在客戶端，請先回收', en: 'Cylinder {serial} is at a customer; collect it first' },
  'CYLINDER.AT_INSPECTION': { 'zh-TW': '鋼瓶 {serial} 正在檢驗中', en: 'Cylinder {serial} is at inspection' },
  'CYLINDER.NOT_AT_INSPECTION': { 'zh-TW': '鋼瓶 {serial} 未送驗', en: 'Cylinder {serial} was not sent to inspection' },
  'CYLINDER.SCRAPPED': { 'zh-TW': '鋼瓶 {serial} 已報廢', en: 'Cylinder {serial} is scrapped' },
  'CYLINDER.PAST_SERVICE_LIFE': { 'zh-TW': '鋼瓶 {serial} 已達使用年限，應予報廢，不再檢驗', en: 'Cylinder {serial} has reached its service life: scrap it, it is not inspected again' },
  'CYLINDER.ALREADY_THERE': { 'zh-TW': '鋼瓶 {serial} 已在該站', en: 'Cylinder {serial} is already at that depot' },
  'CYLINDER.FUTURE_DATE': { 'zh-TW': '鋼瓶 {serial} 的日期不可晚於今天', en: 'The dates of cylinder {serial} cannot be after today' },
  'CYLINDER.INSPECTED_BEFORE_LAST': { 'zh-TW': '鋼瓶 {serial} 的檢驗日期早於上次檢驗', en: 'The inspection of cylinder {serial} is dated before its last one' },
};

import type { MessageCatalogue } from '../schema';
import { recurringMessages } from './recurring';

export const orderMessages: MessageCatalogue = {
  ...recurringMessages,
  'ORDER.NO_ITEMS': { 'zh-TW': '至少要訂一項', en: 'An order needs at least one item' },
  'ORDER.EMPTY_PATCH': { 'zh-TW': '沒有要更新的欄位', en: 'Nothing to update' },
  'ORDER.REQUESTED_DATE_IN_PAST': { 'zh-TW': '指定日期不可早於今天', en: 'The requested date cannot be in the past' },
  /** `{name}` and `{days}` come from the closure (dates as M/D, a range unless it is one day). */
  'ORDER.BUSINESS_CLOSED': {
    'zh-TW': '{days} {name}休息，請選擇其他日期',
    en: 'We are closed {days} ({name}); please choose another day',
  },
  'ORDER.CUSTOMER_CLOSED': { 'zh-TW': '客戶當天公休', en: 'The customer is closed on that day' },
  'ORDER.FIELD_NOT_EDITABLE': { 'zh-TW': '此狀態下不能修改這些欄位', en: 'These fields cannot be changed in this status' },
  'ORDER.INVALID_TRANSITION': { 'zh-TW': '訂單狀態無法這樣變更', en: 'The order cannot move to that status' },
  'ORDER.REASON_REQUIRED': { 'zh-TW': '請填寫原因', en: 'A reason is required' },
  'ORDER.ROUTE_REQUIRED': { 'zh-TW': '排程須指定路線', en: 'Scheduling needs a route' },
  'ORDER.CUSTOMER_REQUIRED': { 'zh-TW': '請指定客戶', en: 'A customer is required' },
  'ORDER.NOT_FOUND': { 'zh-TW': '找不到訂單', en: 'Order not found' },
};

import type { MessageCatalogue } from '../schema';
import { recurringMessages } from './recurring';

export const orderMessages: MessageCatalogue = {
  ...recurringMessages,
  'ORDER.NO_ITEMS': { 'zh-TW': '至少要訂一項', en: 'An order needs at least one item' },
  'ORDER.COLLECTION_STAFF_ONLY': { 'zh-TW': '只回收空瓶請來電，由客服安排', en: 'To have empty cylinders collected only, please call us' },
  'ORDER.NOTHING_DELIVERED': {
    'zh-TW': '請填寫留下的鋼瓶；沒有送成請記為未送達',
    en: 'Enter the cylinders left; if none were, record the stop as not delivered',
  },
  'ORDER.EMPTY_PATCH': { 'zh-TW': '沒有要更新的欄位', en: 'Nothing to update' },
  'ORDER.REASON_NEEDS_DATE': { 'zh-TW': '延後原因只能在修改配送日期時填寫', en: 'A reason goes with a change of the delivery date' },
  'ORDER.REQUESTED_DATE_IN_PAST': { 'zh-TW': '指定日期不可早於今天', en: 'The requested date cannot be in the past' },
  /**
   * `{name}` and `{days}` come from the closure (dates as M/D, a range unless it is one day), `{reopens}` is the first day
   * after it the customer takes deliveries, `{scope}` the districts of a closure that holds there only. Nothing else is
   * added to the name: admins name closures 春節 and 年終休息 alike.
   * `{audience}` adds, for office staff only, that they may deliver through the closure.
   */
  'ORDER.BUSINESS_CLOSED': {
    'zh-TW': '{name}{scope:CLOSURE.SCOPE}（{days}）不配送，{reopens} 起恢復配送，請選擇其他日期{audience:ORDER.BUSINESS_CLOSED.FOR}',
    en: 'We are closed {days} ({name}{scope:CLOSURE.SCOPE}) and deliver again from {reopens}; please choose another day{audience:ORDER.BUSINESS_CLOSED.FOR}',
  },
  'ORDER.BUSINESS_CLOSED.FOR.staff': {
    'zh-TW': '；如須當天送達，請勾選「仍要緊急配送」並說明原因',
    en: '; to deliver that day anyway, tick “Deliver anyway (emergency delivery)” and say why',
  },
  'ORDER.BUSINESS_CLOSED.FOR.others': { 'zh-TW': '', en: '' },
  /**
   * 停止供氣 (`assertSupplyOpen`): `{source}` what found the installation unsafe (a service call or an inspection) and on
   * which day (`{since}`), `{items}` what was. `{audience}`: staff arrange the inspection and may still book a collection; a driver at the door may still take the
   * empties only, or record the stop failed; a customer is told the company calls.
   */
  'ORDER.SUPPLY_STOPPED': {
    'zh-TW': '{source:ORDER.SUPPLY_STOPPED.BY}發現瓦斯設備不安全（{items:SAFETY.ITEM}），已停止供氣，安全檢查合格前不能送瓦斯{audience:ORDER.SUPPLY_STOPPED.FOR}',
    en: '{source:ORDER.SUPPLY_STOPPED.BY} found the gas installation unsafe ({items:SAFETY.ITEM}), so the supply is stopped: no gas can be delivered until a safety inspection passes{audience:ORDER.SUPPLY_STOPPED.FOR}',
  },
  'ORDER.SUPPLY_STOPPED.BY.serviceCall': { 'zh-TW': '{since} 報修檢查', en: 'A service visit on {since}' },
  'ORDER.SUPPLY_STOPPED.BY.inspection': { 'zh-TW': '{since} 安全檢查', en: 'A safety inspection on {since}' },
  'ORDER.SUPPLY_STOPPED.FOR.staff': {
    'zh-TW': '；請先安排安全檢查（只回收空瓶仍可建立）',
    en: '; arrange a safety inspection first (an order only to collect empties can still be made)',
  },
  'ORDER.SUPPLY_STOPPED.FOR.driver': {
    'zh-TW': '；請勿留下鋼瓶，可改記為只回收空瓶或無法送達',
    en: '; do not leave any cylinder: record it as collecting the empties only, or as failed',
  },
  'ORDER.SUPPLY_STOPPED.FOR.others': {
    'zh-TW': '；我們會與您聯絡安排安全檢查，急需請來電',
    en: '; we will call you to arrange the inspection. If it is urgent, please call us',
  },
  /** 提早收工: `{closesAt}` the Taipei time deliveries end, `{name}`, `{scope}` and `{days}` as for a closure. */
  'ORDER.AFTER_CLOSING': {
    'zh-TW': '{name}{scope:CLOSURE.SCOPE}（{days}）{closesAt} 提早收工，請選 {closesAt} 前的時段，或其他日期',
    en: 'On {days} ({name}{scope:CLOSURE.SCOPE}) we stop delivering at {closesAt}: please choose hours ending by {closesAt}, or another day',
  },
  'ORDER.FULL_DAYS_RANGE': { 'zh-TW': '日期區間須由早到晚，且不超過 42 天', en: 'The days asked must run forwards and span at most 42 days' },
  'ORDER.CUSTOMER_CLOSED': { 'zh-TW': '客戶當天公休', en: 'The customer is closed on that day' },
  /** `{cutoff}` is the Taipei time of day orders for today close, `{earliestDate}` the first day that can still be chosen (M/D). */
  'ORDER.SAME_DAY_CLOSED': {
    'zh-TW': '今日訂單已於 {cutoff} 截止，最快可選 {earliestDate} 送達；急需請來電',
    en: "Orders for today close at {cutoff}; the earliest day you can choose is {earliestDate}. If it's urgent, please call us",
  },
  'ORDER.PAYMENT_METHOD_NOT_OFFERED': {
    'zh-TW': '付款方式只能選現金或您的約定付款方式；如需月結或轉帳，請洽客服',
    en: 'You can pay cash or on your agreed terms; call us to arrange monthly billing or transfer',
  },
  'ORDER.FIELD_NOT_EDITABLE': {
    'zh-TW': '這張訂單目前是「{status:ORDER.STATUS}」，已不能修改這些項目',
    en: 'This order is “{status:ORDER.STATUS}” now; these fields can no longer be changed',
  },
  /** A change made on what the caller's screen showed, after someone else (a clerk, the customer, a price posted) changed the order. */
  'ORDER.CHANGED': {
    'zh-TW': '這張訂單在您開啟後已有人修改（目前是「{status:ORDER.STATUS}」），請看過最新內容再儲存',
    en: 'Someone changed this order after you opened it (it is “{status:ORDER.STATUS}” now); look at it as it is now and save again',
  },
  /** The statuses as the office's board and the portal name them (web locale `status`, pinned by web/src/lib/order-status-names.test.ts). */
  'ORDER.STATUS.pending': { 'zh-TW': '待確認', en: 'Pending' },
  'ORDER.STATUS.confirmed': { 'zh-TW': '已確認', en: 'Confirmed' },
  'ORDER.STATUS.scheduled': { 'zh-TW': '已排程', en: 'Scheduled' },
  'ORDER.STATUS.out_for_delivery': { 'zh-TW': '配送中', en: 'Out for delivery' },
  'ORDER.STATUS.delivered': { 'zh-TW': '已送達', en: 'Delivered' },
  'ORDER.STATUS.failed': { 'zh-TW': '配送失敗', en: 'Failed' },
  'ORDER.STATUS.cancelled': { 'zh-TW': '已取消', en: 'Cancelled' },
  /** Says where the order is: another person (or the driver) may have moved it since the caller's screen showed it. */
  'ORDER.INVALID_TRANSITION': {
    'zh-TW': '這張訂單目前是「{from:ORDER.STATUS}」，無法改為「{to:ORDER.STATUS}」',
    en: 'This order is “{from:ORDER.STATUS}” and cannot become “{to:ORDER.STATUS}”',
  },
  /** Two people (or two tabs) did the same at once: the second is told it is done, not that it cannot be. */
  'ORDER.ALREADY_IN_STATUS': {
    'zh-TW': '這張訂單已經是「{status:ORDER.STATUS}」了，可能有人剛處理過',
    en: 'This order is already “{status:ORDER.STATUS}”; someone may have just done it',
  },
  /** A customer's own order past pending (the office confirmed or planned it, often just before the customer's tap). */
  'ORDER.NOT_PENDING': {
    'zh-TW': '這張訂單目前是「{status:ORDER.STATUS}」，已無法在線上修改或取消；如需變更，請致電門市',
    en: 'This order is “{status:ORDER.STATUS}” now and can no longer be changed or cancelled online; please call us to change it',
  },
  'ORDER.REASON_REQUIRED': { 'zh-TW': '請填寫原因', en: 'A reason is required' },
  'ORDER.FAILURE_REASON_REQUIRED': {
    'zh-TW': '請選擇未送達原因（無人在家、客戶拒收、找不到地址…），其他說明請填在補充說明',
    en: 'Choose why the stop was not delivered (nobody home, delivery refused, address not found, …); anything else goes in the note',
  },
  'ORDER.ROUTE_REQUIRED': { 'zh-TW': '排程須指定路線', en: 'Scheduling needs a route' },
  'ORDER.CUSTOMER_REQUIRED': { 'zh-TW': '請指定客戶', en: 'A customer is required' },
  'ORDER.NOT_FOUND': { 'zh-TW': '找不到訂單', en: 'Order not found' },
  'ORDER.DUPLICATE_ID': { 'zh-TW': '同一張訂單列了兩次', en: 'The same order is listed twice' },
  'ORDER.CONFIRM_NOT_DONE': { 'zh-TW': '這張訂單這次沒能確認，請再試一次', en: 'This order could not be confirmed this time; please try again' },
  'ORDER.RESCHEDULE_NOT_DONE': { 'zh-TW': '這張訂單這次沒能延後，請再試一次', en: 'This order could not be moved this time; please try again' },
  'ORDER.RESCHEDULE_NOT_LATER': {
    'zh-TW': '這張訂單原訂的日期比延後的日期還晚，未移動',
    en: 'This order is already for a later day than the one chosen; it was not moved',
  },
  'ORDER.RESCHEDULE_FAILED_SAME_DAY': {
    'zh-TW': '這張未送達的訂單原本就是這一天，未移動：延後請選之後的日期，當天再送請用「重新安排」',
    en: 'This undelivered order is already for that day; it was not moved: choose a later day to postpone it, or use Reschedule to deliver it again that day',
  },
};

import type { MessageCatalogue } from '../schema';

/** User-facing texts for the codes routes, optimisation jobs and driver actions answer with. */
export const routeMessages: MessageCatalogue = {
  'ROUTE.NOT_FOUND': { 'zh-TW': '找不到此路線。', en: 'Route not found.' },
  'ROUTE.NOT_DRAFT': { 'zh-TW': '路線已發布，無法再修改。', en: 'The route is published and can no longer be changed.' },
  'ROUTE.NO_STOPS': { 'zh-TW': '路線沒有任何站點，無法發布。', en: 'The route has no stops to publish.' },
  'ROUTE.UNASSIGNED': { 'zh-TW': '發布前請先指派司機與車輛。', en: 'Assign a driver and a vehicle before publishing.' },
  'ROUTE.NOT_STARTABLE': { 'zh-TW': '此路線目前無法開始。', en: 'This route cannot be started now.' },
  'ROUTE.STOP_NOT_ON_ROUTE': { 'zh-TW': '此訂單不在這條路線上。', en: 'This order is not on the route.' },
  'ROUTE.STOP_NOT_FOUND': { 'zh-TW': '此訂單不在這條路線上。', en: 'This order is not on the route.' },
  'ROUTE.OTHER_DAY': { 'zh-TW': '只能在同一天的路線之間移動站點。', en: 'Stops move only between routes of the same day.' },
  'ROUTE.ASSIGNMENT_IMPOSSIBLE': { 'zh-TW': '此司機或車輛無法負責這條路線，原因見明細。', en: 'This driver or vehicle cannot take the route; see the reasons.' },
  'ROUTE.ORDERS_NOT_SCHEDULABLE': {
    'zh-TW': '路線中有訂單在規劃後已變更（狀態、日期或品項），請重新規劃路線。',
    en: 'Some orders on the route changed after planning (status, date or items); plan the routes again.',
  },
  /** `{customers}`: the customers of the orders without 緊急配送, up to five (… after them); `{count}` the orders. */
  'ROUTE.CLOSED_DAY': {
    'zh-TW': '{name}{scope:CLOSURE.SCOPE}（{days}）不配送：路線上有 {count} 筆訂單未標示緊急配送（{customers}），請先將這些訂單移出休息日或改為緊急配送，再發布路線。',
    en: 'We are closed {days} ({name}{scope:CLOSURE.SCOPE}): {count} order on the route is not marked emergency delivery ({customers}); move it off the closure or mark it, then publish. | We are closed {days} ({name}{scope:CLOSURE.SCOPE}): {count} orders on the route are not marked emergency delivery ({customers}); move them off the closure or mark them, then publish.',
    countedBy: 'count',
  },
  'ROUTE.NOT_HANDABLE': {
    'zh-TW': '只有已發布或配送中的路線可以改派司機；草稿請直接指派，已完成的路線無須改派。',
    en: 'Only a published or started route is handed to another driver; assign a draft instead, a completed route needs none.',
  },
  'ROUTE.PICKUP_NOT_FOUND': {
    'zh-TW': '找不到這筆改派取瓶，請重新整理。',
    en: 'This pickup for stops handed over was not found; reload.',
  },
  'ROUTE.STOPS_NOT_HANDABLE': {
    'zh-TW': '勾選的站點已送達、已改派或不在這條路線上，請重新整理後再選要改派的站。',
    en: 'A stop chosen was made already, handed over or is not on this route; reload and choose the stops to hand over again.',
  },
  'ROUTE.SAME_DRIVER': { 'zh-TW': '這條路線已經是這位司機的。', en: 'The route is already this driver’s.' },
  'ROUTE.ASSIGN_NOTHING': { 'zh-TW': '請指定司機或車輛。', en: 'Give a driver or a vehicle.' },
  'ROUTE.ANALYTICS_RANGE': { 'zh-TW': '日期區間須由早到晚，且不超過 92 天。', en: 'The range must run forwards and span at most 92 days.' },
  'DEPOT.NOT_FOUND': { 'zh-TW': '找不到此站點。', en: 'Depot not found.' },
  'DRIVER.NOT_FOUND': { 'zh-TW': '找不到此司機。', en: 'Driver not found.' },
  'VEHICLE.NOT_FOUND': { 'zh-TW': '找不到此車輛。', en: 'Vehicle not found.' },
  'OPTIMIZE.NO_ORDERS': { 'zh-TW': '此日期與站點沒有已確認的訂單可排。', en: 'No confirmed orders to plan for this date and depot.' },
  'OPTIMIZE.UNKNOWN_ORDERS': { 'zh-TW': '有訂單不存在。', en: 'Some orders do not exist.' },
  'OPTIMIZE.UNKNOWN_VEHICLES': { 'zh-TW': '有車輛不存在或已停用。', en: 'Some vehicles do not exist or are retired.' },
  'OPTIMIZE.ORDERS_NOT_PLANNABLE': { 'zh-TW': '只能排當天已確認的訂單。', en: 'Only confirmed orders of the date can be planned.' },
  'OPTIMIZE.JOB_NOT_FOUND': { 'zh-TW': '找不到此排程工作。', en: 'Optimisation job not found.' },
  'OPTIMIZE.NOT_RERUNNABLE': { 'zh-TW': '只有失敗或已取消的排程可以重跑。', en: 'Only a failed or cancelled job can be rerun.' },
  /** `{startedBy}`: the name of who started the plan in flight, `{time}`: when (Taipei, HH:mm). */
  'OPTIMIZE.PLAN_RUNNING': {
    'zh-TW': '{startedBy} 已於 {time} 開始排此營業所這一天的路線，尚未完成；請等它完成後再排。',
    en: '{startedBy} started planning this depot for this day at {time} and it has not finished; wait for it, then plan again.',
  },
  'OPTIMIZE.NOT_CANCELLABLE': { 'zh-TW': '此排程已結束，無法取消。', en: 'The job has finished and cannot be cancelled.' },
  'DRIVER.ACTION_ID_REUSED': { 'zh-TW': '此動作編號已用於其他操作。', en: 'This action id was already used for something else.' },
  /** Staff recording a stop for its driver, after someone took the order off its route or rescheduled it. */
  'DRIVER.STOP_NOT_ON_ROUTE': {
    'zh-TW': '這張訂單目前是「{status:ORDER.STATUS}」，已不在任何路線上，沒有這一站可記錄。',
    en: 'This order is “{status:ORDER.STATUS}” now and on no route; there is no stop to record.',
  },
  'DRIVER.ACTION_IN_FUTURE': { 'zh-TW': '動作時間不可晚於現在。', en: 'The action time lies in the future.' },
  'DRIVER.LOCATION_TOO_FREQUENT': { 'zh-TW': '位置回報過於頻繁，請稍後再試。', en: 'Location updates are too frequent; try again shortly.' },
};

/**
 * What each audited route does, as the audit log names it to people: the admin page's 動作 column and the CSV's, in the
 * caller's language. The one list of these labels (the page shows what the API answers); `functions/audit-actions.test.ts`
 * pins its keys to the API's audited routes, so a new one cannot go unlabelled in either language.
 */
import type { CsvLocale } from '../billing/statement-csv';
import type { MessageCatalogue } from '../schema';
import type { AuditEntry } from './entry';

/** `invoices`, `POST`, `/:id/void` → `invoices POST /:id/void`: the route as the entry names it. */
export const auditActionKey = (fn: string, method: string, route: string): string => `${fn} ${method} ${route}`;

export const AUDIT_ACTIONS: MessageCatalogue = {
  'customers POST /': { 'zh-TW': '新增客戶', en: 'Create customer' },
  'customers PATCH /:id': { 'zh-TW': '修改客戶資料', en: 'Edit customer' },
  'customers PATCH /:id/contact': { 'zh-TW': '客戶更新聯絡與收貨資料', en: 'Customer updates contact and delivery details' },
  'customers PUT /:id/marketing': { 'zh-TW': '設定拒絕行銷（個資法第20條）', en: 'Set marketing objection (PDPA art. 20)' },
  'customers POST /:id/deactivate': { 'zh-TW': '停用客戶', en: 'Deactivate customer' },
  'customers POST /:id/reactivate': { 'zh-TW': '重新啟用客戶', en: 'Reactivate customer' },
  'customers POST /:id/transfer': { 'zh-TW': '客戶過戶給新負責人', en: 'Transfer customer to a new owner' },
  'customers POST /:id/complaints': { 'zh-TW': '登錄客訴', en: 'Record complaint' },
  'customers POST /:id/complaints/:complaintId/resolve': { 'zh-TW': '客訴結案', en: 'Close complaint' },
  'predictions POST /customers/:id/calls': { 'zh-TW': '記錄流失風險客戶聯絡結果', en: 'Record churn call outcome' },
  'predictions PUT /customers/:id/assignee': { 'zh-TW': '指派流失風險客戶聯絡人', en: 'Assign churn call' },
  'predictions POST /adjustments': { 'zh-TW': '新增需求調整（天氣）', en: 'Add demand adjustment (weather)' },
  'predictions DELETE /adjustments/:id': { 'zh-TW': '刪除需求調整', en: 'Remove demand adjustment' },
  'customers POST /:id/payments': { 'zh-TW': '登記收款', en: 'Record payment' },
  'customers POST /:id/payments/:paymentId/void': { 'zh-TW': '作廢收款', en: 'Void payment' },
  'customers POST /:id/refunds': { 'zh-TW': '登記退款', en: 'Record refund' },
  'customers POST /:id/refunds/:refundId/void': { 'zh-TW': '作廢退款', en: 'Void refund' },
  'customers POST /:id/deposits': { 'zh-TW': '收／退押金', en: 'Collect or refund deposit' },
  'customers PUT /:id/contract-prices': { 'zh-TW': '設定客戶合約價', en: 'Set customer contract prices' },
  'customers PUT /:id/payer': { 'zh-TW': '設定付款客戶（總公司付款）', en: 'Set paying customer (head office pays)' },
  'books PUT /': { 'zh-TW': '設定關帳日', en: 'Set books-closed date' },
  'customers POST /import': { 'zh-TW': '匯入客戶', en: 'Import customers' },
  'customers POST /search-tokens': { 'zh-TW': '重建客戶搜尋索引', en: 'Rebuild the customer search index' },
  'customers POST /:id/portal-accounts': { 'zh-TW': '開通客戶入口網站帳號', en: 'Open customer portal account' },
  'customers POST /:id/portal-accounts/:uid/password': { 'zh-TW': '重設客戶入口網站密碼', en: 'Reset customer portal password' },
  'orders POST /': { 'zh-TW': '新增訂單', en: 'Create order' },
  'orders POST /recurring': { 'zh-TW': '新增定期訂單', en: 'Create recurring order' },
  'orders POST /recurring/:id/deactivate': { 'zh-TW': '停止定期訂單', en: 'Stop recurring order' },
  'orders PATCH /:id': { 'zh-TW': '修改訂單', en: 'Edit order' },
  'orders POST /:id/confirm': { 'zh-TW': '確認訂單', en: 'Confirm order' },
  'orders POST /confirm': { 'zh-TW': '全部確認訂單', en: 'Confirm orders (all at once)' },
  'orders POST /reschedule': { 'zh-TW': '延後選取的訂單', en: 'Move chosen orders to a later day' },
  'orders POST /:id/cancel': { 'zh-TW': '取消訂單', en: 'Cancel order' },
  'orders POST /:id/reschedule': { 'zh-TW': '失敗訂單重新排入', en: 'Reschedule failed order' },
  'prices POST /': { 'zh-TW': '設定價格', en: 'Set price' },
  'announcements POST /': { 'zh-TW': '發布公告', en: 'Publish announcement' },
  'announcements POST /:id/withdraw': { 'zh-TW': '撤下公告', en: 'Withdraw announcement' },
  'closures POST /': { 'zh-TW': '新增休息日', en: 'Add closure' },
  'closures PATCH /:id': { 'zh-TW': '縮小休息日範圍', en: 'Narrow closure' },
  'closures DELETE /:id': { 'zh-TW': '刪除休息日', en: 'Delete closure' },
  'closures POST /:id/move-back': { 'zh-TW': '恢復休息日移走的訂單', en: 'Move orders back after a closure was narrowed' },
  'closures POST /:id/move-orders': { 'zh-TW': '移動休息日的訂單', en: 'Move orders off a closure' },
  'jobs POST /materialize-recurring': { 'zh-TW': '排程：產生定期訂單', en: 'Job: create recurring orders' },
  'jobs POST /closure-reminders': { 'zh-TW': '排程：休息日提醒', en: 'Job: closure reminders' },
  'jobs POST /payment-reminders': { 'zh-TW': '排程：催款通知', en: 'Job: payment reminders' },
  'jobs POST /safety-reminders': { 'zh-TW': '排程：安全檢查通知', en: 'Job: safety inspection reminders' },
  'jobs POST /monthly-invoices': { 'zh-TW': '排程：開立月結發票', en: 'Job: monthly e-invoices' },
  'jobs POST /einvoice-uploads-overdue': { 'zh-TW': '排程：檢查發票上傳逾時', en: 'Job: check overdue e-invoice uploads' },
  'jobs POST /einvoice-blank-numbers': { 'zh-TW': '排程：回報空白未使用字軌號碼', en: 'Job: report unused e-invoice numbers' },
  'jobs POST /receivables': { 'zh-TW': '排程：計算應收帳款', en: 'Job: work out receivables' },
  'jobs POST /train-models': { 'zh-TW': '排程：訓練預測模型', en: 'Job: train prediction models' },
  'jobs POST /nightly-forecast': { 'zh-TW': '排程：夜間需求預測', en: 'Job: nightly forecast' },
  'jobs POST /score-churn': { 'zh-TW': '排程：更新流失風險', en: 'Job: score churn risk' },
  'optimize POST /': { 'zh-TW': '開始路線規劃', en: 'Start route planning' },
  'optimize POST /:jobId/cancel': { 'zh-TW': '取消路線規劃', en: 'Cancel route planning' },
  'optimize POST /:jobId/rerun': { 'zh-TW': '重新執行路線規劃', en: 'Rerun route planning' },
  'routes POST /:id/move-stop': { 'zh-TW': '移動站點順序', en: 'Move a stop' },
  'routes POST /:id/remove-stop': { 'zh-TW': '從路線草稿移除站點', en: 'Remove a stop from a draft' },
  'routes POST /:id/assign': { 'zh-TW': '指派司機／車輛', en: 'Assign driver or truck' },
  'routes POST /:id/hand-over': { 'zh-TW': '改派司機（已發布／配送中路線）', en: 'Hand a route over to another driver' },
  'routes POST /:id/publish': { 'zh-TW': '發布路線', en: 'Publish route' },
  'driver POST /routes/:routeId/start': { 'zh-TW': '司機開始配送', en: 'Driver starts route' },
  'driver POST /routes/:routeId/pickups/:n/moved': { 'zh-TW': '司機確認改派鋼瓶已搬車', en: 'Driver confirms handed-over fulls moved' },
  'driver POST /stops/:orderId/deliver': { 'zh-TW': '司機完成配送', en: 'Driver records delivery' },
  'driver POST /stops/:orderId/fail': { 'zh-TW': '司機回報配送失敗', en: 'Driver records failed stop' },
  'users POST /': { 'zh-TW': '新增帳號', en: 'Create account' },
  'users PATCH /:uid': { 'zh-TW': '修改帳號（名稱、角色、停用）', en: 'Change account (name, role, disabled)' },
  'users POST /:uid/password': { 'zh-TW': '重設密碼', en: 'Reset password' },
  'auth POST /login': { 'zh-TW': '登入', en: 'Sign in' },
  'auth POST /password': { 'zh-TW': '變更自己的密碼', en: 'Change own password' },
  'auth POST /portal-signup/confirm': { 'zh-TW': '客戶自行開通入口網站帳號', en: 'Customer opens their portal account' },
  'auth POST /password-reset/confirm': { 'zh-TW': '以驗證碼重設密碼（忘記密碼）', en: 'Reset password with a code (forgotten password)' },
  'fleet POST /depots': { 'zh-TW': '新增站點', en: 'Add depot' },
  'fleet PATCH /depots/:id': { 'zh-TW': '修改站點', en: 'Change depot' },
  'fleet POST /depots/:id/deactivate': { 'zh-TW': '停用站點', en: 'Retire depot' },
  'fleet POST /vehicles': { 'zh-TW': '新增車輛', en: 'Add truck' },
  'fleet PATCH /vehicles/:id': { 'zh-TW': '修改車輛', en: 'Change truck' },
  'fleet POST /vehicles/:id/deactivate': { 'zh-TW': '停用車輛', en: 'Retire truck' },
  'fleet POST /drivers': { 'zh-TW': '新增司機', en: 'Add driver' },
  'fleet PATCH /drivers/:id': { 'zh-TW': '修改司機', en: 'Change driver' },
  'fleet POST /drivers/:id/deactivate': { 'zh-TW': '停用司機', en: 'Retire driver' },
  'fleet POST /overtimes': { 'zh-TW': '新增延長工時', en: 'Add overtime' },
  'fleet DELETE /overtimes/:id': { 'zh-TW': '刪除延長工時', en: 'Remove overtime' },
  'settlements POST /': { 'zh-TW': '登錄司機日結', en: 'Record driver settlement' },
  'receivables POST /:customerId/reminders': { 'zh-TW': '發送催款通知', en: 'Send payment reminder' },
  'receivables POST /:customerId/contacts': { 'zh-TW': '記錄催款聯絡', en: 'Record collection call or visit' },
  'cylinder-stock POST /:depotId/movements': { 'zh-TW': '記錄鋼瓶庫存異動', en: 'Record stock movement' },
  'cylinders POST /': { 'zh-TW': '登錄鋼瓶', en: 'Register cylinders' },
  'cylinders POST /inspection/send': { 'zh-TW': '鋼瓶送驗', en: 'Send cylinders to inspection' },
  'cylinders POST /inspection/results': { 'zh-TW': '登錄檢驗結果', en: 'Record inspection results' },
  'cylinders POST /scrap': { 'zh-TW': '鋼瓶報廢', en: 'Scrap cylinders' },
  'cylinders POST /move': { 'zh-TW': '鋼瓶移轉站點', en: 'Move cylinders to another depot' },
  'safety-inspections POST /': { 'zh-TW': '登錄安全檢查', en: 'Record safety inspection' },
  'safety-inspections POST /due-keys': { 'zh-TW': '補寫安全檢查到期索引', en: 'Backfill safety due keys' },
  'service-calls POST /': { 'zh-TW': '登錄報修', en: 'Open service call' },
  'service-calls POST /:id/assign': { 'zh-TW': '派員處理報修', en: 'Send a driver to a service call' },
  'service-calls POST /:id/close': { 'zh-TW': '報修結案', en: 'Close service call' },
  'invoices POST /uploads/delivered': { 'zh-TW': '發票上傳：已交給 Turnkey', en: 'E-invoice uploads handed to Turnkey' },
  'invoices POST /uploads/:id/requeue': { 'zh-TW': '發票上傳：拒收訊息重新上傳', en: 'Send a refused e-invoice message to the MOF again' },
  'invoices POST /:id/void': { 'zh-TW': '作廢發票', en: 'Void invoice' },
  'invoices POST /:id/print': { 'zh-TW': '列印電子發票證明聯', en: 'Print e-invoice proof' },
  'invoices POST /:id/reissue': { 'zh-TW': '重新開立發票', en: 'Reissue invoice' },
  'invoices POST /:id/allowances': { 'zh-TW': '開立折讓', en: 'Issue allowance' },
  'invoices POST /:id/allowances/:allowanceId/cancel': { 'zh-TW': '作廢折讓', en: 'Cancel allowance' },
  'customers POST /:id/erase': { 'zh-TW': '刪除客戶個資（個資法）', en: "Erase a customer's personal data (PDPA)" },
  // Files of many customers' personal data taken out of the system (audited as reads).
  'customers GET /export': { 'zh-TW': '匯出客戶資料', en: 'Export customers' },
  'customers GET /:id/personal-data': { 'zh-TW': '取得客戶個人資料複本（個資法）', en: "Copy of a customer's personal data (PDPA)" },
  'receivables GET /export': { 'zh-TW': '匯出應收帳款', en: 'Export receivables' },
  'payments GET /export': { 'zh-TW': '匯出收款明細', en: 'Export payments journal' },
  'payments POST /reference-tails': { 'zh-TW': '補寫收款參考號碼末五碼', en: 'Backfill payment reference tails' },
  'payments GET /deposits/export': { 'zh-TW': '匯出押金明細', en: 'Export deposit journal' },
  'settlements GET /month/export': { 'zh-TW': '匯出司機現金月報', en: 'Export drivers’ cash by month' },
  'settlements GET /period/failed/export': { 'zh-TW': '匯出配送失敗', en: 'Export failed deliveries' },
  'settlements GET /period/drivers/export': { 'zh-TW': '匯出司機期間統計', en: 'Export drivers over a period' },
  'safety-inspections GET /export': { 'zh-TW': '匯出安全檢查申報資料', en: 'Export safety inspections' },
  'safety-inspections GET /register': { 'zh-TW': '匯出安全檢查用戶名冊', en: 'Export safety register of customers' },
  'cylinders GET /export': { 'zh-TW': '匯出容器管理資料', en: 'Export cylinder register' },
  'invoices GET /export': { 'zh-TW': '匯出發票', en: 'Export invoices' },
  'invoices GET /allowances/export': { 'zh-TW': '匯出折讓', en: 'Export allowances' },
  'predictions GET /daily/export': { 'zh-TW': '匯出每日叫貨預估', en: 'Export daily order outlook' },
  'audit-log GET /export': { 'zh-TW': '匯出稽核紀錄', en: 'Export audit log' },
  'predictions GET /churn/export': { 'zh-TW': '匯出流失風險名單', en: 'Export churn list' },
  'reports GET /punctuality/export': { 'zh-TW': '匯出準時率', en: 'Export punctuality' },
  'reports GET /trend/export': { 'zh-TW': '匯出每日趨勢', en: 'Export daily trend' },
};

/**
 * The functions (the API's `/api/<name>`) as the CSV's 功能 column names them. The page's function filter has the same
 * names in its locale files (`auditLog.functions`), pinned to these by web/src/lib/audit-actions.test.ts.
 */
export const AUDIT_FUNCTIONS: MessageCatalogue = {
  customers: { 'zh-TW': '客戶', en: 'Customers' },
  orders: { 'zh-TW': '訂單', en: 'Orders' },
  prices: { 'zh-TW': '價格', en: 'Prices' },
  predictions: { 'zh-TW': '需求預測', en: 'Predictions' },
  closures: { 'zh-TW': '休息日', en: 'Closures' },
  announcements: { 'zh-TW': '公告', en: 'Announcements' },
  jobs: { 'zh-TW': '排程工作', en: 'Scheduled jobs' },
  optimize: { 'zh-TW': '路線規劃', en: 'Route planning' },
  routes: { 'zh-TW': '路線', en: 'Routes' },
  driver: { 'zh-TW': '司機 App', en: 'Driver app' },
  users: { 'zh-TW': '帳號', en: 'Accounts' },
  auth: { 'zh-TW': '登入與密碼', en: 'Sign-in and password' },
  fleet: { 'zh-TW': '車隊', en: 'Fleet' },
  settlements: { 'zh-TW': '司機日結', en: 'Driver settlement' },
  receivables: { 'zh-TW': '應收帳款', en: 'Receivables' },
  books: { 'zh-TW': '關帳', en: 'Books closing' },
  'cylinder-stock': { 'zh-TW': '鋼瓶庫存', en: 'Cylinder stock' },
  cylinders: { 'zh-TW': '容器管理', en: 'Cylinder register' },
  'safety-inspections': { 'zh-TW': '安全檢查', en: 'Safety inspections' },
  'service-calls': { 'zh-TW': '報修', en: 'Service calls' },
  invoices: { 'zh-TW': '發票', en: 'Invoices' },
  payments: { 'zh-TW': '收款明細', en: 'Payments journal' },
  'audit-log': { 'zh-TW': '稽核紀錄', en: 'Audit log' },
  reports: { 'zh-TW': '報表', en: 'Reports' },
};

/** A function's name for people; one since renamed or removed keeps its id. */
export function auditFunctionLabel(fn: string, locale: CsvLocale): string {
  return AUDIT_FUNCTIONS[fn]?.[locale] ?? fn;
}

/**
 * Said after the action of a change that put an order on a closure day anyway (緊急配送, a body's `closureOverride`) with
 * its reason: the one exception to a closure, which the owner looks for in the log.
 */
export const CLOSURE_OVERRIDE_LABEL: MessageCatalogue[string] = { 'zh-TW': '（休息日緊急配送：{reason}）', en: ' (emergency delivery on a closure day: {reason})' };

function closureOverrideReason(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('closureOverride' in body)) return undefined;
  const override: unknown = body.closureOverride;
  return typeof override === 'object' && override !== null && 'reason' in override && typeof override.reason === 'string' ? override.reason : undefined;
}

/**
 * The label of what an entry did; a route since renamed or removed has none, so it shows the summary it was recorded with.
 * A 緊急配送 says so and why after it (`CLOSURE_OVERRIDE_LABEL`).
 */
export function auditActionLabel(entry: Pick<AuditEntry, 'function' | 'method' | 'route' | 'summary' | 'body'>, locale: CsvLocale): string {
  const label = AUDIT_ACTIONS[auditActionKey(entry.function, entry.method, entry.route)]?.[locale] ?? entry.summary;
  const reason = closureOverrideReason(entry.body);
  return reason === undefined ? label : label + CLOSURE_OVERRIDE_LABEL[locale].replace('{reason}', reason);
}

import { auditMessages } from './audit';
import { booksMessages, collectionContactMessages, depositMessages, paymentMessages, refundMessages, statementMessages } from './billing';
import { announcementMessages } from './announcements';
import { closureMessages, closureNarrowMessages } from './closures';
import { addressMessages, addressParseMessages, churnCallMessages, complaintMessages, customerImportMessages, customerMessages, deactivationMessages, payerMessages } from './customers';
import { cylinderMessages, stockMessages } from './cylinders';
import { cylinderRegisterMessages } from './cylinders/register';
import { fleetMessages, overtimeMessages } from './fleet';
import { buyerChangeMessages, invoiceMessages } from './invoicing';
import { uploadMessages } from './invoicing/mig-upload';
import { paymentReminderMessages } from './notifications/payment-reminder';
import { orderMessages } from './orders/messages';
import { transferMessages } from './customers/transfer';
import { recurringMessages } from './orders/recurring';
import { demandAdjustmentMessages } from './predictions/demand-adjustment';
import { suggestionDayMessages } from './predictions/suggestion-days';
import { contractPriceMessages, pricingMessages } from './pricing';
import { driverPeriodMessages } from './reports/driver-period';
import { settlementMessages } from './reports/driver-settlement';
import { reportMessages } from './reports/monthly-sales';
import { safetyMessages } from './safety';
import { openServiceCallMessages, serviceCallMessages } from './service-calls';
import { routeMessages } from './routes';
import type { MessageCatalogue } from './schema';
import { schemaMessages } from './schema';
import { accountMessages, passwordResetMessages, portalSignupMessages, userMessages } from './users';
import { erasureMessages } from './customers/erasure';

/** Every area's user-facing texts by error code, for the HTTP boundary to answer in the caller's language. */
export const domainMessages: MessageCatalogue = {
  ...schemaMessages,
  ...addressMessages,
  ...addressParseMessages,
  ...customerImportMessages,
  ...customerMessages,
  ...payerMessages,
  ...deactivationMessages,
  ...complaintMessages,
  ...churnCallMessages,
  ...demandAdjustmentMessages,
  ...cylinderMessages,
  ...stockMessages,
  ...cylinderRegisterMessages,
  ...pricingMessages,
  ...transferMessages,
  ...contractPriceMessages,
  ...orderMessages,
  ...closureMessages,
  ...closureNarrowMessages,
  ...announcementMessages,
  ...recurringMessages,
  ...routeMessages,
  ...fleetMessages,
  ...overtimeMessages,
  ...userMessages,
  ...accountMessages,
  ...passwordResetMessages,
  ...portalSignupMessages,
  ...settlementMessages,
  ...booksMessages,
  ...reportMessages,
  ...driverPeriodMessages,
  ...statementMessages,
  ...paymentMessages,
  ...collectionContactMessages,
  ...refundMessages,
  ...depositMessages,
  ...paymentReminderMessages,
  ...safetyMessages,
  ...serviceCallMessages,
  ...openServiceCallMessages,
  ...invoiceMessages,
  ...buyerChangeMessages,
  ...uploadMessages,
  ...auditMessages,
  ...erasureMessages,
  ...suggestionDayMessages,
  'RECURRING.NOT_FOUND': { 'zh-TW': '找不到定期訂單規則', en: 'Recurring rule not found' },
  'PREDICTION.NO_ACTIVE_MODEL': {
    'zh-TW': '尚未訓練預測模型，請先執行模型訓練。',
    en: 'No active prediction model: run the training job first.',
  },
  'PREDICTION.CUSTOMER_INACTIVE': {
    'zh-TW': '客戶已停用，不再預測叫氣時間。',
    en: 'The customer is inactive: no refill prediction is made.',
  },
  'MODEL.NOT_ENOUGH_HISTORY': {
    'zh-TW': '訂單歷史不足，無法評估模型。',
    en: 'Not enough order history to evaluate a model.',
  },
};

import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { deliveryFailureReason, NOTIFICATION_CHANNELS } from '../domain/notifications';
import { docIdSchema, z } from '../domain/schema';
import { route } from '../http/endpoint';
import { messagesOf } from './use-cases/notification-dispatch';

const sentMessageSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: '`order` (order progress), `closure-reminder`, `payment-reminder`, `payment-received` (receipt), `delay`, `safety-reminder` (安全檢查), `price-change` (調價通知) or `service-call` (報修通知)', example: 'payment-reminder' }),
    channel: z.enum(NOTIFICATION_CHANNELS),
    status: z.enum(['pending', 'sent', 'failed']),
    text: z.string(),
    at: z.string(),
    sentAt: z.string().optional(),
    error: z.string().optional().openapi({ description: "A failure as the sender recorded it, the provider's own words included: for support, not for the office to read", example: 'DomainError: SMS gateway rejected the message (statuscode v: 無效的手機號碼)' }),
    errorCode: z.string().optional().openapi({ description: "A failure's code: `INBOX.NO_ACCOUNT` when the customer has no LINE, no mobile an SMS gateway can reach and no portal account, so nobody was told; `SMS.INVALID_NUMBER`, `LINE.INVALID_RECIPIENT` … the sender's refusals", example: 'INBOX.NO_ACCOUNT' }),
    reason: z.string().optional().openapi({ description: "A failed message's why, in the caller's language: its code's words, or 未送達 (not delivered) for a code none names", example: '未送達：簡訊商表示此手機號碼無效，請向客戶確認號碼' }),
  })
  .openapi('SentMessage');

/**
 * 通知紀錄: what a customer was sent by LINE, SMS or the portal inbox and how it went, for the office on
 * the phone ("did you get our message?"). Served by the customers function under `/api/customers/:id/messages`.
 */
export const customerMessageRoutes = [
  route({
    method: 'GET',
    path: '/:id/messages',
    roles: ['admin', 'office'],
    docs: {
      summary: "A customer's latest messages (order progress, reminders, delays), newest first, with channel and outcome",
      description: "A failed message says why in `reason`, in the caller's language; `error` keeps the sender's own text for support. An unknown customer is 404.",
      response: z.object({ items: z.array(sentMessageSchema) }),
    },
    params: z.object({ id: docIdSchema }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    async handle({ params, query, locale }) {
      const c = await container();
      await firestoreCustomerStore(c.db).get(params.id);
      const items = (await messagesOf(c.db, params.id, query.limit)).map((m) => (m.status === 'failed' ? { ...m, reason: deliveryFailureReason(m.errorCode, locale) } : m));
      return { body: { items } };
    },
  }),
];

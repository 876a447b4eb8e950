import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { NOTIFICATION_CHANNELS } from '../domain/notifications';
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
    error: z.string().optional(),
    errorCode: z.string().optional().openapi({ description: "A failure's code: `INBOX.NO_ACCOUNT` when the customer has no LINE, no mobile an SMS gateway can reach and no portal account, so nobody was told", example: 'INBOX.NO_ACCOUNT' }),
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
      description: 'An unknown customer is 404.',
      response: z.object({ items: z.array(sentMessageSchema) }),
    },
    params: z.object({ id: docIdSchema }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    async handle({ params, query }) {
      const c = await container();
      await firestoreCustomerStore(c.db).get(params.id);
      return { body: { items: await messagesOf(c.db, params.id, query.limit) } };
    },
  }),
];

import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { canReadInbox } from '../adapters/notify/inbox-sender';
import { customerReach, recipientOf } from '../domain/notifications/channel';
import { z } from '../domain/schema';
import { idParams, route } from '../http/endpoint';
import { assertMayReadCustomer } from '../http/auth/principal';

const messageReachSchema = z
  .object({
    channel: z.enum(['line', 'sms', 'inbox', 'none']).openapi({
      description: '`line`; `sms` to `phone`; `inbox`: the portal’s 訊息通知 (no gateway reaches them); `none`: no LINE, no mobile to text and no portal account, so nobody is told',
    }),
    phone: z.string().optional().openapi({ description: 'With `sms`: the number texts go to, as written on the record', example: '0960-327-259' }),
    smsConfigured: z.boolean().openapi({ description: 'Whether this deployment can text at all, so a customer without a mobile can be told that adding one brings texts' }),
  })
  .openapi('MessageReach');

/**
 * Where a customer's messages (order progress, reminders, notices) go now, by the same choice the notification senders
 * make, so 聯絡與收貨 says the truth in every configuration rather than assume texts. Served by the customers function
 * under `/api/customers/:id/reach`.
 */
export const customerReachRoutes = [
  route({
    method: 'GET',
    path: '/:id/reach',
    roles: ['admin', 'office', 'customer'],
    docs: {
      summary: "Where a customer's messages go now: LINE, SMS to which phone, the portal inbox, or nowhere (a customer may ask only about themself)",
      description: 'An unknown customer, or another customer than the caller, is 404.',
      response: messageReachSchema,
    },
    params: idParams,
    async handle({ params, principal }) {
      assertMayReadCustomer(principal, params.id);
      const c = await container();
      const customer = await firestoreCustomerStore(c.db).get(params.id);
      const available = c.config.channels;
      return { body: { ...customerReach(recipientOf(customer), available, await canReadInbox(c.db, customer.id)), smsConfigured: available.sms } };
    },
  }),
];

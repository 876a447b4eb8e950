import type { Topic } from '../../domain/events';

/**
 * Which event consumer listens to which topic. The local stack creates push subscriptions from
 * this table and infra/ creates the production triggers from the same names.
 */
export interface SubscriptionSpec {
  /** The cloudEvent function's name. */
  readonly consumer: string;
  readonly topic: Topic;
  /** Pub/Sub filter on message attributes (the envelope's `type` is an attribute). */
  readonly filter?: string;
  /** Seconds; long-running consumers need Pub/Sub's maximum. */
  readonly ackDeadlineSeconds?: number;
  readonly maxDeliveryAttempts?: number;
}

export const SUBSCRIPTIONS: readonly SubscriptionSpec[] = [
  { consumer: 'notifyCustomer', topic: 'order-events' },
  { consumer: 'notifyDelays', topic: 'route-events' },
  // 配送追蹤: the portal's card of each order still waiting on a route that moved on.
  { consumer: 'trackOrders', topic: 'route-events' },
  { consumer: 'notifyPayments', topic: 'notifications' },
  { consumer: 'notifyPriceChange', topic: 'notifications', ackDeadlineSeconds: 300 },
  { consumer: 'notifyServiceCalls', topic: 'notifications' },
  // An announcement to every customer, a page at a time.
  { consumer: 'notifyAnnouncements', topic: 'notifications', ackDeadlineSeconds: 300 },
  { consumer: 'sendCodes', topic: 'notifications' },
  // Every open order a price covers, one transaction each.
  { consumer: 'repriceOrders', topic: 'price-events', ackDeadlineSeconds: 300 },
  { consumer: 'issueInvoices', topic: 'order-events' },
  { consumer: 'reportCounters', topic: 'order-events' },
  { consumer: 'reportCounters', topic: 'driver-events' },
  { consumer: 'systemAlerts', topic: 'order-events' },
  { consumer: 'systemAlerts', topic: 'system-alerts' },
  { consumer: 'optimizeRoutes', topic: 'optimization-requests', ackDeadlineSeconds: 600, maxDeliveryAttempts: 5 },
];

export const deadLetterTopic = (topic: Topic): string => `${topic}-dlq`;
export const subscriptionName = (spec: SubscriptionSpec): string => `${spec.consumer}--${spec.topic}`;

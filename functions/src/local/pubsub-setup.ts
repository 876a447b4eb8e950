import type { PubSub } from '@google-cloud/pubsub';
import { deadLetterTopic, subscriptionName, type SubscriptionSpec } from '../adapters/pubsub/subscriptions';
import { TOPICS, type Topic } from '../domain/events';

/** gRPC ALREADY_EXISTS: creating what exists is how we stay idempotent. */
const ALREADY_EXISTS = 6;

const isAlreadyExists = (err: unknown) => (err as { code?: number } | null)?.code === ALREADY_EXISTS;

async function ensureTopic(pubsub: PubSub, name: string): Promise<void> {
  try {
    await pubsub.createTopic(name);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

/** Dead letters are only kept while some subscription holds them; this pull subscription does. */
export const deadLetterHold = (topic: Topic): string => `${deadLetterTopic(topic)}--hold`;

export interface PubSubSetup {
  readonly topics?: readonly Topic[];
  readonly subscriptions: readonly SubscriptionSpec[];
  /** Base URL of the gateway; consumers are pushed to `<base>/_events/<consumer>`. */
  readonly pushBase: string;
  readonly defaultMaxDeliveryAttempts?: number;
}

/**
 * Creates every topic with its dead-letter topic, and a push subscription per consumer with a
 * dead-letter policy. Safe to run again: existing resources are kept, push endpoints are re-pointed
 * (the gateway's port may have changed).
 */
export async function ensureTopicsAndSubscriptions(pubsub: PubSub, setup: PubSubSetup): Promise<void> {
  const topics = setup.topics ?? TOPICS;
  await Promise.all(topics.flatMap((t) => [ensureTopic(pubsub, t), ensureTopic(pubsub, deadLetterTopic(t))]));
  await Promise.all(
    topics.map(async (t) => {
      try {
        await pubsub.topic(deadLetterTopic(t)).createSubscription(deadLetterHold(t));
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
    }),
  );
  await Promise.all(
    setup.subscriptions.map(async (spec) => {
      const name = subscriptionName(spec);
      const pushConfig = { pushEndpoint: `${setup.pushBase}/_events/${spec.consumer}` };
      try {
        await pubsub.topic(spec.topic).createSubscription(name, {
          pushConfig,
          ackDeadlineSeconds: spec.ackDeadlineSeconds ?? 60,
          ...(spec.filter ? { filter: spec.filter } : {}),
          deadLetterPolicy: {
            deadLetterTopic: pubsub.topic(deadLetterTopic(spec.topic)).name,
            maxDeliveryAttempts: spec.maxDeliveryAttempts ?? setup.defaultMaxDeliveryAttempts ?? 5,
          },
          retryPolicy: { minimumBackoff: { seconds: 1 }, maximumBackoff: { seconds: 60 } },
        });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        await pubsub.subscription(name).modifyPushConfig(pushConfig);
      }
    }),
  );
}

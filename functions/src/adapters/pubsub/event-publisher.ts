import type { PubSub } from '@google-cloud/pubsub';
import { DomainError } from '../../domain/errors';
import type { EventEnvelope, EventPublisher, Topic } from '../../domain/events';

/**
 * Publishes the envelope as JSON with its type, id and subject as attributes, so subscriptions
 * can filter on `attributes.type` without decoding the payload.
 */
export function pubsubEventPublisher(pubsub: PubSub): EventPublisher {
  const topics = new Map<Topic, ReturnType<PubSub['topic']>>();
  const topicFor = (name: Topic) => {
    let t = topics.get(name);
    if (!t) {
      t = pubsub.topic(name, { batching: { maxMessages: 1, maxMilliseconds: 0 } });
      topics.set(name, t);
    }
    return t;
  };
  return {
    async publish(topic, event: EventEnvelope) {
      try {
        await topicFor(topic).publishMessage({
          data: Buffer.from(JSON.stringify(event)),
          attributes: { type: event.type, eventId: event.id, subject: event.subject },
        });
      } catch (err) {
        throw new DomainError('EVENTS.PUBLISH_FAILED', 'unavailable', `Publishing to ${topic} failed`, undefined, {
          cause: err,
        });
      }
    },
  };
}

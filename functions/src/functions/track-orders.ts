import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { trackRoute } from '../adapters/firestore/order-tracking-store';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import type { EventEnvelope } from '../domain/events';

export const TRACK_ORDERS = 'trackOrders';

/** The routes an event changed: its own, and those a stop moved from or to (改派, the office moving a stop). */
const routesOf = (event: EventEnvelope): string[] =>
  [...new Set(['routeId', 'fromRouteId', 'toRouteId'].map((key) => event.data[key]).filter((id): id is string => typeof id === 'string'))];

/**
 * 配送追蹤: whenever a route moves on (started, a stop done or taken off, handed over, done), the portal's card of each
 * order still waiting on it is brought up to date (`trackRoute`). Every pass computes from the route as it then stands,
 * so a redelivered or late event rewrites nothing: no processed-event marker is needed.
 */
export const handleTrackingEvent = eventConsumer(TRACK_ORDERS, async (event: EventEnvelope) => {
  const routes = routesOf(event);
  if (routes.length === 0) return;
  const c = await container();
  for (const routeId of routes) await trackRoute(c.db, routeId, c.clock.now());
});

cloudEvent(TRACK_ORDERS, handleTrackingEvent);

import type { ClosurePeriod } from '../closures';
import type { SizeQuantity } from '../cylinders';
import type { Order, OrderStatus } from '.';

export const ORDER_EVENTS = 'order-events' as const;

/** Events of the orders' lifecycle, as every writer of orders (API, jobs, routes, drivers) emits them. */
export const orderCreatedEvent = (order: Order) => ({
  topic: ORDER_EVENTS,
  type: 'order.created',
  data: {
    orderId: order.id,
    customerId: order.customerId,
    to: order.status,
    requestedDate: order.requestedDate,
    total: order.total,
    priority: order.priority,
    source: order.source,
  },
});

export const orderStatusEvent = (order: Order, from: OrderStatus) => {
  const reason = order.status === 'failed' ? order.failureReason : order.status === 'cancelled' ? order.cancelReason : undefined;
  return {
    topic: ORDER_EVENTS,
    type: 'order.status_changed',
    data: {
      orderId: order.id,
      customerId: order.customerId,
      from,
      to: order.status,
      requestedDate: order.requestedDate,
      total: order.total,
      ...(order.routeId ? { routeId: order.routeId } : {}),
      ...(order.eta ? { eta: order.eta } : {}),
      ...(reason ? { reason } : {}),
    },
  };
};

/**
 * `closure`: the closure (休息日) the order was moved off, which the customer is told as the reason; `reason`: why the
 * office moved it to another day (a RESCHEDULE_REASONS code or words typed), told likewise; `items`: the cylinders a
 * change set that the customer is told of (their head office changed them), as they were then, whenever it is delivered.
 */
export const orderUpdatedEvent = (order: Order, fields: readonly string[], closure?: ClosurePeriod, reason?: string, items?: readonly SizeQuantity[]) => ({
  topic: ORDER_EVENTS,
  type: 'order.updated',
  data: {
    orderId: order.id,
    customerId: order.customerId,
    fields: [...fields],
    total: order.total,
    ...(closure ? { closure: { name: closure.name, from: closure.from, to: closure.to, ...(closure.closesAt ? { closesAt: closure.closesAt } : {}) } } : {}),
    ...(reason ? { reason } : {}),
    ...(items ? { items: items.map(({ size, quantity }) => ({ size, quantity })) } : {}),
  },
});

/**
 * The move back of an order a closure had moved (恢復配送), once the closure no longer holds where it is delivered: its
 * customer is told the closure was called off and the day they had (`closureLifted`).
 */
export const closureLiftedEvent = (order: Order, closure: ClosurePeriod) => {
  const event = orderUpdatedEvent(order, ['requestedDate'], closure);
  return { ...event, data: { ...event.data, closureLifted: true } };
};

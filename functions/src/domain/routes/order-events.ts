import type { Order, OrderStatus } from '../orders';

export const ORDER_EVENTS = 'order-events' as const;

/** The `order.status_changed` event the orders API emits, for status changes made by routes and drivers. */
export const orderStatusEvent = (order: Order, from: OrderStatus) => ({
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
    ...(order.failureReason ? { reason: order.failureReason } : {}),
  },
});

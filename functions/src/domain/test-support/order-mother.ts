import type { Actor } from '../events';
import type { Customer } from '../customers';
import type { PriceList } from '../pricing';
import { CYLINDER_SIZES } from '../cylinders';
import { createOrder, createOrderInputSchema, type Order, type OrderSource } from '../orders/order';
import { PATH_FROM_PENDING, type OrderStatus } from '../orders/status';
import { transition } from '../orders/transition';
import { aCustomer } from './customer-mother';

export const OFFICE: Actor = { uid: 'u-office', role: 'office' };

/** One price per size from 2020 on: enough for any order a test makes. */
export const aPriceList = (): PriceList =>
  CYLINDER_SIZES.map((size) => ({ size, unitPrice: size * 40 + 50, effectiveFrom: '2020-01-01' }));

/** `anOrder().forCustomer(c).inStatus('scheduled').build()` */
export class OrderBuilder {
  private id = 'ord-test';
  private customer: Customer = aCustomer().build();
  private status: OrderStatus = 'pending';
  private driverId = 'drv-01';
  private source: OrderSource = 'office';
  private request: Record<string, unknown> = { items: [{ size: 20, quantity: 1 }], requestedDate: '2026-12-01' };

  withId(id: string): this {
    this.id = id;
    return this;
  }

  forCustomer(customer: Customer): this {
    this.customer = customer;
    return this;
  }

  inStatus(status: OrderStatus): this {
    this.status = status;
    return this;
  }

  onDriver(driverId: string): this {
    this.driverId = driverId;
    return this;
  }

  with(request: Record<string, unknown>): this {
    Object.assign(this.request, request);
    return this;
  }

  build(): Order {
    const at = new Date('2026-11-28T01:00:00Z');
    const created = createOrder(createOrderInputSchema.parse({ customerId: this.customer.id, ...this.request }), {
      id: this.id,
      customer: this.customer,
      priceList: aPriceList(),
      closures: [],
      by: OFFICE,
      at,
      today: '2026-11-28',
      source: this.source,
    });
    return PATH_FROM_PENDING[this.status].reduce(
      (order, to, i) =>
        transition(order, to, {
          by: OFFICE,
          at: new Date(at.getTime() + (i + 1) * 60_000),
          reason: 'test',
          routeId: 'route-test',
          driverId: this.driverId,
        }),
      created,
    );
  }
}

export const anOrder = (): OrderBuilder => new OrderBuilder();

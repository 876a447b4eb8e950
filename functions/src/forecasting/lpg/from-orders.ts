import { taipeiDate } from '../../domain/clock';
import type { Complaint, Customer } from '../../domain/customers';
import { isCollectionOnly, type Order } from '../../domain/orders';
import type { PriceList } from '../../domain/pricing';
import { CYLINDER_SIZES, type CustomerHistory, type CylinderCounts, type DeliveryHistory, type PriceChange } from './types';

function counts(lines: readonly { size: (typeof CYLINDER_SIZES)[number]; quantity: number }[]): CylinderCounts {
  const result: CylinderCounts = {};
  for (const line of lines) result[line.size] = (result[line.size] ?? 0) + line.quantity;
  return result;
}

/** Price rises and cuts of one size, as relative changes on the day they take effect. */
function priceSteps(priceList: PriceList, size: number): PriceChange[] {
  const entries = priceList.filter((entry) => entry.size === size).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return entries.slice(1).flatMap((entry, i) => {
    const before = entries[i]?.unitPrice ?? 0;
    return before > 0 ? [{ date: entry.effectiveFrom, relativeChange: entry.unitPrice / before - 1 }] : [];
  });
}

/** What reached the customer and when: the driver's record, else the order and its timeline. */
function deliveryOf(order: Order): { date: string; cylinders: CylinderCounts } {
  const deliveredAt = order.delivery?.at ?? order.timeline.findLast((entry) => entry.to === 'delivered')?.at;
  return {
    date: deliveredAt === undefined ? order.requestedDate : taipeiDate(new Date(deliveredAt)),
    cylinders: counts(order.delivery?.delivered ?? order.items),
  };
}

/**
 * Builds the models' input from domain records: deliveries from delivered orders (what the driver
 * recorded, on its Taipei date), failed attempts from the order timelines, complaints on their
 * Taipei date, and price changes of the sizes the customer has on site.
 */
export function deliveryHistoryFromOrders(
  customers: readonly Customer[],
  orders: readonly Order[],
  priceList: PriceList = [],
  complaints: readonly Pick<Complaint, 'customerId' | 'at'>[] = [],
): DeliveryHistory {
  const byCustomer = new Map<string, Order[]>();
  for (const order of orders) byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), order]);
  const complaintDays = new Map<string, string[]>();
  for (const complaint of complaints) {
    complaintDays.set(complaint.customerId, [...(complaintDays.get(complaint.customerId) ?? []), taipeiDate(new Date(complaint.at))]);
  }
  return customers.map((customer): CustomerHistory => {
    const own = byCustomer.get(customer.id) ?? [];
    const sizes = customer.cylindersOnSite.filter((line) => line.count > 0).map((line) => line.size);
    return {
      customerId: customer.id,
      type: customer.type,
      cylindersOnSite: Object.fromEntries(customer.cylindersOnSite.map((line) => [line.size, line.count])) as CylinderCounts,
      deliveries: own.filter((order) => order.status === 'delivered' && !isCollectionOnly(order)).map(deliveryOf),
      failedDeliveries: own.flatMap((order) =>
        order.timeline.filter((entry) => entry.to === 'failed').map((entry) => taipeiDate(new Date(entry.at))),
      ),
      complaints: (complaintDays.get(customer.id) ?? []).sort(),
      priceChanges: sizes
        .flatMap((size) => priceSteps(priceList, size))
        .sort((a, b) => a.date.localeCompare(b.date)),
    };
  });
}

import { conflict } from '../errors';
import { cylinderSizeSchema } from '../cylinders';
import type { Customer } from './customer';
import type { OFFICE_CANCEL_REASONS } from '../notifications/templates';
import type { OrderStatus } from '../orders/status';
import { z, type MessageCatalogue } from '../schema';

export const deactivateCustomerInputSchema = z
  .object({
    /** Cancel the customer's open orders not yet on a truck (reason `customer_deactivated`) in the same step. */
    cancelOpenOrders: z.boolean().default(false),
  })
  .strict()
  .openapi('DeactivateCustomerRequest', { example: { cancelOpenOrders: true } });
export type DeactivateCustomerInput = z.infer<typeof deactivateCustomerInputSchema>;

/**
 * Open orders a truck already carries: publishing a route makes its orders `scheduled` (the driver's list, the 派車單
 * printed), and `out_for_delivery` is on the road. Deactivating never cancels these behind the driver's back.
 */
export const ON_A_TRUCK: readonly OrderStatus[] = ['scheduled', 'out_for_delivery'];

/**
 * Open orders not yet on a published route, which deactivation cancels when asked: nightly suggestions and recurring
 * orders among them. A failed order is not one: it goes nowhere until someone reschedules it.
 */
export const CANCELLED_WITH_CUSTOMER: readonly OrderStatus[] = ['pending', 'confirmed'];

/** The stored cancel reason: a code each reader sees in their own language (notifications' templates, the SPA's locales). */
export const CUSTOMER_DEACTIVATED = 'customer_deactivated' satisfies keyof typeof OFFICE_CANCEL_REASONS;

/**
 * The most orders deactivation cancels in the customer's own transaction (two of Firestore's 500 writes each: the order
 * and its outbox entry). A customer has a few open orders; past this the whole step is refused rather than done in part.
 */
export const MAX_ORDERS_CANCELLED = 200;

/** Orders a refusal names; its count says how many there are in all. */
export const ORDERS_NAMED = 5;

/** What deactivation needs to know of an open order, and what a refusal names of it. */
export interface OpenOrderRef {
  readonly id: string;
  readonly requestedDate: string;
  readonly status: OrderStatus;
}

/** The orders a refusal names: the first `ORDERS_NAMED` by day, as `OpenOrderRef`s. */
export const namedOrders = (orders: readonly OpenOrderRef[]): OpenOrderRef[] =>
  [...orders]
    .sort((a, b) => a.requestedDate.localeCompare(b.requestedDate) || a.id.localeCompare(b.id))
    .slice(0, ORDERS_NAMED)
    .map(({ id, requestedDate, status }) => ({ id, requestedDate, status }));

/**
 * The orders deactivating a customer cancels, given their open orders (`OPEN_STATUSES`, at most one more than
 * `MAX_ORDERS_CANCELLED` read). Nothing is left to be delivered to a customer who is gone unless someone decides so:
 * orders not yet on a truck are cancelled only when the caller says so, and one on a truck keeps the customer active
 * until it is taken off its route or delivered.
 * @throws conflict `CUSTOMER.ORDERS_ON_A_TRUCK` naming those on a truck; `CUSTOMER.HAS_OPEN_ORDERS` naming the open ones
 *   when not asked to cancel them; `CUSTOMER.TOO_MANY_TO_CANCEL` past `MAX_ORDERS_CANCELLED`. Details: `id` (the
 *   customer), `count`, `orders` (the first `ORDERS_NAMED` by day: id, requestedDate, status).
 */
export function ordersCancelledByDeactivation<T extends OpenOrderRef>(customerId: string, open: readonly T[], cancelOpenOrders: boolean): readonly T[] {
  if (open.length > MAX_ORDERS_CANCELLED) {
    throw conflict('CUSTOMER.TOO_MANY_TO_CANCEL', `More than ${MAX_ORDERS_CANCELLED} open orders of ${customerId}`, { id: customerId, max: MAX_ORDERS_CANCELLED });
  }
  const onTruck = open.filter((o) => ON_A_TRUCK.includes(o.status));
  if (onTruck.length > 0) {
    throw conflict('CUSTOMER.ORDERS_ON_A_TRUCK', `${onTruck.length} orders of ${customerId} are on a truck`, { id: customerId, count: onTruck.length, orders: namedOrders(onTruck) });
  }
  if (open.length > 0 && !cancelOpenOrders) {
    throw conflict('CUSTOMER.HAS_OPEN_ORDERS', `${open.length} orders of ${customerId} are still open`, { id: customerId, count: open.length, orders: namedOrders(open) });
  }
  return open;
}

/** `{orderList}` in these texts is the refusal's `orders` in the caller's words, each as `CUSTOMER.OPEN_ORDER` writes it. */
export const deactivationMessages: MessageCatalogue = {
  'CUSTOMER.HAS_OPEN_ORDERS': {
    'zh-TW': '此客戶還有 {count} 筆尚未送達的訂單：{orderList}。請先處理，或選擇「取消這些訂單並停用」',
    en: 'This customer still has {count} open order: {orderList}. Deal with it first, or choose to cancel it and deactivate | This customer still has {count} open orders: {orderList}. Deal with them first, or choose to cancel them and deactivate',
    countedBy: 'count',
  },
  'CUSTOMER.ORDERS_ON_A_TRUCK': {
    'zh-TW': '此客戶有 {count} 筆訂單已排入已發布的路線或正在配送：{orderList}。停用不會取消車上的訂單；請先在路線上移出（重新確認）或送達後再停用',
    en: "{count} of this customer's orders is on a published route or out for delivery: {orderList}. Deactivating does not cancel an order on a truck; take it off its route (confirm it again) or deliver it first | {count} of this customer's orders are on a published route or out for delivery: {orderList}. Deactivating does not cancel orders on a truck; take them off their route (confirm them again) or deliver them first",
    countedBy: 'count',
  },
  'CUSTOMER.TOO_MANY_TO_CANCEL': {
    'zh-TW': '此客戶尚未送達的訂單超過 {max} 筆，無法一次取消並停用；請先取消或改期部分訂單',
    en: 'This customer has more than {max} open orders, too many to cancel in one step; cancel or move some first',
  },
  'CUSTOMER.OPEN_ORDER': { 'zh-TW': '{requestedDate} {status:ORDER.STATUS}（{id}）', en: '{id} ({status:ORDER.STATUS}, {requestedDate})' },
};

export const leftOpenSchema = z
  .object({
    customerId: z.string(),
    customerCode: z.string(),
    customerName: z.string(),
    deactivatedAt: z.string().optional(),
    /** Cylinders still at their place, the sizes with any. */
    cylinders: z.array(z.object({ size: cylinderSizeSchema, count: z.number().int().min(1) })),
    /** The deposit (押金) held, to refund once the cylinders are back. */
    deposit: z.number().int().min(0),
    /** What they owe now; negative for a credit to pay back. */
    balance: z.number().int(),
  })
  .openapi('CustomerLeftOpen', { example: { customerId: 'cust-0005', customerCode: 'C0005', customerName: '阿明小吃', cylinders: [{ size: 20, count: 2 }], deposit: 2400, balance: 1460, deactivatedAt: '2026-11-30T02:00:00.000Z' } });
export type LeftOpen = z.infer<typeof leftOpenSchema>;

/**
 * What a deactivated customer still has with the company (退戶 not finished): cylinders to collect, a deposit to refund,
 * a balance either way. Null when nothing is open: deactivating keeps all of it on the record, so this is where the
 * office finds it again.
 */
export function leftOpen(customer: Pick<Customer, 'id' | 'code' | 'name' | 'deactivatedAt' | 'cylindersOnSite'>, balance: number): LeftOpen | null {
  const cylinders = customer.cylindersOnSite.filter((l) => l.count > 0).map(({ size, count }) => ({ size, count }));
  const deposit = customer.cylindersOnSite.reduce((sum, l) => sum + l.depositPaid, 0);
  if (cylinders.length === 0 && deposit === 0 && balance === 0) return null;
  return {
    customerId: customer.id,
    customerCode: customer.code,
    customerName: customer.name,
    ...(customer.deactivatedAt ? { deactivatedAt: customer.deactivatedAt } : {}),
    cylinders,
    deposit,
    balance,
  };
}

/**
 * The balance 停用待結清 shows for a deactivated customer when it needs no working out: a branch owes nothing itself (its
 * head office's account carries its deliveries), and a receivables line (應收帳款) worked out after the deactivation holds
 * the balance now, since nothing is delivered to the customer any more and every payment, refund or allowance of theirs
 * works the line out again at once. Null when it must be worked out (no line, or one from before the deactivation).
 */
export function leftOpenBalance(customer: Pick<Customer, 'payerId' | 'deactivatedAt'>, line: { readonly balance: number; readonly computedAt: string } | undefined): number | null {
  if (customer.payerId) return 0;
  return line && customer.deactivatedAt && line.computedAt >= customer.deactivatedAt ? line.balance : null;
}

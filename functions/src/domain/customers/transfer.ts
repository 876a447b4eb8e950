/**
 * 過戶: a shop sold to a new owner. The cylinders stay at the shop, but the account does not pass on: the seller's
 * deliveries, balance and month stay theirs (invoiced to their 統一編號 by the month's run), and the buyer is a new
 * customer from the handover day, at the same place, with the cylinders on site and, when agreed, the deposit held.
 */
import { addDays } from '../calendar';
import { conflict, DomainError } from '../errors';
import { calendarDateSchema, z, type MessageCatalogue } from '../schema';
import type { OrderStatus } from '../orders/status';
import { createCustomerInputSchema, revised, withSearchTokens, type Customer } from './customer';
import { MAX_ORDERS_CANCELLED, namedOrders, ON_A_TRUCK, type OpenOrderRef } from './deactivation';

/** The deposit held for the cylinders: `move`d to the buyer's account, or kept on the seller's to be refunded (退押金). */
export const TRANSFER_DEPOSIT = ['move', 'refund'] as const;

/** How far back a handover may be recorded: a week covers a handover the office hears of late, not a month rewritten. */
export const TRANSFER_BACKDATE_DAYS = 7;

export const transferCustomerInputSchema = createCustomerInputSchema
  .pick({ name: true, contactName: true, phones: true, invoice: true, paymentTerms: true })
  .extend({
    /** The Taipei day the new owner takes over: their orders from it on, the seller's deliveries before it. */
    handoverOn: calendarDateSchema,
    deposit: z.enum(TRANSFER_DEPOSIT),
    moveRecurring: z
      .boolean()
      .default(false)
      .openapi({
        description:
          'The seller’s 定期配送 rules and 自動配送 go on for the buyer (agreed with the new owner); otherwise the rules end with the seller and the buyer starts without 自動配送',
      }),
  })
  .strict()
  .openapi('TransferCustomerRequest', {
    example: {
      handoverOn: '2026-12-01',
      name: '新月小吃店',
      contactName: '陳老闆',
      phones: ['0933-222-111'],
      invoice: { taxId: '22099131', companyTitle: '新月餐飲有限公司' },
      paymentTerms: 'cash',
      deposit: 'move',
      moveRecurring: false,
    },
  });
export type TransferCustomerInput = z.infer<typeof transferCustomerInputSchema>;

export interface TransferContext {
  readonly buyerId: string;
  readonly buyerCode: string;
  /** Today in Taipei. */
  readonly today: string;
  readonly now: Date;
}

/** A deposit that changes accounts: refunded on the seller's, collected on the buyer's, the same day. */
export interface DepositMoved {
  readonly size: Customer['cylindersOnSite'][number]['size'];
  readonly count: number;
  readonly amount: number;
}

export interface Transfer {
  readonly seller: Customer;
  readonly buyer: Customer;
  readonly depositsMoved: readonly DepositMoved[];
}

const slashed = (day: string): string => day.replaceAll('-', '/');

/**
 * @throws `CUSTOMER.TRANSFER_FUTURE` for a handover after today (the seller is deactivated now, so it is recorded on the
 * day or after), `CUSTOMER.TRANSFER_TOO_EARLY` before `TRANSFER_BACKDATE_DAYS` ago; both precondition, path `handoverOn`.
 */
function assertHandoverDay(handoverOn: string, today: string): void {
  if (handoverOn > today) {
    throw new DomainError('CUSTOMER.TRANSFER_FUTURE', 'precondition', `Handover on ${handoverOn}, after ${today}`, { path: 'handoverOn', today: slashed(today) });
  }
  const earliest = addDays(today, -TRANSFER_BACKDATE_DAYS);
  if (handoverOn < earliest) {
    throw new DomainError('CUSTOMER.TRANSFER_TOO_EARLY', 'precondition', `Handover on ${handoverOn}, before ${earliest}`, {
      path: 'handoverOn',
      earliest: slashed(earliest),
      days: TRANSFER_BACKDATE_DAYS,
    });
  }
}

/**
 * The seller's record closed as 過戶 and the buyer's new one. The buyer takes the place as it is (address, pin, floors,
 * hours, notes, the last 安全檢查: an inspection is of the installation, which stays), the cylinders on site and, with
 * `deposit: 'move'`, the deposit held (`depositsMoved`, one record each side). With `refund` the seller keeps the
 * deposit with no cylinders, for 停用待結清 and a 退押金, and the buyer owes one for the cylinders (asked at the door).
 * Not taken over: contract prices (合約價, agreed with the seller), LINE, the balance, a branch's head office (分店／總公司付款:
 * the seller keeps its link, its deliveries before the day being the chain's; the new owner pays for itself until the
 * office links it, the head office having agreed to pay for the seller only), and 自動配送 unless `moveRecurring`
 * (the new owner's to agree, as the 定期配送 rules: `recurringRuleAfterTransfer`).
 * @throws `CUSTOMER.ALREADY_INACTIVE`, and the refusals of `assertHandoverDay`.
 */
export function transferCustomer(seller: Customer, input: TransferCustomerInput, ctx: TransferContext): Transfer {
  if (seller.status !== 'active') throw conflict('CUSTOMER.ALREADY_INACTIVE', `Customer ${seller.id} is already inactive`, { id: seller.id });
  assertHandoverDay(input.handoverOn, ctx.today);
  const moved = input.deposit === 'move';
  const lines = seller.cylindersOnSite;
  const at = ctx.now.toISOString();
  const buyer = withSearchTokens({
    id: ctx.buyerId,
    code: ctx.buyerCode,
    name: input.name,
    ...(input.contactName ? { contactName: input.contactName } : {}),
    phones: input.phones,
    address: seller.address,
    ...(seller.location ? { location: seller.location } : {}),
    ...(seller.locationPrecision ? { locationPrecision: seller.locationPrecision } : {}),
    type: seller.type,
    deliveryWindows: seller.deliveryWindows,
    closedDays: seller.closedDays,
    floorsWithoutElevator: seller.floorsWithoutElevator,
    cylindersOnSite: lines.filter((l) => l.count > 0).map((l) => ({ ...l, depositPaid: moved ? l.depositPaid : 0 })),
    paymentTerms: input.paymentTerms,
    invoice: input.invoice,
    autoDelivery: input.moveRecurring && seller.autoDelivery,
    notes: seller.notes,
    ...(seller.safety ? { safety: seller.safety } : {}),
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
    transferredFrom: { customerId: seller.id, customerCode: seller.code, on: input.handoverOn },
  });
  const closed = revised(
    seller,
    {
      status: 'inactive',
      deactivatedAt: at,
      cylindersOnSite: moved ? [] : lines.filter((l) => l.depositPaid > 0).map((l) => ({ ...l, count: 0 })),
      transferredTo: { customerId: buyer.id, customerCode: buyer.code, on: input.handoverOn },
    },
    ctx.now,
  );
  const depositsMoved = moved ? lines.filter((l) => l.depositPaid > 0).map((l) => ({ size: l.size, count: Math.max(1, l.count), amount: l.depositPaid })) : [];
  return { seller: closed, buyer, depositsMoved };
}

/**
 * A 定期配送 rule of the seller after the transfer: the buyer's from now on with `moveRecurring` (the same rule, so the
 * orders it made already, which pass to the buyer with the seller's other open ones, are not made again), else ended
 * (inactive, as `DELETE /api/orders/recurring/:id` ends one): a seller who passed on the shop cannot be reactivated, so a
 * rule left active would be reported by every run of the recurring job and make nothing.
 */
export function recurringRuleAfterTransfer<R extends { readonly customerId: string; readonly active: boolean }>(rule: R, buyerId: string, move: boolean): R {
  return move ? { ...rule, customerId: buyerId } : { ...rule, active: false };
}

/** What the transfer needs to know of the seller's orders. */
export interface SellerOrderRef extends OpenOrderRef {
  readonly status: OrderStatus;
}

/**
 * The seller's open orders that pass to the buyer: those for the handover day or after, still in planning (pending,
 * confirmed). Nothing may be left half-way: an order on a truck goes to the address with the seller's name and cash on
 * the driver's sheet; an open order before the handover day is the seller's still to deliver; a delivery on or after
 * it would be the buyer's, on the seller's account.
 * @throws conflicts naming the orders (`count`, `orders`): `CUSTOMER.TRANSFER_ORDERS_ON_A_TRUCK`,
 *   `CUSTOMER.TRANSFER_OPEN_BEFORE`, `CUSTOMER.TRANSFER_DELIVERED_AFTER`; `CUSTOMER.TOO_MANY_TO_CANCEL` past `MAX_ORDERS_CANCELLED`.
 */
export function ordersPassingToBuyer<T extends SellerOrderRef>(sellerId: string, handoverOn: string, open: readonly T[], sinceHandover: readonly SellerOrderRef[]): readonly T[] {
  if (open.length > MAX_ORDERS_CANCELLED) {
    throw conflict('CUSTOMER.TOO_MANY_TO_CANCEL', `More than ${MAX_ORDERS_CANCELLED} open orders of ${sellerId}`, { id: sellerId, max: MAX_ORDERS_CANCELLED });
  }
  const refuse = (code: string, orders: readonly SellerOrderRef[]) => {
    if (orders.length > 0) throw conflict(code, `${orders.length} orders of ${sellerId} hold up its transfer`, { id: sellerId, count: orders.length, orders: namedOrders(orders), handoverOn: slashed(handoverOn) });
  };
  refuse('CUSTOMER.TRANSFER_ORDERS_ON_A_TRUCK', open.filter((o) => ON_A_TRUCK.includes(o.status)));
  refuse('CUSTOMER.TRANSFER_OPEN_BEFORE', open.filter((o) => o.requestedDate < handoverOn));
  refuse('CUSTOMER.TRANSFER_DELIVERED_AFTER', sinceHandover.filter((o) => o.status === 'delivered'));
  return open;
}

export const transferMessages: MessageCatalogue = {
  'CUSTOMER.TRANSFER_FUTURE': {
    'zh-TW': '過戶日不能晚於今天（{today}）：賣方會立即停用，請在交接當天或之後辦理',
    en: 'The handover day cannot be after today ({today}): the seller is deactivated at once, so record it on the day or after',
  },
  'CUSTOMER.TRANSFER_TOO_EARLY': {
    'zh-TW': '過戶日最早只能是 {days} 天前（{earliest}）；更早的交接請先與會計確認賣方的帳',
    en: 'The handover day can be at most {days} days ago ({earliest}); for an earlier one, settle the seller’s account with the accountant first',
  },
  'CUSTOMER.TRANSFER_ORDERS_ON_A_TRUCK': {
    'zh-TW': '賣方有 {count} 筆訂單已排入已發布的路線或正在配送：{orderList}。請先送達，或在路線上移出（重新確認）後再過戶',
    en: "{count} of the seller's orders is on a published route or out for delivery: {orderList}. Deliver it, or take it off its route (confirm it again), before the transfer | {count} of the seller's orders are on a published route or out for delivery: {orderList}. Deliver them, or take them off their route (confirm them again), before the transfer",
    countedBy: 'count',
  },
  'CUSTOMER.TRANSFER_OPEN_BEFORE': {
    'zh-TW': '賣方在過戶日（{handoverOn}）之前還有 {count} 筆訂單尚未送達：{orderList}。請先送達或取消，或改選過戶日',
    en: "The seller has {count} open order before the handover day ({handoverOn}): {orderList}. Deliver or cancel it, or choose another handover day | The seller has {count} open orders before the handover day ({handoverOn}): {orderList}. Deliver or cancel them, or choose another handover day",
    countedBy: 'count',
  },
  'CUSTOMER.TRANSFER_DELIVERED_AFTER': {
    'zh-TW': '賣方在過戶日（{handoverOn}）當天或之後已有 {count} 筆送達：{orderList}。這些是賣方的送貨，請把過戶日改在最後一次送達之後',
    en: "The seller has {count} delivery on or after the handover day ({handoverOn}): {orderList}. It is the seller's; choose a handover day after the last delivery | The seller has {count} deliveries on or after the handover day ({handoverOn}): {orderList}. They are the seller's; choose a handover day after the last delivery",
    countedBy: 'count',
  },
  'CUSTOMER.TRANSFER_HAS_BRANCHES': {
    'zh-TW': '此客戶是總公司，正為 {count} 間分店付款（{branches:list}）：新負責人沒有同意為分店付款。請先將分店改由其他客戶付款或取消連結，再過戶',
    en: "This customer is a head office paying for {count} branch ({branches:list}), which the new owner has not agreed to pay for: move the branch to another payer or unlink it before the transfer | This customer is a head office paying for {count} branches ({branches:list}), which the new owner has not agreed to pay for: move them to another payer or unlink them before the transfer",
    countedBy: 'count',
  },
  'CUSTOMER.TRANSFERRED': {
    'zh-TW': '此客戶已過戶給 {code}，不能重新啟用：店面、鋼瓶與訂單都在新客戶 {code}',
    en: 'This customer passed to a new owner ({code}) and cannot be reactivated: the shop, its cylinders and orders are with {code}',
  },
  'CUSTOMER.TRANSFER_DEPOSIT_TO': { 'zh-TW': '過戶給 {code} {name}（{on}）', en: 'Transferred to {code} {name} ({on})' },
  'CUSTOMER.TRANSFER_DEPOSIT_FROM': { 'zh-TW': '過戶自 {code} {name}（{on}）', en: 'Transferred from {code} {name} ({on})' },
};

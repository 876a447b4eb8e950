/**
 * 刪除個資: a customer who has stopped buying asks the company to delete what it holds on them (個資法 §3, §11 ¶3: once
 * the purpose has ended). The tax law does not let everything go: the invoices, the sales behind them and the payments
 * stay for years (商業會計法 §38, 稅捐稽徵法 §21; `RETENTION_YEARS`), with the buyer a B2B invoice was made out to (統一編號 and 抬頭). So
 * the erasure replaces what identifies a person wherever it is copied and keeps the books: the customer becomes their
 * code, their city and district (the statistics by district), their 統一編號 and 抬頭 if they had one.
 */
import { taipeiDate } from '../clock';
import { conflict, invalid } from '../errors';
import { CANCEL_REASONS, FAILURE_REASONS, OFFICE_CANCEL_REASONS, RESCHEDULE_REASONS } from '../notifications/templates';
import { actorSchema } from '../users/user';
import { z, type MessageCatalogue } from '../schema';
import { customerCodeSchema, revised, withSearchTokens, type Customer } from './customer';
import { districtCentre } from './district-centres';
import type { CustomerErasure, ErasedAddress } from './erasure-record';
import type { Order } from '../orders/order';
import type { Deposit, Payment, Refund } from '../billing';
import type { EventEnvelope } from '../events';
import type { ServiceCall } from '../service-calls';

export { customerErasureSchema, erasedAddressSchema, type CustomerErasure, type ErasedAddress } from './erasure-record';

export const eraseCustomerInputSchema = z
  .object({
    /** The customer's code typed again: an erasure cannot be undone, so the admin names the one they mean. */
    confirmCode: customerCodeSchema,
    /** Why: the customer's request, how and when it came (kept on the record and in the audit log). */
    reason: z.string().trim().min(1).max(200),
  })
  .strict()
  .openapi('EraseCustomerRequest', { example: { confirmCode: 'C00001', reason: '客戶 2026/11/30 來電要求刪除個資' } });
export type EraseCustomerInput = z.infer<typeof eraseCustomerInputSchema>;

/**
 * How long what the erasure keeps must stay, by kind: whole years after the end of the year a record was made, the
 * erasure's year standing for the customer's latest (nothing is made for them after it). 商業會計法 §38 counts from the
 * year's annual closing (年度決算), done in the next year, so N years after it end within year + 1 + N.
 */
export const RETENTION_YEARS = {
  /**
   * 會計憑證, five years after the closing (§38 ¶1): the 統一發票 as issued (their 存根, a voucher: 稅捐稽徵機關管理營利事業
   * 會計帳簿憑證辦法 keeps the same five years) and allowances, the sales behind them, payments, refunds and deposits.
   * 稅捐稽徵法 §21's five-year assessment of a tax filed on time ends within it too; its seven years hold only for a
   * return not filed or tax evaded.
   */
  vouchers: 1 + 5,
  /**
   * 會計帳簿及財務報表, ten years after the closing (§38 ¶2): the ledgers carry the customer's account by its code, 統一編號
   * and 抬頭, which the record keeps as long.
   */
  books: 1 + 10,
} as const;

/** The last day of the `years`-th year after `now`'s (Taipei's calendar year, as the books keep it). */
const endOfYearAfter = (now: Date, years: number): string => `${Number(taipeiDate(now).slice(0, 4)) + years}-12-31`;

/** What is still open with the customer: anything here refuses the erasure, since settling it needs who they are. */
export interface StillOpen {
  readonly cylinders: number;
  readonly deposit: number;
  /** What they owe; negative for a credit to pay back. */
  readonly balance: number;
  readonly openOrders: number;
}

/**
 * The customer as the erasure leaves them, and the record of it. Refused while they are still served or anything is
 * open: cylinders on site, a deposit held, a balance either way, an order not delivered, failed or cancelled.
 * @throws invalid `CUSTOMER.ERASE_CODE_MISMATCH` on `body.confirmCode`; conflict `CUSTOMER.ERASE_ACTIVE` for an active
 *   customer, `CUSTOMER.ALREADY_ERASED`, `CUSTOMER.ERASE_LEFT_OPEN` with the open items as details.
 */
export function eraseCustomer(customer: Customer, open: StillOpen, input: EraseCustomerInput, by: z.infer<typeof actorSchema>, now: Date): Customer {
  assertErasureConfirmed(customer, input);
  if (customer.erasure) throw conflict('CUSTOMER.ALREADY_ERASED', `Customer ${customer.id} was erased already`, { id: customer.id });
  if (customer.status === 'active') throw conflict('CUSTOMER.ERASE_ACTIVE', `Customer ${customer.id} is still active`, { id: customer.id });
  if (open.cylinders > 0 || open.deposit > 0 || open.balance !== 0 || open.openOrders > 0) {
    throw conflict('CUSTOMER.ERASE_LEFT_OPEN', `Customer ${customer.id} still has something open`, { id: customer.id, ...open });
  }
  const erasure: CustomerErasure = {
    at: now.toISOString(),
    by,
    reason: input.reason,
    retention: { vouchers: endOfYearAfter(now, RETENTION_YEARS.vouchers), books: endOfYearAfter(now, RETENTION_YEARS.books) },
    retainUntil: endOfYearAfter(now, Math.max(RETENTION_YEARS.vouchers, RETENTION_YEARS.books)),
  };
  const { contactName: _contact, lineUserId: _line, notificationLocale: _locale, location: _location, locationPrecision: _precision, searchTokens: _tokens, ...kept } = customer;
  const { taxId, companyTitle } = customer.invoice;
  const centre = districtCentre(customer.address.city, customer.address.district);
  return withSearchTokens(
    revised(
      {
        ...kept,
        ...(centre ? { location: centre, locationPrecision: 'district' as const } : {}),
        name: erasedName(customer),
        phones: [],
        address: erasedAddress(customer.address),
        notes: '',
        // The buyer of their B2B invoices stays, as the invoices name them; a carrier or 愛心碼 goes with the person.
        invoice: { ...(taxId ? { taxId } : {}), ...(companyTitle ? { companyTitle } : {}) },
        deliveryWindows: [],
        closedDays: [],
        autoDelivery: false,
        erasure,
      },
      {},
      now,
    ),
  );
}

/** @throws invalid `CUSTOMER.ERASE_CODE_MISMATCH` on `body.confirmCode` unless the admin typed this customer's code. */
export function assertErasureConfirmed(customer: Pick<Customer, 'id' | 'code'>, input: EraseCustomerInput): void {
  if (input.confirmCode !== customer.code) {
    throw invalid('CUSTOMER.ERASE_CODE_MISMATCH', `${input.confirmCode} is not the code of ${customer.id}`, { path: 'confirmCode', code: customer.code });
  }
}

/** The name an erased customer goes by: their 發票抬頭 when their invoices were a company's, else their code. */
export const erasedName = (customer: Pick<Customer, 'code' | 'invoice'>): string => customer.invoice.companyTitle ?? customer.code;

export const erasedAddress = (address: Pick<Customer['address'], 'city' | 'district'>): ErasedAddress => ({
  city: address.city,
  district: address.district,
  road: '',
  number: '',
  full: `${address.city}${address.district}`,
});

/**
 * A copy of the customer kept on an invoice, allowance or safety inspection, as the erasure leaves it: the code, the
 * name it goes by and the district; the phone and the house gone.
 */
export function erasedCopy<T extends { readonly name: string; readonly address?: string; readonly phone?: string }>(copy: T, customer: Pick<Customer, 'code' | 'invoice' | 'address'>): T {
  const { phone: _phone, ...rest } = copy;
  return {
    ...rest,
    name: erasedName(customer),
    ...(copy.address === undefined ? {} : { address: erasedAddress(customer.address).full }),
    ...(copy.phone === undefined ? {} : { phone: '' }),
  } as T;
}

/** Reasons picked from a list, stored as their codes: they say nothing of the person, unlike words typed instead. */
const PICKED_REASONS: ReadonlySet<string> = new Set(
  [FAILURE_REASONS, CANCEL_REASONS, OFFICE_CANCEL_REASONS, RESCHEDULE_REASONS].flatMap((list) => Object.keys(list)),
);
const picked = (reason: string | undefined): reason is string => reason !== undefined && PICKED_REASONS.has(reason);

/**
 * An order as the erasure leaves it, given the customer as erased: the sale stays (what, when, for how much, who
 * delivered it, the district); the name, phone, house, its point on the map and the notes about the door go, the
 * timeline's notes with them, and so do the words typed as why it failed, was cancelled or was brought on a closed day
 * (「劉小姐說搬家了」, 「獨居長者瓦斯用完」); a reason picked from a list stays, as its code.
 */
export function erasedOrder(order: Order, erased: Pick<Customer, 'name' | 'address' | 'location' | 'locationPrecision'>): Order {
  const { phone: _phone, location: _location, locationPrecision: _precision, failureReason, failureNote: _failureNote, cancelReason, closureOverride, ...rest } = order;
  return {
    ...rest,
    ...(erased.location ? { location: erased.location, locationPrecision: erased.locationPrecision ?? 'district' } : {}),
    ...(picked(failureReason) ? { failureReason } : {}),
    ...(picked(cancelReason) ? { cancelReason } : {}),
    ...(closureOverride ? { closureOverride: { ...closureOverride, reason: '' } } : {}),
    customerName: erased.name,
    address: erased.address.full,
    notes: '',
    timeline: order.timeline.map(({ note: _note, reason, ...entry }) => ({ ...entry, ...(picked(reason) ? { reason } : {}) })),
  };
}

/**
 * A service call (報修) as the erasure leaves it: what kind it was, when, who went and what came of it (the outcome and the
 * items found unsafe, by their codes) stay, a safety record; the caller's words (「劉小姐說廚房有瓦斯味」), the time they
 * asked for and the driver's note go, as an order's typed reasons do, and the copy of the customer keeps only the district.
 */
export function erasedServiceCall(call: ServiceCall, erased: Pick<Customer, 'code' | 'invoice' | 'address'>): ServiceCall {
  const { preferredTime: _preferred, result, ...rest } = call;
  return { ...rest, customer: erasedCopy(call.customer, erased), description: '', ...(result ? { result: withoutNote(result) } : {}) };
}

const withoutNote = <T extends { readonly note?: string | undefined }>({ note: _note, ...rest }: T): Omit<T, 'note'> => rest;

/** A payment as the erasure leaves it: the amount, day, method and reference stay for the books; the words typed go. */
export function erasedPayment(payment: Payment): Payment {
  const { voidReason: _void, ...rest } = payment;
  return { ...rest, note: '' };
}

/** A refund as the erasure leaves it: the amount, day, method and allowance stay for the books; why, as typed, goes. */
export function erasedRefund(refund: Refund): Refund {
  const { voidReason: _void, ...rest } = refund;
  return { ...rest, reason: '' };
}

/** A deposit as the erasure leaves it: the cylinders, amount and day stay for the books; the note typed goes. */
export const erasedDeposit = (deposit: Deposit): Deposit => withoutNote(deposit);

/**
 * An event not yet published about an erased customer or their orders, as the erasure leaves it: still the same event
 * (id, type, subject, sequence), so its consumers handle it once as they would have (an invoice issued, a day counted),
 * without the words typed as why a stop failed or an order was cancelled or moved; a reason picked from a list stays, as
 * its code. Consumers already read an event without a reason.
 */
export const erasedEvent = (event: EventEnvelope): EventEnvelope => ({ ...event, data: erasedEventData(event.data) });

/** An event's data, as an event or the office's alert (警示) keeps it, without a reason typed; one picked stays, as its code. */
export function erasedEventData(data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const { reason, ...rest } = data;
  return { ...rest, ...(typeof reason === 'string' && picked(reason) ? { reason } : {}) };
}

/** @throws conflict `CUSTOMER.ERASED` for a customer whose personal data was erased: nothing is written to it again. */
export function assertNotErased<C extends Pick<Customer, 'id' | 'erasure'>>(customer: C): C {
  if (customer.erasure) throw conflict('CUSTOMER.ERASED', `Customer ${customer.id} was erased`, { id: customer.id });
  return customer;
}

export const erasureMessages: MessageCatalogue = {
  'CUSTOMER.ERASE_CODE_MISMATCH': { 'zh-TW': '客戶代號不符，請輸入此客戶的代號 {code} 以確認', en: 'The code does not match; type this customer’s code, {code}, to confirm' },
  'CUSTOMER.ERASE_ACTIVE': { 'zh-TW': '客戶仍在服務中，請先停用客戶再刪除個資', en: 'The customer is still active; deactivate them before erasing their personal data' },
  'CUSTOMER.ALREADY_ERASED': { 'zh-TW': '此客戶的個資已刪除', en: 'This customer’s personal data was already erased' },
  'CUSTOMER.ERASE_LEFT_OPEN': {
    'zh-TW': '此客戶還有未結清的項目，不能刪除個資（結清需要客戶資料）：現場鋼瓶 {cylinders} 支、押金 {deposit:money}、帳款 {balance:money}、未完成訂單 {openOrders} 筆。請先結清',
    en: 'This customer still has something open, and settling it needs their details: {cylinders} cylinders on site, deposit {deposit:money}, balance {balance:money}, {openOrders} open orders. Settle these first',
  },
  'CUSTOMER.ERASED': {
    'zh-TW': '此客戶的個資已刪除，無法再修改、恢復服務，也不能開通或啟用其入口網站帳號',
    en: 'This customer’s personal data was erased; the record can no longer be changed or reactivated, nor a portal account opened or enabled for them',
  },
};

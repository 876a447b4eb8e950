/**
 * 統一發票 as e-invoices: one per delivered order paid in cash or by transfer, one per customer and month for the
 * orders on account (月結). Issued by an `InvoiceIssuer` (the distributor's own number book, or ECPay),
 * never edited; a wrong invoice is voided (作廢) before its period's deadline and reissued (重新開立): a new invoice of
 * the same sale, made out as the customer's invoice settings are now, numbered in today's period.
 */
import type { Actor } from '../events';
import { monthBounds, previousMonth } from '../billing/statement';
import { billedAt } from '../billing/late-booking';
import { addDays } from '../calendar';
import { taipeiDate } from '../clock';
import { conflict, DomainError } from '../errors';
import { CYLINDER_SIZES, type CylinderSize } from '../cylinders';
import type { Customer, PaymentTerms } from '../customers';
import { isValidCitizenCertificate, isValidMobileBarcode } from '../customers/tax-id';
import type { Order } from '../orders/order';
import { calendarDateSchema, instantSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';
import { INVOICE_STATUSES } from './invoice-status';
import { loveCodeSchema } from './love-code';
import { invoicePeriodSchema, periodOfInstant, rocPeriodLabel, withinVoidDeadline, voidDeadline } from './period';
import { b2bAmountsFromTotal, b2cAmounts, invoiceAmountsSchema } from './tax';
import type { Allowance, AllowanceDraft, IssuedAllowanceNumber } from './allowance';

export const INVOICE_KINDS = ['B2B', 'B2C'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export { INVOICE_STATUSES, type InvoiceStatus } from './invoice-status';
/** Who assigned the number: our own 字軌 book (self-issuing through the MOF Turnkey) or ECPay (綠界). */
export const INVOICE_PROVIDERS = ['local-book', 'ecpay'] as const;
export type InvoiceProvider = (typeof INVOICE_PROVIDERS)[number];

/** 字軌 (2 capital letters) + 8 digits, e.g. `AB12345678`. */
export const INVOICE_NUMBER_PATTERN = /^[A-Z]{2}\d{8}$/;
export const invoiceNumberSchema = z
  .string()
  .regex(INVOICE_NUMBER_PATTERN, 'INVOICE.NUMBER_INVALID')
  .openapi({ description: 'Invoice number: 字軌 letters + 8 digits', example: 'AB12345678' });
export const isInvoiceNumber = (value: string): boolean => INVOICE_NUMBER_PATTERN.test(value);

/** 隨機碼: 4 digits printed on the invoice, needed (with the number) to look up a B2C invoice. */
export const randomNumberSchema = z.string().regex(/^\d{4}$/);


export const CARRIER_TYPES = ['mobile', 'citizen'] as const;
export type CarrierType = (typeof CARRIER_TYPES)[number];

/** Who the invoice is made out to. B2B names the buyer's 統一編號; a B2C invoice goes to a carrier, a charity, or paper. */
export const invoiceBuyerSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('business'), taxId: z.string().regex(/^\d{8}$/), title: z.string().min(1).max(60) }),
    /** 手機條碼 `/ABC1234` or 自然人憑證 `AB12345678901234`. */
    z.object({ type: z.literal('carrier'), carrierType: z.enum(CARRIER_TYPES), carrierCode: z.string().min(1) }),
    z.object({ type: z.literal('donation'), loveCode: loveCodeSchema }),
    /** A printed 電子發票證明聯, handed over with the delivery or the statement. */
    z.object({ type: z.literal('print') }),
  ])
  .openapi('InvoiceBuyer', { example: { type: 'business', taxId: '22099131', title: '林記麵館' } });
export type InvoiceBuyer = z.infer<typeof invoiceBuyerSchema>;

export const invoiceLineSchema = z.object({
  /** 品名, e.g. 液化石油氣 20公斤. */
  description: z.string().min(1),
  quantity: z.number().int().min(1),
  /** NT$, tax included, as the price list charged it. */
  unitPrice: moneySchema,
  /** quantity × unitPrice. */
  amount: moneySchema,
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

/** A Taipei month, `YYYY-MM`. */
export const invoiceMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** What the invoice bills: one delivered order, or a monthly customer's month (`YYYY-MM`, Taipei) of delivered orders. */
export const invoiceSourceSchema = z.union([
  z.object({
    orderId: z.string().min(1),
    /**
     * The Taipei day the order was delivered, kept so the office's list can name the order without reading it; absent
     * on invoices issued before it was kept.
     */
    deliveredOn: calendarDateSchema.optional(),
  }),
  z.object({ customerId: z.string().min(1), month: invoiceMonthSchema, orderIds: z.array(z.string()).min(1) }),
]);
export type InvoiceSource = z.infer<typeof invoiceSourceSchema>;

const invoiceFields = {
  /**
   * Ours and deterministic: `inv-<orderId>` or `inv-<customerId>-<YYYY-MM>`, so nothing is invoiced twice; a reissue
   * of a void one `<id>-r<n>` (see `reissueInvoiceId`).
   */
  id: z.string().min(1),
  kind: z.enum(INVOICE_KINDS),
  /** As it was when issued; the phone is where a provider texts the invoice's notice. */
  customer: z.object({ id: z.string(), code: z.string(), name: z.string(), address: z.string(), phone: z.string().optional() }),
  buyer: invoiceBuyerSchema,
  lines: z.array(invoiceLineSchema).min(1),
  amounts: invoiceAmountsSchema,
  source: invoiceSourceSchema,
  /** On a reissue: the id of the void invoice it replaces. */
  reissueOf: z.string().optional(),
};

/** An invoice before a number is assigned: what the issuer is asked to issue. */
export const invoiceDraftSchema = z.object(invoiceFields);
export type InvoiceDraft = z.infer<typeof invoiceDraftSchema>;

/** `invoices/{id}`: an issued invoice, never edited except to void it. */
export const invoiceSchema = z
  .object({
    ...invoiceFields,
    number: invoiceNumberSchema,
    randomNumber: randomNumberSchema,
    /** The Taipei period of `issuedAt`. */
    period: invoicePeriodSchema,
    /** The same period in the ROC calendar, for display: `115年11-12月`. */
    periodLabel: z.string(),
    issuedAt: instantSchema,
    status: z.enum(INVOICE_STATUSES),
    /** The last Taipei day it may be voided (the 13th after its period ends). */
    voidableUntil: z.iso.date(),
    voidedAt: instantSchema.optional(),
    voidReason: z.string().optional(),
    voidedBy: actorSchema.optional(),
    /** On a void invoice reissued: the id and number of the invoice that replaces it (the sale's valid one, or a step towards it). */
    reissuedAs: z.string().optional(),
    reissuedNumber: invoiceNumberSchema.optional(),
    /** The sum of its live allowances (折讓), tax included, kept with them in one transaction; absent until the first. */
    allowedTotal: moneySchema.optional(),
    /** 電子發票證明聯: when its proof was first printed, and how many times (a later print is a 補印). */
    printedAt: instantSchema.optional(),
    printCount: z.number().int().min(1).optional(),
    provider: z.enum(INVOICE_PROVIDERS),
    /** The provider's reference: the book and position for `local-book`, ECPay's invoice number and date for `ecpay`. */
    providerRef: z.string(),
  })
  .openapi('Invoice', {
    example: {
      id: 'inv-ord-20261128-0001',
      kind: 'B2B',
      customer: { id: 'cust-0001', code: 'C0001', name: '林記麵館', address: '新北市中和區中山路二段35巷12號1樓' },
      buyer: { type: 'business', taxId: '22099131', title: '林記麵館' },
      lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 }],
      amounts: { salesAmount: 1676, taxAmount: 84, totalAmount: 1760 },
      source: { orderId: 'ord-20261128-0001', deliveredOn: '2026-11-28' },
      number: 'AB12345678',
      randomNumber: '0427',
      period: '2026-11/12',
      periodLabel: '115年11-12月',
      issuedAt: '2026-11-28T06:12:00.000Z',
      status: 'issued',
      voidableUntil: '2027-01-13',
      provider: 'local-book',
      providerRef: 'invoiceBooks/2026-11-12#12345678',
    },
  });
export type Invoice = z.infer<typeof invoiceSchema>;

export const voidInvoiceInputSchema = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .openapi('VoidInvoiceInput', { example: { reason: '統一編號開錯，重新開立' } });
export type VoidInvoiceInput = z.infer<typeof voidInvoiceInputSchema>;

/** What an issuer answers for a draft: the number it assigned, when, and its own reference. */
export interface IssuedNumber {
  readonly number: string;
  readonly randomNumber: string;
  readonly issuedAt: Date;
  readonly providerRef: string;
}

/**
 * Issues and voids invoices with whoever assigns the numbers. `issue` must be idempotent per `draft.id`: asked again
 * for an id it issued (a retry after a lost reply or a crash), it answers the same number and issues nothing new.
 * @throws DomainError `INVOICE.BOOK_EXHAUSTED` / `INVOICE.NO_BOOK` / `INVOICE.PROVIDER_UNAVAILABLE` (unavailable: retry later)
 *   and `INVOICE.PROVIDER_REFUSED` (precondition: the provider will not issue this draft as it is).
 */
export interface InvoiceIssuer {
  readonly provider: InvoiceProvider;
  issue(draft: InvoiceDraft): Promise<IssuedNumber>;
  void(invoice: Invoice, reason: string): Promise<void>;
  /**
   * Issues an allowance (折讓) against the invoice, idempotent per `draft.id`. `known`: the numbers of the invoice's
   * allowances already stored, so an issuer that cannot look an allowance up by our id can tell a lost reply's from them.
   */
  allowance(invoice: Invoice, draft: AllowanceDraft, known: readonly string[]): Promise<IssuedAllowanceNumber>;
  /** Cancels (作廢) an allowance; one cancelled already counts as done. */
  cancelAllowance(allowance: Allowance, reason: string): Promise<void>;
}

/**
 * How a sale is invoiced: on its own at the delivery, or on the customer's invoice of the month with the month's other
 * sales on account (月結).
 */
export type InvoiceCadence = 'per-order' | 'monthly';
export const invoiceCadence = (terms: PaymentTerms): InvoiceCadence => (terms === 'monthly' ? 'monthly' : 'per-order');

/** The order fields invoicing reads: what the order bills, how it is paid, when it was delivered. */
export type InvoicedOrder = Pick<Order, 'id' | 'customerId' | 'status' | 'items' | 'total' | 'paymentMethod' | 'delivery'>;

/**
 * An order's cadence, by how it is paid (`paymentMethod`: the customer's terms when it was ordered, unless the office
 * chose otherwise, and fixed once it is on a route), never by the customer's terms when a step runs: the consumer at the
 * delivery, the nightly catch-up and the month's run all decide an order alike, so a change of terms mid-month neither
 * bills an order twice nor leaves it out. The driver collects a cash order at the door (see the settlement) and the
 * month's statement bills the ones on account, so the invoice follows the money.
 */
export const orderCadence = (order: Pick<Order, 'paymentMethod'>): InvoiceCadence => invoiceCadence(order.paymentMethod);

/** What the months an order is billed and delivered in are read from: its delivery record's days, if delivered. */
type DeliveredWhen = { readonly delivery?: Pick<NonNullable<Order['delivery']>, 'at' | 'bookedOn'> };

/**
 * The Taipei month (`YYYY-MM`) an order's charge counts in (`billedAt`): the month it was delivered in, or the one it was
 * booked late into (補登) when its own was closed. Its month's invoice is that month's, as its statement line is, so the
 * line names the invoice and the month's invoice bills what the month's statement charges. Null without a delivery record.
 */
export const billedMonth = (order: DeliveredWhen): string | null => (order.delivery ? taipeiDate(new Date(billedAt(order.delivery))).slice(0, 7) : null);

export const orderInvoiceId = (orderId: string): string => `inv-${orderId}`;
export const monthlyInvoiceId = (customerId: string, month: string): string => `inv-${customerId}-${month}`;

/** The id of the month's invoice that could list the order (its customer's, of the month it is billed in); null undelivered. */
export function monthInvoiceIdOf(order: DeliveredWhen & Pick<Order, 'customerId'>): string | null {
  const month = billedMonth(order);
  return month === null ? null : monthlyInvoiceId(order.customerId, month);
}

/**
 * For an order booked late (補登) into a later month: the id of its door month's invoice, which may list it — the runs
 * from before sales were invoiced in the month they are billed in listed it there when that month was closed before its
 * run. Null for any other order. Read beside `monthInvoiceIdOf`, so such an order gets no second invoice.
 */
export function doorMonthInvoiceIdOf(order: DeliveredWhen & Pick<Order, 'customerId'>): string | null {
  const door = order.delivery ? taipeiDate(new Date(order.delivery.at)).slice(0, 7) : null;
  return door === null || door === billedMonth(order) ? null : monthlyInvoiceId(order.customerId, door);
}

/** 液化石油氣 20公斤: the line text the MOF's 品名 field shows. */
export const lineDescription = (size: CylinderSize): string => `液化石油氣 ${size}公斤`;

/** The size a line bills, read back from its `lineDescription` (lines keep only the MOF's text); null for other text. */
export function lineSize(description: string): CylinderSize | null {
  const kg = Number(/^液化石油氣 (\d+)公斤$/.exec(description)?.[1]);
  return CYLINDER_SIZES.find((size) => size === kg) ?? null;
}

/** B2B when the customer gave a 統一編號, else B2C donated to their charity (愛心碼), to their carrier, or on paper. */
export function buyerOf(customer: Pick<Customer, 'name' | 'invoice'>): InvoiceBuyer {
  const { taxId, companyTitle, carrier, loveCode } = customer.invoice;
  if (taxId) return { type: 'business', taxId, title: companyTitle ?? customer.name };
  if (loveCode) return { type: 'donation', loveCode };
  if (carrier && isValidMobileBarcode(carrier)) return { type: 'carrier', carrierType: 'mobile', carrierCode: carrier };
  if (carrier && isValidCitizenCertificate(carrier)) return { type: 'carrier', carrierType: 'citizen', carrierCode: carrier };
  return { type: 'print' };
}

/** The orders' priced lines, merged by size and unit price (a price change mid-month keeps two lines), by size. */
function invoiceLines(orders: readonly Pick<Order, 'items'>[]): InvoiceLine[] {
  const merged = new Map<string, { size: CylinderSize; unitPrice: number; quantity: number }>();
  for (const item of orders.flatMap((o) => o.items)) {
    const key = `${item.size}@${item.unitPrice}`;
    const line = merged.get(key) ?? { size: item.size, unitPrice: item.unitPrice, quantity: 0 };
    line.quantity += item.quantity;
    merged.set(key, line);
  }
  return [...merged.values()]
    .sort((a, b) => CYLINDER_SIZES.indexOf(a.size) - CYLINDER_SIZES.indexOf(b.size) || a.unitPrice - b.unitPrice)
    .map((l) => ({ description: lineDescription(l.size), quantity: l.quantity, unitPrice: l.unitPrice, amount: l.quantity * l.unitPrice }));
}

/**
 * The customer an invoice bills, with the head office that pays for its deliveries on account (分店／總公司付款,
 * `payerId`) when it has one: the buyer of those.
 */
export type InvoicedCustomer = Pick<Customer, 'id' | 'code' | 'name' | 'invoice' | 'phones'> & {
  readonly address: { readonly full: string };
  readonly payer?: Pick<Customer, 'name' | 'invoice'>;
};

/**
 * A draft made out as the buyer's invoice settings are now: B2B amounts for a 統一編號, B2C otherwise. The buyer of a
 * sale on account (`onAccount`) of a branch is its head office; one paid at the door is the branch's own.
 */
function draftFor(id: string, customer: InvoicedCustomer, lines: InvoiceLine[], total: number, source: InvoiceSource, onAccount: boolean): InvoiceDraft {
  const buyer = buyerOf(onAccount && customer.payer ? customer.payer : customer);
  const kind: InvoiceKind = buyer.type === 'business' ? 'B2B' : 'B2C';
  return {
    id,
    kind,
    customer: {
      id: customer.id,
      code: customer.code,
      name: customer.name,
      address: customer.address.full,
      ...(customer.phones[0] ? { phone: customer.phones[0] } : {}),
    },
    buyer,
    lines,
    amounts: kind === 'B2B' ? b2bAmountsFromTotal(total) : b2cAmounts(total),
    source,
  };
}

/** Whether a month's invoice lists the order (a void one too: its reissue bills the same orders). */
export const listsOrder = (monthInvoice: Pick<Invoice, 'source'> | null, orderId: string): boolean =>
  monthInvoice !== null && 'orderIds' in monthInvoice.source && monthInvoice.source.orderIds.includes(orderId);

/**
 * Whether a delivered order is invoiced on its own, given the month's invoice that could list it (`monthInvoiceIdOf`;
 * null while none was issued) and, for one booked late, its door month's (`doorMonthInvoiceIdOf`). Never when either
 * lists it, whatever the order's cadence: an order is on one invoice or the other, not both. Otherwise a per-order one
 * always; one on account only once the month's invoice went out without it — a delivery late on the month's last
 * evening, one that committed while the month's run was issuing that invoice, or one booked late (補登) into a month
 * already invoiced — since until then the month's invoice will list it.
 */
export function needsOwnInvoice(order: InvoicedOrder, monthInvoice: Pick<Invoice, 'source'> | null, doorMonthInvoice: Pick<Invoice, 'source'> | null = null): boolean {
  if (order.status !== 'delivered' || order.total <= 0 || listsOrder(monthInvoice, order.id) || listsOrder(doorMonthInvoice, order.id)) return false;
  return orderCadence(order) === 'per-order' || monthInvoice !== null;
}

/**
 * The invoice of one delivered order, when it needs its own (`needsOwnInvoice`; `monthInvoice` the month's invoice that
 * could list it, null while none; `doorMonthInvoice` as there). Null when the order is not delivered, bills nothing, or
 * is (or will be) on a month's invoice.
 */
export function orderInvoiceDraft(
  order: InvoicedOrder,
  customer: InvoicedCustomer,
  monthInvoice: Pick<Invoice, 'source'> | null = null,
  doorMonthInvoice: Pick<Invoice, 'source'> | null = null,
): InvoiceDraft | null {
  if (!needsOwnInvoice(order, monthInvoice, doorMonthInvoice)) return null;
  const deliveredOn = order.delivery ? { deliveredOn: taipeiDate(new Date(order.delivery.at)) } : {};
  return draftFor(orderInvoiceId(order.id), customer, invoiceLines([order]), order.total, { orderId: order.id, ...deliveredOn }, orderCadence(order) === 'monthly');
}

/**
 * The ids of `orders` already on an invoice other than their month's, from the invoices read by id (`known`: each
 * order's `orderInvoiceId` and `doorMonthInvoiceIdOf`): their own, or, for one booked late, its door month's.
 */
export function invoicedElsewhere(orders: readonly InvoicedOrder[], known: ReadonlyMap<string, Pick<Invoice, 'source'>>): Set<string> {
  const doorMonthListing = (o: InvoicedOrder) => listsOrder(known.get(doorMonthInvoiceIdOf(o) ?? '') ?? null, o.id);
  return new Set(orders.filter((o) => known.has(orderInvoiceId(o.id)) || doorMonthListing(o)).map((o) => o.id));
}

/**
 * The customer's invoice of a Taipei month (`YYYY-MM`): every order on account (`orderCadence` monthly) billed in the
 * month (`billedMonth`: delivered in it, or delivered in a closed month and booked late into it), on one invoice,
 * whatever the customer's terms are now (a customer moved to cash mid-month still gets the month's invoice for the
 * deliveries before). Orders paid otherwise are invoiced on their own; those in `elsewhere` (`invoicedElsewhere`: on
 * their own invoice, or on a door month's) are left out. Null for a month that bills nothing.
 */
export function monthlyInvoiceDraft(
  customer: InvoicedCustomer,
  month: string,
  orders: readonly InvoicedOrder[],
  elsewhere: ReadonlySet<string>,
): InvoiceDraft | null {
  const billed = orders
    .filter((o) => o.status === 'delivered' && orderCadence(o) === 'monthly' && billedMonth(o) === month && !elsewhere.has(o.id))
    .sort((a, b) => (a.delivery?.at ?? '').localeCompare(b.delivery?.at ?? ''));
  const total = billed.reduce((sum, o) => sum + o.total, 0);
  if (total <= 0) return null;
  return draftFor(monthlyInvoiceId(customer.id, month), customer, invoiceLines(billed), total, { customerId: customer.id, month, orderIds: billed.map((o) => o.id) }, true);
}

/**
 * How many months back the catch-up looks for sales booked late (補登, `delivery.bookedOn`): one is booked into the first
 * open day, which lags today by as many months as the office leaves unclosed, and late bookings are few (a phone's queue
 * syncing across a close), so a year of them is a small read each evening.
 */
export const LATE_BOOKED_CATCH_UP_MONTHS = 12;

/** Which delivered orders the nightly catch-up of orders' own invoices reads (`catchUpWindow`). */
export interface CatchUpWindow {
  /** Delivered from this instant on (`delivery.at`). */
  readonly since: string;
  /** Or booked late into this Taipei day or later (`delivery.bookedOn`), whatever their door day. */
  readonly bookedSince: string;
}

/**
 * The orders the nightly catch-up of orders' own invoices reads: those delivered from 00:00 Taipei on the first of the
 * month before the running one, which spans every month the monthly run may still invoice (`monthToInvoice`), so an
 * order left out of a month's invoice by a delivery that raced it is found, and outages of the issuer up to a month are
 * caught up; and those booked late in the `LATE_BOOKED_CATCH_UP_MONTHS` before the running month, whose door day may lie
 * before that: a sale of a closed month synced after its billed month's invoice went out needs its own, and its event
 * may have dead-lettered.
 */
export function catchUpWindow(now: Date): CatchUpWindow {
  const running = taipeiDate(now).slice(0, 7);
  let booked = running;
  for (let i = 0; i < LATE_BOOKED_CATCH_UP_MONTHS; i++) booked = previousMonth(booked);
  return { since: monthBounds(previousMonth(running)).from, bookedSince: monthBounds(booked).firstDay };
}

const isLastDayOfMonth = (day: string): boolean => addDays(day, 1).endsWith('-01');

/**
 * The month the monthly run invoices at `now` (Taipei): the running month on its last day — the run is in the evening,
 * after the day's deliveries, so each invoice is dated in the month, and the VAT period, of the sales it bills — else the
 * month before, which a run that failed on the last evening catches up after midnight (a rerun issues nothing twice).
 */
export function monthToInvoice(now: Date): string {
  const today = taipeiDate(now);
  const running = today.slice(0, 7);
  return isLastDayOfMonth(today) ? running : previousMonth(running);
}

/**
 * A month may be invoiced from the evening of its last day on (a delivery after the run gets its own invoice, see
 * `orderInvoiceDraft`).
 * @throws `INVOICE.MONTH_NOT_ENDED` (precondition) for the running month before its last day, or a later month.
 */
export function assertMonthInvoiceable(month: string, now: Date): void {
  const today = taipeiDate(now);
  const running = today.slice(0, 7);
  if (month > running || (month === running && !isLastDayOfMonth(today))) {
    throw new DomainError('INVOICE.MONTH_NOT_ENDED', 'precondition', `${month} is not at its end (it is ${today})`, { month });
  }
}

/** The stored invoice once the issuer assigned its number. */
export function issuedInvoice(draft: InvoiceDraft, issued: IssuedNumber, provider: InvoiceProvider): Invoice {
  const period = periodOfInstant(issued.issuedAt);
  return {
    ...draft,
    number: issued.number,
    randomNumber: issued.randomNumber,
    period,
    periodLabel: rocPeriodLabel(period),
    issuedAt: issued.issuedAt.toISOString(),
    status: 'issued',
    voidableUntil: voidDeadline(period),
    provider,
    providerRef: issued.providerRef,
  };
}

/**
 * Checks an invoice may be voided now.
 * @throws `INVOICE.ALREADY_VOID` (409) when it is void; `INVOICE.HAS_ALLOWANCES` (409) while it has live allowances (cancel
 *   them first, as the MOF requires); `INVOICE.VOID_DEADLINE_PASSED` (422) after the 13th following its period.
 */
export function assertCanVoid(invoice: Invoice, now: Date): void {
  if (invoice.status === 'void') throw conflict('INVOICE.ALREADY_VOID', `Invoice ${invoice.id} is already void`, { number: invoice.number });
  if ((invoice.allowedTotal ?? 0) > 0) {
    throw conflict('INVOICE.HAS_ALLOWANCES', `Invoice ${invoice.id} has live allowances`, { number: invoice.number, allowedTotal: invoice.allowedTotal });
  }
  if (!withinVoidDeadline(invoice.period, now)) {
    throw new DomainError('INVOICE.VOID_DEADLINE_PASSED', 'precondition', `Invoice ${invoice.id} could be voided until ${invoice.voidableUntil}`, {
      voidableUntil: invoice.voidableUntil,
    });
  }
}

export function voidInvoice(invoice: Invoice, input: VoidInvoiceInput, ctx: { readonly by: Actor; readonly now: Date }): Invoice {
  assertCanVoid(invoice, ctx.now);
  return { ...invoice, status: 'void', voidedAt: ctx.now.toISOString(), voidReason: input.reason, voidedBy: ctx.by };
}

/**
 * The id of a void invoice's reissue: `<original id>-r<n>`, n counting the reissues of the sale (a reissue voided in
 * turn is reissued as `-r2`, not `-r1-r1`). Deterministic, so a retry asks the issuer for the same invoice again.
 */
export function reissueInvoiceId(voided: Pick<Invoice, 'id' | 'reissueOf'>): string {
  const reissued = voided.reissueOf === undefined ? null : /^(.*)-r(\d+)$/.exec(voided.id);
  return reissued ? `${reissued[1]}-r${Number(reissued[2]) + 1}` : `${voided.id}-r1`;
}

/**
 * Checks a void invoice may be reissued: only a void one, once.
 * @throws `INVOICE.NOT_VOID` (422) for an issued one (void it first); `INVOICE.ALREADY_REISSUED` (409) naming the reissue.
 */
export function assertCanReissue(invoice: Invoice): void {
  if (invoice.status !== 'void') {
    throw new DomainError('INVOICE.NOT_VOID', 'precondition', `Invoice ${invoice.id} is not void`, { number: invoice.number });
  }
  if (invoice.reissuedAs !== undefined) {
    throw conflict('INVOICE.ALREADY_REISSUED', `Invoice ${invoice.id} was reissued as ${invoice.reissuedAs}`, {
      reissuedAs: invoice.reissuedAs,
      number: invoice.reissuedNumber ?? invoice.reissuedAs,
    });
  }
}

/**
 * 重新開立: the draft that replaces a void invoice — the same sale (source, lines, total) made out as the customer's
 * invoice settings are now (`buyerOf`), so a wrong carrier or 統一編號 fixed in the customer is on the new one. The
 * sales / tax split follows the new kind (B2B from the total, B2C the rest), the total stays. A branch's month, or a sale
 * its head office was the buyer of, goes to the head office again.
 * @throws see `assertCanReissue`.
 */
export function reissueDraft(voided: Invoice, customer: InvoicedCustomer): InvoiceDraft {
  assertCanReissue(voided);
  const payerBought = customer.payer !== undefined && voided.buyer.type === 'business' && voided.buyer.taxId === customer.payer.invoice.taxId;
  const onAccount = 'orderIds' in voided.source || payerBought;
  return { ...draftFor(reissueInvoiceId(voided), customer, voided.lines, voided.amounts.totalAmount, voided.source, onAccount), reissueOf: voided.id };
}

/** The void invoice once its reissue is stored, pointing at it. @throws see `assertCanReissue`. */
export function markReissued(voided: Invoice, reissue: Pick<Invoice, 'id' | 'number'>): Invoice {
  assertCanReissue(voided);
  return { ...voided, reissuedAs: reissue.id, reissuedNumber: reissue.number };
}

export const invoiceMessages: MessageCatalogue = {
  'INVOICE.NOT_FOUND': { 'zh-TW': '找不到這張發票', en: 'Invoice not found' },
  'INVOICE.ALREADY_VOID': { 'zh-TW': '這張發票已作廢', en: 'This invoice is already void' },
  'INVOICE.NOT_VOID': { 'zh-TW': '只有已作廢的發票可以重新開立，請先作廢', en: 'Only a void invoice can be reissued; void it first' },
  'INVOICE.ALREADY_REISSUED': { 'zh-TW': '這張發票已重新開立（{number}）', en: 'This invoice was already reissued ({number})' },
  'INVOICE.VOID_DEADLINE_PASSED': {
    'zh-TW': '已超過作廢期限（{voidableUntil}），請改開折讓單',
    en: 'The deadline to void this invoice ({voidableUntil}) has passed; issue an allowance instead',
  },
  'INVOICE.MONTH_NOT_ENDED': { 'zh-TW': '{month} 尚未到月底，月結發票於該月最後一天晚上開立', en: '{month} has not reached its last day: monthly invoices are issued on the evening of the month’s last day' },
  'INVOICE.PERIOD_INVALID': { 'zh-TW': '期別格式錯誤，例如 2026-11/12', en: 'Invalid invoice period, e.g. 2026-11/12' },
  'INVOICE.NUMBER_INVALID': { 'zh-TW': '發票號碼格式錯誤（兩個英文字母加 8 位數字）', en: 'Invalid invoice number (2 letters and 8 digits)' },
  'INVOICE.LOVE_CODE_INVALID': { 'zh-TW': '愛心碼須為 3 至 7 位數字', en: 'A donation code has 3 to 7 digits' },
  'INVOICE.NO_BOOK': {
    'zh-TW': '本期（{period}）尚未設定發票字軌，請先設定字軌號碼',
    en: 'No invoice number book (字軌) is set up for {period}',
  },
  'INVOICE.BOOK_EXHAUSTED': {
    'zh-TW': '本期（{period}）發票字軌號碼已用完，請補充字軌後再試',
    en: 'The invoice numbers for {period} are used up; add a number book and try again',
  },
  'INVOICE.PROVIDER_UNAVAILABLE': {
    'zh-TW': '電子發票服務暫時無法使用，請稍後再試',
    en: 'The e-invoice service is unavailable; try again later',
  },
  'INVOICE.VOID_NOT_PRINTABLE': { 'zh-TW': '這張發票已作廢，不能列印證明聯', en: 'This invoice is void; no proof can be printed' },
  'INVOICE.NOT_PRINTABLE': {
    'zh-TW': '這張發票已存入載具或已捐贈（{target}），依規定不列印證明聯',
    en: 'This invoice went to the buyer’s carrier or was donated ({target}), so no proof is printed',
  },
  'INVOICE.PROVIDER_REFUSED': {
    'zh-TW': '電子發票服務拒絕此發票：{reason}',
    en: 'The e-invoice service refused the invoice: {reason}',
  },
  'INVOICE.HAS_ALLOWANCES': {
    'zh-TW': '這張發票已開立折讓（共 {allowedTotal:money}），請先作廢所有折讓單再作廢發票',
    en: 'This invoice has allowances ({allowedTotal:money} in all); cancel them before voiding the invoice',
  },
  'INVOICE.ALLOWANCE_LINES_OR_AMOUNT': { 'zh-TW': '請選擇要折讓的品項，或輸入折讓金額（擇一）', en: 'Give either the lines to reduce or an amount, not both' },
  'INVOICE.ALLOWANCE_LINE_UNKNOWN': { 'zh-TW': '發票沒有第 {line} 項', en: 'The invoice has no line {line}' },
  'INVOICE.ALLOWANCE_LINE_EXCEEDED': {
    'zh-TW': '第 {line} 項折讓超過原發票：最多 {quantity} 件、單價 {unitPrice:money}，尚可折讓 {amountLeft:money}',
    en: 'Line {line} exceeds the invoice: at most {quantity} at {unitPrice:money}, {amountLeft:money} left to allow',
  },
  'INVOICE.ALLOWANCE_EXCEEDS_INVOICE': { 'zh-TW': '折讓金額超過發票尚可折讓的 {remaining:money}', en: 'The allowance exceeds the {remaining:money} left on the invoice' },
  'INVOICE.ALLOWANCE_NOT_FOUND': { 'zh-TW': '找不到這張折讓單', en: 'Allowance not found' },
  'INVOICE.ALLOWANCE_ALREADY_VOID': { 'zh-TW': '這張折讓單已作廢', en: 'This allowance is already cancelled' },
  'INVOICE.ALLOWANCE_CREDIT_REFUNDED': {
    'zh-TW': '這張折讓的金額已於 {paidOn} 退款 {refunded:money} 給客戶，不能作廢；若那筆退款也登記有誤，請先作廢退款',
    en: 'The credit this allowance made was paid back to the customer ({refunded:money} on {paidOn}), so it cannot be cancelled; if that refund was a mistake too, void it first',
  },
  'INVOICE.ALLOWANCE_CANCEL_DEADLINE_PASSED': {
    'zh-TW': '已超過折讓單作廢期限（{cancellableUntil}）',
    en: 'The deadline to cancel this allowance ({cancellableUntil}) has passed',
  },
  'INVOICE.ALLOWANCE_BOOK_EXHAUSTED': { 'zh-TW': '今日折讓單號已用完，請明日再開立', en: 'Today’s allowance numbers are used up; issue it tomorrow' },
};

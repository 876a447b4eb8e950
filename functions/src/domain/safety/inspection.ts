/**
 * 用戶安全檢查: a retailer's certified safety technician inspects each customer's gas installation at least once every
 * two years (消防法 §15-1) and the records are filed with the fire department. One inspection is one record; the
 * customer keeps a summary of the latest one, which decides when the next is due.
 */
import { addDays } from '../calendar';
import { DomainError, invalid } from '../errors';
import type { Customer } from '../customers/customer';
import type { Actor } from '../events';
import type { SafetyCertificate } from '../fleet/fleet';
import { calendarDateSchema, docIdSchema, instantSchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';
import { checklistSchema, itemResultSchema, openItemsOf, SAFETY_ITEM_LABELS, SAFETY_ITEMS, type ItemResultEntry } from './checklist';
import { confirmationMessages, confirmationSchema, recordedConfirmationSchema, type Confirmation } from './confirmation';

/** A passed inspection holds for two years. */
export const INSPECTION_VALID_YEARS = 2;
/** A failed one is re-checked (復查) within 30 days, once the customer has had time to fix it. */
export const RECHECK_DAYS = 30;

export const INSPECTION_RESULTS = ['pass', 'needsFix'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** Who inspected: the certified technician named on the filing (安全技術人員, 證書字號). */
export const technicianSchema = z
  .object({
    name: z.string().trim().min(1).max(30),
    certificateNo: z.string().trim().min(1).max(40),
  })
  .openapi('SafetyTechnician', { example: { name: '陳建宏', certificateNo: '北市消安字第 1120456 號' } });
export type Technician = z.infer<typeof technicianSchema>;

const EXAMPLE_ITEMS = SAFETY_ITEMS.map((item) => (item === 'hose' ? { item, result: 'fixedOnSite', note: '更換安全夾' } : { item, result: 'ok' }));

export const safetyInspectionInputSchema = z
  .object({
    /** A document id: nothing a Firestore path would read as a separator. */
    customerId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
    /** The Taipei calendar day of the inspection; not after today (a paper form may be entered later). */
    inspectedOn: calendarDateSchema,
    items: checklistSchema,
    /**
     * 停止供氣 the inspector chose for a hazard the checklist does not stop on by itself (a hose they judge dangerous), with
     * why; it needs an item left to fix, and stops the supply as a failed leak test does.
     */
    supplyStop: z.object({ reason: z.string().trim().min(1, 'SAFETY.STOP_REASON_REQUIRED').max(200) }).optional(),
    notes: z.string().trim().max(1000).optional(),
    /** Required when the office enters a paper form; a driver's own certificate is used when a driver records it. */
    technician: technicianSchema.optional(),
    /** The delivery during which a driver inspected. */
    orderId: docIdSchema.optional(),
    /** Who confirmed it on site (受檢用戶簽名), or why nobody did. */
    confirmation: confirmationSchema,
  })
  .openapi('RecordSafetyInspectionRequest', {
    example: {
      customerId: 'cust-0001',
      inspectedOn: '2026-11-28',
      items: EXAMPLE_ITEMS,
      notes: '熱水器位於後陽台',
      technician: { name: '陳建宏', certificateNo: '北市消安字第 1120456 號' },
      confirmation: { kind: 'paper', name: '林美玲' },
    },
  });
export type SafetyInspectionInput = z.infer<typeof safetyInspectionInputSchema>;

/** The customer as the filing names them, kept as they were on the day of the inspection. */
export const inspectedCustomerSchema = z.object({ code: z.string(), name: z.string(), address: z.string(), phone: z.string() });
export type InspectedCustomer = z.infer<typeof inspectedCustomerSchema>;

/** The customer as the filing names them: their first phone, the full address. */
export const inspectedCustomerOf = (c: Pick<Customer, 'code' | 'name' | 'address' | 'phones'>): InspectedCustomer => ({
  code: c.code,
  name: c.name,
  address: c.address.full,
  phone: c.phones[0] ?? '',
});

/** `safetyInspections/{id}`: one inspection, never changed once written. */
export const safetyInspectionSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    customer: inspectedCustomerSchema,
    inspectedOn: calendarDateSchema,
    items: z.array(itemResultSchema),
    notes: z.string().optional(),
    result: z.enum(INSPECTION_RESULTS),
    /** Required items still to fix (`needsFix`), in checklist order. */
    openItems: z.array(z.enum(SAFETY_ITEMS)),
    /** Why the inspector stopped the supply by hand (`supplyStop` of the input); absent when they did not. */
    supplyStopReason: z.string().optional(),
    nextDueOn: calendarDateSchema,
    technician: technicianSchema,
    orderId: z.string().optional(),
    /** Absent on the inspections recorded before it was asked for (audit 22 F3). */
    confirmation: recordedConfirmationSchema.optional(),
    by: actorSchema,
    createdAt: instantSchema,
  })
  .openapi('SafetyInspection');
export type SafetyInspection = z.infer<typeof safetyInspectionSchema>;

/** `customers/{id}.safety`: the latest inspection by date, which decides when the next one is due. */
export const safetySummarySchema = z
  .object({
    inspectionId: z.string(),
    lastInspectedOn: calendarDateSchema,
    result: z.enum(INSPECTION_RESULTS),
    nextDueOn: calendarDateSchema,
    openItems: z.array(z.enum(SAFETY_ITEMS)),
  })
  .openapi('CustomerSafetySummary', { example: { inspectionId: 'si-3f2a', lastInspectedOn: '2026-11-28', result: 'needsFix', nextDueOn: '2026-12-28', openItems: ['hose'] } });
export type SafetySummary = z.infer<typeof safetySummarySchema>;

/** Fails iff a required item needs fixing; fixed-on-site, not-applicable and advisory items do not fail it. */
export const inspectionResultOf = (items: readonly ItemResultEntry[]): InspectionResult => (openItemsOf(items).length > 0 ? 'needsFix' : 'pass');

/** The same day `years` later; 29 February falls back to the 28th in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Two years after a pass; 30 days (復查) after a failed inspection. */
export const nextDueOn = (inspectedOn: string, result: InspectionResult): string =>
  result === 'pass' ? addYears(inspectedOn, INSPECTION_VALID_YEARS) : addDays(inspectedOn, RECHECK_DAYS);

/** Whether the certificate lets its holder inspect today. */
export const certificateValid = (certificate: SafetyCertificate | undefined, today: string): certificate is SafetyCertificate =>
  certificate !== undefined && certificate.validUntil >= today;

/** A driver recording an inspection, as the fleet record knows them. */
export interface InspectingDriver {
  readonly name: string;
  readonly safetyCertificate?: SafetyCertificate | undefined;
}

/**
 * The technician named on the record: a driver is always themself, on their own certificate (a `technician` in the body
 * is ignored); the office and admins enter someone else's paper form, so they must name its technician.
 * @throws `SAFETY.NO_CERTIFICATE` (precondition) for a driver without a certificate valid today;
 *   `SAFETY.TECHNICIAN_REQUIRED` (validation, path `technician`) for staff without one.
 */
export function technicianOf(input: Pick<SafetyInspectionInput, 'technician'>, by: Actor, today: string, driver: InspectingDriver | null): Technician {
  if (by.role === 'driver') {
    const certificate = driver?.safetyCertificate;
    if (!driver || !certificateValid(certificate, today)) {
      throw new DomainError('SAFETY.NO_CERTIFICATE', 'precondition', 'The driver holds no safety technician certificate valid today', {
        ...(certificate ? { validUntil: certificate.validUntil } : {}),
      });
    }
    return { name: driver.name, certificateNo: certificate.number };
  }
  if (!input.technician) throw invalid('SAFETY.TECHNICIAN_REQUIRED', 'The technician who inspected must be named', { path: 'technician' });
  return input.technician;
}

export interface RecordInspectionContext {
  readonly id: string;
  /** Today in Taipei: an inspection cannot have happened tomorrow. */
  readonly today: string;
  readonly customer: InspectedCustomer;
  readonly technician: Technician;
  readonly by: Actor;
  readonly now: Date;
}

/** @throws `SAFETY.FUTURE_DATE` (precondition, path `inspectedOn`) for a day after today in Taipei. */
export function assertInspectedByToday(inspectedOn: string, today: string): void {
  if (inspectedOn > today) throw new DomainError('SAFETY.FUTURE_DATE', 'precondition', `Inspected on ${inspectedOn}, after ${today}`, { path: 'inspectedOn' });
}

/** @throws `SAFETY.FUTURE_DATE` (precondition, path `inspectedOn`) for a day after today in Taipei. */
export function recordInspection(input: SafetyInspectionInput, ctx: RecordInspectionContext): SafetyInspection {
  assertInspectedByToday(input.inspectedOn, ctx.today);
  const result = inspectionResultOf(input.items);
  // A stop names what the customer must fix before the re-check that lifts it: an installation found in order has none.
  if (input.supplyStop && result === 'pass') throw invalid('SAFETY.STOP_ITEMS_REQUIRED', 'Stopping the supply needs an item left to fix', { path: 'supplyStop' });
  return {
    id: ctx.id,
    customerId: input.customerId,
    customer: ctx.customer,
    inspectedOn: input.inspectedOn,
    items: input.items.map((e) => ({ item: e.item, result: e.result, ...(e.note ? { note: e.note } : {}) })),
    ...(input.notes ? { notes: input.notes } : {}),
    result,
    openItems: openItemsOf(input.items),
    ...(input.supplyStop ? { supplyStopReason: input.supplyStop.reason } : {}),
    nextDueOn: nextDueOn(input.inspectedOn, result),
    technician: ctx.technician,
    ...(input.orderId ? { orderId: input.orderId } : {}),
    confirmation: confirmationOf(input.confirmation),
    by: ctx.by,
    createdAt: ctx.now.toISOString(),
  };
}

/** As sent, without a key left undefined (Firestore refuses one): the name of whoever refused is optional. */
const confirmationOf = (c: Confirmation): Confirmation => (c.kind === 'none' ? { kind: 'none', reason: c.reason, ...(c.name ? { name: c.name } : {}) } : c);

export const summaryOf = (inspection: SafetyInspection): SafetySummary => ({
  inspectionId: inspection.id,
  lastInspectedOn: inspection.inspectedOn,
  result: inspection.result,
  nextDueOn: inspection.nextDueOn,
  openItems: inspection.openItems,
});

/**
 * The customer's summary once `inspection` is stored: a later (or same-day, e.g. the re-check after a fix) inspection
 * replaces it; an older one, a paper form entered late, leaves it as it is.
 */
export function summaryAfter(current: SafetySummary | undefined, inspection: SafetyInspection): SafetySummary {
  return current && current.lastInspectedOn > inspection.inspectedOn ? current : summaryOf(inspection);
}

export const safetyMessages: MessageCatalogue = {
  ...confirmationMessages,
  /** A checklist item as the screens name it, for `{items:SAFETY.ITEM}` in a text naming the items found unsafe. */
  ...Object.fromEntries(SAFETY_ITEMS.map((item) => [`SAFETY.ITEM.${item}`, SAFETY_ITEM_LABELS[item]])),
  'SAFETY.ITEMS_INCOMPLETE': { 'zh-TW': '檢查表每一項都須填寫且只能填一次', en: 'Every checklist item must be answered exactly once' },
  'SAFETY.STOP_REASON_REQUIRED': { 'zh-TW': '停止供氣請說明原因', en: 'Say why the supply is stopped' },
  'SAFETY.STOP_ITEMS_REQUIRED': { 'zh-TW': '停止供氣時請將不安全的項目標為「需改善」', en: 'Mark the unsafe items as needing fixing to stop the supply' },
  'SAFETY.FUTURE_DATE': { 'zh-TW': '檢查日期不可晚於今天', en: 'The inspection date cannot be after today' },
  'SAFETY.TECHNICIAN_REQUIRED': { 'zh-TW': '請填寫執行檢查的安全技術人員姓名與證書字號', en: 'Name the safety technician who inspected and their certificate number' },
  'SAFETY.NO_CERTIFICATE': {
    'zh-TW': '您沒有有效的安全技術人員合格證書，無法登錄安全檢查，請洽辦公室',
    en: 'You hold no valid safety technician certificate, so you cannot record inspections; contact the office',
  },
  'SAFETY.INSPECTION_NOT_FOUND': { 'zh-TW': '找不到這筆安全檢查紀錄', en: 'This safety inspection record was not found' },
  'SAFETY.RANGE_INVALID': { 'zh-TW': '起始日期須早於結束日期，且期間不超過一年', en: 'The start must not be after the end, and the period at most a year' },
};

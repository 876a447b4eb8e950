import { canonicalJson } from '../canonical-json';
import { conflict, DomainError } from '../errors';
import { calendarDateSchema, instantSchema, moneySchema, timeWindowSchema, z } from '../schema';
import { cylinderSizeSchema } from '../cylinders';
import { addressInputSchema, addressSchema, assertRoadSection, taiwanLocationSchema, withFullAddress } from './address';
import { addressMovesLocation, LOCATION_PRECISIONS, type LocationPrecision } from './geocoding';
import { isValidPhone, normalisePhone } from './phone';
import { customerSearchTokens } from './search';
import { isValidCarrier, isValidTaxId } from './tax-id';
import { loveCodeSchema } from '../invoicing/love-code';
import { supplyStopSchema } from '../safety/due';
import { safetySummarySchema } from '../safety/inspection';
import { contractPriceSchema } from '../pricing/contract-price';
import { customerErasureSchema, erasedAddressSchema } from './erasure-record';
import { marketingOptOutSchema } from './marketing-record';

export const CUSTOMER_TYPES = ['household', 'restaurant', 'commercial', 'industrial'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export const PAYMENT_TERMS = ['cash', 'monthly', 'transfer'] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];
export const CUSTOMER_STATUSES = ['active', 'inactive'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const customerCodeSchema = z.string().regex(/^[A-Z]{1,3}\d{3,6}$/, 'CUSTOMER.CODE_INVALID');

/** Accepts any common spelling of a Taiwanese phone and stores its display form. */
export const phoneSchema = z
  .string()
  .refine(isValidPhone, 'CUSTOMER.PHONE_INVALID')
  .transform((raw) => normalisePhone(raw)?.display ?? raw);

export const invoiceSchema = z
  .object({
    /** 統一編號, for a triplicate (B2B) invoice. */
    taxId: z.string().refine((v) => isValidTaxId(v), 'CUSTOMER.TAX_ID_INVALID').optional(),
    /** 發票抬頭, the company name printed with the tax id. */
    companyTitle: z.string().trim().min(1).max(60).optional(),
    /** E-invoice carrier: mobile barcode `/ABC1234` or citizen certificate. */
    carrier: z.string().refine(isValidCarrier, 'CUSTOMER.CARRIER_INVALID').optional(),
    /** 愛心碼: the B2C invoices are donated to this charity (never printed). */
    loveCode: loveCodeSchema.optional(),
  })
  .refine((i) => !(i.taxId && i.carrier), { message: 'CUSTOMER.INVOICE_TAX_ID_OR_CARRIER', path: ['carrier'] })
  .refine((i) => !(i.loveCode && (i.taxId || i.carrier)), { message: 'CUSTOMER.INVOICE_LOVE_CODE_ALONE', path: ['loveCode'] });

export const cylindersOnSiteSchema = z
  .array(
    z.object({
      size: cylinderSizeSchema,
      count: z.number().int().min(0).max(500),
      /** Total deposit (押金, NT$) held for these cylinders. */
      depositPaid: moneySchema,
    }),
  )
  .refine((lines) => new Set(lines.map((l) => l.size)).size === lines.length, 'CYLINDER.DUPLICATE_SIZE');

/** One side of a change of owner (過戶): the other customer and the handover day, from which the new owner is served. */
export const ownerChangeSchema = z.object({ customerId: z.string().min(1), customerCode: customerCodeSchema, on: calendarDateSchema });
export type OwnerChange = z.infer<typeof ownerChangeSchema>;

/** Languages customer messages are written in, Traditional Chinese first. */
export const NOTIFICATION_LOCALES = ['zh-TW', 'en'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/** The fields a caller may set, without defaults so a partial of them is a patch that touches only what it names. */
const editableFields = {
  name: z.string().trim().min(1).max(60),
  contactName: z.string().trim().min(1).max(30).optional(),
  phones: z.array(phoneSchema).min(1).max(5),
  address: addressInputSchema,
  /** Absent until geocoded or pinned; one sent by a caller is a person's pin (precision `manual`). */
  location: taiwanLocationSchema.optional(),
  type: z.enum(CUSTOMER_TYPES),
  deliveryWindows: z.array(timeWindowSchema).max(4),
  /** Days of the week the customer takes no deliveries, 0 = Sunday. */
  closedDays: z
    .array(z.number().int().min(0).max(6))
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'CUSTOMER.DUPLICATE_CLOSED_DAY'),
  /** Floors to climb with the cylinder when there is no lift: each adds service time. */
  floorsWithoutElevator: z.number().int().min(0).max(30),
  cylindersOnSite: cylindersOnSiteSchema,
  paymentTerms: z.enum(PAYMENT_TERMS),
  invoice: invoiceSchema,
  /** Set only when the customer opted in to LINE notifications. */
  lineUserId: z.string().regex(/^U[0-9a-f]{32}$/, 'CUSTOMER.LINE_USER_ID_INVALID').optional(),
  /** The language of the LINE / SMS / inbox messages the customer gets; absent is zh-TW. */
  notificationLocale: z.enum(NOTIFICATION_LOCALES).optional(),
  /** "Keep full": the nightly forecast creates orders for this customer before they run out. */
  autoDelivery: z.boolean(),
  notes: z.string().max(1000),
};

export const createCustomerInputSchema = z
  .object({
    ...editableFields,
    /** Assigned from the next free number when omitted. */
    code: customerCodeSchema.optional(),
    deliveryWindows: editableFields.deliveryWindows.default([]),
    closedDays: editableFields.closedDays.default([]),
    floorsWithoutElevator: editableFields.floorsWithoutElevator.default(0),
    cylindersOnSite: editableFields.cylindersOnSite.default([]),
    paymentTerms: editableFields.paymentTerms.default('cash'),
    invoice: editableFields.invoice.default({}),
    autoDelivery: editableFields.autoDelivery.default(false),
    notes: editableFields.notes.default(''),
  })
  .openapi('CreateCustomerRequest', {
    example: {
      name: '林記麵館',
      contactName: '林志明',
      phones: ['0912-345-678', '(02)2941-5566'],
      address: { city: '新北市', district: '中和區', road: '中山路', section: 2, lane: '35', number: '12', floor: '1' },
      location: { lat: 24.9985, lng: 121.4932 },
      type: 'restaurant',
      deliveryWindows: [{ start: '09:00', end: '11:00' }],
      closedDays: [1],
      floorsWithoutElevator: 0,
      cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }],
      paymentTerms: 'monthly',
      invoice: { taxId: '22099131', companyTitle: '林記麵館' },
      autoDelivery: true,
      notes: '後門卸貨',
    },
  });
export type CreateCustomerInput = z.infer<typeof createCustomerInputSchema>;

/** Optional fields a PATCH removes when it sends them as `null` (an absent field is left as it is). */
const CLEARABLE = ['contactName', 'lineUserId'] as const;

/** What a PATCH says about the change rather than a field it changes. */
const NOT_FIELDS: readonly string[] = ['version', 'confirmBuyerChange'];

/** Counts the writes of a customer record; absent on a record written whole outside the API (the demo seed, a fixture): 0. */
const versionSchema = z.number().int().min(0);

export const updateCustomerInputSchema = z
  .object(editableFields)
  .partial()
  .extend({
    contactName: editableFields.contactName.nullable(),
    lineUserId: editableFields.lineUserId.nullable(),
    /**
     * The customer's `version` the caller's change was made on (their form showed it). Given, the change is refused
     * (409 CUSTOMER.CHANGED) once someone else changed the customer since, so nobody overwrites what they never saw.
     */
    version: versionSchema.optional(),
    /**
     * The office means the new 統一編號 or 抬頭 for the deliveries on account not yet invoiced too (a wrong one corrected):
     * without it such a change is refused, 409 CUSTOMER.BUYER_CHANGE_UNINVOICED, since a business sold (過戶) is a new customer.
     */
    confirmBuyerChange: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).some((k) => !NOT_FIELDS.includes(k)), 'CUSTOMER.EMPTY_PATCH')
  .openapi('UpdateCustomerRequest', { example: { phones: ['0922-111-222'], notes: '週一公休', lineUserId: null, version: 4 } });
export type UpdateCustomerInput = z.infer<typeof updateCustomerInputSchema>;

/**
 * What a customer keeps up to date themselves in the portal: how to reach them, in which language, and when they take
 * deliveries (their hours and the weekdays they are closed, which routes and suggested orders then keep to). The first
 * mobile takes their SMS, reset codes included. Name, address and the rest stay with the office (they drive routes,
 * safety inspections and invoices), and are refused here by name rather than dropped.
 */
export const updateOwnContactInputSchema = z
  .object({
    contactName: editableFields.contactName.nullable(),
    phones: editableFields.phones,
    notificationLocale: z.enum(NOTIFICATION_LOCALES),
    deliveryWindows: editableFields.deliveryWindows,
    closedDays: editableFields.closedDays,
    /** The version the customer's page showed, as the office form sends it: a change made on an older one is refused (409 CUSTOMER.CHANGED). */
    version: versionSchema,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), 'CUSTOMER.EMPTY_PATCH')
  .openapi('UpdateOwnContactRequest', {
    example: { phones: ['0912-345-678', '02-2345-6789'], notificationLocale: 'zh-TW', contactName: '林小姐', deliveryWindows: [{ start: '09:00', end: '11:00' }], closedDays: [1], version: 7 },
  });
export type UpdateOwnContactInput = z.infer<typeof updateOwnContactInputSchema>;

export const customerSchema = z
  .object({
    ...editableFields,
    id: z.string().min(1),
    code: customerCodeSchema,
    /** None once the customer's personal data is erased (`erasure`). */
    phones: z.array(z.string()).max(5),
    /** Only the city and district once the customer's personal data is erased (`erasure`). */
    address: addressSchema.or(erasedAddressSchema),
    /** How exactly `location` is known; absent with a location on records older than geocoding, which means `manual`. */
    locationPrecision: z.enum(LOCATION_PRECISIONS).optional(),
    status: z.enum(CUSTOMER_STATUSES),
    /** Derived by `customerSearchTokens`; stored so Firestore can answer `array-contains`. */
    searchTokens: z.array(z.string()),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    deactivatedAt: instantSchema.optional(),
    /** 過戶: on the seller's record, the new owner's customer their business passed to (`transferCustomer`); the seller is then inactive. */
    transferredTo: ownerChangeSchema.optional(),
    /** 過戶: on the new owner's record, the customer (the seller) they took the place over from, with its cylinders. */
    transferredFrom: ownerChangeSchema.optional(),
    /** The last gas safety inspection (用戶安全檢查) and when the next is due; written only with an inspection record, dropped by a move. */
    safety: safetySummarySchema.optional(),
    /** 停止供氣: a service call (報修) found the installation unsafe; written only by closing it, lifted by a passed inspection. */
    supplyStop: supplyStopSchema.optional(),
    /** Derived by `safetyDueKeyOf` (next due day, '' never inspected, absent when inactive); stored for the due list's index. */
    safetyDueKey: z.string().optional(),
    /** 總公司付款: the head office that pays for this branch's deliveries on account; written only by `PUT /:id/payer` (`linkPayer`). */
    payerId: z.string().optional(),
    /** When the link was made: the head office's statements list the branch from that month on. */
    payerSince: instantSchema.optional(),
    /** 合約價: the customer's negotiated prices per size (`customerPriceList`); written only by `PUT /:id/contract-prices`. */
    contractPrices: z.array(contractPriceSchema).optional(),
    /** 刪除個資: set once, when an admin erased the customer's personal data (`eraseCustomer`); the record then holds only what the books need. */
    erasure: customerErasureSchema.optional(),
    /** 拒絕行銷 (個資法 §20): set when the customer objected to marketing, removed when they take it again; written only by `PUT /:id/marketing`. */
    marketingOptOut: marketingOptOutSchema.optional(),
    /** One more at every write of the record, whoever makes it (a clerk, the customer, a delivery, a deposit, an inspection). */
    version: versionSchema.optional(),
  })
  .openapi('Customer');
export type Customer = z.infer<typeof customerSchema>;

/** The language to write to a customer in. */
export const notificationLocaleOf = (customer: Pick<Customer, 'notificationLocale'>): NotificationLocale => customer.notificationLocale ?? 'zh-TW';

type CustomerCore = Omit<Customer, 'searchTokens'>;

/**
 * The customer with its search tokens derived afresh: every write of a customer goes through it, so a record stored
 * before the tokens' rule changed gets today's at its next write (or from `POST /api/customers/search-tokens`).
 */
export const withSearchTokens = (c: CustomerCore): Customer => ({
  ...c,
  searchTokens: customerSearchTokens({
    code: c.code,
    name: c.name,
    contactName: c.contactName,
    phoneDigits: c.phones.map((p) => normalisePhone(p)?.digits ?? p.replace(/\D/g, '')),
    addressParts: [c.address.full, c.address.road],
  }),
});

/** A location and how it was found: what geocoding adds to a caller's input (without one, a caller's location is `manual`). */
export interface Located {
  readonly locationPrecision?: LocationPrecision;
}

/** The stored precision of an input's location: `manual` unless geocoding said otherwise. */
const precisionOf = (input: { location?: unknown } & Located): { locationPrecision?: LocationPrecision } =>
  input.location ? { locationPrecision: input.locationPrecision ?? 'manual' } : {};

/** @throws DomainError `ADDRESS.SECTION_REQUIRED` / `ADDRESS.SECTION_UNKNOWN` for a sectioned road without a section it has. */
export function createCustomer(input: CreateCustomerInput & Located, ctx: { id: string; code: string; now: Date }): Customer {
  assertRoadSection(input.address);
  const { code, address, locationPrecision: _precision, ...rest } = input;
  const at = ctx.now.toISOString();
  return withSearchTokens({
    ...rest,
    ...precisionOf(input),
    id: ctx.id,
    code: code ?? ctx.code,
    address: withFullAddress(address),
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
}

/**
 * The customer as written next: `changes` applied, stamped with when and one version more than `current` held (the
 * form's listener sees it, and a PATCH made on the version before is refused). Every write of a customer goes through it.
 */
export const revised = <C extends Pick<Customer, 'version'>>(current: C, changes: Partial<Customer>, now: Date): C & Pick<Customer, 'updatedAt' | 'version'> => ({
  ...current,
  ...changes,
  updatedAt: now.toISOString(),
  version: (current.version ?? 0) + 1,
});

/**
 * The deposit held per size may change only through a deposit record (收押金 / 退押金), which the statement lists;
 * a patch may correct the counts, not the money.
 */
function assertDepositsUnchanged(current: Customer, lines: UpdateCustomerInput['cylindersOnSite']): void {
  if (!lines) return;
  const held = (from: readonly { size: number; depositPaid: number }[], size: number) => from.find((l) => l.size === size)?.depositPaid ?? 0;
  const sizes = new Set([...current.cylindersOnSite, ...lines].map((l) => l.size));
  const changed = [...sizes].find((size) => held(current.cylindersOnSite, size) !== held(lines, size));
  if (changed !== undefined) {
    throw new DomainError('CUSTOMER.DEPOSIT_BY_RECORD', 'precondition', `The deposit for ${changed} kg changes only through a deposit record`, {
      size: changed,
      path: 'cylindersOnSite',
    });
  }
}

type PatchField = Exclude<keyof UpdateCustomerInput, 'version' | 'confirmBuyerChange'>;

/** The fields a PATCH changes, without the version it was made on or the buyer change it confirms. */
const patchedFields = (patch: UpdateCustomerInput): PatchField[] => (Object.keys(patch) as (keyof UpdateCustomerInput)[]).filter((f): f is PatchField => !NOT_FIELDS.includes(f));

/**
 * The patch applied to the customer, not yet stamped as a write; a new address replaces the old one whole. A location in
 * the patch replaces the stored one; an address that moves the customer (anything but the floor) without one drops the
 * old location, which now points at the wrong building. Such an address also drops the safety summary: an inspection
 * (用戶安全檢查) is of the installation it found, and at the new place (搬家) there is none inspected yet, so the customer is
 * due at once (the driver's checklist at the first stop, the due list, the reminder); the records stay in their history.
 * Inactive customers keep their history but stay editable.
 */
function patched(customer: Customer, patch: UpdateCustomerInput & Located): CustomerCore {
  const { address, contactName, lineUserId, locationPrecision: _precision, version: _seen, confirmBuyerChange: _confirmed, ...rest } = patch;
  const next: CustomerCore = {
    ...customer,
    ...rest,
    ...precisionOf(patch),
    ...(contactName != null ? { contactName } : {}),
    ...(lineUserId != null ? { lineUserId } : {}),
    ...(address ? { address: withFullAddress(address) } : {}),
  };
  for (const key of CLEARABLE) if (patch[key] === null) delete next[key];
  if (address && addressMovesLocation(customer.address, address)) {
    delete next.safety;
    if (!patch.location) {
      delete next.location;
      delete next.locationPrecision;
    }
  }
  return next;
}

/** Whether the customer already holds every field the patch sets: the caller's change is there (their retry, its answer lost). */
const holdsPatch = (customer: Customer, patch: UpdateCustomerInput & Located): boolean => {
  const next = patched(customer, patch);
  return patchedFields(patch).every((field) => canonicalJson(next[field]) === canonicalJson(customer[field]));
};

/**
 * Applies a patch (one version more). A patch made on an older `version` than the customer's is refused, unless the
 * customer already holds all it sets: then the customer is answered as it is (the same object, so nothing is written),
 * as a retry of a change that went through must be. Without a `version` (a script, an older client) it applies to the
 * customer as it is now.
 * @throws `CUSTOMER.CHANGED` (conflict, with the customer's version now) when someone changed the customer since
 * `patch.version`; `CUSTOMER.DEPOSIT_BY_RECORD`; `ADDRESS.SECTION_*` for an address written without a 段 it needs.
 */
export function updateCustomer(customer: Customer, patch: UpdateCustomerInput & Located, now: Date): Customer {
  const current = customer.version ?? 0;
  if (patch.version !== undefined && patch.version !== current) {
    if (holdsPatch(customer, patch)) return customer;
    throw conflict('CUSTOMER.CHANGED', `Customer ${customer.id} is at version ${current}, the change was made on ${patch.version}`, {
      id: customer.id,
      version: current,
    });
  }
  assertDepositsUnchanged(customer, patch.cylindersOnSite);
  // Only an address being written is checked: a stored one without its 段 still loads and takes other edits.
  if (patch.address) assertRoadSection(patch.address);
  return withSearchTokens(revised(patched(customer, patch), {}, now));
}

/**
 * The customer's own change of 聯絡與收貨 (`updateOwnContact`): once the office has ended their service (退戶, 停用) the
 * portal stays open for their books, but hours, closed days and phones steer deliveries there are no more of, and a
 * new first phone would reach the orders the office keeps apart; a customer who wants gas again calls the depot.
 * @throws `CUSTOMER.SERVICE_ENDED` (conflict) for an inactive customer, and what `updateCustomer` throws.
 */
export function updateOwnContact(customer: Customer, patch: UpdateOwnContactInput, now: Date): Customer {
  if (customer.status !== 'active') {
    throw conflict('CUSTOMER.SERVICE_ENDED', `Customer ${customer.id} is inactive: their contact details are the office's now`, { id: customer.id });
  }
  return updateCustomer(customer, patch, now);
}

/** Deactivation keeps the document and its orders; the customer can no longer order. */
export function deactivateCustomer(customer: Customer, now: Date): Customer {
  if (customer.status === 'inactive') {
    throw conflict('CUSTOMER.ALREADY_INACTIVE', `Customer ${customer.id} is already inactive`, { id: customer.id });
  }
  return revised(customer, { status: 'inactive', deactivatedAt: now.toISOString() }, now);
}

/**
 * @throws `CUSTOMER.ALREADY_ACTIVE`; `CUSTOMER.TRANSFERRED` for a seller after 過戶: the shop, its cylinders and orders are
 * the new owner's customer's, and a second active account at the same place would take orders for it (conflicts).
 */
export function reactivateCustomer(customer: Customer, now: Date): Customer {
  if (customer.status === 'active') {
    throw conflict('CUSTOMER.ALREADY_ACTIVE', `Customer ${customer.id} is already active`, { id: customer.id });
  }
  if (customer.transferredTo) {
    throw conflict('CUSTOMER.TRANSFERRED', `Customer ${customer.id} passed to ${customer.transferredTo.customerId}`, { id: customer.id, code: customer.transferredTo.customerCode });
  }
  const { deactivatedAt: _dropped, ...rest } = customer;
  return revised(rest, { status: 'active' }, now);
}

/** @throws DomainError `CUSTOMER.INACTIVE` (conflict) when an order is attempted for an inactive customer. */
export function assertCanOrder(customer: Pick<Customer, 'id' | 'status'>): void {
  if (customer.status !== 'active') {
    throw conflict('CUSTOMER.INACTIVE', `Customer ${customer.id} is inactive`, { id: customer.id });
  }
}

const BASE_SERVICE_MIN = 5;
const PER_CYLINDER_MIN = 2;
/** Carrying a full cylinder up one flight of stairs, and the empty down again. */
const PER_CYLINDER_FLOOR_MIN = 1.5;

/** Minutes a driver spends at the stop: longer for many cylinders and for stairs without a lift. */
export function serviceTimeMinutes(customer: Pick<Customer, 'floorsWithoutElevator'>, cylinders: number): number {
  return BASE_SERVICE_MIN + cylinders * (PER_CYLINDER_MIN + customer.floorsWithoutElevator * PER_CYLINDER_FLOOR_MIN);
}

/** Formats a customer code from a running number: 1 → C00001. */
export const customerCode = (n: number): string => `C${String(n).padStart(5, '0')}`;

export const customerMessages = {
  'CUSTOMER.CODE_INVALID': { 'zh-TW': '客戶編號格式不正確（例：C00001）', en: 'Invalid customer code (e.g. C00001)' },
  'CUSTOMER.DEPOSIT_BY_RECORD': {
    'zh-TW': '押金金額請用「收押金／退押金」登記，才會留下紀錄並列入對帳單',
    en: 'Record deposit changes with Collect / refund deposit, so they are kept and shown on the statement',
  },
  'CUSTOMER.CODE_TAKEN': { 'zh-TW': '客戶編號 {code} 已被使用', en: 'Customer code {code} is already taken' },
  'CUSTOMER.PHONE_INVALID': {
    'zh-TW': '電話格式不正確（手機 09xx-xxx-xxx 或市話 (02)2xxx-xxxx）',
    en: 'Invalid phone (mobile 09xx-xxx-xxx or landline (02)2xxx-xxxx)',
  },
  'CUSTOMER.TAX_ID_INVALID': { 'zh-TW': '統一編號檢查碼錯誤', en: 'Invalid tax id (統一編號) checksum' },
  'CUSTOMER.CARRIER_INVALID': {
    'zh-TW': '載具格式不正確（手機條碼 /XXXXXXX 或自然人憑證）',
    en: 'Invalid e-invoice carrier (mobile barcode /XXXXXXX or citizen certificate)',
  },
  'CUSTOMER.INVOICE_TAX_ID_OR_CARRIER': {
    'zh-TW': '統一編號與載具只能擇一',
    en: 'Give either a tax id or a carrier, not both',
  },
  'CUSTOMER.INVOICE_LOVE_CODE_ALONE': {
    'zh-TW': '愛心碼（捐贈發票）不能與統一編號或載具同時設定',
    en: 'A donation code (愛心碼) cannot be combined with a tax id or a carrier',
  },
  'CUSTOMER.DUPLICATE_CLOSED_DAY': { 'zh-TW': '公休日重複', en: 'Duplicate closed day' },
  'CUSTOMER.LINE_USER_ID_INVALID': { 'zh-TW': 'LINE 使用者 ID 格式不正確', en: 'Invalid LINE user id' },
  'CUSTOMER.EMPTY_PATCH': { 'zh-TW': '沒有要更新的欄位', en: 'Nothing to update' },
  /** A change made on what the caller's form showed, after someone else (a clerk, the customer, a delivery) changed the customer. */
  'CUSTOMER.CHANGED': {
    'zh-TW': '這位客戶的資料在您開啟後已有人修改，請看過最新內容再儲存',
    en: "Someone changed this customer's details after you opened them; look at them as they are now and save again",
  },
  'CUSTOMER.ALREADY_INACTIVE': { 'zh-TW': '客戶已停用', en: 'The customer is already inactive' },
  'CUSTOMER.ALREADY_ACTIVE': { 'zh-TW': '客戶已是啟用狀態', en: 'The customer is already active' },
  'CUSTOMER.INACTIVE': { 'zh-TW': '客戶已停用，無法下單', en: 'The customer is inactive and cannot order' },
  'CUSTOMER.SERVICE_ENDED': {
    'zh-TW': '您的帳戶已停止配送服務，聯絡與收貨資料無法再更改；如需恢復供氣，請來電門市',
    en: 'Deliveries to your account have ended, so your contact and delivery details can no longer be changed; to have gas again, please call the depot',
  },
  'CUSTOMER.NOT_FOUND': { 'zh-TW': '找不到客戶', en: 'Customer not found' },
  'CUSTOMER.TOO_MANY_OPEN_ORDERS': {
    'zh-TW': '此客戶尚未送達的訂單超過 {max} 筆，無法隨新的位置、地址、名稱或電話一併更新；請先排定、送達或取消部分訂單再修改',
    en: "More than {max} of this customer's orders are still to be delivered, too many to update with the new location, address, name or phone; plan, deliver or cancel some first, then make the change",
  },
} as const;

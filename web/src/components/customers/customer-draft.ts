import { keepOwn } from '../../lib/changed-meanwhile';
import type { AppLocale } from '../../lib/format';
// The server's own rule (it imports nothing but the place-name rule), so the form splits a typed 段 as the API does.
import { MAX_SECTION, splitRoadSection } from '../../../../functions/src/domain/customers/road-sections';
import type { AddressInput, CustomerDetails, CustomerInput, CustomerPatch, CustomerInvoice, CustomerType, CylindersOnSite, PaymentMethod, TimeWindow } from '../../lib/types';

export const INVOICE_KINDS = ['none', 'taxId', 'carrier', 'loveCode'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/**
 * What the customer form edits: every input as the clerk sees it (empty strings rather than absent
 * fields, the invoice as a choice), turned into the API's body by `customerInput`.
 */
export interface CustomerDraft {
  name: string;
  contactName: string;
  phones: string[];
  address: { city: string; district: string; road: string; section: number | null; lane: string; alley: string; number: string; floor: string };
  type: CustomerType;
  cylindersOnSite: CylindersOnSite[];
  deliveryWindows: TimeWindow[];
  closedDays: number[];
  floorsWithoutElevator: number;
  paymentTerms: PaymentMethod;
  invoiceKind: InvoiceKind;
  taxId: string;
  companyTitle: string;
  carrier: string;
  /** 愛心碼: the invoices are donated to this charity. */
  loveCode: string;
  lineUserId: string;
  notificationLocale: AppLocale;
  autoDelivery: boolean;
  notes: string;
}

/** A new customer: a household paying cash, with the caller's name or number already typed in the search. */
export function emptyDraft(prefill: { name?: string; phone?: string } = {}): CustomerDraft {
  return {
    name: prefill.name ?? '',
    contactName: '',
    phones: [prefill.phone ?? ''],
    address: { city: '', district: '', road: '', section: null, lane: '', alley: '', number: '', floor: '' },
    type: 'household',
    cylindersOnSite: [],
    deliveryWindows: [],
    closedDays: [],
    floorsWithoutElevator: 0,
    paymentTerms: 'cash',
    invoiceKind: 'none',
    taxId: '',
    companyTitle: '',
    carrier: '',
    loveCode: '',
    lineUserId: '',
    notificationLocale: 'zh-TW',
    autoDelivery: false,
    notes: '',
  };
}

/** An address as the form's fields hold it: empty strings for the parts it has not. */
export function addressDraftOf(a: AddressInput): CustomerDraft['address'] {
  return { city: a.city, district: a.district, road: a.road, section: a.section ?? null, lane: a.lane ?? '', alley: a.alley ?? '', number: a.number, floor: a.floor ?? '' };
}

export function draftOf(c: CustomerDetails): CustomerDraft {
  const invoice = c.invoice ?? {};
  return {
    name: c.name,
    contactName: c.contactName ?? '',
    phones: [...c.phones],
    address: addressDraftOf(c.address),
    type: c.type,
    cylindersOnSite: (c.cylindersOnSite ?? []).map((l) => ({ ...l })),
    deliveryWindows: (c.deliveryWindows ?? []).map((w) => ({ ...w })),
    closedDays: [...(c.closedDays ?? [])],
    floorsWithoutElevator: c.floorsWithoutElevator ?? 0,
    paymentTerms: c.paymentTerms,
    invoiceKind: invoice.taxId ? 'taxId' : invoice.carrier ? 'carrier' : invoice.loveCode ? 'loveCode' : 'none',
    taxId: invoice.taxId ?? '',
    companyTitle: invoice.companyTitle ?? '',
    carrier: invoice.carrier ?? '',
    loveCode: invoice.loveCode ?? '',
    lineUserId: c.lineUserId ?? '',
    notificationLocale: c.notificationLocale ?? 'zh-TW',
    autoDelivery: c.autoDelivery ?? false,
    notes: c.notes ?? '',
  };
}

/**
 * The road and section once a 段 typed into the road (和平東路二段) is moved to the section select, as the API would
 * move it, so the select shows it and offers that road's sections; null when there is none to move, when another 段
 * is already chosen (the API refuses that pair on the section, where the clerk sees both), or when it is beyond any
 * road's (十二段): the select has no such choice, so the road goes as typed and the API says whether that road has it.
 */
export function typedSection(a: Pick<CustomerDraft['address'], 'road' | 'section'>): { road: string; section: number } | null {
  const typed = splitRoadSection(a.road);
  return typed && typed.section <= MAX_SECTION && (a.section === null || a.section === typed.section) ? { road: typed.road, section: typed.section } : null;
}

/** `{ key: value }` when the trimmed text is not empty, else nothing: optional API fields are absent, never "". */
const optional = <K extends string>(key: K, value: string): { [P in K]?: string } => {
  const trimmed = value.trim();
  return (trimmed ? { [key]: trimmed } : {}) as { [P in K]?: string };
};

function invoiceOf(d: CustomerDraft): CustomerInvoice {
  if (d.invoiceKind === 'taxId') return { ...optional('taxId', d.taxId), ...optional('companyTitle', d.companyTitle) };
  if (d.invoiceKind === 'carrier') return optional('carrier', d.carrier.toUpperCase());
  if (d.invoiceKind === 'loveCode') return optional('loveCode', d.loveCode);
  return {};
}

/**
 * The body for the API. List rows keep their positions (nothing is dropped), so a field message for
 * `phones.1` or `cylindersOnSite.0.count` lands beside the row it is about.
 */
export function customerInput(d: CustomerDraft): CustomerInput {
  const a = d.address;
  const address: AddressInput = {
    city: a.city.trim(),
    district: a.district.trim(),
    road: a.road.trim(),
    ...(a.section ? { section: a.section } : {}),
    ...optional('lane', a.lane),
    ...optional('alley', a.alley),
    number: a.number.trim(),
    ...optional('floor', a.floor.toUpperCase()),
  };
  return {
    name: d.name.trim(),
    ...optional('contactName', d.contactName),
    phones: d.phones.map((p) => p.trim()),
    address,
    type: d.type,
    deliveryWindows: d.deliveryWindows.map((w) => ({ start: w.start, end: w.end })),
    closedDays: [...d.closedDays].sort((x, y) => x - y),
    floorsWithoutElevator: d.floorsWithoutElevator,
    cylindersOnSite: d.cylindersOnSite.map((l) => ({ size: l.size, count: l.count, depositPaid: l.depositPaid })),
    paymentTerms: d.paymentTerms,
    invoice: invoiceOf(d),
    ...optional('lineUserId', d.lineUserId),
    notificationLocale: d.notificationLocale,
    autoDelivery: d.autoDelivery,
    notes: d.notes.trim(),
  };
}

/** Optional fields the API removes when a PATCH sends them as `null`. */
const CLEARABLE = ['contactName', 'lineUserId'] as const;

/** The top-level fields of `after` that differ from `before`: the PATCH body of an edit. */
export function changedFields(before: CustomerInput, after: CustomerInput): CustomerPatch {
  const keys = Object.keys(after) as (keyof CustomerInput)[];
  const changed: CustomerPatch = Object.fromEntries(keys.filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k])).map((k) => [k, after[k]]));
  for (const k of CLEARABLE) if (before[k] !== undefined && after[k] === undefined) changed[k] = null;
  return changed;
}

/** What the customer form shows of a customer: the fields of its body, and the pin. */
export type CustomerField = keyof CustomerInput | 'location';

/** The fields of the form someone else changed between the customer as the form opened on it (`seen`) and `now`, in the form's order. */
export function customerChangedSince(seen: CustomerDetails, now: CustomerDetails): CustomerField[] {
  const fields = Object.keys(changedFields(customerInput(draftOf(seen)), customerInput(draftOf(now)))) as CustomerField[];
  return JSON.stringify(seen.location ?? null) === JSON.stringify(now.location ?? null) ? fields : [...fields, 'location'];
}

/** The invoice's choice and its numbers go as one: a carrier typed by one clerk never lands beside another's 統一編號. */
const INVOICE_FIELDS: readonly (keyof CustomerDraft)[] = ['invoiceKind', 'taxId', 'companyTitle', 'carrier', 'loveCode'];

/**
 * The draft carried over onto the customer as it is `now` (`keepOwn`). Deposits move only by their records, which the
 * form cannot type over: each line holds what is held now, so a deposit recorded meanwhile is not sent back as a change.
 */
export function rebaseCustomerDraft(seen: CustomerDetails, now: CustomerDetails, draft: CustomerDraft): CustomerDraft {
  const next = keepOwn(draftOf(seen), draftOf(now), draft, [INVOICE_FIELDS]);
  const held = (size: number) => now.cylindersOnSite.find((l) => l.size === size)?.depositPaid ?? 0;
  return { ...next, cylindersOnSite: next.cylindersOnSite.map((l) => ({ ...l, depositPaid: held(l.size) })) };
}

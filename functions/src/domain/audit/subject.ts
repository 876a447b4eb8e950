import { taipeiDate } from '../clock';
import { calendarDateSchema, z } from '../schema';

/**
 * What an audit entry's record is, as a person knows it: an order by its customer and day, a safety inspection likewise, a
 * service call (報修) by its customer and the Taipei day it was opened, a customer by code and name, an invoice by its number and buyer — instead of the raw id (ord-…, si-…). Records are told
 * apart by the prefix the API gives each kind's ids; others keep their id.
 */
export const AUDIT_SUBJECT_PREFIXES = { order: 'ord-', customer: 'cust-', safetyInspection: 'si-', serviceCall: 'svc-', invoice: 'inv-' } as const;
export type AuditSubjectKind = keyof typeof AUDIT_SUBJECT_PREFIXES;
const KINDS = Object.keys(AUDIT_SUBJECT_PREFIXES) as [AuditSubjectKind, ...AuditSubjectKind[]];

export const auditSubjectSchema = z
  .object({
    kind: z.enum(KINDS),
    name: z.string().describe("the customer's name (for a customer, code and name)"),
    date: calendarDateSchema.optional().describe("an order's delivery day, an inspection's day, the day a service call was opened (always there for these)"),
    number: z.string().optional().describe("an invoice's number"),
  })
  .openapi('AuditSubject', { example: { kind: 'order', name: '林記麵館', date: '2026-12-01' } });
export type AuditSubject = z.infer<typeof auditSubjectSchema>;

/** The kind of record an id names, by its prefix; null for the kinds not named (payments, routes, accounts…). */
export function auditSubjectKind(id: string): AuditSubjectKind | null {
  return KINDS.find((kind) => id.startsWith(AUDIT_SUBJECT_PREFIXES[kind])) ?? null;
}

/** The fields of a record, as read with the mask `AUDIT_SUBJECT_FIELDS`: absent ones undefined. */
export type SubjectFields = (path: string) => unknown;
/** Every field a subject is made from, whatever its kind: one masked read serves them all. */
export const AUDIT_SUBJECT_FIELDS = ['customerName', 'requestedDate', 'customer.name', 'inspectedOn', 'openedAt', 'code', 'name', 'number'] as const;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The subject a record of `kind` makes, or null when it lacks what names it. */
export function auditSubjectOf(kind: AuditSubjectKind, get: SubjectFields): AuditSubject | null {
  switch (kind) {
    case 'order': {
      const name = text(get('customerName'));
      const date = text(get('requestedDate'));
      return name && date ? { kind, name, date } : null;
    }
    case 'safetyInspection': {
      const name = text(get('customer.name'));
      const date = text(get('inspectedOn'));
      return name && date ? { kind, name, date } : null;
    }
    case 'serviceCall': {
      const name = text(get('customer.name'));
      const openedAt = text(get('openedAt'));
      return name && openedAt ? { kind, name, date: taipeiDate(new Date(openedAt)) } : null;
    }
    case 'customer': {
      const [code, name] = [text(get('code')), text(get('name'))];
      return name ? { kind, name: code ? `${code} ${name}` : name } : null;
    }
    case 'invoice': {
      const [number, name] = [text(get('number')), text(get('customer.name'))];
      return number && name ? { kind, name, number } : null;
    }
  }
}

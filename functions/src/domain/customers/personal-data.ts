/**
 * 個資法 §3 and §10: a customer may ask what the company holds about them and for a copy (製給複製本), answered within
 * 15 days (§13). The copy is every record that names them, as stored, less what is the system's own (the search index,
 * password hashes and session stamps), so nobody copies eight screens by hand and nothing is left out.
 */
import { instantSchema, z } from '../schema';
import type { User } from '../users';
import type { Customer } from './customer';

/** The records that name a customer, by the collection (or sub-collection) they are kept in. */
export const PERSONAL_DATA_SECTIONS = [
  'orders',
  'recurringRules',
  'payments',
  'refunds',
  'deposits',
  'invoices',
  'allowances',
  'safetyInspections',
  'complaints',
  'churnCalls',
  /** The office's 催款 calls and visits about what they owe. */
  'collectionContacts',
  'inboxMessages',
  /** What was sent by LINE or SMS (or put in the inbox), to which address, with its text. */
  'sentMessages',
  'serviceCalls',
  'predictions',
] as const;
export type PersonalDataSection = (typeof PERSONAL_DATA_SECTIONS)[number];

/** A record as stored, its times already plain ISO strings. */
export type StoredRecord = Readonly<Record<string, unknown>>;

export interface PersonalDataRecords {
  readonly customer: Customer;
  readonly accounts: readonly User[];
  readonly sections: Readonly<Record<PersonalDataSection, readonly StoredRecord[]>>;
}

const sectionsShape = Object.fromEntries(PERSONAL_DATA_SECTIONS.map((s) => [s, z.array(z.record(z.string(), z.unknown()))])) as Record<
  PersonalDataSection,
  z.ZodArray<z.ZodRecord<z.ZodString, z.ZodUnknown>>
>;

export const personalDataCopySchema = z
  .object({
    generatedAt: instantSchema,
    customer: z.record(z.string(), z.unknown()).describe('the customer record as kept, without the search index'),
    portalAccounts: z.array(z.object({ username: z.string(), displayName: z.string(), disabled: z.boolean() })),
    counts: z.object(Object.fromEntries(PERSONAL_DATA_SECTIONS.map((s) => [s, z.number().int()])) as Record<PersonalDataSection, z.ZodNumber>),
    records: z.object(sectionsShape).describe('every record naming the customer, by where it is kept, as stored'),
  })
  .openapi('PersonalDataCopy');
export type PersonalDataCopy = z.infer<typeof personalDataCopySchema>;

/** The copy handed to the customer: their records as kept, never a password hash or the system's own indexes. */
export function personalDataCopy(found: PersonalDataRecords, at: Date): PersonalDataCopy {
  const { searchTokens: _searchIndex, ...customer } = found.customer;
  return {
    generatedAt: at.toISOString(),
    customer,
    portalAccounts: found.accounts.map((a) => ({ username: a.username, displayName: a.displayName, disabled: a.disabled })),
    counts: Object.fromEntries(PERSONAL_DATA_SECTIONS.map((s) => [s, found.sections[s].length])) as Record<PersonalDataSection, number>,
    records: Object.fromEntries(PERSONAL_DATA_SECTIONS.map((s) => [s, found.sections[s].map((r) => ({ ...r }))])) as Record<PersonalDataSection, Record<string, unknown>[]>,
  };
}

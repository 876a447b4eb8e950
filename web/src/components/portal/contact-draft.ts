import { keepOwn } from '../../lib/changed-meanwhile';
import type { AppLocale } from '../../lib/format';
import type { CustomerDetails, TimeWindow } from '../../lib/types';

/** What 聯絡與收貨 edits of the customer's record, as the form holds it (an empty string for no contact name). */
export interface ContactDraft {
  phones: string[];
  contactName: string;
  notificationLocale: AppLocale;
  deliveryWindows: TimeWindow[];
  closedDays: number[];
}

export type ContactField = keyof ContactDraft;

/** The form's fields in the order it shows them. */
export const CONTACT_FIELDS: readonly ContactField[] = ['phones', 'contactName', 'notificationLocale', 'deliveryWindows', 'closedDays'];

export function contactDraftOf(c: CustomerDetails): ContactDraft {
  return {
    phones: [...c.phones],
    contactName: c.contactName ?? '',
    notificationLocale: c.notificationLocale ?? 'zh-TW',
    deliveryWindows: c.deliveryWindows.map((w) => ({ start: w.start, end: w.end })),
    closedDays: [...c.closedDays],
  };
}

/** The body `PATCH /api/customers/:id/contact` takes, without the version: trimmed, null for no contact name, weekdays in order. */
export function contactInput(d: ContactDraft) {
  const contactName = d.contactName.trim();
  return {
    phones: d.phones.map((p) => p.trim()),
    contactName: contactName === '' ? null : contactName,
    notificationLocale: d.notificationLocale,
    deliveryWindows: d.deliveryWindows.map((w) => ({ start: w.start, end: w.end })),
    closedDays: [...d.closedDays].sort((x, y) => x - y),
  };
}

const differs = (a: ContactDraft, b: ContactDraft, field: ContactField) =>
  JSON.stringify(contactInput(a)[field]) !== JSON.stringify(contactInput(b)[field]);

/** The fields of the form someone else (the office, a delivery) changed between the record as the form went on from it and `now`. */
export const contactChangedSince = (seen: CustomerDetails, now: CustomerDetails): ContactField[] =>
  CONTACT_FIELDS.filter((field) => differs(contactDraftOf(seen), contactDraftOf(now), field));

/** Whether the customer changed anything of the form since it showed `seen`. */
export const typedSince = (seen: CustomerDetails, draft: ContactDraft): boolean => CONTACT_FIELDS.some((field) => differs(contactDraftOf(seen), draft, field));

/** The draft carried over onto the record as it is `now` (`keepOwn`): what the customer changed stays theirs, the rest follows the record. */
export const rebaseContactDraft = (seen: CustomerDetails, now: CustomerDetails, draft: ContactDraft): ContactDraft => keepOwn(contactDraftOf(seen), contactDraftOf(now), draft);

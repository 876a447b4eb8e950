/**
 * 催款聯絡紀錄: what came of the office phoning or visiting a customer about what they owe, kept on their receivables line
 * (audit 20 F9: the call after an unread 催款, "promised to pay on 12/10", had nowhere to go). Pure.
 */
import type { Actor } from '../events';
import { actorSchema } from '../users/user';
import { calendarDateSchema, instantSchema, z } from '../schema';
import { taipeiDate } from '../clock';
import { DomainError } from '../errors';
import type { Receivable } from './receivables';

export const COLLECTION_CONTACT_METHODS = ['phone', 'visit', 'other'] as const;
export type CollectionContactMethod = (typeof COLLECTION_CONTACT_METHODS)[number];

export const COLLECTION_CONTACT_NOTE_MAX = 500;

export const recordCollectionContactInputSchema = z
  .object({
    method: z.enum(COLLECTION_CONTACT_METHODS),
    // A contact with nothing said is no record for the next clerk: the words are the point.
    note: z.string().trim().min(1, 'COLLECTION_CONTACT.NOTE_REQUIRED').max(COLLECTION_CONTACT_NOTE_MAX),
    promisedOn: calendarDateSchema.optional().describe('The Taipei day the customer promised to pay by, when they named one'),
  })
  .openapi('RecordCollectionContactInput', { example: { method: 'phone', note: '老闆娘說月底週轉，12/10 匯款', promisedOn: '2026-12-10' } });
export type RecordCollectionContactInput = z.infer<typeof recordCollectionContactInputSchema>;

/** `collectionContacts/{id}`: one contact, as the clerk recorded it; never edited. The note is absent once the customer is erased. */
export const collectionContactSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    method: z.enum(COLLECTION_CONTACT_METHODS),
    note: z.string().optional(),
    promisedOn: calendarDateSchema.optional(),
    at: instantSchema,
    by: actorSchema,
  })
  .openapi('CollectionContact');
export type CollectionContact = z.infer<typeof collectionContactSchema>;

/** @throws COLLECTION_CONTACT.PROMISE_PAST when the promised day is already gone: a promise is about a day to come. */
export function recordCollectionContact(
  input: RecordCollectionContactInput,
  ctx: { readonly id: string; readonly customerId: string; readonly by: Actor; readonly now: Date },
): CollectionContact {
  const today = taipeiDate(ctx.now);
  if (input.promisedOn !== undefined && input.promisedOn < today) {
    throw new DomainError('COLLECTION_CONTACT.PROMISE_PAST', 'validation', 'A promise to pay names today or a day to come', { path: 'promisedOn', promisedOn: input.promisedOn, today });
  }
  const promise = input.promisedOn === undefined ? {} : { promisedOn: input.promisedOn };
  return { id: ctx.id, customerId: ctx.customerId, method: input.method, note: input.note, ...promise, at: ctx.now.toISOString(), by: ctx.by };
}

/**
 * Whether the customer let the day they promised pass without paying: the day is over, they still owe, and no payment
 * arrived from the day of the call on (one that did, however small, is for the office to judge, not a broken promise).
 */
export function promiseBroken(contact: Pick<CollectionContact, 'promisedOn' | 'at'>, line: Pick<Receivable, 'balance' | 'lastPaymentOn'>, today: string): boolean {
  if (contact.promisedOn === undefined || contact.promisedOn >= today || line.balance <= 0) return false;
  return line.lastPaymentOn === undefined || line.lastPaymentOn < taipeiDate(new Date(contact.at));
}

/** A contact as the erasure leaves it: how, when, who and the day promised stay; what was said about the customer goes. */
export function erasedCollectionContact({ note: _note, ...rest }: CollectionContact): CollectionContact {
  return rest;
}

export const collectionContactMessages = {
  'COLLECTION_CONTACT.NOTE_REQUIRED': { 'zh-TW': '請寫下聯絡的內容', en: 'Write down what was said' },
  'COLLECTION_CONTACT.PROMISE_PAST': { 'zh-TW': '承諾付款日不能早於今天', en: 'The promised payment day cannot be before today' },
} as const;

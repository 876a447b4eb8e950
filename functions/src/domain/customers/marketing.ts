/**
 * 個資法 §20: a customer's data may be used for marketing within what it was collected for until they object, and then
 * no longer. The product collected no consent, so every customer receives marketing until they object (in the portal,
 * or by phone to the office); every marketing message says how (§20 III), `marketingOptOutLine`.
 */
import type { Actor } from '../events';
import { z } from '../schema';
import type { Customer } from './customer';
import { revised } from './customer';
import { assertNotErased } from './erasure';

export const marketingPreferenceInputSchema = z
  .object({ optOut: z.boolean().openapi({ description: 'true: the customer objects to marketing (拒絕行銷); false: they take it again' }) })
  .strict()
  .openapi('MarketingPreferenceInput', { example: { optOut: true } });
export type MarketingPreferenceInput = z.infer<typeof marketingPreferenceInputSchema>;

/** Whether the customer objected to marketing. */
export const optedOutOfMarketing = (customer: Pick<Customer, 'marketingOptOut'>): boolean => customer.marketingOptOut !== undefined;

/**
 * The customer with their objection recorded, or lifted; one already so is answered as it is (the first objection's day stays).
 * @throws `CUSTOMER.ERASED` (conflict): an erased customer's record is not written again.
 */
export function setMarketingPreference(customer: Customer, input: MarketingPreferenceInput, ctx: { readonly by: Actor; readonly at: Date }): Customer {
  assertNotErased(customer);
  if (input.optOut === optedOutOfMarketing(customer)) return customer;
  if (input.optOut) return revised(customer, { marketingOptOut: { at: ctx.at.toISOString(), by: { uid: ctx.by.uid, role: ctx.by.role } } }, ctx.at);
  const { marketingOptOut: _lifted, ...rest } = customer;
  return revised(rest, {}, ctx.at);
}

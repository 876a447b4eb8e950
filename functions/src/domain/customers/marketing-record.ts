/**
 * 拒絕行銷 (個資法 §20 II–III): what a customer's record keeps of their objection to marketing. Kept apart from
 * `marketing.ts` because the customer's own schema names it, and `marketing.ts` builds on that schema.
 */
import { actorSchema } from '../users/user';
import { instantSchema, z } from '../schema';

export const marketingOptOutSchema = z
  .object({
    at: instantSchema,
    /** The customer in the portal, or the office recording what they said on the phone (audited). */
    by: actorSchema,
  })
  .openapi('MarketingOptOut', { description: 'The customer objected to marketing (個資法 §20): no 促銷／活動 announcement is sent or shown to them' });
export type MarketingOptOut = z.infer<typeof marketingOptOutSchema>;

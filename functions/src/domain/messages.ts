import { addressMessages, customerMessages } from './customers';
import { cylinderMessages } from './cylinders';
import { orderMessages } from './orders/messages';
import { recurringMessages } from './orders/recurring';
import { pricingMessages } from './pricing';
import { routeMessages } from './routes';
import type { MessageCatalogue } from './schema';
import { schemaMessages } from './schema';
import { userMessages } from './users';

/** Every area's user-facing texts by error code, for the HTTP boundary to answer in the caller's language. */
export const domainMessages: MessageCatalogue = {
  ...schemaMessages,
  ...addressMessages,
  ...customerMessages,
  ...cylinderMessages,
  ...pricingMessages,
  ...orderMessages,
  ...recurringMessages,
  ...routeMessages,
  ...userMessages,
};

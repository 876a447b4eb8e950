import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreComplaintStore } from '../adapters/firestore/complaint-store';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreOrderStore } from '../adapters/firestore/order-store';
import { firestorePredictionStore } from '../adapters/firestore/prediction-store';
import { customerAccountRoutes } from './customer-accounts';
import { customerContractPriceRoutes } from './customer-contract-prices';
import { chainOf, chainSchema, customerPayerRoutes } from './customer-payer';
import { customerDepositRoutes } from './customer-deposits';
import { customerErasureRoutes } from './customer-erasure';
import { customerExportRoutes } from './customer-export';
import { customerImportRoutes } from './customer-import';
import { customerLeftOpenRoutes } from './customer-left-open';
import { customerMessageRoutes } from './customer-messages';
import { customerPersonalDataRoutes } from './customer-personal-data';
import { customerReachRoutes } from './customer-reach';
import { customerPaymentRoutes } from './customer-payments';
import { customerRefundRoutes } from './customer-refunds';
import { customerTransferRoutes } from './customer-transfer';
import {
  assertNotErased,
  complaintSchema,
  complaintView,
  complaintViewSchema,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  assertComplaintOrder,
  createComplaintInputSchema,
  createCustomer,
  createCustomerInputSchema,
  customerSchema,
  deactivateCustomerInputSchema,
  geocodeAnswerSchema,
  geocodeRequestSchema,
  marketingPreferenceInputSchema,
  parseAddressRequestSchema,
  parsedAddressSchema,
  readAddress,
  recordComplaint,
  resolveComplaint,
  resolveComplaintInputSchema,
  setMarketingPreference,
  updateCustomer,
  updateCustomerInputSchema,
  updateOwnContact,
  updateOwnContactInputSchema,
  withFullAddress,
  type Customer,
} from '../domain/customers';
import { docIdSchema, z } from '../domain/schema';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';
import { actorOf, assertMayReadCustomer } from '../http/auth/principal';
import { deactivateWithOrders } from './use-cases/deactivate-customer';
import { editCustomer } from './use-cases/edit-customer';
import { reactivate } from './use-cases/reactivate-customer';
import { locatedCreateInput, locatedUpdatePatch } from './use-cases/locate-customer';


const listQuery = z.object({
  q: z.string().trim().min(1).max(60).optional(),
  type: z.enum(CUSTOMER_TYPES).optional(),
  district: z.string().trim().min(1).max(10).optional(),
  /** `approximate`: located only to their road or district centre, so the office should confirm the pin. */
  location: z.enum(['approximate']).optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(20).optional(),
});

/** What leaves the API: the search index is an implementation detail. */
const view = ({ searchTokens: _tokens, ...rest }: Customer) => rest;
const customerView = customerSchema.omit({ searchTokens: true });

const staff = ['admin', 'office'] as const;

/** A customer's complaints shown at once; older ones still count for churn. */
const COMPLAINTS_SHOWN = 50;

async function store() {
  const c = await container();
  return { c, customers: firestoreCustomerStore(c.db) };
}

export const customersFunction: HttpFunctionDef = {
  name: 'customers',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: staff,
      docs: {
        summary: 'Search customers by name, phone, address fragment or code; cursor pagination',
        response: z.object({ items: z.array(customerView), nextCursor: z.string().nullable() }),
      },
      query: listQuery,
      async handle({ query }) {
        const { customers } = await store();
        const page = await customers.search(query);
        return { body: { items: page.items.map(view), nextCursor: page.nextCursor } };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: staff,
      docs: { summary: 'Create a customer', response: customerView, successStatus: 201 },
      body: createCustomerInputSchema,
      async handle({ body, requestId }) {
        const { c, customers } = await store();
        const id = idFromRequest('cust', requestId);
        const input = await locatedCreateInput(c.geocoder, body);
        const created = await customers.create(id, (code) => createCustomer(input, { id, code, now: c.clock.now() }), body.code);
        return { status: 201, body: view(created) };
      },
    }),
    route({
      method: 'POST',
      path: '/geocode',
      roles: staff,
      // A lookup for the form's map: it changes nothing.
      audit: false,
      docs: {
        summary: "Where an address is (Google's Geocoding API, else the district centre), for the form to preview before saving; null when not found",
        response: geocodeAnswerSchema,
      },
      body: geocodeRequestSchema,
      async handle({ body }) {
        const { c } = await store();
        return { body: await c.geocoder.geocode(withFullAddress(body.address)) };
      },
    }),
    route({
      method: 'POST',
      path: '/parse-address',
      roles: staff,
      // A reading for the form: it changes nothing.
      audit: false,
      docs: {
        summary: 'An address dictated or pasted as one line (新北市板橋區文化路一段20號3樓) read into its parts, for a form to fill in and the clerk to check',
        response: parsedAddressSchema,
      },
      body: parseAddressRequestSchema,
      async handle({ body }) {
        return { body: readAddress(body.text) };
      },
    }),
    route({
      method: 'POST',
      path: '/search-tokens',
      roles: ['admin'],
      docs: {
        summary: 'One-off re-index: write each customer’s search tokens where they differ from today’s rule; idempotent, a rerun writes nothing',
        description:
          'Customers stored before a change of the search rule (phone prefixes: 0960-327 finds 0960-327-259) are found by it only after their next write or once this has run after the deploy. Answers `{ customers, written }`.',
        response: z.object({ customers: z.number().int(), written: z.number().int() }),
      },
      async handle() {
        const { customers } = await store();
        return { body: await customers.backfillSearchTokens() };
      },
    }),
    route({
      method: 'GET',
      path: '/:id',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: 'Get one customer (a customer may read only their own record)',
        description: 'With `include=chain`, also its head office and branches (分店／總公司付款) as `…/chain` answers them: the customer drawer reads both at once.',
        response: customerView.extend({ chain: chainSchema.optional() }),
      },
      params: idParams,
      query: z.object({ include: z.enum(['chain']).optional() }),
      async handle({ params, query, principal }) {
        assertMayReadCustomer(principal, params.id);
        const { customers } = await store();
        const customer = await customers.get(params.id);
        return { body: query.include === 'chain' ? { ...view(customer), chain: await chainOf(customer) } : view(customer) };
      },
    }),
    route({
      method: 'PATCH',
      path: '/:id',
      roles: staff,
      docs: {
        summary: "Update customer fields; a new pin or address moves the customer's orders not yet on a route with them, a new name or first phone reaches every order still to be delivered",
        description:
          'Only what changes is sent. With `version` (the one the caller saw), a change made after someone else changed the customer is refused ' +
          '(409 CUSTOMER.CHANGED, with the version now), unless the customer already holds it (a retry whose answer was lost), which answers the customer as it is and writes nothing. ' +
          'A new 統一編號 or 抬頭 (`invoice.taxId`, `invoice.companyTitle`) is refused while deliveries on account of this month or the last wait for a 月結發票 not yet issued ' +
          '(409 CUSTOMER.BUYER_CHANGE_UNINVOICED, with `count`, `from` and `to`: that invoice would name the new buyer for them), unless `confirmBuyerChange` says it is meant (a wrong one corrected).',
        response: customerView,
      },
      params: idParams,
      body: updateCustomerInputSchema,
      async handle({ params, body, principal }) {
        const { c, customers } = await store();
        // Geocoded before the transaction: a call to Maps has no place inside a Firestore retry loop.
        const patch = await locatedUpdatePatch(c.geocoder, await customers.get(params.id), body);
        const edited = await editCustomer(c, params.id, (cur) => updateCustomer(assertNotErased(cur), patch, c.clock.now()), actorOf(principal), { confirmBuyerChange: body.confirmBuyerChange });
        return { body: view(edited.customer), touched: edited.followingOrderIds };
      },
    }),
    route({
      method: 'PATCH',
      path: '/:id/contact',
      roles: ['customer'],
      docs: {
        summary: 'A customer updates their own phones, contact name, notification language, delivery windows and closed weekdays (聯絡與收貨); any other field is refused; a new first phone reaches their orders still to be delivered',
        description:
          'With `version` (the one the page showed), a change made after someone else (the office, a delivery) changed the customer is refused (409 CUSTOMER.CHANGED, with the version now), unless the customer already holds it (a retry whose answer was lost). ' +
          'A customer whose service the office ended (inactive) is refused, 409 CUSTOMER.SERVICE_ENDED, nothing written.',
        response: customerView,
      },
      params: idParams,
      body: updateOwnContactInputSchema,
      async handle({ params, body, principal }) {
        assertMayReadCustomer(principal, params.id);
        const { c } = await store();
        const edited = await editCustomer(c, params.id, (cur) => updateOwnContact(cur, body, c.clock.now()), actorOf(principal));
        return { body: view(edited.customer), touched: edited.followingOrderIds };
      },
    }),
    route({
      method: 'PUT',
      path: '/:id/marketing',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: '拒絕行銷 (個資法 §20): the customer objects to marketing, or takes it again; in the portal themselves, or the office records what they said on the phone',
        description:
          'With `optOut`, no marketing announcement (促銷、活動) is sent or shown to the customer from then on; service ones (停氣、安全、休息日) still are. ' +
          'Setting what is already set answers the customer as it is and writes nothing (the first objection keeps its day). A customer sets only their own (another’s is 404 CUSTOMER.NOT_FOUND, as reading it is); an erased one is 409 CUSTOMER.ERASED.',
        response: customerView,
      },
      params: idParams,
      body: marketingPreferenceInputSchema,
      async handle({ params, body, principal }) {
        assertMayReadCustomer(principal, params.id);
        const { c } = await store();
        const edited = await editCustomer(c, params.id, (cur) => setMarketingPreference(cur, body, { by: actorOf(principal), at: c.clock.now() }), actorOf(principal));
        return { body: view(edited.customer) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/deactivate',
      roles: staff,
      docs: {
        summary: 'Deactivate a customer; history is kept, their prediction dropped (off the due and churn lists)',
        description:
          'Refused, 409 `CUSTOMER.HAS_OPEN_ORDERS`, while the customer has open orders, unless `cancelOpenOrders` is sent: their pending and confirmed orders are then cancelled (reason `customer_deactivated`) in the same transaction. An order on a truck (scheduled on a published route, or out for delivery) is never cancelled by this: 409 `CUSTOMER.ORDERS_ON_A_TRUCK` until it is taken off its route or delivered. Refusals carry `details.count`, `details.orders` (the first five by day: id, requestedDate, status) and `details.orderList` (them in words). A customer with a service call (報修) not closed is 409 `CUSTOMER.OPEN_SERVICE_CALLS`, even with `cancelOpenOrders`, naming them (`details.calls`: id, kind, urgent, status, openedOn): the office closes them first. Nothing is written on a refusal.',
        response: customerView,
      },
      params: idParams,
      body: deactivateCustomerInputSchema,
      async handle({ params, body, principal, locale }) {
        const { c } = await store();
        const off = await deactivateWithOrders(c, params.id, body, principal, locale);
        // Derived data: should this fail after the commit, the nightly run prunes it.
        await firestorePredictionStore(c.db).remove(params.id);
        return { body: view(off.customer), touched: off.cancelledOrderIds };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/reactivate',
      roles: staff,
      docs: {
        summary: 'Reactivate a customer',
        description:
          'Refused 422 PRICE.CONTRACT_DISCOUNT_EXHAUSTED when a list price posted while the customer was inactive is at or below their 合約價 discount: their terms are changed first. ' +
          'A branch (分店) is refused 409 CUSTOMER.BRANCH_PAYER_INACTIVE while its head office is inactive, and 409 CUSTOMER.BRANCH_PAYER_NOT_MONTHLY while the head office is not on monthly terms (details: the head office’s code and name).',
        response: customerView,
      },
      params: idParams,
      async handle({ params, principal }) {
        const { c } = await store();
        return { body: view(await reactivate(c, params.id, actorOf(principal))) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/complaints',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary:
          "Record a customer's complaint: the office on the phone, or the customer in the portal for themself (it raises the churn risk with the COMPLAINTS reason for 90 days); an `orderId` must name one of that customer's own orders (ORDER.NOT_FOUND otherwise)",
        response: complaintViewSchema,
        successStatus: 201,
      },
      params: idParams,
      body: createComplaintInputSchema,
      async handle({ params, body, principal, requestId }) {
        assertMayReadCustomer(principal, params.id);
        const { c, customers } = await store();
        await customers.get(params.id);
        const order = body.orderId ? await firestoreOrderStore(c.db, c.publisher).find(body.orderId) : null;
        if (body.orderId) assertComplaintOrder(body.orderId, order, params.id);
        const complaint = recordComplaint(body, { id: idFromRequest('cmp', requestId), customerId: params.id, by: actorOf(principal), now: c.clock.now() });
        return { status: 201, body: complaintView(await firestoreComplaintStore(c.db).create(complaint), order) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/complaints/:complaintId/resolve',
      roles: staff,
      docs: { summary: 'Close a complaint with what was done (once; it still counts for churn)', response: complaintSchema },
      params: z.object({ id: docIdSchema, complaintId: docIdSchema }),
      body: resolveComplaintInputSchema,
      async handle({ params, body, principal }) {
        const { c } = await store();
        const resolved = await firestoreComplaintStore(c.db).mutate(params.id, params.complaintId, (current) =>
          resolveComplaint(current, body, { by: actorOf(principal), now: c.clock.now() }),
        );
        return { body: resolved };
      },
    }),
    route({
      method: 'GET',
      path: '/:id/complaints',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: "A customer's complaints, newest first (a customer may read only their own), each with the order it names as people know it (`order`: its day and cylinders)",
        response: z.object({ items: z.array(complaintViewSchema) }),
      },
      params: idParams,
      async handle({ params, principal }) {
        assertMayReadCustomer(principal, params.id);
        const { c, customers } = await store();
        await customers.get(params.id);
        const complaints = firestoreComplaintStore(c.db);
        return { body: { items: await complaints.withOrders(await complaints.ofCustomer(params.id, COMPLAINTS_SHOWN)) } };
      },
    }),
    ...customerPaymentRoutes,
    ...customerPayerRoutes,
    ...customerErasureRoutes,
    ...customerRefundRoutes,
    ...customerDepositRoutes,
    ...customerTransferRoutes,
    ...customerMessageRoutes,
    ...customerReachRoutes,
    ...customerImportRoutes,
    ...customerExportRoutes,
    ...customerLeftOpenRoutes,
    ...customerPersonalDataRoutes,
    ...customerAccountRoutes,
    ...customerContractPriceRoutes,
  ],
};

http('customers', createHttpHandler(customersFunction, async () => (await container()).http));

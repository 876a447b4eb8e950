import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import { assertNotErased } from '../domain/customers';
import {
  createPortalAccountInputSchema,
  hashPassword,
  newUser,
  portalAccountOf,
  portalAccountOfCustomer,
  portalAccountSchema,
  resetPasswordInputSchema,
  withNewPassword,
} from '../domain/users';
import { docIdSchema, z } from '../domain/schema';
import { idFromRequest, idParams, route } from '../http/endpoint';
import { changeAccount } from './use-cases/change-account';

const accountParams = idParams.extend({ uid: docIdSchema });
const staff = ['admin', 'office'] as const;

/**
 * 入口網站帳號, served by the customers function under `/api/customers/:id/portal-accounts`: the office opens a customer's
 * portal sign-in and sets a new password when the customer has forgotten theirs, without an admin. Only customer accounts
 * linked to that customer are reachable here; staff and driver accounts stay with the admin's users API.
 */
export const customerAccountRoutes = [
  route({
    method: 'GET',
    path: '/:id/portal-accounts',
    roles: staff,
    docs: { summary: "A customer's portal accounts", response: z.object({ items: z.array(portalAccountSchema) }) },
    params: idParams,
    async handle({ params }) {
      const c = await container();
      await firestoreCustomerStore(c.db).get(params.id);
      return { body: { items: (await firestoreUserStore(c.db).ofCustomer(params.id)).map(portalAccountOf) } };
    },
  }),
  route({
    method: 'POST',
    path: '/:id/portal-accounts',
    roles: staff,
    docs: {
      summary: 'Open a portal account for a customer (409 USER.USERNAME_TAKEN when the username is in use, 409 CUSTOMER.ERASED for a customer whose personal data was erased)',
      response: portalAccountSchema,
    },
    params: idParams,
    body: createPortalAccountInputSchema,
    async handle({ params, body, requestId }) {
      const c = await container();
      // An erased customer signs in no more: their accounts were disabled with the erasure, and no new one opens.
      const customer = assertNotErased(await firestoreCustomerStore(c.db).get(params.id));
      const { displayName, ...rest } = body;
      const user = newUser({ ...rest, displayName: displayName ?? customer.name.slice(0, 60), role: 'customer', customerId: customer.id }, await hashPassword(body.password), idFromRequest('u', requestId));
      return { status: 201, body: portalAccountOf(await firestoreUserStore(c.db).create(user)) };
    },
  }),
  route({
    method: 'POST',
    path: '/:id/portal-accounts/:uid/password',
    roles: staff,
    docs: {
      summary: "Set a new password for one of the customer's portal accounts: its sessions end and the customer signs in with the new one",
      response: portalAccountSchema,
    },
    params: accountParams,
    body: resetPasswordInputSchema,
    async handle({ params, body }) {
      const c = await container();
      const passwordHash = await hashPassword(body.password);
      const next = await changeAccount(c, params.uid, (u) => withNewPassword(portalAccountOfCustomer(u, params.id), passwordHash, c.tokenClock.now()));
      return { body: portalAccountOf(next) };
    },
  }),
];

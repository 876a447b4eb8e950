import { http } from '@google-cloud/functions-framework';
import type { Firestore, Transaction } from '@google-cloud/firestore';
import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreSignInFailureStore } from '../adapters/firestore/sign-in-failure-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import { assertNotErased, type Customer } from '../domain/customers';
import { invalid } from '../domain/errors';
import { docIdSchema, z } from '../domain/schema';
import {
  applyUserPatch,
  createUserInputSchema,
  hashPassword,
  newUser,
  publicUser,
  resetPasswordInputSchema,
  SIGN_IN_FAILURES_KEPT_DAYS,
  signInFailureSchema,
  signInFailuresQuerySchema,
  updateUserInputSchema,
  withNewPassword,
  type User,
} from '../domain/users';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';
import { changeAccount } from './use-cases/change-account';

const uidParams = z.object({ uid: docIdSchema });
const userView = (u: User) => ({ ...publicUser(u), disabled: u.disabled });

/**
 * A driver or customer account must point at a driver or customer that exists, when created and when changed; an
 * account that signs in must not point at a customer whose personal data was erased (409 `CUSTOMER.ERASED`): the
 * erasure disabled their accounts for good, and neither enabling one nor linking another brings them back.
 */
async function assertLinksExist(db: Firestore, user: User, tx?: Transaction): Promise<void> {
  const link = user.role === 'driver' ? ['drivers', user.driverId] : user.role === 'customer' ? ['customers', user.customerId] : null;
  if (!link) return;
  const [collection, id] = link as [string, string];
  const ref = db.collection(collection).doc(id);
  const snap = await (tx ? tx.get(ref) : ref.get());
  if (!snap.exists) {
    throw invalid('USER.LINK_MISMATCH', `${collection}/${id} does not exist`, { path: user.role === 'driver' ? 'driverId' : 'customerId' });
  }
  if (user.role === 'customer' && !user.disabled) assertNotErased({ id, erasure: snap.get('erasure') as Customer['erasure'] });
}

/**
 * Admin management of accounts and roles, in both auth modes: every login carries the account's
 * role into its API token and its Firebase custom token (docs/architecture.md, Auth).
 */
export const usersFunction: HttpFunctionDef = {
  name: 'users',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin'],
      docs: {
        summary: 'Every account with its role (never a password hash)',
        description:
          "A customer's portal account carries `customerName`, the customer's code and name (「C0012 林家麵店」) read with the list, so the page names every link without a request per customer, and `customerErased: true` when that customer's personal data was erased (the account cannot be enabled again).",
      },
      async handle() {
        const c = await container();
        const users = await firestoreUserStore(c.db).list();
        const customerIds = users.flatMap((u) => (u.customerId ? [u.customerId] : []));
        const customers = firestoreCustomerStore(c.db);
        const [names, erased] = await Promise.all([customers.labels(customerIds), customers.erasedAmong(customerIds)]);
        return {
          body: {
            items: users.map((u) => {
              const customerName = u.customerId ? names.get(u.customerId) : undefined;
              return {
                ...userView(u),
                ...(customerName === undefined ? {} : { customerName }),
                ...(u.customerId && erased.has(u.customerId) ? { customerErased: true } : {}),
              };
            }),
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/sign-in-failures',
      roles: ['admin'],
      docs: {
        summary: 'Refused sign-ins (登入失敗紀錄), newest first: which username, why, when and from which address; never the password',
        description: `Why: \`wrong_password\`, \`unknown_account\` (no such username), \`account_disabled\` (a disabled account's right password), \`locked_out\` (the login throttle refused it). Kept ${SIGN_IN_FAILURES_KEPT_DAYS} days.`,
        response: z.object({ items: z.array(signInFailureSchema) }),
      },
      query: signInFailuresQuerySchema,
      async handle({ query }) {
        const c = await container();
        return { body: { items: await firestoreSignInFailureStore(c.db).list(query) } };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin'],
      docs: { summary: 'Create an account', successStatus: 201 },
      body: createUserInputSchema,
      async handle({ body, requestId }) {
        const c = await container();
        const user = newUser(body, await hashPassword(body.password), idFromRequest('u', requestId));
        await assertLinksExist(c.db, user);
        return { status: 201, body: userView(await firestoreUserStore(c.db).create(user)) };
      },
    }),
    route({
      method: 'PATCH',
      path: '/:uid',
      roles: ['admin'],
      docs: {
        summary: "Change display name, role, links or disable an account; a new role or link ends the account's sessions",
        description: "Enabling a customer's portal account, or linking an enabled one to a customer, whose personal data was erased is 409 `CUSTOMER.ERASED`.",
      },
      params: uidParams,
      body: updateUserInputSchema,
      async handle({ params, body, principal }) {
        const c = await container();
        const next = await changeAccount(c, params.uid, (u) => applyUserPatch(u, body, c.tokenClock.now(), principal), (tx, next) =>
          // Only a new role or link, or enabling, is checked: disabling an account stays possible whatever it points at.
          body.role || body.driverId || body.customerId || body.disabled === false ? assertLinksExist(c.db, next, tx) : Promise.resolve(),
        );
        return { body: userView(next) };
      },
    }),
    route({
      method: 'POST',
      path: '/:uid/password',
      roles: ['admin'],
      docs: { summary: "Set a new password for an account: the user's sessions end within 30 s and they sign in with the new one" },
      params: uidParams,
      body: resetPasswordInputSchema,
      async handle({ params, body }) {
        const c = await container();
        const passwordHash = await hashPassword(body.password);
        return { body: userView(await changeAccount(c, params.uid, (u) => withNewPassword(u, passwordHash, c.tokenClock.now()))) };
      },
    }),
  ],
};

http('users', createHttpHandler(usersFunction, async () => (await container()).http));

import { http } from '@google-cloud/functions-framework';
import { randomUUID } from 'node:crypto';
import { firestoreCredentialStore } from '../adapters/firestore/credential-store';
import { firestoreThrottleStore } from '../adapters/firestore/login-throttle-store';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestorePasswordResetStore } from '../adapters/firestore/password-reset-store';
import { firestorePortalSignupStore } from '../adapters/firestore/portal-signup-store';
import { firestoreSignInFailureStore } from '../adapters/firestore/sign-in-failure-store';
import { container, type Container } from '../adapters/container';
import { DomainError } from '../domain/errors';
import { codeChannel } from '../domain/notifications/channel';
import {
  changePasswordInputSchema,
  codeRequestedEvent,
  confirmPasswordResetInputSchema,
  confirmPortalSignupInputSchema,
  hashPassword,
  requestPasswordResetInputSchema,
  requestPortalSignupInputSchema,
  verifyPassword,
  withNewPassword,
} from '../domain/users';
import { changePassword, changePasswordResponseSchema } from '../http/auth/change-password';
import { codeRequestedSchema, requestCode, type RequestCodeDeps } from '../http/auth/code-requests';
import { confirmPasswordReset } from '../http/auth/password-reset';
import { confirmPortalSignup, portalSignupOpenedSchema } from '../http/auth/portal-signup';
import { login, loginRequestSchema, loginResponseSchema } from '../http/auth/login';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';
import { changeAccount } from './use-cases/change-account';
import { openPortalAccount, useResetCode } from './use-cases/one-time-codes';
import { codesLogged } from './use-cases/codes-logged';

/** A request for a texted code is announced (`auth.code_requested`) for the sendCodes consumer to answer, telling how codes travel here. */
const codeRequestDeps = (c: Container): RequestCodeDeps => ({
  throttle: firestoreThrottleStore(c.db),
  announce: (request) => c.publisher.publish('notifications', codeRequestedEvent(randomUUID(), request, c.clock.now())),
  clock: c.clock,
  channel: (purpose) => codeChannel(purpose, c.config.channels, codesLogged(c.config)),
});

export const authFunction: HttpFunctionDef = {
  name: 'auth',
  routes: [
    route({
      method: 'POST',
      path: '/login',
      roles: 'public',
      docs: {
        summary: 'Sign in with username and password: a Firebase custom token, plus a local API token with the dev issuer',
        response: loginResponseSchema,
      },
      body: loginRequestSchema,
      async handle({ body, ip }) {
        const c = await container();
        const result = await login(
          { username: body.username, password: body.password, ip },
          {
            users: firestoreCredentialStore(c.db),
            throttle: firestoreThrottleStore(c.db),
            issuer: c.localIssuer,
            verifyPassword,
            clock: c.clock,
            tokenClock: c.tokenClock,
            ttlSeconds: c.config.auth.tokenTtlSeconds,
            customTokens: c.customTokens,
            failures: firestoreSignInFailureStore(c.db),
          },
        );
        // Recorded under the account (who signed in, when, from where: the first question about an account someone has
        // left), except the Turnkey machine's, which signs in on every 10-minute run; refused ones are kept apart (登入失敗紀錄).
        return { body: result, ...(result.user.role === 'turnkey' ? {} : { actedAs: result.user }) };
      },
    }),
    route({
      method: 'GET',
      path: '/jwks.json',
      roles: 'public',
      docs: { summary: "The local dev issuer's public keys" },
      async handle() {
        const { localIssuer } = await container();
        // Firebase mode has no keys of its own: ID tokens are checked against Google's.
        if (!localIssuer) throw new DomainError('REQUEST.NOT_FOUND', 'not_found', 'No local issuer in firebase mode');
        return { body: localIssuer.jwks(), headers: { 'Cache-Control': 'public, max-age=300' } };
      },
    }),
    route({
      method: 'POST',
      path: '/password',
      // The Turnkey machine's password lives in a file its sync reads; an admin sets it (POST /api/users/:uid/password).
      roles: ['admin', 'office', 'driver', 'customer'],
      docs: {
        summary: 'Change your own password: the current one is checked (under the login throttle), then every session of the account ends, this one too',
        response: changePasswordResponseSchema,
      },
      body: changePasswordInputSchema,
      async handle({ body, principal, ip }) {
        const c = await container();
        const result = await changePassword(
          { ...body, uid: principal.uid, ip },
          {
            findByUid: (uid) => firestoreCredentialStore(c.db).findByUid(uid),
            throttle: firestoreThrottleStore(c.db),
            verifyPassword,
            hashPassword,
            setPassword: async (uid, hash, sessionsFrom) => void (await changeAccount(c, uid, (u) => withNewPassword(u, hash, sessionsFrom))),
            clock: c.clock,
            tokenClock: c.tokenClock,
          },
        );
        return { body: result };
      },
    }),
    route({
      method: 'POST',
      path: '/password-reset',
      roles: 'public',
      // No record changes that the audit log is for: the request is counted by the code throttle, the code stored hashed by sendCodes.
      audit: false,
      docs: {
        summary:
          '忘記密碼: ask for a one-time code for a customer account, texted by LINE or SMS in the caller’s language by the sendCodes consumer moments later. The answer, and its timing, are the same whatever the username; at most 5 requests an hour per username (429 AUTH.RESET_RATE_LIMITED)',
        response: codeRequestedSchema,
        successStatus: 202,
      },
      body: requestPasswordResetInputSchema,
      async handle({ body, ip, locale }) {
        const c = await container();
        const result = await requestCode({ purpose: 'password-reset', username: body.username, locale }, ip, codeRequestDeps(c));
        return { status: 202, body: result };
      },
    }),
    route({
      method: 'POST',
      path: '/password-reset/confirm',
      roles: 'public',
      docs: {
        summary:
          'Set a new password with the code sent: a wrong, used or expired code is a 400 AUTH.RESET_CODE_INVALID and counts as a failed sign-in; every session of the account ends',
        response: changePasswordResponseSchema,
      },
      body: confirmPasswordResetInputSchema,
      async handle({ body, ip }) {
        const c = await container();
        const { account, ...result } = await confirmPasswordReset(
          { ...body, ip },
          {
            findByUsername: (username) => firestoreCredentialStore(c.db).findByUsername(username),
            find: (uid) => firestorePasswordResetStore(c.db).find(uid),
            throttle: firestoreThrottleStore(c.db),
            verifyCode: verifyPassword,
            hashPassword,
            use: (reset, passwordHash, sessionsFrom) => useResetCode(c, reset, passwordHash, sessionsFrom),
            clock: c.clock,
            tokenClock: c.tokenClock,
          },
        );
        return { body: result, actedAs: account };
      },
    }),
    route({
      method: 'POST',
      path: '/portal-signup',
      roles: 'public',
      // Nothing the audit log is for: the request is counted by the code throttle; the account opened is audited.
      audit: false,
      docs: {
        summary:
          '開通入口網站帳號: ask for a code texted (by the sendCodes consumer, moments later) to a mobile phone on the record of the customer with this code. The answer, and its timing, are the same whatever the code and number; at most 5 requests an hour per customer code (429 AUTH.RESET_RATE_LIMITED)',
        response: codeRequestedSchema,
        successStatus: 202,
      },
      body: requestPortalSignupInputSchema,
      async handle({ body, ip, locale }) {
        const c = await container();
        const result = await requestCode({ purpose: 'portal-signup', ...body, locale }, ip, codeRequestDeps(c));
        return { status: 202, body: result };
      },
    }),
    route({
      method: 'POST',
      path: '/portal-signup/confirm',
      roles: 'public',
      docs: {
        summary:
          'Open the portal account with the code texted: a wrong, used or expired code is a 400 AUTH.RESET_CODE_INVALID counted like a failed sign-in; a username in use is a 409 USER.USERNAME_TAKEN that keeps the code',
        response: portalSignupOpenedSchema,
        successStatus: 201,
      },
      body: confirmPortalSignupInputSchema,
      async handle({ body, ip, requestId }) {
        const c = await container();
        const { account, ...result } = await confirmPortalSignup(
          { ...body, ip, uid: idFromRequest('u', requestId) },
          {
            findCustomer: (code) => firestoreCustomerStore(c.db).findByCode(code),
            find: (customerId) => firestorePortalSignupStore(c.db).find(customerId),
            throttle: firestoreThrottleStore(c.db),
            verifyCode: verifyPassword,
            hashPassword,
            open: (signup, user) => openPortalAccount(c, signup, user),
            clock: c.clock,
          },
        );
        return { status: 201, body: result, actedAs: account };
      },
    }),
    route({
      method: 'GET',
      path: '/me',
      roles: ['admin', 'office', 'driver', 'customer'],
      docs: { summary: 'The caller as the token describes them' },
      async handle({ principal }) {
        return { body: principal };
      },
    }),
  ],
};

http('auth', createHttpHandler(authFunction, async () => (await container()).http));

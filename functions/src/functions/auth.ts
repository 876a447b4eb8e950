import { http } from '@google-cloud/functions-framework';
import { firestoreCredentialStore } from '../adapters/firestore/credential-store';
import { firestoreThrottleStore } from '../adapters/firestore/login-throttle-store';
import { container } from '../adapters/container';
import { DomainError } from '../domain/errors';
import { changePasswordInputSchema, hashPassword, verifyPassword, withNewPassword } from '../domain/users';
import { changePassword, changePasswordResponseSchema } from '../http/auth/change-password';
import { login, loginRequestSchema, loginResponseSchema } from '../http/auth/login';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { changeAccount } from './use-cases/change-account';

export const authFunction: HttpFunctionDef = {
  name: 'auth',
  routes: [
    route({
      method: 'POST',
      path: '/login',
      roles: 'public',
      // A sign-in changes no record; failed ones are counted by the login throttle.
      audit: false,
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
            ttlSeconds: c.config.auth.tokenTtlSeconds,
            customTokens: c.customTokens,
          },
        );
        return { body: result };
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
            setPassword: async (uid, hash, now) => void (await changeAccount(c, uid, (u) => withNewPassword(u, hash, now))),
            clock: c.clock,
          },
        );
        return { body: result };
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

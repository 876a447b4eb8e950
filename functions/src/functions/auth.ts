import { http } from '@google-cloud/functions-framework';
import { firestoreCredentialStore } from '../adapters/firestore/credential-store';
import { firestoreThrottleStore } from '../adapters/firestore/login-throttle-store';
import { container } from '../adapters/container';
import { DomainError } from '../domain/errors';
import { verifyPassword } from '../domain/users/password';
import { login, loginRequestSchema, loginResponseSchema } from '../http/auth/login';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

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

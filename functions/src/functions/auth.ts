import { http } from '@google-cloud/functions-framework';
import { firestoreCredentialStore } from '../adapters/firestore/credential-store';
import { firestoreThrottleStore } from '../adapters/firestore/login-throttle-store';
import { container } from '../adapters/container';
import { DomainError } from '../domain/errors';
import { verifyPassword } from '../domain/users/password';
import { login, loginRequestSchema, loginResponseSchema } from '../http/auth/login';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

async function localIssuerOrRefuse() {
  const c = await container();
  if (!c.localIssuer) {
    throw new DomainError('AUTH.LOGIN_DISABLED', 'not_found', 'Production signs in with Firebase Authentication');
  }
  return { c, issuer: c.localIssuer };
}

export const authFunction: HttpFunctionDef = {
  name: 'auth',
  routes: [
    route({
      method: 'POST',
      path: '/login',
      roles: 'public',
      docs: { summary: 'Sign in with username and password (local dev issuer)', response: loginResponseSchema },
      body: loginRequestSchema,
      async handle({ body, ip }) {
        const { c, issuer } = await localIssuerOrRefuse();
        const result = await login(
          { username: body.username, password: body.password, ip },
          {
            users: firestoreCredentialStore(c.db),
            throttle: firestoreThrottleStore(c.db),
            issuer,
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
        const { issuer } = await localIssuerOrRefuse();
        return { body: issuer.jwks(), headers: { 'Cache-Control': 'public, max-age=300' } };
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

import { startTestStack, type TestStack } from '../local/test-support';
import { API_FUNCTIONS } from './api-functions';
import { apiClient, PRINCIPALS, type Who } from './test-support/api-client';
import { mountOf } from '../http/endpoint';
import type { Role } from '../domain/events';

/**
 * Least privilege, checked for every route of every HTTP function: a role the route does not list
 * gets 403 and no token gets 401, before any input is looked at; a listed role gets past the gate.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'access', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());

/** One principal of every role: a role added later fails to compile here until the matrix covers it. */
const ONE_OF_EACH_ROLE: Record<Role, Who> = { admin: 'admin', office: 'office', driver: 'driver1', customer: 'customerA', turnkey: 'turnkey' };
const WHO: readonly Who[] = Object.values(ONE_OF_EACH_ROLE);
const routes = API_FUNCTIONS.flatMap((fn) =>
  fn.routes.map((r) => ({
    fn: fn.name,
    method: r.method,
    path: `${mountOf(fn)}${r.path === '/' ? '' : r.path.replace(/:[A-Za-z]+/g, 'x-1')}`,
    roles: r.roles,
  })),
);

describe('access matrix', () => {
  it.each(routes.filter((r) => r.roles !== 'public'))('$method $path refuses a missing token with 401', async ({ method, path }) => {
    const res = await call(method, path, method === 'GET' ? {} : { body: {} });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH.UNAUTHENTICATED');
  });

  const cases = routes
    .filter((r) => r.roles !== 'public')
    .flatMap((r) => WHO.map((who) => ({ ...r, who, allowed: (r.roles as readonly Role[]).includes(PRINCIPALS[who].role) })));
  it.each(cases)('$method $path as $who → allowed=$allowed', async ({ method, path, who, allowed }) => {
    const res = await call(method, path, { as: who, ...(method === 'GET' ? {} : { body: {} }) });
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    }
  });
});

import fc from 'fast-check';
import type { Role } from '../domain/events';
import { mountOf } from '../http/endpoint';
import { startTestStack, type TestStack } from '../local/test-support';
import { API_FUNCTIONS } from './api-functions';
import { apiClient, PRINCIPALS, type Who } from './test-support/api-client';

/**
 * Bad input gets a 4xx, never a 5xx, on every route: arbitrary JSON bodies and query strings from
 * fast-check, sent by a role the route admits.
 */
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'fuzz', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
});
afterAll(() => stack.close());

const caller = (roles: readonly Role[] | 'public'): Who | undefined =>
  roles === 'public' ? undefined : (Object.keys(PRINCIPALS) as Who[]).find((w) => roles.includes(PRINCIPALS[w].role));

const routes = API_FUNCTIONS.flatMap((fn) =>
  fn.routes.map((r) => ({
    label: `${r.method} ${mountOf(fn)}${r.path === '/' ? '' : r.path}`,
    method: r.method,
    path: `${mountOf(fn)}${r.path === '/' ? '' : r.path.replace(/:[A-Za-z]+/g, 'x-1')}`,
    as: caller(r.roles),
    hasBody: r.body !== undefined,
  })),
);

const queryValue = fc.oneof(fc.string(), fc.integer().map(String), fc.constantFrom('', '-1', '1e9', '2026-02-30', 'NaN'));

describe('no input makes a route answer 5xx', () => {
  it.each(routes)('$label', async ({ method, path, as, hasBody }) => {
    await fc.assert(
      fc.asyncProperty(
        hasBody ? fc.oneof(fc.anything(), fc.object()) : fc.constant(undefined),
        fc.dictionary(fc.constantFrom('date', 'limit', 'cursor', 'q', 'days', 'status', 'from', 'to', 'minRisk', 'customerId', 'withinDays', 'month', 'period', 'size', 'dueWithinDays', 'location'), queryValue),
        async (body, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await call(method, `${path}${qs ? `?${qs}` : ''}`, {
            ...(as ? { as } : {}),
            ...(body !== undefined ? { body } : {}),
          });
          expect({ status: res.status < 500 ? 'below 500' : res.status, body: res.status < 500 ? null : res.body }).toEqual({
            status: 'below 500',
            body: null,
          });
        },
      ),
      { numRuns: 6, seed: 42 },
    );
  });
});

/** Ids go into document paths: one with a `/` (sent as %2F) or a reserved `__…__` name is the caller's mistake, a 400. */
const idRoutes = API_FUNCTIONS.flatMap((fn) =>
  fn.routes
    .filter((r) => r.path.includes('/:'))
    .flatMap((r) =>
      ['a%2Fb', '__id__'].map((bad) => ({
        label: `${r.method} ${mountOf(fn)}${r.path} with id ${bad}`,
        method: r.method,
        path: `${mountOf(fn)}${r.path.replace(/:[A-Za-z]+/g, bad)}`,
        as: caller(r.roles),
      })),
    ),
);

describe('an id that cannot name a document is refused as invalid input', () => {
  it.each(idRoutes)('$label', async ({ method, path, as }) => {
    const res = await call(method, path, as ? { as } : {});
    expect({ status: res.status, code: res.body['error']?.code }).toEqual({ status: 400, code: 'REQUEST.VALIDATION' });
  });
});

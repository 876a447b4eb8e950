import type { AuditedRequest } from '../audit';

/** An office clerk's recorded cash payment of NT$1,200 for customer `cust-a`, as the HTTP layer hands it to the audit log; `overrides` for the rest. */
export const anAuditedRequest = (overrides: Partial<AuditedRequest> = {}): AuditedRequest => ({
  requestId: 'req-1',
  principal: { uid: 'u-office', role: 'office' },
  function: 'customers',
  method: 'POST',
  route: '/:id/payments',
  summary: 'Record a payment',
  params: { id: 'cust-a' },
  body: { amount: 1200, channel: 'cash' },
  status: 201,
  response: { id: 'pay-1', amount: 1200 },
  ip: '203.0.113.9',
  ...overrides,
});

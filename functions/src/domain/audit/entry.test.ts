import {
  auditEntryOf,
  entityOfResponse,
  isSecretField,
  MAX_BODY_JSON_LENGTH,
  MAX_ENTITY_IDS,
  MAX_STRING_LENGTH,
  redactBody,
  REDACTED,
} from './entry';
import { anAuditedRequest } from '../test-support';


describe('which fields are secret', () => {
  it.each(['password', 'newPassword', 'oneTimeCode', 'passwordHash', 'token', 'firebaseToken', 'lineChannelToken', 'apiKey', 'api_key', 'X-Api-Key', 'clientSecret', 'hashIV', 'HashKey', 'qrAesKey', 'privateKey', 'authorization', 'credentials'])(
    '%s is',
    (name) => expect(isSecretField(name)).toBe(true),
  );

  it.each(['name', 'customerId', 'taxId', 'carrierNumber', 'donationCode', 'amount', 'reason', 'note', 'dueKey', 'serials', 'phone'])('%s is not', (name) =>
    expect(isSecretField(name)).toBe(false),
  );
});

describe('a body as the audit log keeps it', () => {
  it('replaces every secret value at any depth, arrays included, and keeps the rest', () => {
    expect(
      redactBody({
        username: 'office9',
        password: 'a-long-password',
        settings: { apiKey: 'k-123', nested: [{ token: 't', note: 'ok' }] },
        passwordHash: { algo: 'scrypt' },
      }),
    ).toEqual({ username: 'office9', password: REDACTED, settings: { apiKey: REDACTED, nested: [{ token: REDACTED, note: 'ok' }] }, passwordHash: REDACTED });
  });

  it('keeps what JSON would send: dates as strings, no undefined; nothing stays nothing', () => {
    expect(redactBody({ at: new Date('2026-11-28T02:00:00Z'), gone: undefined, n: 1 })).toEqual({ at: '2026-11-28T02:00:00.000Z', n: 1 });
    expect(redactBody(undefined)).toBeUndefined();
  });

  it('cuts a long string (a pasted CSV) and notes its length', () => {
    const csv = 'x'.repeat(MAX_STRING_LENGTH + 500);
    expect(redactBody({ csv })).toEqual({ csv: `${'x'.repeat(MAX_STRING_LENGTH)}…[${MAX_STRING_LENGTH + 500} chars]` });
  });

  it('leaves out a body still too large after cutting, noting its size', () => {
    const body = { serials: Array.from({ length: 20_000 }, (_, i) => `TW20-${String(i).padStart(6, '0')}`) };
    const kept = redactBody(body) as { omitted: string };
    expect(kept).toEqual({ omitted: expect.stringMatching(/^\d+ chars$/) });
    expect(Number.parseInt(kept.omitted, 10)).toBeGreaterThan(MAX_BODY_JSON_LENGTH);
  });
});

describe('the entity an answer names', () => {
  it('is its own id, an account’s uid or a cylinder’s serial', () => {
    expect(entityOfResponse({ id: 'pay-1', uid: 'ignored' })).toBe('pay-1');
    expect(entityOfResponse({ uid: 'u-driver9', username: 'driver9' })).toBe('u-driver9');
    expect(entityOfResponse({ serial: 'TW20-0001' })).toBe('TW20-0001');
  });

  it('else the id of the first object it wraps; none for lists and plain results', () => {
    expect(entityOfResponse({ closure: { id: 'cl-1' }, affectedOrders: [{ id: 'o-1' }] })).toBe('cl-1');
    expect(entityOfResponse({ items: [{ id: 'x' }] })).toBeNull();
    expect(entityOfResponse({ updated: ['a'] })).toBeNull();
    expect(entityOfResponse('text')).toBeNull();
    expect(entityOfResponse(null)).toBeNull();
  });
});

describe('an audit entry', () => {
  const at = new Date('2026-11-28T02:03:04.005Z');

  it('names who, when, what, on which entity, and expires seven years later', () => {
    expect(auditEntryOf(anAuditedRequest({ principal: { uid: 'u-driver1', role: 'driver', driverId: 'drv-1' } }), at)).toEqual({
      id: 'req-1',
      at: '2026-11-28T02:03:04.005Z',
      expiresAt: '2033-11-28T02:03:04.005Z',
      actor: { uid: 'u-driver1', role: 'driver', driverId: 'drv-1' },
      function: 'customers',
      method: 'POST',
      route: '/:id/payments',
      summary: 'Record a payment',
      params: { id: 'cust-a' },
      body: { amount: 1200, channel: 'cash' },
      status: 201,
      entityId: 'pay-1',
      entityIds: ['pay-1', 'cust-a'],
      ip: '203.0.113.9',
    });
  });

  it('keeps the body redacted and has none when the request had none', () => {
    expect(auditEntryOf(anAuditedRequest({ body: { username: 'x', password: 'secret-enough' } }), at).body).toEqual({ username: 'x', password: REDACTED });
    expect(auditEntryOf(anAuditedRequest({ body: undefined }), at)).not.toHaveProperty('body');
  });

  it('falls back to the last path parameter when the answer names nothing', () => {
    const entry = auditEntryOf(anAuditedRequest({ route: '/:id/payments/:paymentId/void', params: { id: 'cust-a', paymentId: 'pay-7' }, response: { ok: true } }), at);
    expect(entry.entityId).toBe('pay-7');
    expect(auditEntryOf(anAuditedRequest({ route: '/', params: {}, response: {} }), at).entityId).toBeNull();
  });

  it('lists the ids the body names (never a secret one), once each, at most the cap', () => {
    const entry = auditEntryOf(
      anAuditedRequest({ params: {}, response: { id: 'o-1' }, body: { customerId: 'cust-a', driverId: 'drv-1', note: 'n', tokenId: 'tok-1', orderIds: ['o-1', 'o-2', 7], serials: ['TW20-1'] } }),
      at,
    );
    expect(entry.entityIds).toEqual(['o-1', 'cust-a', 'drv-1', 'o-2', 'TW20-1']);
    const many = auditEntryOf(anAuditedRequest({ body: { serials: Array.from({ length: 300 }, (_, i) => `S-${i}`) } }), at);
    expect(many.entityIds).toHaveLength(MAX_ENTITY_IDS);
  });

  it('lists the further records the change wrote, which the answer does not name (the orders that followed a customer)', () => {
    const entry = auditEntryOf(anAuditedRequest({ method: 'PATCH', route: '/:id', response: { id: 'cust-a' }, body: { location: { lat: 25, lng: 121.5 } }, touched: ['ord-1', 'ord-2'] }), at);
    expect(entry.entityId).toBe('cust-a');
    expect(entry.entityIds).toEqual(['cust-a', 'ord-1', 'ord-2']);
  });
});

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { DomainError } from '../errors';
import { exampleOf } from '../schema';
import { aCustomer, aCustomerRequest } from '../test-support/customer-mother';
import {
  assertCanOrder,
  createCustomer,
  createCustomerInputSchema,
  customerSchema,
  deactivateCustomer,
  notificationLocaleOf,
  reactivateCustomer,
  serviceTimeMinutes,
  updateCustomer,
  updateCustomerInputSchema,
} from './customer';
import { NEVER_INSPECTED, safetyDueKeyOf } from '../safety';
import { matchesSearch } from './search';

const later = new Date('2026-11-20T03:00:00Z');

describe('customer input', () => {
  it('accepts its own OpenAPI example', () => {
    const example = exampleOf(createCustomerInputSchema);
    expect(example).toBeDefined();
    expect(createCustomerInputSchema.safeParse(example).success).toBe(true);
    expect(updateCustomerInputSchema.safeParse(exampleOf(updateCustomerInputSchema)).success).toBe(true);
  });

  it('writes to a customer in zh-TW unless their record names English', () => {
    expect(notificationLocaleOf(createCustomerInputSchema.parse(aCustomerRequest()))).toBe('zh-TW');
    expect(notificationLocaleOf(createCustomerInputSchema.parse(aCustomerRequest({ notificationLocale: 'en' })))).toBe('en');
    expect(updateCustomerInputSchema.parse({ notificationLocale: 'en' })).toEqual({ notificationLocale: 'en' });
  });

  it('normalises phones and fills defaults', () => {
    const parsed = createCustomerInputSchema.parse(aCustomerRequest({ phones: ['0912345678', '02 2941 5566'] }));
    expect(parsed.phones).toEqual(['0912-345-678', '(02)2941-5566']);
    expect(parsed).toEqual(
      expect.objectContaining({ paymentTerms: 'cash', autoDelivery: false, closedDays: [], floorsWithoutElevator: 0, notes: '' }),
    );
  });

  it.each([
    [{ phones: ['12345'] }, 'phones.0', 'CUSTOMER.PHONE_INVALID'],
    [{ phones: [] }, 'phones', undefined],
    [{ invoice: { taxId: '22099132' } }, 'invoice.taxId', 'CUSTOMER.TAX_ID_INVALID'],
    [{ invoice: { carrier: 'ABC' } }, 'invoice.carrier', 'CUSTOMER.CARRIER_INVALID'],
    [{ invoice: { taxId: '22099131', carrier: '/ABC1234' } }, 'invoice.carrier', 'CUSTOMER.INVOICE_TAX_ID_OR_CARRIER'],
    [{ closedDays: [1, 1] }, 'closedDays', 'CUSTOMER.DUPLICATE_CLOSED_DAY'],
    [{ closedDays: [7] }, 'closedDays.0', undefined],
    [{ deliveryWindows: [{ start: '12:00', end: '09:00' }] }, 'deliveryWindows.0.end', 'TIME.WINDOW_END_BEFORE_START'],
    [{ cylindersOnSite: [{ size: 21, count: 1, depositPaid: 0 }] }, 'cylindersOnSite.0.size', undefined],
    [{ type: 'school' }, 'type', undefined],
    [{ lineUserId: 'someone' }, 'lineUserId', 'CUSTOMER.LINE_USER_ID_INVALID'],
    [{ location: { lat: 35.68, lng: 139.76 } }, 'location.lat', undefined],
    [{ code: 'abc' }, 'code', 'CUSTOMER.CODE_INVALID'],
    [{ notificationLocale: 'ja' }, 'notificationLocale', undefined],
  ])('rejects %j at %s', (override, path, message) => {
    const result = createCustomerInputSchema.safeParse(aCustomerRequest(override));
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === path);
    expect(issue).toBeDefined();
    if (message) expect(issue?.message).toBe(message);
  });

  it('generates an OpenAPI 3.1 schema for the request and stored shapes', () => {
    const registry = new OpenAPIRegistry();
    registry.register('CreateCustomerRequest', createCustomerInputSchema);
    registry.register('UpdateCustomerRequest', updateCustomerInputSchema);
    registry.register('Customer', customerSchema);
    const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
    });
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['CreateCustomerRequest', 'UpdateCustomerRequest', 'Customer']),
    );
  });
});

describe('createCustomer', () => {
  const c = aCustomer().withId('cust-0042').withCode('C00042').build();

  it('is active, carries its formatted address and validates as a stored customer', () => {
    expect(c.status).toBe('active');
    expect(c.address.full).toBe('新北市中和區中山路二段100號');
    expect(customerSchema.safeParse(c).success).toBe(true);
  });

  it('refuses a road divided into sections without one it has there (和平東路 in 大安區: 一至三段)', () => {
    const on = (address: Record<string, unknown>) => () => aCustomer().with({ address: { city: '臺北市', district: '大安區', road: '和平東路', number: '42', ...address } }).build();
    expect(on({})).toThrow(expect.objectContaining({ code: 'ADDRESS.SECTION_REQUIRED', details: expect.objectContaining({ path: 'address.section', sections: [1, 2, 3] }) }));
    expect(on({ section: 5 })).toThrow(expect.objectContaining({ code: 'ADDRESS.SECTION_UNKNOWN' }));
    expect(on({ section: 2 })().address.full).toBe('台北市大安區和平東路二段42號');
  });

  it('is searchable by name, phone suffix, road and code', () => {
    for (const q of ['陳記', '5678', '中山路', 'C00042']) expect(matchesSearch(c.searchTokens, q)).toBe(true);
  });
});

describe('updateCustomer', () => {
  const c = aCustomer().build();

  it('changes only the patched fields and refreshes search tokens', () => {
    const patch = updateCustomerInputSchema.parse({
      name: '林家小吃店',
      address: { city: '台北市', district: '大同區', road: '迪化街', section: 1, number: '8' },
    });
    const u = updateCustomer(c, patch, later);
    expect(u.name).toBe('林家小吃店');
    expect(u.phones).toEqual(c.phones);
    expect(u.address.full).toBe('台北市大同區迪化街一段8號');
    expect(u.updatedAt).toBe(later.toISOString());
    expect(u.createdAt).toBe(c.createdAt);
    expect(matchesSearch(u.searchTokens, '林家')).toBe(true);
    expect(matchesSearch(u.searchTokens, '陳記')).toBe(false);
  });

  it('corrects cylinder counts but refuses to change the deposit held, which only deposit records move', () => {
    const held = aCustomer().with({ cylindersOnSite: [{ size: 20, count: 2, depositPaid: 2400 }] }).build();
    expect(() => updateCustomer(held, updateCustomerInputSchema.parse({ cylindersOnSite: [{ size: 20, count: 3, depositPaid: 2400 }] }), later)).not.toThrow();
    for (const lines of [[{ size: 20, count: 2, depositPaid: 3600 }], [], [{ size: 16, count: 1, depositPaid: 0 }]]) {
      expect(() => updateCustomer(held, updateCustomerInputSchema.parse({ cylindersOnSite: lines }), later)).toThrow(
        expect.objectContaining({ code: 'CUSTOMER.DEPOSIT_BY_RECORD', kind: 'precondition', details: { size: 20, path: 'cylindersOnSite' } }),
      );
    }
  });

  it('removes the contact and the LINE id sent as null, and keeps them when absent', () => {
    const withBoth = { ...c, contactName: '林志明', lineUserId: `U${'a'.repeat(32)}` };
    const cleared = updateCustomer(withBoth, updateCustomerInputSchema.parse({ contactName: null, lineUserId: null }), later);
    expect(cleared).not.toHaveProperty('contactName');
    expect(cleared).not.toHaveProperty('lineUserId');
    expect(matchesSearch(cleared.searchTokens, '林志明')).toBe(false);
    const kept = updateCustomer(withBoth, updateCustomerInputSchema.parse({ notes: '後門' }), later);
    expect(kept).toMatchObject({ contactName: '林志明', lineUserId: withBoth.lineUserId, notes: '後門' });
    expect(updateCustomerInputSchema.safeParse({ name: null }).success).toBe(false);
  });

  it('checks the 段 of an address it writes, not of one stored before the check', () => {
    const stored = { ...c, address: { city: '台北市', district: '大安區', road: '和平東路', number: '42', full: '台北市大安區和平東路42號' } };
    expect(updateCustomer(stored, updateCustomerInputSchema.parse({ notes: '後門' }), later).address).toEqual(stored.address);
    const moving = (section?: number) => () =>
      updateCustomer(stored, updateCustomerInputSchema.parse({ address: { city: '台北市', district: '大安區', road: '和平東路', number: '42', ...(section ? { section } : {}) } }), later);
    expect(moving()).toThrow(expect.objectContaining({ code: 'ADDRESS.SECTION_REQUIRED' }));
    expect(moving(4)).toThrow(expect.objectContaining({ code: 'ADDRESS.SECTION_UNKNOWN' }));
    expect(moving(3)().address.full).toBe('台北市大安區和平東路三段42號');
  });

  it('rejects an empty patch and does not default missing fields', () => {
    expect(updateCustomerInputSchema.safeParse({}).success).toBe(false);
    expect(updateCustomerInputSchema.safeParse({ version: 2 }).success).toBe(false);
    expect(updateCustomerInputSchema.parse({ notes: 'x' })).toEqual({ notes: 'x' });
  });
});

describe('the customer version', () => {
  const c = aCustomer().build();

  it('is 1 on a new customer and one more at every write: an edit, deactivation and reactivation', () => {
    expect(createCustomer(createCustomerInputSchema.parse(aCustomerRequest()), { id: 'cust-v', code: 'C00999', now: later }).version).toBe(1);
    const edited = updateCustomer({ ...c, version: 4 }, updateCustomerInputSchema.parse({ notes: '後門' }), later);
    expect(edited.version).toBe(5);
    const off = deactivateCustomer(edited, later);
    expect([off.version, reactivateCustomer(off, later).version]).toEqual([6, 7]);
    const { version: _none, ...seeded } = c;
    expect(updateCustomer(seeded, updateCustomerInputSchema.parse({ notes: '後門' }), later).version).toBe(1);
  });

  it('refuses a change made on a version someone changed since; the same change already there is answered unwritten', () => {
    const now = { ...c, version: 3, phones: ['0922-111-222'], deliveryWindows: [{ start: '14:00', end: '16:00' }] };
    const mine = updateCustomerInputSchema.parse({ deliveryWindows: [{ start: '08:00', end: '10:00' }], version: 2 });
    expect(() => updateCustomer(now, mine, later)).toThrow(expect.objectContaining({ code: 'CUSTOMER.CHANGED', kind: 'conflict', details: { id: c.id, version: 3 } }));
    expect(updateCustomer(now, { ...mine, version: 3 }, later)).toMatchObject({ deliveryWindows: mine.deliveryWindows, phones: now.phones, version: 4 });
    const retried = updateCustomerInputSchema.parse({ phones: ['0922111222'], deliveryWindows: [{ start: '14:00', end: '16:00' }], version: 2 });
    expect(updateCustomer(now, retried, later)).toBe(now);
    expect(updateCustomer(now, updateCustomerInputSchema.parse({ deliveryWindows: mine.deliveryWindows }), later).version).toBe(4);
  });

  it('answers a retried address change unwritten whatever order the stored address keeps its parts in', () => {
    const address = { city: '台北市', district: '大同區', road: '迪化街', section: 1, number: '8' };
    const moved = updateCustomer({ ...c, version: 1 }, updateCustomerInputSchema.parse({ address }), later);
    const asStored = { ...moved, address: Object.fromEntries(Object.entries(moved.address).sort(([a], [b]) => a.localeCompare(b))) as typeof moved.address };
    expect(updateCustomer(asStored, updateCustomerInputSchema.parse({ address, version: 1 }), later)).toBe(asStored);
  });
});

describe('customer location', () => {
  const c = aCustomer().build();
  const moved = { city: '台北市', district: '大同區', road: '迪化街', section: 1, number: '8' };

  it("stores a caller's location as a manual pin, and none without one", () => {
    expect(c).toMatchObject({ location: { lat: 24.9985, lng: 121.4932 }, locationPrecision: 'manual' });
    expect(customerSchema.safeParse(c).success).toBe(true);
    const { location: _pin, ...unlocated } = c;
    expect(customerSchema.safeParse({ ...unlocated, locationPrecision: 'rooftop' }).success).toBe(false);
  });

  it('drops the old location when the address moves without a new one, keeps it for a new floor', () => {
    const u = updateCustomer(c, updateCustomerInputSchema.parse({ address: moved }), later);
    expect(u).not.toHaveProperty('location');
    expect(u).not.toHaveProperty('locationPrecision');
    const upstairs = updateCustomer(c, updateCustomerInputSchema.parse({ address: { ...c.address, floor: '2' } }), later);
    expect(upstairs).toMatchObject({ location: c.location, locationPrecision: 'manual' });
  });

  it('makes the safety inspection due at once when the customer moves (搬家), pinned or not, and keeps it for a new floor', () => {
    const inspected = { ...c, safety: { inspectionId: 'si-1', lastInspectedOn: '2026-09-03', result: 'pass' as const, nextDueOn: '2028-09-03', openItems: [] } };
    const unpinned = updateCustomer(inspected, updateCustomerInputSchema.parse({ address: moved }), later);
    expect(unpinned).not.toHaveProperty('safety');
    expect(safetyDueKeyOf(unpinned)).toBe(NEVER_INSPECTED);
    const pinned = { ...updateCustomerInputSchema.parse({ address: moved }), location: { lat: 25.06, lng: 121.51 }, locationPrecision: 'street' as const };
    expect(updateCustomer(inspected, pinned, later)).not.toHaveProperty('safety');
    const upstairs = updateCustomer(inspected, updateCustomerInputSchema.parse({ address: { ...c.address, floor: '2' } }), later);
    expect(upstairs.safety).toEqual(inspected.safety);
    expect(updateCustomer(inspected, updateCustomerInputSchema.parse({ notes: '後門' }), later).safety).toEqual(inspected.safety);
  });

  it('keeps a supply stop (停止供氣) through a move (搬家): the unsafe installation may move with them, and only an inspection lifts it', () => {
    const stopped = { ...c, supplyStop: { serviceCallId: 'svc-1', since: '2026-11-30', items: ['hose' as const] } };
    const movedAway = updateCustomer(stopped, updateCustomerInputSchema.parse({ address: moved }), later);
    expect(movedAway.supplyStop).toEqual(stopped.supplyStop);
    // Due for the inspection from the stop's day, before anything else.
    expect(safetyDueKeyOf(movedAway)).toBe('2026-11-30');
  });

  it('takes a geocoded location with its precision, and a location sent alone as a manual pin', () => {
    const geocoded = { ...updateCustomerInputSchema.parse({ address: moved }), location: { lat: 25.06, lng: 121.51 }, locationPrecision: 'street' as const };
    expect(updateCustomer(c, geocoded, later)).toMatchObject({ location: geocoded.location, locationPrecision: 'street' });
    const dragged = updateCustomer({ ...c, locationPrecision: 'district' }, updateCustomerInputSchema.parse({ location: { lat: 25.0, lng: 121.5 } }), later);
    expect(dragged).toMatchObject({ location: { lat: 25.0, lng: 121.5 }, locationPrecision: 'manual' });
  });
});

describe('deactivation', () => {
  const c = aCustomer().build();

  it('keeps the customer and its identity but blocks new orders', () => {
    const d = deactivateCustomer(c, later);
    expect(d).toEqual(expect.objectContaining({ id: c.id, code: c.code, status: 'inactive', deactivatedAt: later.toISOString() }));
    expect(() => assertCanOrder(d)).toThrow(expect.objectContaining({ code: 'CUSTOMER.INACTIVE', kind: 'conflict' }));
    expect(() => assertCanOrder(c)).not.toThrow();
  });

  it('refuses to deactivate twice or reactivate an active customer', () => {
    expect(() => deactivateCustomer(deactivateCustomer(c, later), later)).toThrow(DomainError);
    expect(() => reactivateCustomer(c, later)).toThrow(expect.objectContaining({ code: 'CUSTOMER.ALREADY_ACTIVE' }));
  });

  it('reactivates without the deactivation date', () => {
    const r = reactivateCustomer(deactivateCustomer(c, later), later);
    expect(r.status).toBe('active');
    expect(r).not.toHaveProperty('deactivatedAt');
  });
});

describe('serviceTimeMinutes', () => {
  it('grows with cylinders and with floors climbed without a lift', () => {
    const ground = serviceTimeMinutes({ floorsWithoutElevator: 0 }, 1);
    const fourth = serviceTimeMinutes({ floorsWithoutElevator: 4 }, 1);
    expect(fourth).toBeGreaterThan(ground);
    expect(serviceTimeMinutes({ floorsWithoutElevator: 4 }, 2)).toBeGreaterThan(fourth);
  });
});

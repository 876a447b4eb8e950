import { createCustomer, createCustomerInputSchema, updateCustomer, updateCustomerInputSchema, type Address, type GeocodeResult, type Geocoder } from '../../domain/customers';
import { aCustomer, aCustomerRequest } from '../../domain/test-support/customer-mother';
import { locatedCreateInput, locatedUpdatePatch } from './locate-customer';

const FOUND: GeocodeResult = { location: { lat: 25.0633, lng: 121.5136 }, precision: 'street', source: 'google' };
const now = new Date('2026-11-20T03:00:00Z');
const DIHUA = { city: '台北市', district: '大同區', road: '迪化街', section: 1, number: '8' };

function withoutLocation(): Record<string, unknown> {
  const { location: _pin, ...request } = aCustomerRequest();
  return request;
}

/** Answers `result` and remembers the addresses it was asked about. */
function geocoderAnswering(result: GeocodeResult | null): Geocoder & { asked: string[] } {
  const asked: string[] = [];
  return { asked, geocode: async (a: Address) => (asked.push(a.full), result) };
}

describe('locatedCreateInput', () => {
  it('geocodes a new customer without a location and stores how exact the find is', async () => {
    const geocoder = geocoderAnswering(FOUND);
    const input = createCustomerInputSchema.parse(withoutLocation());
    const located = await locatedCreateInput(geocoder, input);
    expect(geocoder.asked).toEqual(['新北市中和區中山路二段100號']);
    const c = createCustomer(located, { id: 'cust-1', code: 'C00001', now });
    expect(c).toMatchObject({ location: FOUND.location, locationPrecision: 'street' });
  });

  it("keeps a caller's own location as a manual pin without asking", async () => {
    const geocoder = geocoderAnswering(FOUND);
    const input = createCustomerInputSchema.parse(aCustomerRequest());
    const c = createCustomer(await locatedCreateInput(geocoder, input), { id: 'cust-1', code: 'C00001', now });
    expect(geocoder.asked).toEqual([]);
    expect(c).toMatchObject({ location: input.location, locationPrecision: 'manual' });
  });

  it('refuses a sectioned road without a section it has before asking the geocoder', async () => {
    const geocoder = geocoderAnswering(FOUND);
    const input = createCustomerInputSchema.parse(withoutLocation());
    const unsectioned = { ...input, address: { city: '台北市', district: '大安區', road: '和平東路', number: '42' } };
    await expect(locatedCreateInput(geocoder, unsectioned)).rejects.toMatchObject({ code: 'ADDRESS.SECTION_REQUIRED' });
    await expect(locatedCreateInput(geocoder, { ...unsectioned, address: { ...unsectioned.address, section: 5 } })).rejects.toMatchObject({ code: 'ADDRESS.SECTION_UNKNOWN' });
    expect(geocoder.asked).toEqual([]);
  });

  it('saves the customer without a location when nothing is found', async () => {
    const input = createCustomerInputSchema.parse(withoutLocation());
    const c = createCustomer(await locatedCreateInput(geocoderAnswering(null), input), { id: 'cust-1', code: 'C00001', now });
    expect(c).not.toHaveProperty('location');
    expect(c).not.toHaveProperty('locationPrecision');
  });
});

describe('locatedUpdatePatch', () => {
  const current = aCustomer().build();

  it('replaces the old location with the geocoded one when the address moves', async () => {
    const patch = updateCustomerInputSchema.parse({ address: DIHUA });
    const u = updateCustomer(current, await locatedUpdatePatch(geocoderAnswering(FOUND), current, patch), now);
    expect(u).toMatchObject({ location: FOUND.location, locationPrecision: 'street' });
  });

  it('drops the old location when the new address cannot be found', async () => {
    const patch = updateCustomerInputSchema.parse({ address: DIHUA });
    const u = updateCustomer(current, await locatedUpdatePatch(geocoderAnswering(null), current, patch), now);
    expect(u).not.toHaveProperty('location');
    expect(u).not.toHaveProperty('locationPrecision');
  });

  it('refuses a new address on a sectioned road without its 段 before asking the geocoder', async () => {
    const geocoder = geocoderAnswering(FOUND);
    const patch = updateCustomerInputSchema.parse({ address: { ...DIHUA, section: undefined } });
    await expect(locatedUpdatePatch(geocoder, current, patch)).rejects.toMatchObject({ code: 'ADDRESS.SECTION_REQUIRED', details: { sections: [1, 2] } });
    expect(geocoder.asked).toEqual([]);
  });

  it('leaves the pin alone, without asking, for a new floor, an unchanged address or a patch with its own location', async () => {
    const geocoder = geocoderAnswering(FOUND);
    const samePlace = updateCustomerInputSchema.parse({ address: { ...current.address, full: undefined, floor: '5' } });
    const withPin = updateCustomerInputSchema.parse({ address: DIHUA, location: { lat: 25.06, lng: 121.51 } });
    expect(await locatedUpdatePatch(geocoder, current, samePlace)).toBe(samePlace);
    expect(await locatedUpdatePatch(geocoder, current, withPin)).toBe(withPin);
    expect(geocoder.asked).toEqual([]);
    expect(updateCustomer(current, samePlace, now)).toMatchObject({ location: current.location, locationPrecision: 'manual', address: { floor: '5' } });
    expect(updateCustomer(current, withPin, now)).toMatchObject({ location: { lat: 25.06, lng: 121.51 }, locationPrecision: 'manual' });
  });
});

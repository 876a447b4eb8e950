import {
  addressMovesLocation,
  assertRoadSection,
  withFullAddress,
  type CreateCustomerInput,
  type Customer,
  type Geocoder,
  type LocationPrecision,
  type UpdateCustomerInput,
} from '../../domain/customers';

type Located<T> = T & { locationPrecision?: LocationPrecision };

/**
 * A new customer's input with the location the geocoder finds for its address, when the caller
 * gave none (a caller's own location is a pin and stays as it is). Without a find, the input is
 * unchanged and the customer is saved without a location. An address `createCustomer` would refuse for its 段 is
 * refused here, before it costs a Maps call and its wait.
 * @throws DomainError `ADDRESS.SECTION_REQUIRED` / `ADDRESS.SECTION_UNKNOWN`
 */
export async function locatedCreateInput(geocoder: Geocoder, input: CreateCustomerInput): Promise<Located<CreateCustomerInput>> {
  assertRoadSection(input.address);
  if (input.location) return input;
  const found = await geocoder.geocode(withFullAddress(input.address));
  return found ? { ...input, location: found.location, locationPrecision: found.precision } : input;
}

/**
 * A patch that moves the customer to another building, without a location of its own, gets the
 * geocoded one (or none: `updateCustomer` then drops the old location, which points elsewhere).
 * Any other patch is returned as it is, without asking the geocoder. A new address is checked for its 段 first, as
 * `updateCustomer` would, so a refused edit costs no Maps call.
 * @throws DomainError `ADDRESS.SECTION_REQUIRED` / `ADDRESS.SECTION_UNKNOWN`
 */
export async function locatedUpdatePatch(geocoder: Geocoder, current: Customer, patch: UpdateCustomerInput): Promise<Located<UpdateCustomerInput>> {
  if (patch.address) assertRoadSection(patch.address);
  if (!patch.address || patch.location || !addressMovesLocation(current.address, patch.address)) return patch;
  const found = await geocoder.geocode(withFullAddress(patch.address));
  return found ? { ...patch, location: found.location, locationPrecision: found.precision } : patch;
}

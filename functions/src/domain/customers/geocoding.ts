import { z, type LatLng } from '../schema';
import { addressInputSchema, formatAddress, taiwanLocationSchema, type Address, type AddressInput } from './address';

/**
 * How exactly a customer's stored `location` is known: `manual` pinned or typed by a person,
 * `address` a rooftop or interpolated house number, `street` the road or area it lies on,
 * `district` only the 區 / 鄉 / 鎮 / 市 centre (route times to it are rough). A record without
 * one predates geocoding: its location was typed in, so it counts as `manual`.
 */
export const LOCATION_PRECISIONS = ['manual', 'address', 'street', 'district'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];
export type GeocodedPrecision = Exclude<LocationPrecision, 'manual'>;

export interface GeocodeResult {
  readonly location: LatLng;
  readonly precision: GeocodedPrecision;
  readonly source: 'google' | 'gazetteer';
}

/** `POST /api/customers/geocode`: where the form's address is, before the customer is saved. */
export const geocodeRequestSchema = z
  .object({ address: addressInputSchema })
  .openapi('GeocodeRequest', { example: { address: { city: '新北市', district: '中和區', road: '中山路', section: 2, number: '100' } } });

/** The answer, or `null` when the address cannot be found (the form then asks for a pin). */
export const geocodeAnswerSchema = z
  .object({
    location: taiwanLocationSchema,
    precision: z.enum(LOCATION_PRECISIONS).exclude(['manual']),
    source: z.enum(['google', 'gazetteer']),
  })
  .nullable()
  .openapi('GeocodeAnswer', { example: { location: { lat: 24.99852, lng: 121.49318 }, precision: 'address', source: 'google' } });

/** Finds where an address is. Null when it cannot be found with any confidence. */
export interface Geocoder {
  geocode(address: Address): Promise<GeocodeResult | null>;
}

/** One step less exact, for a geocoder that matched only part of the address. */
export function lessPrecise(precision: GeocodedPrecision): GeocodedPrecision {
  return precision === 'address' ? 'street' : 'district';
}

/** The address that decides where the building is: the floor does not move it. */
export const locatingAddress = (a: AddressInput): string => formatAddress({ ...a, floor: undefined });

/** Whether changing the address from `before` to `after` moves the customer somewhere else. */
export const addressMovesLocation = (before: AddressInput, after: AddressInput): boolean => locatingAddress(before) !== locatingAddress(after);

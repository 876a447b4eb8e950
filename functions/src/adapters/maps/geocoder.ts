import type { Config } from '../../config/load-config';
import {
  districtCentre,
  lessPrecise,
  locatingAddress,
  normalisePlaceName,
  taiwanLocationSchema,
  type Address,
  type GeocodedPrecision,
  type Geocoder,
  type GeocodeResult,
} from '../../domain/customers';
import { systemClock, type Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { CircuitBreaker, CircuitOpenError, DEFAULT_BREAKER } from '../../domain/resilience/circuit-breaker';
import { callProvider, type Fetch } from '../notify/http';
import { mapsError } from './maps-error';

/**
 * Geocoders filling the domain's `Geocoder` port: Google's Geocoding API when a Maps key is
 * configured, the district gazetteer (`DISTRICT_CENTRES`, no key, no network) otherwise and
 * whenever Google cannot answer, so saving a customer never waits on Maps being up.
 */
export const GEOCODING_API_BASE = 'https://maps.googleapis.com';

export interface GoogleGeocoderOptions {
  readonly apiKey: string;
  /** `https://maps.googleapis.com`, or a local server in tests. */
  readonly apiBase?: string;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
}

/** The documented `location_type` values, from most to least exact. */
const PRECISION_OF_LOCATION_TYPE: Record<string, GeocodedPrecision> = {
  ROOFTOP: 'address',
  RANGE_INTERPOLATED: 'address',
  GEOMETRIC_CENTER: 'street',
  APPROXIMATE: 'district',
};

/** Components that name a city or district; Google files Taiwan's 市 and 區 under different levels over time. */
const PLACE_TYPES = new Set(['administrative_area_level_1', 'administrative_area_level_2', 'administrative_area_level_3', 'locality', 'sublocality', 'sublocality_level_1']);

interface GeocodingResponse {
  readonly status?: string;
  readonly error_message?: string;
  readonly results?: readonly {
    readonly geometry?: { readonly location?: { readonly lat?: unknown; readonly lng?: unknown }; readonly location_type?: string };
    readonly partial_match?: boolean;
    readonly formatted_address?: string;
    readonly address_components?: readonly { readonly long_name?: string; readonly short_name?: string; readonly types?: readonly string[] }[];
  }[];
}
type GeocodingResult = NonNullable<GeocodingResponse['results']>[number];

/** Statuses that a later attempt may get past; REQUEST_DENIED, INVALID_REQUEST and OVER_DAILY_LIMIT (key or billing) will not. */
const RETRYABLE_STATUSES = new Set(['OVER_QUERY_LIMIT', 'UNKNOWN_ERROR']);

/** The result only if it lies in Taiwan and in the city and district asked for: a geocoder's best guess elsewhere would misroute a truck. */
function trusted(result: GeocodingResult, address: Address): GeocodeResult | null {
  const where = taiwanLocationSchema.safeParse(result.geometry?.location);
  if (!where.success) return null;
  const places = new Set(
    (result.address_components ?? [])
      .filter((c) => c.types?.some((t) => PLACE_TYPES.has(t)))
      .flatMap((c) => [c.long_name, c.short_name])
      .filter((n): n is string => typeof n === 'string')
      .map(normalisePlaceName),
  );
  if (!places.has(normalisePlaceName(address.city)) || !places.has(normalisePlaceName(address.district))) return null;
  const precision = PRECISION_OF_LOCATION_TYPE[result.geometry?.location_type ?? ''] ?? 'district';
  return { location: where.data, precision: result.partial_match ? lessPrecise(precision) : precision, source: 'google' };
}

/**
 * Google Geocoding API (`GET /maps/api/geocode/json`), asked in zh-TW and restricted to Taiwan.
 * The floor is left out of the query: it does not move the building and confuses the matcher.
 * @throws DomainError `MAPS.UNAVAILABLE` (quota, server error, timeout) or `MAPS.REJECTED` (key, request).
 */
export function googleGeocoder(options: GoogleGeocoderOptions): Geocoder {
  const base = (options.apiBase ?? GEOCODING_API_BASE).replace(/\/$/, '');
  const call = { provider: 'MAPS', timeoutMs: options.timeoutMs ?? 5000, fetch: options.fetch ?? fetch };
  return {
    async geocode(address) {
      const query = new URLSearchParams({ address: locatingAddress(address), key: options.apiKey, language: 'zh-TW', region: 'tw', components: 'country:TW' });
      const { response, body } = await callProvider(call, `${base}/maps/api/geocode/json?${query}`, { method: 'GET' }).catch((error: unknown) => {
        throw error instanceof DomainError ? mapsError('unavailable', error.message, { code: error.code }, error) : error;
      });
      if (!response.ok) {
        const retryable = response.status === 429 || response.status >= 500;
        throw mapsError(retryable ? 'unavailable' : 'validation', `Geocoding API answered ${response.status}`, { status: response.status, body: body.slice(0, 500) });
      }
      let answer: GeocodingResponse;
      try {
        answer = JSON.parse(body) as GeocodingResponse; // the documented response object; every field is read defensively
      } catch (error) {
        throw mapsError('unavailable', 'Geocoding API answered with something that is not JSON', {}, error);
      }
      if (answer.status === 'ZERO_RESULTS') return null;
      if (answer.status !== 'OK') {
        const kind = RETRYABLE_STATUSES.has(answer.status ?? '') ? 'unavailable' : 'validation';
        throw mapsError(kind, `Geocoding API answered ${answer.status}`, { status: answer.status, message: answer.error_message });
      }
      for (const result of answer.results ?? []) {
        const found = trusted(result, address);
        if (found) return found;
      }
      return null;
    },
  };
}

/** The district's centre from the built-in table: always available, never more exact than `district`. */
export const gazetteerGeocoder: Geocoder = {
  async geocode(address) {
    const location = districtCentre(address.city, address.district);
    return location ? { location, precision: 'district', source: 'gazetteer' } : null;
  },
};

/**
 * `primary`, with `fallback` answering when it fails or finds nothing it trusts: a district centre
 * the office is told to check beats no location, which keeps the customer's orders off every route.
 */
export function withGazetteerFallback(primary: Geocoder, fallback: Geocoder, onFailure: (error: unknown) => void): Geocoder {
  return {
    async geocode(address) {
      try {
        const found = await primary.geocode(address);
        if (found) return found;
      } catch (error) {
        onFailure(error);
      }
      return fallback.geocode(address);
    },
  };
}

const logFailure = (error: unknown): void => {
  // While the breaker is open every call is refused at once; the failures that opened it were logged.
  if (error instanceof CircuitOpenError) return;
  console.error(JSON.stringify({ severity: 'WARNING', message: 'geocoding fell back to the district gazetteer', code: error instanceof DomainError ? error.code : undefined, error: String(error) }));
};

/** Google behind a circuit breaker: once it keeps failing, calls skip it for a while instead of each waiting out a timeout. */
function breaking(geocoder: Geocoder, breaker: CircuitBreaker): Geocoder {
  return { geocode: (address) => breaker.run(() => geocoder.geocode(address)) };
}

/**
 * Google (behind a breaker, with the gazetteer behind it) when a Maps key is configured, the gazetteer alone otherwise.
 * The breaker matters for an import: a thousand rows must not each wait five seconds on a Maps outage.
 */
export function geocoderFromConfig(maps: Config['maps'], onFailure: (error: unknown) => void = logFailure, clock: Clock = systemClock): Geocoder {
  if (!maps.apiKey) return gazetteerGeocoder;
  const google = breaking(googleGeocoder({ apiKey: maps.apiKey, apiBase: maps.geocodingApiBase }), new CircuitBreaker({ ...DEFAULT_BREAKER, clock }));
  return withGazetteerFallback(google, gazetteerGeocoder, onFailure);
}

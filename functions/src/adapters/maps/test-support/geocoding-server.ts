import type { ServerResponse } from 'node:http';
import type { LatLng } from '../../../optimizer/travel-matrix';
import { startHttpServer } from '../../notify/test-support/http-server';

/**
 * A local stand-in for the Geocoding API (`GET /maps/api/geocode/json`) that checks what our
 * adapter must send (key, zh-TW, region tw, country:TW) and answers in the API's JSON: a
 * top-level `status` (errors come with HTTP 200 and an `error_message`, as Google does) and
 * `results` with `geometry.location`, `location_type`, `partial_match` and `address_components`.
 * Addresses it was not told about are ZERO_RESULTS.
 */
export interface KnownPlace {
  readonly location: LatLng;
  readonly locationType: 'ROOFTOP' | 'RANGE_INTERPOLATED' | 'GEOMETRIC_CENTER' | 'APPROXIMATE';
  /** The 市 and 區 the API files the result under (as Google spells them: 臺北市). */
  readonly city: string;
  readonly district: string;
  readonly partialMatch?: boolean;
}

export interface LocalGeocodingServer {
  readonly baseUrl: string;
  /** The `address` parameter of each request received. */
  readonly queries: string[];
  place(address: string, ...results: KnownPlace[]): void;
  /** The next requests answer with this top-level status (e.g. OVER_QUERY_LIMIT) or, as a number, this HTTP status. */
  failWith(status: string | number | null): void;
  /** The next requests are answered only after this long. */
  delayBy(ms: number): void;
  stop(): Promise<void>;
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

const resultOf = (p: KnownPlace) => ({
  address_components: [
    { long_name: p.district, short_name: p.district, types: ['administrative_area_level_3', 'political'] },
    { long_name: p.city, short_name: p.city, types: ['administrative_area_level_1', 'political'] },
    { long_name: '台灣', short_name: 'TW', types: ['country', 'political'] },
  ],
  formatted_address: `${p.city}${p.district}`,
  geometry: { location: p.location, location_type: p.locationType },
  ...(p.partialMatch ? { partial_match: true } : {}),
  place_id: 'local',
  types: ['street_address'],
});

export async function startGeocodingServer(apiKey: string): Promise<LocalGeocodingServer> {
  const queries: string[] = [];
  const places = new Map<string, KnownPlace[]>();
  let failure: string | number | null = null;
  let delayMs = 0;
  const server = await startHttpServer((req, res) => {
    const url = new URL(req.url, 'http://local');
    const answer = () => {
      if (req.method !== 'GET' || url.pathname !== '/maps/api/geocode/json') return json(res, 404, { error: 'Not found' });
      if (typeof failure === 'number') return json(res, failure, { error: 'failure' });
      const q = url.searchParams;
      if (q.get('key') !== apiKey) return json(res, 200, { status: 'REQUEST_DENIED', error_message: 'The provided API key is invalid.', results: [] });
      const address = q.get('address');
      if (!address || q.get('language') !== 'zh-TW' || q.get('region') !== 'tw' || q.get('components') !== 'country:TW') {
        return json(res, 200, { status: 'INVALID_REQUEST', error_message: 'Invalid request.', results: [] });
      }
      queries.push(address);
      if (failure) return json(res, 200, { status: failure, error_message: failure, results: [] });
      const found = places.get(address) ?? [];
      json(res, 200, { status: found.length ? 'OK' : 'ZERO_RESULTS', results: found.map(resultOf) });
    };
    if (delayMs) setTimeout(answer, delayMs);
    else answer();
  });
  return {
    baseUrl: server.baseUrl,
    queries,
    place: (address, ...results) => void places.set(address, results),
    failWith: (status) => void (failure = status),
    delayBy: (ms) => void (delayMs = ms),
    stop: server.stop,
  };
}

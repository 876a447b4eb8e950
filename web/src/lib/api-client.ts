/** One field-level validation message, as the API reports it. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Every failed call surfaces as an ApiError. `status` 0 means the request never got an answer
 * (offline, DNS, connection reset); `code` is the API's stable code or a client-side one
 * (`NETWORK.UNREACHABLE`, `HTTP.UNEXPECTED`) whose text the UI takes from i18n.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** The error's `details` as the API sent them (e.g. each refused serial of a batch), absent when it sent none. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Worth retrying later: no answer, a dependency down, rate limited, or the first attempt under the same
   * Idempotency-Key still running (its outcome is not known yet, so this is no refusal).
   */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500 || this.code === IDEMPOTENCY_IN_PROGRESS;
  }
}

export const NETWORK_UNREACHABLE = 'NETWORK.UNREACHABLE';
/** 409: a request under the same Idempotency-Key is still being processed. */
export const IDEMPOTENCY_IN_PROGRESS = 'IDEMPOTENCY.IN_PROGRESS';
export const HTTP_UNEXPECTED = 'HTTP.UNEXPECTED';

/**
 * The bearer of each call: the local issuer's token as stored, or (production) a Firebase ID token
 * the SDK may have to refresh first. A provider that throws means no request was sent.
 */
export type TokenProvider = () => string | null | Promise<string | null>;

export interface ApiClientOptions {
  /** Prefix of every path, e.g. `''` in the browser or `http://127.0.0.1:5000` in tests. */
  baseUrl: string;
  getToken: TokenProvider;
  getLocale: () => string;
  fetch?: typeof fetch;
  newIdempotencyKey?: () => string;
  /** Called on every 401, with the refusal's code, so the app can drop a stale session and say why. */
  onUnauthenticated?: (code: string) => void;
}

export interface PostOptions {
  /** Reuse a key to make a retry return the first response (the driver queue does this). */
  idempotencyKey?: string;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  /** A file the API serves (e.g. CSV), byte for byte, so a byte order mark survives. */
  getBlob(path: string, query?: Query): Promise<Blob>;
  post<T>(path: string, body: unknown, options?: PostOptions): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** Resolves with nothing on 204 No Content. */
  delete<T = void>(path: string): Promise<T>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseFields(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((f: unknown) =>
    isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string'
      ? [{ path: f.path, message: f.message }]
      : [],
  );
}

/** Maps an error response to an ApiError; bodies outside the contract become `HTTP.UNEXPECTED`. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : '';
    return new ApiError(status, error.code, message, parseFields(error.fields), isRecord(error.details) ? error.details : undefined);
  }
  return new ApiError(status, HTTP_UNEXPECTED, '');
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const newKey = options.newIdempotencyKey ?? (() => crypto.randomUUID());

  /** Sends the call; an answer other than 2xx becomes an ApiError, so callers only read successes. */
  async function send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': options.getLocale(), ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      // Refreshing a Firebase ID token needs the network too: failing to, the call never got an answer.
      const token = await options.getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
      response = await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, NETWORK_UNREACHABLE, '');
    }
    if (!response.ok) {
      const error = toApiError(response.status, parseJson(await response.text()));
      if (response.status === 401) options.onUnauthenticated?.(error.code);
      throw error;
    }
    return response;
  }

  async function request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const response = await send(method, path, body, extra);
    return parseJson(await response.text()) as T; // the API contract (zod schemas server-side) defines the shape
  }

  return {
    get: (path, query) => request('GET', `${path}${buildQuery(query)}`),
    getBlob: async (path, query) => (await send('GET', `${path}${buildQuery(query)}`)).blob(),
    post: (path, body, postOptions) =>
      request('POST', path, body, { 'Idempotency-Key': postOptions?.idempotencyKey ?? newKey() }),
    patch: (path, body) => request('PATCH', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
  };
}

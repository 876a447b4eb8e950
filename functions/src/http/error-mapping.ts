import { DomainError, type ErrorKind } from '../domain/errors';
import type { Locale } from './locale';
import { messageFor } from './messages';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields?: readonly FieldError[];
    readonly details?: Readonly<Record<string, unknown>>;
  };
}

const statusByKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 422,
  rate_limited: 429,
  unavailable: 503,
};

export function statusFor(kind: ErrorKind): number {
  return statusByKind[kind];
}

/** The parts of a request a field can come in, as a field error's path starts (`body.name`, `query.to`, `params.id`). */
export type RequestInput = 'body' | 'query' | 'params';

/**
 * The one boundary from errors to HTTP: domain errors keep their code, anything else is a 500. A domain check on one
 * input field names it bare (`details.path`, e.g. `to`): `inputOf` says which part of the request it came in, the body
 * when not told.
 */
export function toHttpError(err: unknown, locale: Locale, inputOf: (field: string) => RequestInput = () => 'body'): { status: number; body: ErrorBody } {
  if (err instanceof DomainError) {
    const message = messageFor(err.code, locale, err.message, err.details);
    const { fields: rawFields, path, ...rest } = err.details ?? {};
    const isFieldList = Array.isArray(rawFields) && rawFields.every((f) => typeof f === 'object' && f && 'path' in f);
    // A domain check on one input field (details.path) is reported like a schema error on that field.
    const fields: readonly FieldError[] | undefined = isFieldList
      ? (rawFields as FieldError[])
      : typeof path === 'string'
        ? [{ path: `${inputOf(path)}.${path}`, message }]
        : undefined;
    const details = rawFields !== undefined && !isFieldList ? { ...rest, fields: rawFields } : rest;
    return {
      status: statusFor(err.kind),
      body: {
        error: {
          code: err.code,
          message,
          ...(fields ? { fields } : {}),
          ...(Object.keys(details).length > 0 ? { details } : {}),
        },
      },
    };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: messageFor('INTERNAL', locale, 'Internal error') } } };
}

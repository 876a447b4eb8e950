import { DomainError } from '../../domain/errors';

/** A Maps Platform failure: `unavailable` is worth retrying (or falling back), `validation` is a refusal (key, request). */
export function mapsError(kind: 'unavailable' | 'validation', message: string, details: Record<string, unknown>, cause?: unknown): DomainError {
  const code = kind === 'unavailable' ? 'MAPS.UNAVAILABLE' : 'MAPS.REJECTED';
  return new DomainError(code, kind, message, details, cause === undefined ? undefined : { cause });
}

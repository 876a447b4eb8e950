import type { FieldError } from './api-client';

/**
 * The API names a field by where it was sent (`body.items.0.quantity`, `query.date`); a form only
 * sends bodies, so its inputs are keyed by the path inside the body.
 */
export function formFieldMessages(fields: readonly FieldError[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.path.startsWith('body.') ? f.path.slice('body.'.length) : f.path, f.message]));
}

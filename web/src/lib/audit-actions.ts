/**
 * The audit log's readable names: each audited API route has a label under `auditLog.actions`, each API function one
 * under `auditLog.functions`, keyed so vue-i18n's paths take them (no `-`, `:` or `/`). `audit-actions.test.ts` pins the
 * labels to the server's route table.
 */

/** `cylinder-stock` → `cylinder_stock`. */
export const auditFunctionKey = (fn: string): string => fn.replaceAll('-', '_');

/** The function's name back from its key: the API's function names hold no `_`. */
export const auditFunctionOfKey = (key: string): string => key.replaceAll('_', '-');

/** `invoices`, `POST`, `/:id/void` → `invoices.post_id_void`; a function's root route is the method alone (`orders.post`). */
export function auditActionKey(fn: string, method: string, route: string): string {
  const path = route.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, '');
  return `${auditFunctionKey(fn)}.${method.toLowerCase()}${path}`;
}

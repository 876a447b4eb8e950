/**
 * The audit log's function names for its filter: each API function with audited routes has a label under
 * `auditLog.functions`, keyed so vue-i18n's paths take it (no `-`). `audit-actions.test.ts` pins them to the server's
 * route table. What each entry did comes labelled from the API (`action`, functions/src/domain/audit/actions.ts).
 */

/** `cylinder-stock` → `cylinder_stock`. */
export const auditFunctionKey = (fn: string): string => fn.replaceAll('-', '_');

/** The function's name back from its key: the API's function names hold no `_`. */
export const auditFunctionOfKey = (key: string): string => key.replaceAll('_', '-');

/**
 * What an upload that went through still has to tell the driver: a delivery's collected cylinders the register does not
 * know as in service (the API's `unknownSerials`; the office got an alert for them). Shown beside the upload queue's
 * refusals, whether the delivery went up at once or from the offline queue later.
 */
export interface UploadNotice {
  /** The delivery's action id: one notice per upload. */
  actionId: string;
  /** The stop as the queue names it (the customer). */
  label: string;
  serials: string[];
}

/** The notice a deliver answer calls for, or null when it names no unknown collected cylinder (or is no deliver answer). */
export function uploadNotice(action: { actionId: string; label: string }, answer: unknown): UploadNotice | null {
  const serials = typeof answer === 'object' && answer !== null && 'unknownSerials' in answer ? answer.unknownSerials : undefined;
  const named = Array.isArray(serials) ? serials.filter((s): s is string => typeof s === 'string') : [];
  return named.length > 0 ? { actionId: action.actionId, label: action.label, serials: named } : null;
}

/** The notices with one more; an upload answered twice (a retry after a lost answer) is noted once. */
export const withNotice = (notices: readonly UploadNotice[], notice: UploadNotice | null): UploadNotice[] =>
  notice && !notices.some((n) => n.actionId === notice.actionId) ? [...notices, notice] : [...notices];

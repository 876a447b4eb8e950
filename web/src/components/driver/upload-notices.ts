/**
 * What an upload that went through still has to tell the driver: a delivery's collected cylinders the register does not
 * know as in service (the API's `unknownSerials`; the office got an alert for them), and a delivery whose month was
 * closed (關帳) before the phone synced it, booked on the first open day (補登, the API's `deliveryPostedLate`). Shown
 * beside the upload queue's refusals, whether the delivery went up at once or from the offline queue later.
 */
export interface UploadNotice {
  /** The delivery's action id: one notice per upload. */
  actionId: string;
  /** The stop as the queue names it (the customer). */
  label: string;
  serials: string[];
  /** 補登: the day the sale is booked on. */
  bookedOn?: string;
}

const field = (answer: unknown, name: string): unknown => (typeof answer === 'object' && answer !== null && name in answer ? (answer as Record<string, unknown>)[name] : undefined);

/** The notice a deliver answer calls for, or null when it has nothing to tell (or is no deliver answer). */
export function uploadNotice(action: { actionId: string; label: string }, answer: unknown): UploadNotice | null {
  const serials = field(answer, 'unknownSerials');
  const named = Array.isArray(serials) ? serials.filter((s): s is string => typeof s === 'string') : [];
  const bookedOn = field(field(answer, 'deliveryPostedLate'), 'bookedOn');
  if (named.length === 0 && typeof bookedOn !== 'string') return null;
  return { actionId: action.actionId, label: action.label, serials: named, ...(typeof bookedOn === 'string' ? { bookedOn } : {}) };
}

/** The notices with one more; an upload answered twice (a retry after a lost answer) is noted once. */
export const withNotice = (notices: readonly UploadNotice[], notice: UploadNotice | null): UploadNotice[] =>
  notice && !notices.some((n) => n.actionId === notice.actionId) ? [...notices, notice] : [...notices];

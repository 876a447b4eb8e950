import { closuresFor, type ClosurePeriod } from '../closures';
import { invalid } from '../errors';
import { isFailureReasonCode } from '../notifications/templates';
import { z } from '../schema';
import type { Order } from './order';

const REQUIRED = 'ORDER.FAILURE_REASON_REQUIRED';

/**
 * A failed stop's reason as sent (the driver's and the office's alike): a code of `FAILURE_REASONS`, or the driver's
 * words under 其他; missing or blank, the caller is asked to choose one.
 */
export const failureReasonSchema = z.string({ error: REQUIRED }).trim().min(1, { error: REQUIRED }).max(200);

/**
 * What staff may give as the reason of a stop they record failed for its driver (標記未送達, a stop the driver could not
 * report): a code the driver picks (`FAILURE_REASONS`), so that 配送失敗's grouping, the reports and the customer's
 * message treat it as the driver's own, anything the caller heard going in the fail's note; or the name of a closure
 * holding on the stop's day where it is delivered, which the board's 出車中的訂單標記未送達 gives so that its customers are
 * told the closure. Words in place of a code stay the driver's (their 其他).
 * @throws `ORDER.FAILURE_REASON_REQUIRED` (400, on `reason`) for anything else: words, or a code nobody picks
 */
export function assertStaffFailureReason(reason: string, stop: Pick<Order, 'requestedDate' | 'district'>, closures: readonly ClosurePeriod[]): void {
  if (isFailureReasonCode(reason) || closureCallingOff(reason, stop, closures)) return;
  throw invalid(REQUIRED, `Not a failure reason staff can record: ${reason}`, { path: 'reason' });
}

/**
 * The closure a stop failed for, when its reason is the name of one holding on the stop's day where it is delivered (the
 * board's 出車中的訂單標記未送達): such a stop is moved off the closure next, and its customer told the new day.
 */
export function closureCallingOff<C extends ClosurePeriod>(reason: string, stop: Pick<Order, 'requestedDate' | 'district'>, closures: readonly C[]): C | undefined {
  const day = stop.requestedDate;
  return closuresFor(closures, stop.district).find((c) => c.from <= day && day <= c.to && c.name === reason);
}

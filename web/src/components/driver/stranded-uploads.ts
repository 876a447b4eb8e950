import type { QueuedAction } from '../../lib/offline-queue';
import { formatMoney, formatTime } from '../../lib/format';
import type { SizeQuantity } from '../../lib/types';

/**
 * Deliveries and failed stops a driver's phone holds but can no longer upload: the account was disabled (離職) while the
 * phone was offline or before it synced, so the queue (`useDriverQueue`, one per account in localStorage) has no session
 * to send them with, and only the driver knows the cash and cylinders it records. The login page lists them for the
 * driver to phone in to the office (audit 17, F4): no upload path for a disabled account, which would keep its powers.
 */
export const DRIVER_QUEUE_PREFIX = 'lg.driverQueue.';

export interface StrandedQueue {
  /** The localStorage key of the account's queue. */
  readonly key: string;
  readonly actions: readonly QueuedAction[];
}

/** Every driver queue on this phone with actions not yet uploaded. */
export function strandedUploads(storage: Pick<Storage, 'length' | 'key' | 'getItem'>): StrandedQueue[] {
  const found: StrandedQueue[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(DRIVER_QUEUE_PREFIX)) continue;
    try {
      const pending = (JSON.parse(storage.getItem(key) ?? '{}') as { pending?: QueuedAction[] }).pending ?? [];
      if (pending.length > 0) found.push({ key, actions: pending });
    } catch {
      // A queue written by nothing this app knows is not one to read out.
    }
  }
  return found;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

interface DeliverBody {
  readonly at?: string;
  readonly delivered?: readonly SizeQuantity[];
  readonly emptiesCollected?: readonly SizeQuantity[];
  readonly cashCollected?: number;
  readonly depositCollected?: readonly { size: number; count: number; amount: number }[];
  readonly reason?: string;
  /** A service call's close (報修結案). */
  readonly outcome?: string;
}

const lines = (items: readonly SizeQuantity[] | undefined, t: Translate): string =>
  (items ?? []).map((l) => t('cylinder.line', { size: l.size, quantity: l.quantity })).join(t('driver.stranded.separator'));

/** One record as the driver reads it out on the phone: whom, what was left and taken back, the cash, when; a call closed, how. */
export function strandedLine(action: QueuedAction, t: Translate): string {
  const body = (action.body ?? {}) as DeliverBody;
  const at = body.at ? formatTime(body.at) : formatTime(action.enqueuedAt);
  if (action.path.endsWith('/close')) return t('driver.stranded.serviceCall', { call: action.label, outcome: t(`serviceCalls.outcomes.${body.outcome ?? ''}`), at });
  if (action.path.endsWith('/fail')) return t('driver.stranded.failed', { customer: action.label, reason: t(`orderReasons.${body.reason ?? 'other'}`), at });
  const deposit = (body.depositCollected ?? []).reduce((sum, d) => sum + d.amount, 0);
  const line = t('driver.stranded.delivered', {
    customer: action.label,
    delivered: lines(body.delivered, t) || t('driver.stranded.nothing'),
    empties: lines(body.emptiesCollected, t) || t('driver.stranded.nothing'),
    cash: formatMoney(body.cashCollected ?? 0),
    at,
  });
  return deposit > 0 ? `${line}${t('driver.stranded.deposit', { amount: formatMoney(deposit) })}` : line;
}

import { DomainError } from '../errors';

export const NOTIFICATION_CHANNELS = ['line', 'sms', 'inbox'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export interface NotificationMessage {
  readonly channel: NotificationChannel;
  /** LINE user id (`U` + 32 hex), a Taiwanese mobile number, or a customer id for the inbox. */
  readonly to: string;
  readonly text: string;
  /**
   * Same key, same notification: a retried send must not reach the customer twice. Derive it from
   * the event being announced (e.g. `${event.id}:${customerId}`), never from the attempt.
   */
  readonly idempotencyKey: string;
}

export interface SendReceipt {
  /** The provider's id for the message, when it returns one (LINE request id, SMS msgid, inbox doc id). */
  readonly providerMessageId?: string;
}

/**
 * Sends one notification. Failures are `DomainError`s: kind `unavailable` when trying again later
 * can succeed (rate limit, provider down, timeout), kind `validation` when it never will (bad
 * recipient, rejected credentials, text too long): the event consumer retries the first and
 * dead-letters the second.
 */
export interface NotificationSender {
  send(message: NotificationMessage): Promise<SendReceipt>;
}

export function retryableSendError(
  code: string,
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): DomainError {
  return new DomainError(code, 'unavailable', message, details, cause === undefined ? undefined : { cause });
}

export function permanentSendError(
  code: string,
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): DomainError {
  return new DomainError(code, 'validation', message, details, cause === undefined ? undefined : { cause });
}

export const isRetryableSendError = (error: unknown): boolean =>
  !(error instanceof DomainError) || error.kind === 'unavailable' || error.kind === 'rate_limited';

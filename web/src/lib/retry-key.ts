/**
 * The Idempotency-Key of one form's request: `keyFor(body)` gives the same key while the same body is retried (a lost
 * answer replays the first result) and a fresh one once the body changed; `renew()` after a success, so the same body
 * sent again (a second identical order, payment…) is a new request rather than a replay of the first.
 */
export interface RetryKeys {
  (body: unknown): string;
  renew(): void;
}

export function retryKeys(newKey: () => string = () => crypto.randomUUID()): RetryKeys {
  let attempt: { body: string; key: string } | null = null;
  const keyFor = (body: unknown): string => {
    const json = JSON.stringify(body);
    if (attempt?.body !== json) attempt = { body: json, key: newKey() };
    return attempt.key;
  };
  return Object.assign(keyFor, {
    renew: () => {
      attempt = null;
    },
  });
}

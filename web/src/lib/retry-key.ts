/**
 * Idempotency keys for a form that may be resubmitted: the same key while the same body is retried
 * (a lost answer replays the first result), a fresh one once the body changed.
 */
export function retryKeys(newKey: () => string = () => crypto.randomUUID()): (body: unknown) => string {
  let attempt: { body: string; key: string } | null = null;
  return (body) => {
    const json = JSON.stringify(body);
    if (attempt?.body !== json) attempt = { body: json, key: newKey() };
    return attempt.key;
  };
}

import { createHash } from 'node:crypto';

/** Namespace for every UUID derived from a Lucky Gas notification idempotency key. */
export const NOTIFICATION_NAMESPACE = 'f895120e-1cd4-4b52-a0b7-62f9e30ce605';

/**
 * RFC 4122 name-based UUID (version 5, SHA-1): the same name always gives the same UUID, so a
 * retried send carries the retry key (LINE) or client id (SMS) of the first attempt.
 */
export function uuidV5(name: string, namespace: string = NOTIFICATION_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new RangeError(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

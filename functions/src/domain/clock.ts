/** Time is a port so use cases and tests agree on "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const TAIPEI_TZ = 'Asia/Taipei';

/** The calendar date (YYYY-MM-DD) of an instant in Taipei, where the business lives. */
export function taipeiDate(instant: Date): string {
  // Taiwan has had no daylight saving since 1979, so a fixed +8h offset is exact.
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm:ss` of an instant in Taipei (fixed +8 h, as above). */
export function taipeiDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

/**
 * Lets a call through at most once per `intervalMs`; the driver's location is sent through one
 * so a chatty GPS never floods the API.
 */
export function createThrottle(intervalMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    tryAcquire(): boolean {
      const t = now();
      if (t - last < intervalMs) return false;
      last = t;
      return true;
    },
  };
}

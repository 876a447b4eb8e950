import { createThrottle } from './throttle';

it('lets through at most one call per interval', () => {
  let t = 1_000;
  const throttle = createThrottle(30_000, () => t);
  const allowed: number[] = [];
  for (const at of [1_000, 5_000, 29_999, 31_000, 40_000, 61_000]) {
    t = at;
    if (throttle.tryAcquire()) allowed.push(at);
  }
  expect(allowed).toEqual([1_000, 31_000, 61_000]);
});

import fc from 'fast-check';
import { createRng } from './prng';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, createRng(seed).next);
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('gives forks their own streams, unaffected by draws on the parent', () => {
    const a = createRng('s');
    const b = createRng('s');
    b.next();
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('keeps int within its bounds and next in [0, 1) (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, min, span) => {
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const v = rng.int(min, min + span);
          expect(v).toBeGreaterThanOrEqual(min);
          expect(v).toBeLessThanOrEqual(min + span);
          const u = rng.next();
          expect(u >= 0 && u < 1).toBe(true);
        }
      }),
    );
  });

  it('picks by weight', () => {
    const rng = createRng('w');
    const picks = Array.from({ length: 2000 }, () => rng.weighted(['a', 'b'], [9, 1]));
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
  });
});

import type { Operator } from './context';

/** Moves a segment of `length` stops starting at u to just after v (or just before it). */
export function relocateSegment(length: number): Operator {
  return (ctx, u, v) => {
    const a = ctx.locate(u);
    const b = ctx.locate(v);
    const A = ctx.sol.routes[a.r]!.nodes;
    if (a.i + length > A.length) return false;
    const segment = A.slice(a.i, a.i + length);
    if (segment.includes(v) || segment.some((x) => x < ctx.inst.depotCount)) return false;
    for (const after of [true, false]) {
      if (a.r === b.r) {
        const rest = A.slice(0, a.i).concat(A.slice(a.i + length));
        const at = rest.indexOf(v) + (after ? 1 : 0);
        const seq = rest.slice(0, at).concat(segment, rest.slice(at));
        if (ctx.tryCommit(a.r, seq)) return true;
      } else {
        const B = ctx.sol.routes[b.r]!.nodes;
        const at = b.i + (after ? 1 : 0);
        const seqA = A.slice(0, a.i).concat(A.slice(a.i + length));
        const seqB = B.slice(0, at).concat(segment, B.slice(at));
        if (ctx.tryCommit(a.r, seqA, b.r, seqB)) return true;
      }
    }
    return false;
  };
}

/** Relocate one stop next to a near stop. */
export const relocate: Operator = relocateSegment(1);

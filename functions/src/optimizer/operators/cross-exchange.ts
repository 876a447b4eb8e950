import type { Operator } from './context';

const MAX_SEGMENT = 3;

/** CROSS exchange: swaps a chain starting at u with a chain starting at v (two routes, lengths 1–3). */
export const crossExchange: Operator = (ctx, u, v) => {
  const a = ctx.locate(u);
  const b = ctx.locate(v);
  if (a.r === b.r) return false;
  const A = ctx.sol.routes[a.r]!.nodes;
  const B = ctx.sol.routes[b.r]!.nodes;
  for (let la = 1; la <= MAX_SEGMENT && a.i + la <= A.length; la++) {
    for (let lb = la === 1 ? 2 : 1; lb <= MAX_SEGMENT && b.i + lb <= B.length; lb++) {
      const seqA = A.slice(0, a.i).concat(B.slice(b.i, b.i + lb), A.slice(a.i + la));
      const seqB = B.slice(0, b.i).concat(A.slice(a.i, a.i + la), B.slice(b.i + lb));
      if (ctx.tryCommit(a.r, seqA, b.r, seqB)) return true;
    }
  }
  return false;
};

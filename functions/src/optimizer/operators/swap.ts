import type { Operator } from './context';

/** Exchanges the places of two stops (same route or two routes). */
export const swap: Operator = (ctx, u, v) => {
  const a = ctx.locate(u);
  const b = ctx.locate(v);
  if (a.r === b.r) {
    const seq = ctx.sol.routes[a.r]!.nodes.slice();
    seq[a.i] = v;
    seq[b.i] = u;
    return ctx.tryCommit(a.r, seq);
  }
  const seqA = ctx.sol.routes[a.r]!.nodes.slice();
  const seqB = ctx.sol.routes[b.r]!.nodes.slice();
  seqA[a.i] = v;
  seqB[b.i] = u;
  return ctx.tryCommit(a.r, seqA, b.r, seqB);
};

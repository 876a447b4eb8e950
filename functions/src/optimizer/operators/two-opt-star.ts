import type { Operator } from './context';

/** 2-opt*: exchanges route tails so that u is followed by v's successor and v by u's (two routes). */
export const twoOptStar: Operator = (ctx, u, v) => {
  const a = ctx.locate(u);
  const b = ctx.locate(v);
  if (a.r === b.r) return false;
  const A = ctx.sol.routes[a.r]!.nodes;
  const B = ctx.sol.routes[b.r]!.nodes;
  const seqA = A.slice(0, a.i + 1).concat(B.slice(b.i + 1));
  const seqB = B.slice(0, b.i + 1).concat(A.slice(a.i + 1));
  if (ctx.tryCommit(a.r, seqA, b.r, seqB)) return true;
  // Second variant: u then v's route from v on, the heads swapped the other way.
  const seqA2 = A.slice(0, a.i + 1).concat(B.slice(b.i));
  const seqB2 = B.slice(0, b.i).concat(A.slice(a.i + 1));
  return ctx.tryCommit(a.r, seqA2, b.r, seqB2);
};

import type { Operator } from './context';

/** Intra-route 2-opt: reverses the stretch between u and v so that u is followed by v. */
export const twoOpt: Operator = (ctx, u, v) => {
  const a = ctx.locate(u);
  const b = ctx.locate(v);
  if (a.r !== b.r) return false;
  const nodes = ctx.sol.routes[a.r]!.nodes;
  const [from, to] = a.i < b.i ? [a.i + 1, b.i] : [b.i, a.i - 1];
  if (to - from < 1) return false;
  const seq = nodes.slice(0, from).concat(nodes.slice(from, to + 1).reverse(), nodes.slice(to + 1));
  return ctx.tryCommit(a.r, seq);
};

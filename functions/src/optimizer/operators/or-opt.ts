import type { Operator } from './context';
import { relocateSegment } from './relocate';

const moveTwo = relocateSegment(2);
const moveThree = relocateSegment(3);

/** Or-opt: moves a chain of two or three consecutive stops next to a near stop. */
export const orOpt: Operator = (ctx, u, v) => moveTwo(ctx, u, v) || moveThree(ctx, u, v);

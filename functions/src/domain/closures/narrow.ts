/**
 * Narrowing a closure as it runs (颱風停班停課 lifted in some districts, or over sooner), and bringing back the orders its
 * move sent elsewhere. Never wider: a wider closure is a new one, whose orders would need moving.
 */
import { addDays } from '../calendar';
import { DomainError } from '../errors';
import { calendarDateSchema, instantSchema, z, type MessageCatalogue } from '../schema';
import { closuresFor, isOpenDay, SERVED_DISTRICT_COUNT, servedDistrictSchema, type Closure, type ClosureList } from './closure';

/** What an admin sends: the districts the closure keeps, its new last day, or both. */
export const closurePatchSchema = z
  .object({
    /** A subset of the closure's districts (any, for one of the whole company); none left is deleting it (DELETE). */
    districts: z
      .array(servedDistrictSchema)
      .min(1, 'CLOSURE.NO_DISTRICTS_LEFT')
      .max(SERVED_DISTRICT_COUNT)
      .transform((ds) => [...new Set(ds)])
      .optional(),
    /** Its new last day: not after the one it has; yesterday ends it today. */
    to: calendarDateSchema.optional(),
  })
  .refine((p) => p.districts !== undefined || p.to !== undefined, { message: 'CLOSURE.NOTHING_TO_NARROW' })
  .openapi('ClosurePatch', { example: { districts: ['信義區', '北投區'] } });
export type ClosurePatch = z.infer<typeof closurePatchSchema>;

/**
 * The closure narrowed by `patch` on `today` (Taipei).
 * @throws `CLOSURE.OVER` (precondition) for a closure whose days are all past; `CLOSURE.WIDENS` (precondition, path
 * `districts` or `to`) for a district it does not hold in or a later last day; `CLOSURE.DISTRICTS_OF_PAST_DAYS`
 * (precondition, path `districts`) for the districts of a closure begun before today, whose past days would change with
 * them (the forecast reads them); `CLOSURE.END_BEFORE_START`, or `CLOSURE.END_IN_PAST` before yesterday (path `to`).
 */
export function narrowClosure(closure: Closure, patch: ClosurePatch, today: string): Closure {
  if (closure.to < today) throw new DomainError('CLOSURE.OVER', 'precondition', `Closure ${closure.id} ended ${closure.to}`);
  const { districts, to } = patch;
  if (districts) {
    const added = closure.districts ? districts.filter((d) => !closure.districts?.includes(d)) : [];
    if (added.length > 0) throw new DomainError('CLOSURE.WIDENS', 'precondition', `Not closed in ${added.join(', ')}`, { path: 'districts', districts: added });
    if (closure.from < today && (closure.districts === undefined || districts.length < closure.districts.length)) {
      throw new DomainError('CLOSURE.DISTRICTS_OF_PAST_DAYS', 'precondition', `Closure began ${closure.from}, before ${today}`, { path: 'districts' });
    }
  }
  if (to !== undefined) {
    if (to > closure.to) throw new DomainError('CLOSURE.WIDENS', 'precondition', `Ends ${closure.to}, not ${to}`, { path: 'to' });
    if (to < closure.from) throw new DomainError('CLOSURE.END_BEFORE_START', 'precondition', `Starts ${closure.from}`, { path: 'to' });
    if (to < addDays(today, -1)) throw new DomainError('CLOSURE.END_IN_PAST', 'precondition', `${to} is before yesterday`, { path: 'to' });
  }
  return { ...closure, ...(districts ? { districts } : {}), ...(to !== undefined ? { to } : {}) };
}

/**
 * One order a closure's move sent to another day (`closures/{id}/moves/{orderId}`, written in the move's transaction):
 * what 恢復配送 brings back. `version` is the order's just after the move: a later change, by anyone, moved it on.
 */
export const closureMoveSchema = z.object({
  orderId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  district: z.string(),
  from: calendarDateSchema,
  to: calendarDateSchema,
  at: instantSchema,
  version: z.number().int().positive(),
  /** Once brought back: when (its move back's transaction writes it, so a retry brings nothing back twice). */
  back: z.object({ at: instantSchema }).optional(),
});
export type ClosureMove = z.infer<typeof closureMoveSchema>;

/** What stops an order a closure moved from coming back to its day. */
export type MoveBackRefusal = 'CLOSURE.MOVE_BACK_CHANGED' | 'CLOSURE.MOVE_BACK_DAY_PAST' | 'CLOSURE.MOVE_BACK_STILL_CLOSED';

/**
 * Why `order` (as read now, null when gone) may not go back to the day the move took it off, or undefined when it may:
 * changed since the move by anyone (its version: confirmed, planned, edited, cancelled), its day gone by, or still
 * closed where it is delivered (`closures`: those from today on, after the narrowing) or on a weekday the customer is
 * closed. The same-day cut-off is the customer's, not staff's: a move back to today is staff's, who phone the driver.
 */
export function moveBackRefusal(
  move: Pick<ClosureMove, 'from' | 'to' | 'version' | 'district'>,
  order: { readonly requestedDate: string; readonly version?: number } | null,
  ctx: { readonly closures: ClosureList; readonly closedDays: readonly number[]; readonly today: string },
): MoveBackRefusal | undefined {
  if (!order || order.version !== move.version || order.requestedDate !== move.to) return 'CLOSURE.MOVE_BACK_CHANGED';
  if (move.from < ctx.today) return 'CLOSURE.MOVE_BACK_DAY_PAST';
  if (!isOpenDay(closuresFor(ctx.closures, move.district), move.from, ctx.closedDays)) return 'CLOSURE.MOVE_BACK_STILL_CLOSED';
  return undefined;
}

/** One moved order as 恢復配送 lists it: `back` once brought back, `mayComeBack` when it now may, else why not. */
export const closureMoveViewSchema = closureMoveSchema
  .omit({ version: true, back: true, at: true })
  .extend({
    state: z.enum(['back', 'mayComeBack', 'stays']),
    /** With `stays`: why, as a code and in the caller's language. */
    code: z.string().optional(),
    message: z.string().optional(),
  })
  .openapi('ClosureMove');
export type ClosureMoveView = z.infer<typeof closureMoveViewSchema>;

export const closureMovesSchema = z
  .object({
    moves: z.array(closureMoveViewSchema),
    /** How many this request brought back (0 for a read). */
    movedBack: z.number().int().nonnegative(),
  })
  .openapi('ClosureMoves');
export type ClosureMoves = z.infer<typeof closureMovesSchema>;

export const closureNarrowMessages: MessageCatalogue = {
  'CLOSURE.NO_DISTRICTS_LEFT': { 'zh-TW': '至少要留一個地區；全部恢復請刪除休息日', en: 'Keep at least one district; to reopen them all, delete the closure' },
  'CLOSURE.NOTHING_TO_NARROW': { 'zh-TW': '請選擇要保留的地區或新的結束日', en: 'Choose the districts to keep or a new last day' },
  'CLOSURE.OVER': { 'zh-TW': '這個休息日已經結束，不能再修改', en: 'This closure is over and cannot change' },
  'CLOSURE.WIDENS': {
    'zh-TW': '只能縮小休息日的範圍；要多停的地區或日子請新增休息日（訂單需要移動）',
    en: 'A closure can only be narrowed; add a new closure for more districts or days (their orders need moving)',
  },
  'CLOSURE.DISTRICTS_OF_PAST_DAYS': {
    'zh-TW': '已開始多天的休息日不能改地區：請提前結束它，再為仍停班的地區新增休息日',
    en: 'A closure begun on an earlier day keeps its districts: end it sooner, then add a closure for the districts still closed',
  },
  'CLOSURE.END_IN_PAST': { 'zh-TW': '結束日最早為昨天（今天起恢復配送）', en: 'The last day can be yesterday at the earliest (deliveries resume today)' },
  'CLOSURE.MOVE_BACK_CHANGED': { 'zh-TW': '移動後已被修改（改期、確認、排車或取消），請個別處理', en: 'Changed since the move (moved, confirmed, planned or cancelled): see to it on its own' },
  'CLOSURE.MOVE_BACK_DAY_PAST': { 'zh-TW': '原配送日已過', en: 'Its day has gone by' },
  'CLOSURE.MOVE_BACK_STILL_CLOSED': { 'zh-TW': '原配送日在該地區仍休息（或客戶公休）', en: 'Its day is still closed there (or the customer is closed that weekday)' },
};

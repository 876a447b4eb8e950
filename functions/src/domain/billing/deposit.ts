/**
 * Deposits (押金): money the office holds for the cylinders standing at a customer's door, collected when the customer
 * takes cylinders and refunded when they come back for good. A deposit is a liability, not a sale: it is kept apart
 * from the gas charges, receivables and reminders, and only moves `depositPaid` on the customer's cylinders-on-site line.
 * Records are kept, never edited: a wrong one is put right by the opposite record.
 */
import { CYLINDER_SIZES, cylinderSizeSchema, standardDeposit, type CylinderSize } from '../cylinders';
import { cylindersAfterDelivery, depositCheck, type CylinderExchange, type OnSiteLine } from '../customers';
import { DomainError } from '../errors';
import { calendarDateSchema, instantSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import { bookedOn } from './late-booking';

export const DEPOSIT_KINDS = ['collect', 'refund'] as const;
export type DepositKind = (typeof DEPOSIT_KINDS)[number];

/** Deposits change hands at the door or by bank transfer, never on a monthly account. */
export const DEPOSIT_METHODS = ['cash', 'transfer'] as const;

export const depositInputSchema = z
  .object({
    kind: z.enum(DEPOSIT_KINDS),
    size: cylinderSizeSchema,
    /** Cylinders the deposit is for. */
    count: z.number().int().min(1).max(100),
    /** Whole NT$; left out, it is `count` × the size's standard deposit. */
    amount: moneySchema.optional(),
    method: z.enum(DEPOSIT_METHODS),
    /** The Taipei calendar day the money changed hands; not after today. */
    receivedOn: calendarDateSchema,
    note: z.string().trim().max(200).optional(),
  })
  .openapi('DepositRequest', { example: { kind: 'collect', size: 20, count: 2, amount: 2400, method: 'cash', receivedOn: '2026-12-05', note: '新開店，兩支 20 公斤' } });
export type DepositInput = z.infer<typeof depositInputSchema>;

/** `customers/{customerId}/deposits/{id}`: one deposit collected or refunded, as the office recorded it. */
export const depositSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    kind: z.enum(DEPOSIT_KINDS),
    size: cylinderSizeSchema,
    count: z.number().int().min(1),
    amount: moneySchema,
    method: z.enum(DEPOSIT_METHODS),
    receivedOn: calendarDateSchema,
    note: z.string().optional(),
    /** Who recorded it, by the name the team knows them by. */
    by: z.string().min(1),
    at: instantSchema,
    /** The delivery it was collected at, when the driver took it at the door (司機收押金). */
    orderId: z.string().min(1).optional(),
    /**
     * 補登: the Taipei day the driver collected it at the door, when the phone synced only after the books were closed
     * through that day (關帳). The cash is real, so it is not refused; it is booked on the first open day (`receivedOn`), so
     * the closed month's statement stays as sent. Absent on every record booked on the day it changed hands.
     */
    collectedOn: calendarDateSchema.optional(),
  })
  .openapi('Deposit');
export type Deposit = z.infer<typeof depositSchema>;

/** The deposit held for one size, in NT$. */
export const depositHeldSchema = z.object({ size: cylinderSizeSchema, amount: moneySchema }).openapi('DepositHeld', { example: { size: 20, amount: 2400 } });
export type DepositHeld = z.infer<typeof depositHeldSchema>;

export interface RecordDepositContext {
  readonly id: string;
  readonly customerId: string;
  /** Today in Taipei: money cannot change hands tomorrow. */
  readonly today: string;
  readonly by: string;
  readonly now: Date;
  /** The delivery the money came with, when a driver collected it at the door. */
  readonly orderId?: string;
}

/** The record of a deposit, its amount settled (the standard deposit for the cylinders when none was given). */
function depositRecord(input: DepositInput, ctx: RecordDepositContext): Deposit {
  return {
    id: ctx.id,
    customerId: ctx.customerId,
    kind: input.kind,
    size: input.size,
    count: input.count,
    amount: input.amount ?? input.count * standardDeposit(input.size),
    method: input.method,
    receivedOn: input.receivedOn,
    ...(input.note ? { note: input.note } : {}),
    by: ctx.by,
    at: ctx.now.toISOString(),
    ...(ctx.orderId ? { orderId: ctx.orderId } : {}),
  };
}

/**
 * A deposit the office records. An amount agreed with the customer is a reduction (老客戶優惠, a worn cylinder), never
 * more than the standard: a collection above count × the standard deposit is a slip of the finger (12000 for 1200) that
 * would become the customer's `depositPaid`.
 * @throws `DEPOSIT.FUTURE_DATE` (precondition, path `receivedOn`) for a day after today in Taipei.
 * @throws `DEPOSIT.ABOVE_STANDARD` (precondition, path `amount`) for a collection above count × the standard deposit.
 */
export function recordDeposit(input: DepositInput, ctx: RecordDepositContext): Deposit {
  if (input.receivedOn > ctx.today) {
    throw new DomainError('DEPOSIT.FUTURE_DATE', 'precondition', `Deposit on ${input.receivedOn}, after ${ctx.today}`, { path: 'receivedOn' });
  }
  const standard = standardDeposit(input.size);
  if (input.kind === 'collect' && input.amount !== undefined && input.amount > input.count * standard) {
    throw new DomainError('DEPOSIT.ABOVE_STANDARD', 'precondition', `Deposit of ${input.amount} for ${input.count} × ${input.size} kg`, {
      path: 'amount',
      size: input.size,
      count: input.count,
      amount: input.amount,
      max: input.count * standard,
      standard,
    });
  }
  return depositRecord(input, ctx);
}

/** What a record does to the deposit held: collected adds, refunded takes away. */
export const signedAmount = (d: Pick<Deposit, 'kind' | 'amount'>): number => (d.kind === 'collect' ? d.amount : -d.amount);

/**
 * The cylinders-on-site lines after a deposit: a collection adds to the size's `depositPaid` (a size not yet there is
 * listed with no cylinders: the delivery brings them), a refund takes from it. Counts are the deliveries' business and
 * stay as they are; a size left with neither cylinders nor deposit is dropped, and the lines come out by size, ascending.
 * @throws `DEPOSIT.REFUND_EXCEEDS_HELD` (precondition, path `amount`) for a refund of more than the size holds.
 * @throws `DEPOSIT.CYLINDERS_ON_SITE` (precondition, path `amount`) for a refund into what the cylinders still on site keep.
 */
export function applyDeposit(lines: readonly OnSiteLine[], deposit: Pick<Deposit, 'kind' | 'size' | 'amount'>): OnSiteLine[] {
  const current = lines.find((l) => l.size === deposit.size) ?? { size: deposit.size, count: 0, depositPaid: 0 };
  const depositPaid = current.depositPaid + signedAmount(deposit);
  if (depositPaid < 0) {
    throw new DomainError('DEPOSIT.REFUND_EXCEEDS_HELD', 'precondition', `Refund of ${deposit.amount} for ${deposit.size} kg, ${current.depositPaid} held`, {
      path: 'amount',
      size: deposit.size,
      held: current.depositPaid,
      amount: deposit.amount,
    });
  }
  // The 押金 goes back with the cylinders (退戶, against the 押金收據): those still at the door keep up to the standard
  // deposit each, so a refund paid out ahead of them cannot leave company cylinders at a closed shop with nothing held.
  const kept = Math.min(current.depositPaid, current.count * standardDeposit(deposit.size));
  if (deposit.kind === 'refund' && depositPaid < kept) {
    throw new DomainError('DEPOSIT.CYLINDERS_ON_SITE', 'precondition', `Refund of ${deposit.amount} for ${deposit.size} kg, ${current.count} still on site keep ${kept}`, {
      path: 'amount',
      size: deposit.size,
      count: current.count,
      held: current.depositPaid,
      kept,
      refundable: current.depositPaid - kept,
      amount: deposit.amount,
    });
  }
  return CYLINDER_SIZES.flatMap((size): OnSiteLine[] => {
    if (size !== deposit.size) return lines.filter((l) => l.size === size);
    return current.count > 0 || depositPaid > 0 ? [{ ...current, depositPaid }] : [];
  });
}

/** A branch (分店) of the customer a refund is recorded at, as the refund's check reads it. */
export interface BranchOnSite {
  readonly code: string;
  readonly name: string;
  readonly cylindersOnSite: readonly OnSiteLine[];
}

/**
 * 分店／總公司付款: a deposit is held for the cylinders where they stand, so a branch's is its own (taken at its door or
 * recorded by the office on it; a deposit is never on account, so never billed to the head office) and is refunded at the
 * branch as its cylinders come back. A refund at a head office of more than it holds of the size, while branches of it
 * hold a deposit of that size, is the branches' asked for in the wrong place: refused naming them, which a refund beyond
 * what is held would not.
 * @throws `DEPOSIT.AT_BRANCH` (precondition, path `amount`) naming the branches holding the size (`branches`, code and
 *   name) and what the head office holds of it (`held`).
 */
export function assertRefundedWhereHeld(lines: readonly OnSiteLine[], deposit: Pick<Deposit, 'kind' | 'size' | 'amount'>, branches: readonly BranchOnSite[]): void {
  if (deposit.kind !== 'refund') return;
  const heldIn = (of: readonly OnSiteLine[]) => of.find((l) => l.size === deposit.size)?.depositPaid ?? 0;
  const held = heldIn(lines);
  const holding = branches.filter((b) => heldIn(b.cylindersOnSite) > 0);
  if (deposit.amount <= held || holding.length === 0) return;
  throw new DomainError('DEPOSIT.AT_BRANCH', 'precondition', `Refund of ${deposit.amount} for ${deposit.size} kg, held by ${holding.length} branches`, {
    path: 'amount',
    size: deposit.size,
    held,
    amount: deposit.amount,
    count: holding.length,
    branches: holding.map((b) => `${b.code} ${b.name}`),
  });
}

/** The standard deposit for one cylinder of each size, sizes ascending: what a new deposit defaults to per cylinder. */
export const standardDeposits = (): DepositHeld[] => CYLINDER_SIZES.map((size) => ({ size, amount: standardDeposit(size) }));

/** The deposit held per size on the lines, sizes holding none left out. */
export const depositsHeld = (lines: readonly OnSiteLine[]): DepositHeld[] =>
  lines.filter((l) => l.depositPaid > 0).map((l) => ({ size: l.size, amount: l.depositPaid }));

/**
 * The deposit held per size at some earlier point, from what is held now and the records since: each record after the
 * point is undone. Sizes are ascending, those holding none left out.
 */
export function depositsHeldBefore(heldNow: readonly DepositHeld[], since: readonly Pick<Deposit, 'kind' | 'size' | 'amount'>[]): DepositHeld[] {
  const amountOf = (size: CylinderSize) =>
    (heldNow.find((h) => h.size === size)?.amount ?? 0) - since.filter((d) => d.size === size).reduce((sum, d) => sum + signedAmount(d), 0);
  return CYLINDER_SIZES.map((size) => ({ size, amount: Math.max(0, amountOf(size)) })).filter((h) => h.amount > 0);
}

/** One size's deposit a driver took in cash at the door with a delivery. */
export const doorDepositSchema = depositInputSchema
  .pick({ size: true, count: true })
  .extend({ amount: moneySchema })
  .openapi('DoorDeposit', { example: { size: 20, count: 1, amount: 1200 } });
export type DoorDeposit = z.infer<typeof doorDepositSchema>;

/** A delivery's deposits, at most one line per size. */
export const doorDepositListSchema = z
  .array(doorDepositSchema)
  .max(CYLINDER_SIZES.length)
  .refine((lines) => new Set(lines.map((l) => l.size)).size === lines.length, 'CYLINDER.DUPLICATE_SIZE');

/**
 * What the deposit held for a size pays beyond the cylinders it covers in full: a part payment (NT$600 of a NT$1,200
 * deposit), which goes toward the next uncovered cylinder rather than being asked for again.
 */
const partPaid = (line: Pick<OnSiteLine, 'size' | 'depositPaid'> | undefined): number =>
  line ? line.depositPaid % standardDeposit(line.size) : 0;

/**
 * The deposit due at the door: the cylinders the stop leaves at the customer that no deposit covers (the rule of
 * `depositCheck`), per size, at the standard deposit less what was already paid toward them. A stop that leaves no
 * uncovered cylinder owes nothing.
 */
export function depositDueAtDoor(lines: readonly OnSiteLine[], exchange: CylinderExchange): DoorDeposit[] {
  const after = cylindersAfterDelivery(lines, exchange).lines;
  return depositCheck(after)
    .filter((c) => c.withoutDeposit > 0)
    .map((c) => ({ size: c.size, count: c.withoutDeposit, amount: c.withoutDeposit * standardDeposit(c.size) - partPaid(after.find((l) => l.size === c.size)) }));
}

/**
 * Holds the deposits a driver says they took at a delivery to what the stop leaves due (`depositDueAtDoor`, from the
 * customer's lines before the stop and the stop's exchange), so a wrong count or a slip of the finger never becomes the
 * customer's `depositPaid` and the settlement's expected cash. Per line: the size must be due and the count at most the
 * due count; the amount at least NT$1 (nothing taken is no line) and at most count × the standard deposit less what was
 * already paid toward them (a part payment from an earlier visit is not asked for twice). The office may
 * agree another amount (`recordDeposit` keeps any amount it is given, e.g. 老客戶優惠), but what it agrees is a reduction
 * from the standard, and a customer may also pay part now and the rest at the office, so anything less passes; more
 * than the standard cannot be right at the door, and since `depositCheck` counts a cylinder covered per standard
 * deposit held, it would cover cylinders the line does not name. Taking less than due, or nothing, is allowed.
 * @throws `DEPOSIT.DOOR_EXCEEDS_DUE` (precondition, path `depositCollected.<i>.count`) for a size not due or a count over the due count.
 * @throws `DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE` (precondition, path `depositCollected.<i>.amount`) for an amount outside 1 … that most.
 */
export function checkDoorDeposits(collected: readonly DoorDeposit[], lines: readonly OnSiteLine[], exchange: CylinderExchange): void {
  const due = depositDueAtDoor(lines, exchange);
  collected.forEach((line, i) => {
    const dueCount = due.find((d) => d.size === line.size)?.count ?? 0;
    if (line.count > dueCount) {
      throw new DomainError('DEPOSIT.DOOR_EXCEEDS_DUE', 'precondition', `Deposit for ${line.count} × ${line.size} kg, ${dueCount} due`, {
        path: `depositCollected.${i}.count`,
        size: line.size,
        count: line.count,
        dueCount,
        due,
      });
    }
    const standard = standardDeposit(line.size);
    const max = line.count * standard - partPaid(lines.find((l) => l.size === line.size));
    if (line.amount < 1 || line.amount > max) {
      throw new DomainError('DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE', 'precondition', `Deposit of ${line.amount} for ${line.count} × ${line.size} kg, at most ${max}`, {
        path: `depositCollected.${i}.amount`,
        size: line.size,
        count: line.count,
        amount: line.amount,
        max,
        standard,
        due,
      });
    }
  });
}

export interface DoorDepositContext {
  /** The driver action the deposits came with: each record's id follows from it, so a replay lands on the same ids. */
  readonly actionId: string;
  readonly customerId: string;
  readonly orderId: string;
  /** The Taipei day the driver was at the door, not after `today`. */
  readonly receivedOn: string;
  /** The books-closed date (關帳日) as the stop's transaction read it; absent before the first close. */
  readonly closedThrough?: string | undefined;
  readonly today: string;
  readonly by: string;
  readonly now: Date;
}

/**
 * The records of the deposits a driver collected in cash at a delivery, one per size. Their amounts are judged by
 * `checkDoorDeposits` in the stop's transaction, which knows what the stop leaves due and what was part-paid before. A
 * door day already in the closed books (an offline phone that synced late) is booked on the first open day, the door
 * day kept as `collectedOn`, as a bookkeeper posts a late voucher: refusing it would lose cash the driver holds.
 */
export function doorDepositRecords(lines: readonly DoorDeposit[], ctx: DoorDepositContext): Deposit[] {
  const receivedOn = bookedOn(ctx.receivedOn, ctx.closedThrough);
  return lines.map((line) => ({
    ...depositRecord(
      { kind: 'collect', method: 'cash', size: line.size, count: line.count, amount: line.amount, receivedOn },
      { id: `dep-${ctx.actionId}-${line.size}`, customerId: ctx.customerId, orderId: ctx.orderId, today: ctx.today, by: ctx.by, now: ctx.now },
    ),
    ...(receivedOn !== ctx.receivedOn ? { collectedOn: ctx.receivedOn } : {}),
  }));
}

export const depositMessages: MessageCatalogue = {
  'DEPOSIT.FUTURE_DATE': { 'zh-TW': '押金收退日期不可晚於今天', en: 'The day a deposit changed hands cannot be after today' },
  'DEPOSIT.JOURNAL_TOO_LARGE': { 'zh-TW': '這個月的押金紀錄超過 {limit} 筆，無法一次列出', en: 'This month has more than {limit} deposit records, too many to list at once' },
  'DEPOSIT.ABOVE_STANDARD': {
    'zh-TW': '{size} 公斤鋼瓶 {count} 支的押金最多 {max:money}（每支標準押金 {standard:money}），不能收 {amount:money}',
    en: 'The deposit for {count} × {size} kg cylinder is at most {max:money} ({standard:money} as standard), not {amount:money} | The deposit for {count} × {size} kg cylinders is at most {max:money} ({standard:money} each as standard), not {amount:money}',
    countedBy: 'count',
  },
  'DEPOSIT.REFUND_EXCEEDS_HELD': {
    'zh-TW': '退還押金 {amount:money} 超過 {size} 公斤鋼瓶目前收取的押金 {held:money}',
    en: 'A refund of {amount:money} is more than the {held:money} deposit held for {size} kg cylinders',
  },
  'DEPOSIT.AT_BRANCH': {
    'zh-TW': '{size} 公斤鋼瓶的押金記在分店（{branches:list}），請在該分店退還；總公司本身的 {size} 公斤押金為 {held:money}',
    en: 'The {size} kg deposit is held at the branch ({branches:list}): refund it there. The head office itself holds {held:money} for {size} kg | The {size} kg deposit is held at the branches ({branches:list}): refund it at the branch the cylinders come back from. The head office itself holds {held:money} for {size} kg',
    countedBy: 'count',
  },
  'DEPOSIT.CYLINDERS_ON_SITE': {
    'zh-TW': '{size} 公斤鋼瓶還有 {count} 支在客戶處，押金須留 {kept:money}，目前最多可退 {refundable:money}；鋼瓶收回後再退其餘押金',
    en: "{count} × {size} kg cylinder is still at the customer's and keeps {kept:money} of the deposit: at most {refundable:money} can be refunded until it comes back | {count} × {size} kg cylinders are still at the customer's and keep {kept:money} of the deposit: at most {refundable:money} can be refunded until they come back",
    countedBy: 'count',
  },
  'DEPOSIT.DOOR_EXCEEDS_DUE': {
    'zh-TW': '這次送貨後 {size} 公斤鋼瓶只有 {dueCount} 支未收押金，不能收 {count} 支的押金；這筆送貨未記錄，請依實際情形重新回報',
    en: 'After this delivery only {dueCount} of the {size} kg cylinders lacks a deposit, not {count}; the delivery was not recorded, report it again as it happened | After this delivery only {dueCount} of the {size} kg cylinders lack a deposit, not {count}; the delivery was not recorded, report it again as it happened',
    countedBy: 'dueCount',
  },
  'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE': {
    'zh-TW': '{size} 公斤鋼瓶 {count} 支的押金應在 NT$1 至 {max:money} 之間（每支標準押金 {standard:money}），不能記 {amount:money}；這筆送貨未記錄，請重新回報',
    en: 'The deposit for {count} × {size} kg cylinder must be NT$1 to {max:money} ({standard:money} as standard), not {amount:money}; the delivery was not recorded, report it again | The deposit for {count} × {size} kg cylinders must be NT$1 to {max:money} ({standard:money} each as standard), not {amount:money}; the delivery was not recorded, report it again',
    countedBy: 'count',
  },
};

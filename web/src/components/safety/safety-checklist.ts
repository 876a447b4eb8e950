/**
 * The 供氣安全檢查 checklist (消防法 §15-1): its items in the order the paper form lists them, as the server has them
 * (functions/src/domain/safety/checklist.ts, pinned by safety-checklist.test.ts), one answer per item.
 */
export const SAFETY_ITEMS = [
  'cylinderPlacement',
  'cylinderSecured',
  'cylinderInspectionDate',
  'regulator',
  'hose',
  'piping',
  'leakTest',
  'appliances',
  'waterHeater',
  'ventilation',
  'storedQuantity',
  'gasAlarm',
] as const;
export type SafetyItemCode = (typeof SAFETY_ITEMS)[number];

/** Advised, not required by law: a `needsFix` on it is written down but neither fails the inspection nor stays open. */
export const ADVISORY_ITEMS: ReadonlySet<SafetyItemCode> = new Set<SafetyItemCode>(['gasAlarm']);

/** 合格 / 現場改善 / 需改善 / 不適用. */
export const SAFETY_ITEM_RESULTS = ['ok', 'fixedOnSite', 'needsFix', 'notApplicable'] as const;
export type SafetyItemResult = (typeof SAFETY_ITEM_RESULTS)[number];

/** An inspection passes unless a required item needs fixing. */
export type SafetyResult = 'pass' | 'needsFix';

export interface SafetyItemEntry {
  item: SafetyItemCode;
  result: SafetyItemResult;
  note?: string;
}


/** The form's answers while it is filled in: an item without a result is not answered yet. */
export type SafetyAnswers = Record<SafetyItemCode, { result: SafetyItemResult | undefined; note: string }>;

export const blankAnswers = (): SafetyAnswers =>
  Object.fromEntries(SAFETY_ITEMS.map((code) => [code, { result: undefined, note: '' }])) as SafetyAnswers;

/** The items still without an answer, in the form's order: the API takes every item exactly once. */
export const unanswered = (answers: SafetyAnswers): SafetyItemCode[] => SAFETY_ITEMS.filter((code) => answers[code].result === undefined);

/** The API's `items`, in the form's order, notes trimmed and left out when empty; null while an item is unanswered. */
export function toItems(answers: SafetyAnswers): SafetyItemEntry[] | null {
  if (unanswered(answers).length > 0) return null;
  return SAFETY_ITEMS.map((code) => {
    const { result, note } = answers[code];
    return { item: code, result: result as SafetyItemResult, ...(note.trim() ? { note: note.trim() } : {}) };
  });
}

/** The items the customer still has to fix, by the server's rule: required ones marked `needsFix` (advisory ones never stay open). */
export const openItemsOf = (items: readonly SafetyItemEntry[]): SafetyItemCode[] => items.filter((i) => i.result === 'needsFix' && !ADVISORY_ITEMS.has(i.item)).map((i) => i.item);

/** What the form will be recorded as, by the server's rule: needs fixing as soon as one required item does. */
export const resultOf = (items: readonly SafetyItemEntry[]): SafetyResult => (openItemsOf(items).length > 0 ? 'needsFix' : 'pass');

/** Days ahead a coming inspection is pointed out (the API's default due window, functions/src/domain/safety/due.ts). */
export const DUE_SOON_DAYS = 30;

/** How a customer stands: never inspected (so due now), past the due day by `days`, or due in `days` (0: today). */
export type DueState = { kind: 'never' } | { kind: 'overdue'; days: number } | { kind: 'upcoming'; days: number };

/** `nextDueOn` against today, in Taipei calendar days. */
export function dueState(nextDueOn: string | null | undefined, today: string): DueState {
  if (!nextDueOn) return { kind: 'never' };
  const ahead = Math.round((Date.parse(`${nextDueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return ahead < 0 ? { kind: 'overdue', days: -ahead } : { kind: 'upcoming', days: ahead };
}

/** A supply stop's text names what found the installation unsafe: `<key>ByInspection` for an inspection's, `key` for a 報修's. */
export const supplyStopTextKey = (key: string, stop: { readonly inspectionId?: string | undefined }): string => (stop.inspectionId ? `${key}ByInspection` : key);

/** Items whose `needsFix` stops the supply (停止供氣) when recorded: the server's SUPPLY_STOPPING_ITEMS (functions/src/domain/safety/due.ts). */
export const SUPPLY_STOPPING_ITEMS: ReadonlySet<SafetyItemCode> = new Set<SafetyItemCode>(['leakTest']);

/** The items answered 需改善 whose failure stops the supply once the form is recorded, in the form's order. */
export const supplyStoppingOf = (answers: SafetyAnswers): SafetyItemCode[] => SAFETY_ITEMS.filter((code) => answers[code].result === 'needsFix' && SUPPLY_STOPPING_ITEMS.has(code));

/** Why nobody signed: nobody there, or they would not (the server's UNCONFIRMED_REASONS). */
export const UNCONFIRMED_REASONS = ['customerAbsent', 'refused'] as const;
export type UnconfirmedReason = (typeof UNCONFIRMED_REASONS)[number];

/**
 * 受檢用戶確認 as the API takes it: signed on the screen (a PNG), signed on the paper form the office types in, or nobody
 * signed and why. A stored one may lack the image (a list leaves it out) or the name (an erasure took it).
 */
export type SafetyConfirmation =
  | { kind: 'signature'; name: string; signature?: string }
  | { kind: 'paper'; name: string }
  | { kind: 'none'; reason: UnconfirmedReason; name?: string };

/** The confirmation while the form is filled in. */
export interface ConfirmationDraft {
  kind: SafetyConfirmation['kind'] | undefined;
  name: string;
  signature: string | null;
  reason: UnconfirmedReason | undefined;
}

export const blankConfirmation = (): ConfirmationDraft => ({ kind: undefined, name: '', signature: null, reason: undefined });

/** The API's `confirmation`, or null while what its kind needs is missing (a name and a drawn signature, or a reason). */
export function toConfirmation(draft: ConfirmationDraft): SafetyConfirmation | null {
  const name = draft.name.trim();
  switch (draft.kind) {
    case 'signature':
      return name && draft.signature ? { kind: 'signature', name, signature: draft.signature } : null;
    case 'paper':
      return name ? { kind: 'paper', name } : null;
    case 'none':
      return draft.reason ? { kind: 'none', reason: draft.reason, ...(name ? { name } : {}) } : null;
    default:
      return null;
  }
}

/** How a stored confirmation reads: the i18n key under `safety.confirmation.said` and its words; null before it was asked for. */
export function confirmationText(c: SafetyConfirmation | undefined): { key: string; name: string; reason?: UnconfirmedReason } | null {
  if (!c) return null;
  if (c.kind === 'none') return { key: c.name ? 'noneBy' : 'none', name: c.name ?? '', reason: c.reason };
  return { key: c.kind, name: c.name };
}

/** What the driver's phone queues for an inspection at a stop; the customer and the order are the stop's. */
export interface DriverInspection {
  items: SafetyItemEntry[];
  notes?: string;
  confirmation: SafetyConfirmation;
  supplyStop?: { reason: string };
}

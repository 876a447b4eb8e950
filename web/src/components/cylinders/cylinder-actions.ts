import type { InspectionOutcome, RegisteredCylinder } from '../../composables/useCylinderRegister';

/**
 * The office's batch actions on selected cylinders and which of them each action would refuse, by the server's rules
 * (functions/src/domain/cylinders/register/operations.ts; pinned by this file's test). The API refuses a whole batch for
 * one bad serial, so the dialog names those first and sends the rest.
 */
export const BATCH_ACTIONS = ['send', 'result', 'scrap', 'move'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

/** What the check needs besides the cylinder: today in Taipei, and what the dialog chose. */
export interface ActionChoice {
  today: string;
  outcome?: InspectionOutcome;
  inspectedOn?: string;
  toDepotId?: string;
}

/** Reached its service life on `day` (steel 30 years, composite 20): scrapped, never inspected again. */
export const pastServiceLife = (c: Pick<RegisteredCylinder, 'retiresOn'>, day: string): boolean => day >= c.retiresOn;

function notAtDepot(c: RegisteredCylinder): string | null {
  if (c.status === 'scrapped') return 'CYLINDER.SCRAPPED';
  if (c.status === 'atInspection') return 'CYLINDER.AT_INSPECTION';
  return c.location.kind === 'customer' ? 'CYLINDER.AT_CUSTOMER' : null;
}

/** The API's code for refusing `c` in `action`, or null when it would take it. Dates are left to the API. */
export function refusalOf(action: BatchAction, c: RegisteredCylinder, choice: ActionChoice): string | null {
  switch (action) {
    case 'send':
      return notAtDepot(c) ?? (pastServiceLife(c, choice.today) ? 'CYLINDER.PAST_SERVICE_LIFE' : null);
    case 'result':
      if (c.status === 'scrapped') return 'CYLINDER.SCRAPPED';
      if (c.status !== 'atInspection') return 'CYLINDER.NOT_AT_INSPECTION';
      return choice.outcome === 'passed' && choice.inspectedOn && pastServiceLife(c, choice.inspectedOn) ? 'CYLINDER.PAST_SERVICE_LIFE' : null;
    case 'scrap':
      if (c.status === 'scrapped') return 'CYLINDER.SCRAPPED';
      return c.location.kind === 'customer' ? 'CYLINDER.AT_CUSTOMER' : null;
    case 'move':
      return notAtDepot(c) ?? (c.location.kind === 'depot' && c.location.depotId === choice.toDepotId ? 'CYLINDER.ALREADY_THERE' : null);
  }
}

/** One serial refused: worked out first by `refusalOf` (a code alone), or answered by the API (with its own message). */
export interface SerialRefusal {
  serial: string;
  code: string;
  message?: string;
}

/** The translation functions a refusal's text needs (vue-i18n's `t` and `te`). */
export interface RefusalTranslator {
  t: (key: string) => string;
  te: (key: string) => boolean;
}

/**
 * Why a serial is refused, in the screen's words (`cylinders.refusals.<code without CYLINDER.>`); a code the locale files
 * do not name yet reads as the API's own message rather than as a raw key, and as the bare code when there is none.
 */
export function refusalText(r: SerialRefusal, i18n: RefusalTranslator): string {
  const key = `cylinders.refusals.${r.code.replace(/^CYLINDER\./, '')}`;
  return i18n.te(key) ? i18n.t(key) : (r.message ?? r.code);
}

/** The selection split into what the action takes and what it would refuse (with the code); `choice` may differ per cylinder (a verdict). */
export function splitForAction(action: BatchAction, selected: readonly RegisteredCylinder[], choice: ActionChoice | ((c: RegisteredCylinder) => ActionChoice)) {
  const refused: SerialRefusal[] = [];
  const accepted: RegisteredCylinder[] = [];
  for (const c of selected) {
    const code = refusalOf(action, c, typeof choice === 'function' ? choice(c) : choice);
    if (code) refused.push({ serial: c.serial, code });
    else accepted.push(c);
  }
  return { accepted, refused };
}

/** Full years from the factory test to `today` (瓶齡), turning older on the anniversary (29 February: on the 28th). */
export function ageOn(factoryTestedOn: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(factoryTestedOn.slice(0, 4));
  const anniversary = factoryTestedOn.slice(5) === '02-29' ? '02-28' : factoryTestedOn.slice(5);
  return today.slice(5) >= anniversary ? years : years - 1;
}

import { ADVISORY_ITEMS as SERVER_ADVISORY, checklistSchema, confirmationSchema, UNCONFIRMED_REASONS as SERVER_REASONS, SUPPLY_STOPPING_ITEMS as SERVER_STOPPING, inspectionResultOf, ITEM_RESULTS, openItemsOf as serverOpenItems, SAFETY_ITEM_LABELS, SAFETY_ITEMS as SERVER_ITEMS, safetyDueOf } from '../../../../functions/src/domain/safety';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { ADVISORY_ITEMS, blankAnswers, blankConfirmation, toConfirmation, UNCONFIRMED_REASONS, dueState, openItemsOf, resultOf, SAFETY_ITEM_RESULTS, SAFETY_ITEMS, type SafetyItemResult, supplyStoppingOf, supplyStopTextKey, toItems, unanswered } from './safety-checklist';

const answered = (overrides: Partial<Record<(typeof SAFETY_ITEMS)[number], SafetyItemResult>> = {}) => {
  const answers = blankAnswers();
  for (const code of SAFETY_ITEMS) answers[code].result = overrides[code] ?? 'ok';
  return answers;
};

describe('the safety checklist on screen', () => {
  it('lists the server’s items, answers and advisory items, in the server’s order', () => {
    expect(SAFETY_ITEMS).toEqual(SERVER_ITEMS);
    expect(SAFETY_ITEM_RESULTS).toEqual(ITEM_RESULTS);
    expect([...ADVISORY_ITEMS]).toEqual([...SERVER_ADVISORY]);
  });

  it('words each item as the filing does (the advisory mark is a tag on screen)', () => {
    const labels = Object.fromEntries(SERVER_ITEMS.map((i) => [i, SAFETY_ITEM_LABELS[i]['zh-TW'].replace('（建議）', '')]));
    expect(zhTW.safety.items).toEqual(labels);
  });

  it('sends nothing while an item is unanswered, and names what is left in the form’s order', () => {
    const answers = blankAnswers();
    answers.regulator.result = 'ok';
    expect(toItems(answers)).toBeNull();
    expect(unanswered(answers)).toEqual(SAFETY_ITEMS.filter((i) => i !== 'regulator'));
  });

  it('sends every item once, in order, with notes trimmed and empty ones left out, as the server’s schema takes them', () => {
    const answers = answered({ hose: 'needsFix' });
    answers.hose.note = '  橡皮管龜裂 ';
    answers.regulator.note = '   ';
    const items = toItems(answers);
    expect(items?.map((i) => i.item)).toEqual([...SERVER_ITEMS]);
    expect(items?.find((i) => i.item === 'hose')).toEqual({ item: 'hose', result: 'needsFix', note: '橡皮管龜裂' });
    expect(items?.find((i) => i.item === 'regulator')).toEqual({ item: 'regulator', result: 'ok' });
    expect(checklistSchema.parse(items)).toEqual(items);
  });

  const cases: Partial<Record<(typeof SAFETY_ITEMS)[number], SafetyItemResult>>[] = [
    {},
    { hose: 'needsFix' },
    { hose: 'fixedOnSite', waterHeater: 'notApplicable' },
    { gasAlarm: 'needsFix' },
    { gasAlarm: 'needsFix', leakTest: 'needsFix', ventilation: 'needsFix' },
  ];
  it.each(cases)('agrees with the server on the result and the open items for %j', (overrides) => {
    const items = toItems(answered(overrides)) ?? [];
    expect(resultOf(items)).toBe(inspectionResultOf(items));
    expect(openItemsOf(items)).toEqual(serverOpenItems(items));
  });

  it('fails an inspection on a required item only: an advised alarm missing passes', () => {
    expect(resultOf(toItems(answered({ gasAlarm: 'needsFix' })) ?? [])).toBe('pass');
    expect(resultOf(toItems(answered({ hose: 'needsFix' })) ?? [])).toBe('needsFix');
  });
});

describe('how a customer stands', () => {
  const today = '2026-11-29';

  it('is due now when never inspected, overdue by whole Taipei days after the due day, upcoming otherwise', () => {
    expect(dueState(undefined, today)).toEqual({ kind: 'never' });
    expect(dueState(null, today)).toEqual({ kind: 'never' });
    expect(dueState('2026-11-14', today)).toEqual({ kind: 'overdue', days: 15 });
    expect(dueState(today, today)).toEqual({ kind: 'upcoming', days: 0 });
    expect(dueState('2026-12-29', today)).toEqual({ kind: 'upcoming', days: 30 });
  });

  it.each(['2024-02-29', '2026-11-28', '2026-11-29', '2027-01-01'])('counts the days overdue as the server does for a due day of %s', (nextDueOn) => {
    const summary = { inspectionId: 'si-1', lastInspectedOn: '2024-01-01', result: 'pass' as const, nextDueOn, openItems: [] };
    const state = dueState(nextDueOn, today);
    expect(state.kind === 'overdue' ? state.days : 0).toBe(safetyDueOf(summary, today, 30).overdueDays);
  });
});

describe('the supply stop as the screens say it (停止供氣)', () => {
  const textOf = (messages: Record<string, unknown>, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

  it('says an inspection found the leak when an inspection stopped it, and a 報修 when a service call did, for the office and the customer', () => {
    for (const key of ['serviceCalls.stoppedSince', 'serviceCalls.customer.stopped']) {
      expect(textOf(zhTW, supplyStopTextKey(key, { inspectionId: 'si-1' }))).toMatch(/^[^報]*\{date\} 安全檢查[^報]*$/);
      expect(textOf(en, supplyStopTextKey(key, { inspectionId: 'si-1' }))).toMatch(/^(?!.*service call).*a safety inspection (on \{date\} )?found/);
      expect(textOf(zhTW, supplyStopTextKey(key, {}))).toEqual(expect.stringContaining('{date} 報修'));
    }
  });
});

describe('the form says before saving that a failed leak test stops the supply', () => {
  it('names the items answered 需改善 that stop the supply on the server, and nothing for the other failures', () => {
    for (const code of SAFETY_ITEMS) expect(supplyStoppingOf(answered({ [code]: 'needsFix' }))).toEqual(SERVER_STOPPING.has(code) ? [code] : []);
    expect(supplyStoppingOf(answered({ leakTest: 'needsFix' }))).toEqual(['leakTest']);
    expect(supplyStoppingOf(answered({ leakTest: 'fixedOnSite', hose: 'needsFix' }))).toEqual([]);
  });
});

describe('the on-site confirmation on the form', () => {
  const PNG = 'data:image/png;base64,iVBORw0KGgo=';

  it('offers the server’s reasons for no signature', () => {
    expect(UNCONFIRMED_REASONS).toEqual(SERVER_REASONS);
  });

  it('sends nothing until its kind has what it needs: a name and a drawn signature, a name, or a reason', () => {
    expect(toConfirmation(blankConfirmation())).toBeNull();
    expect(toConfirmation({ ...blankConfirmation(), kind: 'signature', name: '林美玲' })).toBeNull();
    expect(toConfirmation({ ...blankConfirmation(), kind: 'signature', signature: PNG, name: '  ' })).toBeNull();
    expect(toConfirmation({ ...blankConfirmation(), kind: 'paper' })).toBeNull();
    expect(toConfirmation({ ...blankConfirmation(), kind: 'none', name: '王先生' })).toBeNull();
  });

  it('sends what the server’s schema takes, the name trimmed and the image only with a signature', () => {
    const sent = [
      toConfirmation({ kind: 'signature', name: ' 林美玲 ', signature: PNG, reason: 'refused' }),
      toConfirmation({ kind: 'paper', name: '林美玲', signature: PNG, reason: undefined }),
      toConfirmation({ kind: 'none', name: '', signature: PNG, reason: 'customerAbsent' }),
    ];
    expect(sent).toEqual([{ kind: 'signature', name: '林美玲', signature: PNG }, { kind: 'paper', name: '林美玲' }, { kind: 'none', reason: 'customerAbsent' }]);
    for (const c of sent) expect(confirmationSchema.parse(c)).toEqual(c);
  });
});

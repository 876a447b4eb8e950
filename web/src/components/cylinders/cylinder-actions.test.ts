import { createI18n } from 'vue-i18n';
import {
  ageOn as serverAgeOn,
  CYLINDER_MATERIALS as SERVER_MATERIALS,
  CYLINDER_STATUSES as SERVER_STATUSES,
  cylinderRegisterMessages,
  MAX_BATCH as SERVER_MAX_BATCH,
  moveCylinders,
  recordInspectionResults,
  scrapCylinders,
  sendToInspection,
  withDerived,
  type OperationContext,
  type RegisteredCylinder as ServerCylinder,
} from '../../../../functions/src/domain/cylinders/register';
import { DomainError } from '../../../../functions/src/domain/errors';
import { CYLINDER_MATERIALS, CYLINDER_STATUSES, MAX_BATCH, type RegisteredCylinder } from '../../composables/useCylinderRegister';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';

// Only the composable's constants are read here: its HTTP client and listeners stay out.
jest.mock('../../composables/useApi', () => ({ api: {}, downloadFile: jest.fn() }));
jest.mock('../../composables/useFleet', () => ({ useDepots: jest.fn() }));
import { ageOn, BATCH_ACTIONS, refusalOf, refusalText, splitForAction, type ActionChoice, type BatchAction } from './cylinder-actions';

const TODAY = '2026-11-29';
const AT = '2026-11-01T00:00:00.000Z';
const ctx: OperationContext = { id: 'op-1', by: { uid: 'u-office', role: 'office' }, now: new Date(`${TODAY}T02:00:00Z`), today: TODAY };

const cylinder = (serial: string, over: Partial<Pick<ServerCylinder, 'status' | 'location' | 'factoryTestedOn' | 'material'>> = {}): ServerCylinder =>
  withDerived({ serial, size: 20, material: 'steel', factoryTestedOn: '2015-04-01', lastInspectedOn: null, status: 'inService', location: { kind: 'depot', depotId: 'depot-a' }, registeredAt: AT, updatedAt: AT, ...over });

/** One cylinder in each state the office meets. */
const FLEET: ServerCylinder[] = [
  cylinder('AT-DEPOT-A'),
  cylinder('AT-DEPOT-B', { location: { kind: 'depot', depotId: 'depot-b' } }),
  cylinder('AT-CUSTOMER', { location: { kind: 'customer', customerId: 'cust-1' } }),
  cylinder('AT-STATION', { status: 'atInspection', location: { kind: 'inspection', station: '新北容器檢驗場' } }),
  cylinder('SCRAPPED', { status: 'scrapped', location: { kind: 'scrapped' } }),
  cylinder('OLD-STEEL', { factoryTestedOn: '1996-11-29' }),
  cylinder('OLD-AT-STATION', { factoryTestedOn: '1996-11-29', status: 'atInspection', location: { kind: 'inspection' } }),
  cylinder('OLD-COMPOSITE', { material: 'composite', factoryTestedOn: '2006-06-01' }),
];

/** The code the server refuses with (a batch's first serial's), or null when it takes the lot. */
function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return ((e.details?.['errors'] as { code: string }[] | undefined) ?? [])[0]?.code ?? e.code;
  }
}

/** The server's code for the cylinder alone in `action`, or null when it takes it. */
function serverRefusal(action: BatchAction, c: ServerCylinder, choice: ActionChoice): string | null {
  const current = new Map([[c.serial, c]]);
  const run: Record<BatchAction, () => unknown> = {
    send: () => sendToInspection({ serials: [c.serial] }, current, ctx),
    result: () => recordInspectionResults({ depotId: 'depot-a', results: [{ serial: c.serial, result: choice.outcome ?? 'passed', inspectedOn: choice.inspectedOn ?? TODAY }] }, current, ctx),
    scrap: () => scrapCylinders({ serials: [c.serial], reason: '鏽蝕' }, current, ctx),
    move: () => moveCylinders({ serials: [c.serial], toDepotId: choice.toDepotId ?? 'depot-a', state: 'empty' }, current, ctx),
  };
  return codeOf(run[action]);
}

describe('the register as the screens know it', () => {
  it('has the server’s statuses, materials and batch limit', () => {
    expect(CYLINDER_STATUSES).toEqual(SERVER_STATUSES);
    expect(CYLINDER_MATERIALS).toEqual(SERVER_MATERIALS);
    expect(MAX_BATCH).toBe(SERVER_MAX_BATCH);
  });
});

/** Each action with the choices the dialog makes, over every state of FLEET. */
const choices: Record<BatchAction, ActionChoice[]> = {
  send: [{ today: TODAY }],
  result: [
    { today: TODAY, outcome: 'passed', inspectedOn: TODAY },
    { today: TODAY, outcome: 'failed', inspectedOn: TODAY },
  ],
  scrap: [{ today: TODAY }],
  move: [
    { today: TODAY, toDepotId: 'depot-a' },
    { today: TODAY, toDepotId: 'depot-b' },
  ],
};
const cases = BATCH_ACTIONS.flatMap((action) => choices[action].flatMap((choice) => FLEET.map((c) => ({ action, serial: c.serial, c, choice }))));

describe('which selected cylinders a batch action would refuse', () => {
  it.each(cases)('agrees with the server: $action $serial', ({ action, c, choice }) => {
    expect(refusalOf(action, c as RegisteredCylinder, choice)).toBe(serverRefusal(action, c, choice));
  });

  it('sends the ones taken and names the others', () => {
    const { accepted, refused } = splitForAction('send', FLEET as RegisteredCylinder[], { today: TODAY });
    expect(accepted.map((c) => c.serial)).toEqual(['AT-DEPOT-A', 'AT-DEPOT-B']);
    expect(refused).toEqual([
      { serial: 'AT-CUSTOMER', code: 'CYLINDER.AT_CUSTOMER' },
      { serial: 'AT-STATION', code: 'CYLINDER.AT_INSPECTION' },
      { serial: 'SCRAPPED', code: 'CYLINDER.SCRAPPED' },
      { serial: 'OLD-STEEL', code: 'CYLINDER.PAST_SERVICE_LIFE' },
      { serial: 'OLD-AT-STATION', code: 'CYLINDER.AT_INSPECTION' },
      { serial: 'OLD-COMPOSITE', code: 'CYLINDER.PAST_SERVICE_LIFE' },
    ]);
  });
});

describe('why the API refused a serial, in words', () => {
  const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
  const translator = (locale: 'zh-TW' | 'en') => {
    i18n.global.locale.value = locale;
    return { t: (key: string) => i18n.global.t(key), te: (key: string) => i18n.global.te(key) };
  };
  // The register's codes no batch action refuses a single serial with: the request's own (a malformed list, a page
  // cursor, one cylinder looked up, the batch as a whole) and a delivery's, which the driver's upload list shows.
  const NOT_A_BATCH_REFUSAL = [
    'CYLINDER.SERIAL_INVALID',
    'CYLINDER.DUPLICATE_SERIAL',
    'CYLINDER.INSPECTED_BEFORE_FACTORY_TEST',
    'CYLINDER.CURSOR_INVALID',
    'CYLINDER.NOT_FOUND',
    'CYLINDER.ALREADY_REGISTERED',
    'CYLINDER.BATCH_REFUSED',
    'CYLINDER.NOT_IN_SERVICE',
    'CYLINDER.INSPECTION_OVERDUE',
  ];
  const batchCodes = Object.keys(cylinderRegisterMessages).filter((code) => !NOT_A_BATCH_REFUSAL.includes(code));

  it('finds every code of the server’s catalogue it leaves out of the batch refusals there', () => {
    expect(NOT_A_BATCH_REFUSAL.filter((code) => !(code in cylinderRegisterMessages))).toEqual([]);
  });

  it('has its own words, in zh-TW and English, for every refusal of a serial the server’s catalogue has', () => {
    for (const locale of ['zh-TW', 'en'] as const) {
      const { te } = translator(locale);
      expect(batchCodes.filter((code) => !te(`cylinders.refusals.${code.replace('CYLINDER.', '')}`))).toEqual([]);
    }
  });

  it('knows each code the batch actions refuse with, the dates the station gives included', () => {
    const station = cylinder('AT-STATION', { status: 'atInspection', location: { kind: 'inspection' } });
    const results = (inspectedOn: string) => () =>
      recordInspectionResults({ depotId: 'depot-a', results: [{ serial: station.serial, result: 'passed', inspectedOn }] }, new Map([[station.serial, station]]), ctx);
    const refused = [
      ...cases.map(({ action, c, choice }) => serverRefusal(action, c, choice)),
      codeOf(() => scrapCylinders({ serials: ['NOBODY'], reason: '鏽蝕' }, new Map(), ctx)),
      codeOf(results('2026-11-30')),
      codeOf(results('2015-03-31')),
    ];
    expect([...new Set(refused.filter((code): code is string => code !== null))].sort()).toEqual([...batchCodes].sort());
  });

  it('reads CYLINDER.INSPECTED_BEFORE_LAST in the screen’s words, not as a locale key', () => {
    const refusal = { serial: 'TW20-1', code: 'CYLINDER.INSPECTED_BEFORE_LAST', message: '鋼瓶 TW20-1 的檢驗日期早於上次檢驗' };
    expect(refusalText(refusal, translator('zh-TW'))).toBe('檢驗日期早於上次檢驗');
    expect(refusalText(refusal, translator('en'))).toBe('inspection dated before its last one');
  });

  it('falls back to the API’s own message for a code the locale files do not name yet, and to the code without one', () => {
    const t = translator('zh-TW');
    expect(refusalText({ serial: 'TW20-1', code: 'CYLINDER.SOMETHING_NEW', message: '鋼瓶 TW20-1 新的原因' }, t)).toBe('鋼瓶 TW20-1 新的原因');
    expect(refusalText({ serial: 'TW20-1', code: 'CYLINDER.SOMETHING_NEW' }, t)).toBe('CYLINDER.SOMETHING_NEW');
  });
});

describe('a cylinder’s age (瓶齡)', () => {
  it.each([
    ['2008-05-10', '2026-05-09'],
    ['2008-05-10', '2026-05-10'],
    ['2008-02-29', '2009-02-27'],
    ['2008-02-29', '2009-02-28'],
    ['2008-02-29', '2012-02-29'],
    ['1996-12-31', '2026-01-01'],
  ])('from %s on %s counts full years as the server does', (factory, on) => {
    expect(ageOn(factory, on)).toBe(serverAgeOn(factory, on));
  });
});

import {
  ageOn as serverAgeOn,
  CYLINDER_MATERIALS as SERVER_MATERIALS,
  CYLINDER_STATUSES as SERVER_STATUSES,
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

// Only the composable's constants are read here: its HTTP client and listeners stay out.
jest.mock('../../composables/useApi', () => ({ api: {}, downloadFile: jest.fn() }));
jest.mock('../../composables/useFleet', () => ({ useDepots: jest.fn() }));
jest.mock('../../composables/useCustomers', () => ({ getCustomer: jest.fn() }));
import { ageOn, BATCH_ACTIONS, refusalOf, splitForAction, type ActionChoice, type BatchAction } from './cylinder-actions';

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

/** The server's code for the cylinder alone in `action`, or null when it takes it. */
function serverRefusal(action: BatchAction, c: ServerCylinder, choice: ActionChoice): string | null {
  const current = new Map([[c.serial, c]]);
  const run: Record<BatchAction, () => unknown> = {
    send: () => sendToInspection({ serials: [c.serial] }, current, ctx),
    result: () => recordInspectionResults({ depotId: 'depot-a', results: [{ serial: c.serial, result: choice.outcome ?? 'passed', inspectedOn: choice.inspectedOn ?? TODAY }] }, current, ctx),
    scrap: () => scrapCylinders({ serials: [c.serial], reason: '鏽蝕' }, current, ctx),
    move: () => moveCylinders({ serials: [c.serial], toDepotId: choice.toDepotId ?? 'depot-a' }, current, ctx),
  };
  try {
    run[action]();
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return ((e.details?.['errors'] as { code: string }[] | undefined) ?? [])[0]?.code ?? e.code;
  }
}

describe('the register as the screens know it', () => {
  it('has the server’s statuses, materials and batch limit', () => {
    expect(CYLINDER_STATUSES).toEqual(SERVER_STATUSES);
    expect(CYLINDER_MATERIALS).toEqual(SERVER_MATERIALS);
    expect(MAX_BATCH).toBe(SERVER_MAX_BATCH);
  });
});

describe('which selected cylinders a batch action would refuse', () => {
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

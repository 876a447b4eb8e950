import { createI18n } from 'vue-i18n';
import { ASSIGNMENT_PROBLEMS, assignmentProblems, joinProblems, routeMessages } from '../../../../functions/src/domain/routes';
import { aConfirmedOrder, aDraftRoute, aDriver, aNearbyCustomer, aVehicle, FLEET } from '../../../../functions/src/domain/routes/test-support/fleet-mother';
import { ApiError } from '../../lib/api-client';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { ASSIGNMENT_IMPOSSIBLE, assignmentProblemText, assignmentRefusalOf, type FleetNames } from './assignment-problems';

const DAY = '2026-12-02';
const customers = [1, 2].map((k) => aNearbyCustomer(`c${k}`, k));
const [v1] = FLEET.vehicles as [(typeof FLEET.vehicles)[number]];
const [d1] = FLEET.drivers as [(typeof FLEET.drivers)[number]];
/** Two 50 kg and three 20 kg cylinders in one trip, 09:00 onwards. */
const route = aDraftRoute({
  id: 'r-1',
  date: DAY,
  vehicle: v1,
  driver: d1,
  stops: [
    { order: aConfirmedOrder('o1', customers[0]!, DAY, { items: [{ size: 50, quantity: 2 }] }), customer: customers[0]! },
    { order: aConfirmedOrder('o2', customers[1]!, DAY, { items: [{ size: 20, quantity: 3 }] }), customer: customers[1]! },
  ],
});
// The server's own check, every reason at once: a deactivated afternoon driver without the 50 kg skill, a small retired
// truck of another depot, both already on route r-2 then.
const driver = aDriver('drv-9', 'veh-9', { shift: { start: '13:00', end: '17:00' }, active: false });
const vehicle = aVehicle('veh-9', { capacityKg: 100, cylinderSlots: 2, depotId: 'depot-b', active: false });
// Stops handed over onto a driver's own route (改派) are checked for their customers' windows too: o2 reached past 11:00.
const lateEta = '2026-12-02T03:40:00.000Z';
const problems = [
  ...assignmentProblems({ route, driver, vehicle, otherRoutes: [{ ...route, id: 'r-2', driverId: 'drv-9', vehicleId: 'veh-9' }] }),
  ...joinProblems({ route: { ...route, stops: route.stops.map((s) => ({ ...s, eta: lateEta, windows: [{ start: '09:00', end: '11:00' }] })) }, from: route, orderIds: ['o2'], at: new Date('2026-12-02T01:00:00Z'), driver: { ...driver, active: true, skills: ['cylinder_50kg'], shift: { start: '08:00', end: '17:00' } }, vehicle: FLEET.vehicles[0]!, otherRoutes: [] }),
];
const details = { routeId: 'r-1', driverId: 'drv-9', vehicleId: 'veh-9', problems, intoRouteId: 'r-2' };
const refusal = new ApiError(409, ASSIGNMENT_IMPOSSIBLE, routeMessages[ASSIGNMENT_IMPOSSIBLE]?.['zh-TW'] ?? '', [], details);
const names: FleetNames = {
  driver: (id) => ({ 'drv-9': '林志豪' })[id] ?? id,
  plate: (id) => ({ 'veh-9': 'KLA-2093' })[id] ?? id,
  depot: (id) => ({ 'depot-a': '中和站', 'depot-b': '三重站' })[id] ?? id,
  route: (id) => ({ 'r-2': '中和站 2' })[id] ?? id,
  customer: (id) => ({ o2: '好鄰居小吃' })[id] ?? id,
};

describe('an assignment or publish refused because the driver or truck cannot take the route', () => {
  it('reads which driver and truck and why from the API’s refusal, and nothing from any other failure', () => {
    expect(problems.map((p) => p.code).sort()).toEqual([...ASSIGNMENT_PROBLEMS].sort());
    expect(assignmentRefusalOf(refusal)).toEqual({ driverId: 'drv-9', vehicleId: 'veh-9', problems, intoRouteId: 'r-2' });
    expect(assignmentRefusalOf(new ApiError(409, 'ROUTE.ORDERS_NOT_SCHEDULABLE', 'x', [], { orders: [] }))).toBeNull();
    expect(assignmentRefusalOf(new ApiError(0, 'NETWORK.UNREACHABLE', ''))).toBeNull();
  });

  it('says every reason the server checks in words, naming the driver, truck, depots and route, in zh-TW and English', () => {
    const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
    const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params);
    const read = assignmentRefusalOf(refusal)!;
    const texts = () => new Map(read.problems.map((p) => [p.code, assignmentProblemText(p, read, names, t, i18n.global.locale.value)]));
    expect(Object.fromEntries(texts())).toEqual({
      DRIVER_INACTIVE: '司機 林志豪 已停用',
      VEHICLE_INACTIVE: '車輛 KLA-2093 已停用',
      SKILL_MISSING: '司機 林志豪 沒有「50 公斤鋼瓶」的資格',
      SHIFT_TOO_SHORT: `路線 ${hm(route.startsAt)}–${hm(route.endsAt)}，超出司機 林志豪 的班表 13:00–17:00`,
      CAPACITY_WEIGHT: '車輛 KLA-2093 最多載 100 公斤，最重的一趟要載 295 公斤',
      CAPACITY_SLOTS: '車輛 KLA-2093 只有 2 個瓶位，最多的一趟要載 5 支',
      DEPOT_MISMATCH: '車輛 KLA-2093 屬於三重站，這條路線從中和站出發',
      DRIVER_BUSY: '司機 林志豪 同一時段已排在中和站 2',
      VEHICLE_BUSY: '車輛 KLA-2093 同一時段已排在中和站 2',
      TIME_WINDOW: '好鄰居小吃 只收到 11:00，併入中和站 2後要 11:40 才到',
    });
    i18n.global.locale.value = 'en';
    expect(Object.fromEntries(texts())).toEqual({
      DRIVER_INACTIVE: 'Driver 林志豪 is deactivated',
      VEHICLE_INACTIVE: 'Truck KLA-2093 is out of service',
      SKILL_MISSING: 'Driver 林志豪 is not qualified for 50 kg cylinders',
      SHIFT_TOO_SHORT: `The route runs ${hm(route.startsAt)}–${hm(route.endsAt)}, outside driver 林志豪’s shift 13:00–17:00`,
      CAPACITY_WEIGHT: 'Truck KLA-2093 carries at most 100 kg; the heaviest trip needs 295 kg',
      CAPACITY_SLOTS: 'Truck KLA-2093 has 2 cylinder slots; the fullest trip needs 5',
      DEPOT_MISMATCH: 'Truck KLA-2093 belongs to 三重站; this route starts from 中和站',
      DRIVER_BUSY: 'Driver 林志豪 is on 中和站 2 at the same time',
      VEHICLE_BUSY: 'Truck KLA-2093 is on 中和站 2 at the same time',
      TIME_WINDOW: '好鄰居小吃 takes deliveries until 11:00; on 中和站 2 it would be reached at 11:40',
    });
    // A stop after the early closing where it is delivered, whatever route it is on.
    const closing = assignmentProblems({ route: { ...route, stops: route.stops.map((s) => ({ ...s, eta: lateEta })) }, driver: d1, vehicle: v1, otherRoutes: [], closings: new Map([['o2', { name: '颱風', closesAt: '11:00' }]]) });
    const closingRefusal = { driverId: 'drv-1', vehicleId: v1.id, problems: closing };
    expect(closing.map((p) => assignmentProblemText(p, closingRefusal, names, t, 'en'))).toEqual(['颱風: deliveries end at 11:00, and 好鄰居小吃 would be reached at 11:40']);
    i18n.global.locale.value = 'zh-TW';
    expect(closing.map((p) => assignmentProblemText(p, closingRefusal, names, t, 'zh-TW'))).toEqual(['颱風 11:00 提早收工，好鄰居小吃 要 11:40 才到']);
    i18n.global.locale.value = 'en';
    // A reason this page does not know yet is still said, by its code.
    expect(assignmentProblemText({ code: 'LICENCE_EXPIRED', detail: {} }, read, names, t, 'en')).toBe('The driver or truck cannot take this route (LICENCE_EXPIRED)');
  });
});

/** An instant as HH:mm in Taipei. */
function hm(iso: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso ?? ''));
}

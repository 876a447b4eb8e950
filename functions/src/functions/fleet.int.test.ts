import { aDraftRoute } from '../domain/routes/test-support/fleet-mother';
import { hashPassword } from '../domain/users/password';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { planningDay, seedPlanningDay } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;
const day = planningDay();
const [veh1, veh2] = day.vehicles as [typeof day.vehicles[number], typeof day.vehicles[number]];
/** A draft on veh-2 with no driver yet: the one the office asks driver suggestions for. */
const draft = aDraftRoute({ id: 'job-f-1', jobId: 'job-f', date: day.date, vehicle: veh2, stops: [{ order: day.orders[1]!, customer: day.customers[1]! }] });
const truck = { plate: 'KLZ-3301', capacityKg: 1500, cylinderSlots: 36, depotId: day.depot.id, costPerKm: 10, fixedCost: 1800 };

beforeAll(async () => {
  stack = await startTestStack({ suite: 'fleet', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  await seedPlanningDay(stack.container.db, day);
  await stack.container.db.collection('routes').doc(draft.id).set({ ...draft, version: 1 });
});
afterAll(() => stack.close());

const ids = (res: { body: Json }): string[] => res.body.items.map((x: Json) => x.id);

describe('fleet API', () => {
  it('tells anyone, signed in or not, the name and phone of each depot in service with one, and nothing else of it', async () => {
    const body = { address: '新北市土城區中央路三段1號', location: { lat: 24.98, lng: 121.44 }, hours: { start: '07:00', end: '18:00' }, sameDayCutoff: '14:00' };
    const open = await call('POST', '/api/fleet/depots', { as: 'admin', body: { ...body, name: '幸福氣 土城站', phone: '0222601234' } });
    const retired = await call('POST', '/api/fleet/depots', { as: 'admin', body: { ...body, name: '幸福氣 土城舊站', phone: '0222609999' } });
    await call('POST', '/api/fleet/depots', { as: 'admin', body: { ...body, name: '幸福氣 無電話站' } });
    await call('POST', `/api/fleet/depots/${retired.body.id}/deactivate`, { as: 'admin' });
    expect(open.status).toBe(201);

    const res = await fetch(`${stack.url}/api/fleet/contacts`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Json[] };
    expect(items).toContainEqual({ name: '幸福氣 土城站', phone: '(02)2260-1234' });
    expect(items.map((d) => d.name)).not.toContain('幸福氣 土城舊站');
    expect(items.map((d) => d.name)).not.toContain('幸福氣 無電話站');
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['name', 'phone']);
    // Read-only: the public route takes no other method.
    const post = await fetch(`${stack.url}/api/fleet/contacts`, { method: 'POST' });
    expect(post.status).toBe(400);
    expect(((await post.json()) as Json).error.code).toBe('REQUEST.METHOD_NOT_ALLOWED');
  });

  it('lets an admin add a depot, a truck there and a driver for it, stamped with who did it', async () => {
    const depot = await call('POST', '/api/fleet/depots', {
      as: 'admin',
      body: { name: '幸福氣 板橋站', address: '新北市板橋區文化路一段100號', location: { lat: 25.0143, lng: 121.4672 } },
    });
    expect(depot.status).toBe(201);
    expect(depot.body).toMatchObject({ name: '幸福氣 板橋站', active: true, createdBy: 'u-admin' });
    const vehicle = await call('POST', '/api/fleet/vehicles', { as: 'admin', body: { ...truck, plate: 'klz-3301', depotId: depot.body.id } });
    expect(vehicle.status).toBe(201);
    expect(vehicle.body).toMatchObject({ plate: 'KLZ-3301', depotId: depot.body.id, active: true });
    const driver = await call('POST', '/api/fleet/drivers', {
      as: 'admin',
      body: { name: '蔡承恩', phone: '0933456789', skills: ['cylinder_50kg'], shift: { start: '08:00', end: '17:00' }, vehicleId: vehicle.body.id },
    });
    expect(driver.status).toBe(201);
    expect(driver.body).toMatchObject({ phone: '0933-456-789', vehicleId: vehicle.body.id, active: true });
    const stored = (await stack.container.db.collection('vehicles').doc(vehicle.body.id).get()).data();
    expect(stored).toMatchObject({ createdBy: 'u-admin', updatedBy: 'u-admin' });
    expect(ids(await call('GET', '/api/fleet/vehicles', { as: 'office' }))).toContain(vehicle.body.id);
  });

  it('keeps a depot’s yard hours, changes them, and refuses hours that close before they open with a field message', async () => {
    const body = { name: '幸福氣 新莊站', address: '新北市新莊區中正路300號', location: { lat: 25.036, lng: 121.45 }, hours: { start: '06:30', end: '18:00' } };
    const depot = await call('POST', '/api/fleet/depots', { as: 'admin', body });
    expect(depot.status).toBe(201);
    expect(depot.body.hours).toEqual({ start: '06:30', end: '18:00' });
    const later = await call('PATCH', `/api/fleet/depots/${depot.body.id}`, { as: 'admin', body: { hours: { start: '07:00', end: '19:00' } } });
    expect(later.body.hours).toEqual({ start: '07:00', end: '19:00' });
    const wrong = await call('PATCH', `/api/fleet/depots/${depot.body.id}`, { as: 'admin', body: { hours: { start: '18:00', end: '06:00' } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.map((f: Json) => f.path)).toEqual(['body.hours.end']);
    expect((await stack.container.db.collection('depots').doc(depot.body.id).get()).get('hours')).toEqual({ start: '07:00', end: '19:00' });

    const renamed = await call('PATCH', `/api/fleet/depots/${depot.body.id}`, { as: 'admin', body: { name: '幸福氣 新莊站（新）' } });
    expect(renamed.body.hours).toEqual({ start: '07:00', end: '19:00' });
    const cleared = await call('PATCH', `/api/fleet/depots/${depot.body.id}`, { as: 'admin', body: { hours: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('hours');
    expect((await stack.container.db.collection('depots').doc(depot.body.id).get()).data()).not.toHaveProperty('hours');
  });

  it('keeps a depot’s same-day cut-off, removes it with null, and refuses one that is no time of day', async () => {
    const body = { name: '幸福氣 三重站', address: '新北市三重區重新路一段1號', location: { lat: 25.06, lng: 121.49 }, sameDayCutoff: '15:00' };
    const depot = await call('POST', '/api/fleet/depots', { as: 'admin', body });
    expect(depot.status).toBe(201);
    expect(depot.body.sameDayCutoff).toBe('15:00');
    const wrong = await call('PATCH', `/api/fleet/depots/${depot.body.id}`, { as: 'admin', body: { sameDayCutoff: '3pm' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.map((f: Json) => f.path)).toEqual(['body.sameDayCutoff']);
    expect((await call('PATCH', `/api/fleet/depots/${depot.body.id}`, { as: 'office', body: { sameDayCutoff: '16:00' } })).status).toBe(403);
    const cleared = await call('PATCH', `/api/fleet/depots/${depot.body.id}`, { as: 'admin', body: { sameDayCutoff: null } });
    expect(cleared.status).toBe(200);
    expect((await stack.container.db.collection('depots').doc(depot.body.id).get()).data()).not.toHaveProperty('sameDayCutoff');
  });

  it("sets a driver's hourly cost for admins only, refuses a negative or fractional one with a field message, and clears it with null", async () => {
    const driverId = day.drivers[0]!.id;
    const set = await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'admin', body: { hourlyCost: 320 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: driverId, hourlyCost: 320 });
    for (const hourlyCost of [-250, 250.5]) {
      const bad = await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'admin', body: { hourlyCost } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual([{ path: 'body.hourlyCost', message: '每小時成本須為 100–2000 元的整數' }]);
    }
    const en = await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'admin', body: { hourlyCost: -1 }, lang: 'en' });
    expect(en.body.error.fields).toEqual([{ path: 'body.hourlyCost', message: 'The hourly cost must be a whole number of NT$ between 100 and 2000' }]);
    expect((await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'office', body: { hourlyCost: 100 } })).status).toBe(403);
    expect((await stack.container.db.collection('drivers').doc(driverId).get()).get('hourlyCost')).toBe(320);
    const cleared = await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'admin', body: { hourlyCost: null } });
    expect(cleared.body).not.toHaveProperty('hourlyCost');
  });

  it("sets a driver's 對客稱呼 for admins only (the office, the driver and customers refused), refuses one too long in the caller's words, and clears it with null", async () => {
    const driverId = day.drivers[1]!.id;
    const set = await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'admin', body: { addressedAs: ' 張簡師傅 ' } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: driverId, addressedAs: '張簡師傅' });
    for (const who of ['office', 'driver2', 'customerA'] as const) {
      expect((await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: who, body: { addressedAs: '阿宏' } })).status).toBe(403);
    }
    const long = await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'admin', body: { addressedAs: '師'.repeat(13) }, lang: 'en' });
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual([{ path: 'body.addressedAs', message: 'How customers address the driver must be 1 to 12 characters (leave it empty to derive it from the name)' }]);
    expect((await stack.container.db.collection('drivers').doc(driverId).get()).get('addressedAs')).toBe('張簡師傅');
    const cleared = await call('PATCH', `/api/fleet/drivers/${driverId}`, { as: 'admin', body: { addressedAs: null } });
    expect(cleared.body).not.toHaveProperty('addressedAs');
  });

  it('changes a truck’s capacity and slots, and refuses the office, drivers and customers', async () => {
    const res = await call('PATCH', `/api/fleet/vehicles/${veh1.id}`, { as: 'admin', body: { capacityKg: 1800, cylinderSlots: 40 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: veh1.id, plate: veh1.plate, capacityKg: 1800, cylinderSlots: 40, updatedBy: 'u-admin' });
    expect((await call('PATCH', `/api/fleet/vehicles/${veh1.id}`, { as: 'office', body: { capacityKg: 1 } })).status).toBe(403);
    expect((await call('GET', '/api/fleet/drivers', { as: 'driver1' })).status).toBe(403);
    expect((await call('GET', '/api/fleet/depots', { as: 'customerA' })).status).toBe(403);
    expect((await call('PATCH', '/api/fleet/vehicles/veh-none', { as: 'admin', body: { capacityKg: 1 } })).body.error.code).toBe('VEHICLE.NOT_FOUND');
  });

  it('refuses a plate that a truck in service already has with 409', async () => {
    const res = await call('POST', '/api/fleet/vehicles', { as: 'admin', body: { ...truck, plate: veh2.plate } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VEHICLE.PLATE_TAKEN');
    const renamed = await call('PATCH', `/api/fleet/vehicles/${veh1.id}`, { as: 'admin', body: { plate: veh2.plate } });
    expect(renamed.body.error.code).toBe('VEHICLE.PLATE_TAKEN');
  });

  it('answers bad input with 400 and a message per field, in Chinese by default and in English on request', async () => {
    const bad = { ...truck, plate: 'KLZ 3301', capacityKg: 0 };
    const zh = await call('POST', '/api/fleet/vehicles', { as: 'admin', body: bad });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([
      { path: 'body.plate', message: '車牌格式不正確（例：KLA-1234）' },
      { path: 'body.capacityKg', message: '載重須為 1–20000 公斤的整數' },
    ]);
    const en = await call('POST', '/api/fleet/vehicles', { as: 'admin', body: bad, lang: 'en' });
    expect(en.body.error.fields[0]).toEqual({ path: 'body.plate', message: 'Invalid plate (e.g. KLA-1234)' });
    const shift = await call('POST', '/api/fleet/drivers', {
      as: 'admin',
      body: { name: '蔡承恩', phone: '0933-456-789', skills: [], shift: { start: '17:00', end: '08:00' }, vehicleId: veh1.id },
    });
    expect(shift.body.error.fields).toEqual([{ path: 'body.shift.end', message: '結束時間須晚於開始時間' }]);
    const unplaced = await call('POST', '/api/fleet/depots', { as: 'admin', body: { name: '幸福氣 板橋站', address: '新北市板橋區文化路一段100號' } });
    expect(unplaced.body.error.fields).toEqual([{ path: 'body.location', message: '請標出站點位置（依地址定位、在地圖上點選或填入座標）：每條路線由此出發、回到此處' }]);
    const abroad = await call('POST', '/api/fleet/depots', { as: 'admin', body: { name: '幸福氣 板橋站', address: '新北市板橋區文化路一段100號', location: { lat: 35.68, lng: 121.46 } } });
    expect(abroad.body.error.fields).toEqual([{ path: 'body.location.lat', message: '不可大於 26.4' }]);
    const noSlots = await call('POST', '/api/fleet/vehicles', { as: 'admin', lang: 'en', body: { ...truck, costPerKm: 1500, fixedCost: 10.5 } });
    expect(noSlots.body.error.fields).toEqual([
      { path: 'body.costPerKm', message: 'Enter at most 1,000' },
      { path: 'body.fixedCost', message: 'An amount is whole NT$, without cents' },
    ]);
    const unknownDepot = await call('POST', '/api/fleet/vehicles', { as: 'admin', body: { ...truck, plate: 'KLZ-3399', depotId: 'depot-none' } });
    expect(unknownDepot.status).toBe(400);
    expect(unknownDepot.body.error.fields).toEqual([{ path: 'body.depotId', message: '站點不存在或已停用' }]);
  });

  it('creates one truck however often a request with the same Idempotency-Key is retried', async () => {
    const body = { ...truck, plate: 'KLZ-4401' };
    const first = await call('POST', '/api/fleet/vehicles', { as: 'admin', body, key: 'add-truck-4401' });
    const again = await call('POST', '/api/fleet/vehicles', { as: 'admin', body, key: 'add-truck-4401' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const same = await stack.container.db.collection('vehicles').where('plate', '==', 'KLZ-4401').get();
    expect(same.size).toBe(1);
  });

  it('retires a driver and then their truck, after which planning and assignment no longer offer them', async () => {
    const before = await call('GET', `/api/routes/${draft.id}/driver-suggestions`, { as: 'office' });
    expect(before.body.items.map((s: Json) => s.driverId)).toEqual(expect.arrayContaining(['drv-1', 'drv-2']));

    const stillDriven = await call('POST', `/api/fleet/vehicles/${veh2.id}/deactivate`, { as: 'admin', body: {} });
    expect(stillDriven.status).toBe(409);
    expect(stillDriven.body.error.code).toBe('VEHICLE.HAS_ACTIVE_DRIVER');

    expect((await call('POST', '/api/fleet/drivers/drv-2/deactivate', { as: 'admin', body: {} })).body.active).toBe(false);
    const withoutDriver = await call('GET', `/api/routes/${draft.id}/driver-suggestions`, { as: 'office' });
    expect(withoutDriver.body.items.map((s: Json) => s.driverId)).toEqual(expect.arrayContaining(['drv-1']));
    expect(withoutDriver.body.items.map((s: Json) => s.driverId)).not.toContain('drv-2');

    const retired = await call('POST', `/api/fleet/vehicles/${veh2.id}/deactivate`, { as: 'admin', body: {} });
    expect(retired.body).toMatchObject({ id: veh2.id, active: false });
    expect((await call('GET', `/api/routes/${draft.id}/driver-suggestions`, { as: 'office' })).body.items).toEqual([]);
    const assign = await call('POST', `/api/routes/${draft.id}/assign`, { as: 'office', body: { driverId: 'drv-1' } });
    expect(assign.status).toBe(409);
    expect(assign.body.error.details.problems.map((p: Json) => p.code)).toContain('VEHICLE_INACTIVE');
    const plan = await call('POST', '/api/optimize', { as: 'office', body: { date: day.date, depotId: day.depot.id, vehicleIds: [veh2.id] } });
    expect(plan.status).toBe(400);
    expect(plan.body.error.code).toBe('OPTIMIZE.UNKNOWN_VEHICLES');
    expect(ids(await call('GET', '/api/fleet/vehicles', { as: 'office' }))).toContain(veh2.id);
  });

  it('disables the accounts of a retired driver, and only theirs, ending their sessions for good, so they can no longer sign in', async () => {
    const users = stack.container.db.collection('users');
    const account = async (uid: string, driverId: string) => ({
      uid, username: uid.slice(2), displayName: uid, role: 'driver', driverId, passwordHash: await hashPassword('pw-driver-1'), disabled: false,
    });
    await users.doc('u-drv3').set(await account('u-drv3', 'drv-3'));
    await users.doc('u-drv1').set(await account('u-drv1', 'drv-1'));
    const login = (username: string) => call('POST', '/api/auth/login', { body: { username, password: 'pw-driver-1' } });
    expect((await login('drv3')).status).toBe(200);
    await stack.container.db.collection('drivers').doc('drv-3').set({ ...day.drivers[0]!, id: 'drv-3', name: '司機 三' });

    expect((await call('POST', '/api/fleet/drivers/drv-3/deactivate', { as: 'admin', body: {} })).status).toBe(200);
    // Its sessions end for good, as an admin disabling the account ends them: enabled again, it signs in afresh.
    expect((await users.doc('u-drv3').get()).data()).toMatchObject({ disabled: true, sessionsValidFromSeconds: expect.any(Number) });
    expect((await users.doc('u-drv1').get()).data()).toMatchObject({ disabled: false });
    expect((await login('drv3')).body.error.code).toBe('AUTH.ACCOUNT_DISABLED');
    expect((await login('drv1')).status).toBe(200);
  });

  it('closes a depot only once its trucks are retired', async () => {
    const closing = await call('POST', `/api/fleet/depots/${day.depot.id}/deactivate`, { as: 'admin', body: {} });
    expect(closing.status).toBe(409);
    expect(closing.body.error.code).toBe('DEPOT.HAS_ACTIVE_VEHICLES');
  });
});

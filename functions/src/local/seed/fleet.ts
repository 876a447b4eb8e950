/** The distributor's depots, trucks and drivers, and which districts each driver usually serves. */
import type { Customer } from '../../domain/customers';
import type { SizeQuantity } from '../../domain/cylinders';
import type { Depot, Driver, DriverSkill, Vehicle } from '../../domain/fleet';
import { DISTRICTS } from './districts';

/**
 * Same-day orders (當日訂單截止): a customer may order for today in the portal until mid-afternoon, when the depot's trucks
 * are out on their last runs; the office still books later calls and phones the driver. The demo's own same-day orders are
 * all taken in the early morning, well before. Each depot's phone is the one the portal offers its customers to call.
 */
export const DEPOTS: readonly Depot[] = [
  {
    id: 'depot-zhonghe',
    name: '幸福氣 中和站',
    address: '新北市中和區中山路二段168號',
    location: { lat: 24.9978, lng: 121.4935 },
    hours: { start: '06:30', end: '18:00' },
    sameDayCutoff: '15:00',
    phone: '(02)2248-5166',
  },
  {
    id: 'depot-sanchong',
    name: '幸福氣 三重站',
    address: '新北市三重區重新路四段55號',
    location: { lat: 25.0608, lng: 121.4862 },
    hours: { start: '07:00', end: '18:00' },
    sameDayCutoff: '14:30',
    phone: '(02)2982-7733',
  },
];

const DRIVER_NAMES = ['王建民', '陳志豪', '林俊宏', '黃文忠', '張家銘', '李國棟', '吳明輝', '劉正義'] as const;
const DRIVER_PHONES = ['0912-118-201', '0928-330-415', '0935-562-078', '0956-704-311', '0970-219-846', '0988-451-623', '0919-863-502', '0920-375-948'] as const;
/** Drivers 1–5 start from 中和, 6–8 from 三重. */
const SOUTH_DRIVERS = 5;

export const demoDriverId = (n: number): string => `drv-${String(n).padStart(2, '0')}`;
export const demoVehicleId = (n: number): string => `veh-${String(n).padStart(2, '0')}`;

export const VEHICLES: readonly Vehicle[] = DRIVER_NAMES.map((_, i) => {
  const n = i + 1;
  const large = n === 1 || n === 6;
  return {
    id: demoVehicleId(n),
    plate: `KL${String.fromCharCode(65 + i)}-${String(3100 + n * 17)}`,
    capacityKg: large ? 2500 : 1500,
    cylinderSlots: large ? 60 : 36,
    depotId: n <= SOUTH_DRIVERS ? 'depot-zhonghe' : 'depot-sanchong',
    costPerKm: large ? 14 : 10,
    fixedCost: large ? 2200 : 1800,
  };
});

export const DRIVERS: readonly Driver[] = DRIVER_NAMES.map((name, i) => {
  const n = i + 1;
  const heavy = n === 1 || n === 2 || n === 6;
  return {
    id: demoDriverId(n),
    name,
    phone: DRIVER_PHONES[i] ?? '0900-000-000',
    skills: heavy ? ['cylinder_50kg', 'industrial'] : n % 2 === 0 ? ['cylinder_50kg'] : [],
    shift: n % 3 === 0 ? { start: '07:00', end: '16:00' } : { start: '08:00', end: '17:00' },
    vehicleId: demoVehicleId(n),
    active: true,
  };
});

/**
 * The driver who usually serves a district: the nearer depot's drivers take turns by district, so
 * each driver has a stable patch of town (what real distributors do, and what drivers prefer).
 * Orders needing skills (50 kg cylinders, industrial sites) go to the team's drivers who have them.
 */
export function usualDriverFor(districtName: string, skills: readonly DriverSkill[] = []): string {
  const i = DISTRICTS.findIndex((d) => d.name === districtName);
  const d = DISTRICTS[i];
  if (!d) throw new Error(`Unknown demo district ${districtName}`);
  const depotId = d.center.lat < 25.045 ? 'depot-zhonghe' : 'depot-sanchong';
  const team = DRIVERS.filter((x) => depotOf(x.id) === depotId);
  const able = team.filter((x) => skills.every((s) => x.skills.includes(s)));
  const pool = able.length > 0 ? able : team;
  const chosen = pool[i % pool.length];
  if (!chosen) throw new Error(`No demo driver for ${districtName}`);
  return chosen.id;
}

/** What a stop asks of its driver: 50 kg cylinders are heavy to handle, industrial sites have their own rules. */
export function skillsNeeded(items: readonly SizeQuantity[], customer: Pick<Customer, 'type'>): DriverSkill[] {
  return [
    ...(items.some((l) => l.size === 50) ? (['cylinder_50kg'] as const) : []),
    ...(customer.type === 'industrial' ? (['industrial'] as const) : []),
  ];
}

export function depotOf(driverId: string): string {
  const vehicleId = DRIVERS.find((d) => d.id === driverId)?.vehicleId;
  return VEHICLES.find((v) => v.id === vehicleId)?.depotId ?? 'depot-zhonghe';
}

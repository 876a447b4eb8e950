/** Demo customers: who they are, where, and how they use gas (the profile drives their order history). */
import {
  createCustomer,
  createCustomerInputSchema,
  customerCode,
  isValidTaxId,
  type Customer,
  type CustomerType,
} from '../../domain/customers';
import { standardDeposit, type SizeQuantity } from '../../domain/cylinders';
import { addDays, daysBetween, taipeiInstant } from '../../domain/calendar';
import { DISTRICTS, pointInDistrict, type District } from './districts';
import { commercialName, industrialName, personName, restaurantName } from './names';
import type { Rng } from './prng';

/** How a customer consumes gas; never stored, it only shapes the generated history. */
export interface ConsumptionProfile {
  readonly basket: readonly SizeQuantity[];
  /** Days one basket lasts at the yearly average rate. */
  readonly baseIntervalDays: number;
  /** Seasonal swing of the rate: 0.25 means +25% in mid-winter, −25% in mid-summer. */
  readonly seasonalAmplitude: number;
  /** Spread of each interval (σ of its logarithm). */
  readonly noise: number;
  readonly failRate: number;
  readonly cancelRate: number;
  /** The customer's last possible order date when they churn during the history. */
  readonly churnAfter?: string;
}

export interface DemoCustomer {
  readonly customer: Customer;
  readonly profile: ConsumptionProfile;
}

export const DEMO_CUSTOMER_MIX: Readonly<Record<CustomerType, number>> = {
  household: 190,
  restaurant: 80,
  commercial: 35,
  industrial: 15,
};

/** Customers linked to the portal accounts customer1…customer5: always active and open every day. */
export const PORTAL_CUSTOMERS = 5;
const PORTAL_TYPES: readonly CustomerType[] = ['household', 'household', 'restaurant', 'household', 'commercial'];
const CHURN_SHARE = 0.08;

export const demoCustomerId = (n: number): string => `cust-${String(n).padStart(4, '0')}`;

const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('');

const mobile = (rng: Rng): string => `09${rng.int(10, 89)}-${digits(rng, 3)}-${digits(rng, 3)}`;
/** Taipei and New Taipei numbers are (02) with eight digits, starting 2, or 8 in parts of New Taipei. */
const landline = (rng: Rng, d: District): string =>
  `(02)${d.city === '台北市' ? '2' : rng.pick(['2', '2', '8'])}${digits(rng, 3)}-${digits(rng, 4)}`;

/** A 統一編號 that passes the checksum under both the old and the 2023 rule. */
function taxId(rng: Rng): string {
  for (;;) {
    const id = digits(rng, 8);
    if (isValidTaxId(id, 'legacy')) return id;
  }
}

const CARRIER_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const carrier = (rng: Rng): string => `/${Array.from({ length: 7 }, () => rng.pick([...CARRIER_CHARS])).join('')}`;
const lineUserId = (rng: Rng): string => `U${Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('')}`;

const NOTES = ['', '', '', '請先打電話', '管理室代收', '狗會叫，請按電鈴', '後門卸貨', '鐵門旁放空桶'];

function pickDistrict(rng: Rng, type: CustomerType): District {
  const pool = type === 'industrial' ? DISTRICTS.filter((d) => d.industrial) : DISTRICTS;
  return rng.weighted(pool, pool.map((d) => d.weight));
}

function address(rng: Rng, d: District, floor: string | undefined) {
  const road = rng.pick(d.roads);
  return {
    city: d.city,
    district: d.name,
    road: road.name,
    ...(road.sections.length ? { section: rng.pick(road.sections) } : {}),
    ...(rng.chance(0.4) ? { lane: String(rng.int(1, 300)) } : {}),
    ...(rng.chance(0.12) ? { alley: String(rng.int(1, 30)) } : {}),
    number: rng.chance(0.1) ? `${rng.int(1, 200)}之${rng.int(1, 5)}` : String(rng.int(1, 320)),
    ...(floor ? { floor } : {}),
  };
}

interface TypeTraits {
  readonly name: { name: string; contact?: string; winterBoost?: boolean };
  readonly basket: SizeQuantity[];
  readonly interval: number;
  readonly amplitude: number;
  readonly noise: number;
  readonly floor?: string;
  readonly floorsWithoutElevator: number;
  readonly spares: number;
}

function traits(rng: Rng, type: CustomerType): TypeTraits {
  switch (type) {
    case 'household': {
      const walkUp = rng.chance(0.45);
      const floor = walkUp ? rng.int(1, 5) : rng.int(2, 15);
      const basket = rng.weighted<SizeQuantity[]>(
        [[{ size: 20, quantity: 1 }], [{ size: 16, quantity: 1 }], [{ size: 10, quantity: 1 }], [{ size: 20, quantity: 2 }]],
        [85, 7, 5, 3],
      );
      const kg = basket.reduce((s, l) => s + l.size * l.quantity, 0);
      return {
        name: { name: personName(rng) },
        basket,
        // A household burns roughly 0.5–0.8 kg a day, so a 20 kg cylinder lasts about 4–5 weeks.
        interval: (kg / 20) * rng.float(24, 38),
        amplitude: 0.25,
        noise: 0.15,
        floor: String(floor),
        floorsWithoutElevator: walkUp ? floor - 1 : 0,
        spares: rng.chance(0.3) ? 1 : 0,
      };
    }
    case 'restaurant': {
      const big = rng.chance(0.5);
      const named = restaurantName(rng);
      return {
        name: named,
        basket: big ? [{ size: 50, quantity: rng.int(1, 2) }] : [{ size: 20, quantity: rng.int(2, 4) }],
        interval: rng.int(3, 7),
        amplitude: named.winterBoost ? 0.4 : 0.12,
        noise: 0.25,
        floorsWithoutElevator: 0,
        spares: 1,
      };
    }
    case 'commercial':
      return {
        name: commercialName(rng),
        basket: rng.chance(0.7) ? [{ size: 20, quantity: rng.int(1, 3) }] : [{ size: 16, quantity: rng.int(1, 2) }],
        interval: rng.int(8, 20),
        amplitude: 0.15,
        noise: 0.2,
        floorsWithoutElevator: rng.chance(0.2) ? rng.int(1, 3) : 0,
        spares: 1,
      };
    case 'industrial':
      return {
        name: industrialName(rng),
        basket: [{ size: 50, quantity: rng.int(3, 8) }],
        interval: rng.int(4, 9),
        amplitude: 0.05,
        noise: 0.15,
        floorsWithoutElevator: 0,
        spares: 2,
      };
  }
}

const PAYMENT_WEIGHTS: Readonly<Record<CustomerType, readonly number[]>> = {
  household: [90, 0, 10],
  restaurant: [40, 55, 5],
  commercial: [50, 40, 10],
  industrial: [0, 85, 15],
};
const TAX_ID_SHARE: Readonly<Record<CustomerType, number>> = { household: 0, restaurant: 0.5, commercial: 0.6, industrial: 1 };
const AUTO_DELIVERY_SHARE: Readonly<Record<CustomerType, number>> = { household: 0.15, restaurant: 0.3, commercial: 0.2, industrial: 0.4 };

function deliveryWindows(rng: Rng, type: CustomerType) {
  if (type === 'industrial') return [{ start: '08:00', end: '16:00' }];
  if (type === 'restaurant') {
    return rng.weighted(
      [[{ start: '08:00', end: '10:30' }], [{ start: '14:00', end: '16:30' }], [{ start: '08:00', end: '10:30' }, { start: '14:00', end: '16:30' }]],
      [50, 20, 30],
    );
  }
  return rng.chance(0.35) ? [rng.pick([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }])] : [];
}

function closedDays(rng: Rng, type: CustomerType): number[] {
  if (type === 'restaurant') return rng.chance(0.6) ? [rng.pick([1, 1, 2, 0])] : [];
  if (type === 'commercial') return rng.chance(0.5) ? [0] : [];
  if (type === 'industrial') return rng.chance(0.8) ? [0] : [];
  return [];
}

function typeSequence(rng: Rng): CustomerType[] {
  const rest = (Object.entries(DEMO_CUSTOMER_MIX) as [CustomerType, number][]).flatMap(([type, n]) => Array<CustomerType>(n).fill(type));
  for (const t of PORTAL_TYPES) rest.splice(rest.indexOf(t), 1);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [rest[i], rest[j]] = [rest[j] as CustomerType, rest[i] as CustomerType];
  }
  return [...PORTAL_TYPES, ...rest];
}

/** ≥300 customers across the demo districts, deterministic for a seed and a history window. */
export function generateCustomers(rng: Rng, historyStart: string, historyEnd: string): DemoCustomer[] {
  return typeSequence(rng.fork('types')).map((type, i) => {
    const n = i + 1;
    const r = rng.fork(`customer-${n}`);
    const portal = n <= PORTAL_CUSTOMERS;
    const t = traits(r, type);
    const district = pickDistrict(r, type);
    const basketSizes = t.basket.map((l) => ({ ...l, quantity: l.quantity + t.spares }));
    const hasTaxId = r.chance(TAX_ID_SHARE[type]);
    const phones = type === 'household' ? [mobile(r), ...(r.chance(0.3) ? [landline(r, district)] : [])] : [landline(r, district), mobile(r)];
    const input = createCustomerInputSchema.parse({
      name: t.name.name,
      ...(t.name.contact ? { contactName: t.name.contact } : {}),
      phones,
      address: address(r, district, t.floor ?? (type === 'household' ? undefined : '1')),
      location: pointInDistrict(district, r.next(), r.next()),
      type,
      deliveryWindows: deliveryWindows(r, type),
      closedDays: portal ? [] : closedDays(r, type),
      floorsWithoutElevator: t.floorsWithoutElevator,
      cylindersOnSite: basketSizes.map((l) => ({ size: l.size, count: l.quantity, depositPaid: l.quantity * standardDeposit(l.size) })),
      paymentTerms: r.weighted(['cash', 'monthly', 'transfer'] as const, PAYMENT_WEIGHTS[type]),
      invoice: hasTaxId ? { taxId: taxId(r), companyTitle: t.name.name } : r.chance(0.35) ? { carrier: carrier(r) } : {},
      ...(r.chance(0.15) ? { lineUserId: lineUserId(r) } : {}),
      autoDelivery: r.chance(AUTO_DELIVERY_SHARE[type]),
      notes: r.pick(NOTES),
    });
    const createdOn = addDays(historyStart, -r.int(1, 900));
    // The generated point stands for a geocoded house number, so the demo shows exact pins.
    const customer = createCustomer({ ...input, locationPrecision: 'address' }, {
      id: demoCustomerId(n),
      code: customerCode(n),
      now: new Date(taipeiInstant(createdOn, `${String(r.int(9, 17)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`)),
    });
    const churns = !portal && r.chance(CHURN_SHARE);
    const span = daysBetween(historyStart, historyEnd);
    const profile: ConsumptionProfile = {
      basket: t.basket,
      baseIntervalDays: t.interval,
      seasonalAmplitude: t.amplitude,
      noise: t.noise,
      failRate: r.chance(0.12) ? 0.06 : 0.004,
      cancelRate: 0.01,
      ...(churns ? { churnAfter: addDays(historyStart, r.int(Math.round(span * 0.25), Math.round(span * 0.8))) } : {}),
    };
    return { customer, profile };
  });
}

/** Demo accounts. Their password comes from DEMO_PASSWORD (default `luckygas-demo`, for local use only). */
import { createHash } from 'node:crypto';
import { hashPassword } from '../../domain/users/password';
import type { User } from '../../domain/users';
import { DRIVERS } from './fleet';
import { demoCustomerId, PORTAL_CUSTOMERS } from './customers';
import type { Customer } from '../../domain/customers';

export const DEFAULT_DEMO_PASSWORD = 'luckygas-demo';

type Account = Omit<User, 'passwordHash'>;

export function demoAccounts(customers: readonly Customer[]): Account[] {
  const staff: Account[] = [
    { uid: 'u-admin', username: 'admin', displayName: '系統管理員', role: 'admin', disabled: false },
    { uid: 'u-office', username: 'office', displayName: '辦公室 小美', role: 'office', disabled: false },
    // The MOF Turnkey machine's account for `npm run turnkey:sync`: the upload endpoints only, no SPA.
    { uid: 'u-turnkey', username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey', disabled: false },
  ];
  const drivers: Account[] = DRIVERS.map((d, i) => ({
    uid: `u-driver${i + 1}`,
    username: `driver${i + 1}`,
    displayName: d.name,
    role: 'driver',
    driverId: d.id,
    disabled: false,
  }));
  const portal: Account[] = Array.from({ length: PORTAL_CUSTOMERS }, (_, i) => {
    const id = demoCustomerId(i + 1);
    return {
      uid: `u-customer${i + 1}`,
      username: `customer${i + 1}`,
      displayName: customers.find((c) => c.id === id)?.name ?? id,
      role: 'customer',
      customerId: id,
      disabled: false,
    };
  });
  // The demo chain's head office (分店／總公司付款) reads the chain's statement in the portal.
  const headOffice = customers.find((c) => customers.some((b) => b.payerId === c.id));
  const chain: Account[] = headOffice ? [{ uid: 'u-chain', username: 'chain', displayName: headOffice.name, role: 'customer', customerId: headOffice.id, disabled: false }] : [];
  return [...staff, ...drivers, ...portal, ...chain];
}

/**
 * Hashes the demo password for every account. The salt is derived from the seed and the uid so the
 * demo data is reproducible; real accounts always get random salts.
 */
export async function demoUsers(customers: readonly Customer[], seed: string, password: string): Promise<User[]> {
  return Promise.all(
    demoAccounts(customers).map(async (a) => {
      const salt = createHash('sha256').update(`${seed}/${a.uid}`).digest().subarray(0, 16);
      return { ...a, passwordHash: await hashPassword(password, { salt }) };
    }),
  );
}

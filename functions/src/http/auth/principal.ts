import { z } from 'zod';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import type { Principal } from '../../domain/users';

export type { Principal };

/**
 * Roles live in token claims (the claims of the login's Firebase custom token in production, the dev issuer locally).
 * A driver without `driverId` or a customer without `customerId` is refused: every check of
 * "own data" depends on those claims.
 */
const claimsSchema = z.discriminatedUnion('role', [
  z.object({ sub: z.string().min(1), role: z.literal('admin') }),
  z.object({ sub: z.string().min(1), role: z.literal('office') }),
  z.object({ sub: z.string().min(1), role: z.literal('turnkey') }),
  z.object({ sub: z.string().min(1), role: z.literal('driver'), driverId: z.string().min(1) }),
  z.object({ sub: z.string().min(1), role: z.literal('customer'), customerId: z.string().min(1) }),
]);

export function principalFromClaims(claims: Readonly<Record<string, unknown>>): Principal | null {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const c = parsed.data;
  switch (c.role) {
    case 'driver':
      return { uid: c.sub, role: c.role, driverId: c.driverId };
    case 'customer':
      return { uid: c.sub, role: c.role, customerId: c.customerId };
    default:
      return { uid: c.sub, role: c.role };
  }
}

/** Claims to put into a token for a principal: the inverse of principalFromClaims. */
export function claimsFor(p: Principal): Record<string, string> {
  return {
    role: p.role,
    ...(p.driverId ? { driverId: p.driverId } : {}),
    ...(p.customerId ? { customerId: p.customerId } : {}),
  };
}

/** The caller as records name who did something. */
export const actorOf = (p: Principal): Actor => ({ uid: p.uid, role: p.role });

/** A customer sees only their own record; anyone else's is "not found", not "forbidden". */
export function assertMayReadCustomer(principal: Principal, id: string): void {
  if (principal.role === 'customer' && principal.customerId !== id) {
    throw notFound('CUSTOMER.NOT_FOUND', `Customer ${id} not found`, { id });
  }
}

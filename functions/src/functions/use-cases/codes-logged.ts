import type { Container } from '../../adapters/container';

/**
 * With the local dev issuer a code no gateway can carry is printed in the server's log (see text-codes.ts `courier`).
 * Apart from the couriers, so the auth function, which only says how codes travel, reaches no messaging gateway.
 */
export const codesLogged = (config: Pick<Container['config'], 'auth'>): boolean => config.auth.mode === 'local';

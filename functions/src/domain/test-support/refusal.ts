import { DomainError } from '../errors';

/** The DomainError `fn` throws, for assertions on its code and details; a call that does not refuse fails the test. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('not refused');
}

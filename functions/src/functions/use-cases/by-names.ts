import type { Firestore } from '@google-cloud/firestore';
import { firestoreUserStore } from '../../adapters/firestore/user-store';
import { z } from '../../domain/schema';

/**
 * `byName` beside a record's `by`: tokens carry no name, so records store who did something by uid and role, and a
 * screen that names the person gets the account's display name as it is now (as the audit log does).
 */
export const byNameSchema = z.object({
  byName: z.string().optional().openapi({ description: 'Who recorded it, by the name the team knows them by; absent when the account is gone (or for the system)' }),
});

/** The records, each with its recorder's display name when their account exists. */
export async function withByNames<T extends { readonly by: { readonly uid: string } }>(db: Firestore, records: readonly T[]): Promise<(T & { byName?: string })[]> {
  const names = await firestoreUserStore(db).displayNames(records.map((r) => r.by.uid));
  return records.map((r) => {
    const byName = names.get(r.by.uid);
    return byName === undefined ? r : { ...r, byName };
  });
}

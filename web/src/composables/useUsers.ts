import type { NewUser, SignInFailure, UserAccount } from '../lib/types';
import { api, useApiResource } from './useApi';
import { endSession } from './useSession';

const userPath = (uid: string) => `/api/users/${encodeURIComponent(uid)}`;

/** Admin; the same key (and body) answers the first account again, so a retry after a lost answer opens no twin. */
export const createUser = (user: NewUser, idempotencyKey: string) => api.post<UserAccount>('/api/users', user, { idempotencyKey });

export const setUserDisabled = (uid: string, disabled: boolean) => api.patch<UserAccount>(userPath(uid), { disabled });

export const resetUserPassword = (uid: string, password: string) => api.post<UserAccount>(`${userPath(uid)}/password`, { password });

/** Every account (admin only). Accounts are not in Firestore's reach, so this reads the API. */
export function useUsers() {
  const { data, loading, error, reload } = useApiResource(
    async () => (await api.get<{ items: UserAccount[] }>('/api/users')).items,
    [] as UserAccount[],
  );
  /** An account by the name the team knows it by: the uid when the account is gone, '' for none. */
  const nameOf = (uid: string | undefined) => (uid ? (data.value.find((u) => u.uid === uid)?.displayName ?? uid) : '');
  return { users: data, loading, error, reload, nameOf };
}

/** 登入失敗紀錄 (admin): refused sign-ins newest first, one username's when given. */
export const signInFailures = (username: string) =>
  api.get<{ items: SignInFailure[] }>('/api/users/sign-in-failures', { limit: 100, ...(username ? { username } : {}) });

/**
 * Changes the signed-in person's own password. The server then ends every session of the account, this one too, so
 * the caller ends it here and the router asks for the new password.
 */
export async function changeOwnPassword(body: { currentPassword: string; newPassword: string }, idempotencyKey: string): Promise<void> {
  await api.post<{ sessionsValidFrom: string }>('/api/auth/password', body, { idempotencyKey });
  await endSession('passwordChanged');
}

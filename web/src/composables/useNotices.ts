import { collection, doc, limit, orderBy, query, serverTimestamp, updateDoc, where } from 'firebase/firestore';
import { computed, type WatchSource } from 'vue';
import { firestoreFor } from '../modules/firebase';
import { useLiveQuery } from './useFirestoreQuery';
import { useSession } from './useSession';

/** A message the system sent the customer through the in-app channel (order progress, reminders, 催款). */
export interface Notice {
  id: string;
  text: string;
  createdAt: string;
  readAt: string | null;
}

/** How many of the latest the portal keeps: older ones have been read or no longer matter. */
const SHOWN = 30;

/** The customer's latest notices, live; firestore.rules let a customer read only their own and mark them read. */
export function useNotices(customerId: WatchSource<string | undefined>) {
  const live = useLiveQuery<Notice, string | undefined>(customerId, (db, id) =>
    id ? query(collection(db, 'notifications'), where('customerId', '==', id), orderBy('createdAt', 'desc'), limit(SHOWN)) : null,
  );
  const unread = computed(() => live.items.value.filter((n) => !n.readAt).length);
  const { user, session } = useSession();

  /** Marks every unread notice shown as read, at the server's time (the only write the rules allow). */
  async function markAllRead(): Promise<void> {
    const who = user.value;
    const pending = live.items.value.filter((n) => !n.readAt);
    if (!who || pending.length === 0) return;
    const db = await firestoreFor(who, session.value?.firebaseToken);
    await Promise.all(pending.map((n) => updateDoc(doc(db, 'notifications', n.id), { readAt: serverTimestamp() })));
  }

  return { notices: live.items, unread, loading: live.loading, error: live.error, markAllRead };
}

import { collection, doc, limit, orderBy, query, serverTimestamp, updateDoc, where } from 'firebase/firestore';
import { computed } from 'vue';
import { firestoreFor } from '../modules/firebase';
import { useLiveQuery } from './useFirestoreQuery';
import { useSession } from './useSession';

/** `alerts/{eventId}`: what the alerts consumer raised for the office (functions/src/functions/system-alerts.ts). */
export interface Alert {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  subject: string;
  data: Record<string, unknown>;
  customerName?: string;
  occurredAt: string;
  acknowledged: boolean;
  acknowledgedBy?: string;
  /** A rerun of the night found it no longer holds (acknowledged with it). */
  cleared?: boolean;
}

/** How far back the list reaches: older alerts have been dealt with or no longer matter. */
const DAYS = 7;
const SHOWN = 50;

/** The office's live alerts of the last week, newest first, and acknowledging one (the only write the rules allow). */
export function useAlerts() {
  const since = new Date(Date.now() - DAYS * 86_400_000).toISOString();
  const live = useLiveQuery<Alert, string>(
    () => since,
    (db, from) => query(collection(db, 'alerts'), where('occurredAt', '>=', from), orderBy('occurredAt', 'desc'), limit(SHOWN)),
  );
  const open = computed(() => live.items.value.filter((a) => !a.acknowledged));
  const { user, session } = useSession();

  async function acknowledge(id: string): Promise<void> {
    const who = user.value;
    if (!who) return;
    const db = await firestoreFor(who, session.value?.firebaseToken);
    await updateDoc(doc(db, 'alerts', id), { acknowledged: true, acknowledgedBy: who.uid, acknowledgedAt: serverTimestamp() });
  }

  return { alerts: live.items, open, error: live.error, acknowledge };
}

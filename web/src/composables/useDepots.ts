import { collection } from 'firebase/firestore';
import { useLiveQuery } from './useFirestoreQuery';

export interface Depot {
  id: string;
  name?: string;
}

/** Live list of depots, for choosing where routes start. */
export function useDepots() {
  const live = useLiveQuery<Depot, null>(() => null, (db) => collection(db, 'depots'));
  return { depots: live.items, error: live.error };
}

import type { DocumentData, Firestore } from '@google-cloud/firestore';
import type { NextOrderMetrics } from '../../forecasting/lpg/evaluate';
import type { ModelParams } from '../../forecasting/lpg/model';
import type { DataWindow, Decision, FitSettings } from '../../functions/use-cases/forecast-model';
import { runContendedTransaction } from './contended-transaction';

export const MODEL_STATUSES = ['candidate', 'active', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** `models/{version}`: one trained model version with how it was made, how good it was and why it serves or not. */
export interface StoredModel {
  readonly version: string;
  readonly name: string;
  /** Version of the model code that fitted it: parameters of other code versions cannot be refitted. */
  readonly codeVersion: string;
  readonly status: ModelStatus;
  readonly settings: FitSettings;
  readonly params: ModelParams;
  /** Hold-out metrics of the version (fitted before the hold-out, scored inside it). */
  readonly metrics: NextOrderMetrics;
  /** The active model's metrics on the same hold-out, when there was one. */
  readonly activeMetrics: NextOrderMetrics | null;
  readonly window: DataWindow;
  readonly decision: Decision;
  readonly trainedAt: string;
  readonly activatedAt?: string;
  readonly retiredAt?: string;
  readonly supersededBy?: string;
}

/** Firestore keeps no `undefined`; a JSON round trip drops it (and keeps every stored value plain JSON). */
const plain = (value: object): DocumentData => JSON.parse(JSON.stringify(value)) as DocumentData;

/** The model registry in `models/{version}`; at most one version is `active`, switched in one transaction. */
export function firestoreModelStore(db: Firestore) {
  const col = db.collection('models');
  const activeQuery = col.where('status', '==', 'active').limit(1);
  return {
    async active(): Promise<StoredModel | null> {
      const snap = await activeQuery.get();
      return (snap.docs[0]?.data() as StoredModel | undefined) ?? null;
    },

    async get(version: string): Promise<StoredModel | null> {
      const snap = await col.doc(version).get();
      return snap.exists ? (snap.data() as StoredModel) : null;
    },

    /**
     * Stores a freshly trained version with the decision `decide` makes from the version active in the
     * transaction (null: none): as `candidate`, or as `active` retiring that version (both writes commit
     * together, so there is never zero or two active). Deciding inside the transaction means a run that
     * compared against another version than the one active at commit cannot retire it unseen.
     */
    async add(model: Omit<StoredModel, 'status' | 'decision'>, decide: (activeVersion: string | null) => Decision, now: Date): Promise<StoredModel> {
      return runContendedTransaction(db, async (tx) => {
        const current = (await tx.get(activeQuery)).docs[0];
        const decision = decide(current?.id ?? null);
        const stored: StoredModel = decision.activate
          ? { ...model, decision, status: 'active', activatedAt: now.toISOString() }
          : { ...model, decision, status: 'candidate' };
        if (current && decision.activate) tx.update(current.ref, { status: 'retired', retiredAt: now.toISOString(), supersededBy: model.version });
        tx.create(col.doc(model.version), plain(stored));
        return stored;
      });
    },
  };
}

export type ModelStore = ReturnType<typeof firestoreModelStore>;

import type { DocumentData, Firestore } from '@google-cloud/firestore';
import type { LearnedStopsDoc } from '../../domain/predictions/stops-per-truck';
import type { PredictionDoc, WeeklyOutlookDoc } from '../../functions/use-cases/forecast-model';

/** Firestore's limit on writes in one batch. */
const BATCH_LIMIT = 500;

/** `predictions/{customerId}`: the latest prediction per customer, written nightly or on demand. */
export function firestorePredictionStore(db: Firestore) {
  const col = db.collection('predictions');
  const weeklyRef = db.collection('forecasts').doc('weekly-demand');
  const learnedStopsRef = db.collection('forecasts').doc('stops-per-truck');
  // The ordering leaves out the documents without `expectedLoss`, the counting of them relies on.
  const atRiskByLoss = (minRisk: number) => col.where('churn.risk', '>=', minRisk).orderBy('expectedLoss', 'desc').orderBy('churn.risk', 'desc');
  return {
    /** The latest weekly outlook (cylinders by size, all customers); replaced by every nightly run. */
    async putWeeklyOutlook(outlook: WeeklyOutlookDoc): Promise<void> {
      await weeklyRef.set(outlook as unknown as DocumentData);
    },

    async weeklyOutlook(): Promise<WeeklyOutlookDoc | null> {
      const snap = await weeklyRef.get();
      return snap.exists ? (snap.data() as WeeklyOutlookDoc) : null;
    },

    /** What the latest nightly run learned of each depot's trucks (`learnedStopsPerTruck`); replaced by every run. */
    async putLearnedStops(learned: LearnedStopsDoc): Promise<void> {
      await learnedStopsRef.set(learned as unknown as DocumentData);
    },

    async learnedStops(): Promise<LearnedStopsDoc | null> {
      const snap = await learnedStopsRef.get();
      return snap.exists ? (snap.data() as LearnedStopsDoc) : null;
    },

    /** Customer id → the stored deliver-by day (`nextRefill.safeDeliveryDate`) and the day it was predicted on, two fields read per prediction. */
    async deliverByDays(): Promise<Map<string, { readonly asOf: string; readonly safeDeliveryDate: string }>> {
      const snap = await col.select('asOf', 'nextRefill.safeDeliveryDate').get();
      return new Map(
        snap.docs.flatMap((d) => {
          const asOf = d.get('asOf') as string | undefined;
          const safeDeliveryDate = d.get('nextRefill.safeDeliveryDate') as string | undefined;
          return asOf === undefined || safeDeliveryDate === undefined ? [] : [[d.id, { asOf, safeDeliveryDate }] as const];
        }),
      );
    },

    async get(customerId: string): Promise<PredictionDoc | null> {
      const snap = await col.doc(customerId).get();
      return snap.exists ? (snap.data() as PredictionDoc) : null;
    },

    async putAll(docs: readonly PredictionDoc[]): Promise<void> {
      for (let i = 0; i < docs.length; i += BATCH_LIMIT) {
        const batch = db.batch();
        for (const doc of docs.slice(i, i + BATCH_LIMIT)) batch.set(col.doc(doc.customerId), doc as unknown as DocumentData);
        await batch.commit();
      }
    },

    /** Drops one customer's prediction (deactivated: off the due and churn lists at once, not after the nightly run). */
    async remove(customerId: string): Promise<void> {
      await col.doc(customerId).delete();
    },

    /** Removes the predictions of customers not in `keep` (deactivated or deleted since), returning how many. */
    async pruneExcept(keep: ReadonlySet<string>): Promise<number> {
      const snap = await col.select().get();
      const stale = snap.docs.filter((d) => !keep.has(d.id));
      for (let i = 0; i < stale.length; i += BATCH_LIMIT) {
        const batch = db.batch();
        for (const d of stale.slice(i, i + BATCH_LIMIT)) batch.delete(d.ref);
        await batch.commit();
      }
      return stale.length;
    },

    /** Customers whose safe delivery day is on or before `date`, earliest first. */
    async dueBy(date: string): Promise<PredictionDoc[]> {
      const snap = await col.where('nextRefill.safeDeliveryDate', '<=', date).orderBy('nextRefill.safeDeliveryDate').get();
      return snap.docs.map((d) => d.data() as PredictionDoc);
    },

    /** Customer id → the stored churn risk (one field read per prediction); a customer without a prediction is absent. */
    async churnRisks(customerIds: readonly string[]): Promise<Map<string, number>> {
      if (customerIds.length === 0) return new Map();
      const snaps = await db.getAll(...customerIds.map((id) => col.doc(id)), { fieldMask: ['churn.risk'] });
      return new Map(
        snaps.flatMap((d) => {
          const risk = d.get('churn.risk') as number | undefined;
          return risk === undefined ? [] : [[d.id, risk] as const];
        }),
      );
    },

    /** Customer id → the stored usual interval between orders, in days (one field read per prediction); a customer without a prediction is absent. */
    async expectedIntervals(customerIds: readonly string[]): Promise<Map<string, number>> {
      if (customerIds.length === 0) return new Map();
      const snaps = await db.getAll(...customerIds.map((id) => col.doc(id)), { fieldMask: ['nextRefill.expectedIntervalDays'] });
      return new Map(
        snaps.flatMap((d) => {
          const days = d.get('nextRefill.expectedIntervalDays') as number | undefined;
          return days === undefined ? [] : [[d.id, days] as const];
        }),
      );
    },

    /** Customers at or above a churn risk, riskiest first. */
    async churnAtLeast(minRisk: number, limit: number): Promise<PredictionDoc[]> {
      const snap = await col.where('churn.risk', '>=', minRisk).orderBy('churn.risk', 'desc').limit(limit).get();
      return snap.docs.map((d) => d.data() as PredictionDoc);
    },

    /**
     * Customers at or above a churn risk by the stored NT$ a month expected to be lost, then riskiest: the churn list's
     * default order. Index (expectedLoss desc, churn.risk desc). A prediction stored without `expectedLoss` is not among
     * them (`unvaluedAtLeast` counts those).
     */
    async byExpectedLoss(minRisk: number, limit: number): Promise<PredictionDoc[]> {
      const snap = await atRiskByLoss(minRisk).limit(limit).get();
      return snap.docs.map((d) => d.data() as PredictionDoc);
    },

    /**
     * How many predictions at or above a churn risk carry no `expectedLoss` (stored before the predictions stored it):
     * two counts, billed a read per thousand documents each, not the documents.
     */
    async unvaluedAtLeast(minRisk: number): Promise<number> {
      const [all, valued] = await Promise.all([col.where('churn.risk', '>=', minRisk).count().get(), atRiskByLoss(minRisk).count().get()]);
      return all.data().count - valued.data().count;
    },

    /** The stored predictions of these customers; a customer without one is absent. */
    async ofCustomers(customerIds: readonly string[]): Promise<PredictionDoc[]> {
      if (customerIds.length === 0) return [];
      const snaps = await db.getAll(...customerIds.map((id) => col.doc(id)));
      return snaps.flatMap((d) => (d.exists ? [d.data() as PredictionDoc] : []));
    },
  };
}

export type PredictionStore = ReturnType<typeof firestorePredictionStore>;

import type { Firestore, Transaction } from '@google-cloud/firestore';
import type { EventPublisher, OutboxEntry } from '../../domain/events';
import type { CylinderSize } from '../../domain/cylinders';
import type { PriceEntry, PriceList } from '../../domain/pricing';
import { loadPriceList } from './order-store';
import { publishOutbox, writeOutbox } from './outbox';

/** `priceNotices/{entryId}`: customer id → the price they were last told for the entry (server-only). */
interface PriceNoticeLedger {
  readonly told?: Readonly<Record<string, number>>;
}

/**
 * `priceList/{id}` (one row per size and day, replaced when posted again) and `priceNotices/{entryId}`, the customers
 * told of each entry and at which price, which makes a second posting of the entry a correction or nothing.
 */
export function firestorePriceStore(db: Firestore) {
  const entries = db.collection('priceList');
  const notices = db.collection('priceNotices');
  return {
    list: async (): Promise<PriceEntry[]> => (await loadPriceList(db)) as PriceEntry[],

    async entry(id: string): Promise<PriceEntry | undefined> {
      return (await entries.doc(id).get()).data() as PriceEntry | undefined;
    },

    /**
     * Writes the entry, and `announce`'s events with it in one transaction (published after it; the outbox sweeper
     * catches what that misses). An event already written, a request replayed after a crash, is not written again.
     */
    async save(entry: PriceEntry, announce?: { readonly events: readonly OutboxEntry[]; readonly publisher: EventPublisher; readonly now: Date }): Promise<void> {
      const events = announce?.events ?? [];
      await db.runTransaction(async (tx) => {
        const outbox = await Promise.all(events.map(async (e) => ((await tx.get(db.collection('outbox').doc(e.event.id))).exists ? [] : [e])));
        tx.set(entries.doc(entry.id), entry);
        if (announce) writeOutbox(db, tx, outbox.flat(), announce.now);
      });
      if (announce) await publishOutbox(db, announce.publisher, events.map((e) => e.event.id));
    },

    /** The entries of one size, read in the caller's transaction, so an entry of the size posted meanwhile makes it run again. */
    async ofSize(tx: Transaction, size: CylinderSize): Promise<PriceList> {
      return (await tx.get(entries.where('size', '==', size))).docs.map((d) => d.data() as PriceEntry);
    },

    /** Whether the entry still has the price an earlier read saw, read in the caller's transaction. */
    async stillPriced(tx: Transaction, id: string, unitPrice: number): Promise<boolean> {
      return (await tx.get(entries.doc(id))).get('unitPrice') === unitPrice;
    },

    /** Customer id → the price they were last told for the entry. */
    async told(entryId: string): Promise<Map<string, number>> {
      const ledger = (await notices.doc(entryId).get()).data() as PriceNoticeLedger | undefined;
      return new Map(Object.entries(ledger?.told ?? {}));
    },

    async markTold(entryId: string, customerId: string, unitPrice: number): Promise<void> {
      await notices.doc(entryId).set({ entryId, told: { [customerId]: unitPrice } }, { merge: true });
    },

    /** Entry id → how many customers were told of it, for the entries given. */
    async toldCounts(entryIds: readonly string[]): Promise<Map<string, number>> {
      if (entryIds.length === 0) return new Map();
      const snaps = await db.getAll(...entryIds.map((id) => notices.doc(id)));
      return new Map(snaps.map((s) => [s.id, Object.keys((s.data() as PriceNoticeLedger | undefined)?.told ?? {}).length]));
    },
  };
}

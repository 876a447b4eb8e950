import { FieldValue, type Firestore, type Transaction } from '@google-cloud/firestore';
import type { EventPublisher, OutboxEntry } from '../../domain/events';
import type { CylinderSize } from '../../domain/cylinders';
import type { PriceEntry, PriceList, PriceRepricing } from '../../domain/pricing';
import { publishOutbox, writeOutbox } from './outbox';
import { runContendedTransaction } from './contended-transaction';

/** `priceNotices/{entryId}`: customer id → the price they were last told for the entry (server-only). */
interface PriceNoticeLedger {
  readonly told?: Readonly<Record<string, number>>;
}

/**
 * `priceList/{id}` (one row per size and day, replaced when posted again), `priceNotices/{entryId}`, the customers
 * told of each entry and at which price, which makes a second posting of the entry a correction or nothing, and
 * `priceRepricing/{entryId}`, how the re-pricing of the booked orders by the entry's latest posting goes.
 */
export function firestorePriceStore(db: Firestore) {
  const entries = db.collection('priceList');
  const notices = db.collection('priceNotices');
  const repricings = db.collection('priceRepricing');
  return {
    // The document id is the entry's id: a row written without the field (by hand in the console) still has one.
    list: async (): Promise<PriceEntry[]> => (await entries.get()).docs.map((d) => ({ ...(d.data() as PriceEntry), id: d.id })),

    async entry(id: string): Promise<PriceEntry | undefined> {
      return (await entries.doc(id).get()).data() as PriceEntry | undefined;
    },

    /**
     * Writes the entry with its `price.posted` event (and `notice`, the `price.changed` of 調價通知, when asked) in one
     * transaction, published after it (the outbox sweeper catches what that misses), and starts the posting's re-pricing
     * record. An event already written, a request replayed after a crash, is not written again, nor its record restarted.
     */
    async save(entry: PriceEntry, posting: { readonly posted: OutboxEntry; readonly notice?: OutboxEntry; readonly publisher: EventPublisher; readonly now: Date }): Promise<void> {
      const events = posting.notice ? [posting.posted, posting.notice] : [posting.posted];
      const eventId = posting.posted.event.id;
      await runContendedTransaction(db, async (tx) => {
        const outbox = await Promise.all(events.map(async (e) => ((await tx.get(db.collection('outbox').doc(e.event.id))).exists ? [] : [e])));
        const started = (await tx.get(repricings.doc(entry.id))).get('eventId') === eventId;
        tx.set(entries.doc(entry.id), entry);
        if (!started) tx.set(repricings.doc(entry.id), { entryId: entry.id, eventId, orders: 0 } satisfies PriceRepricing);
        writeOutbox(db, tx, outbox.flat(), posting.now);
      });
      await publishOutbox(db, posting.publisher, events.map((e) => e.event.id));
    },

    async repricing(entryId: string): Promise<PriceRepricing | undefined> {
      return (await repricings.doc(entryId).get()).data() as PriceRepricing | undefined;
    },

    /** Entry id → its latest posting's re-pricing, for the entries given that have one. */
    async repricings(entryIds: readonly string[]): Promise<Map<string, PriceRepricing>> {
      if (entryIds.length === 0) return new Map();
      const snaps = await db.getAll(...entryIds.map((id) => repricings.doc(id)));
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, s.data() as PriceRepricing] as const] : [])));
    },

    /** One more order took the entry's price: in that order's transaction, so it counts once however often it is tried. */
    countRepriced(tx: Transaction, entryId: string): void {
      tx.set(repricings.doc(entryId), { entryId, orders: FieldValue.increment(1) }, { merge: true });
    },

    /** Marks the re-pricing of the posting that wrote `eventId` finished, unless the entry was posted again since. */
    async markRepriced(tx: Transaction, entryId: string, eventId: string, now: Date): Promise<void> {
      const ref = repricings.doc(entryId);
      const current = (await tx.get(ref)).data() as PriceRepricing | undefined;
      if (current?.eventId === eventId && current.doneAt === undefined) tx.update(ref, { doneAt: now.toISOString() });
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

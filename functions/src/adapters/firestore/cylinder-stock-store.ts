import type { DocumentData, Firestore, Transaction } from '@google-cloud/firestore';
import type { CustomerStatus, OnSiteLine } from '../../domain/customers';
import { OPEN_STATUSES } from '../../domain/orders/status';
import { applyMovement, emptyStock, moveReplacedMovement, type AppliedMovement, type DepotStock, type MovementContext, type MovementDetail, type SizeQuantity, type StockClaim, type StockMovement } from '../../domain/cylinders';
import { runContendedTransaction } from './contended-transaction';

const COLLECTION = 'cylinderStock';

/** What applying a movement takes beyond the stored stock and movement, which the store reads itself. */
export type MovementRequest = Omit<MovementContext, 'previous'> & { readonly detail: MovementDetail };

/** A movement worked out inside a transaction, and the writes that store it, to run after the transaction's last read. */
export interface StagedMovement {
  readonly applied: AppliedMovement;
  readonly write: () => void;
}

/**
 * `cylinderStock/{depotId}` (the current counts) and `cylinderStock/{depotId}/movements/{id}` (what changed them):
 * a movement and the stock it changes are written in one transaction, so neither is ever there without the other,
 * and a movement id already stored changes nothing. Server-only: firestore.rules give clients nothing.
 */
export function firestoreCylinderStockStore(db: Firestore) {
  const col = db.collection(COLLECTION);
  const movements = (depotId: string) => col.doc(depotId).collection('movements');

  /**
   * The open orders of the days from `from` (through `through`, when given) that are someone's, with whose they are: a
   * nightly suggestion still pending is nobody's yet.
   */
  async function bookedOrders(from: string, through?: string): Promise<(StockClaim & { readonly customerId: string })[]> {
    const open = db.collection('orders').where('status', 'in', [...OPEN_STATUSES]).where('requestedDate', '>=', from);
    const snap = await (through === undefined ? open : open.where('requestedDate', '<=', through)).select('customerId', 'items', 'requestedDate', 'status', 'source').get();
    return snap.docs
      .filter((d) => !(d.get('status') === 'pending' && d.get('source') === 'forecast'))
      .map((d) => ({
        id: d.id,
        customerId: d.get('customerId') as string,
        requestedDate: d.get('requestedDate') as string,
        items: ((d.get('items') ?? []) as SizeQuantity[]).map(({ size, quantity }) => ({ size, quantity })),
      }));
  }

  /**
   * Reads the depot's stock and the movement stored under the id in `tx`, applies the movement, and hands back
   * the writes: other work in the same transaction (the settlement hook) may still read before they run. A correction
   * (`replace`) looks for its predecessor at every depot with stock: the driver's truck may have changed depot since
   * the day was settled, and then the predecessor is taken back at its own depot in the same writes.
   */
  async function stage(tx: Transaction, request: MovementRequest): Promise<StagedMovement> {
    const { detail, ...ctx } = request;
    const others = ctx.replace ? (await tx.get(col.select())).docs.map((d) => d.id).filter((id) => id !== ctx.depotId) : [];
    const depotIds = [ctx.depotId, ...others];
    const snaps = await tx.getAll(...depotIds.flatMap((id) => [col.doc(id), movements(id).doc(ctx.id)]));
    const stored = depotIds.map((depotId, i) => {
      const [stockSnap, movementSnap] = [snaps[2 * i], snaps[2 * i + 1]];
      return { depotId, stock: stockSnap?.exists ? (stockSnap.data() as DepotStock) : emptyStock(depotId), movement: movementSnap?.exists ? (movementSnap.data() as StockMovement) : undefined };
    });
    const here = stored[0] as (typeof stored)[number];
    // A movement a correction moved away (`movedTo`) no longer counts: at most one under the id does.
    const live = stored.find((s) => s.movement && s.movement.movedTo === undefined);
    const set = (depotId: string, applied: AppliedMovement) => {
      tx.set(col.doc(depotId), applied.stock as unknown as DocumentData);
      tx.set(movements(depotId).doc(ctx.id), applied.movement as unknown as DocumentData);
    };
    if (live?.movement && live !== here) {
      const { taken, applied } = moveReplacedMovement(live.stock, here.stock, detail, { ...ctx, previous: live.movement });
      return {
        applied,
        write: () => {
          set(live.depotId, taken);
          set(ctx.depotId, applied);
        },
      };
    }
    const applied = applyMovement(here.stock, detail, { ...ctx, previous: live?.movement });
    return {
      applied,
      write: () => {
        if (applied.changed) set(ctx.depotId, applied);
      },
    };
  }

  return {
    stage,

    /** Applies one movement in its own transaction; answers it as stored (the first one, for an id stored already). */
    async apply(request: MovementRequest): Promise<AppliedMovement> {
      return runContendedTransaction(db, async (tx) => {
        const staged = await stage(tx, request);
        staged.write();
        return staged.applied;
      });
    },

    /** The stock of each depot, in the order given; a depot that never moved a cylinder stands at zero. */
    async ofDepots(depotIds: readonly string[]): Promise<DepotStock[]> {
      if (depotIds.length === 0) return [];
      const snaps = await db.getAll(...depotIds.map((id) => col.doc(id)));
      return snaps.map((s, i) => (s.exists ? (s.data() as DepotStock) : emptyStock(depotIds[i] as string)));
    },

    /** The cylinder lines of the open orders of the days from `from` through `through` (the (status, requestedDate) index), one list per order. */
    async openOrderLines(from: string, through: string = from): Promise<SizeQuantity[][]> {
      if (through < from) return [];
      const snap = await db.collection('orders').where('status', 'in', [...OPEN_STATUSES]).where('requestedDate', '>=', from).where('requestedDate', '<=', through).select('items').get();
      return snap.docs.map((d) => ((d.get('items') ?? []) as SizeQuantity[]).map(({ size, quantity }) => ({ size, quantity })));
    },

    /**
     * The open orders of the days from `from` on that are someone's (their id and cylinder lines): a nightly suggestion
     * still pending is nobody's yet, so the fulls are not kept for it.
     */
    async claimedOrdersFrom(from: string): Promise<StockClaim[]> {
      return bookedOrders(from);
    },

    /** The open orders requested from `from` through `through` that are someone's (as `claimedOrdersFrom`), with whose they are. */
    bookedOrders,

    /**
     * The cylinders on site (客戶端鋼瓶) of every customer in a status, one list per customer: only that field is read. A
     * deactivated customer's are still the company's, to collect.
     */
    async customersOnSite(status: CustomerStatus): Promise<OnSiteLine[][]> {
      const snap = await db.collection('customers').where('status', '==', status).select('cylindersOnSite').get();
      return snap.docs.map((d) => (d.get('cylindersOnSite') ?? []) as OnSiteLine[]);
    },

    /**
     * What the named settlement movements (`settlementMovementId`) took out of the stock, their `delivered`, by id: read by
     * id at every depot with stock (the day's depot may have changed since), the live one of each (one a correction moved
     * away keeps `movedTo` and counts for nothing). An id with no movement is left out.
     */
    async settledDeliveries(ids: readonly string[]): Promise<Map<string, SizeQuantity[]>> {
      if (ids.length === 0) return new Map();
      const depotIds = (await col.select().get()).docs.map((d) => d.id);
      const refs = depotIds.flatMap((depotId) => ids.map((id) => movements(depotId).doc(id)));
      const snaps = refs.length > 0 ? await db.getAll(...refs) : [];
      const live = snaps.flatMap((snap) => {
        const movement = snap.exists ? (snap.data() as StockMovement) : undefined;
        return movement?.kind === 'settlement' && movement.movedTo === undefined ? [[movement.id, movement.delivered] as const] : [];
      });
      return new Map(live);
    },

    /** A depot's movements, newest first (a corrected settlement counts from its correction). */
    async movements(depotId: string, limit: number): Promise<StockMovement[]> {
      const snap = await movements(depotId).orderBy('at', 'desc').limit(limit).get();
      return snap.docs.map((d) => d.data() as StockMovement);
    },
  };
}
export type CylinderStockStore = ReturnType<typeof firestoreCylinderStockStore>;

/**
 * The register's batches in the depot stock (鋼瓶庫存): a cylinder the register sends from a depot to the inspection station
 * or scraps there leaves that depot's empties, one that passed comes back into the empties of the depot it returns to, and
 * one moved between depots (移轉營業所) leaves the fulls or empties of one and joins those of the other, as the office said,
 * so the yard's count and the register's never drift apart and nobody records the same cylinder twice.
 */
import type { Actor } from '../../events';
import { sumBySize, type SizeQuantity } from '../cylinder';
import type { RegisterMovementDetail, StockState } from '../stock';
import type { CylinderChange } from './operations';

export interface RegisterStockMovement {
  /** The batch's operation id: one movement per depot and batch, so a batch run again moves nothing twice. */
  readonly id: string;
  readonly depotId: string;
  readonly by: Actor;
  readonly at: Date;
  readonly detail: RegisterMovementDetail;
}

/** A depot a change takes the cylinder out of or into, as which movement; a transfer with its state and the depot at the other end. */
type StockSide = { readonly depotId: string; readonly note: string } & (
  | { readonly kind: 'toInspection' | 'fromInspection' | 'scrapped' }
  | { readonly kind: 'transferOut' | 'transferIn'; readonly state: StockState; readonly otherDepotId: string }
);

/** The depots a change moves stock at: none for a change the stock does not see, two for a cylinder moved between depots. */
function stockSides(change: CylinderChange): StockSide[] {
  const { event } = change;
  const from = event.from?.kind === 'depot' ? event.from.depotId : null;
  const to = event.to.kind === 'depot' ? event.to.depotId : null;
  switch (event.type) {
    case 'sentToInspection':
      return from ? [{ depotId: from, kind: 'toInspection', note: event.station ?? '' }] : [];
    case 'scrapped':
      // From the station (or after failing there) the cylinder had left the yard already.
      return from ? [{ depotId: from, kind: 'scrapped', note: event.reason ?? '' }] : [];
    case 'inspectionPassed':
      return to ? [{ depotId: to, kind: 'fromInspection', note: event.station ?? '' }] : [];
    case 'moved':
      return from && to && event.state
        ? [
            { depotId: from, kind: 'transferOut', note: '', state: event.state, otherDepotId: to },
            { depotId: to, kind: 'transferIn', note: '', state: event.state, otherDepotId: from },
          ]
        : [];
    default:
      return [];
  }
}

/** The movement's detail: the register's fields, and for a transfer its state and the depots at the other end. */
function detailOf(side: StockSide, fields: { cylinders: SizeQuantity[]; serials: string[]; note: string }, otherDepotIds: string[]): RegisterMovementDetail {
  switch (side.kind) {
    case 'transferOut':
      return { kind: side.kind, ...fields, state: side.state, toDepotId: side.otherDepotId };
    case 'transferIn':
      return { kind: side.kind, ...fields, state: side.state, fromDepotIds: otherDepotIds };
    default:
      return { kind: side.kind, ...fields };
  }
}

/** The stock movements a batch of register changes makes: one per depot and kind, with the sizes counted and the serials named. */
export function registerStockMovements(changes: readonly CylinderChange[]): RegisterStockMovement[] {
  const groups = new Map<string, { side: StockSide; sides: StockSide[]; changes: CylinderChange[] }>();
  for (const change of changes) {
    for (const side of stockSides(change)) {
      const key = `${side.depotId}|${side.kind}`;
      const group = groups.get(key) ?? { side, sides: [], changes: [] };
      group.sides.push(side);
      group.changes.push(change);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ side, sides, changes: group }) => {
    const first = group[0] as CylinderChange;
    const distinct = (values: string[]) => [...new Set(values.filter((v) => v !== ''))];
    const fields = {
      cylinders: sumBySize([group.map((c) => ({ size: c.cylinder.size, quantity: 1 }))]),
      serials: group.map((c) => c.cylinder.serial),
      note: distinct(sides.map((s) => s.note)).join('、'),
    };
    return {
      // One batch is one kind per depot, so the operation's id is unique under each depot's movements.
      id: first.event.id,
      depotId: side.depotId,
      by: first.event.by,
      at: new Date(first.event.at),
      detail: detailOf(side, fields, distinct(sides.map((s) => ('otherDepotId' in s ? s.otherDepotId : '')))),
    };
  });
}

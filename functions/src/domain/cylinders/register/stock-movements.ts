/**
 * The register's batches in the depot stock (鋼瓶庫存): a cylinder the register sends from a depot to the inspection station
 * or scraps there leaves that depot's empties, and one that passed comes back into the empties of the depot it returns to,
 * so the yard's count and the register's never drift apart and nobody records the same cylinder twice.
 */
import type { Actor } from '../../events';
import { sumBySize } from '../cylinder';
import type { RegisterMovementDetail } from '../stock';
import type { CylinderChange } from './operations';

export interface RegisterStockMovement {
  /** The batch's operation id: one movement per depot and batch, so a batch run again moves nothing twice. */
  readonly id: string;
  readonly depotId: string;
  readonly by: Actor;
  readonly at: Date;
  readonly detail: RegisterMovementDetail;
}

/** The depot a change takes the cylinder out of or into, and as which movement; none for a change the stock does not see. */
function stockSide(change: CylinderChange): { depotId: string; kind: RegisterMovementDetail['kind']; note: string } | null {
  const { event } = change;
  if (event.type === 'sentToInspection' && event.from?.kind === 'depot') return { depotId: event.from.depotId, kind: 'toInspection', note: event.station ?? '' };
  // From the station (or after failing there) the cylinder had left the yard already.
  if (event.type === 'scrapped' && event.from?.kind === 'depot') return { depotId: event.from.depotId, kind: 'scrapped', note: event.reason ?? '' };
  if (event.type === 'inspectionPassed' && event.to.kind === 'depot') return { depotId: event.to.depotId, kind: 'fromInspection', note: event.station ?? '' };
  return null;
}

/** The stock movements a batch of register changes makes: one per depot and kind, with the sizes counted and the serials named. */
export function registerStockMovements(changes: readonly CylinderChange[]): RegisterStockMovement[] {
  const groups = new Map<string, { side: NonNullable<ReturnType<typeof stockSide>>; changes: CylinderChange[] }>();
  for (const change of changes) {
    const side = stockSide(change);
    if (!side) continue;
    const key = `${side.depotId}|${side.kind}`;
    const group = groups.get(key) ?? { side, changes: [] };
    group.changes.push(change);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ side, changes: group }) => {
    const first = group[0] as CylinderChange;
    const notes = [...new Set(group.map((c) => stockSide(c)?.note ?? '').filter((n) => n !== ''))];
    return {
      // One batch is one kind per depot, so the operation's id is unique under each depot's movements.
      id: first.event.id,
      depotId: side.depotId,
      by: first.event.by,
      at: new Date(first.event.at),
      detail: {
        kind: side.kind,
        cylinders: sumBySize([group.map((c) => ({ size: c.cylinder.size, quantity: 1 }))]),
        serials: group.map((c) => c.cylinder.serial),
        note: notes.join('、'),
      },
    };
  });
}

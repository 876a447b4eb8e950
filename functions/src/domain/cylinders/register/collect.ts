import { addDays } from '../../calendar';
import { calendarDateSchema, z } from '../../schema';
import { cylinderSizeSchema } from '../cylinder';
import type { RegisteredCylinder } from './cylinder';
import { isOverdue } from './deadline';

/**
 * How far ahead of a route's day a cylinder at a customer is worth bringing back: a customer is visited every few weeks,
 * so one due within this is past its deadline by the next visit, and the law (消防法 §15-4) lets nobody fill it then.
 */
export const COLLECT_DUE_WITHIN_DAYS = 30;

export const cylinderToCollectSchema = z.object({
  serial: z.string(),
  size: cylinderSizeSchema,
  nextInspectionDue: calendarDateSchema,
  /** Past its deadline on the route's day: it must come back; the others are due before the next visit. */
  overdue: z.boolean(),
});
export type CylinderToCollect = z.infer<typeof cylinderToCollectSchema>;

export const routeCylindersToCollectSchema = z
  .object({
    customers: z.array(z.object({ customerId: z.string(), cylinders: z.array(cylinderToCollectSchema) })),
    /**
     * The route's depot's cylinders in service whose deadline is the route's day or earlier (those still waiting to go to
     * inspection), so the phone refuses one at the door while offline (`overdueRefusal`): only serials and deadlines.
     */
    dueAtDepot: z.array(z.object({ serial: z.string(), nextInspectionDue: calendarDateSchema })),
  })
  .openapi('DriverCylindersToCollect', {
    example: {
      customers: [{ customerId: 'cust-0202', cylinders: [{ serial: 'YL13-103129', size: 50, nextInspectionDue: '2023-08-12', overdue: true }] }],
      dueAtDepot: [{ serial: 'TW20-123457', nextInspectionDue: '2026-10-31' }],
    },
  });
export type RouteCylindersToCollect = z.infer<typeof routeCylindersToCollectSchema>;

/**
 * The registered cylinders standing at the route's customers that the driver should take back on `day` (the route's):
 * in service there and overdue, or due within `COLLECT_DUE_WITHIN_DAYS`, earliest deadline first; a customer with none
 * is left out. Nothing else tells anyone to fetch a cylinder at a customer's: the register refuses to send it to
 * inspection or scrap it until it is collected. `atDepot`: the route's depot's cylinders due by `day`, passed on as
 * `dueAtDepot` for those in service, so that the phone knows them without signal (a delivery just after midnight
 * judges the one due on the route's day overdue, as the server would).
 */
export function cylindersToCollect(customerIds: readonly string[], atCustomers: readonly RegisteredCylinder[], day: string, atDepot: readonly RegisteredCylinder[]): RouteCylindersToCollect {
  const until = addDays(day, COLLECT_DUE_WITHIN_DAYS);
  const customers = [...new Set(customerIds)].flatMap((customerId) => {
    const cylinders = atCustomers
      .filter((c) => c.status === 'inService' && c.location.kind === 'customer' && c.location.customerId === customerId && c.nextInspectionDue <= until)
      .sort((a, b) => a.nextInspectionDue.localeCompare(b.nextInspectionDue) || a.serial.localeCompare(b.serial))
      .map((c) => ({ serial: c.serial, size: c.size, nextInspectionDue: c.nextInspectionDue, overdue: isOverdue(c, day) }));
    return cylinders.length > 0 ? [{ customerId, cylinders }] : [];
  });
  const dueAtDepot = atDepot
    .filter((c) => c.status === 'inService' && c.location.kind === 'depot' && c.nextInspectionDue <= day)
    .map((c) => ({ serial: c.serial, nextInspectionDue: c.nextInspectionDue }));
  return { customers, dueAtDepot };
}

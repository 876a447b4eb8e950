/**
 * The one door rule of 檢驗期限 (消防法 §15-4: no cylinder is filled or left at a customer past its deadline), kept free of
 * any import so the driver's phone runs the very same code offline (web/src/components/cylinders/cylinder-serials.ts)
 * that the server runs when the stop uploads (`deliverCylinders`).
 */

/** What the rule needs of a cylinder: its serial and its 檢驗期限 (the last day it may be delivered). */
export interface CylinderDeadline {
  readonly serial: string;
  readonly nextInspectionDue: string;
}

export interface OverdueRefusal {
  readonly serial: string;
  readonly code: 'CYLINDER.INSPECTION_OVERDUE';
  readonly nextInspectionDue: string;
}

/** Whether `day` (Taipei, `YYYY-MM-DD`) is after the deadline `nextInspectionDue`: on the deadline itself it may still go. */
export const isPastDeadline = (nextInspectionDue: string, day: string): boolean => day > nextInspectionDue;

/** The refusal of leaving the cylinder at a customer on `day`, naming it and its deadline; null while within it. */
export const overdueRefusal = (c: CylinderDeadline, day: string): OverdueRefusal | null =>
  isPastDeadline(c.nextInspectionDue, day) ? { serial: c.serial, code: 'CYLINDER.INSPECTION_OVERDUE', nextInspectionDue: c.nextInspectionDue } : null;

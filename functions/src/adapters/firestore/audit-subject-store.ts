import type { Firestore } from '@google-cloud/firestore';
import { AUDIT_SUBJECT_FIELDS, auditSubjectKind, auditSubjectOf, type AuditSubject, type AuditSubjectKind } from '../../domain/audit';
import { INVOICES } from '../invoicing/invoice-store';
import { SAFETY_INSPECTIONS } from './safety-inspection-store';
import { SERVICE_CALLS } from './service-call-store';

const COLLECTIONS: Readonly<Record<AuditSubjectKind, string>> = { order: 'orders', customer: 'customers', safetyInspection: SAFETY_INSPECTIONS, serviceCall: SERVICE_CALLS, invoice: INVOICES };

/** The records audit entries touched, named as a person knows them (domain/audit/subject). */
export function firestoreAuditSubjects(db: Firestore) {
  return {
    /**
     * Id → subject for the ids of a kind the log names, in one read of the few fields that name them, whatever their
     * collections; ids of other kinds, and records since deleted, are left out.
     */
    async of(ids: readonly string[]): Promise<Map<string, AuditSubject>> {
      const named = [...new Set(ids)].flatMap((id) => {
        const kind = auditSubjectKind(id);
        return kind ? [{ id, kind }] : [];
      });
      if (named.length === 0) return new Map();
      const snaps = await db.getAll(...named.map(({ id, kind }) => db.collection(COLLECTIONS[kind]).doc(id)), { fieldMask: [...AUDIT_SUBJECT_FIELDS] });
      return new Map(
        snaps.flatMap((snap, i) => {
          const subject = snap.exists ? auditSubjectOf(named[i]!.kind, (path) => snap.get(path)) : null;
          return subject ? [[snap.id, subject] as const] : [];
        }),
      );
    },
  };
}

import { auditEntryOf, type AuditedRequest, type AuditEntry } from '../domain/audit';
import type { Clock } from '../domain/clock';
import { buildEvent, type EventPublisher } from '../domain/events';

/** Keeps the audit entry of a successful change. Never rejects: the change is committed whatever becomes of its entry. */
export interface AuditRecorder {
  record(request: AuditedRequest): Promise<void>;
}

export interface AuditRecorderDeps {
  /** Stores an entry once: writing the same id again (a retry) keeps the first and succeeds. */
  readonly write: (entry: AuditEntry) => Promise<void>;
  readonly publisher: EventPublisher;
  readonly clock: Clock;
}

const SYSTEM = { uid: 'system:audit', role: 'system' } as const;

/**
 * The recorder the HTTP layer calls after a handler succeeded and before it answers. A failed write cannot undo the
 * change, so the response still goes out; the entry goes to the log in full at ERROR (so it can be copied back) and
 * a `system.audit_write_failed` alert — one per function and hour, the alerts consumer keeping one per event id —
 * tells the office's 警示 list that the audit log has a gap.
 */
export function auditRecorder(deps: AuditRecorderDeps): AuditRecorder {
  return {
    async record(request) {
      const now = deps.clock.now();
      let entry: AuditEntry | null = null;
      try {
        entry = auditEntryOf(request, now);
        await deps.write(entry);
      } catch (err) {
        const { function: fn, method, route, requestId } = request;
        console.error(JSON.stringify({ severity: 'ERROR', fn, message: 'audit entry not written', error: String(err), auditEntry: entry }));
        const alert = buildEvent({
          id: `audit-write-failed-${fn}-${now.toISOString().slice(0, 13)}`,
          type: 'system.audit_write_failed',
          occurredAt: now,
          actor: SYSTEM,
          subject: `auditLog/${requestId}`,
          sequence: now.getTime(),
          data: { severity: 'warning', function: fn, method, route, requestId, actorUid: request.principal.uid, error: String(err) },
        });
        await deps.publisher
          .publish('system-alerts', alert)
          .catch((alertErr: unknown) => console.error(JSON.stringify({ severity: 'ERROR', fn, message: 'audit alert not published', error: String(alertErr) })));
      }
    },
  };
}

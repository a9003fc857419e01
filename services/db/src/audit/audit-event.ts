import type { AuditEvent } from '@livegate/contracts';
import type { AuditRow } from './audit-log.table.js';

/**
 * An audit row as the contracts' AuditEvent (what `audit.<kind>`, the audit API and the websocket
 * carry): the row as stored, without its chain link (`prev_hash`), and without `subject` when empty.
 */
export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    kind: row.kind,
    actor: row.actor,
    ...(row.subject !== null && { subject: row.subject }),
    details: row.details,
    at: row.at.toISOString(),
    hash: row.hash,
  };
}

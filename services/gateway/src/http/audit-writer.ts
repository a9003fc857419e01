import { publishAuditEvent } from '@livegate/bus';
import { appendAudit, toAuditEvent, type AuditAppend, type AuditRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Db } from '../auth/operators.repository.js';
import type { GatewayBus } from '../bus/gateway-bus.js';

export interface AuditWriter {
  /** Appends the row in `dbOrTrx` (commit it with the change it records), without announcing it. */
  append(dbOrTrx: Parameters<typeof appendAudit>[0], entry: AuditAppend): Promise<AuditRow>;
  /** Publishes a committed row on `audit.<kind>` for live display; a failure is logged, never thrown. */
  announce(row: AuditRow): Promise<void>;
  /** append on the pool, then announce. */
  write(entry: AuditAppend): Promise<AuditRow>;
}

export function createAuditWriter({
  db,
  bus,
  logger,
}: {
  db: Db;
  bus: GatewayBus;
  logger: Logger;
}): AuditWriter {
  const writer: AuditWriter = {
    append: (dbOrTrx, entry) => appendAudit(dbOrTrx, entry),
    async announce(row) {
      try {
        await publishAuditEvent(bus, toAuditEvent(row));
      } catch (err) {
        logger.error(
          { err, auditId: row.id, kind: row.kind },
          'audit row not announced on the bus',
        );
      }
    },
    async write(entry) {
      const row = await writer.append(db, entry);
      await writer.announce(row);
      return row;
    },
  };
  return writer;
}

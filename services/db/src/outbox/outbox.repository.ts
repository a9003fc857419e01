import type { AuditEvent, ModeChanged } from '@livegate/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { toAuditEvent } from '../audit/audit-event.js';
import type { AuditRow } from '../audit/audit-log.table.js';
import type { Database } from '../database.js';

export type OutboxKind = 'mode' | 'audit';

/** A message waiting in the outbox, as the relay publishes it. */
export type OutboxMessage =
  | { readonly id: string; readonly kind: 'audit'; readonly event: AuditEvent }
  | { readonly id: string; readonly kind: 'mode'; readonly event: ModeChanged };

/** What one drain did: how many it published, and the failure that stopped it (if any). */
export interface DrainResult {
  readonly published: number;
  readonly error?: unknown;
}

/** The outbox as the relay (`@livegate/bus` createOutboxRelay) uses it. */
export interface OutboxStore {
  /**
   * In one transaction: claims up to `limit` unpublished messages of `kinds`, oldest first (those
   * another relay holds are skipped), publishes them in order with `publish`, and marks the ones that
   * went out. The first failure stops the batch (order is kept); it is returned, not thrown.
   */
  drain(
    kinds: readonly OutboxKind[],
    limit: number,
    publish: (message: OutboxMessage) => Promise<void>,
  ): Promise<DrainResult>;
  /** Deletes messages published more than `olderThanMs` ago; returns how many. */
  prune(olderThanMs: number): Promise<number>;
}

/** Queues a `mode.changed` in the transaction that commits the trading state it announces. */
export async function queueModeChange(
  trx: Transaction<Database>,
  event: ModeChanged,
): Promise<void> {
  await trx
    .insertInto('outbox.messages')
    .values({ kind: 'mode', audit_id: null, payload: JSON.stringify(event) })
    .execute();
}

type Claimed = {
  id: string;
  kind: OutboxKind;
  payload: unknown;
  /** The audit row an `audit` message announces (committed with it); undefined for `mode`. */
  audit: AuditRow | undefined;
};

async function claim(
  trx: Transaction<Database>,
  kinds: readonly OutboxKind[],
  limit: number,
): Promise<Claimed[]> {
  const rows = await trx
    .selectFrom('outbox.messages')
    .select(['id', 'kind', 'audit_id', 'payload'])
    .where('published_at', 'is', null)
    .where('kind', 'in', [...kinds])
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  const auditIds = rows.flatMap((r) => (r.audit_id === null ? [] : [r.audit_id]));
  const audits =
    auditIds.length === 0
      ? []
      : await trx.selectFrom('audit.log').selectAll().where('id', 'in', auditIds).execute();
  const byId = new Map(audits.map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    audit: byId.get(String(r.audit_id)),
  }));
}

function messageOf(row: Claimed): OutboxMessage {
  if (row.kind === 'mode') return { id: row.id, kind: 'mode', event: row.payload as ModeChanged };
  return { id: row.id, kind: 'audit', event: toAuditEvent(row.audit as AuditRow) };
}

/** The outbox of `db` (see {@link OutboxStore}). */
export function createOutboxStore(db: Kysely<Database>): OutboxStore {
  return {
    drain(kinds, limit, publish) {
      return db.transaction().execute(async (trx): Promise<DrainResult> => {
        const rows = await claim(trx, kinds, limit);
        const sent: string[] = [];
        let error: unknown;
        for (const row of rows) {
          try {
            await publish(messageOf(row));
          } catch (err) {
            error = err;
            break;
          }
          sent.push(row.id);
        }
        if (sent.length > 0) {
          await trx
            .updateTable('outbox.messages')
            .set({ published_at: sql<Date>`now()` })
            .where('id', 'in', sent)
            .execute();
        }
        return error === undefined ? { published: sent.length } : { published: sent.length, error };
      });
    },
    async prune(olderThanMs) {
      const result = await db
        .deleteFrom('outbox.messages')
        .where('published_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * `outbox.messages`: events written in the transaction that commits what they announce, relayed to the
 * bus with retry (`@livegate/bus` `createOutboxRelay`). `kind = 'audit'` rows are queued by a trigger
 * on `audit.log` (every audit row, whoever appends it) and name the row; `kind = 'mode'` rows carry a
 * contracts `ModeChanged` in `payload` (written by arming). `published_at` is set once the bus stored it.
 */
export interface OutboxMessagesTable {
  id: Generated<string>;
  kind: 'mode' | 'audit';
  audit_id: string | null;
  payload: ColumnType<unknown, string | null, string | null>;
  created_at: Generated<Date>;
  published_at: Date | null;
}

export type OutboxMessageRow = Selectable<OutboxMessagesTable>;

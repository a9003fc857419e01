import {
  riskLimitProposalSchema,
  riskLimitSchema,
  type RiskLimit,
  type RiskLimitChange,
  type RiskLimitProposal,
} from '@livegate/contracts';
import type { RiskLimitRow } from '@livegate/db';
import { sql, type Transaction } from 'kysely';
import type { Database } from '@livegate/db';
import type { Db } from '../auth/operators.repository.js';

type Trx = Transaction<Database>;

function toLimit(row: RiskLimitRow): RiskLimit {
  return riskLimitSchema.parse({
    venue: row.venue,
    source: row.source,
    kind: row.kind,
    asset: row.asset === '' ? null : row.asset,
    value: row.value,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  });
}

const limitColumns = [
  'venue',
  'source',
  'kind',
  'asset',
  sql<string>`value::text`.as('value'),
  'updated_by',
  'updated_at',
] as const;

/** Every limit in force, by venue, strategy, kind and asset. */
export async function listRiskLimits(db: Db): Promise<RiskLimit[]> {
  const rows = await db
    .selectFrom('risk.limits')
    .select([...limitColumns])
    .orderBy('venue')
    .orderBy('source')
    .orderBy('kind')
    .orderBy('asset')
    .execute();
  return rows.map(toLimit);
}

const proposalColumns = [
  'id',
  'venue',
  'source',
  'kind',
  'asset',
  sql<string | null>`value::text`.as('value'),
  'reason',
  'proposed_by',
  'proposed_at',
  'decided_at',
] as const;

function toProposal(row: {
  id: string;
  venue: string;
  source: string;
  kind: string;
  asset: string;
  value: string | null;
  reason: string;
  proposed_by: string;
  proposed_at: Date;
}): RiskLimitProposal {
  return riskLimitProposalSchema.parse({
    id: String(row.id),
    venue: row.venue,
    source: row.source,
    kind: row.kind,
    asset: row.asset === '' ? null : row.asset,
    value: row.value,
    reason: row.reason,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at.toISOString(),
  });
}

/** Proposals waiting for a second operator, oldest first. */
export async function listPendingProposals(db: Db): Promise<RiskLimitProposal[]> {
  const rows = await db
    .selectFrom('risk.limit_proposals')
    .select([...proposalColumns])
    .where('decided_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toProposal);
}

/** Stores a proposed change (four-eyes). */
export async function insertProposal(
  trx: Trx,
  change: RiskLimitChange,
  operator: string,
): Promise<RiskLimitProposal> {
  const row = await trx
    .insertInto('risk.limit_proposals')
    .values({
      venue: change.venue,
      source: change.source,
      kind: change.kind,
      asset: change.asset ?? '',
      value: change.value,
      reason: change.reason,
      proposed_by: operator,
    })
    .returning([...proposalColumns])
    .executeTakeFirstOrThrow();
  return toProposal(row);
}

/** A proposal locked for deciding, with whether it is decided already; undefined: no such id. */
export async function lockProposal(
  trx: Trx,
  id: string,
): Promise<{ proposal: RiskLimitProposal; decided: boolean } | undefined> {
  const row = await trx
    .selectFrom('risk.limit_proposals')
    .select([...proposalColumns])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { proposal: toProposal(row), decided: row.decided_at !== null };
}

export async function markApproved(trx: Trx, id: string, operator: string): Promise<void> {
  await trx
    .updateTable('risk.limit_proposals')
    .set({ decided_by: operator, decided_at: sql<Date>`now()`, decision: 'approved' })
    .where('id', '=', id)
    .execute();
}

/** Ends a proposal unapplied (withdrawn when `operator` proposed it, rejected otherwise). */
export async function markRejected(trx: Trx, id: string, operator: string): Promise<void> {
  await trx
    .updateTable('risk.limit_proposals')
    .set({ decided_by: operator, decided_at: sql<Date>`now()`, decision: 'rejected' })
    .where('id', '=', id)
    .execute();
}

/**
 * Applies one change in the caller's transaction: the limit's row is locked (or absent), then
 * upserted, or deleted for `value: null`. Returns the value before and the limit after (null: none).
 */
export async function applyRiskLimitChange(
  trx: Trx,
  change: Omit<RiskLimitChange, 'reason'>,
  operator: string,
): Promise<{ from: string | null; limit: RiskLimit | null }> {
  const key = {
    venue: change.venue,
    source: change.source,
    kind: change.kind,
    asset: change.asset ?? '',
  };
  const before = await trx
    .selectFrom('risk.limits')
    .select(sql<string>`value::text`.as('value'))
    .where('venue', '=', key.venue)
    .where('source', '=', key.source)
    .where('kind', '=', key.kind)
    .where('asset', '=', key.asset)
    .forUpdate()
    .executeTakeFirst();
  const from = before?.value ?? null;
  if (change.value === null) {
    await trx
      .deleteFrom('risk.limits')
      .where('venue', '=', key.venue)
      .where('source', '=', key.source)
      .where('kind', '=', key.kind)
      .where('asset', '=', key.asset)
      .execute();
    return { from, limit: null };
  }
  const row = await trx
    .insertInto('risk.limits')
    .values({ ...key, value: change.value, updated_by: operator })
    .onConflict((oc) =>
      oc.columns(['venue', 'source', 'kind', 'asset']).doUpdateSet({
        value: change.value as string,
        updated_by: operator,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning([...limitColumns])
    .executeTakeFirstOrThrow();
  return { from, limit: toLimit(row) };
}

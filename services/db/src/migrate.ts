import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { Logger } from '@livegate/runtime';
import { migrationProvider } from './migrations/index.js';

export interface MigrationStep {
  readonly name: string;
  readonly direction: 'Up' | 'Down';
  readonly status: 'Success' | 'Error' | 'NotExecuted';
}

/** What a migration run did; it never throws midway. `error` is one line. */
export type MigrationOutcome =
  | { readonly ok: true; readonly steps: readonly MigrationStep[] }
  | { readonly ok: false; readonly steps: readonly MigrationStep[]; readonly error: string };

export type MigrationLogger = Pick<Logger, 'info' | 'error'>;

export function errorLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\n[\s\S]*$/, '');
}

function toOutcome(
  { error, results }: { error?: unknown; results?: MigrationResult[] },
  logger: MigrationLogger | undefined,
): MigrationOutcome {
  const steps = (results ?? []).map(({ migrationName, direction, status }) => ({
    name: migrationName,
    direction,
    status,
  }));
  for (const step of steps)
    logger?.info(
      { migration: step.name, direction: step.direction, status: step.status },
      'migration',
    );
  if (error === undefined) return { ok: true, steps };
  const line = errorLine(error);
  logger?.error({ err: error }, `migration failed: ${line}`);
  return { ok: false, steps, error: line };
}

function migratorFor<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

/** Applies every pending migration (Kysely holds an advisory lock, so concurrent runs are safe). */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  logger?: MigrationLogger,
): Promise<MigrationOutcome> {
  return toOutcome(await migratorFor(db).migrateToLatest(), logger);
}

/** Reverts the most recent migration. */
export async function migrateDown<DB>(
  db: Kysely<DB>,
  logger?: MigrationLogger,
): Promise<MigrationOutcome> {
  return toOutcome(await migratorFor(db).migrateDown(), logger);
}

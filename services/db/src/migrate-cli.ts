import { checkDb } from './check-db.js';
import { loadDbConfig } from './config.js';
import { createDb } from './create-db.js';
import { errorLine, migrateDown, migrateToLatest, type MigrationLogger } from './migrate.js';
import { ownerSession } from './roles/owner-session.js';

export interface MigrateCliProps {
  readonly argv: readonly string[];
  readonly env: Record<string, string | undefined>;
  readonly logger: MigrationLogger;
}

/** What `pnpm db:migrate` prints last (one line) and its exit code. */
export interface MigrateCliResult {
  readonly exitCode: 0 | 1;
  readonly line: string;
}

const USAGE =
  'usage: pnpm db:migrate [--down]   (DATABASE_URL selects the database: a superuser, or livegate_owner)';

export function parseMigrateArgs(
  argv: readonly string[],
): { direction: 'up' | 'down' } | { error: string } {
  if (argv.length === 0) return { direction: 'up' };
  if (argv.length === 1 && argv[0] === '--down') return { direction: 'down' };
  return { error: `unknown arguments "${argv.join(' ')}"; ${USAGE}` };
}

/**
 * `pnpm db:migrate [--down]`: migrates DATABASE_URL to latest, or one step down, as the owner role
 * (a superuser's login first creates the roles and hands the database to the owner). Never throws.
 */
export async function runMigrateCli({
  argv,
  env,
  logger,
}: MigrateCliProps): Promise<MigrateCliResult> {
  const args = parseMigrateArgs(argv);
  if ('error' in args) return { exitCode: 1, line: args.error };
  const { databaseUrl } = loadDbConfig(env);
  const db = createDb({ url: databaseUrl, max: 1 });
  try {
    await checkDb(db);
    const owner = await ownerSession(db, databaseUrl);
    const outcome = await (
      args.direction === 'up' ? migrateToLatest(owner.db, logger) : migrateDown(owner.db, logger)
    ).finally(() => owner.close());
    if (!outcome.ok) return { exitCode: 1, line: `migration failed: ${outcome.error}` };
    const names = outcome.steps.map((s) => s.name).join(', ');
    if (names === '')
      return {
        exitCode: 0,
        line: args.direction === 'up' ? 'already at latest' : 'nothing to revert',
      };
    return { exitCode: 0, line: `${args.direction === 'up' ? 'applied' : 'reverted'}: ${names}` };
  } catch (err) {
    return { exitCode: 1, line: errorLine(err) };
  } finally {
    await db.destroy();
  }
}

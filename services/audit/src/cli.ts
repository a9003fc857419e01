import { connectBus, type Bus } from '@livegate/bus';
import { checkDb, createDb, verifyAuditChain, type Database } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Kysely } from 'kysely';
import { anchorAuditHead } from './anchor.js';
import { loadAuditConfig } from './config.js';
import { readStoredHashes } from './head.js';
import { judgeAudit } from './judge.js';
import { readAuditStream } from './read-stream.js';

export const AUDIT_USAGE =
  'usage: pnpm audit:verify | pnpm audit:anchor   (DATABASE_URL, NATS_URL and the NATS credentials select where)';

export interface AuditCliProps {
  readonly argv: readonly string[];
  readonly env: Record<string, string | undefined>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What the CLI prints (one sentence a line) and its exit code: 0 intact/done, 1 not intact, 2 could not run. */
export interface AuditCliResult {
  readonly exitCode: 0 | 1 | 2;
  readonly lines: readonly string[];
}

// Everything that reaches here is an Error: a config, connect or query failure.
const errorLine = (err: unknown) => (err as Error).message.replace(/\n[\s\S]*$/, '');

async function verify(db: Kysely<Database>, bus: Bus): Promise<AuditCliResult> {
  // The stream first: every row it names was committed before it was published, so the database
  // read after it holds them all (a row appended meanwhile is only in the database, which is fine).
  const published = await readAuditStream(bus);
  const chain = await verifyAuditChain(db);
  const stored = await readStoredHashes(db);
  const verdict = judgeAudit({
    chainBrokenAt: chain.ok ? null : chain.brokenAt,
    stored,
    published,
  });
  return { exitCode: verdict.ok ? 0 : 1, lines: verdict.lines };
}

async function anchor(db: Kysely<Database>, bus: Bus, now?: () => Date): Promise<AuditCliResult> {
  const anchored = await anchorAuditHead(db, bus, now);
  if (anchored === undefined)
    return { exitCode: 0, lines: ['nothing to anchor: the log is empty'] };
  return {
    exitCode: 0,
    lines: [`anchored the head: id ${anchored.lastId}, hash ${anchored.hash}`],
  };
}

/** `pnpm audit:verify` / `pnpm audit:anchor`. Never throws. */
export async function runAuditCli({
  argv,
  env,
  logger,
  now,
}: AuditCliProps): Promise<AuditCliResult> {
  const command = argv.length === 1 ? argv[0] : undefined;
  if (command !== 'verify' && command !== 'anchor')
    return { exitCode: 2, lines: [`unknown arguments "${argv.join(' ')}"; ${AUDIT_USAGE}`] };
  let db: Kysely<Database> | undefined;
  let bus: Bus | undefined;
  try {
    const config = loadAuditConfig(env);
    db = createDb({ url: config.databaseUrl, max: 2 });
    await checkDb(db);
    bus = await connectBus({
      url: config.natsUrl,
      name: `audit-${command}`,
      logger,
      namespace: config.namespace,
      auth: config.natsAuth,
    });
    return command === 'verify' ? await verify(db, bus) : await anchor(db, bus, now);
  } catch (err) {
    return { exitCode: 2, lines: [errorLine(err)] };
  } finally {
    await bus?.close();
    await db?.destroy();
  }
}

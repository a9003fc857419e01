import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@livegate/runtime';
import { lastLine, runCommand, type CommandResult } from './run-command.js';

export interface FindPgBinariesProps {
  /** Debian-style roots holding `<version>/bin`; the highest version wins. */
  readonly versionRoots?: readonly string[];
  /** Directories of PATH, tried after the version roots. */
  readonly pathDirs?: readonly string[];
}

const hasTools = (dir: string) =>
  existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));

function versionDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

/** The directory holding `initdb` and `pg_ctl`, or undefined when PostgreSQL is not installed. */
export function findPgBinaries({
  versionRoots = ['/usr/lib/postgresql'],
  pathDirs = [],
}: FindPgBinariesProps = {}): string | undefined {
  return [...versionRoots.flatMap(versionDirs), ...pathDirs].find(hasTools);
}

export interface LocalClusterProps {
  readonly binDir: string;
  readonly dataDir: string;
  readonly port: number;
  /** OS user to run the server as; `postgres` when we are root (initdb refuses root). */
  readonly runAs: string | undefined;
  readonly logger: Pick<Logger, 'info'>;
}

export interface LocalCluster {
  /** Superuser URL of the `postgres` database on the cluster. */
  readonly adminUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

export class LocalClusterError extends Error {
  override readonly name = 'LocalClusterError';
}

async function ownBy(user: string, dir: string): Promise<void> {
  const [uid, gid] = await Promise.all([
    runCommand('id', ['-u', user]),
    runCommand('id', ['-g', user]),
  ]);
  if (uid.code !== 0)
    throw new LocalClusterError(`cannot run PostgreSQL as ${user}: ${lastLine(uid)}`);
  await chown(dir, Number(uid.stdout), Number(gid.stdout));
}

async function runningPort(dataDir: string): Promise<number> {
  // postmaster.pid: pid, data dir, start time, port, …
  const lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  return Number(lines[3]);
}

/**
 * A private PostgreSQL cluster in `dataDir`: initialised on first use (trust auth, listening on
 * 127.0.0.1 only), started with `pg_ctl`, or reused when a previous run left it running.
 */
export async function startLocalCluster({
  binDir,
  dataDir,
  port,
  runAs,
  logger,
}: LocalClusterProps): Promise<LocalCluster> {
  const pgTool = (tool: string, args: readonly string[]): Promise<CommandResult> => {
    const bin = join(binDir, tool);
    return runAs === undefined
      ? runCommand(bin, args, { cwd: dataDir })
      : runCommand('runuser', ['-u', runAs, '--', bin, ...args], { cwd: dataDir });
  };
  const must = async (what: string, result: Promise<CommandResult>) => {
    const r = await result;
    if (r.code !== 0) throw new LocalClusterError(`${what} failed in ${dataDir}: ${lastLine(r)}`);
  };

  await mkdir(dataDir, { recursive: true });
  if (runAs !== undefined) await ownBy(runAs, dataDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    logger.info({ dataDir }, 'initialising a private PostgreSQL cluster');
    await must(
      'initdb',
      pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8']),
    );
    await appendFile(
      join(dataDir, 'postgresql.conf'),
      `\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n`,
    );
  }
  let actualPort = port;
  if ((await pgTool('pg_ctl', ['status', '-D', dataDir])).code === 0) {
    actualPort = await runningPort(dataDir);
    logger.info(
      { dataDir, port: actualPort },
      'reusing the private PostgreSQL cluster a previous run left running',
    );
  } else {
    const log = join(dataDir, 'server.log');
    await must(
      'pg_ctl start',
      pgTool('pg_ctl', ['start', '-D', dataDir, '-w', '-t', '60', '-l', log, '-o', `-p ${port}`]),
    );
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    port: actualPort,
    async stop() {
      await must('pg_ctl stop', pgTool('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']));
    },
  };
}

import pg from 'pg';
import { firstLine } from '../errors.js';

export type ProbeResult =
  | { readonly ok: true; readonly created: boolean }
  | { readonly ok: false; readonly reason: string };

const UNKNOWN_DATABASE = '3D000';

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `url` pointed at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function tryConnect(
  url: string,
  connectTimeoutMs: number,
  work?: (c: pg.Client) => Promise<unknown>,
): Promise<unknown> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
  });
  try {
    await client.connect();
    await work?.(client);
    return undefined;
  } catch (err) {
    return err;
  } finally {
    await Promise.allSettled([client.end()]);
  }
}

/**
 * Whether a server answers at `url`; when it does but the database is missing, creates it
 * (through the `postgres` maintenance database on the same server).
 */
export async function ensureDatabase(
  url: string,
  { connectTimeoutMs = 3_000 } = {},
): Promise<ProbeResult> {
  const err = await tryConnect(url, connectTimeoutMs);
  if (err === undefined) return { ok: true, created: false };
  if ((err as { code?: unknown }).code !== UNKNOWN_DATABASE)
    return { ok: false, reason: firstLine(err) };
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const createErr = await tryConnect(withDatabase(url, 'postgres'), connectTimeoutMs, (c) =>
    c.query(`create database ${quoteIdent(name)}`),
  );
  if (createErr === undefined) return { ok: true, created: true };
  return {
    ok: false,
    reason: `database ${name} is missing and could not be created: ${firstLine(createErr)}`,
  };
}

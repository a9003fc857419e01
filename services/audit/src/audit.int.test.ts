import { Writable } from 'node:stream';
import { connectBus, publishAuditEvent, type Bus, type BusIdentity } from '@livegate/bus';
import { appendAudit, createDb, SERVICE_ROLES, toAuditEvent, type Database } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  startTrustedNats,
  useNats,
  type TestDatabase,
  type TestNats,
} from '../../../tests/harness/src/index.js';
import { anchorAuditHead, startAnchoring } from './anchor.js';
import { runAuditCli } from './cli.js';
import { readAuditStream } from './read-stream.js';

const lines: Array<Record<string, unknown>> = [];
const logger = createLogger({
  service: 'audit-test',
  level: 'debug',
  destination: new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  }),
});

let t: TestDatabase;
let nats: TestNats;
let bus: Bus;
/** Arming's own login: what appends, publishes and anchors in production. */
let arming: Kysely<Database>;

beforeEach(async () => {
  t = await createTestDatabase();
  nats = useNats();
  bus = await connectBus({ url: nats.url, name: 'audit-test', logger, namespace: nats.namespace });
  await bus.ensureStreams();
  arming = createDb({ url: t.urlAs(SERVICE_ROLES.arming), max: 2 });
});
afterEach(async () => {
  await bus.close();
  await arming.destroy();
  await nats.cleanup();
  await t.drop();
});

/** Appends and announces a row as a service does; returns its id. */
async function audited(n: number): Promise<string> {
  const row = await appendAudit(arming, { kind: 'probe', actor: 'alice', details: { n } });
  await publishAuditEvent(bus, toAuditEvent(row));
  return row.id;
}

const verify = () =>
  runAuditCli({
    argv: ['verify'],
    env: { DATABASE_URL: t.url, NATS_URL: nats.url, LIVEGATE_NAMESPACE: nats.namespace },
    logger,
  });

/**
 * A compromised administrator (the superuser, or the owner) switches the append-only trigger off,
 * changes row `id` and re-hashes the chain from there, so `audit.verify_chain()` finds nothing.
 */
async function rewriteAndRehash(id: string): Promise<void> {
  await sql`alter table audit.log disable trigger log_append_only`.execute(t.db);
  await sql`update audit.log set details = '{"n": "nothing to see"}' where id = ${id}`.execute(
    t.db,
  );
  await sql`do $$
    declare r record; prev text;
    begin
      select coalesce((select hash from audit.log where id < ${sql.lit(Number(id))} order by id desc limit 1), repeat('0', 64)) into prev;
      for r in select * from audit.log where id >= ${sql.lit(Number(id))} order by id loop
        update audit.log set prev_hash = prev,
          hash = audit.row_hash(prev, r.id, r.at, r.kind, r.actor, r.subject, r.details)
          where id = r.id returning hash into prev;
      end loop;
    end $$`.execute(t.db);
  await sql`alter table audit.log enable always trigger log_append_only`.execute(t.db);
}

async function removeAfter(id: string): Promise<void> {
  await sql`alter table audit.log disable trigger log_append_only`.execute(t.db);
  await sql`delete from audit.log where id > ${id}`.execute(t.db);
  await sql`alter table audit.log enable always trigger log_append_only`.execute(t.db);
}

describe('pnpm audit:verify', () => {
  it('finds the chain, its published rows and its anchors in agreement', async () => {
    for (let n = 1; n <= 3; n++) await audited(n);
    await anchorAuditHead(arming, bus);
    expect(await verify()).toEqual({
      exitCode: 0,
      lines: ['audit log intact: 3 rows up to id 3; 1 anchors and 3 published rows checked'],
    });
  });

  it('passes an empty log and an empty stream, and reports a row changed without re-hashing at that row', async () => {
    expect(await verify()).toEqual({
      exitCode: 0,
      lines: ['audit log intact: 0 rows up to id -; 0 anchors and 0 published rows checked'],
    });
    const id = await audited(1);
    await sql`alter table audit.log disable trigger log_append_only`.execute(t.db);
    await sql`update audit.log set actor = 'mallory' where id = ${id}`.execute(t.db);
    const result = await verify();
    expect(result.exitCode).toBe(1);
    expect(result.lines[1]).toBe(
      `the chain breaks at id ${id}: its link or hash is wrong in the database`,
    );
  });

  it('names the first rewritten row after an administrator re-hashed the chain', async () => {
    const ids = [];
    for (let n = 1; n <= 5; n++) ids.push(await audited(n));
    await anchorAuditHead(arming, bus);
    await rewriteAndRehash(ids[2] as string);
    const chain = await sql<{
      broken: string | null;
    }>`select audit.verify_chain()::text as broken`.execute(t.db);
    expect(chain.rows).toEqual([{ broken: null }]);
    const result = await verify();
    expect(result.exitCode).toBe(1);
    expect(result.lines).toContain(
      `row ${ids[2]} differs from the copy published when it was written: rewritten from id ${ids[2]} on (3 rows differ)`,
    );
    expect(result.lines.join('\n')).toContain(`no longer matches row ${ids[4]}`);
  });

  it('reports the anchor beyond the tail after the newest rows were removed', async () => {
    const ids = [];
    for (let n = 1; n <= 5; n++) ids.push(await audited(n));
    await anchorAuditHead(arming, bus);
    await removeAfter(ids[2] as string);
    const result = await verify();
    expect(result.exitCode).toBe(1);
    expect(result.lines.join('\n')).toMatch(
      new RegExp(
        `anchor of \\S+ names row ${ids[4]}, which the log no longer has: it ends at ${ids[2]}, so rows after ${ids[2]} were removed`,
      ),
    );
  });

  it('anchors on demand, and says so when there is nothing to anchor', async () => {
    const env = { DATABASE_URL: t.url, NATS_URL: nats.url, LIVEGATE_NAMESPACE: nats.namespace };
    expect(await runAuditCli({ argv: ['anchor'], env, logger })).toEqual({
      exitCode: 0,
      lines: ['nothing to anchor: the log is empty'],
    });
    const id = await audited(1);
    const result = await runAuditCli({ argv: ['anchor'], env, logger });
    expect(result.lines[0]).toMatch(new RegExp(`^anchored the head: id ${id}, hash [0-9a-f]{64}$`));
    expect((await readAuditStream(bus)).anchors.map((a) => a.lastId)).toEqual([id]);
  });

  it('exits 2 with one line on bad arguments or an unreachable database', async () => {
    expect(await runAuditCli({ argv: ['verify', 'now'], env: {}, logger })).toMatchObject({
      exitCode: 2,
    });
    expect(await runAuditCli({ argv: ['check'], env: {}, logger })).toMatchObject({
      exitCode: 2,
      lines: [expect.stringMatching(/^unknown arguments "check"; usage: pnpm audit:verify/)],
    });
    expect(
      await runAuditCli({
        argv: ['verify'],
        env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' },
        logger,
      }),
    ).toEqual({
      exitCode: 2,
      lines: [
        'DATABASE_URL postgres://postgres@127.0.0.1:1/x: connection refused (is PostgreSQL running there?)',
      ],
    });
  });
});

describe('anchoring at intervals', () => {
  it('anchors the head at start and again only once it moved; a failure is logged', async () => {
    const id = await audited(1);
    const anchoring = startAnchoring({ db: arming, bus, intervalMs: 3_600_000, logger });
    expect(await anchoring.tick()).toBeUndefined();
    const next = await audited(2);
    expect((await anchoring.tick())?.lastId).toBe(next);
    await anchoring.stop();
    expect((await readAuditStream(bus)).anchors.map((a) => a.lastId)).toEqual([id, next]);

    const broken = startAnchoring({
      db: arming,
      bus: { subjects: bus.subjects, publish: () => Promise.reject(new Error('bus down')) },
      intervalMs: 3_600_000,
      logger,
    });
    expect(await broken.tick()).toBeUndefined();
    await broken.stop();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'anchoring the audit chain head failed; next try on the next tick',
      }),
    );
  });

  it('anchors again on its timer once the head moved', async () => {
    await audited(1);
    const anchoring = startAnchoring({ db: arming, bus, intervalMs: 50, logger });
    const next = await audited(2);
    const deadline = Date.now() + 5_000;
    let anchored: string[] = [];
    while (!anchored.includes(next) && Date.now() < deadline) {
      anchored = (await readAuditStream(bus)).anchors.map((a) => a.lastId);
      await new Promise((r) => setTimeout(r, 50));
    }
    await anchoring.stop();
    expect(anchored).toContain(next);
  });

  it('keeps unreadable messages on the AUDIT stream apart', async () => {
    await bus.nc.request(bus.subjects.auditAnchor, 'not json');
    await bus.nc.request(bus.subjects.audit('probe'), JSON.stringify({ id: 'x' }));
    expect(await readAuditStream(bus)).toEqual({ anchors: [], rows: [], unreadable: 2 });
  });
});

describe('audit on the authenticated bus', () => {
  it('anchors as arming and verifies as the administrator, each with its own credentials', async () => {
    const trusted = await startTrustedNats();
    const connect = (identity: BusIdentity) =>
      connectBus({
        url: trusted.url,
        name: 'audit-trust',
        logger,
        namespace: trusted.namespace,
        auth: trusted.auth(identity),
      });
    const admin = await connect({ role: 'admin' });
    const armingBus = await connect({ role: 'service', service: 'arming' });
    try {
      await admin.ensureStreams();
      const row = await appendAudit(arming, { kind: 'probe', actor: 'alice', details: {} });
      await publishAuditEvent(armingBus, toAuditEvent(row));
      await anchorAuditHead(arming, armingBus);
      const seed = trusted.auth({ role: 'admin' });
      const result = await runAuditCli({
        argv: ['verify'],
        env: {
          DATABASE_URL: t.url,
          NATS_URL: trusted.url,
          LIVEGATE_NAMESPACE: trusted.namespace,
          NATS_NKEY_SEED: 'nkeySeed' in seed ? seed.nkeySeed : '',
          NATS_INBOX_PREFIX: seed.inboxPrefix,
        },
        logger,
      });
      expect(result).toEqual({
        exitCode: 0,
        lines: ['audit log intact: 1 rows up to id 1; 1 anchors and 1 published rows checked'],
      });
    } finally {
      await Promise.all([admin.close(), armingBus.close()]);
      await trusted.stop();
    }
  });
});

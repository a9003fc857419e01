import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, SERVICE_ROLES, type Database } from '@livegate/db';
import type { Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { sha256Hex } from '../auth/secrets.js';
import { verifyPassword } from '../auth/password.js';
import { readAll, runCli, USAGE, type CliIo } from './run-cli.js';

const PASSWORD = 'a long enough passphrase';

describe('gateway CLI - operator:add and apikey:add', () => {
  let t: TestDatabase;
  let gatewayDb: Kysely<Database>;
  beforeAll(async () => {
    t = await createTestDatabase();
    gatewayDb = createDb({ url: t.urlAs(SERVICE_ROLES.gateway), max: 2 });
  });
  afterAll(async () => {
    await gatewayDb.destroy();
    await t.drop();
  });

  function io(password: () => Promise<string> = async () => PASSWORD) {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo = {
      db: gatewayDb,
      password,
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      now: () => new Date('2026-03-02T09:00:00.000Z'),
    };
    return { io: value, out, err };
  }

  it('adds an operator with a scrypt hash of the password from stdin/env, and audits it', async () => {
    const run = io();
    expect(await runCli(['operator:add', '--name', 'alice', '--role', 'viewer'], run.io)).toBe(0);
    expect(run.out).toEqual(['operator alice added with role viewer']);
    const row = await t.db
      .selectFrom('auth.operators')
      .selectAll()
      .where('name', '=', 'alice')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('viewer');
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.password_hash)).toBe(true);
    const audit = await t.db
      .selectFrom('audit.log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      kind: 'auth.operator_added',
      actor: 'cli',
      subject: 'alice',
      details: { role: 'viewer' },
    });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('refuses a taken name, a short password, a bad role or name, each with usage and exit 1', async () => {
    const cases: Array<[string[], string, () => Promise<string>]> = [
      [
        ['--name', 'alice', '--role', 'viewer'],
        'operator alice already exists',
        async () => PASSWORD,
      ],
      [
        ['--name', 'bob', '--role', 'operator'],
        'password: must be at least 12 characters',
        async () => 'short',
      ],
      [['--name', 'bob', '--role', 'admin'], 'role: ', async () => PASSWORD],
      [['--role', 'viewer'], 'name: required', async () => PASSWORD],
    ];
    for (const [args, message, password] of cases) {
      const run = io(password);
      expect(await runCli(['operator:add', ...args], run.io)).toBe(1);
      expect(run.err[0]).toContain(message);
      expect(run.err[0]).toContain(USAGE);
      expect(run.out).toEqual([]);
    }
    expect(await t.db.selectFrom('auth.operators').select('name').execute()).toEqual([
      { name: 'alice' },
    ]);
  });

  it('creates an API key for one source, prints it once, stores only its hash, audits without it', async () => {
    const run = io();
    expect(
      await runCli(['apikey:add', '--label', 'momentum', '--source', 'momentum-v2'], run.io),
    ).toBe(0);
    const key = run.out[0]?.split('\n').at(-1) as string;
    expect(key).toMatch(/^lgk_/);
    const row = await t.db
      .selectFrom('auth.api_keys')
      .selectAll()
      .where('label', '=', 'momentum')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      key_hash: sha256Hex(key),
      role: 'strategy',
      source: 'momentum-v2',
      revoked_at: null,
    });
    expect(run.out[0]).toContain(
      `API key ${row.id} (label momentum, source momentum-v2, role strategy)`,
    );
    const audit = await t.db
      .selectFrom('audit.log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      kind: 'auth.apikey_added',
      subject: 'momentum',
      details: { keyId: row.id, source: 'momentum-v2' },
    });
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('refuses a bad label, an unknown command or flag, and a password that cannot be read', async () => {
    const cases: Array<[string[], string, (() => Promise<string>)?]> = [
      [
        ['apikey:add', '--label', 'has space', '--source', 's'],
        'label: must be 1 to 32 characters',
      ],
      [['apikey:add', '--label', 'bot'], 'source: required'],
      [['apikey:add', '--label', 'bot', '--source', 'a.b'], 'source: must be 1 to 32 characters'],
      [['user:add'], 'unknown command "user:add"'],
      [[], 'unknown command ""'],
      [['operator:add', '--password', 'x'], "Unknown option '--password'"],
      [
        ['operator:add', '--name', 'bob', '--role', 'viewer'],
        'stdin closed',
        () => Promise.reject('stdin closed'),
      ],
    ];
    for (const [args, message, password] of cases) {
      const run = io(password);
      expect(await runCli(args, run.io)).toBe(1);
      expect(run.err[0]).toContain(message);
    }
  });

  it('reads a piped password without its final line break', async () => {
    expect(await readAll(Readable.from([Buffer.from('pass '), 'word\n']))).toBe('pass word');
    expect(await readAll(Readable.from(['a\r\n']))).toBe('a');
  });
});

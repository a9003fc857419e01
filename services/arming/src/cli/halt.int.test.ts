import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVICE_ROLES } from '@livegate/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  armLive,
  auditRows,
  RULES,
  startFixture,
  tradingState,
  type Fixture,
} from '../../test/fixture.js';
import { halt } from './halt.js';

describe('pnpm halt - the kill without bus or gateway', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('latches HALTED straight in the database, ends the session, voids tokens, audits the CLI user and queues mode.changed', async () => {
    expect(await armLive(f)).toMatchObject({ ok: true, result: { mode: 'LIVE' } });
    await f.db
      .insertInto('arming.tokens')
      .values({
        token_hash: 'a'.repeat(64),
        operator: 'bob',
        reason: 'open token',
        created_at: new Date(Date.now() - 1_000),
        expires_at: new Date(Date.now() + 60_000),
      })
      .execute();

    const reply = await halt({
      db: f.db,
      rules: RULES,
      reason: 'Gateway unreachable.',
      operator: 'cli@ops',
      clock: f.clock,
    });
    expect(reply).toMatchObject({ ok: true, result: { mode: 'HALTED', haltedBy: 'cli@ops' } });
    expect(await tradingState(f.db)).toMatchObject({
      mode: 'HALTED',
      session_id: null,
      halted_by: 'cli@ops',
      halt_reason: 'Gateway unreachable.',
    });
    const killed = (await auditRows(f.db)).at(-1);
    expect(killed).toMatchObject({
      kind: 'arming.killed',
      actor: 'cli@ops',
      details: { previousMode: 'LIVE', tokensVoided: 1 },
    });
    const open = await f.db
      .selectFrom('arming.tokens')
      .select('id')
      .where('used_at', 'is', null)
      .where('superseded_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    const queued = await f.db
      .selectFrom('outbox.messages')
      .select('payload')
      .where('kind', '=', 'mode')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(queued.payload).toMatchObject({ mode: 'HALTED', operator: 'cli@ops' });
    // The arming service's relay sends it on.
    expect(await f.modes.waitFor((m) => m.mode === 'HALTED')).toMatchObject({
      operator: 'cli@ops',
    });

    // A second halt changes nothing but is recorded.
    expect(
      await halt({ db: f.db, rules: RULES, reason: 'Again.', operator: 'cli@ops', clock: f.clock }),
    ).toMatchObject({
      ok: true,
      result: { mode: 'HALTED' },
    });
    expect((await auditRows(f.db)).at(-1)).toMatchObject({ details: { alreadyHalted: true } });
  });

  it('runs as `pnpm halt`: one line, exit 0; a missing reason exits 2 and changes nothing', () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'services/arming/src/cli/main.ts', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH, DATABASE_URL: f.t.urlAs(SERVICE_ROLES.arming) },
        encoding: 'utf8',
      });
    const refused = run([]);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toBe(
      'halt: a reason is required; usage: pnpm halt --reason <text>',
    );
    const done = run(['--', '--reason', 'Drill from the shell.']);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout.trim()).toMatch(/^HALTED \(trading state version \d+\)/);
  });
});

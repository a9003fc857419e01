import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, PASSWORD, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';
import { connectWs } from '../../test/ws-client.js';
import { sha256Hex } from '../auth/secrets.js';
import { runCli, USAGE, type CliIo } from './run-cli.js';

describe('gateway CLI - operator:disable and apikey:revoke', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await startGatewayFixture({ config: { wsHeartbeatMs: 200 } });
    for (const name of ['alice', 'bob', 'carol']) await f.addOperator(name);
  });
  afterAll(async () => {
    await f.close();
  });

  function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      db: f.t.db,
      password: () => Promise.reject(new Error('no password is asked for')),
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      now: () => f.clock.now(),
    };
    return runCli(args, io).then((code) => ({ code, out, err }));
  }

  const me = (credentials: { cookie?: string; key?: string }) =>
    f.http('/api/auth/me', credentials).then((r) => r.status);

  it('disables an operator: every session stops working at once, sign-in is refused, audited', async () => {
    const first = await f.login('alice');
    const second = await f.login('alice');
    const other = await f.login('carol');
    const loggedOut = await f.login('alice');
    await f.http('/api/auth/logout', { method: 'POST', cookie: loggedOut });
    const before = (await f.auditRows()).length;

    const run = await cli(['operator:disable', '--name', 'alice', '--reason', 'left the desk']);
    expect(run).toEqual({ code: 0, out: ['operator alice disabled; 2 sessions revoked'], err: [] });
    expect([await me({ cookie: first }), await me({ cookie: second })]).toEqual([401, 401]);
    expect(await me({ cookie: other })).toBe(200);
    const signIn = await f.http('/api/auth/login', {
      method: 'POST',
      body: { name: 'alice', password: PASSWORD },
      origin: ORIGIN,
    });
    expect(signIn.status).toBe(401);
    expect((await f.auditRows()).slice(before)).toEqual([
      {
        kind: 'auth.operator_disabled',
        actor: 'cli',
        subject: 'alice',
        details: { sessionsRevoked: 2, reason: 'left the desk' },
      },
      {
        kind: 'auth.login_failed',
        actor: 'anonymous',
        subject: 'alice',
        details: { reason: 'operator disabled' },
      },
    ]);
    const sessions = await f.t.db
      .selectFrom('auth.sessions')
      .select('revoked_at')
      .where('operator', '=', 'alice')
      .execute();
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
  });

  it("closes a disabled operator's websocket on the gateway's next session sweep", async () => {
    const cookie = await f.login('bob');
    const { url } = await f.listen();
    const ws = await connectWs(url, { cookie, origin: ORIGIN });
    await ws.waitFor((frame) => frame.type === 'snapshot');
    expect((await cli(['operator:disable', '--name', 'bob'])).code).toBe(0);
    expect(await ws.closed).toEqual({ code: 4001, reason: 'session ended' });
    expect((await f.auditRows()).at(-1)?.details).toEqual({ sessionsRevoked: 1 });
  });

  it('refuses an operator already disabled, an unknown one and bad input, writing nothing', async () => {
    const before = (await f.auditRows()).length;
    const cases: Array<[string[], string]> = [
      [['--name', 'alice'], 'operator alice is already disabled'],
      [['--name', 'nobody'], 'operator nobody does not exist'],
      [[], 'name: required'],
      [['--name', 'carol', '--reason', '  '], 'reason: must not be blank'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['operator:disable', ...args]);
      expect(run.code, message).toBe(1);
      expect(run.err[0]).toBe(`${message}\n${USAGE}`);
    }
    expect(await f.auditRows()).toHaveLength(before);
    expect(await me({ cookie: await f.login('carol') })).toBe(200);
  });

  it('revokes an API key: the next call with it is refused, audited without the key', async () => {
    const key = await f.apiKey('momentum');
    const { id } = await f.t.db
      .selectFrom('auth.api_keys')
      .select('id')
      .where('key_hash', '=', sha256Hex(key))
      .executeTakeFirstOrThrow();
    expect(await me({ key })).toBe(200);

    const run = await cli(['apikey:revoke', '--id', id, '--reason', 'strategy retired']);
    expect(run).toEqual({ code: 0, out: [`API key ${id} (label momentum) revoked`], err: [] });
    expect(await me({ key })).toBe(401);
    const audit = (await f.auditRows()).at(-1);
    expect(audit).toEqual({
      kind: 'auth.apikey_revoked',
      actor: 'cli',
      subject: 'momentum',
      details: { keyId: id, reason: 'strategy retired' },
    });
    expect(JSON.stringify(audit)).not.toContain(key);

    const again = await cli(['apikey:revoke', '--id', id]);
    expect(again.err[0]).toBe(`API key ${id} is already revoked\n${USAGE}`);
  });

  it('refuses an unknown or malformed key id and a missing one', async () => {
    const before = (await f.auditRows()).length;
    const cases: Array<[string[], string]> = [
      [['--id', 'no-such-key'], 'no API key with id no-such-key'],
      [['--id', 'has space'], 'id: must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"'],
      [[], 'id: required'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['apikey:revoke', ...args]);
      expect(run.code, message).toBe(1);
      expect(run.err[0]).toBe(`${message}\n${USAGE}`);
    }
    expect(await f.auditRows()).toHaveLength(before);
  });
});

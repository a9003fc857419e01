import { ARM_PHRASE, type WsFrame, type WsFrameOf } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../services/gateway/test/fixture.js';
import { connectWs } from '../../../services/gateway/test/ws-client.js';
import { startGatewayWithArming, type GatewayWithArming } from './with-arming.js';

const REASON = { reason: 'Start the BTC strategy.' };
const is =
  <T extends WsFrame['type']>(type: T) =>
  (frame: WsFrame): frame is WsFrameOf<T> =>
    frame.type === type;

/**
 * Go-live gate "No live order without an armed session", through HTTP: every bad start is refused,
 * the mode stays PAPER, and exactly one audit row records each refusal.
 */
describe('gateway + arming - ARM LIVE over HTTP', () => {
  let f: GatewayWithArming;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    f = await startGatewayWithArming();
    await f.addOperator('alice', 'operator');
    await f.addOperator('bob', 'operator');
    alice = await f.login('alice');
    bob = await f.login('bob');
  });
  afterAll(async () => {
    await f.close();
  });

  const post = (path: string, cookie: string, body?: unknown) =>
    f.http(path, { method: 'POST', cookie, ...(body === undefined ? {} : { body }) });

  async function arm(cookie: string): Promise<string> {
    const res = await post('/api/live/arm', cookie, REASON);
    expect(res.status).toBe(200);
    const issued = (await res.json()) as { token: string; expiresAt: string };
    expect(issued.token).toMatch(/^[0-9a-f]{64}$/);
    return issued.token;
  }

  async function mode(): Promise<string> {
    const res = await f.http('/api/mode', { cookie: alice });
    expect(res.status).toBe(200);
    return ((await res.json()) as { mode: string }).mode;
  }

  async function expectRefusedStart(
    body: Record<string, unknown>,
    status: number,
    code: string,
    cookie = alice,
  ) {
    const before = (await f.auditRows()).length;
    const res = await post('/api/live/start', cookie, body);
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
    const added = (await f.auditRows()).slice(before);
    expect(added).toHaveLength(1);
    expect(await mode()).toBe('PAPER');
    if (typeof body.token === 'string') expect(JSON.stringify(added)).not.toContain(body.token);
    return { error, row: added[0] };
  }

  it('refuses start without a token (TOKEN_MISSING, 400)', async () => {
    const { row } = await expectRefusedStart({ confirmation: ARM_PHRASE }, 400, 'TOKEN_MISSING');
    expect(row).toMatchObject({
      kind: 'http.bad_request',
      actor: 'alice',
      subject: 'POST /api/live/start',
    });
  });

  it('refuses a malformed token (TOKEN_MALFORMED, 400)', async () => {
    const token = (await arm(alice)).toUpperCase();
    await expectRefusedStart({ token, confirmation: ARM_PHRASE }, 400, 'TOKEN_MALFORMED');
  });

  it('refuses a token never issued (TOKEN_UNKNOWN, 400), with the arming sentence', async () => {
    const { row, error } = await expectRefusedStart(
      { token: 'e'.repeat(64), confirmation: ARM_PHRASE },
      400,
      'TOKEN_UNKNOWN',
    );
    expect(row).toMatchObject({ kind: 'arming.refused', actor: 'alice' });
    expect(row?.details).toMatchObject({ code: 'TOKEN_UNKNOWN', message: error.message });
  });

  it('refuses an expired token (TOKEN_EXPIRED, 409)', async () => {
    const token = await arm(alice);
    f.clock.advance(60_000);
    await expectRefusedStart({ token, confirmation: ARM_PHRASE }, 409, 'TOKEN_EXPIRED');
  });

  it("refuses another operator's token (TOKEN_OTHER_OPERATOR, 400)", async () => {
    const token = await arm(bob);
    await expectRefusedStart({ token, confirmation: ARM_PHRASE }, 400, 'TOKEN_OTHER_OPERATOR');
  });

  it('refuses the wrong phrase (WRONG_PHRASE, 400)', async () => {
    const token = await arm(alice);
    await expectRefusedStart({ token, confirmation: 'arm live' }, 400, 'WRONG_PHRASE');
  });

  it('runs the two-step flow to LIVE, a real websocket client sees mode.changed; a replayed token is refused', async () => {
    const { url } = await f.listen();
    const ws = await connectWs(url, { cookie: alice, origin: 'http://dash.test' });
    const snapshot = await ws.waitFor(is('snapshot'));
    expect(snapshot.data.mode).toMatchObject({ mode: 'PAPER' });
    const token = await arm(alice);
    const started = await post('/api/live/start', alice, { token, confirmation: ARM_PHRASE });
    expect(started.status).toBe(200);
    const live = (await started.json()) as {
      mode: string;
      session: { operator: string; id: string };
    };
    expect(live).toMatchObject({ mode: 'LIVE', session: { operator: 'alice' } });
    const changed = await ws.waitFor(is('mode.changed'));
    expect(changed.data).toMatchObject({
      mode: 'LIVE',
      previousMode: 'PAPER',
      operator: 'alice',
      sessionId: live.session.id,
    });
    expect(changed.seq).toBeGreaterThan(0);
    await ws.waitFor(
      (fr) =>
        fr.type === 'audit.event' &&
        fr.data.actor === 'alice' &&
        fr.data.kind.startsWith('arming.'),
    );
    expect(await mode()).toBe('LIVE');

    const stopped = await post('/api/live/stop', alice, {});
    expect(stopped.status).toBe(200);
    expect(((await stopped.json()) as { mode: string }).mode).toBe('PAPER');
    await ws.waitFor((fr) => fr.type === 'mode.changed' && fr.data.mode === 'PAPER');
    await expectRefusedStart({ token, confirmation: ARM_PHRASE }, 409, 'TOKEN_USED');
    expect(f.logs.join('')).not.toContain(token);
    ws.close();
  });

  it('kill latches HALTED (arming refused with 409 HALTED), release returns to PAPER; wrong-state verbs are 409', async () => {
    const notLive = await post('/api/live/stop', alice);
    expect(notLive.status).toBe(409);
    expect((await errorOf(notLive)).code).toBe('NOT_LIVE');
    const notHalted = await post('/api/live/release', alice, { reason: 'nothing to release' });
    expect(notHalted.status).toBe(409);
    expect((await errorOf(notHalted)).code).toBe('NOT_HALTED');
    const killed = await post('/api/live/kill', alice, { reason: 'Drill.' });
    expect(killed.status).toBe(200);
    expect(await killed.json()).toMatchObject({ mode: 'HALTED', haltedBy: 'alice' });
    const refused = await post('/api/live/arm', alice, REASON);
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('HALTED');
    const released = await post('/api/live/release', alice, { reason: 'Drill over.' });
    expect(released.status).toBe(200);
    expect(await mode()).toBe('PAPER');
  });

  it('a stop with a reason is passed on to arming', async () => {
    const token = await arm(alice);
    expect((await post('/api/live/start', alice, { token, confirmation: ARM_PHRASE })).status).toBe(
      200,
    );
    const stopped = await post('/api/live/stop', alice, { reason: 'Done for today.' });
    expect(stopped.status).toBe(200);
    expect(
      (await f.auditRows()).some((r) => JSON.stringify(r.details).includes('Done for today.')),
    ).toBe(true);
  });
});

describe('gateway + arming - roles and availability', () => {
  let f: GatewayWithArming;
  beforeAll(async () => {
    f = await startGatewayWithArming({ rules: { failureLimit: 2 } });
    await f.addOperator('alice', 'operator');
    await f.addOperator('victor', 'viewer');
  });
  afterAll(async () => {
    await f.close();
  });

  it('a viewer sees the mode but gets 403 on arm, audited by the gateway; nothing is asked of arming', async () => {
    const victor = await f.login('victor');
    const seen = await f.http('/api/mode', { cookie: victor });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toEqual({ mode: 'PAPER', version: 0, reconcileBlocked: false });
    const before = (await f.auditRows()).length;
    const paths = [
      '/api/live/arm',
      '/api/live/start',
      '/api/live/stop',
      '/api/live/kill',
      '/api/live/release',
    ];
    for (const path of paths) {
      const res = await f.http(path, { method: 'POST', cookie: victor, body: { reason: 'x' } });
      expect(res.status, path).toBe(403);
      expect((await errorOf(res)).code).toBe('FORBIDDEN');
    }
    const added = (await f.auditRows()).slice(before);
    expect(added.map((r) => [r.kind, r.actor, r.subject])).toEqual(
      paths.map((path) => ['auth.refused', 'victor', `POST ${path}`]),
    );
    expect(added.map((r) => r.kind)).not.toContain('arming.refused');
  });

  it('maps RATE_LIMITED to 429 with the arming sentence', async () => {
    const alice = await f.login('alice');
    const bad = { token: 'e'.repeat(64), confirmation: ARM_PHRASE };
    let last: Response | undefined;
    for (let i = 0; i < 3; i++)
      last = await f.http('/api/live/start', { method: 'POST', cookie: alice, body: bad });
    expect(last?.status).toBe(429);
    const error = await errorOf(last as Response);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).not.toBe('');
  });

  it('answers 503 UNAVAILABLE when arming does not answer, and the snapshot mode is null', async () => {
    const alice = await f.login('alice');
    await f.stopArming();
    const res = await f.http('/api/mode', { cookie: alice });
    expect(res.status).toBe(503);
    expect(await errorOf(res)).toEqual({
      code: 'UNAVAILABLE',
      message: 'the arming service did not answer; try again shortly',
    });
    expect(
      (await f.http('/api/live/arm', { method: 'POST', cookie: alice, body: REASON })).status,
    ).toBe(503);
  });
});

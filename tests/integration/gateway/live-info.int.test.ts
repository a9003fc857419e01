import { loadArmingConfig } from '@livegate/arming';
import {
  ARM_PHRASE,
  armTokenIssuedSchema,
  liveInfoSchema,
  modeSnapshotSchema,
} from '@livegate/contracts';
import { loadGatewayConfig } from '@livegate/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayWithArming, type GatewayWithArming } from './with-arming.js';

/** One `.env` for both services, as `pnpm start` and docker compose give them. */
const ENV = {
  LIVE_VENUE_LABEL: 'Binance spot (simulator)',
  LIVE_ACCOUNT_LABEL: 'desk-1',
  LIVE_SESSION_MAX_S: '5400',
  ARM_TOKEN_TTL_S: '45',
};

/**
 * What the ARM LIVE modal tells the operator (`GET /api/live/info`) is what the arming service then
 * enforces, when both read the same variables: the token's lifetime and the session's length.
 */
describe('gateway + arming - GET /api/live/info', () => {
  let f: GatewayWithArming;
  let alice: string;
  beforeAll(async () => {
    const gateway = loadGatewayConfig(ENV);
    const arming = loadArmingConfig(ENV);
    f = await startGatewayWithArming({
      config: { live: gateway.live },
      rules: { tokenTtlMs: arming.tokenTtlMs, sessionMaxMs: arming.sessionMaxMs },
    });
    await f.addOperator('alice', 'operator');
    await f.addOperator('victor', 'viewer');
    alice = await f.login('alice');
  });
  afterAll(async () => {
    await f.close();
  });

  it('tells any signed-in caller the venue, account, session length and token lifetime', async () => {
    const viewer = await f.login('victor');
    for (const credentials of [{ cookie: viewer }, { key: await f.apiKey('bot') }]) {
      const res = await f.http('/api/live/info', credentials);
      expect(res.status).toBe(200);
      expect(liveInfoSchema.parse(await res.json())).toEqual({
        liveVenue: 'Binance spot (simulator)',
        liveAccount: 'desk-1',
        sessionMaxS: 5400,
        tokenTtlS: 45,
      });
    }
  });

  it('matches what arming enforces: the token expires after tokenTtlS, the session after sessionMaxS', async () => {
    const info = liveInfoSchema.parse(
      await (await f.http('/api/live/info', { cookie: alice })).json(),
    );
    const now = f.clock.now().getTime();
    const armed = await f.http('/api/live/arm', {
      method: 'POST',
      cookie: alice,
      body: { reason: 'check the limits' },
    });
    const issued = armTokenIssuedSchema.parse(await armed.json());
    expect(Date.parse(issued.expiresAt) - now).toBe(info.tokenTtlS * 1000);
    const started = await f.http('/api/live/start', {
      method: 'POST',
      cookie: alice,
      body: { token: issued.token, confirmation: ARM_PHRASE },
    });
    const { session } = modeSnapshotSchema.parse(await started.json());
    expect(session).toBeDefined();
    expect(Date.parse(session?.expiresAt ?? '') - Date.parse(session?.startedAt ?? '')).toBe(
      info.sessionMaxS * 1000,
    );
  });
});

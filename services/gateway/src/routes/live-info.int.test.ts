import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

describe('gateway - GET /api/live/info', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('victor', 'viewer');
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers from the configuration: defaults, no account label (null)', async () => {
    const res = await f.http('/api/live/info', { cookie: await f.login('victor') });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      liveVenue: 'the live venue configured for execution',
      liveAccount: null,
      sessionMaxS: 14_400,
      tokenTtlS: 60,
    });
  });
});

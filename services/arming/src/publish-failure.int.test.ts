import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  armLive,
  auditRows,
  startFixture,
  tradingState,
  waitUntil,
  type Fixture,
} from '../test/fixture.js';

describe('arming - when publishing fails', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture({ noStreams: true });
  });
  afterEach(async () => {
    await f.close();
  });

  it('the committed change stands, the reply is not held up, and each failed publish is logged', async () => {
    expect(await armLive(f)).toMatchObject({ ok: true, result: { mode: 'LIVE', version: 1 } });
    expect(await tradingState(f.db)).toMatchObject({ mode: 'LIVE', version: 1 });
    expect(await auditRows(f.db)).toHaveLength(2);
    const failed = () => f.logs.filter((l) => l.level === 50);
    await waitUntil('three failed publishes logged', () => failed().length === 3, 30_000);
    const errors = f.logs.filter((l) => l.level === 50).map((l) => [l.msg, l.version ?? l.kind]);
    expect(errors).toEqual([
      ['publishing the audit event failed', 'arming.requested'],
      ['publishing mode.changed failed', 1],
      ['publishing the audit event failed', 'arming.confirmed'],
    ]);
  });
});

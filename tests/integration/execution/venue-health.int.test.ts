import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution({
    venues: { paper: { apiSecret: 'not-the-secret' }, live: { baseUrl: 'http://127.0.0.1:9' } },
  });
});
afterAll(async () => {
  await s.stop();
});

describe('execution - venue configuration faults', () => {
  it('starts with an unreachable venue, saying so', () => {
    expect(
      s.logLines.some(
        (l) => l.includes('"venue":"live"') && l.includes('exchangeInfo not loaded yet'),
      ),
    ).toBe(true);
  });

  it('a config fault (bad signature) places nothing: REJECTED VENUE_UNHEALTHY with an alert line', async () => {
    const i = intent();
    await s.publish(i);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED');
    expect(row).toMatchObject({ reject_code: 'VENUE_UNHEALTHY', lease_holder: null });
    expect(row.reject_message).toContain('Signature for this request is not valid.');
    expect((await s.events.until(i.intentId, 'order.rejected')).at(-1)).toMatchObject({
      code: 'VENUE_UNHEALTHY',
      details: { exchangeCode: -1022 },
    });
    expect(s.logLines.some((l) => l.includes('"alert":true') && l.includes(i.intentId))).toBe(true);
    expect(await s.simOrders('paper')).toEqual([]);
  });

  it('a refusal whose audit event cannot be published is still stored and audited in the database', async () => {
    await s.bus.nc.request(`$JS.API.STREAM.DELETE.${s.bus.streams.audit}`);
    const i = intent({ createdAt: new Date(Date.now() - 60_000).toISOString() });
    await s.publish(i);
    expect(await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'STALE',
    });
    await waitFor('the failed audit publish to be logged', () =>
      s.logLines.some((l) => l.includes('publishing the audit event failed')),
    );
    const audits = await s.t.db
      .selectFrom('audit.log')
      .select('kind')
      .where('subject', '=', i.intentId)
      .execute();
    expect(audits).toEqual([{ kind: 'execution.intent_refused' }]);
  });
});

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

  it('a refusal whose audit event cannot be published is stored and audited, and its event waits in the outbox until the bus takes it', async () => {
    await s.bus.nc.request(`$JS.API.STREAM.DELETE.${s.bus.streams.audit}`);
    const i = intent({ createdAt: new Date(Date.now() - 60_000).toISOString() });
    await s.publish(i);
    expect(await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'STALE',
    });
    await waitFor('the failed audit publish to be logged', () =>
      s.logLines.some((l) => l.includes('outbox relay: publish failed, retrying')),
    );
    const audit = await s.t.db
      .selectFrom('audit.log')
      .select(['id', 'kind'])
      .where('subject', '=', i.intentId)
      .executeTakeFirstOrThrow();
    expect(audit.kind).toBe('execution.intent_refused');
    const queued = () =>
      s.t.db
        .selectFrom('outbox.messages')
        .select('published_at')
        .where('audit_id', '=', audit.id)
        .executeTakeFirstOrThrow();
    expect((await queued()).published_at).toBeNull();
    await s.bus.ensureStreams({ intentDuplicateWindowMs: 60_000 });
    await waitFor('the relay to publish it', async () => (await queued()).published_at !== null, {
      timeoutMs: 15_000,
    });
    const reply = await s.bus.nc.request(
      `$JS.API.STREAM.MSG.GET.${s.bus.streams.audit}`,
      JSON.stringify({ last_by_subj: s.bus.subjects.audit('execution.intent_refused') }),
    );
    const { message } = reply.json<{ message: { data: string } }>();
    expect(JSON.parse(Buffer.from(message.data, 'base64').toString())).toMatchObject({
      id: audit.id,
      kind: 'execution.intent_refused',
    });
  });
});

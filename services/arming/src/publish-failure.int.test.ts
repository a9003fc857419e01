import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  armLive,
  auditRows,
  startFixture,
  tradingState,
  waitUntil,
  type Fixture,
} from '../test/fixture.js';

describe('arming - when publishing fails (the streams are missing)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture({ noStreams: true });
  });
  afterEach(async () => {
    await f.close();
  });

  const outbox = () => f.db.selectFrom('outbox.messages').selectAll().orderBy('id').execute();

  it('the committed change stands, the reply is not held up, and its events wait in the outbox until the bus takes them, in order', async () => {
    expect(await armLive(f)).toMatchObject({ ok: true, result: { mode: 'LIVE', version: 1 } });
    expect(await tradingState(f.db)).toMatchObject({ mode: 'LIVE', version: 1 });
    expect(await auditRows(f.db)).toHaveLength(2);
    // Written by the committing transactions: audit requested, mode change, audit confirmed.
    expect((await outbox()).map((m) => [m.kind, m.published_at])).toEqual([
      ['audit', null],
      ['mode', null],
      ['audit', null],
    ]);
    await waitUntil('the failed publish to be logged', () =>
      f.logs.some((l) => l.msg === 'outbox relay: publish failed, retrying'),
    );

    await f.client.ensureStreams();
    await waitUntil(
      'the relay to publish everything',
      async () => (await outbox()).every((m) => m.published_at !== null),
      15_000,
    );
    const last = async (stream: string, subject: string) => {
      const reply = await f.client.nc.request(
        `$JS.API.STREAM.MSG.GET.${stream}`,
        JSON.stringify({ last_by_subj: subject }),
      );
      const { message } = reply.json<{ message: { data: string; seq: number } }>();
      return { seq: message.seq, body: JSON.parse(Buffer.from(message.data, 'base64').toString()) };
    };
    expect((await last(f.client.streams.mode, f.client.subjects.modeChanged)).body).toMatchObject({
      mode: 'LIVE',
      version: 1,
    });
    const requested = await last(
      f.client.streams.audit,
      f.client.subjects.audit('arming.requested'),
    );
    const confirmed = await last(
      f.client.streams.audit,
      f.client.subjects.audit('arming.confirmed'),
    );
    expect(requested.seq).toBeLessThan(confirmed.seq);
  });
});

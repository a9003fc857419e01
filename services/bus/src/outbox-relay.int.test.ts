import type { ModeChanged } from '@livegate/contracts';
import { appendAudit, createOutboxStore, queueModeChange } from '@livegate/db';
import { createTestDatabase, type TestDatabase, type TestNats } from '@livegate/test-harness';
import type { Subscription } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busForTest, captureLogger, until } from '../test/support.js';
import type { Bus } from './index.js';
import { createOutboxRelay, type OutboxRelayOptions, type RelayKind } from './outbox-relay.js';

/** The relay against the real outbox (`@livegate/db`) and a real NATS: what it publishes, and when. */
let nats: TestNats;
let bus: Bus;
let t: TestDatabase;
let sub: Subscription;
const seen: Array<{ subject: string; msgId: string | undefined }> = [];

beforeAll(async () => {
  ({ nats, bus } = await busForTest('relay-test'));
  t = await createTestDatabase();
  sub = listen();
});
/** Every message under the namespace (a plain subscriber: it must not answer a stream-less publish). */
const listen = () =>
  bus.nc.subscribe(`${bus.namespace}.>`, {
    callback: (_err, m) => {
      seen.push({ subject: m.subject, msgId: m.headers?.get('Nats-Msg-Id') });
    },
  });
afterAll(async () => {
  sub.unsubscribe();
  await bus.close();
  await nats.cleanup();
  await t.drop();
});

/** A relay over the test database's outbox; a fresh captured logger unless the test passes its own. */
const relayOf = (
  kinds: RelayKind[],
  options: Partial<Omit<OutboxRelayOptions, 'bus' | 'outbox' | 'kinds'>> = {},
) =>
  createOutboxRelay({
    bus,
    outbox: createOutboxStore(t.db),
    kinds,
    logger: captureLogger().logger,
    ...options,
  });
let version = 0;
const modeChange = (): ModeChanged => ({
  mode: 'HALTED',
  previousMode: 'LIVE',
  version: ++version,
  operator: 'alice',
  reason: 'relay test',
  at: new Date().toISOString(),
});
const queueMode = (event: ModeChanged) =>
  t.db.transaction().execute((trx) => queueModeChange(trx, event));
const unpublished = async () =>
  (
    await t.db
      .selectFrom('outbox.messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('published_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).n.toString();

describe('bus - outbox relay', () => {
  it('publishes mode changes and audit rows in order, with their msgIds, and marks them published', async () => {
    const log = captureLogger();
    const relay = relayOf(['mode', 'audit'], { logger: log.logger, pollMs: 60_000, batch: 2 });
    const mode = modeChange();
    await queueMode(mode);
    const audit = await appendAudit(t.db, { kind: 'arming.halted', actor: 'alice', details: {} });
    await queueMode(modeChange());
    relay.start();
    relay.start(); // a second start is a no-op
    await relay.idle();
    expect(await unpublished()).toBe('0');
    const ids = seen.map((m) => m.msgId);
    expect(ids).toEqual(expect.arrayContaining([`mode-${mode.version}`, `audit-${audit.id}`]));
    expect(ids.indexOf(`mode-${mode.version}`)).toBeLessThan(ids.indexOf(`audit-${audit.id}`));
    expect(ids.indexOf(`audit-${audit.id}`)).toBeLessThan(ids.indexOf(`mode-${version}`));

    // A poke wakes the relay long before its poll.
    const later = modeChange();
    await queueMode(later);
    relay.poke();
    await until(async () => (await unpublished()) === '0', 'the poked drain');
    expect(seen.map((m) => m.msgId)).toContain(`mode-${later.version}`);
    await relay.stop();
  });

  it('a relay of audit only leaves mode changes for arming', async () => {
    const relay = relayOf(['audit']);
    const mode = modeChange();
    await queueMode(mode);
    relay.start();
    await relay.idle();
    expect(await unpublished()).toBe('1');
    await relay.stop();
    expect(seen.map((m) => m.msgId)).not.toContain(`mode-${mode.version}`);
  });

  it('retries with backoff while the bus refuses, and publishes once the stream is back', async () => {
    const log = captureLogger();
    const relay = relayOf(['mode', 'audit'], { logger: log.logger, pollMs: 20, maxBackoffMs: 40 });
    // Without the stream a publish must fail fast (no responders): nobody else may hear it meanwhile.
    sub.unsubscribe();
    await bus.nc.request(`$JS.API.STREAM.DELETE.${bus.streams.mode}`);
    const mode = modeChange();
    await queueMode(mode);
    relay.start();
    await log.waitFor((l) => l.msg === 'outbox relay: publish failed, retrying');
    expect(await unpublished()).not.toBe('0');
    await bus.ensureStreams();
    sub = listen();
    await relay.idle();
    expect(await unpublished()).toBe('0');
    const reply = await bus.nc.request(
      `$JS.API.STREAM.MSG.GET.${bus.streams.mode}`,
      JSON.stringify({ last_by_subj: bus.subjects.modeChanged }),
    );
    const { message } = reply.json<{ message: { data: string } }>();
    expect(JSON.parse(Buffer.from(message.data, 'base64').toString())).toMatchObject({
      version: mode.version,
    });
    await relay.stop();
  });

  it('retries while the outbox cannot be read, and goes on once it can', async () => {
    const log = captureLogger();
    const relay = relayOf(['mode'], { logger: log.logger, pollMs: 20, maxBackoffMs: 40 });
    await t.db.schema.alterTable('outbox.messages').renameTo('messages_away').execute();
    try {
      relay.start();
      await log.waitFor((l) => l.msg === 'outbox relay: the outbox could not be read, retrying');
    } finally {
      await t.db.schema.alterTable('outbox.messages_away').renameTo('messages').execute();
    }
    const mode = modeChange();
    await queueMode(mode);
    await relay.idle();
    expect(seen.map((m) => m.msgId)).toContain(`mode-${mode.version}`);
    await relay.stop();
  });

  it('prunes published messages older than keepPublishedMs; stop releases anyone waiting', async () => {
    const relay = relayOf(['mode', 'audit'], { keepPublishedMs: 0 });
    await queueMode(modeChange());
    relay.start();
    await relay.idle();
    await until(
      async () =>
        (
          await t.db
            .selectFrom('outbox.messages')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n.toString() === '0',
      'the prune',
    );
    await relay.stop();
    // After stop nothing drains: a waiter is released at once rather than left hanging.
    const stopped = relayOf(['mode']);
    const waiting = stopped.idle();
    await stopped.stop();
    await expect(waiting).resolves.toBeUndefined();
  });
});

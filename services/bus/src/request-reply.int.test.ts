import type { TestNats } from '@livegate/test-harness';
import { useNats } from '@livegate/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogger, ERROR, gate, WARN } from '../test/support.js';
import {
  BusNoRespondersError,
  BusTimeoutError,
  BusValidationError,
  connectBus,
  type Bus,
} from './index.js';

const ask = z.object({ who: z.string().min(1) });
const answer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.object({ greeting: z.string() }) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

describe('bus - request/reply', () => {
  let nats: TestNats;
  let bus: Bus;
  const log = captureLogger();
  beforeAll(async () => {
    nats = useNats();
    bus = await connectBus({
      url: nats.url,
      name: 'rr-test',
      logger: log.logger,
      namespace: nats.namespace,
    });
  });
  afterAll(async () => {
    await bus.close();
    await nats.cleanup();
  });

  const subject = (verb: string) => `${bus.namespace}.rr.${verb}`;
  const greet = async ({ who }: { who: string }) => ({
    ok: true as const,
    result: { greeting: `hi ${who}` },
  });

  it('answers a valid request with a validated reply', async () => {
    const server = await bus.serve(subject('hello'), ask, answer, greet);
    await expect(
      bus.request(subject('hello'), ask, answer, { who: 'ann' }, { timeoutMs: 2_000 }),
    ).resolves.toEqual({
      ok: true,
      result: { greeting: 'hi ann' },
    });
    await server.stop();
  });

  it('refuses to send an invalid request', async () => {
    const err = await bus
      .request(subject('hello'), ask, answer, { who: '' }, { timeoutMs: 500 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(BusValidationError);
    expect((err as BusValidationError).issues).toEqual([expect.stringMatching(/^who: /)]);
  });

  it('names a subject nobody serves', async () => {
    const err = await bus
      .request(subject('nobody'), ask, answer, { who: 'a' }, { timeoutMs: 2_000 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(BusNoRespondersError);
    expect(err).toMatchObject({
      code: 'NO_RESPONDERS',
      message: `no service answers on ${subject('nobody')}`,
    });
  });

  it('times out when the service does not answer in time, then stop waits for it', async () => {
    const slow = gate();
    let answered = false;
    const server = await bus.serve(subject('slow'), ask, answer, async (req) => {
      await slow.opened;
      answered = true;
      return greet(req);
    });
    const err = await bus
      .request(subject('slow'), ask, answer, { who: 'a' }, { timeoutMs: 200 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(BusTimeoutError);
    expect(err).toMatchObject({
      code: 'TIMEOUT',
      message: `no reply on ${subject('slow')} within 200 ms`,
    });
    const stopped = server.stop().then(() => answered);
    slow.open();
    expect(await stopped).toBe(true);
  });

  it('rejects a reply that fails its schema', async () => {
    const sub = bus.nc.subscribe(subject('junk'), {
      callback: (_err, msg) => {
        msg.respond('{"ok":true}');
      },
    });
    await bus.nc.flush();
    const err = await bus
      .request(subject('junk'), ask, answer, { who: 'a' }, { timeoutMs: 2_000 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(BusValidationError);
    expect(err).toMatchObject({ code: 'INVALID_MESSAGE', subject: subject('junk') });
    sub.unsubscribe();
  });

  it('lets onInvalid answer a request that fails its schema, or stay silent', async () => {
    const server = await bus.serve(subject('strict'), ask, answer, greet, {
      onInvalid: async (raw) =>
        raw.data.includes('silent')
          ? undefined
          : {
              ok: false as const,
              error: { code: 'INVALID_REQUEST', message: raw.issues.join('; ') },
            },
    });
    const loose = z.unknown();
    const reply = await bus.request(
      subject('strict'),
      loose,
      answer,
      { who: 3 },
      { timeoutMs: 2_000 },
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/^who: /) },
    });
    await expect(
      bus.request(subject('strict'), loose, answer, 'silent', { timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(BusTimeoutError);
    await server.stop();
  });

  it('without onInvalid, logs and drops an invalid request', async () => {
    const server = await bus.serve(subject('drop'), ask, answer, greet);
    await expect(
      bus.request(subject('drop'), z.unknown(), answer, {}, { timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(BusTimeoutError);
    const line = await log.waitFor(
      (l) => l.msg === 'invalid request' && l.subject === subject('drop'),
    );
    expect(line).toMatchObject({ level: WARN, issues: [expect.stringMatching(/^who: /)] });
    await server.stop();
  });

  it('sends nothing when the handler throws or returns a reply that fails its schema', async () => {
    const server = await bus.serve(subject('broken'), ask, answer, async ({ who }) => {
      if (who === 'throw') throw new Error('db down');
      return { ok: true, result: { greeting: 42 } } as unknown as z.input<typeof answer>;
    });
    for (const who of ['throw', 'bad-reply']) {
      await expect(
        bus.request(subject('broken'), ask, answer, { who }, { timeoutMs: 300 }),
      ).rejects.toBeInstanceOf(BusTimeoutError);
    }
    const errors = log.lines.filter((l) => l.level === ERROR && l.subject === subject('broken'));
    expect(errors.map((l) => l.msg)).toEqual([
      'request handler failed; no reply sent',
      'reply failed its schema; no reply sent',
    ]);
    await server.stop();
  });

  it('passes other failures through, and a server stops cleanly after the bus closed', async () => {
    const other = await connectBus({
      url: nats.url,
      name: 'closing',
      logger: log.logger,
      namespace: nats.namespace,
    });
    const server = await other.serve(subject('closing'), ask, answer, greet);
    await other.close();
    await server.stop();
    await expect(
      other.request(subject('closing'), ask, answer, { who: 'a' }, { timeoutMs: 300 }),
    ).rejects.toThrow(/closed/i);
  });
});

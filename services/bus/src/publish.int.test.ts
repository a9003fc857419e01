import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { busForTest, captureLogger } from '../test/support.js';
import { BusNoRespondersError, BusValidationError, connectBus, type Bus } from './index.js';
import type { TestNats } from '@livegate/test-harness';

const note = z.object({ id: z.string().min(1), qty: z.string().regex(/^\d+(\.\d+)?$/) });

describe('bus - publish', () => {
  let nats: TestNats;
  let bus: Bus;
  beforeAll(async () => ({ nats, bus } = await busForTest('publish-test')));
  afterAll(async () => {
    await bus.close();
    await nats.cleanup();
  });

  it('stores a repeated msgId once and reports the repeat as a duplicate', async () => {
    const subject = bus.subjects.orderIntent('s1');
    const first = await bus.publish(subject, note, { id: 'a', qty: '1' }, { msgId: 'intent-1' });
    const again = await bus.publish(subject, note, { id: 'a', qty: '1' }, { msgId: 'intent-1' });
    expect(first).toEqual({ seq: 1, duplicate: false });
    expect(again).toEqual({ seq: 1, duplicate: true });
    const jsm = await jetstreamManager(bus.nc);
    expect((await jsm.streams.info(bus.streams.orderIntents)).state.messages).toBe(1);
    const stored = await jsm.streams.getMessage(bus.streams.orderIntents, { seq: 1 });
    expect(stored?.header.get('Nats-Msg-Id')).toBe('intent-1');
    expect(stored?.json()).toEqual({ id: 'a', qty: '1' });
  });

  it('sends nothing when the message fails its schema, and names the bad fields', async () => {
    const subject = bus.subjects.audit('x');
    const err = await bus.publish(subject, note, { id: '', qty: '1.x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusValidationError);
    expect(err).toMatchObject({ code: 'INVALID_MESSAGE', subject });
    expect((err as BusValidationError).issues.map((i) => i.split(':')[0])).toEqual(['id', 'qty']);
    const jsm = await jetstreamManager(bus.nc);
    expect((await jsm.streams.info(bus.streams.audit)).state.messages).toBe(0);
  });

  it('says so when no stream captures the subject', async () => {
    const err = await bus
      .publish(`${bus.namespace}.nowhere`, note, { id: 'a', qty: '1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusNoRespondersError);
    expect(err).toMatchObject({
      code: 'NO_RESPONDERS',
      message: `no stream answers on ${bus.namespace}.nowhere`,
    });
  });

  it('passes other failures through', async () => {
    const other = await connectBus({
      url: nats.url,
      name: 'closed',
      logger: captureLogger().logger,
    });
    await other.close();
    await other.close();
    await expect(
      other.publish(other.subjects.auditAll.replace('>', 'y'), note, { id: 'a', qty: '1' }),
    ).rejects.toThrow(/closed/i);
  });
});

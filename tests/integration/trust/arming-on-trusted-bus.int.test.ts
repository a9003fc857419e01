import { createArmingService, type ArmingService } from '@livegate/arming';
import { BusPermissionError, connectBus, type Bus, type BusIdentity } from '@livegate/bus';
import { ARM_PHRASE, armingSchemas, modeChangedSchema, type ArmingVerb } from '@livegate/contracts';
import { createDb, SERVICE_ROLES, type Database } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import {
  createTestDatabase,
  startTrustedNats,
  type TestDatabase,
  type TrustedNats,
} from '@livegate/test-harness';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The first attack, replayed against the stack's real configuration: a client that never
// signed in asks the arming service for LIVE under a made-up name. On the authenticated bus it is
// refused at the server, while the gateway's own user still reaches arming.
const logger = createLogger({ service: 'trust-test', level: 'silent' });
let nats: TrustedNats;
let t: TestDatabase;
let armingDb: Kysely<Database>;
let arming: ArmingService;
const open: Bus[] = [];

async function as(identity: BusIdentity): Promise<Bus> {
  const bus = await connectBus({
    url: nats.url,
    name: 'trust-test',
    logger,
    namespace: nats.namespace,
    auth: nats.auth(identity),
  });
  open.push(bus);
  return bus;
}

function ask<V extends ArmingVerb>(bus: Bus, verb: V, payload: unknown) {
  return bus.request(
    bus.subjects.arming(verb),
    armingSchemas[verb].request,
    armingSchemas[verb].reply,
    payload as never,
    { timeoutMs: 5_000 },
  );
}

beforeAll(async () => {
  nats = await startTrustedNats({ strategies: ['ghost'] });
  t = await createTestDatabase();
  await (await as({ role: 'admin' })).ensureStreams();
  armingDb = createDb({ url: t.urlAs(SERVICE_ROLES.arming), max: 4 });
  arming = createArmingService({
    db: armingDb,
    bus: await as({ role: 'service', service: 'arming' }),
    logger,
    config: {
      tokenTtlMs: 60_000,
      sessionMaxMs: 3_600_000,
      requireSecondOperator: false,
      failureLimit: 100,
      failureWindowMs: 60_000,
    },
  });
  await arming.start();
});

afterAll(async () => {
  await arming.stop();
  await Promise.all(open.map((b) => b.close()));
  await armingDb.destroy();
  await nats.stop();
  await t.drop();
});

describe('trust - arming on the authenticated bus', () => {
  it('refuses a strategy (or anyone but the gateway) that asks to arm or forges the mode', async () => {
    const ghost = await as({ role: 'strategy', source: 'ghost' });
    await expect(
      ask(ghost, 'request', { operator: 'ghost-operator', reason: 'take me live' }),
    ).rejects.toBeInstanceOf(BusPermissionError);
    await expect(
      ask(ghost, 'confirm', {
        operator: 'ghost-operator',
        token: 'x'.repeat(43),
        confirmation: ARM_PHRASE,
      }),
    ).rejects.toBeInstanceOf(BusPermissionError);
    const execution = await as({ role: 'service', service: 'execution' });
    await expect(ask(execution, 'kill', { operator: 'x', reason: 'y' })).rejects.toBeInstanceOf(
      BusPermissionError,
    );
    await expect(
      ghost.publish(ghost.subjects.modeChanged, modeChangedSchema, {
        mode: 'LIVE',
        previousMode: 'PAPER',
        version: 999_999,
        operator: 'ghost-operator',
        reason: 'forged',
        sessionId: 's-1',
        expiresAt: '2026-03-02T13:00:00.000Z',
        at: '2026-03-02T09:00:00.000Z',
      } as never),
    ).rejects.toBeInstanceOf(BusPermissionError);
    const admin = await as({ role: 'admin' });
    const info = await admin.nc.request(`$JS.API.STREAM.INFO.${admin.streams.mode}`);
    expect(info.json()).toMatchObject({ state: { messages: 0 } });
  });

  it("answers the gateway's user", async () => {
    const gateway = await as({ role: 'service', service: 'gateway' });
    expect(await ask(gateway, 'status', {})).toMatchObject({ ok: true, result: { mode: 'PAPER' } });
  });
});

import { createArmingService, type ArmingRules } from '@livegate/arming';
import { connectBus, type Bus } from '@livegate/bus';
import { createDb, SERVICE_ROLES } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import {
  startGatewayFixture,
  type GatewayFixture,
  type GatewayFixtureOptions,
} from '../../../services/gateway/test/fixture.js';

export const ARMING_RULES: ArmingRules = Object.freeze({
  tokenTtlMs: 60_000,
  sessionMaxMs: 4 * 3_600_000,
  requireSecondOperator: false,
  failureLimit: 1000,
  failureWindowMs: 300_000,
});

export interface GatewayWithArming extends GatewayFixture {
  /** Stops the arming service (the gateway then answers 503). */
  stopArming(): Promise<void>;
}

/**
 * The gateway fixture plus the real arming service on the same database, namespace and clock,
 * with its own NATS connection and pool, as in production.
 */
export async function startGatewayWithArming(
  options: GatewayFixtureOptions & { rules?: Partial<ArmingRules> } = {},
): Promise<GatewayWithArming> {
  const f = await startGatewayFixture(options);
  const logger = createLogger({ service: 'arming-under-test', level: 'silent' });
  const bus: Bus = await connectBus({
    url: f.nats.url,
    name: 'arming',
    logger,
    namespace: f.nats.namespace,
  });
  const db = createDb({ url: f.t.urlAs(SERVICE_ROLES.arming), max: 4 });
  const arming = createArmingService({
    db,
    bus,
    clock: f.clock,
    config: { ...ARMING_RULES, ...options.rules },
    logger,
  });
  await arming.start();
  let stopped = false;
  const stopArming = async () => {
    if (stopped) return;
    stopped = true;
    await arming.stop();
    await bus.close();
    await db.destroy();
  };
  const closeGateway = f.close;
  return Object.assign(f, {
    stopArming,
    async close() {
      await stopArming();
      await closeGateway();
    },
  });
}

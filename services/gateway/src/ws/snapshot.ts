import {
  reconcileCompletedSchema,
  type ReconcileCompleted,
  type WsFrame,
} from '@livegate/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import type { SessionPrincipal } from '../auth/principal.js';
import type { ArmingClient } from '../bus/arming-client.js';
import type { GatewayBus } from '../bus/gateway-bus.js';

/** The last report on `reconcile.completed` kept by the RECONCILE stream, or null (none, or not valid). */
export async function lastReconcileReport(bus: GatewayBus): Promise<ReconcileCompleted | null> {
  const jsm = await jetstreamManager(bus.nc, { checkAPI: false });
  const stored = await jsm.streams.getMessage(bus.streams.reconcile, {
    last_by_subj: bus.subjects.reconcileCompleted,
  });
  if (stored === null) return null;
  const parsed = reconcileCompletedSchema.safeParse(stored.json());
  return parsed.success ? parsed.data : null;
}

/** The first frame of a connection; a part that cannot be fetched is `null`, never a failed connection. */
export async function buildSnapshot({
  bus,
  arming,
  session,
}: {
  bus: GatewayBus;
  arming: ArmingClient;
  session: SessionPrincipal;
}): Promise<WsFrame> {
  const [mode, lastReconcile] = await Promise.all([
    arming('status', {}).catch(() => null),
    lastReconcileReport(bus).catch(() => null),
  ]);
  return {
    type: 'snapshot',
    data: {
      mode,
      session: {
        operator: session.name,
        role: session.role,
        expiresAt: session.expiresAt.toISOString(),
      },
      lastReconcile,
    },
  };
}

import { streamNames, subjects } from '@livegate/contracts';
import { inboxPrefixOf, type BusIdentity } from './identity.js';

/** A user's subject permissions as nats-server takes them. */
export interface BusPermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  /** May answer requests it received (publish to their reply subjects): the arming service. */
  readonly allowResponses: boolean;
}

const API = '$JS.API';

/** Pull consumers (durable or ordered) on one stream, and acking its messages. */
function consumeFrom(stream: string): string[] {
  return [
    `${API}.CONSUMER.CREATE.${stream}`,
    `${API}.CONSUMER.CREATE.${stream}.>`,
    `${API}.CONSUMER.DURABLE.CREATE.${stream}.*`,
    `${API}.CONSUMER.INFO.${stream}.*`,
    `${API}.CONSUMER.MSG.NEXT.${stream}.*`,
    `${API}.CONSUMER.DELETE.${stream}.*`,
    `$JS.ACK.${stream}.>`,
  ];
}

/**
 * What each identity may publish and subscribe to under `namespace`, generated from the contracts'
 * subjects and streams (DESIGN.md §11): only the gateway requests `arming.*`; only arming publishes
 * `mode.*` and anchors; only the reconciler publishes `reconcile.completed`; only execution and the
 * reconciler publish order events; only execution dead-letters intents and tells the gateway of
 * stored balances (`money.balances.*`); audit events only from the services; a strategy publishes only
 * its own intents and cancels and reads only its own order events and cancel outcomes (only
 * execution publishes those). Services may look streams up but not
 * create or change them (the administrator provisions them).
 */
export function busPermissions(identity: BusIdentity, namespace = ''): BusPermissions {
  const s = subjects(namespace);
  const st = streamNames(namespace);
  const inbox = `${inboxPrefixOf(identity, namespace)}.>`;
  const lookUp = [`${API}.INFO`, ...Object.values(st).map((name) => `${API}.STREAM.INFO.${name}`)];
  const own = (publish: string[], subscribe: string[] = [], allowResponses = false) => ({
    publish: [...lookUp, ...publish],
    subscribe: [inbox, ...subscribe],
    allowResponses,
  });
  if (identity.role === 'admin') {
    return {
      publish: [`${API}.>`, `$JS.ACK.>`, s.auditAnchor, s.reconcileRequest],
      subscribe: [inbox],
      allowResponses: false,
    };
  }
  if (identity.role === 'strategy')
    return own(
      [s.orderIntent(identity.source), s.orderCancel(identity.source)],
      [s.orderEventsOf(identity.source), s.cancelOutcomesOf(identity.source)],
    );
  switch (identity.service) {
    case 'execution':
      return own(
        [
          s.orderEventAll,
          s.cancelOutcomeAll,
          s.orderDeadLetterAll,
          s.auditAll,
          s.reconcileRequest,
          ...consumeFrom(st.orderIntents),
          ...consumeFrom(st.mode),
          ...consumeFrom(st.reconcile),
          s.venueBudgetAll,
          s.moneyBalancesAll,
        ],
        [s.venueBudgetAll],
      );
    case 'reconciler':
      return own(
        [
          s.orderEventAll,
          s.reconcileCompleted,
          s.auditAll,
          ...consumeFrom(st.reconcile),
          s.venueBudgetAll,
        ],
        [s.venueBudgetAll],
      );
    case 'arming':
      return own([s.modeChanged, s.auditAll, s.auditAnchor], [s.armingAll], true);
    case 'gateway':
      return own(
        [
          s.armingAll,
          s.orderIntentAll,
          s.orderCancelAll,
          s.reconcileRequest,
          s.auditAll,
          ...consumeFrom(st.mode),
          ...consumeFrom(st.reconcile),
          ...consumeFrom(st.orderEvents),
          ...consumeFrom(st.audit),
        ],
        [s.moneyBalancesAll],
      );
  }
}

/**
 * Subject names on the bus. Every name can be put under a namespace so that
 * several isolated stacks (one per test file, say) share one NATS server.
 * Production uses the empty namespace.
 */
export interface Subjects {
  /** `orders.intent.<source>`: an order intent; `Nats-Msg-Id` is its `intentId`. */
  orderIntent(source: string): string;
  /** Wildcard over every intent source. */
  readonly orderIntentAll: string;
  /** `orders.event.<intentId>`: every state change of an intent. */
  orderEvent(intentId: string): string;
  readonly orderEventAll: string;
  /** `orders.deadletter.<source>`: an intent that could not be handled within its deliveries. */
  orderDeadLetter(source: string): string;
  readonly orderDeadLetterAll: string;
  /** `arming.<verb>`: request/reply answered by the arming service. */
  arming(verb: ArmingVerb): string;
  readonly modeChanged: string;
  readonly reconcileRequest: string;
  readonly reconcileCompleted: string;
  /** `audit.<kind>`: audit rows, for live display; a dotted kind (`arm.refused`) adds levels under `audit.>`. */
  audit(kind: string): string;
  readonly auditAll: string;
}

export const ARMING_VERBS = ['status', 'request', 'confirm', 'disarm', 'kill', 'release'] as const;
export type ArmingVerb = (typeof ARMING_VERBS)[number];

const TOKEN = /^[A-Za-z0-9_-]+$/;

/** Refuses a subject token that would add levels or wildcards. */
export function subjectToken(value: string): string {
  if (!TOKEN.test(value)) {
    throw new Error(`subject token must match ${TOKEN.source}, got "${value}"`);
  }
  return value;
}

/** Subject names under `namespace` (`""` for production). */
export function subjects(namespace = ''): Subjects {
  const p = namespace === '' ? '' : `${subjectToken(namespace)}.`;
  return {
    orderIntent: (source) => `${p}orders.intent.${subjectToken(source)}`,
    orderIntentAll: `${p}orders.intent.>`,
    orderEvent: (intentId) => `${p}orders.event.${subjectToken(intentId)}`,
    orderEventAll: `${p}orders.event.>`,
    orderDeadLetter: (source) => `${p}orders.deadletter.${subjectToken(source)}`,
    orderDeadLetterAll: `${p}orders.deadletter.>`,
    arming: (verb) => `${p}arming.${verb}`,
    modeChanged: `${p}mode.changed`,
    reconcileRequest: `${p}reconcile.request`,
    reconcileCompleted: `${p}reconcile.completed`,
    audit: (kind) => `${p}audit.${kind.split('.').map(subjectToken).join('.')}`,
    auditAll: `${p}audit.>`,
  };
}

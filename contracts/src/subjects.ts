/**
 * Subject names on the bus. Every name can be put under a namespace so that
 * several isolated stacks (one per test file, say) share one NATS server.
 * Production uses the empty namespace.
 */
export interface Subjects {
  /** `orders.intent.<source>`: an order intent; `Nats-Msg-Id` is `intentMsgId` (`<source>:<intentId>[:<tag>]`). */
  orderIntent(source: string): string;
  /** Wildcard over every intent source. */
  readonly orderIntentAll: string;
  /** `orders.cancel.<source>`: a strategy's (or an operator's) cancel of one of that source's orders. */
  orderCancel(source: string): string;
  /** Wildcard over every cancel source. */
  readonly orderCancelAll: string;
  /**
   * `orders.event.<source>.<intentId>`: every state change of an intent, under the strategy that
   * sent it, so a strategy's NATS user can be allowed `orders.event.<own source>.>` and nothing else.
   */
  orderEvent(source: string, intentId: string): string;
  /**
   * `orders.cancel-outcome.<source>.<cancelId>`: how one cancel sent on `orders.cancel.<source>` ended
   * (stream ORDER_EVENTS), for the strategy that sent it; a strategy's NATS user may read only its own.
   * Not under `orders.cancel.>` (that is the ORDER_INTENTS work queue) nor `orders.event.>` (order events only).
   */
  cancelOutcome(source: string, cancelId: string): string;
  /** Every cancel outcome of one strategy. */
  cancelOutcomesOf(source: string): string;
  /** Every cancel outcome. */
  readonly cancelOutcomeAll: string;
  /** Every order event of one strategy. */
  orderEventsOf(source: string): string;
  readonly orderEventAll: string;
  /** `orders.deadletter.<source>`: an intent that could not be handled within its deliveries. */
  orderDeadLetter(source: string): string;
  readonly orderDeadLetterAll: string;
  /** `arming.<verb>`: request/reply answered by the arming service. */
  arming(verb: ArmingVerb): string;
  /** Every `arming.<verb>`. */
  readonly armingAll: string;
  readonly modeChanged: string;
  readonly reconcileRequest: string;
  readonly reconcileCompleted: string;
  /** `audit.<kind>`: audit rows, for live display; a dotted kind (`arm.refused`) adds levels under `audit.>`. */
  audit(kind: string): string;
  readonly auditAll: string;
  /** `anchor.audit`: the audit chain's head, anchored outside the database (AUDIT stream; not under `audit.>`). */
  readonly auditAnchor: string;
  /**
   * `venue.budget.<venue>`: core NATS (no stream), what execution and reconciler instances tell each
   * other about one venue key's request-weight budget (its counts, a 429 / 418 stop).
   */
  venueBudget(venue: string): string;
  readonly venueBudgetAll: string;
  /**
   * `money.balances.<venue>`: core NATS (no stream), execution's notice that it stored the venue's
   * balances from the account stream; the gateway turns it into a `money.changed` frame.
   */
  moneyBalances(venue: string): string;
  readonly moneyBalancesAll: string;
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

/** The last token of a subject: the source of an `orders.intent.<source>` message. */
export function lastSubjectToken(subject: string): string {
  return subject.slice(subject.lastIndexOf('.') + 1);
}

/** Subject names under `namespace` (`""` for production). */
export function subjects(namespace = ''): Subjects {
  const p = namespace === '' ? '' : `${subjectToken(namespace)}.`;
  return {
    orderIntent: (source) => `${p}orders.intent.${subjectToken(source)}`,
    orderIntentAll: `${p}orders.intent.>`,
    orderCancel: (source) => `${p}orders.cancel.${subjectToken(source)}`,
    orderCancelAll: `${p}orders.cancel.>`,
    cancelOutcome: (source, cancelId) =>
      `${p}orders.cancel-outcome.${subjectToken(source)}.${subjectToken(cancelId)}`,
    cancelOutcomesOf: (source) => `${p}orders.cancel-outcome.${subjectToken(source)}.>`,
    cancelOutcomeAll: `${p}orders.cancel-outcome.>`,
    orderEvent: (source, intentId) =>
      `${p}orders.event.${subjectToken(source)}.${subjectToken(intentId)}`,
    orderEventsOf: (source) => `${p}orders.event.${subjectToken(source)}.>`,
    orderEventAll: `${p}orders.event.>`,
    orderDeadLetter: (source) => `${p}orders.deadletter.${subjectToken(source)}`,
    orderDeadLetterAll: `${p}orders.deadletter.>`,
    arming: (verb) => `${p}arming.${verb}`,
    armingAll: `${p}arming.*`,
    modeChanged: `${p}mode.changed`,
    reconcileRequest: `${p}reconcile.request`,
    reconcileCompleted: `${p}reconcile.completed`,
    audit: (kind) => `${p}audit.${kind.split('.').map(subjectToken).join('.')}`,
    auditAll: `${p}audit.>`,
    auditAnchor: `${p}anchor.audit`,
    venueBudget: (venue) => `${p}venue.budget.${subjectToken(venue)}`,
    venueBudgetAll: `${p}venue.budget.*`,
    moneyBalances: (venue) => `${p}money.balances.${subjectToken(venue)}`,
    moneyBalancesAll: `${p}money.balances.*`,
  };
}

import { subjects } from './subjects.js';

export type StreamRetention = 'workqueue' | 'limits';
export type StreamStorage = 'file' | 'memory';

/** A JetStream stream as data; the bus turns it into a server config. Durations in ms. */
export interface StreamDefinition {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly retention: StreamRetention;
  readonly storage: StreamStorage;
  /** Window inside which a repeated `Nats-Msg-Id` is dropped as a duplicate. */
  readonly duplicateWindowMs: number;
  /** Keep at most this many messages per subject (`-1`: no limit). */
  readonly maxMsgsPerSubject: number;
  /** Drop messages older than this (`0`: never). */
  readonly maxAgeMs: number;
  /** Keep at most this many messages in all (a size limit that reserves no storage up front). */
  readonly maxMsgs: number;
  /** The largest message the stream takes, in bytes. */
  readonly maxMsgSize: number;
  /** When full: `old` drops the oldest message, `new` refuses the publish (nothing is lost silently). */
  readonly discard: 'old' | 'new';
}

export interface StreamOptions {
  readonly namespace?: string;
  /** ORDER_INTENTS dedup window; default 10 minutes. */
  readonly intentDuplicateWindowMs?: number;
}

export const DEFAULT_INTENT_DUPLICATE_WINDOW_MS = 10 * 60_000;
const TWO_MINUTES = 2 * 60_000;
const THIRTY_DAYS = 30 * 24 * 3_600_000;

const SMALL_MSG = 64 * 1024;
const LARGE_MSG = 1_000_000;

/** The streams of DESIGN.md §2 plus the dead letters, under an optional namespace. */
export function streamDefinitions(options: StreamOptions = {}): readonly StreamDefinition[] {
  const ns = options.namespace ?? '';
  const s = subjects(ns);
  const names = streamNames(ns);
  return [
    {
      name: names.orderIntents,
      // Cancels share the work-queue stream of intents (their own consumer filters orders.cancel.>).
      subjects: [s.orderIntentAll, s.orderCancelAll],
      retention: 'workqueue',
      storage: 'file',
      duplicateWindowMs: options.intentDuplicateWindowMs ?? DEFAULT_INTENT_DUPLICATE_WINDOW_MS,
      maxMsgsPerSubject: -1,
      maxAgeMs: 0,
      // Unworked intents are never dropped to make room: a full stream refuses new ones instead.
      maxMsgs: 1_000_000,
      maxMsgSize: SMALL_MSG,
      discard: 'new',
    },
    {
      name: names.orderEvents,
      // Cancel outcomes are kept beside the order events (msgId dedup, replayable like them).
      subjects: [s.orderEventAll, s.cancelOutcomeAll],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: -1,
      maxAgeMs: THIRTY_DAYS,
      maxMsgs: 10_000_000,
      maxMsgSize: SMALL_MSG,
      discard: 'old',
    },
    {
      name: names.mode,
      subjects: [s.modeChanged],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: 1000,
      maxAgeMs: 0,
      maxMsgs: 1000,
      maxMsgSize: SMALL_MSG,
      discard: 'old',
    },
    {
      name: names.reconcile,
      subjects: [s.reconcileRequest, s.reconcileCompleted],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: 1000,
      maxAgeMs: 0,
      maxMsgs: 2000,
      maxMsgSize: LARGE_MSG,
      discard: 'old',
    },
    {
      name: names.audit,
      subjects: [s.auditAll, s.auditAnchor],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: -1,
      maxAgeMs: THIRTY_DAYS,
      maxMsgs: 10_000_000,
      maxMsgSize: LARGE_MSG,
      discard: 'old',
    },
    {
      name: names.deadLetters,
      subjects: [s.orderDeadLetterAll],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: -1,
      maxAgeMs: THIRTY_DAYS,
      maxMsgs: 1_000_000,
      maxMsgSize: LARGE_MSG,
      discard: 'old',
    },
  ];
}

/** Names of the streams, for lookups (`STREAM_NAMES.orderIntents` etc.). */
export function streamNames(namespace = '') {
  const prefix = namespace === '' ? '' : `${namespace.toUpperCase()}_`;
  return {
    orderIntents: `${prefix}ORDER_INTENTS`,
    orderEvents: `${prefix}ORDER_EVENTS`,
    mode: `${prefix}MODE`,
    reconcile: `${prefix}RECONCILE`,
    audit: `${prefix}AUDIT`,
    deadLetters: `${prefix}DEAD_LETTERS`,
  } as const;
}

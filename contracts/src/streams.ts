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
}

export interface StreamOptions {
  readonly namespace?: string;
  /** ORDER_INTENTS dedup window; default 10 minutes. */
  readonly intentDuplicateWindowMs?: number;
}

export const DEFAULT_INTENT_DUPLICATE_WINDOW_MS = 10 * 60_000;
const TWO_MINUTES = 2 * 60_000;
const THIRTY_DAYS = 30 * 24 * 3_600_000;

/** The four streams of DESIGN.md §2, under an optional namespace. */
export function streamDefinitions(options: StreamOptions = {}): readonly StreamDefinition[] {
  const ns = options.namespace ?? '';
  const s = subjects(ns);
  const names = streamNames(ns);
  return [
    {
      name: names.orderIntents,
      subjects: [s.orderIntentAll],
      retention: 'workqueue',
      storage: 'file',
      duplicateWindowMs: options.intentDuplicateWindowMs ?? DEFAULT_INTENT_DUPLICATE_WINDOW_MS,
      maxMsgsPerSubject: -1,
      maxAgeMs: 0,
    },
    {
      name: names.orderEvents,
      subjects: [s.orderEventAll],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: -1,
      maxAgeMs: THIRTY_DAYS,
    },
    {
      name: names.mode,
      subjects: [s.modeChanged],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: 1000,
      maxAgeMs: 0,
    },
    {
      name: names.reconcile,
      subjects: [s.reconcileRequest, s.reconcileCompleted],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: 1000,
      maxAgeMs: 0,
    },
    {
      name: names.audit,
      subjects: [s.auditAll, s.auditAnchor],
      retention: 'limits',
      storage: 'file',
      duplicateWindowMs: TWO_MINUTES,
      maxMsgsPerSubject: -1,
      maxAgeMs: THIRTY_DAYS,
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
  } as const;
}

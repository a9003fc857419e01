import { intentMsgId, orderIntentSchema, type OrderIntent } from '../../contracts/src/index.js';
import type { Bus } from '../../services/bus/src/index.js';
import type { StormDatabase } from './database.js';
import type { PlannedIntent } from './intents.js';
import type { Rng } from './rng.js';

/** What became of one planned intent's publications (times are this process's clock, ms). */
export interface PublishRecord {
  readonly planned: PlannedIntent;
  /** Set once the original was stored by the stream (or reported a duplicate). */
  ackedAt: number | undefined;
  attempts: number;
  /** Publications after the original: acked, and how many of those the stream dropped as duplicates. */
  replaysAcked: number;
  replaysDeduped: number;
  replaysFailed: number;
  /** The reused key: when its publication was acked, and whether the original's row existed first. */
  reuseAckedAt: number | undefined;
  reuseAfterRow: boolean;
}

export interface Publisher {
  readonly records: PublishRecord[];
  /** Publishes `planned` now (and schedules its replays); returns at once. */
  fire(planned: PlannedIntent): void;
  /** Waits for every publication started so far, replays and reused keys included. */
  drain(): Promise<void>;
}

const RETRY_MS = 200;
/** A publication is retried (same message id) this long, e.g. across a NATS restart. */
const GIVE_UP_MS = 60_000;
const REPLAY_DELAY_MAX_MS = 3_000;
const ROW_WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPublisher({
  bus,
  db,
  rng,
}: {
  bus: Bus;
  db: StormDatabase;
  rng: Rng;
}): Publisher {
  const records: PublishRecord[] = [];
  const tasks = new Set<Promise<void>>();

  async function publish(
    intent: OrderIntent,
    msgId: string,
    onAttempt?: () => void,
  ): Promise<{ duplicate: boolean } | undefined> {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      onAttempt?.();
      try {
        const ack = await bus.publish(
          bus.subjects.orderIntent(intent.source),
          orderIntentSchema,
          intent,
          { msgId },
        );
        return { duplicate: ack.duplicate };
      } catch {
        if (Date.now() > deadline) return undefined;
        await sleep(RETRY_MS);
      }
    }
  }

  async function rowExists(intentId: string): Promise<boolean> {
    const deadline = Date.now() + ROW_WAIT_MS;
    while (Date.now() < deadline) {
      const rows = await db
        .query('select 1 from execution.orders where intent_id = $1', [intentId])
        .catch(() => []);
      if (rows.length > 0) return true;
      await sleep(250);
    }
    return false;
  }

  async function replay(record: PublishRecord, msgId: string): Promise<void> {
    await sleep(rng.int(0, REPLAY_DELAY_MAX_MS));
    const ack = await publish(record.planned.intent, msgId);
    if (ack === undefined) record.replaysFailed += 1;
    else {
      record.replaysAcked += 1;
      if (ack.duplicate) record.replaysDeduped += 1;
    }
  }

  async function run(record: PublishRecord): Promise<void> {
    const { planned } = record;
    const id = planned.intent.intentId;
    const msgId = intentMsgId(planned.intent);
    const ack = await publish(planned.intent, msgId, () => {
      record.attempts += 1;
    });
    if (ack === undefined) return;
    record.ackedAt = Date.now();
    const follow: Promise<void>[] = [];
    if (planned.replaySameMsgId) follow.push(replay(record, msgId));
    if (planned.replayNewMsgId) follow.push(replay(record, `${msgId}:again`));
    const reuse = planned.reuse;
    if (reuse !== undefined) {
      follow.push(
        (async () => {
          // The original must be the first body the service stores: publish the other one after its row.
          record.reuseAfterRow = await rowExists(id);
          if ((await publish(reuse, intentMsgId(reuse, 'reuse'))) !== undefined)
            record.reuseAckedAt = Date.now();
        })(),
      );
    }
    await Promise.all(follow);
  }

  return {
    records,
    fire(planned) {
      const record: PublishRecord = {
        planned,
        ackedAt: undefined,
        attempts: 0,
        replaysAcked: 0,
        replaysDeduped: 0,
        replaysFailed: 0,
        reuseAckedAt: undefined,
        reuseAfterRow: false,
      };
      records.push(record);
      const task = run(record).finally(() => tasks.delete(task));
      tasks.add(task);
    },
    async drain() {
      while (tasks.size > 0) await Promise.allSettled([...tasks]);
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = 'services/execution/src/main.ts';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.stop();
});

interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --import tsx services/execution/src/main.ts` as the dev runner starts it. */
function startMain(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NATS_URL: s.nats.url,
      DATABASE_URL: s.t.urlAs('livegate_execution'),
      LIVEGATE_NAMESPACE: s.nats.namespace,
      PAPER_BASE_URL: s.sim.url,
      PAPER_API_KEY: s.paper.apiKey,
      PAPER_API_SECRET: s.paper.apiSecret,
      LIVE_BASE_URL: s.sim.url,
      LIVE_API_KEY: s.live.apiKey,
      LIVE_API_SECRET: s.live.apiSecret,
      EXECUTION_REQUIRE_RECONCILE: 'false',
      EXECUTION_INSTANCE_ID: 'crash-test',
      EXECUTION_ACK_WAIT_MS: '2000',
      VENUE_RECV_WINDOW_MS: '1000',
      CLOCK_MARGIN_MS: '200',
      NOT_PLACED_CONFIRM_MS: '300',
      VENUE_MARKET_PRICE_SOURCE: 'tickerPrice',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (d: Buffer) => lines.push(...d.toString().split('\n')));
  // 'close' (not 'exit'): every line the child wrote has been read.
  const exited = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { process: child, lines, exited };
}

async function started(child: Child): Promise<void> {
  await waitFor(
    'execution to start',
    () => child.lines.some((l) => l.includes('execution service started')),
    { timeoutMs: 30_000 },
  );
}

async function stopped(child: Child): Promise<void> {
  child.process.kill('SIGTERM');
  expect(await child.exited).toEqual({ code: 0, signal: null });
}

const ordersOf = async (clientOrderId: string) =>
  (await s.simOrders('paper')).filter((o) => o.clientOrderId === clientOrderId);

describe('execution - SIGKILL between the steps, then a restart: at most one order', () => {
  for (const point of ['after-submitting-commit', 'after-exchange-accept'] as const) {
    it(`killed ${point}: exactly one order`, async () => {
      const crashing = startMain({ EXECUTION_CRASH_AT: point });
      await started(crashing);
      const i = intent();
      await s.publish(i);
      expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(crashing.lines.some((l) => l.includes('EXECUTION_CRASH_AT reached'))).toBe(true);
      const atCrash = await s.row(i.intentId);
      expect(atCrash).toMatchObject({ state: 'SUBMITTING', lease_holder: 'crash-test' });
      expect(await ordersOf(atCrash!.client_order_id)).toHaveLength(
        point === 'after-exchange-accept' ? 1 : 0,
      );

      const restarted = startMain({});
      await started(restarted);
      const row = await s
        .rowWhen(i.intentId, (r) => r.state === 'NEW', 30_000)
        .catch((err: unknown) => {
          throw new Error(`${(err as Error).message}\n${restarted.lines.join('\n')}`, {
            cause: err,
          });
        });
      const orders = await ordersOf(row.client_order_id);
      expect(orders).toHaveLength(1);
      expect(row.exchange_order_id).toBe(String(orders[0]!.orderId));
      // Killed before its fenced step, the row was never sent: the restart sends it (once).
      expect(row.attempts).toBe(1);
      await stopped(restarted);
    }, 90_000);
  }

  it('killed after-fence-commit: the restart only looks the order up; nothing was sent, so NOT_PLACED', async () => {
    const crashing = startMain({ EXECUTION_CRASH_AT: 'after-fence-commit' });
    await started(crashing);
    const i = intent();
    await s.publish(i);
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atCrash = await s.row(i.intentId);
    expect(atCrash).toMatchObject({ state: 'SUBMITTING', attempts: 1 });
    expect(atCrash!.last_sent_at).not.toBeNull();

    const restarted = startMain({});
    await started(restarted);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NOT_PLACED', 30_000);
    expect(row.attempts).toBe(1);
    expect(await ordersOf(row.client_order_id)).toEqual([]);
    await stopped(restarted);
  }, 90_000);

  it('with the default ack wait, an intent in flight when execution dies comes back well inside its age (not STALE)', async () => {
    // Defaults: INTENT_MAX_AGE_S 30, EXECUTION_ACK_WAIT_MS 5000 (a third of the age at most).
    const crashing = startMain({
      EXECUTION_CRASH_AT: 'after-submitting-commit',
      EXECUTION_ACK_WAIT_MS: '',
    });
    await started(crashing);
    const i = intent();
    await s.publish(i);
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const restarted = startMain({ EXECUTION_ACK_WAIT_MS: '' });
    await started(restarted);
    const row = await s.rowWhen(i.intentId, (r) => r.state !== 'SUBMITTING', 20_000);
    expect(row).toMatchObject({ state: 'NEW', reject_code: null });
    await stopped(restarted);
  }, 90_000);
});

describe('execution - a process frozen (SIGSTOP) right after its fenced step', () => {
  it('never sends late: another instance takes the row over and decides NOT_PLACED; woken, the frozen one sends nothing', async () => {
    const timing = {
      VENUE_TIMEOUT_MS: '300', // lease 5 × 300 + 5000 = 6.5 s
      EXECUTION_SEND_BUDGET_MS: '300',
      NOT_PLACED_CONFIRM_MS: '300',
    };
    const frozen = startMain({
      ...timing,
      EXECUTION_INSTANCE_ID: 'frozen',
      EXECUTION_FREEZE_AT: 'after-fence-commit',
    });
    await started(frozen);
    const i = intent();
    await s.publish(i);
    await waitFor('the freeze', () =>
      frozen.lines.some((l) => l.includes('EXECUTION_FREEZE_AT reached')),
    );
    const fenced = await s.rowWhen(i.intentId, (r) => r.last_sent_at !== null);
    expect(fenced).toMatchObject({ state: 'SUBMITTING', lease_holder: 'frozen', attempts: 1 });

    // Its heartbeats stopped with it: the intent comes back to the other instance.
    const other = startMain({ ...timing, EXECUTION_INSTANCE_ID: 'other' });
    await started(other);
    const decided = await s.rowWhen(i.intentId, (r) => r.state === 'NOT_PLACED', 30_000);
    expect(decided.attempts).toBe(1);

    frozen.process.kill('SIGCONT');
    await waitFor('the woken instance to give up on the row', () =>
      frozen.lines.some(
        (l) => l.includes(i.intentId) && (l.includes('was lost') || l.includes('order not sent')),
      ),
    );
    expect(await ordersOf(decided.client_order_id)).toEqual([]);
    expect(await s.row(i.intentId)).toMatchObject({ state: 'NOT_PLACED', attempts: 1 });
    await stopped(other);
    await stopped(frozen);
  }, 90_000);
});

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

describe('execution - SIGKILL between the steps, then a restart: exactly one order', () => {
  for (const point of ['after-submitting-commit', 'after-exchange-accept'] as const) {
    it(`killed ${point}`, async () => {
      const crashing = startMain({ EXECUTION_CRASH_AT: point });
      await started(crashing);
      const i = intent();
      await s.publish(i);
      expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(crashing.lines.some((l) => l.includes('EXECUTION_CRASH_AT reached'))).toBe(true);
      const atCrash = await s.row(i.intentId);
      expect(atCrash).toMatchObject({ state: 'SUBMITTING', lease_holder: 'crash-test' });
      const ordersAtCrash = (await s.simOrders('paper')).filter(
        (o) => o.clientOrderId === atCrash!.client_order_id,
      );
      expect(ordersAtCrash).toHaveLength(point === 'after-exchange-accept' ? 1 : 0);

      const restarted = startMain({});
      await started(restarted);
      const row = await s
        .rowWhen(i.intentId, (r) => r.state === 'NEW', 30_000)
        .catch((err: unknown) => {
          throw new Error(`${(err as Error).message}\n${restarted.lines.join('\n')}`, {
            cause: err,
          });
        });
      const orders = (await s.simOrders('paper')).filter(
        (o) => o.clientOrderId === row.client_order_id,
      );
      expect(orders).toHaveLength(1);
      expect(row.exchange_order_id).toBe(String(orders[0]!.orderId));
      expect(row.attempts).toBe(point === 'after-exchange-accept' ? 1 : 2);
      await stopped(restarted);
    }, 90_000);
  }
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { reconcileRequestSchema } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReconcileStack, waitFor, type ReconcileStack } from './fixture.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = 'services/reconciler/src/main.ts';

let s: ReconcileStack;
beforeAll(async () => {
  s = await startReconcileStack();
});
afterAll(async () => {
  await s.stop();
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b.toString()));
  child.stderr.on('data', (b: Buffer) => err.push(b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  return { child, out, err, exited };
}

describe('reconciler main', () => {
  it('runs every venue at start, answers reconcile.request, and stops cleanly on SIGTERM', async () => {
    const run = start({
      NATS_URL: s.nats.url,
      DATABASE_URL: s.t.urlAs('livegate_reconciler'),
      LIVEGATE_NAMESPACE: s.nats.namespace,
      PAPER_BASE_URL: s.sim.url,
      PAPER_API_KEY: s.paper.apiKey,
      PAPER_API_SECRET: s.paper.apiSecret,
      LIVE_BASE_URL: s.sim.url,
      LIVE_API_KEY: s.live.apiKey,
      LIVE_API_SECRET: s.live.apiSecret,
    });
    try {
      await s.completed.waitFor((r) => r.trigger === 'startup' && r.venue === 'live', 30_000);
      await s.completed.waitFor((r) => r.trigger === 'startup' && r.venue === 'paper', 30_000);
      await waitFor('the started line', () =>
        run.out.join('').includes('"msg":"reconciler started"'),
      );
      await s.bus.publish(
        s.bus.subjects.reconcileRequest,
        reconcileRequestSchema,
        { requestId: 'main-1', trigger: 'operator', venue: 'paper', at: new Date().toISOString() },
        { msgId: 'main-1' },
      );
      expect(await s.completed.waitFor((r) => r.requestId === 'main-1')).toMatchObject({
        venue: 'paper',
        errors: [],
      });
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.out.join('')).not.toContain(s.paper.apiSecret);
  });

  it('takes the budget from PAPER_WEIGHT_PER_MINUTE: a read over its reads share is never sent', async () => {
    // 100/min: reads may use 50, and the start-up run's open orders of every symbol weigh 80.
    const run = start({
      NATS_URL: s.nats.url,
      DATABASE_URL: s.t.urlAs('livegate_reconciler'),
      LIVEGATE_NAMESPACE: s.nats.namespace,
      PAPER_BASE_URL: s.sim.url,
      PAPER_API_KEY: s.paper.apiKey,
      PAPER_API_SECRET: s.paper.apiSecret,
      LIVE_BASE_URL: s.sim.url,
      LIVE_API_KEY: s.live.apiKey,
      LIVE_API_SECRET: s.live.apiSecret,
      PAPER_WEIGHT_PER_MINUTE: '100',
      RECONCILE_MAX_PAUSE_S: '0',
      LOG_LEVEL: 'debug',
    });
    const startedAt = new Date().toISOString();
    const startedMs = Date.parse(startedAt);
    try {
      const paper = await s.completed.waitFor(
        (r) => r.trigger === 'startup' && r.venue === 'paper' && r.startedAt >= startedAt,
        30_000,
      );
      expect(paper.errors).toEqual([expect.objectContaining({ code: 'RATE_LIMITED' })]);
      const live = await s.completed.waitFor(
        (r) => r.trigger === 'startup' && r.venue === 'live' && r.startedAt >= startedAt,
        30_000,
      );
      expect(live.errors).toEqual([]);
      const sent = await s.sim.admin.requests({ apiKey: s.paper.apiKey });
      expect(sent.filter((r) => r.path === '/api/v3/openOrders' && r.at >= startedMs)).toEqual([]);
      expect(run.out.join('')).toContain('"msg":"call held back"');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('refuses a bad configuration in one line and exits 1', async () => {
    const run = start({ PAPER_BASE_URL: 'not a url' });
    expect(await run.exited).toBe(1);
    expect(run.err.join('').trim().split('\n')).toHaveLength(1);
    expect(run.err.join('')).toMatch(/^reconciler: invalid configuration: PAPER_BASE_URL: /);
  });

  it('says which service Postgres refused to log in and exits 1', async () => {
    const run = start({
      DATABASE_URL: s.t.urlAs('livegate_nobody'),
      PAPER_BASE_URL: s.sim.url,
      PAPER_API_KEY: 'k',
      PAPER_API_SECRET: 's',
      LIVE_BASE_URL: s.sim.url,
      LIVE_API_KEY: 'k2',
      LIVE_API_SECRET: 's2',
    });
    expect(await run.exited).toBe(1);
    expect(run.err.join('')).toMatch(/^reconciler: DATABASE_URL .*authentication failed/);
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureLogger, type LogRecord } from './__fixtures__/capture-logger.js';
import { createSupervisor, type LaunchSpec, type RestartPolicy } from './supervisor.js';

const FIXTURE = fileURLToPath(new URL('./__fixtures__/child.mjs', import.meta.url));

function fixture(name: string, ...args: string[]): LaunchSpec {
  return {
    name,
    command: process.execPath,
    args: [FIXTURE, ...args],
    cwd: '/tmp',
    env: process.env,
  };
}

/** 50 ms doubling to 200 ms, reset after 5 s of stable running (a slow machine boots node in < 5 s). */
const POLICY: RestartPolicy = { backoff: { initialMs: 50, maxMs: 200 }, stableMs: 5_000 };

const crashLines = (records: LogRecord[]) => records.filter((r) => r.msg.includes(' crashed '));

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('supervisor - restarting crashed services', () => {
  it('restarts a crashing child with doubling waits up to the cap, saying which, how and when', async () => {
    const log = captureLogger();
    const sup = createSupervisor({ logger: log.logger, restart: POLICY });
    const started = Date.now();
    const child = sup.start(fixture('crasher', 'crash'), () => {});
    await until('five crashes', () => crashLines(log.records).length >= 5);
    const crashes = crashLines(log.records).slice(0, 5);
    expect(crashes.map((r) => r.delayMs)).toEqual([50, 100, 200, 200, 200]);
    expect(crashes.map((r) => r.crashes)).toEqual([1, 2, 3, 4, 5]);
    expect(crashes[0]).toMatchObject({ level: 50, child: 'crasher', code: 3, signal: null });
    expect(crashes[0]?.msg).toMatch(
      /^crasher crashed \(code 3\) after \d+ ms; restarting in 50 ms \(at \d\d:\d\d:\d\d\.\d{3}\), crash 1 in a row$/,
    );
    expect(Date.parse(crashes[0]?.restartAt as string)).toBeGreaterThanOrEqual(started);
    expect(log.messages()).toContain('crasher restarting');
    const [exit] = await sup.stopAll();
    expect(exit).toMatchObject({ name: 'crasher', requested: true });
    expect(await child.exited).toBe(exit);
    expect(child.isRunning()).toBe(false);
    const after = log.records.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(log.records.slice(after).filter((r) => r.msg === 'crasher restarting')).toEqual([]);
  });

  it('starts again from the first wait after a child ran stably for a while', async () => {
    const log = captureLogger();
    const sup = createSupervisor({ logger: log.logger, restart: { ...POLICY, stableMs: 100 } });
    sup.start(fixture('flaky', 'crash-after', '250'), () => {});
    await until('three crashes', () => crashLines(log.records).length >= 3);
    expect(crashLines(log.records).map((r) => [r.code, r.delayMs, r.crashes])).toEqual([
      [4, 50, 1],
      [4, 50, 1],
      [4, 50, 1],
    ]);
    await sup.stopAll();
  });

  it('stops a restarted child on shutdown, and never restarts one it was asked to stop', async () => {
    const log = captureLogger();
    const sup = createSupervisor({ logger: log.logger, restart: POLICY });
    const child = sup.start(fixture('flaky', 'crash-after', '150'), () => {});
    await until('a restart', () => log.messages().includes('flaky restarting'));
    await until('the restarted child', () => child.isRunning());
    const pid = child.pid;
    const [exit] = await sup.stopAll();
    expect(exit).toMatchObject({ name: 'flaky', requested: true });
    expect(pid).toBeGreaterThan(0);
    expect(log.messages()).toContain('flaky stopped');
    expect(log.messages().filter((m) => m === 'flaky restarting')).toHaveLength(1);
  });

  it('killAllNow cancels a pending restart', async () => {
    const log = captureLogger();
    const sup = createSupervisor({
      logger: log.logger,
      restart: { backoff: { initialMs: 5_000, maxMs: 5_000 }, stableMs: 1_000 },
    });
    const child = sup.start(fixture('crasher', 'crash'), () => {});
    await until('the crash', () => crashLines(log.records).length === 1);
    sup.killAllNow();
    expect(await child.exited).toMatchObject({ name: 'crasher', code: 3, requested: true });
    expect(await sup.stopAll()).toEqual([]);
  });

  it('does not restart a process that cannot start at all', async () => {
    const log = captureLogger();
    const sup = createSupervisor({ logger: log.logger, restart: POLICY });
    const child = sup.start(
      { name: 'ghost', command: '/nonexistent/bin', args: [], cwd: '/tmp', env: {} },
      () => {},
    );
    expect((await child.exited).startError).toMatch(/ENOENT/);
    expect(crashLines(log.records)).toEqual([]);
    expect(log.messages()).toContainEqual(expect.stringMatching(/^ghost exited unexpectedly/));
  });
});

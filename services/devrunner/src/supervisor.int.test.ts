import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureLogger } from './__fixtures__/capture-logger.js';
import type { OutputStream } from './child-output.js';
import {
  createSupervisor,
  describeExit,
  signalGroup,
  type ChildExit,
  type LaunchSpec,
} from './supervisor.js';

const FIXTURE = fileURLToPath(new URL('./__fixtures__/child.mjs', import.meta.url));
const { logger } = captureLogger();

function fixture(name: string, ...args: string[]): LaunchSpec {
  return {
    name,
    command: process.execPath,
    args: [FIXTURE, ...args],
    cwd: '/tmp',
    env: { ...process.env, FIXTURE_ENV: 'yes' },
  };
}

function recorder() {
  const lines: { line: string; stream: OutputStream }[] = [];
  const waiters: { match: RegExp; resolve: () => void }[] = [];
  const sink = (line: string, stream: OutputStream) => {
    lines.push({ line, stream });
    for (const w of waiters.filter((x) => x.match.test(line))) w.resolve();
  };
  const seen = (match: RegExp, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (lines.some((l) => match.test(l.line))) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${match} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiters.push({ match, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return { lines, sink, seen };
}

describe('supervisor - running children', () => {
  it('relays output with its stream, passes env and cwd, and stops a child with SIGTERM', async () => {
    const sup = createSupervisor({ logger });
    const out = recorder();
    const child = sup.start(fixture('idle', 'idle'), out.sink);
    await out.seen(/a plain line/);
    expect(child.isRunning()).toBe(true);
    expect(JSON.parse(out.lines[0]?.line ?? '')).toMatchObject({
      msg: 'idle',
      env: 'yes',
      cwd: '/tmp',
    });
    expect(out.lines[1]).toEqual({ line: 'a plain line', stream: 'stdout' });
    const exits = await sup.stopAll();
    expect(exits).toEqual([{ name: 'idle', code: 0, signal: null, requested: true }]);
    expect(child.isRunning()).toBe(false);
    await out.seen(/got SIGTERM/);
    expect(await sup.stopAll()).toEqual([]);
  });

  it('kills a child that ignores SIGTERM once the timeout passes', async () => {
    const log = captureLogger();
    const sup = createSupervisor({ logger: log.logger, killTimeoutMs: 200 });
    const out = recorder();
    sup.start(fixture('stubborn', 'ignore-term'), out.sink);
    await out.seen(/stubborn/);
    const [exit] = await sup.stopAll();
    expect(exit).toEqual({ name: 'stubborn', code: null, signal: 'SIGKILL', requested: true });
    await out.seen(/ignoring SIGTERM/);
    expect(log.records.filter((r) => r.level === 40).map((r) => r.msg)).toEqual([
      'stubborn did not stop within 200 ms; killing it',
    ]);
    await expect.poll(() => log.messages()).toContain('stubborn stopped');
  });

  it('kills everything synchronously on killAllNow', async () => {
    const sup = createSupervisor({ logger });
    const out = recorder();
    const child = sup.start(fixture('stubborn', 'ignore-term'), out.sink);
    await out.seen(/stubborn/);
    sup.killAllNow();
    expect(await child.exited).toEqual({
      name: 'stubborn',
      code: null,
      signal: 'SIGKILL',
      requested: true,
    });
  });
});

describe('supervisor - deaths', () => {
  it('says so when a child dies on its own, with its stderr relayed', async () => {
    const log = captureLogger();
    const unexpected: ChildExit[] = [];
    const sup = createSupervisor({
      logger: log.logger,
      onUnexpectedExit: (e) => unexpected.push(e),
    });
    const out = recorder();
    const child = sup.start(fixture('crasher', 'crash'), out.sink);
    const exit = await child.exited;
    expect(exit).toEqual({ name: 'crasher', code: 3, signal: null, requested: false });
    await out.seen(/boom/);
    expect(out.lines).toContainEqual({ line: 'Error: boom', stream: 'stderr' });
    await expect
      .poll(() => log.records.filter((r) => r.level === 50))
      .toEqual([
        expect.objectContaining({
          child: 'crasher',
          code: 3,
          msg: 'crasher exited unexpectedly (code 3)',
        }),
      ]);
    expect(unexpected).toEqual([exit]);
  });

  it('reports a process that cannot start, even when asked to stop at once', async () => {
    const sup = createSupervisor({ logger });
    const child = sup.start(
      { name: 'ghost', command: '/nonexistent/bin', args: [], cwd: '/tmp', env: {} },
      () => {},
    );
    expect(child.pid).toBeUndefined();
    const [exit] = await sup.stopAll();
    expect(exit).toMatchObject({ name: 'ghost', code: null, signal: null, requested: true });
    expect(exit?.startError).toMatch(/ENOENT/);
    expect(describeExit(exit as ChildExit)).toMatch(/^could not start: .*ENOENT/);
    const other = sup.start(
      { name: 'ghost2', command: '/nonexistent/bin', args: [], cwd: '/tmp', env: {} },
      () => {},
    );
    sup.killAllNow();
    expect(await other.exited).toMatchObject({ name: 'ghost2', requested: true });
  });

  it('describes exits by code or signal, and a gone group cannot be signalled', async () => {
    expect(describeExit({ name: 'x', code: null, signal: 'SIGKILL', requested: false })).toBe(
      'signal SIGKILL',
    );
    const sup = createSupervisor({ logger });
    const child = sup.start(fixture('crasher', 'crash'), () => {});
    await child.exited;
    expect(signalGroup(child.pid as number, 'SIGTERM')).toBe(false);
  });
});

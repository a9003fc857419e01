import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { backoffDelay, type BackoffPolicy, type Logger } from '@livegate/runtime';
import type { LineSink, OutputStream } from './child-output.js';

/** A process to run: the command, its arguments, where, and with what environment. */
export interface LaunchSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ChildExit {
  readonly name: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the runner asked it to stop. */
  readonly requested: boolean;
  /** Set when the process could not be started at all (missing binary, bad cwd). */
  readonly startError?: string;
}

export interface SupervisedChild {
  readonly name: string;
  /** The current process's id (a restarted child has a new one). */
  readonly pid: number | undefined;
  /** Settles once, when the process has ended and will not be started again. */
  readonly exited: Promise<ChildExit>;
  isRunning(): boolean;
}

export interface Supervisor {
  /** Starts the process in its own process group, relaying each output line to `output`. */
  start(spec: LaunchSpec, output: LineSink): SupervisedChild;
  /** SIGTERM to every running child's group; SIGKILL to those still running after the kill timeout. */
  stopAll(): Promise<readonly ChildExit[]>;
  /** Last resort for `process.on('exit')`: SIGKILL every running child now, synchronously. */
  killAllNow(): void;
}

/** How a crashed child is started again: after `backoff` (per crash in a row), reset by a stable run. */
export interface RestartPolicy {
  readonly backoff: BackoffPolicy;
  /** A child that ran at least this long before it crashed starts again from the first wait. */
  readonly stableMs: number;
}

export interface SupervisorProps {
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly killTimeoutMs?: number;
  /** Told when a child ends without having been asked to. */
  readonly onUnexpectedExit?: (exit: ChildExit) => void;
  /** Restart a child that crashes (one that could not start at all is not); default: never. */
  readonly restart?: RestartPolicy;
}

/** Sends `signal` to the process group led by `pid`; false when the group is already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function relayLines(input: Readable, stream: OutputStream, output: LineSink): void {
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => output(line, stream));
}

export function describeExit(exit: ChildExit): string {
  if (exit.startError !== undefined) return `could not start: ${exit.startError}`;
  return exit.signal === null ? `code ${exit.code}` : `signal ${exit.signal}`;
}

interface Tracked {
  readonly child: SupervisedChild;
  requested: boolean;
  /** The current process; undefined while a restart is pending. */
  pid: number | undefined;
  /** A pending restart, cancelled by stop. */
  restartTimer: NodeJS.Timeout | undefined;
  /** Ends the child for good with its last exit (a stop while a restart is pending). */
  finish(exit: ChildExit): void;
  lastExit: ChildExit | undefined;
}

/** Runs and stops child processes; says so when one dies on its own, and restarts it if told to. */
export function createSupervisor({
  logger,
  killTimeoutMs = 5_000,
  onUnexpectedExit = () => {},
  restart,
}: SupervisorProps): Supervisor {
  const running = new Set<Tracked>();

  function report(exit: ChildExit): void {
    if (exit.requested) {
      logger.info(
        { child: exit.name, code: exit.code, signal: exit.signal },
        `${exit.name} stopped`,
      );
      return;
    }
    logger.error(
      { child: exit.name, code: exit.code, signal: exit.signal },
      `${exit.name} exited unexpectedly (${describeExit(exit)})`,
    );
    onUnexpectedExit(exit);
  }

  function spawnOnce(
    spec: LaunchSpec,
    output: LineSink,
  ): { pid?: number; ended: Promise<ChildExit> } {
    const proc = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    relayLines(proc.stdout, 'stdout', output);
    relayLines(proc.stderr, 'stderr', output);
    const ended = new Promise<ChildExit>((resolve) => {
      const base = { name: spec.name, requested: false };
      proc.once('error', (err) =>
        resolve({ ...base, code: null, signal: null, startError: err.message }),
      );
      proc.once('exit', (code, signal) => resolve({ ...base, code, signal }));
    });
    return { pid: proc.pid, ended };
  }

  function scheduleRestart(
    tracked: Tracked,
    exit: ChildExit,
    ranMs: number,
    crashes: number,
    again: () => void,
  ): void {
    const policy = restart as RestartPolicy;
    const delayMs = backoffDelay(policy.backoff, crashes);
    const restartAt = new Date(Date.now() + delayMs).toISOString();
    logger.error(
      {
        child: exit.name,
        code: exit.code,
        signal: exit.signal,
        ranMs,
        delayMs,
        restartAt,
        crashes,
      },
      `${exit.name} crashed (${describeExit(exit)}) after ${ranMs} ms; restarting in ${delayMs} ms ` +
        `(at ${restartAt.slice(11, 23)}), crash ${crashes} in a row`,
    );
    onUnexpectedExit(exit);
    tracked.restartTimer = setTimeout(() => {
      tracked.restartTimer = undefined;
      logger.info({ child: exit.name, crashes }, `${exit.name} restarting`);
      again();
    }, delayMs);
  }

  function start(spec: LaunchSpec, output: LineSink): SupervisedChild {
    let settle!: (exit: ChildExit) => void;
    const exited = new Promise<ChildExit>((resolve) => (settle = resolve));
    let crashes = 0;
    const child: SupervisedChild = {
      name: spec.name,
      get pid() {
        return tracked.pid;
      },
      exited,
      isRunning: () => tracked.pid !== undefined && tracked.lastExit === undefined,
    };
    const tracked: Tracked = {
      child,
      requested: false,
      pid: undefined,
      restartTimer: undefined,
      lastExit: undefined,
      finish(exit) {
        running.delete(tracked);
        report(exit);
        settle(exit);
      },
    };
    const run = () => {
      const startedAt = Date.now();
      const proc = spawnOnce(spec, output);
      tracked.pid = proc.pid;
      tracked.lastExit = undefined;
      void proc.ended.then((ended) => {
        const exit = { ...ended, requested: tracked.requested };
        tracked.lastExit = exit;
        if (exit.requested || restart === undefined || exit.startError !== undefined)
          return tracked.finish(exit);
        const ranMs = Date.now() - startedAt;
        crashes = ranMs >= restart.stableMs ? 1 : crashes + 1;
        scheduleRestart(tracked, exit, ranMs, crashes, run);
      });
    };
    running.add(tracked);
    run();
    return child;
  }

  /** Cancels a pending restart; true when that ended the child (no process was running). */
  function cancelRestart(tracked: Tracked): boolean {
    tracked.requested = true;
    if (tracked.restartTimer === undefined) return false;
    clearTimeout(tracked.restartTimer);
    tracked.restartTimer = undefined;
    tracked.finish({ ...(tracked.lastExit as ChildExit), requested: true });
    return true;
  }

  async function stop(tracked: Tracked): Promise<ChildExit> {
    const { name, exited } = tracked.child;
    const pid = tracked.pid;
    if (cancelRestart(tracked) || pid === undefined) return exited;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => {
      logger.warn(
        { child: name, killTimeoutMs },
        `${name} did not stop within ${killTimeoutMs} ms; killing it`,
      );
      signalGroup(pid, 'SIGKILL');
    }, killTimeoutMs);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  }

  return {
    start,
    stopAll: () => Promise.all([...running].map(stop)),
    killAllNow() {
      for (const tracked of running) {
        if (!cancelRestart(tracked) && tracked.pid !== undefined)
          signalGroup(tracked.pid, 'SIGKILL');
      }
    },
  };
}

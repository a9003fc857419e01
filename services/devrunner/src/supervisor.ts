import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Logger } from '@livegate/runtime';
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
  readonly pid: number | undefined;
  /** Settles once, when the process has ended for whatever reason. */
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

export interface SupervisorProps {
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly killTimeoutMs?: number;
  /** Told when a child ends without having been asked to. */
  readonly onUnexpectedExit?: (exit: ChildExit) => void;
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
}

/** Runs and stops child processes; says so when one dies on its own. */
export function createSupervisor({
  logger,
  killTimeoutMs = 5_000,
  onUnexpectedExit = () => {},
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

  function start(spec: LaunchSpec, output: LineSink): SupervisedChild {
    const proc = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    relayLines(proc.stdout, 'stdout', output);
    relayLines(proc.stderr, 'stderr', output);
    let alive = true;
    const exited = new Promise<ChildExit>((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null, startError?: string) => {
        alive = false;
        running.delete(tracked);
        const exit = { name: spec.name, code, signal, requested: tracked.requested };
        resolve(startError === undefined ? exit : { ...exit, startError });
      };
      proc.once('error', (err) => finish(null, null, err.message));
      proc.once('exit', (code, signal) => finish(code, signal));
    });
    const child: SupervisedChild = {
      name: spec.name,
      pid: proc.pid,
      exited,
      isRunning: () => alive,
    };
    const tracked: Tracked = { child, requested: false };
    running.add(tracked);
    void exited.then(report);
    return child;
  }

  async function stop(tracked: Tracked): Promise<ChildExit> {
    tracked.requested = true;
    const { pid, name, exited } = tracked.child;
    if (pid === undefined) return exited;
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
        tracked.requested = true;
        if (tracked.child.pid !== undefined) signalGroup(tracked.child.pid, 'SIGKILL');
      }
    },
  };
}

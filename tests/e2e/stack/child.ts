import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect } from 'node:net';

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Everything the process printed so far (for error messages). */
  output(): string;
  /** Whether the process has printed a line matching `match` (its whole output, not just the tail). */
  printed(match: RegExp): boolean;
  /** SIGTERM to its process group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartChildProps {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Where stdout and stderr go, for reading after a failed run. */
  readonly logFile: string;
}

/** Starts a process in its own group (so its children stop with it), logging to `logFile`. */
export function startChild({ name, command, args, cwd, env, logFile }: StartChildProps): Child {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let pending = '';
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    const split = (pending + text).split('\n');
    pending = split.pop() ?? '';
    lines.push(...split);
    log.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    process: child,
    output: () => output,
    printed: (match) => lines.some((line) => match.test(line)),
    async stop(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        signal(child.pid, 'SIGTERM');
        const killed = setTimeout(
          () => child.pid !== undefined && signal(child.pid, 'SIGKILL'),
          graceMs,
        );
        await exited;
        clearTimeout(killed);
      }
      log.end();
    },
  };
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

/** Polls `check` until it returns true; fails with `what` (and the child's output) after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 30_000, child }: { timeoutMs?: number; child?: Child } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child !== undefined && child.process.exitCode !== null)
      throw new Error(
        `${child.name} exited (code ${child.process.exitCode}) before ${what}:\n${child.output()}`,
      );
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${child ? `:\n${child.output()}` : ''}`,
  );
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(props: StartChildProps, timeoutMs = 120_000): Promise<string> {
  const child = startChild(props);
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${props.name} did not finish in ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.process.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  await child.stop();
  if (code !== 0) throw new Error(`${props.name} failed (exit ${code}):\n${child.output()}`);
  return child.output();
}

import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly at: number;
}

export interface ChildProcessHandle {
  readonly pid: number;
  /** Resolves when the process has exited and its output is read. */
  readonly exited: Promise<ChildExit>;
  running(): boolean;
  /** Whether a line of its output matched `match`. */
  printed(match: RegExp): boolean;
  /** Waits for a line matching `match`; fails when the process exits first or after `timeoutMs`. */
  waitFor(match: RegExp, timeoutMs: number): Promise<void>;
  /** The last lines it printed (for failure messages). */
  tail(lines?: number): string;
  signal(sig: NodeJS.Signals): void;
}

/** `node --import tsx <entry>` from the repository root, its output appended to `logFile`. */
export function startTsx({
  root,
  entry,
  env,
  logFile,
}: {
  root: string;
  entry: string;
  env: Record<string, string>;
  logFile: string;
}): ChildProcessHandle {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let pending = '';
  const waiters = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    const split = (pending + chunk.toString()).split('\n');
    pending = split.pop() ?? '';
    lines.push(...split);
    if (lines.length > 4_000) lines.splice(0, lines.length - 2_000);
    for (const w of waiters) w();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let done = false;
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('close', (code, signal) => {
      done = true;
      log.end();
      for (const w of waiters) w();
      resolve({ code, signal, at: Date.now() });
    });
  });
  const printed = (match: RegExp) => lines.some((l) => match.test(l));
  return {
    pid: child.pid ?? -1,
    exited,
    running: () => !done,
    printed,
    tail: (n = 15) => lines.slice(-n).join('\n'),
    signal(sig) {
      if (!done) child.kill(sig);
    },
    waitFor(match, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${match} within ${timeoutMs} ms`));
        }, timeoutMs);
        function check() {
          if (printed(match)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (done) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`exited before printing ${match}`));
          }
        }
        waiters.add(check);
        check();
      });
    },
  };
}

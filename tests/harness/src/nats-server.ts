import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { freePort } from './free-port.js';

export interface StartedNats {
  readonly url: string;
  stop(): Promise<void>;
}

/** True when a `nats-server` binary is on PATH. */
export function hasNatsBinary(): boolean {
  return spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Waits until a client can connect, or fails after `timeoutMs`. */
export async function waitForNats(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const nc = await connect({ servers: url, timeout: 500, reconnect: false });
      await nc.close();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nats-server at ${url} did not accept connections within ${timeoutMs} ms`, {
    cause: last,
  });
}

/** Starts a private `nats-server -js` on a free port with a temporary store. */
export async function startNatsServer(): Promise<StartedNats> {
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'livegate-nats-'));
  const child: ChildProcess = spawn(
    'nats-server',
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    {
      stdio: 'ignore',
    },
  );
  const url = `nats://127.0.0.1:${port}`;
  await waitForNats(url);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

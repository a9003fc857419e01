import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsServerConfig, type ServerUser } from '@livegate/bus';
import { connect } from '@nats-io/transport-node';
import { freePort } from './free-port.js';

export interface StartedNats {
  readonly url: string;
  /** SIGTERM, then removes the store unless it was given as `storeDir`. */
  stop(): Promise<void>;
  /** SIGKILL (a crash: no clean shutdown); the store is left in place for a restart on `storeDir`. */
  kill(): Promise<void>;
}

/** True when a `nats-server` binary is on PATH. */
export function hasNatsBinary(): boolean {
  return spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Waits until a client can connect, or fails after `timeoutMs`. A server that refuses the
 * anonymous probe (it requires credentials) is up too.
 */
export async function waitForNats(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const nc = await connect({ servers: url, timeout: 500, reconnect: false });
      await nc.close();
      return;
    } catch (err) {
      if ((err as Error).name === 'AuthorizationError') return;
      last = err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nats-server at ${url} did not accept connections within ${timeoutMs} ms`, {
    cause: last,
  });
}

export interface StartNatsOptions {
  /** Listen here (a test that stops and restarts the server keeps its port); default a free port. */
  readonly port?: number;
  /** With JetStream and a temporary store; default true. */
  readonly jetStream?: boolean;
  /**
   * JetStream store in this directory, kept by `stop()` and `kill()`: a server started again on the
   * same port and directory comes back with its streams, consumers and messages (a restart). Default:
   * a temporary directory that `stop()` removes.
   */
  readonly storeDir?: string;
  /**
   * Only these users may connect, each with its permissions (a generated config, JetStream on);
   * anonymous connections are refused.
   */
  readonly users?: readonly ServerUser[];
}

/** Starts a private `nats-server` (JetStream unless told otherwise) with a temporary store. */
export async function startNatsServer({
  port,
  jetStream = true,
  storeDir: givenStoreDir,
  users,
}: StartNatsOptions = {}): Promise<StartedNats> {
  const listenPort = port ?? (await freePort());
  const storeDir = givenStoreDir ?? (await mkdtemp(join(tmpdir(), 'livegate-nats-')));
  const args = ['-a', '127.0.0.1', '-p', String(listenPort)];
  if (users !== undefined) {
    const file = join(storeDir, 'nats.conf');
    const config = natsServerConfig({ host: '127.0.0.1', port: listenPort, storeDir, users });
    await writeFile(file, config, { mode: 0o600 });
    args.splice(0, args.length, '-c', file);
  } else if (jetStream) args.push('-js', '-sd', storeDir);
  const child: ChildProcess = spawn('nats-server', args, { stdio: 'ignore' });
  const url = `nats://127.0.0.1:${listenPort}`;
  await waitForNats(url);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    }
  };
  return {
    url,
    async stop() {
      await end('SIGTERM');
      if (givenStoreDir === undefined) await rm(storeDir, { recursive: true, force: true });
    },
    kill: () => end('SIGKILL'),
  };
}

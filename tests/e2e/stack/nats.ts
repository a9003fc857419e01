import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portOpen, startChild, waitFor } from './child.js';
import { freePort } from '../../harness/src/free-port.js';

/** A private `nats-server -js` on a free port with a throw-away store. */
export async function startNats(logDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'livegate-e2e-nats-'));
  const child = startChild({
    name: 'nats-server',
    command: 'nats-server',
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    cwd: storeDir,
    env: {},
    logFile: join(logDir, 'nats-server.log'),
  });
  await waitFor('nats-server to listen', () => portOpen(port), { child, timeoutMs: 10_000 });
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      await child.stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

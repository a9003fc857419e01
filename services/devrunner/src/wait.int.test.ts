import { createServer } from 'node:net';
import { freePort } from '@livegate/test-harness';
import { describe, expect, it } from 'vitest';
import { canConnect, waitFor } from './wait.js';

describe('wait - ports', () => {
  it('tells an open port from a closed one', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    expect(await canConnect(port)).toBe(true);
    await new Promise((r) => server.close(r));
    expect(await canConnect(port)).toBe(false);
  });

  it('waits until a port opens', async () => {
    const port = await freePort();
    const server = createServer();
    let polls = 0;
    const opened = await waitFor(
      async () => {
        polls += 1;
        if (polls === 3) await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
        return canConnect(port);
      },
      { timeoutMs: 5_000, intervalMs: 10 },
    );
    expect(opened).toBe(true);
    expect(polls).toBe(3);
    await new Promise((r) => server.close(r));
  });
});

describe('wait - giving up', () => {
  it('gives up at the deadline', async () => {
    const started = Date.now();
    expect(await waitFor(async () => false, { timeoutMs: 50, intervalMs: 10 })).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('gives up as soon as it is cancelled', async () => {
    let checks = 0;
    const result = await waitFor(
      async () => {
        checks += 1;
        return false;
      },
      { timeoutMs: 60_000, cancelled: () => checks >= 2 },
    );
    expect(result).toBe(false);
    expect(checks).toBe(2);
  });
});

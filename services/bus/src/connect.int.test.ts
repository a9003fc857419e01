import { createServer, type Socket } from 'node:net';
import { freePort, startNatsServer, useNats } from '@livegate/test-harness';
import { describe, expect, it } from 'vitest';
import { captureLogger, WARN } from '../test/support.js';
import { BusConnectError, connectBus, connectBusWhenReady } from './index.js';

async function connectFailure(url: string, connectTimeoutMs?: number): Promise<BusConnectError> {
  const { logger } = captureLogger();
  const err = await connectBus({ url, name: 'connect-test', logger, connectTimeoutMs }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BusConnectError);
  expect((err as BusConnectError).code).toBe('CONNECT_FAILED');
  expect((err as BusConnectError).message).not.toContain('\n');
  return err as BusConnectError;
}

describe('bus - connect', () => {
  it('names NATS_URL and "connection refused" for a dead port', async () => {
    const port = await freePort();
    const err = await connectFailure(`nats://127.0.0.1:${port}`);
    expect(err.message).toBe(`NATS_URL nats://127.0.0.1:${port}: connection refused`);
    expect(err.transient).toBe(true);
  });

  it('names a malformed or empty URL', async () => {
    expect((await connectFailure('nats://[bad')).message).toBe(
      'NATS_URL nats://[bad: not a valid URL',
    );
    expect((await connectFailure('nats://[bad')).transient).toBe(false);
    expect((await connectFailure(' ')).message).toMatch(/^NATS_URL is empty: /);
    expect((await connectFailure(' ')).transient).toBe(false);
  });

  it('names a server that never completes the handshake', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    try {
      const err = await connectFailure(`nats://127.0.0.1:${port}`, 300);
      expect(err.message).toBe(
        `NATS_URL nats://127.0.0.1:${port}: timed out after 300 ms waiting for the server`,
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('refuses a server without JetStream, naming the fix', async () => {
    const server = await startNatsServer({ jetStream: false });
    try {
      const err = await connectFailure(server.url);
      expect(err.message).toBe(
        `NATS_URL ${server.url}: JetStream is not enabled on this server (start it with -js)`,
      );
      expect(err.transient).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('connectBusWhenReady connects to a server that answers, and throws an empty URL at once', async () => {
    const nats = useNats();
    const policy = { initialMs: 1, maxMs: 1 };
    const { logger } = captureLogger();
    const bus = await connectBusWhenReady({ url: nats.url, name: 'ready', logger, policy });
    expect(bus.nc.isClosed()).toBe(false);
    await bus.close();
    await expect(
      connectBusWhenReady({ url: ' ', name: 'ready', logger, policy }),
    ).rejects.toBeInstanceOf(BusConnectError);
  });

  it('exposes the namespace, its subjects and stream names', async () => {
    const nats = useNats();
    const bus = await connectBus({
      url: nats.url,
      name: 'names',
      logger: captureLogger().logger,
      namespace: nats.namespace,
    });
    expect(bus.namespace).toBe(nats.namespace);
    expect(bus.subjects.modeChanged).toBe(`${nats.namespace}.mode.changed`);
    expect(bus.streams.mode).toBe(`${nats.namespace.toUpperCase()}_MODE`);
    await bus.close();
    expect(bus.nc.isClosed()).toBe(true);
  });

  it('survives a server restart, logging the disconnect and the reconnect', async () => {
    const port = await freePort();
    let server = await startNatsServer({ port });
    const log = captureLogger();
    const bus = await connectBus({ url: server.url, name: 'reconnect-test', logger: log.logger });
    try {
      await server.stop();
      const down = await log.waitFor((l) => l.msg === 'NATS disconnect');
      expect(down).toMatchObject({ level: WARN, server: `127.0.0.1:${port}` });
      server = await startNatsServer({ port });
      await log.waitFor((l) => l.msg === 'NATS reconnect', 10_000);
      await bus.ensureStreams();
    } finally {
      await bus.close();
      await server.stop();
    }
  });
});

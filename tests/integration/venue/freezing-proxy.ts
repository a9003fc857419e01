import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a venue that can go half-open: `freeze()` keeps every connection open but
 * forwards nothing more either way (a dead NAT entry, a silent load balancer), so only the client's
 * own liveness check can notice. `freezeNew` does the same to connections opened from then on (a
 * handshake that never completes). Each accepted connection is counted.
 */
export interface FreezingProxy {
  /** `host:port` of the proxy. */
  readonly hostPort: string;
  /** Connections accepted so far. */
  readonly accepted: () => number;
  /** Connections still open (neither side has closed). */
  readonly open: () => number;
  freeze(): void;
  freezeNew(frozen: boolean): void;
  close(): Promise<void>;
}

export async function startFreezingProxy(upstream: {
  host: string;
  port: number;
}): Promise<FreezingProxy> {
  const pairs = new Set<{ frozen: boolean; client: Socket; venue: Socket }>();
  let accepted = 0;
  let freezeNew = false;
  const server = createServer((client) => {
    accepted += 1;
    const venue = createConnection(upstream);
    const pair = { frozen: freezeNew, client, venue };
    pairs.add(pair);
    client.on('data', (d) => {
      if (!pair.frozen) venue.write(d);
    });
    venue.on('data', (d) => {
      if (!pair.frozen) client.write(d);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      venue.destroy();
    };
    client.on('close', end);
    venue.on('close', end);
    client.on('error', end);
    venue.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    hostPort: `127.0.0.1:${port}`,
    accepted: () => accepted,
    open: () => pairs.size,
    freeze() {
      for (const pair of pairs) pair.frozen = true;
    },
    freezeNew(frozen) {
      freezeNew = frozen;
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.venue.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@livegate/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVenueAdapters } from './venue-adapters.js';
import { VenueConfigError } from './venue-config.js';

/** A venue that answers GET /api/v3/time and remembers the path of each call. */
async function timeServer(): Promise<{ url: string; calls: string[]; server: Server }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(String(req.url));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ serverTime: Date.now() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, server };
}

const logger = createLogger({ service: 'venue-adapters-test', level: 'silent' });
const settings = (name: string, baseUrl: string) => ({
  name,
  baseUrl,
  apiKey: `${name}-key`,
  apiSecret: `${name}-secret`,
});

describe('createVenueAdapters', () => {
  let paper: Awaited<ReturnType<typeof timeServer>>;
  let live: Awaited<ReturnType<typeof timeServer>>;
  beforeAll(async () => {
    [paper, live] = await Promise.all([timeServer(), timeServer()]);
  });
  afterAll(async () => {
    for (const s of [paper, live]) await new Promise((r) => s.server.close(r));
  });

  it('creates each adapter from its own settings', async () => {
    const venues = createVenueAdapters({
      venues: { paper: settings('paper', paper.url), live: settings('live', live.url) },
      logger,
    });
    try {
      expect([venues.paper.name, venues.live.name]).toEqual(['paper', 'live']);
      expect(await venues.live.syncTime()).toMatchObject({ kind: 'ok' });
      expect([paper.calls, live.calls]).toEqual([[], ['/api/v3/time']]);
      expect(await venues.paper.syncTime()).toMatchObject({ kind: 'ok' });
      expect([paper.calls, live.calls]).toEqual([['/api/v3/time'], ['/api/v3/time']]);
    } finally {
      venues.paper.close();
      venues.live.close();
    }
  });

  it('refuses bad settings', () => {
    expect(() =>
      createVenueAdapters({
        venues: { paper: settings('paper', 'ftp://x'), live: settings('live', live.url) },
        logger,
      }),
    ).toThrow(VenueConfigError);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@livegate/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetNote, BudgetShare } from './venue-budget.js';
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

  it('passes budgetClass to both adapters: reads stop at their share, orders (the default) do not', async () => {
    // 30 weight a minute: reads may use 15, execution 27; exchangeInfo weighs 20.
    const small = (name: string, url: string) => ({ ...settings(name, url), weightPerMinute: 30 });
    const [p, l] = await Promise.all([timeServer(), timeServer()]);
    const reads = createVenueAdapters({
      venues: { paper: small('paper', p.url), live: small('live', l.url) },
      logger,
      budgetClass: 'reads',
    });
    const orders = createVenueAdapters({
      venues: { paper: small('paper', p.url), live: small('live', l.url) },
      logger,
    });
    try {
      for (const adapter of [reads.paper, reads.live]) {
        expect(await adapter.exchangeInfo()).toMatchObject({
          kind: 'rate-limited',
          banned: false,
          message: 'request weight budget of reads used (0 + 20 > 15 of 30/min); nothing was sent',
        });
      }
      expect([p.calls, l.calls]).toEqual([[], []]);

      expect(await orders.live.exchangeInfo()).not.toMatchObject({ kind: 'rate-limited' });
      expect([p.calls, l.calls]).toEqual([[], ['/api/v3/exchangeInfo']]);
    } finally {
      for (const v of [reads, orders]) {
        v.paper.close();
        v.live.close();
      }
      for (const s of [p, l]) await new Promise((r) => s.server.close(r));
    }
  });

  it("gives each adapter the budgetShare of its venue's name, and applies what is shared", async () => {
    const asked: string[] = [];
    const listeners = new Map<string, (note: BudgetNote) => void>();
    const published: Array<{ venue: string; note: BudgetNote }> = [];
    const budgetShare = (venue: string): BudgetShare => {
      asked.push(venue);
      return {
        publish: (note) => published.push({ venue, note }),
        subscribe(listener) {
          listeners.set(venue, listener);
          return () => listeners.delete(venue);
        },
      };
    };
    const venues = createVenueAdapters({
      venues: { paper: settings('paper', paper.url), live: settings('live', live.url) },
      logger,
      budgetShare,
    });
    try {
      expect(asked).toEqual(['paper', 'live']);
      expect([...listeners.keys()]).toEqual(['paper', 'live']);

      // A stop another instance saw on the live key stops the live adapter only.
      const stopUntil = Date.now() + 60_000;
      listeners.get('live')?.({ stopUntil });
      expect(venues.live.budget().stoppedUntil).toBe(stopUntil);
      expect(venues.paper.budget().stoppedUntil).toBe(0);
      const callsBefore = live.calls.length;
      expect(await venues.live.syncTime()).toMatchObject({ kind: 'rate-limited', banned: false });
      expect(live.calls).toHaveLength(callsBefore);

      // What the paper venue answers is shared under the paper name.
      expect(await venues.paper.syncTime()).toMatchObject({ kind: 'ok' });
      expect(published.map((p) => p.venue)).toContain('paper');
      expect(published.map((p) => p.venue)).not.toContain('live');
    } finally {
      venues.paper.close();
      venues.live.close();
    }
    expect(listeners.size).toBe(0);
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

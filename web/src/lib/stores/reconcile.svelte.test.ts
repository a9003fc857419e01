import type { ExternalOrder, ReconcileCompleted } from '@livegate/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '$lib/api/client.js';
import { ReconcileStore, type ReconcileSource } from './reconcile.svelte.js';

const report = (
  runId: string,
  venue: 'paper' | 'live',
  finishedAt: string,
  externalOrders = 0,
): ReconcileCompleted => ({
  runId,
  trigger: 'interval',
  venue,
  startedAt: finishedAt,
  finishedAt,
  durationMs: 0,
  rowsChecked: 0,
  rowsChanged: {},
  fillsAdded: 0,
  externalOrders,
  unresolved: 0,
  errors: [],
});

const external = (exchangeOrderId: string): ExternalOrder => ({
  venue: 'live',
  symbol: 'BTCUSDT',
  exchangeOrderId,
  clientOrderId: `manual-${exchangeOrderId}`,
  status: 'NEW',
  action: 'report',
  firstSeenAt: '2026-01-31T12:00:00.000Z',
  lastSeenAt: '2026-01-31T12:00:00.000Z',
});

const ok = <T>(data: T): ApiResult<T> => ({ ok: true, data });
const refused = {
  ok: false as const,
  error: { status: 503, code: 'UNAVAILABLE', message: 'the gateway cannot be reached' },
};

function source(
  reports: ReconcileCompleted[],
  externals: ExternalOrder[][],
): ReconcileSource & { external: ReturnType<typeof vi.fn> } {
  let call = 0;
  return {
    last: vi.fn(async () => ok({ items: reports })),
    external: vi.fn(async () =>
      ok({ items: externals[Math.min(call++, externals.length - 1)] ?? [] }),
    ),
  };
}

describe('ReconcileStore', () => {
  it('is unknown until loaded, then holds one report per venue (live first) and the external orders', async () => {
    const store = new ReconcileStore(
      source(
        [
          report('p1', 'paper', '2026-01-31T12:00:00.000Z'),
          report('l1', 'live', '2026-01-31T11:00:00.000Z'),
        ],
        [[external('1')]],
      ),
    );
    expect(store.reports).toBeUndefined();
    expect(store.externals).toBeUndefined();
    await store.load();
    expect(store.reports?.map((r) => r.runId)).toEqual(['l1', 'p1']);
    expect(store.externals?.map((o) => o.exchangeOrderId)).toEqual(['1']);
    expect(store.error).toBeUndefined();
  });

  it('takes a newer report from the feed for its venue, ignores an older one, and refreshes the external orders', async () => {
    const src = source(
      [report('l1', 'live', '2026-01-31T11:00:00.000Z')],
      [[], [external('7')], [external('7'), external('8')]],
    );
    const store = new ReconcileStore(src);
    await store.load();
    await store.apply(report('p1', 'paper', '2026-01-31T12:00:00.000Z', 1));
    expect(store.reports?.map((r) => r.runId)).toEqual(['l1', 'p1']);
    expect(store.externals?.map((o) => o.exchangeOrderId)).toEqual(['7']);
    await store.apply(report('l0', 'live', '2026-01-31T10:00:00.000Z'));
    expect(store.reports?.map((r) => r.runId)).toEqual(['l1', 'p1']);
    await store.apply(report('l2', 'live', '2026-01-31T13:00:00.000Z'));
    expect(store.reports?.map((r) => r.runId)).toEqual(['l2', 'p1']);
    expect(store.externals).toHaveLength(2);
    expect(src.external).toHaveBeenCalledTimes(4);
  });

  it('a report before the first load starts the list', async () => {
    const store = new ReconcileStore(source([], [[]]));
    await store.apply(report('p1', 'paper', '2026-01-31T12:00:00.000Z'));
    expect(store.reports?.map((r) => r.runId)).toEqual(['p1']);
  });

  it("keeps what it had and shows the gateway's sentence when a read fails", async () => {
    const src: ReconcileSource = {
      last: vi.fn(async () => refused),
      external: vi.fn(async () => refused),
    };
    const store = new ReconcileStore(src);
    await store.load();
    expect(store.reports).toBeUndefined();
    expect(store.externals).toBeUndefined();
    expect(store.error?.message).toBe('the gateway cannot be reached');
  });

  it('a slow answer that was overtaken by a newer one is dropped', async () => {
    let release: (v: ApiResult<{ items: ExternalOrder[] }>) => void = () => {};
    const slow = new Promise<ApiResult<{ items: ExternalOrder[] }>>((r) => (release = r));
    const external = vi
      .fn<ReconcileSource['external']>()
      .mockReturnValueOnce(slow)
      .mockResolvedValueOnce(ok({ items: [] }));
    const store = new ReconcileStore({ last: async () => ok({ items: [] }), external });
    const first = store.load();
    await store.apply(report('l1', 'live', '2026-01-31T12:00:00.000Z'));
    release(ok({ items: [externalOrder()] }));
    await first;
    expect(store.externals).toEqual([]);
  });
});

function externalOrder(): ExternalOrder {
  return external('old');
}

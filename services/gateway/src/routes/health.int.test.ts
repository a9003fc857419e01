import { createServer, type Server, type Socket } from 'node:net';
import { createDb } from '@livegate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

/** A TCP server that accepts connections and never says a word: a hung database. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('gateway - health, readiness, metrics', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await startGatewayFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('is alive and ready when NATS and the database answer', async () => {
    const live = await f.http('/healthz');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await f.http('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { nats: 'ok', db: 'ok' } });
  });

  it('echoes a well-formed x-request-id and makes one up otherwise; API answers are not cached', async () => {
    const given = await f.http('/healthz', { headers: { 'x-request-id': 'req-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const bad = await f.http('/healthz', { headers: { 'x-request-id': 'no spaces allowed' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await f.http('/api/auth/me')).headers.get('cache-control')).toBe('no-store');
    const line = f.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.reqId === 'req-123');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/healthz', status: 200 });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('serves Prometheus metrics to an authenticated caller, labelled by route', async () => {
    const key = await f.apiKey('prometheus');
    await f.http('/api/orders/abc', { key });
    await f.http('/nowhere');
    const res = await f.http('/metrics', { key });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /livegate_gateway_http_requests_total\{method="GET",route="\/api\/orders\/:intentId",status="404"\} 1/,
    );
    expect(text).toMatch(
      /livegate_gateway_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/,
    );
    expect(text).toContain('livegate_gateway_http_request_duration_seconds_bucket');
    expect(text).toContain('livegate_gateway_process_cpu_seconds_total');
  });
});

describe('gateway - readiness when a dependency is down', () => {
  it('reports a database that does not answer in time, and a closed NATS connection, with 503', async () => {
    const hung = await silentServer();
    const db = createDb({
      url: `postgres://postgres@127.0.0.1:${hung.port}/x`,
      connectTimeoutMs: 10_000,
    });
    const f = await startGatewayFixture({ db, readinessTimeoutMs: 200 });
    try {
      const slow = await f.http('/readyz');
      expect(slow.status).toBe(503);
      expect(await slow.json()).toEqual({
        status: 'not ready',
        checks: { nats: 'ok', db: 'failing' },
      });
      await f.bus.nc.close();
      expect(await (await f.http('/readyz')).json()).toEqual({
        status: 'not ready',
        checks: { nats: 'failing', db: 'failing' },
      });
      expect((await f.http('/healthz')).status).toBe(200);
    } finally {
      await hung.close();
      await db.destroy().catch(() => {});
      await f.close();
    }
  });
});

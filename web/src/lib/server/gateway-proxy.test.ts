// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayProxy } from './gateway-proxy.js';

// A plain HTTP server that records what reached it stands in for the far side.
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

async function upstream(
  answer: (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void,
) {
  const seen: { req: IncomingMessage; body: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ req, body });
      answer(req, body, res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), seen };
}

describe('createGatewayProxy', () => {
  it('forwards method, path, query, body, cookie and origin; returns status, body and every Set-Cookie', async () => {
    const gw = await upstream((_req, _body, res) => {
      res.setHeader('set-cookie', ['a=1; HttpOnly', 'b=2']);
      res.setHeader('content-type', 'application/json');
      res.statusCode = 409;
      res.end('{"error":{"code":"TOKEN_EXPIRED","message":"expired"}}');
    });
    const proxy = createGatewayProxy({ gatewayUrl: gw.url });
    const res = await proxy(
      new Request('http://dash.test:5173/api/live/start?x=1', {
        method: 'POST',
        headers: {
          cookie: 'livegate_session=s',
          origin: 'http://dash.test:5173',
          'content-type': 'application/json',
          connection: 'keep-alive',
        },
        body: '{"token":"t"}',
      }),
      '10.0.0.9',
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'TOKEN_EXPIRED', message: 'expired' } });
    expect(res.headers.getSetCookie()).toEqual(['a=1; HttpOnly', 'b=2']);

    const { req, body } = gw.seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/live/start?x=1');
    expect(body).toBe('{"token":"t"}');
    expect(req.headers.cookie).toBe('livegate_session=s');
    expect(req.headers.origin).toBe('http://dash.test:5173');
    expect(req.headers.host).toBe(gw.url.host);
    expect(req.headers['x-forwarded-for']).toBe('10.0.0.9');
    expect(req.headers['x-forwarded-host']).toBe('dash.test:5173');
    expect(req.headers['x-forwarded-proto']).toBe('http');
  });

  it('proves itself with the proxy secret, and never passes on a client-sent one', async () => {
    const gw = await upstream((_req, _body, res) => res.end('{}'));
    const secret = 'dashboard-proxy-secret-0123456789abcdef';
    const forged = {
      'x-livegate-proxy': 'a guess from the browser',
      'x-forwarded-for': '198.51.100.66',
    };
    await createGatewayProxy({ gatewayUrl: gw.url, proxySecret: secret })(
      new Request('http://dash.test/api/auth/login', {
        method: 'POST',
        headers: forged,
        body: '{}',
      }),
      '10.0.0.9',
    );
    await createGatewayProxy({ gatewayUrl: gw.url })(
      new Request('http://dash.test/api/mode', { headers: forged }),
      '10.0.0.9',
    );
    expect(gw.seen.map(({ req }) => req.headers['x-livegate-proxy'])).toEqual([secret, undefined]);
    expect(gw.seen.map(({ req }) => req.headers['x-forwarded-for'])).toEqual([
      '10.0.0.9',
      '10.0.0.9',
    ]);
  });

  it('returns a decoded body without the now-wrong Content-Encoding', async () => {
    const gw = await upstream((_req, _body, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('content-type', 'application/json');
      res.end(gzipSync('{"mode":"PAPER"}'));
    });
    const res = await createGatewayProxy({ gatewayUrl: gw.url })(
      new Request('http://dash.test/api/mode'),
      '127.0.0.1',
    );
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ mode: 'PAPER' });
    expect(gw.seen[0]?.body).toBe('');
  });

  it('answers 502 in the gateway error shape when the gateway is down or slow', async () => {
    const gw = await upstream(() => {
      /* never answers */
    });
    const slow = await createGatewayProxy({ gatewayUrl: gw.url, timeoutMs: 200 })(
      new Request('http://dash.test/api/mode'),
      '127.0.0.1',
    );
    expect(slow.status).toBe(502);
    expect(await slow.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'the gateway did not answer in time; try again' },
    });
    server!.closeAllConnections();

    const down = await createGatewayProxy({ gatewayUrl: new URL('http://127.0.0.1:1') })(
      new Request('http://dash.test/api/mode'),
      '127.0.0.1',
    );
    expect(down.status).toBe(502);
    expect((await down.json()).error.message).toBe(
      'the gateway cannot be reached; try again shortly',
    );
  });
});

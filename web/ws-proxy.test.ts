// @vitest-environment node
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpgradeProxy } from './ws-proxy.js';

// The proxy is byte-transparent, so both ends here speak raw HTTP upgrade: a tiny upgrade server that
// echoes bytes stands in for the far side, and a raw upgrade request plays the browser.
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => stop(s)));
});

function stop(server: Server): Promise<void> {
  return new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
}

async function listen(server: Server): Promise<URL> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

async function startUpstream(refuseWith?: number) {
  const seen: IncomingMessage[] = [];
  const server = createServer();
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    seen.push(req);
    sockets.push(socket);
    if (refuseWith !== undefined) {
      socket.end(`HTTP/1.1 ${refuseWith} Nope\r\nContent-Length: 2\r\n\r\n{}`);
      return;
    }
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Gw: 1\r\n\r\nhello|',
    );
    if (head.length > 0) socket.write(Buffer.concat([Buffer.from('early:'), head]));
    socket.on('data', (d) => socket.write(`echo:${d.toString()}`));
  });
  return { url: await listen(server), seen };
}

async function startProxy(target: URL, proxySecret?: string) {
  const server = createServer((_req, res) => res.end('app'));
  server.on('upgrade', createUpgradeProxy({ target, connectTimeoutMs: 2_000, proxySecret }));
  return listen(server);
}

type Outcome =
  | { kind: 'upgraded'; res: IncomingMessage; socket: Socket; received: () => string }
  | { kind: 'refused'; status: number };

function upgrade(base: URL, path: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), {
      headers: { connection: 'Upgrade', upgrade: 'websocket', ...headers },
    });
    req.on('upgrade', (res, socket: Socket, head: Buffer) => {
      sockets.push(socket);
      let data = head.toString();
      socket.on('data', (d) => (data += d.toString()));
      resolve({ kind: 'upgraded', res, socket, received: () => data });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ kind: 'refused', status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.end();
  });
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('createUpgradeProxy', () => {
  it('tunnels /ws both ways and passes Cookie and Origin to the gateway', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.url);
    const outcome = await upgrade(proxy, '/ws?x=1', {
      cookie: 'livegate_session=abc',
      origin: 'http://dash.test',
    });
    if (outcome.kind !== 'upgraded') throw new Error(`refused ${outcome.status}`);
    expect(outcome.res.statusCode).toBe(101);
    expect(outcome.res.headers['x-gw']).toBe('1');
    outcome.socket.write('ping');
    await until(() => outcome.received().includes('echo:ping'));
    expect(outcome.received()).toBe('hello|echo:ping');

    const seen = upstream.seen[0];
    expect(seen?.url).toBe('/ws?x=1');
    expect(seen?.headers.cookie).toBe('livegate_session=abc');
    expect(seen?.headers.origin).toBe('http://dash.test');
    expect(seen?.headers.host).toBe(upstream.url.host);

    const closed = new Promise((r) => outcome.socket.once('close', r));
    for (const s of sockets.slice(0, 1)) s.destroy(); // the gateway's end goes away
    await closed;
  });

  it('names the browser with the proxy secret, never passing on a client-sent secret or address', async () => {
    const upstream = await startUpstream(401);
    const secret = 'dashboard-proxy-secret-0123456789abcdef';
    const forged = { 'x-livegate-proxy': 'a guess', 'x-forwarded-for': '198.51.100.66' };
    await upgrade(await startProxy(upstream.url, secret), '/ws', forged);
    await upgrade(await startProxy(upstream.url), '/ws', forged);
    expect(upstream.seen.map((r) => r.headers['x-livegate-proxy'])).toEqual([secret, undefined]);
    expect(upstream.seen.map((r) => r.headers['x-forwarded-for'])).toEqual([
      '127.0.0.1',
      '127.0.0.1',
    ]);
  });

  it("passes the gateway's refusal status through", async () => {
    const upstream = await startUpstream(401);
    const proxy = await startProxy(upstream.url);
    await expect(upgrade(proxy, '/ws')).resolves.toEqual({ kind: 'refused', status: 401 });
  });

  it('answers 404 for other upgrade paths', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.url);
    await expect(upgrade(proxy, '/other')).resolves.toEqual({ kind: 'refused', status: 404 });
    expect(upstream.seen).toHaveLength(0);
  });

  it('answers 502 when the gateway is down', async () => {
    const upstream = await startUpstream();
    await stop(servers.shift()!);
    const proxy = await startProxy(upstream.url);
    await expect(upgrade(proxy, '/ws')).resolves.toEqual({ kind: 'refused', status: 502 });
  });
});

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:stream').Duplex} Duplex */

const DROPPED_ON_REFUSAL = new Set([
  'connection',
  'transfer-encoding',
  'content-length',
  'keep-alive',
]);

/** @param {IncomingMessage} res */
function statusLine(res) {
  return `HTTP/1.1 ${res.statusCode} ${res.statusMessage ?? ''}\r\n`;
}

/**
 * @param {string[]} raw  Node's rawHeaders: name, value, name, value …
 * @param {(name: string) => boolean} keep
 */
function headerLines(raw, keep) {
  let out = '';
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = /** @type {string} */ (raw[i]);
    if (keep(name.toLowerCase())) out += `${name}: ${raw[i + 1]}\r\n`;
  }
  return out;
}

/** @param {Duplex} socket @param {number} status @param {string} text */
function refuse(socket, status, text) {
  if (!socket.destroyed)
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** What a browser may not send in our name: the proxy secret and the forwarded address. */
const PROXY_ONLY = new Set(['x-livegate-proxy', 'x-forwarded-for']);

/**
 * The request headers for the gateway: the browser's (Cookie, Origin …) without what only this server
 * may say, plus the browser's address and, when configured, the secret that makes the gateway believe it.
 *
 * @param {IncomingMessage} req @param {URL} target @param {string | null | undefined} proxySecret
 */
function upstreamHeaders(req, target, proxySecret) {
  /** @type {Record<string, string | string[] | undefined>} */
  const headers = {};
  for (const [name, value] of Object.entries(req.headers))
    if (!PROXY_ONLY.has(name)) headers[name] = value;
  headers.host = target.host;
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  if (proxySecret) headers['x-livegate-proxy'] = proxySecret;
  return headers;
}

/**
 * An `upgrade` listener for a Node HTTP server that tunnels websocket upgrades on `path` to the gateway,
 * byte for byte. The browser's Cookie and Origin go along untouched, so the gateway authenticates the
 * session and checks the origin itself; a refusal (401, 403 …) reaches the browser as its status.
 * Any other upgrade path is answered 404. With `proxySecret` (shared with the gateway) the browser's
 * address goes along too, believed by the gateway.
 *
 * @param {{ target: URL, path?: string, connectTimeoutMs?: number, proxySecret?: string | null }} options
 * @returns {(req: IncomingMessage, socket: Duplex, head: Buffer) => void}
 */
export function createUpgradeProxy({
  target,
  path = '/ws',
  connectTimeoutMs = 10_000,
  proxySecret = null,
}) {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return function upgradeToGateway(req, socket, head) {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== path) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: upstreamHeaders(req, target, proxySecret),
      timeout: connectTimeoutMs,
    });
    socket.on('error', () => upstream.destroy());
    upstream.on('timeout', () => upstream.destroy(new Error('gateway upgrade timed out')));
    upstream.on('error', () => refuse(socket, 502, 'Bad Gateway'));
    upstream.on('response', (res) => {
      res.resume();
      if (!socket.destroyed)
        socket.end(
          `${statusLine(res)}${headerLines(res.rawHeaders, (n) => !DROPPED_ON_REFUSAL.has(n))}` +
            'Connection: close\r\nContent-Length: 0\r\n\r\n',
        );
    });
    upstream.on('upgrade', (res, gatewaySocket, gatewayHead) => {
      gatewaySocket.setTimeout(0);
      if (socket.destroyed) {
        gatewaySocket.destroy();
        return;
      }
      socket.write(`${statusLine(res)}${headerLines(res.rawHeaders, () => true)}\r\n`);
      if (gatewayHead.length > 0) socket.write(gatewayHead);
      if (head.length > 0) gatewaySocket.write(head);
      gatewaySocket.on('error', () => socket.destroy());
      socket.on('error', () => gatewaySocket.destroy());
      gatewaySocket.on('close', () => socket.destroy());
      socket.on('close', () => gatewaySocket.destroy());
      gatewaySocket.pipe(socket);
      socket.pipe(gatewaySocket);
    });
    upstream.end();
  };
}

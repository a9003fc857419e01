import type { HttpErrorBody } from '@livegate/contracts';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those the runtime recomputes; never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);
/** Only this server may speak for a browser: what a browser sends under these names is dropped. */
const PROXY_ONLY = new Set([
  'x-livegate-proxy',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);
/** fetch has already decoded the body, so its encoding and length no longer describe what we send. */
const NOT_RETURNED = new Set([...HOP_BY_HOP, 'content-encoding']);

export interface GatewayProxyProps {
  readonly gatewayUrl: URL;
  /** Sent in `X-Livegate-Proxy` so the gateway believes our `X-Forwarded-For`. */
  readonly proxySecret?: string | null;
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

function copyHeaders(from: Headers, drop: ReadonlySet<string>): Headers {
  const out = new Headers();
  for (const [name, value] of from) if (!drop.has(name)) out.append(name, value);
  return out;
}

function unavailable(message: string): Response {
  const body: HttpErrorBody = { error: { code: 'UNAVAILABLE', message } };
  return new Response(JSON.stringify(body), {
    status: 502,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

/**
 * Forwards a same-origin `/api/*` request to the gateway and hands back its answer. Cookies, Origin
 * and the body go through untouched, so the gateway does all authentication and origin checks; the
 * browser's address goes in `X-Forwarded-For`, believed by the gateway only with the proxy secret; the
 * browser never learns where the gateway is. When it cannot be reached the answer is a 502 in the
 * gateway's own error shape.
 */
export function createGatewayProxy({
  gatewayUrl,
  proxySecret = null,
  timeoutMs = 15_000,
  fetch: doFetch = (...a) => fetch(...a),
}: GatewayProxyProps) {
  return async function proxyToGateway(request: Request, clientAddress: string): Promise<Response> {
    const incoming = new URL(request.url);
    const target = new URL(`${incoming.pathname}${incoming.search}`, gatewayUrl);
    const headers = copyHeaders(request.headers, new Set([...HOP_BY_HOP, ...PROXY_ONLY]));
    headers.set('x-forwarded-for', clientAddress);
    if (proxySecret !== null) headers.set('x-livegate-proxy', proxySecret);
    headers.set('x-forwarded-host', incoming.host);
    headers.set('x-forwarded-proto', incoming.protocol.slice(0, -1));
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    let upstream: Response;
    try {
      upstream = await doFetch(target, {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      return unavailable(
        timedOut
          ? 'the gateway did not answer in time; try again'
          : 'the gateway cannot be reached; try again shortly',
      );
    }
    return new Response(upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: copyHeaders(upstream.headers, NOT_RETURNED),
    });
  };
}

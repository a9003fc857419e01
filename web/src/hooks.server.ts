import { env } from '$env/dynamic/private';
import type { Handle } from '@sveltejs/kit';
import { loadWebConfig } from '$lib/server/config.js';
import { createGatewayProxy } from '$lib/server/gateway-proxy.js';

let proxy: ReturnType<typeof createGatewayProxy> | undefined;

export const handle: Handle = async ({ event, resolve }) => {
  const { pathname } = event.url;
  if (pathname === '/api' || pathname.startsWith('/api/')) {
    proxy ??= createGatewayProxy(loadWebConfig(env));
    return proxy(event.request, event.getClientAddress());
  }
  return resolve(event);
};

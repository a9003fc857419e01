// Production entry: `pnpm --filter @livegate/web build && node web/server.js`. SvelteKit's adapter-node
// handler serves the app (its hooks proxy /api/* to the gateway); websocket upgrades on /ws, which the
// adapter's server does not handle, are tunnelled to the gateway here. Env: PORT (3000), HOST
// (127.0.0.1), GATEWAY_URL (http://127.0.0.1:8080), GATEWAY_PROXY_SECRET (shared with the gateway:
// it then believes the browser addresses this server forwards), plus adapter-node's own (ORIGIN, …).
import { createServer } from 'node:http';
import { z } from 'zod';
import { createUpgradeProxy } from './ws-proxy.js';

const env = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    GATEWAY_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
    GATEWAY_PROXY_SECRET: z.string().min(32).max(512).optional(),
  })
  .safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
if (!env.success) {
  console.error(
    `web: bad environment: ${env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );
  process.exit(1);
}
const { PORT, HOST, GATEWAY_URL, GATEWAY_PROXY_SECRET } = env.data;

// Imported by URL: build/ exists only after `vite build`, so the type checker does not look for it.
/** @type {{ handler: import('node:http').RequestListener }} */
const { handler } = await import(new URL('./build/handler.js', import.meta.url).href);
const server = createServer(handler);
server.on(
  'upgrade',
  createUpgradeProxy({ target: new URL(GATEWAY_URL), proxySecret: GATEWAY_PROXY_SECRET ?? null }),
);
server.listen(PORT, HOST, () => {
  console.log(`web: listening on http://${HOST}:${PORT} (gateway ${GATEWAY_URL})`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

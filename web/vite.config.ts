import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `vite dev` only: /api/* goes through hooks.server.ts (as in production); the websocket upgrade
// is proxied here because the dev server owns the HTTP server. Production does it in server.js.
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/ws': { target: gatewayUrl, ws: true, changeOrigin: false } } },
});
